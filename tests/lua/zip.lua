-- zip.lua: /zip/ paths and the zip module on the runtime's own archive
-- (build/moonbox carries lua/ at /zip/.lua/). See LICENSE.
local T = dofile("tests/lua/check.lua")
local eq, checkerror = T.eq, T.checkerror
local zip = require "zip"

local src = assert(io.open("lua/moonbox.lua", "rb")):read("a")

-- io.open gives a genuine file handle
local f = assert(io.open("/zip/.lua/moonbox.lua"))
eq(io.type(f), "file", "io.type of a /zip/ handle")
eq(f:read("a"), src, "whole /zip/.lua/moonbox.lua")
eq(f:seek("set", 3), 3, "seek set")
eq(f:read(5), src:sub(4, 8), "read(5) after seek")
eq(f:seek("end"), #src, "seek end is the size")
eq(f:read("l"), nil, "read at end")
eq(f:seek("cur", -#src), 0, "seek back to start")
eq(f:read("l"), src:match("^[^\n]*"), "first line")
eq(f:write("x"), nil, "write on a /zip/ handle fails")
assert(f:close())
eq(io.type(f), "closed file", "closed handle")
checkerror("closed file", f.read, f)
eq(select("#", io.open("/zip/.lua/moonbox.lua", "rb")), 1, "rb mode opens")

-- io.lines, with formats, closes at the end
local n, last = 0, nil
for l in io.lines("/zip/.lua/moonbox.lua") do n, last = n + 1, l end
local _, nl = src:gsub("\n", "")
eq(n, nl, "io.lines count")
eq(last, "return M", "last line")
local it, _, _, h = io.lines("/zip/.lua/moonbox.lua", 4)
eq(it(), src:sub(1, 4), "io.lines with a count")
eq(io.type(h), "file", "fourth value is the file")
checkerror("No such file or directory", io.lines, "/zip/nope.lua")

-- lexical normalization; nothing outside the archive
eq(io.open("/zip/x/../.lua/./moonbox.lua"):read("a"), src, "/zip/x/../.lua")
eq(io.open("/zip//.lua//moonbox.lua"):read("a"), src, "double slashes")
eq(io.open("/zip/../../.lua/moonbox.lua"):read("a"), src, ".. stops at /zip/")
local r, msg, code = io.open("/zip/../../etc/passwd")
eq(r, nil, "no escape from /zip/")
eq(msg, "/zip/../../etc/passwd: No such file or directory", "message")
eq(code, 2, "ENOENT")
r, msg, code = io.open("/zip/.lua")
eq(r, nil, "a directory is not opened")
eq(code, 21, "a directory: EISDIR")
eq(msg, "/zip/.lua: Is a directory", "directory message")

-- read-only file system
for _, mode in ipairs{"w", "a", "r+", "w+", "a+", "wb"} do
  r, msg, code = io.open("/zip/.lua/moonbox.lua", mode)
  eq(r, nil, "mode " .. mode)
  eq(msg, "/zip/.lua/moonbox.lua: Read-only file system", "EROFS message")
  eq(code, 30, "EROFS")
end
checkerror("invalid mode", io.open, "/zip/.lua/moonbox.lua", "rw")
eq(select(3, os.remove("/zip/.lua/moonbox.lua")), 30, "os.remove")
eq(select(2, os.rename("/zip/a", "/tmp/b")), "/zip/a: Read-only file system",
  "os.rename from /zip/")
eq(select(3, os.rename("/tmp/nothing-here", "/zip/b")), 30, "os.rename to /zip/")

-- loading code; "Lua 5.4.N" as the pinned lua.h spells it
local luah = assert(io.open("build/deps/lua/src/lua.h", "rb")):read("a")
local release = "Lua " .. table.concat({
  luah:match('#define LUA_VERSION_MAJOR%s+"(%d+)"'),
  luah:match('#define LUA_VERSION_MINOR%s+"(%d+)"'),
  luah:match('#define LUA_VERSION_RELEASE%s+"(%d+)"')}, ".")
eq(loadfile("/zip/.lua/moonbox.lua")().lua, release, "loadfile")
eq(dofile("/zip/.lua/moonbox.lua").lua, release, "dofile")
local env = {require = require}
eq(loadfile("/zip/.lua/moonbox.lua", "t", env)().version,
  require("moonbox.build").version, "loadfile with mode and env")
r, msg = loadfile("/zip/.lua/moonbox.lua", "b")
eq(r, nil, "text chunk refused in mode b")
assert(msg:find("attempt to load a text chunk"), msg)
r, msg = loadfile("/zip/none.lua")
eq(r, nil, "loadfile of a missing file")
eq(msg, "cannot open /zip/none.lua: No such file or directory", "loadfile msg")
checkerror("cannot open /zip/none.lua", dofile, "/zip/none.lua")

-- require and package.searchpath
assert(package.path:find("^/zip/%.lua/%?%.lua;/zip/%.lua/%?/init%.lua;"),
  package.path)
assert(package.path:find("./?.lua;./?/init.lua", 1, true), package.path)
local m = require "moonbox"
eq(m.version, io.open("VERSION"):read("l"), "moonbox.version")
-- a sanitizer build (make SAN=...) is made with clang against glibc
eq(m.target, os.getenv("MOONBOX_SAN") and "x86_64-linux-gnu"
  or "x86_64-linux-musl", "moonbox.target")
eq(m.has_archive(), true, "has_archive")
assert(m.exe():find("moonbox$"), m.exe())
eq(package.searchpath("moonbox", package.path), "/zip/.lua/moonbox.lua",
  "searchpath finds /zip/")
r, msg = package.searchpath("nope", "/zip/?.lua;/zip/x/?.lua")
eq(r, nil, "searchpath of a missing module")
eq(msg, "no file '/zip/nope.lua'\n\tno file '/zip/x/nope.lua'", "not found")

-- the zip module
local list = zip.list()
assert(#list >= 2, "at least .lua/ and .lua/moonbox.lua")
for i = 2, #list do assert(list[i - 1] < list[i], "sorted") end
eq(zip.list(".lua/moo")[1], ".lua/moonbox.lua", "list with prefix")
eq(#zip.list("/zip/.lua/nothing"), 0, "empty list")
local st = zip.stat("/zip/.lua/moonbox.lua")
eq(st.size, #src, "stat size")
eq(st.isdir, false, "stat isdir")
eq(st.name, ".lua/moonbox.lua", "stat name")
assert(st.method == "deflate" or st.method == "stored", st.method)
assert(st.csize > 0 and st.crc32 > 0 and st.mtime > 0, "stat fields")
eq(zip.stat(".lua").isdir, true, "directory")
eq(zip.stat(".lua").name, ".lua/", "directory name ends with /")
eq(zip.read(".lua/moonbox.lua"), src, "zip.read")
eq(select(3, zip.read("/zip/.lua")), 21, "zip.read of a directory")
eq(select(3, zip.stat("nope")), 2, "zip.stat of nothing")
checkerror("string expected", zip.read)
local a = zip.archive()
eq(a.path, m.exe(), "archive path")
assert(a.entries >= 2, "entries")

-- io.input and io.output: /zip/ names the archive there too (issue 11)
local stdin = io.input()
eq(io.type(io.input("/zip/.lua/moonbox.lua")), "file", "io.input of /zip/")
eq(io.read("a"), src, "io.read from a /zip/ io.input")
io.input():close()
io.input(stdin)
checkerror("cannot open file '/zip/nope' (No such file or directory)",
  io.input, "/zip/nope")
local stdout = io.output()
checkerror("cannot open file '/zip/new.txt' (Read-only file system)",
  io.output, "/zip/new.txt")
checkerror("cannot open file '//zip/new.txt' (Read-only file system)",
  io.output, "//zip/new.txt")
eq(io.output(), stdout, "a refused io.output keeps the old one")

-- other spellings of /zip/ the kernel reads the same: the archive too
for _, p in ipairs{"//zip/.lua/moonbox.lua", "/./zip/.lua/moonbox.lua",
    "/../zip/.lua/moonbox.lua", "///zip//.lua/moonbox.lua"} do
  eq(io.open(p):read("a"), src, "io.open " .. p)
  eq(loadfile(p)().lua, release, "loadfile " .. p)
  eq(dofile(p).lua, release, "dofile " .. p)
  eq(zip.read(p), src, "zip.read " .. p)
  eq(zip.stat(p).name, ".lua/moonbox.lua", "zip.stat " .. p)
  eq(select(3, io.open(p, "w")), 30, "io.open(" .. p .. ", 'w')")
  eq(select(3, os.remove(p)), 30, "os.remove " .. p)
  local n2 = 0
  for _ in io.lines(p) do n2 = n2 + 1 end
  eq(n2, nl, "io.lines " .. p)
end
eq(package.searchpath("moonbox", "//zip/.lua/?.lua"), "//zip/.lua/moonbox.lua",
  "searchpath through //zip/")
eq(io.open("/zipx/a"), nil, "/zipx/ is not the archive")
eq(select(2, io.open("/zipx/a")), "/zipx/a: No such file or directory",
  "/zipx/ goes to the disk")
print("zip.lua: ok")
