-- moonbox.lua: what this runtime is and where its archive came from; shipped
-- in the executable's own archive at /zip/.lua/moonbox.lua. See LICENSE.
local build = require "moonbox.build"
local zip = require "zip"

local M = {
  version = build.version, -- moonbox's version, e.g. "0.1.0"
  build = build.build,     -- the commit it was built from ("-dirty": edited)
  target = build.target,   -- e.g. "x86_64-linux-musl"
  lua = build.lua,         -- e.g. "Lua 5.4.9"
}

-- moonbox.archive() -> {path, base, entries, skipped} | nil, message
-- path: where the executable (and so the archive) was found; base: the
-- archive's offset in it (0 when its offsets count from the file's start).
M.archive = zip.archive

-- moonbox.has_archive() -> boolean
function M.has_archive()
  return zip.archive() ~= nil
end

-- moonbox.exe() -> the path this executable was found at, or nil
function M.exe()
  local a = zip.archive()
  return a and a.path
end

return M
