-- unix_fs.lua: the files theme of the unix module: every function's
-- success and its failures (the Errno's methods and text checked on real
-- failures), rmrf against symbolic links out of its tree, Dir objects
-- closing on collection, and no descriptor left open. Runs natively and
-- under gVisor. See LICENSE.
local check = dofile("tests/lua/check.lua")
local unix = require("unix")
local eq = check.eq

-- fails(name, call, ...): the results of a call that must fail with errno
-- unix[name], reported as call "call".
local function fails(name, call, ok, err, extra)
  local what = call .. " -> " .. name
  eq(ok, nil, what .. ": first result")
  assert(err ~= nil, what .. ": no Errno")
  eq(extra, nil, what .. ": third result")
  eq(err:name(), name, what .. ": name()")
  eq(err:errno(), unix[name], what .. ": errno()")
  eq(err:call(), call, what .. ": call()")
  eq(err:winerr(), 0, what .. ": winerr()")
  eq(tostring(err), string.format("%s() failed: %s/%d/%s", call, name,
    unix[name], err:doc()), what .. ": tostring")
end

-- the descriptors open now (the directory listing's own one included)
local nfds = check.nfds
collectgarbage()
local fds_at_start = nfds()

-- {==== constants: Linux x86-64 values
for name, value in pairs({O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2,
    O_ACCMODE = 3, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100,
    O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800, O_DSYNC = 0x1000,
    O_ASYNC = 0x2000, O_DIRECT = 0x4000, O_LARGEFILE = 0x8000,
    O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_NOATIME = 0x40000,
    O_CLOEXEC = 0x80000, O_SYNC = 0x101000, O_RSYNC = 0x101000,
    O_PATH = 0x200000, O_TMPFILE = 0x410000, O_VERIFY = 0, O_SHLOCK = 0,
    O_EXLOCK = 0, O_RANDOM = 0, O_SEQUENTIAL = 0, O_COMPRESSED = 0,
    O_INDEXED = 0, SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, F_DUPFD = 0,
    F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5,
    F_SETLK = 6, F_SETLKW = 7, F_DUPFD_CLOEXEC = 1030, F_RDLCK = 0,
    F_WRLCK = 1, F_UNLCK = 2, FD_CLOEXEC = 1, R_OK = 4, W_OK = 2, X_OK = 1,
    F_OK = 0, AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100,
    AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200, AT_SYMLINK_FOLLOW = 0x400,
    AT_EMPTY_PATH = 0x1000, UTIME_NOW = 0x3fffffff, UTIME_OMIT = 0x3ffffffe,
    S_IFMT = 0xf000, S_IFSOCK = 0xc000, S_IFLNK = 0xa000, S_IFREG = 0x8000,
    S_IFBLK = 0x6000, S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFIFO = 0x1000,
    S_ISUID = 0x800, S_ISGID = 0x400, S_ISVTX = 0x200, S_IRWXU = 0x1c0,
    S_IRUSR = 0x100, S_IWUSR = 0x80, S_IXUSR = 0x40, S_IRWXG = 0x38,
    S_IRGRP = 0x20, S_IWGRP = 0x10, S_IXGRP = 8, S_IRWXO = 7, S_IROTH = 4,
    S_IWOTH = 2, S_IXOTH = 1, DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2,
    DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10, DT_SOCK = 12,
    ST_RDONLY = 1, ST_NOSUID = 2, ST_NODEV = 4, ST_NOEXEC = 8,
    ST_SYNCHRONOUS = 16, ST_MANDLOCK = 64, ST_WRITE = 128, ST_APPEND = 256,
    ST_IMMUTABLE = 512, ST_NOATIME = 1024, ST_NODIRATIME = 2048,
    ST_RELATIME = 4096}) do
  eq(unix[name], value, "unix." .. name)
end
-- }====

-- a scratch directory of our own
local top = os.tmpname()
assert(os.remove(top))
assert(unix.mkdir(top, tonumber("700", 8)))
local function P(name) return top .. "/" .. name end

-- {==== open, read, write, lseek, close (Cosmopolitan's own test first)
local fd = assert(unix.open(P("foo"), unix.O_RDWR | unix.O_CREAT | unix.O_TRUNC,
  tonumber("600", 8)))
eq(assert(unix.fstat(fd)):size(), 0, "new file size")
assert(unix.ftruncate(fd, 8192))
eq(assert(unix.fstat(fd)):size(), 8192, "ftruncate 8192")
eq(unix.write(fd, "hello"), 5, "write")
eq(unix.lseek(fd, 4096), 4096, "lseek")
assert(unix.write(fd, "poke"))
eq(unix.lseek(fd, 8192 - 4), 8188, "lseek")
assert(unix.write(fd, "poke"))
local st = assert(unix.fstat(fd))
eq(st:size(), 8192, "size")
eq(st:mode() & tonumber("777", 8), tonumber("600", 8), "mode bits")
eq(st:uid(), tonumber(io.popen("id -u"):read("a")), "uid")
eq(unix.write(fd, "bear", 4), 4, "pwrite")
eq(unix.read(fd, 10, 0), "hellbear\0\0", "pread")
eq(unix.lseek(fd, 0, unix.SEEK_CUR), 8192, "pread/pwrite leave the position")
eq(unix.lseek(fd, -4, unix.SEEK_END), 8188, "SEEK_END")
eq(unix.read(fd), "poke", "read to the end")
eq(unix.read(fd), "", "read at the end")
eq(unix.read(fd, 0), "", "read 0 bytes")
assert(unix.close(fd))
fd = assert(unix.open(P("foo")))
eq(assert(unix.fcntl(fd, unix.F_GETFL)) & unix.O_ACCMODE, unix.O_RDONLY,
  "open defaults to O_RDONLY")
assert(unix.lseek(fd, 4))
eq(unix.read(fd, 4), "bear", "read 4")
fails("EBADF", "write", unix.write(fd, "x"))
assert(unix.close(fd))
fails("EBADF", "close", unix.close(fd))
fails("EBADF", "read", unix.read(fd))
fails("EBADF", "lseek", unix.lseek(fd, 0))
fails("ENOENT", "open", unix.open(P("missing")))
fails("ENOTDIR", "open", unix.open(P("foo/x")))
fails("EEXIST", "open", unix.open(P("foo"), unix.O_WRONLY | unix.O_CREAT |
  unix.O_EXCL))
fails("EISDIR", "open", unix.open(top, unix.O_WRONLY))
fails("ENOTDIR", "open", unix.open(P("foo"), unix.O_RDONLY | unix.O_DIRECTORY))
-- relative to a directory descriptor
local dfd = assert(unix.open(top, unix.O_RDONLY | unix.O_DIRECTORY))
fd = assert(unix.open("foo", unix.O_RDONLY, 0, dfd))
eq(unix.read(fd, 5), "hellb", "open relative to dirfd")
assert(unix.close(fd))
local r, w = unix.pipe()
fails("ESPIPE", "lseek", unix.lseek(r, 0))
assert(unix.close(r)); assert(unix.close(w))
-- }====

-- {==== dup, pipe, fcntl, tmpfd, isatty
r, w = unix.pipe()
assert(r and w, "pipe")
local d = assert(unix.dup(w))
assert(unix.fcntl(d, unix.F_GETFD) == 0, "dup clears FD_CLOEXEC")
eq(unix.write(d, "via dup"), 7, "write to dup")
assert(unix.close(d))
eq(unix.read(r), "via dup", "read the pipe")
-- lowest free descriptor: close one below and dup takes it
local a = assert(unix.dup(w))
local b = assert(unix.dup(w))
assert(unix.close(a))
eq(unix.dup(w), a, "dup: lowest free descriptor")
assert(unix.close(a))
local c = assert(unix.dup(w, nil, unix.O_CLOEXEC, b + 1))
eq(c > b, true, "dup: lowest")
eq(unix.fcntl(c, unix.F_GETFD), unix.FD_CLOEXEC, "dup O_CLOEXEC")
eq(unix.dup(w, b), b, "dup to newfd")
eq(unix.dup(w, b, unix.O_CLOEXEC), b, "dup3 with O_CLOEXEC")
eq(unix.fcntl(b, unix.F_GETFD), unix.FD_CLOEXEC, "dup3 sets FD_CLOEXEC")
assert(unix.fcntl(b, unix.F_SETFD, 0))
eq(unix.fcntl(b, unix.F_GETFD), 0, "F_SETFD 0")
assert(unix.close(b))
assert(unix.close(c))
fails("EINVAL", "dup", unix.dup(w, w))
fails("EBADF", "dup", unix.dup(1000))
fails("EINVAL", "dup", unix.dup(w, nil, unix.O_NONBLOCK))
assert(unix.close(r)); assert(unix.close(w))
r, w = unix.pipe(unix.O_CLOEXEC | unix.O_NONBLOCK)
eq(unix.fcntl(r, unix.F_GETFD), unix.FD_CLOEXEC, "pipe O_CLOEXEC")
eq(unix.fcntl(r, unix.F_GETFL) & unix.O_NONBLOCK, unix.O_NONBLOCK,
  "pipe O_NONBLOCK")
fails("EAGAIN", "read", unix.read(r))
assert(unix.fcntl(r, unix.F_SETFL, 0))
eq(unix.fcntl(r, unix.F_GETFL) & unix.O_NONBLOCK, 0, "F_SETFL")
assert(unix.close(r)); assert(unix.close(w))
fails("EINVAL", "pipe", unix.pipe(-1))
fails("EBADF", "fcntl", unix.fcntl(1000, unix.F_GETFD))
fails("EBADF", "fcntl", unix.fcntl(1000, unix.F_SETFL, 0))
fails("EINVAL", "fcntl", unix.fcntl(0, 9999))
c = assert(unix.fcntl(0, unix.F_DUPFD, 100))
eq(c >= 100, true, "F_DUPFD")
assert(unix.close(c))
local tmp = assert(unix.tmpfd())
eq(unix.write(tmp, "scratch"), 7, "tmpfd write")
eq(unix.read(tmp, 7, 0), "scratch", "tmpfd read")
eq(assert(unix.fstat(tmp)):nlink(), 0, "tmpfd: no name")
assert(unix.close(tmp))
-- $TMPDIR is where tmpfd makes its file: a missing one is ENOENT
local exe = assert(arg[-1], "arg[-1]: the interpreter")
local child = assert(io.popen(string.format("TMPDIR='%s' '%s' -e '%s'",
  P("no-such-dir"), exe, "local ok, e = require(\"unix\").tmpfd() " ..
  "io.write(tostring(ok), \" \", tostring(e))")))
eq(child:read("a"), "nil tmpfd() failed: ENOENT/2/No such file or directory",
  "tmpfd with a missing $TMPDIR")
child:close()
fails("EBADF", "isatty", unix.isatty(1000))
tmp = assert(unix.open(P("foo")))
fails("ENOTTY", "isatty", unix.isatty(tmp))
local tty = unix.open("/dev/tty", unix.O_RDONLY)
if tty then
  eq(unix.isatty(tty), true, "isatty /dev/tty")
  unix.close(tty)
else
  print("unix_fs: skip isatty(true): no controlling terminal here")
end
assert(unix.fsync(tmp)); assert(unix.fdatasync(tmp))
assert(unix.close(tmp))
fails("EBADF", "fsync", unix.fsync(tmp))
fails("EBADF", "fdatasync", unix.fdatasync(tmp))
eq(select("#", unix.sync()), 0, "sync returns nothing")
-- }====

-- {==== locks: a second process holds a write lock on the file
local lockfd = assert(unix.open(P("foo"), unix.O_RDWR))
eq(unix.fcntl(lockfd, unix.F_GETLK, unix.F_WRLCK), unix.F_UNLCK,
  "F_GETLK: nobody else")
assert(unix.fcntl(lockfd, unix.F_SETLK, unix.F_WRLCK, unix.SEEK_SET, 0, 0))
assert(unix.fcntl(lockfd, unix.F_SETLK, unix.F_UNLCK))
local script = top .. ".holder.lua"
local sf = assert(io.open(script, "w"))
sf:write(string.format([[
  local unix = require "unix"
  local fd = assert(unix.open(%q, unix.O_RDWR))
  assert(unix.fcntl(fd, unix.F_SETLK, unix.F_WRLCK, 0, 10))
  assert(unix.close(assert(unix.open(%q, unix.O_CREAT | unix.O_WRONLY))))
  io.read("l")]], P("foo"), P("locked")))
sf:close()
local holder = assert(io.popen(string.format("'%s' '%s'", exe, script), "w"))
local deadline = os.time() + 20
while not unix.stat(P("locked")) do
  assert(os.time() < deadline, "the lock holder never started")
  os.execute("sleep 0.05")
end
local typ, start, len, whence, pid = unix.fcntl(lockfd, unix.F_GETLK,
  unix.F_RDLCK)
eq(typ, unix.F_WRLCK, "F_GETLK: type of the other's lock")
eq(start, 0, "F_GETLK: start"); eq(len, 10, "F_GETLK: len")
eq(whence, unix.SEEK_SET, "F_GETLK: whence")
eq(pid > 0, true, "F_GETLK: pid")
eq(unix.fcntl(lockfd, unix.F_GETLK, unix.F_WRLCK, 10), unix.F_UNLCK,
  "F_GETLK past the locked range")
fails("EAGAIN", "fcntl", unix.fcntl(lockfd, unix.F_SETLK, unix.F_WRLCK))
assert(unix.fcntl(lockfd, unix.F_SETLK, unix.F_WRLCK, 10, 5), "lock beside")
holder:write("\n")
holder:close()
assert(unix.fcntl(lockfd, unix.F_SETLKW, unix.F_WRLCK), "lock once released")
assert(unix.close(lockfd))
fails("EBADF", "fcntl", unix.fcntl(lockfd, unix.F_SETLK, unix.F_WRLCK))
assert(unix.unlink(P("locked")))
assert(unix.unlink(script))
-- }====

-- {==== names: mkdir, makedirs, rmdir, unlink, rename, link, symlink,
-- readlink, realpath, chdir, getcwd, access, truncate
assert(unix.mkdir(P("d")))
eq(unix.S_ISDIR(assert(unix.stat(P("d"))):mode()), true, "mkdir")
fails("EEXIST", "mkdir", unix.mkdir(P("d")))
fails("EEXIST", "mkdir", unix.mkdir(P("foo")))
fails("ENOENT", "mkdir", unix.mkdir(P("no/such")))
fails("ENOTDIR", "mkdir", unix.mkdir(P("foo/x")))
local mask = unix.umask(0)
assert(unix.mkdir("d2", tonumber("750", 8), dfd))
eq(assert(unix.stat(P("d2"))):mode() & tonumber("777", 8), tonumber("750", 8),
  "mkdir mode, dirfd")
unix.umask(mask)
eq(unix.makedirs(P("m/a/b/c")), true, "makedirs")
eq(unix.makedirs(P("m/a/b/c")), true, "makedirs: exists already")
eq(unix.makedirs(P("m/a//b/c2///")), true, "makedirs: doubled slashes")
eq(unix.S_ISDIR(assert(unix.stat(P("m/a/b/c2"))):mode()), true, "makedirs made it")
eq(unix.makedirs("/"), true, "makedirs /")
fails("EEXIST", "makedirs", unix.makedirs(P("foo")))
fails("ENOTDIR", "makedirs", unix.makedirs(P("foo/a/b")))
fails("ENOENT", "makedirs", unix.makedirs(""))
fails("ENAMETOOLONG", "makedirs", unix.makedirs(string.rep("a/", 3000)))
fails("ENOTEMPTY", "rmdir", unix.rmdir(P("m")))
assert(unix.rmdir(P("m/a/b/c")))
assert(unix.rmdir("m/a/b/c2", dfd))
fails("ENOENT", "rmdir", unix.rmdir(P("m/a/b/c")))
fails("ENOTDIR", "rmdir", unix.rmdir(P("foo")))
assert(unix.symlink("foo", P("lnk")))
eq(unix.readlink(P("lnk")), "foo", "readlink")
eq(unix.readlink("lnk", dfd), "foo", "readlink dirfd")
fails("EINVAL", "readlink", unix.readlink(P("foo")))
fails("ENOENT", "readlink", unix.readlink(P("missing")))
fails("EEXIST", "symlink", unix.symlink("x", P("lnk")))
assert(unix.symlink("dangling", "lnk2", dfd))
eq(unix.readlink(P("lnk2")), "dangling", "symlink dirfd")
eq(unix.realpath(P("lnk")), unix.realpath(top) .. "/foo", "realpath follows")
fails("ENOENT", "realpath", unix.realpath(P("lnk2")))
assert(unix.link(P("foo"), P("hard")))
eq(assert(unix.stat(P("foo"))):nlink(), 2, "link: two names")
eq(assert(unix.stat(P("hard"))):ino(), assert(unix.stat(P("foo"))):ino(),
  "link: one inode")
fails("EEXIST", "link", unix.link(P("foo"), P("hard")))
fails("ENOENT", "link", unix.link(P("missing"), P("hard2")))
assert(unix.link("lnk", "hardlnk", 0, dfd, dfd))
eq(unix.S_ISLNK(assert(unix.stat(P("hardlnk"), unix.AT_SYMLINK_NOFOLLOW)):mode()),
  true, "link without AT_SYMLINK_FOLLOW links the link")
assert(unix.link("lnk", "hardfoo", unix.AT_SYMLINK_FOLLOW, dfd, dfd))
eq(unix.S_ISREG(assert(unix.stat(P("hardfoo"), unix.AT_SYMLINK_NOFOLLOW)):mode()),
  true, "link with AT_SYMLINK_FOLLOW links the target")
assert(unix.rename(P("hard"), P("hard3")))
eq(unix.stat(P("hard")), nil, "rename: old name gone")
assert(unix.rename("hard3", "hard4", dfd, dfd))
fails("ENOENT", "rename", unix.rename(P("hard"), P("x")))
fails("EISDIR", "rename", unix.rename(P("foo"), P("d")))
assert(unix.unlink(P("hard4"))); assert(unix.unlink("hardfoo", dfd))
assert(unix.unlink(P("hardlnk")))
fails("ENOENT", "unlink", unix.unlink(P("hard4")))
fails("EISDIR", "unlink", unix.unlink(P("d")))
fails("ENOTDIR", "unlink", unix.unlink(P("foo/x")))
local cwd = assert(unix.getcwd())
assert(unix.chdir(top))
eq(unix.getcwd(), unix.realpath(top), "chdir, getcwd")
eq(unix.realpath("foo"), unix.realpath(top) .. "/foo", "realpath relative")
assert(unix.chdir(cwd))
eq(unix.getcwd(), cwd, "chdir back")
-- a working directory removed under us
assert(unix.mkdir(P("gone")))
assert(unix.chdir(P("gone")))
assert(unix.rmdir(P("gone")))
fails("ENOENT", "getcwd", unix.getcwd())
assert(unix.chdir(cwd))
fails("ENOENT", "chdir", unix.chdir(P("missing")))
fails("ENOTDIR", "chdir", unix.chdir(P("foo")))
eq(unix.access(P("foo"), unix.R_OK | unix.W_OK), true, "access R_OK|W_OK")
eq(unix.access(P("foo"), unix.F_OK), true, "access F_OK")
eq(unix.access("lnk2", unix.F_OK, unix.AT_SYMLINK_NOFOLLOW, dfd), true,
  "access AT_SYMLINK_NOFOLLOW: the dangling link itself")
fails("ENOENT", "access", unix.access(P("lnk2"), unix.F_OK))
fails("ENOENT", "access", unix.access(P("missing"), unix.F_OK))
fails("ENOTDIR", "access", unix.access(P("foo/x"), unix.F_OK))
assert(unix.truncate(P("foo"), 3))
eq(assert(unix.stat(P("foo"))):size(), 3, "truncate")
assert(unix.truncate(P("foo")))
eq(assert(unix.stat(P("foo"))):size(), 0, "truncate to 0 by default")
fails("ENOENT", "truncate", unix.truncate(P("missing")))
fails("EISDIR", "truncate", unix.truncate(P("d")))
fd = assert(unix.open(P("foo"), unix.O_RDWR))
fails("EINVAL", "ftruncate", unix.ftruncate(fd, -1))
assert(unix.close(fd))
fails("EBADF", "ftruncate", unix.ftruncate(fd))
-- }====

-- {==== owners, modes, times
assert(unix.chmod(P("foo"), tonumber("640", 8)))
eq(assert(unix.stat(P("foo"))):mode() & tonumber("7777", 8), tonumber("640", 8), "chmod")
assert(unix.chmod("foo", tonumber("604", 8), 0, dfd))
eq(assert(unix.stat(P("foo"))):mode() & tonumber("7777", 8), tonumber("604", 8),
  "chmod dirfd")
fails("ENOENT", "chmod", unix.chmod(P("missing"), tonumber("600", 8)))
local me = assert(unix.stat(P("foo")))
assert(unix.chown(P("foo"), me:uid(), me:gid()))
assert(unix.chown(P("foo"), -1, -1))
assert(unix.chown("lnk", -1, -1, unix.AT_SYMLINK_NOFOLLOW, dfd))
fails("ENOENT", "chown", unix.chown(P("missing"), -1, -1))
local old = unix.umask(tonumber("27", 8))
eq(unix.umask(old), tonumber("27", 8), "umask returns the old mask")
eq(unix.utimensat(P("foo"), 1000000000, 5, 1200000000, 7), 0, "utimensat")
st = assert(unix.stat(P("foo")))
local s, ns = st:atim()
eq(s, 1000000000, "atim seconds"); eq(ns, 5, "atim nanoseconds")
s, ns = st:mtim()
eq(s, 1200000000, "mtim seconds"); eq(ns, 7, "mtim nanoseconds")
s, ns = st:birthtim()
eq(s, 1000000000, "birthtim: the earliest (atim)"); eq(ns, 5, "birthtim ns")
assert(unix.utimensat(P("foo"), 0, unix.UTIME_OMIT, 1300000000, 0))
eq(assert(unix.stat(P("foo"))):atim(), 1000000000, "UTIME_OMIT")
eq(assert(unix.stat(P("foo"))):mtim(), 1300000000, "mtim set")
assert(unix.utimensat("foo", nil, nil, nil, nil, dfd))
eq(assert(unix.stat(P("foo"))):mtim() > 1300000000, true, "UTIME_NOW default")
fails("EINVAL", "utimensat", unix.utimensat(P("foo"), 0, 1000000000, 0, 0))
fails("ENOENT", "utimensat", unix.utimensat(P("missing")))
fd = assert(unix.open(P("foo"), unix.O_RDWR))
eq(unix.futimens(fd, 1100000000, 1, 1100000000, 2), 0, "futimens")
eq(assert(unix.fstat(fd)):mtim(), 1100000000, "futimens mtim")
assert(unix.close(fd))
fails("EBADF", "futimens", unix.futimens(fd))
-- }====

-- {==== stat, fstat, unix.Stat, S_IS*, major, minor
st = assert(unix.stat(P("lnk")))
eq(unix.S_ISREG(st:mode()), true, "stat follows links")
st = assert(unix.stat(P("lnk"), unix.AT_SYMLINK_NOFOLLOW))
eq(unix.S_ISLNK(st:mode()), true, "stat AT_SYMLINK_NOFOLLOW")
eq(st:size(), 3, "a link's size is its text's")
st = assert(unix.stat("d", 0, dfd))
eq(unix.S_ISDIR(st:mode()), true, "stat dirfd")
for _, m in ipairs({"size", "mode", "ino", "dev", "nlink", "uid", "gid",
    "rdev", "blocks", "blksize", "gen", "flags"}) do
  eq(math.type(st[m](st)), "integer", "Stat:" .. m)
end
for _, m in ipairs({"atim", "mtim", "ctim", "birthtim"}) do
  local sec, nsec = st[m](st)
  eq(math.type(sec), "integer", "Stat:" .. m .. " seconds")
  eq(nsec >= 0 and nsec < 1000000000, true, "Stat:" .. m .. " nanoseconds")
end
eq(st:gen(), 0, "gen (BSD only)"); eq(st:flags(), 0, "flags (BSD only)")
local want = {"size=" .. st:size(), string.format("mode=0%o", st:mode())}
for _, k in ipairs({"ino", "nlink", "uid", "gid", "dev", "rdev", "blksize",
    "blocks"}) do
  if st[k](st) ~= 0 then want[#want + 1] = k .. "=" .. st[k](st) end
end
eq(tostring(st), "unix.Stat({" .. table.concat(want, ", ") .. "})",
  "tostring(Stat)")
eq(st:blksize() > 0, true, "blksize")
check.checkerror("unix.Stat expected", st.size, {})
fails("ENOENT", "stat", unix.stat(P("missing")))
fails("ENOENT", "stat", unix.stat(P("lnk2")))
fails("ENOTDIR", "stat", unix.stat(P("foo/x")))
fails("ELOOP", "stat", (function()
  assert(unix.symlink("loop", P("loop")))
  return unix.stat(P("loop"))
end)())
fails("EBADF", "fstat", unix.fstat(1000))
local null = assert(unix.stat("/dev/null"))
eq(unix.S_ISCHR(null:mode()), true, "S_ISCHR /dev/null")
-- each S_IS* says yes to its own type only (modes as the kernel writes them)
for name, fmt in pairs({S_ISBLK = 0x6000, S_ISCHR = 0x2000, S_ISDIR = 0x4000,
    S_ISFIFO = 0x1000, S_ISLNK = 0xa000, S_ISREG = 0x8000, S_ISSOCK = 0xc000}) do
  for other, ofmt in pairs({blk = 0x6000, chr = 0x2000, dir = 0x4000,
      fifo = 0x1000, lnk = 0xa000, reg = 0x8000, sock = 0xc000}) do
    eq(unix[name](ofmt | 0644), fmt == ofmt, name .. " of a " .. other .. " mode")
  end
end
do -- a real socket's mode
  local sock = assert(unix.socket(unix.AF_UNIX, unix.SOCK_STREAM))
  eq(unix.S_ISSOCK(assert(unix.fstat(sock)):mode()), true, "S_ISSOCK of a socket")
  assert(unix.close(sock))
end
eq(unix.major(null:rdev()), 1, "major of /dev/null")
eq(unix.minor(null:rdev()), 3, "minor of /dev/null")
-- Linux's device number layout: minor's low byte, major's low 12 bits,
-- minor's upper bits, major's upper bits
local ma, mi = 0x12345, 0x678ab
local rdev = (mi & 0xff) | ((ma & 0xfff) << 8) | ((mi & ~0xff) << 12) |
  ((ma & ~0xfff) << 32)
eq(unix.major(rdev), ma, "major")
eq(unix.minor(rdev), mi, "minor")
local kinds = {S_ISREG = unix.S_IFREG, S_ISDIR = unix.S_IFDIR,
  S_ISLNK = unix.S_IFLNK, S_ISBLK = unix.S_IFBLK, S_ISCHR = unix.S_IFCHR,
  S_ISFIFO = unix.S_IFIFO, S_ISSOCK = unix.S_IFSOCK}
for f, bits in pairs(kinds) do
  for g, other in pairs(kinds) do
    eq(unix[f](other | tonumber("644", 8)), f == g, f .. "(" .. g .. ")")
  end
  eq(unix[f](bits), true, f)
end
r, w = unix.pipe()
eq(unix.S_ISFIFO(assert(unix.fstat(r)):mode()), true, "S_ISFIFO of a pipe")
assert(unix.close(r)); assert(unix.close(w))
check.checkerror("number expected", unix.S_ISDIR, "x")
-- }====

-- {==== statfs, fstatfs, unix.Statfs
local fsinfo = assert(unix.statfs(top))
for _, m in ipairs({"type", "bsize", "blocks", "bfree", "bavail", "files",
    "ffree", "namelen", "frsize", "flags", "owner"}) do
  eq(math.type(fsinfo[m](fsinfo)), "integer", "Statfs:" .. m)
end
local f1, f2 = fsinfo:fsid()
eq(math.type(f1) .. math.type(f2), "integerinteger", "Statfs:fsid")
eq(fsinfo:owner(), 0, "Statfs:owner")
eq(fsinfo:namelen() > 0, true, "namelen")
eq(type(fsinfo:fstypename()), "string", "fstypename")
eq(assert(unix.statfs("/proc")):fstypename(), "proc", "fstypename of /proc")
fd = assert(unix.open(top, unix.O_RDONLY | unix.O_DIRECTORY))
eq(assert(unix.fstatfs(fd)):type(), fsinfo:type(), "fstatfs agrees")
assert(unix.close(fd))
fails("ENOENT", "statfs", unix.statfs(P("missing")))
fails("EBADF", "fstatfs", unix.fstatfs(1000))
-- }====

-- {==== opendir, fdopendir, unix.Dir
local names = {}
for name, kind, ino, off in assert(unix.opendir(top)) do
  names[#names + 1] = name
  eq(math.type(kind) .. math.type(ino) .. math.type(off),
    "integerintegerinteger", "Dir entry types")
  if name == "d" then eq(kind, unix.DT_DIR, "DT_DIR") end
  if name == "foo" then
    eq(kind, unix.DT_REG, "DT_REG")
    eq(ino, assert(unix.stat(P("foo"))):ino(), "Dir ino")
  end
  if name == "lnk" then eq(kind, unix.DT_LNK, "DT_LNK") end
end
table.sort(names)
eq(table.concat(names, " "), ". .. d d2 foo lnk lnk2 loop m", "listing")
local dir = assert(unix.opendir(top))
local first = dir:read()
local pos = assert(dir:tell())
local second = dir:read()
dir:rewind()
eq(dir:read(), first, "rewind")
eq(math.type(pos), "integer", "tell")
local dfd2 = assert(dir:fd())
eq(unix.S_ISDIR(assert(unix.fstat(dfd2)):mode()), true, "Dir:fd")
assert(second)
eq(dir:close(), true, "close"); eq(dir:close(), true, "close again")
check.checkerror("unix.Dir is closed", dir.read, dir)
check.checkerror("unix.Dir is closed", dir)
check.checkerror("unix.Dir is closed", dir.fd, dir)
check.checkerror("unix.Dir is closed", dir.tell, dir)
check.checkerror("unix.Dir is closed", dir.rewind, dir)
fails("ENOENT", "opendir", unix.opendir(P("missing")))
fails("ENOTDIR", "opendir", unix.opendir(P("foo")))
fd = assert(unix.open(top, unix.O_RDONLY | unix.O_DIRECTORY))
dir = assert(unix.fdopendir(fd))
eq(dir:fd(), fd, "fdopendir keeps the descriptor")
local n = 0
for _ in dir do n = n + 1 end
eq(n, #names, "fdopendir lists")
eq(dir:read(), nil, "read after the end")
dir:close()
fails("EBADF", "fcntl", unix.fcntl(fd, unix.F_GETFD)) -- closed with the Dir
fd = assert(unix.open(P("foo")))
fails("ENOTDIR", "fdopendir", unix.fdopendir(fd))
assert(unix.close(fd), "fdopendir failed: the descriptor is still ours")
fails("EBADF", "fdopendir", unix.fdopendir(fd))
-- collected and to-be-closed Dirs give their descriptors back
collectgarbage()
local before = nfds()
local dirs = {}
for i = 1, 50 do dirs[i] = assert(unix.opendir(top)) end
eq(nfds(), before + #dirs, "50 Dirs hold 50 descriptors")
dirs = nil -- luacheck: ignore 311 (drops the Dirs for the collector)
collectgarbage(); collectgarbage()
eq(nfds(), before, "collected Dirs closed their descriptors")
do
  -- luacheck: ignore 211/held (a <close> variable works by its scope)
  local held <close> = assert(unix.opendir(top))
  eq(nfds(), before + 1, "a Dir holds one descriptor")
end
eq(nfds(), before, "<close> closed the Dir")
-- }====

-- {==== rmrf: never follows a link out of the tree it removes
local outside = P("outside")
assert(unix.makedirs(outside .. "/keepdir"))
assert(unix.close(assert(unix.open(outside .. "/keep", unix.O_CREAT | unix.O_WRONLY))))
local tree = P("tree")
assert(unix.makedirs(tree .. "/a/b/c"))
assert(unix.close(assert(unix.open(tree .. "/a/b/c/f", unix.O_CREAT | unix.O_WRONLY))))
assert(unix.symlink(outside, tree .. "/a/tooutside"))
assert(unix.symlink(outside .. "/keep", tree .. "/a/b/tofile"))
assert(unix.symlink("../../../outside", tree .. "/a/b/relative"))
assert(unix.mkdir(tree .. "/locked"))
assert(unix.close(assert(unix.open(tree .. "/locked/x", unix.O_CREAT | unix.O_WRONLY))))
assert(unix.chmod(tree .. "/locked", 0))
eq(unix.rmrf(tree), true, "rmrf")
eq(unix.stat(tree), nil, "rmrf removed the tree")
eq(unix.stat(outside .. "/keep") ~= nil, true, "rmrf left the link's target file")
eq(unix.stat(outside .. "/keepdir") ~= nil, true, "rmrf left the link's target dir")
assert(unix.symlink(outside, P("linktop")))
eq(unix.rmrf(P("linktop") .. "//"), true, "rmrf of a link/")
eq(unix.stat(P("linktop"), unix.AT_SYMLINK_NOFOLLOW), nil, "link/: the link is gone")
eq(unix.stat(outside .. "/keep") ~= nil, true, "link/: its target's files are not")
assert(unix.symlink(outside, P("linktop")))
eq(unix.rmrf(P("linktop")), true, "rmrf of a link")
eq(unix.stat(P("linktop"), unix.AT_SYMLINK_NOFOLLOW), nil, "the link is gone")
eq(unix.stat(outside .. "/keep") ~= nil, true, "its target is not")
assert(unix.close(assert(unix.open(P("single"), unix.O_CREAT | unix.O_WRONLY))))
eq(unix.rmrf(P("single")), true, "rmrf of a file")
fails("ENOENT", "rmrf", unix.rmrf(P("missing")))
fails("EOPNOTSUPP", "rmrf", unix.rmrf("/")) -- ENOTSUP: the same number
fails("EOPNOTSUPP", "rmrf", unix.rmrf("///"))
fails("ENOTDIR", "rmrf", unix.rmrf(P("foo/x")))
-- }====

-- {==== argument errors raise
check.checkerror("bad argument #1 to 'unix.open' (string expected, got no value)",
  unix.open)
check.checkerror("path contains a zero byte", unix.open, P("foo") .. "\0x")
check.checkerror("path contains a zero byte", unix.unlink, "a\0b")
check.checkerror("number has no integer representation", unix.close, 1.5)
check.checkerror("out of range", unix.close, 1 << 40)
check.checkerror("out of range", unix.chown, P("foo"), -2, 0)
check.checkerror("negative size", unix.read, 0, -1)
check.checkerror("string expected", unix.write, 1, nil)
-- }====

assert(unix.close(dfd))
eq(unix.rmrf(top), true, "rmrf of the scratch directory")
eq(unix.stat(top), nil, "scratch directory gone")
collectgarbage()
eq(nfds(), fds_at_start, "descriptors open at the end as at the start")
print("unix_fs: ok")
