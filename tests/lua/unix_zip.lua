-- unix_zip.lua: /zip/ paths through the unix module: the runtime's own
-- archive read by open, read, lseek, fstat, stat, access, readlink,
-- realpath, opendir; EROFS for every change; then an app bundled from a
-- scratch tree (modes, links, an empty directory, a big entry, a damaged
-- one) runs tests/zip/unix_app.lua inside it. Runs natively and under
-- gVisor. See LICENSE.
local check = dofile("tests/lua/check.lua")
local unix = require("unix")
local zip = require("zip")
local eq = check.eq

-- fails(name, call, ...): a call's results must be nil and an Errno with
-- errno unix[name], for call "call".
local function fails(name, call, ok, err)
  local what = call .. " -> " .. name
  eq(ok, nil, what .. ": first result")
  assert(err ~= nil, what .. ": no Errno")
  eq(err:name(), name, what .. ": name()")
  eq(err:call(), call, what .. ": call()")
end

local nfds = check.nfds
collectgarbage()
local fds_at_start = nfds()

-- {==== open, read, lseek, fstat, close: a file of the runtime's archive
local F = "/zip/.lua/moonbox.lua"
local want = assert(zip.read(F))
local fd = assert(unix.open(F, unix.O_RDONLY))
eq(unix.read(fd, #want + 10), want, "open + read: the whole entry, as zip.read")
eq(unix.read(fd), "", "read at the end: empty")
eq(unix.lseek(fd, 0, unix.SEEK_END), #want, "lseek SEEK_END: the size")
eq(unix.lseek(fd, 5, unix.SEEK_SET), 5, "lseek SEEK_SET")
eq(unix.read(fd, 10), want:sub(6, 15), "read after lseek")
eq(unix.lseek(fd, -3, unix.SEEK_CUR), 12, "lseek SEEK_CUR")
eq(unix.read(fd, 4, 0), want:sub(1, 4), "pread at 0")
eq(unix.lseek(fd, 0, unix.SEEK_CUR), 12, "pread leaves the position")
fails("EINVAL", "lseek", unix.lseek(fd, -1, unix.SEEK_SET))
fails("EBADF", "write", unix.write(fd, "x"))
fails("EBADF", "write", unix.write(fd, "x", 0))
eq(unix.fcntl(fd, unix.F_GETFL) & unix.O_ACCMODE, unix.O_RDONLY, "F_GETFL: read-only")
eq(unix.fcntl(fd, unix.F_GETFD), 0, "no O_CLOEXEC asked: none set")
local st, fst = assert(unix.stat(F)), assert(unix.fstat(fd))
eq(fst:mode(), st:mode(), "fstat and stat: mode")
eq(fst:size(), st:size(), "fstat and stat: size")
eq(fst:size(), #want, "size")
eq(select(1, fst:mtim()), select(1, st:mtim()), "fstat and stat: mtim")
eq(st:mode(), unix.S_IFREG | (zip.stat(F).mode & 4095), "stat: S_IFREG + the entry's bits")
eq(select(1, st:mtim()), zip.stat(F).mtime, "stat: the entry's mtime")
eq(select(1, st:atim()), zip.stat(F).mtime, "stat: atim = mtim")
eq(select(1, st:ctim()), zip.stat(F).mtime, "stat: ctim = mtim")
eq(st:nlink(), 1, "nlink"); eq(st:uid(), 0, "uid"); eq(st:gid(), 0, "gid")
eq(st:ino() > 0, true, "ino")
eq(unix.stat(F):ino(), st:ino(), "ino is stable")
local d2 = assert(unix.dup(fd))
eq(unix.read(d2, 3, 0), want:sub(1, 3), "dup reads the same file")
eq(next(assert(unix.poll({[d2] = unix.POLLIN}, 0))), d2, "poll: readable")
assert(unix.close(d2))
fails("ENOTDIR", "fdopendir", unix.fdopendir(fd))
assert(unix.close(fd))
fails("EBADF", "close", unix.close(fd))
fd = assert(unix.open(F, unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK))
eq(unix.fcntl(fd, unix.F_GETFD), unix.FD_CLOEXEC, "O_CLOEXEC honoured")
eq(unix.fcntl(fd, unix.F_GETFL) & unix.O_NONBLOCK, unix.O_NONBLOCK, "O_NONBLOCK honoured")
assert(unix.close(fd))
-- the name is read as every /zip/ path is
for _, p in ipairs{"//zip/.lua/moonbox.lua", "/zip/../.lua/x/../moonbox.lua",
                   "/zip/.lua//./moonbox.lua", "/../zip/.lua/moonbox.lua"} do
  fd = assert(unix.open(p))
  eq(unix.read(fd, #want + 1), want, "open " .. p)
  assert(unix.close(fd))
end
-- failures
for _, flags in ipairs{unix.O_WRONLY, unix.O_RDWR, unix.O_RDONLY | unix.O_TRUNC,
    unix.O_RDONLY | unix.O_APPEND, unix.O_RDONLY | unix.O_CREAT,
    unix.O_WRONLY | unix.O_CREAT | unix.O_TRUNC} do
  fails("EROFS", "open", unix.open(F, flags))
end
fails("EROFS", "open", unix.open("/zip/new.txt", unix.O_WRONLY | unix.O_CREAT))
fails("EEXIST", "open", unix.open(F, unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL))
fails("ENOENT", "open", unix.open("/zip/no/such"))
fails("ENOENT", "open", unix.open("/zip/no-such", unix.O_WRONLY))
fails("EISDIR", "open", unix.open("/zip/.lua"))
fails("EISDIR", "open", unix.open("/zip/.lua", unix.O_RDONLY | unix.O_DIRECTORY))
fails("EISDIR", "open", unix.open("/zip/", unix.O_WRONLY))
fails("ENOTDIR", "open", unix.open(F, unix.O_RDONLY | unix.O_DIRECTORY))
fails("ENOTDIR", "open", unix.open(F .. "/"))
fails("ENAMETOOLONG", "open", unix.open("/zip/" .. ("a"):rep(5000)))
-- }====

-- {==== link entries: the legacy zone names
local LINK, TO = "/zip/usr/share/zoneinfo/America/Atka", "/zip/usr/share/zoneinfo/America/Adak"
eq(unix.readlink(LINK), "Adak", "readlink: the link entry's text")
fails("EINVAL", "readlink", unix.readlink(TO))
fails("EINVAL", "readlink", unix.readlink("/zip/.lua"))
fails("ENOENT", "readlink", unix.readlink("/zip/no-such"))
local lst = assert(unix.stat(LINK, unix.AT_SYMLINK_NOFOLLOW))
eq(unix.S_ISLNK(lst:mode()), true, "stat AT_SYMLINK_NOFOLLOW: the link")
eq(lst:size(), 4, "a link's size: its text's")
eq(unix.stat(LINK):ino(), unix.stat(TO):ino(), "stat follows: the target's ino")
eq(unix.S_ISREG(unix.stat(LINK):mode()), true, "stat follows: a file")
fd = assert(unix.open(LINK))
eq(unix.read(fd, 1 << 16), zip.read(TO), "open follows the link")
assert(unix.close(fd))
fails("ELOOP", "open", unix.open(LINK, unix.O_RDONLY | unix.O_NOFOLLOW))
eq(unix.realpath(LINK), TO, "realpath follows the link")
eq(unix.realpath("/zip/usr/share/../share/zoneinfo/America/Adak"), TO, "realpath: '..'")
eq(unix.realpath("/zip/"), "/zip", "realpath of the root")
eq(unix.realpath("/zip/.lua/"), "/zip/.lua", "realpath of a directory")
fails("ENOENT", "realpath", unix.realpath("/zip/a/../no-such"))
eq(unix.access(LINK, unix.F_OK, unix.AT_SYMLINK_NOFOLLOW), true, "access NOFOLLOW")
-- }====

-- {==== stat and access
local root = assert(unix.stat("/zip"))
eq(root:mode(), unix.S_IFDIR | tonumber("755", 8), "the root: a directory")
eq(unix.S_ISDIR(unix.stat("/zip/.lua/"):mode()), true, "a directory entry")
fails("ENOENT", "stat", unix.stat("/zip/no-such"))
fails("ENOTDIR", "stat", unix.stat(F .. "/"))
fails("EINVAL", "stat", unix.stat(F, 0x10000000))
eq(unix.access(F, unix.F_OK), true, "access F_OK")
eq(unix.access(F, unix.R_OK), true, "access R_OK")
eq(unix.access("/zip/.lua", unix.R_OK | unix.X_OK), true, "access X_OK of a directory")
fails("EACCES", "access", unix.access(F, unix.X_OK))
fails("EROFS", "access", unix.access(F, unix.W_OK))
fails("EROFS", "access", unix.access("/zip/", unix.R_OK | unix.W_OK))
fails("ENOENT", "access", unix.access("/zip/no-such", unix.F_OK))
fails("EINVAL", "access", unix.access(F, 8))
-- }====

-- {==== opendir: the direct children, as zip.list has them
local function children(prefix)
  local names, seen = {}, {}
  for _, n in ipairs(assert(zip.list(prefix))) do
    local child = n:sub(#prefix + 1):match("^[^/]+")
    if child and not seen[child] then seen[child] = true; names[#names + 1] = child end
  end
  return names
end
local function listing(path)
  local names, kinds = {}, {}
  local dir <close> = assert(unix.opendir(path))
  for name, kind, ino in dir do
    names[#names + 1] = name
    kinds[name] = kind
    if name ~= "." and name ~= ".." then
      eq(ino, unix.stat(path .. "/" .. name, unix.AT_SYMLINK_NOFOLLOW):ino(), "readdir ino = stat ino: " .. name)
    end
  end
  return names, kinds
end
for _, p in ipairs{"/zip/.lua", "/zip/usr/share/zoneinfo/America"} do
  local names, kinds = listing(p)
  eq(table.concat(names, " "), ". .. " .. table.concat(children(p:sub(6) .. "/"), " "),
    "opendir " .. p .. ": '.', '..' and zip.list's children")
  eq(kinds["."], unix.DT_DIR, "'.' is a directory")
end
local _, kinds = listing("/zip/usr/share/zoneinfo/America")
eq(kinds.Atka, unix.DT_LNK, "a link entry: DT_LNK")
eq(kinds.Adak, unix.DT_REG, "a file: DT_REG")
eq(kinds.Argentina, unix.DT_DIR, "a directory: DT_DIR")
local names = listing("/zip")
eq(table.concat(names, " "), ". .. .lua usr", "the root's listing")
local dir = assert(unix.opendir("/zip/.lua"))
eq(dir:tell(), 0, "tell at the start")
local first = {dir:read()}
eq(first[1], ".", "first: '.'")
eq(first[4], 1, "off: the position after it")
eq(dir:tell(), 1, "tell after one")
eq(dir:read(), "..", "second: '..'")
eq(unix.stat("/zip"):ino(), select(3, (function() dir:rewind(); dir:read(); return dir:read() end)()),
  "'..' of /zip/.lua: the root's ino")
dir:rewind()
eq(dir:tell(), 0, "rewind")
eq(dir:read(), ".", "after rewind: '.' again")
fails("EOPNOTSUPP", "dirfd", dir:fd())
eq(dir:close(), true, "close"); eq(dir:close(), true, "close again")
check.checkerror("unix.Dir is closed", dir.read, dir)
fails("ENOTDIR", "opendir", unix.opendir(F))
fails("ENOENT", "opendir", unix.opendir("/zip/no-such"))
-- }====

-- {==== changes: EROFS, nothing touched
local top = os.tmpname()
assert(os.remove(top))
assert(unix.mkdir(top, tonumber("700", 8)))
local T = top .. "/t"
assert(io.open(T, "w")):close()
for _, c in ipairs{
    {"mkdir", "/zip/new"}, {"mkdir", "/zip/.lua"}, {"makedirs", "/zip/a/b"},
    {"rmdir", "/zip/.lua"}, {"rmrf", "/zip/.lua"}, {"rmrf", "/zip"}, {"unlink", F},
    {"rename", F, top .. "/x"}, {"rename", T, "/zip/x"}, {"link", T, "/zip/x"},
    {"symlink", "x", "/zip/x"}, {"chmod", F, 420}, {"chown", F, 0, 0},
    {"truncate", F}, {"utimensat", F, 0, 0, 0, 0}} do
  fails("EROFS", c[1], unix[c[1]](table.unpack(c, 2)))
end
fails("EXDEV", "link", unix.link(F, top .. "/x"))
eq(unix.makedirs("/zip/.lua"), true, "makedirs of a directory that is there")
fails("EEXIST", "makedirs", unix.makedirs(F))
eq(unix.stat(T):size(), 0, "rename into /zip/ left the file alone")
fails("ENOENT", "stat", unix.stat(top .. "/x"))
eq(unix.symlink(F, top .. "/ln"), true, "a link on disk to a /zip/ path")
eq(unix.readlink(top .. "/ln"), F, "its text")
fails("EOPNOTSUPP", "chdir", unix.chdir("/zip/.lua"))
fails("ENOTDIR", "chdir", unix.chdir(F))
fails("ENOENT", "chdir", unix.chdir("/zip/no-such"))
eq(zip.read(F), want, "the archive is unchanged")
-- }====

-- {==== an app bundled from a tree of our own, and a damaged copy of it
local exe = assert(arg[-1], "arg[-1]: the interpreter")
if exe:find("/") then exe = assert(unix.realpath(exe)) end -- we cd below
local src = top .. "/src"
local function sh(cmd)
  local ok, how, code = os.execute(cmd)
  assert(ok, string.format("%s: %s %s", cmd, tostring(how), tostring(code)))
end
local function put(name, data, mode)
  local f = assert(io.open(src .. "/" .. name, "wb"))
  f:write(data); f:close()
  if mode then assert(unix.chmod(src .. "/" .. name, mode)) end
end
assert(unix.makedirs(src .. "/data/sub/deep"))
assert(unix.mkdir(src .. "/data/empty"))
local big = {}
for i = 1, 20000 do big[i] = string.format("%05d:%s\n", i, ("x"):rep(i % 13)) end
put("data/big.txt", table.concat(big))
local seed, noise = 12345, {"MOONBOX-DAMAGE-HERE"}
for i = 2, 4000 do seed = (seed * 1103515245 + 12345) % 2147483648; noise[i] = string.char(seed >> 16 & 255) end
put("data/noise.bin", table.concat(noise))
put("data/run.sh", "#!/bin/sh\n", tonumber("755", 8))
put("data/ro.txt", "read only\n", tonumber("444", 8))
put("data/empty.txt", "")
put("data/sub/deep/x.txt", "deep\n")
assert(unix.symlink("big.txt", src .. "/data/link"))
assert(unix.symlink("link", src .. "/data/link2"))
assert(unix.symlink("sub/deep/x.txt", src .. "/data/deeplink"))
put("main.lua", assert(io.open("tests/zip/unix_app.lua")):read("a"))
local app = top .. "/app"
sh(string.format("cd '%s' && '%s' --bundle -o '%s' --main main.lua main.lua data",
  src, exe, app))
-- run(command, ...): the output of a shell command (its words as given)
local function run(...)
  local p = assert(io.popen(table.concat({...}, " ") .. " 2>&1"))
  local out = p:read("a")
  p:close()
  return out
end
eq(run("'" .. app .. "'", src), "unix_app: ok\n", "the checks inside the bundled app")
-- the stored (incompressible) entry damaged: open fails with EIO, no
-- descriptor left behind
local bytes = assert(io.open(app, "rb")):read("a")
local at = assert(bytes:find("MOONBOX-DAMAGE-HERE", 1, true), "noise.bin is stored")
local bad = top .. "/bad"
local f = assert(io.open(bad, "wb"))
f:write(bytes:sub(1, at + 99), string.char(bytes:byte(at + 100) ~ 1), bytes:sub(at + 101))
f:close()
assert(unix.chmod(bad, tonumber("755", 8)))
eq(run("'" .. bad .. "'", "--damaged"), "unix_app: damaged ok\n",
  "a damaged entry: EIO, no descriptor left, stat still works")
-- at the descriptor limit: with room for the memfd only, it is kept (the
-- read-only reopen needs one more: write is EPERM, from the seal); with no
-- room, EMFILE and nothing left open
eq(run("'" .. exe .. "'", "-e", "'" .. [[
local u = require "unix"
local probe = assert(u.open("/dev/null")) u.close(probe)
assert(u.setrlimit(u.RLIMIT_NOFILE, probe + 1))
local fd = assert(u.open("/zip/.lua/moonbox.lua"))
io.write(tostring(fd == probe), " ", u.fcntl(fd, u.F_GETFL) & 3, " ",
  select(2, u.write(fd, "x")):name(), " ", #u.read(fd, 99999), "\n")
local fd2, err = u.open("/zip/.lua/moonbox.lua")
u.close(fd)
io.write(tostring(fd2), " ", err:name(), " ", tostring(u.open("/dev/null") == probe), "\n")
io.stdout:flush() u.exit(0) -- skip exit handlers: sanitizers need descriptors]] .. "'"),
  "true 2 EPERM " .. #want .. "\nnil EMFILE true\n", "open /zip/ at the descriptor limit")
-- no archive at all: /zip/ names nothing
eq(run("MOONBOX_NOZIP=1 '" .. exe .. "'", "-e", "'" .. [[
local unix = require "unix"
for _, r in ipairs{{unix.open("/zip/.lua/moonbox.lua")}, {unix.stat("/zip")},
    {unix.opendir("/zip/")}, {unix.readlink("/zip/x")}, {unix.access("/zip", 0)}} do
  io.write(tostring(r[1]), " ", r[2]:name(), " ") end]] .. "'"),
  ("nil ENOENT "):rep(5), "no archive: ENOENT")
-- }====

eq(unix.rmrf(top), true, "rmrf of the scratch directory")
collectgarbage()
eq(nfds(), fds_at_start, "descriptors open at the end as at the start")
print("unix_zip: ok")
