-- moonbox.lua: the moonbox module (version, build, target, lua, archive(),
-- has_archive(), exe()) is built into the binary (src/bind/libs.c) so that it
-- answers when the archive is missing, damaged or disabled; require finds
-- it in package.preload before this file. This copy in the archive hands
-- over to it for code that loads the file by path. See LICENSE.
local M = require "moonbox"
return M
