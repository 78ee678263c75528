/*
** unix_fs.c: the files theme of the unix module: descriptors (open, read,
** write, dup, pipe, fcntl...), names (mkdir, unlink, rename, links...),
** modes and times, and their constants with Linux's values. Directories,
** stat and rmrf are in unix_dir.c; /zip/ paths branch to unix_zip.c.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"
#include "modules/unix_zip.h"

/* Cosmopolitan's BUFSIZ: what read() asks for when no size is given. */
#define READ_DEFAULT 4096
/* The most one read asks for (Linux's own cap on a single read). */
#define READ_MAX 0x7ffff000

/* {==== descriptors */

/* -- unix.open(path[, flags[, mode[, dirfd]]]) -> fd | nil, unix.Errno
**    (flags default O_RDONLY, mode 0644, dirfd AT_FDCWD) */
static int u_open(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  int flags = unix_optint(L, 2, O_RDONLY);
  int mode = unix_optint(L, 3, 0644);
  int dirfd = unix_optint(L, 4, AT_FDCWD);
  const char *rest = zipfs_rest(path);
  if (rest != NULL) return unix_int(L, unix_zip_open(rest, flags), "open");
  return unix_int(L, openat(dirfd, path, flags, (mode_t)mode), "open");
}

/* -- unix.close(fd) -> true | nil, unix.Errno */
static int u_close(lua_State *L) {
  return unix_ok(L, close(unix_checkint(L, 1)), "close");
}

/* -- unix.read(fd[, bufsiz[, offset]]) -> string ("" at end of file) |
**    nil, unix.Errno (bufsiz defaults to 4096; an offset other than -1
**    reads there with pread, leaving the file position alone) */
static int u_read(lua_State *L) {
  int fd = unix_checkint(L, 1);
  lua_Integer size = luaL_optinteger(L, 2, READ_DEFAULT);
  lua_Integer offset = luaL_optinteger(L, 3, -1);
  luaL_Buffer b;
  char *buf;
  ssize_t rc;
  luaL_argcheck(L, size >= 0, 2, "negative size");
  if (size > READ_MAX) size = READ_MAX;
  buf = luaL_buffinitsize(L, &b, (size_t)size);
  rc = offset == -1 ? read(fd, buf, (size_t)size)
                    : pread(fd, buf, (size_t)size, (off_t)offset);
  if (rc == -1) return unix_fail(L, "read");
  luaL_pushresultsize(&b, (size_t)rc);
  return 1;
}

/* -- unix.write(fd, data[, offset]) -> byteswritten | nil, unix.Errno
**    (an offset other than -1 writes there with pwrite) */
static int u_write(lua_State *L) {
  size_t len;
  int fd = unix_checkint(L, 1);
  const char *data = luaL_checklstring(L, 2, &len);
  lua_Integer offset = luaL_optinteger(L, 3, -1);
  ssize_t rc = offset == -1 ? write(fd, data, len)
                            : pwrite(fd, data, len, (off_t)offset);
  return unix_int(L, rc, "write");
}

/* -- unix.lseek(fd, offset[, whence]) -> newpos | nil, unix.Errno */
static int u_lseek(lua_State *L) {
  int fd = unix_checkint(L, 1);
  lua_Integer offset = luaL_checkinteger(L, 2);
  int whence = unix_optint(L, 3, SEEK_SET);
  return unix_int(L, lseek(fd, (off_t)offset, whence), "lseek");
}

/* -- unix.dup(oldfd[, newfd[, flags[, lowest]]]) -> newfd | nil, unix.Errno
**    (no newfd: the lowest free descriptor >= lowest; flags 0 or
**    O_CLOEXEC) */
static int u_dup(lua_State *L) {
  int oldfd = unix_checkint(L, 1);
  int newfd = unix_optint(L, 2, -1);
  int flags = unix_optint(L, 3, 0);
  int lowest = unix_optint(L, 4, 0);
  if (newfd >= 0) return unix_int(L, dup3(oldfd, newfd, flags), "dup");
  if (flags != 0 && flags != O_CLOEXEC) {
    errno = EINVAL;
    return unix_fail(L, "dup");
  }
  return unix_int(
      L, fcntl(oldfd, flags ? F_DUPFD_CLOEXEC : F_DUPFD, lowest), "dup");
}

/* -- unix.pipe([flags]) -> reader, writer | nil, unix.Errno
**    (flags: O_CLOEXEC, O_NONBLOCK, O_DIRECT) */
static int u_pipe(lua_State *L) {
  int fds[2];
  if (pipe2(fds, unix_optint(L, 1, 0)) == -1) return unix_fail(L, "pipe");
  lua_pushinteger(L, fds[0]);
  lua_pushinteger(L, fds[1]);
  return 2;
}

/* An anonymous file in dir: O_TMPFILE where the file system has it, else
** a named file unlinked at once. -1 with errno on failure. */
static int anonymous_file(const char *dir) {
  char name[PATH_MAX];
  int fd = open(dir, O_RDWR | O_TMPFILE, 0600);
  if (fd != -1) return fd;
  if (snprintf(name, sizeof name, "%s/tmpfd.XXXXXX", dir) >= (int)sizeof name) {
    errno = ENAMETOOLONG;
    return -1;
  }
  fd = mkstemp(name);
  if (fd != -1) unlink(name);
  return fd;
}

/* -- unix.tmpfd() -> fd | nil, unix.Errno (an open file with no name, in
**    $TMPDIR or /tmp; it is gone once closed) */
static int u_tmpfd(lua_State *L) {
  const char *dir = getenv("TMPDIR");
  if (dir == NULL || *dir == '\0') dir = "/tmp";
  return unix_int(L, anonymous_file(dir), "tmpfd");
}

/* -- unix.isatty(fd) -> true | nil, unix.Errno (ENOTTY, EBADF) */
static int u_isatty(lua_State *L) {
  return unix_ok(L, isatty(unix_checkint(L, 1)) ? 0 : -1, "isatty");
}

/* -- unix.fsync(fd) -> true | nil, unix.Errno */
static int u_fsync(lua_State *L) {
  return unix_ok(L, fsync(unix_checkint(L, 1)), "fsync");
}

/* -- unix.fdatasync(fd) -> true | nil, unix.Errno */
static int u_fdatasync(lua_State *L) {
  return unix_ok(L, fdatasync(unix_checkint(L, 1)), "fdatasync");
}

/* -- unix.sync() (returns nothing, as Cosmopolitan's) */
static int u_sync(lua_State *L) {
  (void)L;
  sync();
  return 0;
}

/* -- unix.ftruncate(fd[, length]) -> true | nil, unix.Errno */
static int u_ftruncate(lua_State *L) {
  int fd = unix_checkint(L, 1);
  lua_Integer len = luaL_optinteger(L, 2, 0);
  return unix_ok(L, ftruncate(fd, (off_t)len), "ftruncate");
}

/* }==== */

/* {==== fcntl */

/* Locks: fcntl(fd, cmd[, type[, start[, len[, whence]]]]) */
static int fcntl_lock(lua_State *L, int fd, int cmd) {
  struct flock lk;
  memset(&lk, 0, sizeof lk);
  lk.l_type = (short)unix_optint(L, 3, F_RDLCK);
  lk.l_start = (off_t)luaL_optinteger(L, 4, 0);
  lk.l_len = (off_t)luaL_optinteger(L, 5, 0);
  lk.l_whence = (short)unix_optint(L, 6, SEEK_SET);
  if (fcntl(fd, cmd, &lk) == -1) return unix_fail(L, "fcntl");
  if (cmd != F_GETLK) return unix_ok(L, 0, "fcntl");
  lua_pushinteger(L, lk.l_type);
  if (lk.l_type == F_UNLCK) return 1;
  lua_pushinteger(L, lk.l_start);
  lua_pushinteger(L, lk.l_len);
  lua_pushinteger(L, lk.l_whence);
  lua_pushinteger(L, lk.l_pid);
  return 5;
}

/* -- unix.fcntl(fd, F_GETFD | F_GETFL) -> flags | nil, unix.Errno
** -- unix.fcntl(fd, F_SETFD | F_SETFL, flags) -> true | nil, unix.Errno
** -- unix.fcntl(fd, F_DUPFD | F_DUPFD_CLOEXEC, lowest) -> fd | nil, ...
** -- unix.fcntl(fd, F_SETLK | F_SETLKW[, type[, start[, len[, whence]]]])
**    -> true | nil, unix.Errno
** -- unix.fcntl(fd, F_GETLK[, type[, start[, len[, whence]]]])
**    -> F_UNLCK | type, start, len, whence, pid | nil, unix.Errno
** Other commands fail with EINVAL: those that take a pointer cannot be
** given one from Lua. */
static int u_fcntl(lua_State *L) {
  int fd = unix_checkint(L, 1), cmd = unix_checkint(L, 2);
  switch (cmd) {
  case F_SETLK:
  case F_SETLKW:
  case F_GETLK:
    return fcntl_lock(L, fd, cmd);
  case F_SETFD:
  case F_SETFL:
    return unix_ok(L, fcntl(fd, cmd, unix_optint(L, 3, 0)), "fcntl");
  case F_GETFD:
  case F_GETFL:
    return unix_int(L, fcntl(fd, cmd), "fcntl");
  case F_DUPFD:
  case F_DUPFD_CLOEXEC:
    return unix_int(L, fcntl(fd, cmd, unix_optint(L, 3, 0)), "fcntl");
  default:
    errno = EINVAL;
    return unix_fail(L, "fcntl");
  }
}

/* }==== */

/* {==== names */

/* -- unix.access(path, how[, flags[, dirfd]]) -> true | nil, unix.Errno
**    (how: R_OK W_OK X_OK F_OK; flags: AT_SYMLINK_NOFOLLOW, AT_EACCESS) */
static int u_access(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  int how = unix_checkint(L, 2);
  int flags = unix_optint(L, 3, 0);
  int dirfd = unix_optint(L, 4, AT_FDCWD);
  const char *rest = zipfs_rest(path);
  long rc;
  if (rest != NULL)
    return unix_ok(L, unix_zip_access(rest, how, flags), "access");
  /* musl's faccessat refuses AT_SYMLINK_NOFOLLOW; the kernel's
  ** faccessat2 (Linux 5.8) takes it */
  if (flags == 0) return unix_ok(L, faccessat(dirfd, path, how, 0), "access");
  rc = syscall(SYS_faccessat2, dirfd, path, how, flags);
  if (rc == -1 && errno == ENOSYS) rc = faccessat(dirfd, path, how, flags);
  return unix_ok(L, rc, "access");
}

/* -- unix.mkdir(path[, mode[, dirfd]]) -> true | nil, unix.Errno
**    (mode defaults to 0755) */
static int u_mkdir(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  int mode = unix_optint(L, 2, 0755);
  int dirfd = unix_optint(L, 3, AT_FDCWD);
  if (zipfs_rest(path)) return unix_ok(L, unix_zip_refuse(EROFS), "mkdir");
  return unix_ok(L, mkdirat(dirfd, path, (mode_t)mode), "mkdir");
}

/* 0 if p is a directory; else -1 with errno (EEXIST: something else). */
static int is_dir(const char *p) {
  struct stat st;
  if (stat(p, &st) == -1) return -1;
  if (S_ISDIR(st.st_mode)) return 0;
  errno = EEXIST;
  return -1;
}

/* mkdir -p: path (n bytes, no trailing slash unless it is "/") made with
** its missing parents. 0, or -1 with errno: EEXIST when path exists and
** is not a directory, ENOENT for "". No Lua call: buf is on the C stack. */
static int make_dirs(const char *path, size_t n, mode_t mode) {
  char buf[PATH_MAX];
  size_t i = n;
  memcpy(buf, path, n);
  buf[n] = '\0';
  for (;;) { /* back up until a mkdir works or finds its directory */
    if (mkdir(buf, mode) == 0) break;
    if (errno == EEXIST) {
      if (i == n) return is_dir(buf);
      break;
    }
    if (errno != ENOENT) return -1;
    while (i > 0 && buf[i - 1] != '/') i--;
    while (i > 0 && buf[i - 1] == '/') i--;
    if (i == 0) return -1;
    buf[i] = '\0';
  }
  while (i < n) { /* then forward, one component at a time */
    while (i < n && path[i] == '/') buf[i] = path[i], i++;
    while (i < n && path[i] != '/') buf[i] = path[i], i++;
    buf[i] = '\0';
    if (mkdir(buf, mode) == 0) continue;
    if (errno != EEXIST) return -1;
    if (i == n) return is_dir(buf);
  }
  return 0;
}

/* -- unix.makedirs(path[, mode]) -> true | nil, unix.Errno (mkdir -p: a
**    directory that exists already is a success) */
static int u_makedirs(lua_State *L) {
  size_t n;
  const char *path = unix_checkpath(L, 1), *rest = zipfs_rest(path);
  int mode = unix_optint(L, 2, 0755);
  if (rest != NULL) return unix_ok(L, unix_zip_makedirs(rest), "makedirs");
  n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  if (n >= PATH_MAX) {
    errno = ENAMETOOLONG;
    return unix_fail(L, "makedirs");
  }
  return unix_ok(L, make_dirs(path, n, (mode_t)mode), "makedirs");
}

/* -- unix.chdir(path) -> true | nil, unix.Errno */
static int u_chdir(lua_State *L) {
  const char *path = unix_checkpath(L, 1), *rest = zipfs_rest(path);
  if (rest != NULL) return unix_ok(L, unix_zip_chdir(rest), "chdir");
  return unix_ok(L, chdir(path), "chdir");
}

/* -- unix.getcwd() -> path | nil, unix.Errno */
static int u_getcwd(lua_State *L) {
  char buf[PATH_MAX];
  if (getcwd(buf, sizeof buf) == NULL) return unix_fail(L, "getcwd");
  lua_pushstring(L, buf);
  return 1;
}

/* -- unix.unlink(path[, dirfd]) -> true | nil, unix.Errno */
static int u_unlink(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  int dirfd = unix_optint(L, 2, AT_FDCWD);
  if (zipfs_rest(path)) return unix_ok(L, unix_zip_refuse(EROFS), "unlink");
  return unix_ok(L, unlinkat(dirfd, path, 0), "unlink");
}

/* -- unix.rmdir(path[, dirfd]) -> true | nil, unix.Errno */
static int u_rmdir(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  int dirfd = unix_optint(L, 2, AT_FDCWD);
  if (zipfs_rest(path)) return unix_ok(L, unix_zip_refuse(EROFS), "rmdir");
  return unix_ok(L, unlinkat(dirfd, path, AT_REMOVEDIR), "rmdir");
}

/* -- unix.rename(oldpath, newpath[, olddirfd, newdirfd]) -> true | nil,
**    unix.Errno */
static int u_rename(lua_State *L) {
  const char *from = unix_checkpath(L, 1), *to = unix_checkpath(L, 2);
  int fromfd = unix_optint(L, 3, AT_FDCWD), tofd = unix_optint(L, 4, AT_FDCWD);
  if (zipfs_rest(from) || zipfs_rest(to))
    return unix_ok(L, unix_zip_refuse(EROFS), "rename");
  return unix_ok(L, renameat(fromfd, from, tofd, to), "rename");
}

/* -- unix.link(existingpath, newpath[, flags[, olddirfd, newdirfd]]) ->
**    true | nil, unix.Errno (flags: AT_SYMLINK_FOLLOW) */
static int u_link(lua_State *L) {
  const char *from = unix_checkpath(L, 1), *to = unix_checkpath(L, 2);
  int flags = unix_optint(L, 3, 0);
  int fromfd = unix_optint(L, 4, AT_FDCWD), tofd = unix_optint(L, 5, AT_FDCWD);
  if (zipfs_rest(to)) return unix_ok(L, unix_zip_refuse(EROFS), "link");
  if (zipfs_rest(from)) return unix_ok(L, unix_zip_refuse(EXDEV), "link");
  return unix_ok(L, linkat(fromfd, from, tofd, to, flags), "link");
}

/* -- unix.symlink(target, linkpath[, newdirfd]) -> true | nil, unix.Errno */
static int u_symlink(lua_State *L) {
  const char *target = unix_checkpath(L, 1), *link = unix_checkpath(L, 2);
  int dirfd = unix_optint(L, 3, AT_FDCWD);
  if (zipfs_rest(link)) return unix_ok(L, unix_zip_refuse(EROFS), "symlink");
  return unix_ok(L, symlinkat(target, dirfd, link), "symlink");
}

/* -- unix.readlink(path[, dirfd]) -> content | nil, unix.Errno */
static int u_readlink(lua_State *L) {
  const char *path = unix_checkpath(L, 1), *rest = zipfs_rest(path);
  int dirfd = unix_optint(L, 2, AT_FDCWD);
  luaL_Buffer b;
  char *buf = luaL_buffinitsize(L, &b, PATH_MAX);
  ssize_t rc = rest != NULL ? unix_zip_readlink(rest, buf, PATH_MAX)
                            : readlinkat(dirfd, path, buf, PATH_MAX);
  if (rc == -1) return unix_fail(L, "readlink");
  if (rc == PATH_MAX) { /* Linux links are shorter: cut, so say so */
    errno = ENAMETOOLONG;
    return unix_fail(L, "readlink");
  }
  luaL_pushresultsize(&b, (size_t)rc);
  return 1;
}

/* -- unix.realpath(path) -> absolute path, links resolved | nil,
**    unix.Errno */
static int u_realpath(lua_State *L) {
  char buf[PATH_MAX];
  const char *path = unix_checkpath(L, 1), *rest = zipfs_rest(path);
  if (rest != NULL ? unix_zip_realpath(rest, buf, sizeof buf) == -1
                   : realpath(path, buf) == NULL)
    return unix_fail(L, "realpath");
  lua_pushstring(L, buf);
  return 1;
}

/* -- unix.truncate(path[, length]) -> true | nil, unix.Errno */
static int u_truncate(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  lua_Integer len = luaL_optinteger(L, 2, 0);
  if (zipfs_rest(path)) return unix_ok(L, unix_zip_refuse(EROFS), "truncate");
  return unix_ok(L, truncate(path, (off_t)len), "truncate");
}

/* }==== */

/* {==== owners, modes, times */

/* A uid or gid argument: 0 .. 2^32-2, or -1 for "leave it". */
static unsigned check_id(lua_State *L, int arg) {
  lua_Integer v = luaL_checkinteger(L, arg);
  luaL_argcheck(L, v >= -1 && v < 0xffffffff, arg, "out of range");
  return (unsigned)v;
}

/* -- unix.chown(path, uid, gid[, flags[, dirfd]]) -> true | nil,
**    unix.Errno (-1 leaves one unchanged; flags: AT_SYMLINK_NOFOLLOW) */
static int u_chown(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  unsigned uid = check_id(L, 2), gid = check_id(L, 3);
  int flags = unix_optint(L, 4, 0), dirfd = unix_optint(L, 5, AT_FDCWD);
  if (zipfs_rest(path)) return unix_ok(L, unix_zip_refuse(EROFS), "chown");
  return unix_ok(L, fchownat(dirfd, path, uid, gid, flags), "chown");
}

/* -- unix.chmod(path, mode[, flags[, dirfd]]) -> true | nil, unix.Errno */
static int u_chmod(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  int mode = unix_checkint(L, 2);
  int flags = unix_optint(L, 3, 0), dirfd = unix_optint(L, 4, AT_FDCWD);
  if (zipfs_rest(path)) return unix_ok(L, unix_zip_refuse(EROFS), "chmod");
  return unix_ok(L, fchmodat(dirfd, path, (mode_t)mode, flags), "chmod");
}

/* -- unix.umask(newmask) -> oldmask (never fails) */
static int u_umask(lua_State *L) {
  lua_pushinteger(L, umask((mode_t)unix_checkint(L, 1)));
  return 1;
}

/* ts[0..1] from the arguments first .. first+3: asecs, ananos, msecs,
** mnanos (a missing seconds is 0; a missing nanos UTIME_NOW). */
static void check_times(lua_State *L, int first, struct timespec ts[2]) {
  int i;
  for (i = 0; i < 2; i++) {
    ts[i].tv_sec = (time_t)luaL_optinteger(L, first + 2 * i, 0);
    ts[i].tv_nsec = unix_optint(L, first + 2 * i + 1, UTIME_NOW);
  }
}

/* -- unix.utimensat(path[, asecs, ananos, msecs, mnanos[, dirfd[,
**    flags]]]) -> 0 | nil, unix.Errno (nanos may be UTIME_NOW or
**    UTIME_OMIT) */
static int u_utimensat(lua_State *L) {
  struct timespec ts[2];
  const char *path = unix_checkpath(L, 1);
  int dirfd = unix_optint(L, 6, AT_FDCWD), flags = unix_optint(L, 7, 0);
  check_times(L, 2, ts);
  if (zipfs_rest(path)) return unix_int(L, unix_zip_refuse(EROFS), "utimensat");
  return unix_int(L, utimensat(dirfd, path, ts, flags), "utimensat");
}

/* -- unix.futimens(fd[, asecs, ananos, msecs, mnanos]) -> 0 | nil,
**    unix.Errno */
static int u_futimens(lua_State *L) {
  struct timespec ts[2];
  int fd = unix_checkint(L, 1);
  check_times(L, 2, ts);
  return unix_int(L, futimens(fd, ts), "futimens");
}

/* }==== */

#define C(x) {#x, x}
/* The manual's O_* flags; those it calls "zero on" Linux are 0. Two are
** the kernel's numbers rather than the C library's: O_ACCMODE 3 (musl
** adds O_PATH to it) and O_LARGEFILE 0100000, which Linux sets on every
** file a 64-bit process opens and F_GETFL shows (gVisor does not), while
** glibc defines it as 0 there. */
static const unix_const consts[] = {
    C(O_RDONLY), C(O_WRONLY), C(O_RDWR), {"O_ACCMODE", 3}, C(O_CREAT), C(O_EXCL),
    C(O_TRUNC), C(O_CLOEXEC), C(O_APPEND), C(O_NONBLOCK), C(O_DIRECT),
    C(O_DIRECTORY), C(O_NOFOLLOW), C(O_DSYNC), C(O_RSYNC), C(O_SYNC),
    C(O_ASYNC), C(O_NOCTTY), C(O_PATH), C(O_NOATIME), C(O_TMPFILE),
    {"O_LARGEFILE", 0100000}, {"O_VERIFY", 0}, {"O_SHLOCK", 0}, {"O_EXLOCK", 0},
    {"O_RANDOM", 0}, {"O_SEQUENTIAL", 0}, {"O_COMPRESSED", 0},
    {"O_INDEXED", 0}, C(SEEK_SET), C(SEEK_CUR), C(SEEK_END), C(F_GETFD),
    C(F_SETFD), C(F_GETFL), C(F_SETFL), C(F_DUPFD), C(F_DUPFD_CLOEXEC),
    C(F_SETLK), C(F_SETLKW), C(F_GETLK), C(F_RDLCK), C(F_WRLCK), C(F_UNLCK),
    C(FD_CLOEXEC), C(R_OK), C(W_OK), C(X_OK), C(F_OK), C(AT_FDCWD),
    C(AT_SYMLINK_NOFOLLOW), C(AT_SYMLINK_FOLLOW), C(AT_EACCESS),
    C(AT_REMOVEDIR), C(AT_EMPTY_PATH), C(UTIME_NOW), C(UTIME_OMIT),
    C(S_IFMT), C(S_IFREG), C(S_IFDIR), C(S_IFLNK), C(S_IFCHR), C(S_IFBLK),
    C(S_IFIFO), C(S_IFSOCK), C(S_ISUID), C(S_ISGID), C(S_ISVTX), C(S_IRWXU),
    C(S_IRUSR), C(S_IWUSR), C(S_IXUSR), C(S_IRWXG), C(S_IRGRP), C(S_IWGRP),
    C(S_IXGRP), C(S_IRWXO), C(S_IROTH), C(S_IWOTH), C(S_IXOTH),
    {NULL, 0}};
#undef C

static const luaL_Reg funcs[] = {
    {"open", u_open},         {"close", u_close},
    {"read", u_read},         {"write", u_write},
    {"lseek", u_lseek},       {"dup", u_dup},
    {"pipe", u_pipe},         {"tmpfd", u_tmpfd},
    {"isatty", u_isatty},     {"fsync", u_fsync},
    {"fdatasync", u_fdatasync}, {"sync", u_sync},
    {"ftruncate", u_ftruncate}, {"fcntl", u_fcntl},
    {"access", u_access},     {"mkdir", u_mkdir},
    {"makedirs", u_makedirs}, {"chdir", u_chdir},
    {"getcwd", u_getcwd},     {"unlink", u_unlink},
    {"rmdir", u_rmdir},       {"rename", u_rename},
    {"link", u_link},         {"symlink", u_symlink},
    {"readlink", u_readlink}, {"realpath", u_realpath},
    {"truncate", u_truncate}, {"chown", u_chown},
    {"chmod", u_chmod},       {"umask", u_umask},
    {"utimensat", u_utimensat}, {"futimens", u_futimens},
    {NULL, NULL}};

void unix_open_fs(lua_State *L) {
  luaL_setfuncs(L, funcs, 0);
  unix_setconsts(L, consts);
}
