-- lfs.lua: the built-in LuaFileSystem: loaded on first require, its
-- results on the real file system agree with python3's os module, and
-- /zip/ paths (which it does not know) fail cleanly. Its own upstream
-- tests run in tests/run's lfs section. See LICENSE.
local check = dofile("tests/lua/check.lua")

check.eq(package.loaded.lfs, nil, "lfs loaded before require")
check.eq(type(package.preload.lfs), "function", "package.preload.lfs")
local lfs = require("lfs")
check.eq(require("lfs"), lfs, "require 'lfs' twice")
-- LuaFileSystem 1.8's luaopen_lfs also sets the global lfs (as it does
-- with Debian's lua5.4): kept, the source being built unmodified
check.eq(rawget(_G, "lfs"), lfs, "the global lfs")
-- the version deps/deps.lock pins
check.eq(lfs._VERSION, "LuaFileSystem 1.8.0", "lfs._VERSION")

-- {==== the real file system, python3's os.stat as the oracle
local dir = os.tmpname() .. ".d"
assert(lfs.mkdir(dir))
local file, link = dir .. "/f", dir .. "/l"
check.writefile(file, string.rep("x", 5000))
assert(lfs.touch(file, 1000000000, 1234567890)) -- atime, mtime
assert(lfs.link(file, link, true))
assert(lfs.mkdir(dir .. "/sub"))

local py = check.python([[
import os, stat, sys
d = sys.stdin.read()
s = os.stat(d + "/f")
for k in ("dev", "ino", "nlink", "uid", "gid", "rdev", "size", "blocks",
          "blksize", "atime", "mtime", "ctime"):
    print(k, int(getattr(s, "st_" + k)))
print("permissions", stat.filemode(s.st_mode)[1:])
print("target", os.readlink(d + "/l"))
print("lmode", "link" if stat.S_ISLNK(os.lstat(d + "/l").st_mode) else "?")
print("list", " ".join(sorted(os.listdir(d) + [".", ".."])))
]], dir)
local want = {}
for _, line in ipairs(check.lines(py)) do
  local k, v = line:match("^(%S+) (.*)$")
  want[k] = v
end

local a = assert(lfs.attributes(file))
check.eq(a.mode, "file", "attributes.mode")
local names = {access = "atime", modification = "mtime", change = "ctime"}
for _, k in ipairs({"dev", "ino", "nlink", "uid", "gid", "rdev", "size",
                    "blocks", "blksize", "access", "modification",
                    "change"}) do
  check.eq(tostring(a[k]), want[names[k] or k], "attributes." .. k)
  check.eq(lfs.attributes(file, k), a[k], "attributes(file, '" .. k .. "')")
end
check.eq(a.permissions, want.permissions, "attributes.permissions")
check.eq(lfs.attributes(dir .. "/sub", "mode"), "directory", "a directory")
-- the link is followed by attributes, not by symlinkattributes
check.eq(lfs.attributes(link, "ino"), a.ino, "attributes of the link")
local l = assert(lfs.symlinkattributes(link))
check.eq(l.mode, want.lmode, "symlinkattributes.mode")
check.eq(l.target, want.target, "symlinkattributes.target")

local seen = {}
for name in lfs.dir(dir) do seen[#seen + 1] = name end
table.sort(seen)
check.eq(table.concat(seen, " "), want.list, "lfs.dir")

assert(os.remove(link))
assert(os.remove(file))
assert(lfs.rmdir(dir .. "/sub"))
assert(lfs.rmdir(dir))
os.remove(dir:sub(1, -3)) -- os.tmpname's own file
check.eq(lfs.attributes(dir), nil, "the directory is gone")
-- }====

-- {==== /zip/ paths: lfs works on the real file system only
local ENOENT = require("unix").ENOENT -- the C library's number
local entry = "/zip/.lua/re.lua"
assert(io.open(entry), "the archive has " .. entry)
local r, msg, code = lfs.attributes(entry)
check.eq(r, nil, "attributes of a /zip/ path")
assert(msg:find(entry, 1, true), "message names the path: " .. msg)
check.eq(code, ENOENT, "attributes' errno")
check.eq(lfs.symlinkattributes(entry), nil, "symlinkattributes of /zip/")
check.checkerror("cannot open /zip/.lua", lfs.dir, "/zip/.lua")
check.eq(lfs.chdir("/zip/.lua"), nil, "chdir into /zip/")
check.eq(select(3, lfs.mkdir("/zip/new")), ENOENT, "mkdir under /zip/")
check.eq(select(3, lfs.touch(entry)), ENOENT, "touch of a /zip/ path")
-- a file opened from the archive has no descriptor to lock
local f <close> = assert(io.open(entry))
local ok, why = lfs.lock(f, "r")
check.eq(ok, nil, "lock of a /zip/ file")
check.eq(type(why), "string", "lock's message")
-- }====

-- the message for a C module that cannot load names lfs and lpeg
local so = os.tmpname()
local saved = package.cpath
package.cpath = so:match("^(.*/)") .. "?"
local found, err = pcall(require, so:match("[^/]+$"))
package.cpath = saved
os.remove(so)
check.eq(found, false, "require of a C library file")
local list = err:match("built%-in C modules: ([^)]*)")
assert(list, "message lists the built-in modules: " .. err)
local listed = {}
for name in list:gmatch("[^, ]+") do listed[name] = true end
assert(listed.lfs and listed.lpeg, "lfs and lpeg listed: " .. list)
print("lfs: ok")
