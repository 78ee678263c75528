-- unix_app.lua: the main script of the app tests/lua/unix_zip.lua bundles
-- from a scratch tree (arg[1]: that tree, to compare with): /zip/ paths of
-- an app through the unix module: modes, links, an empty directory, a big
-- entry read piecewise. With --damaged, the checks on the copy whose stored
-- entry data/noise.bin was damaged. See LICENSE.
local unix = require("unix")
local zip = require("zip")

local function eq(got, want, what)
  if got ~= want then
    error(string.format("%s: expected %q, got %q", what, tostring(want),
      tostring(got)), 2)
  end
end
local function fails(name, what, ok, err)
  eq(ok, nil, what .. ": nil")
  eq(err and err:name(), name, what)
end
local function nfds()
  local n = 0
  for _ in assert(unix.opendir("/proc/self/fd")) do n = n + 1 end
  return n
end
local function octal(s) return tonumber(s, 8) end
collectgarbage()
local fds_at_start = nfds()

if arg[1] == "--damaged" then
  fails("EIO", "open of a damaged entry", unix.open("/zip/data/noise.bin"))
  collectgarbage()
  eq(nfds(), fds_at_start, "no descriptor left by the failed open")
  eq(unix.stat("/zip/data/noise.bin"):size(), 4018, "stat reads the directory only")
  print("unix_app: damaged ok")
  return
end
local src = assert(arg[1], "arg[1]: the tree the app was made from")
local function disk(name) return assert(io.open(src .. "/" .. name, "rb")):read("a") end

-- a big deflated entry, read in pieces and by offsets
local big = disk("data/big.txt")
local fd = assert(unix.open("/zip/data/big.txt"))
local parts = {}
repeat
  local s = assert(unix.read(fd, 7000))
  parts[#parts + 1] = s
until s == ""
eq(table.concat(parts), big, "big.txt read piecewise")
eq(unix.read(fd, 10, #big - 10), big:sub(-10), "pread near the end")
eq(unix.lseek(fd, 100000, unix.SEEK_SET), 100000, "lseek")
eq(unix.read(fd, 6), big:sub(100001, 100006), "read after lseek")
eq(assert(unix.fstat(fd)):size(), #big, "fstat size")
assert(unix.close(fd))

-- modes: fstat agrees with stat
for name, mode in pairs{["data/run.sh"] = "755", ["data/ro.txt"] = "444",
                        ["data/empty.txt"] = "644"} do
  local p = "/zip/" .. name
  local st = assert(unix.stat(p))
  eq(st:mode(), unix.S_IFREG | octal(mode), "stat mode " .. name)
  fd = assert(unix.open(p))
  local fst = assert(unix.fstat(fd))
  eq(fst:mode(), st:mode(), "fstat mode " .. name)
  eq(fst:size(), st:size(), "fstat size " .. name)
  eq(fst:mtim(), st:mtim(), "fstat mtim " .. name)
  eq(unix.read(fd, 100), disk(name), "data of " .. name)
  assert(unix.close(fd))
end
eq(unix.access("/zip/data/run.sh", unix.X_OK), true, "access X_OK: 0755")
fails("EACCES", "access X_OK: 0444", unix.access("/zip/data/ro.txt", unix.X_OK))
eq(unix.access("/zip/data/ro.txt", unix.R_OK), true, "access R_OK: 0444")
eq(select(1, unix.stat("/zip/data/big.txt"):mtim()), zip.stat("/zip/data/big.txt").mtime,
  "mtime: the entry's")

-- links: a chain, and one into a subdirectory
eq(unix.readlink("/zip/data/link"), "big.txt", "readlink")
eq(unix.readlink("/zip/data/link2"), "link", "readlink of a link to a link")
eq(unix.realpath("/zip/data/link2"), "/zip/data/big.txt", "realpath through two links")
eq(unix.realpath("/zip/data/deeplink"), "/zip/data/sub/deep/x.txt", "realpath into a directory")
fd = assert(unix.open("/zip/data/link2"))
eq(unix.read(fd, 20), big:sub(1, 20), "open through two links")
assert(unix.close(fd))
eq(unix.stat("/zip/data/link2"):ino(), unix.stat("/zip/data/big.txt"):ino(), "same ino")
eq(unix.S_ISLNK(unix.stat("/zip/data/link2", unix.AT_SYMLINK_NOFOLLOW):mode()), true,
  "AT_SYMLINK_NOFOLLOW")
fails("ENOTDIR", "a link to a file, then '/'", unix.stat("/zip/data/link/"))

-- directories
local function list(p)
  local out = {}
  for name, kind in assert(unix.opendir(p)) do out[#out + 1] = name .. ":" .. kind end
  return table.concat(out, " ")
end
local R, D, L = unix.DT_REG, unix.DT_DIR, unix.DT_LNK
eq(list("/zip/data"), string.format(
  ".:%d ..:%d big.txt:%d deeplink:%d empty.txt:%d empty:%d link:%d link2:%d noise.bin:%d ro.txt:%d run.sh:%d sub:%d",
  D, D, R, L, R, D, L, L, R, R, R, D), "opendir data (in entry name order: 'empty/' after 'empty.txt')")
eq(list("/zip/data/empty"), ".:4 ..:4", "an empty directory")
eq(list("/zip/data/sub/"), ".:4 ..:4 deep:4", "a directory with a subdirectory")
eq(unix.S_ISDIR(unix.stat("/zip/data/empty"):mode()), true, "stat of an empty directory")
eq(unix.stat("/zip/data/sub/deep/.."):ino(), unix.stat("/zip/data/sub"):ino(), "'..' in a path")
fails("EISDIR", "open of a directory", unix.open("/zip/data/empty"))

collectgarbage()
eq(nfds(), fds_at_start, "descriptors at the end as at the start")
print("unix_app: ok")
