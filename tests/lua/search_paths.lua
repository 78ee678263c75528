-- search_paths.lua: where require looks, and what it finds there. Built-in
-- modules answer from package.preload (on demand: a metamethod, not one
-- entry each); the archive's /zip/.lua/ comes next; then Debian's Lua
-- directories, so that apt's pure-Lua packages load (make test-tools
-- installs lua-argparse, lua-say and lua-cjson for this file), while a C
-- module found there is an error that says why. See LICENSE.
local check = dofile("tests/lua/check.lua")
local moonbox = require "moonbox"

-- {==== package.path: the archive, then exactly Debian lua5.4's list
local deb = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;" ..
  "/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;" ..
  "/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua"
local lua54 = io.popen("lua5.4 -e 'io.write(package.path, \"\\n\", package.cpath)'")
local deb_path, deb_cpath = lua54:read("l", "l")
lua54:close()
if os.getenv("LUA_PATH") == nil and os.getenv("LUA_PATH_5_4") == nil then
  check.eq(deb_path, deb, "Debian lua5.4's package.path")
  check.eq(package.path, "/zip/.lua/?.lua;/zip/.lua/?/init.lua;" ..
    "/zip/?.lua;/zip/?/init.lua;" .. deb, "package.path")
end
if os.getenv("LUA_CPATH") == nil and os.getenv("LUA_CPATH_5_4") == nil then
  check.eq(package.cpath, deb_cpath, "package.cpath is Debian lua5.4's")
end
-- }====

-- {==== apt's packages
-- pure Lua, as a file and as a directory with init.lua
check.eq(package.searchpath("argparse", package.path),
  "/usr/share/lua/5.4/argparse.lua", "argparse found where apt put it")
local argparse = require "argparse"
local parser = argparse("prog", "a test")
parser:option("-n --count"):convert(tonumber)
parser:argument("file")
local args = parser:parse({"-n", "3", "x.txt"})
check.eq(args.count, 3, "argparse's -n")
check.eq(args.file, "x.txt", "argparse's argument")
check.eq(package.searchpath("say", package.path),
  "/usr/share/lua/5.4/say/init.lua", "say found as say/init.lua")
local say = require "say"
say:set("greeting", "hello %s")
check.eq(say("greeting", {"moonbox"}), "hello moonbox", "say formats")

-- a C module: found, not loaded, and the message says why and what is in
local so = "/usr/lib/x86_64-linux-gnu/lua/5.4/cjson.so"
local ok, err = pcall(require, "cjson")
check.eq(ok, false, "require 'cjson' fails")
check.eq(err:find("module 'cjson' is a C library at '" .. so ..
  "', which moonbox cannot load: it is statically linked (built-in C " ..
  "modules: ", 1, true) ~= nil, true, "the message: " .. err)
for _, name in ipairs{"lfs", "lpeg", "zlib", "socket.core", "lsqlite3"} do
  check.eq(err:find(name, 1, true) ~= nil, true, "the message names " .. name)
end
-- cjson's pure-Lua helper sits in /usr/share/lua/5.4 and needs the C part
ok, err = pcall(require, "cjson.util")
check.eq(ok, false, "require 'cjson.util' fails (it needs cjson)")
check.eq(err:find(so, 1, true) ~= nil, true, "cjson.util's error: " .. err)
-- }====

-- {==== package.preload: every built-in name answers, nothing is listed
for _, name in ipairs{"lfs", "cosmo", "cosmo.unix", "socket.core", "moonbox",
                      "moonbox.build"} do
  check.eq(type(package.preload[name]), "function", "package.preload." .. name)
end
check.eq(package.preload["no.such.module"], nil, "an unknown name")
check.eq(package.preload[1], nil, "a number")
check.eq(next(package.preload), nil, "no entries until a script adds one")
-- an entry a script sets wins over the built-in one, and goes again
package.preload.lfs = function() return "mine" end
check.eq(require "lfs", "mine", "a script's package.preload.lfs")
package.loaded.lfs, package.preload.lfs = nil, nil
check.eq(type(require "lfs"), "table", "the built-in lfs once it is removed")
-- }====

-- {==== moonbox.modules(): what --modules prints
local list = moonbox.modules()
local sorted = {table.unpack(list)}
table.sort(sorted)
check.eq(table.concat(list, " "), table.concat(sorted, " "), "sorted")
local set = {}
for _, name in ipairs(list) do
  check.eq(set[name], nil, "listed once: " .. name)
  set[name] = true
end
-- every listed module loads (Lua modules from the archive, C modules and
-- their aliases); the archive's are exactly its .lua files
for _, name in ipairs(list) do
  local path = package.searchpath(name, "/zip/.lua/?.lua;/zip/.lua/?/init.lua")
  check.eq(path ~= nil or package.preload[name] ~= nil, true, "found: " .. name)
end
for _, entry in ipairs(require "zip".list("/zip/.lua/")) do
  local name = entry:match("^%.lua/(.*)%.lua$")
  if name then
    name = name:gsub("/init$", ""):gsub("/", ".")
    check.eq(set[name], true, "the archive's " .. entry .. " is listed")
  end
end
for _, name in ipairs{"lfs", "lpeg", "re", "socket", "socket.http", "ltn12",
                      "cosmo", "cosmo.re", "lsqlite3", "zlib", "term", "system",
                      "luaunit", "moonbox"} do
  check.eq(set[name], true, "listed: " .. name)
end
local cli = io.popen(string.format("%q --modules", arg[-1])):read("a")
check.eq(cli, table.concat(list, "\n") .. "\n", "--modules prints the list")
-- }====
print("ok")
