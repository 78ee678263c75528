/*
** unix_dir.c: the directories and metadata part of the unix module's files
** theme: opendir/fdopendir and unix.Dir, rmrf, stat/fstat and unix.Stat,
** statfs/fstatfs and unix.Statfs, S_IS*, major, minor; /zip/ paths branch
** to unix_zip.c. See LICENSE.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"
#include "modules/unix_zip.h"

#define DIR_MT "unix.Dir"
#define STAT_MT "unix.Stat"
#define STATFS_MT "unix.Statfs"

/* {==== unix.Dir */

/* A directory stream: d, or a /zip/ listing when z.open; closed when
** neither. */
typedef struct UnixDir {
  DIR *d;
  unix_zipdir z;
} UnixDir;

/* A new closed unix.Dir on the stack: the userdata exists before the
** stream it will own, so no stream is ever left without an owner. */
static UnixDir *new_dir(lua_State *L) {
  UnixDir *u = lua_newuserdatauv(L, sizeof *u, 0);
  memset(u, 0, sizeof *u);
  luaL_setmetatable(L, DIR_MT);
  return u;
}

static UnixDir *check_open_dir(lua_State *L) {
  UnixDir *u = luaL_checkudata(L, 1, DIR_MT);
  luaL_argcheck(L, u->d != NULL || u->z.open, 1, "unix.Dir is closed");
  return u;
}

/* -- unix.opendir(path) -> unix.Dir | nil, unix.Errno */
static int u_opendir(lua_State *L) {
  const char *path = unix_checkpath(L, 1), *rest = zipfs_rest(path);
  UnixDir *u = new_dir(L);
  if (rest != NULL)
    return unix_zip_opendir(rest, &u->z) == -1 ? unix_fail(L, "opendir") : 1;
  u->d = opendir(path);
  if (u->d == NULL) return unix_fail(L, "opendir");
  return 1;
}

/* -- unix.fdopendir(fd) -> unix.Dir | nil, unix.Errno (the Dir owns fd
**    from then on: closing or collecting it closes fd) */
static int u_fdopendir(lua_State *L) {
  int fd = unix_checkint(L, 1);
  UnixDir *u = new_dir(L);
  u->d = fdopendir(fd);
  if (u->d == NULL) return unix_fail(L, "fdopendir");
  return 1;
}

/* -- Dir:close() -> true | nil, unix.Errno (again: true); also __gc and
**    __close */
static int dir_close(lua_State *L) {
  UnixDir *u = luaL_checkudata(L, 1, DIR_MT);
  DIR *d = u->d;
  u->d = NULL;
  u->z.open = 0;
  if (d != NULL && closedir(d) == -1) return unix_fail(L, "closedir");
  lua_pushboolean(L, 1);
  return 1;
}

/* -- Dir:read() -> name, kind, ino, off | nil at the end | nil, unix.Errno
**    (also the Dir's __call: `for name, kind in dir do`; a closed Dir
**    raises) */
static int dir_read(lua_State *L) {
  UnixDir *u = check_open_dir(L);
  DIR *d = u->d;
  struct dirent *e;
  if (u->z.open) return unix_zip_readdir(L, &u->z);
  errno = 0;
  e = readdir(d);
  if (e == NULL) {
    if (errno != 0) return unix_fail(L, "readdir");
    lua_pushnil(L);
    return 1;
  }
  lua_pushstring(L, e->d_name);
  lua_pushinteger(L, e->d_type);
  lua_pushinteger(L, (lua_Integer)e->d_ino);
  lua_pushinteger(L, (lua_Integer)e->d_off);
  return 4;
}

/* -- Dir:fd() -> fd | nil, unix.Errno (EOPNOTSUPP for a /zip/ Dir, as
**    the manual says: it has no descriptor) */
static int dir_fd(lua_State *L) {
  UnixDir *u = check_open_dir(L);
  if (u->z.open) return unix_int(L, unix_zip_refuse(EOPNOTSUPP), "dirfd");
  return unix_int(L, dirfd(u->d), "dirfd");
}

/* -- Dir:tell() -> offset | nil, unix.Errno */
static int dir_tell(lua_State *L) {
  UnixDir *u = check_open_dir(L);
  return unix_int(L, u->z.open ? u->z.tell : telldir(u->d), "telldir");
}

/* -- Dir:rewind() */
static int dir_rewind(lua_State *L) {
  UnixDir *u = check_open_dir(L);
  if (u->z.open) unix_zip_rewinddir(&u->z);
  else rewinddir(u->d);
  return 0;
}

static void open_dir_mt(lua_State *L) {
  static const luaL_Reg meths[] = {{"close", dir_close}, {"read", dir_read},
                                   {"fd", dir_fd},       {"tell", dir_tell},
                                   {"rewind", dir_rewind}, {NULL, NULL}};
  static const luaL_Reg metas[] = {{"__call", dir_read},
                                   {"__gc", dir_close},
                                   {"__close", dir_close},
                                   {NULL, NULL}};
  unix_newclass(L, DIR_MT, metas, meths);
}

/* }==== */

/* {==== rmrf */

static int remove_at(int dirfd, const char *name);

/* Removes what directory fd holds, then closes fd. 0 or -1 with errno.
** Entries that vanish meanwhile are not an error. */
static int empty_dir(int fd) {
  DIR *d = fdopendir(fd);
  struct dirent *e;
  int rc = 0;
  if (d == NULL) {
    close(fd);
    return -1;
  }
  for (;;) {
    errno = 0;
    if ((e = readdir(d)) == NULL) {
      if (errno != 0) rc = -1;
      break;
    }
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (remove_at(dirfd(d), e->d_name) == -1 && errno != ENOENT) {
      rc = -1;
      break;
    }
  }
  if (rc == -1) {
    int err = errno;
    closedir(d);
    errno = err;
    return -1;
  }
  return closedir(d);
}

/* Opens directory name under dirfd without following a link (a link put
** in its place meanwhile fails with ELOOP or ENOTDIR); one that cannot
** be read gets mode 0700 first, as rm -rf does. */
static int open_subdir(int dirfd, const char *name) {
  int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  int fd = openat(dirfd, name, flags);
  if (fd != -1 || errno != EACCES) return fd;
  if (fchmodat(dirfd, name, 0700, AT_SYMLINK_NOFOLLOW) == -1) {
    errno = EACCES; /* the reason it could not be read */
    return -1;
  }
  return openat(dirfd, name, flags);
}

/* Removes name under dirfd: a file or a link is unlinked (a link is never
** followed), a directory emptied first. Recursion depth is the tree's. */
static int remove_at(int dirfd, const char *name) {
  int fd;
  if (unlinkat(dirfd, name, 0) == 0) return 0;
  if (errno != EISDIR && errno != EPERM) return -1;
  if ((fd = open_subdir(dirfd, name)) == -1) {
    if (errno == ENOTDIR) errno = EPERM; /* a file unlink refused */
    return -1;
  }
  if (empty_dir(fd) == -1) return -1;
  return unlinkat(dirfd, name, AT_REMOVEDIR);
}

/* -- unix.rmrf(path) -> true | nil, unix.Errno (rm -rf; a missing path is
**    ENOENT; "/" is refused with ENOTSUP; symbolic links are removed,
**    never followed: trailing slashes are dropped, so "link/" is the link,
**    not the directory it points to) */
static int u_rmrf(lua_State *L) {
  size_t n;
  const char *path = unix_checkpath(L, 1);
  if (zipfs_rest(path)) return unix_ok(L, unix_zip_refuse(EROFS), "rmrf");
  n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  lua_pushlstring(L, path, n);
  path = lua_tostring(L, -1);
  if (strcmp(path, "/") == 0) {
    errno = ENOTSUP;
    return unix_fail(L, "rmrf");
  }
  return unix_ok(L, remove_at(AT_FDCWD, path), "rmrf");
}

/* }==== */

/* {==== unix.Stat */

static void push_stat(lua_State *L, const struct stat *st) {
  struct stat *u = lua_newuserdatauv(L, sizeof *u, 0);
  *u = *st;
  luaL_setmetatable(L, STAT_MT);
}

/* -- unix.stat(path[, flags[, dirfd]]) -> unix.Stat | nil, unix.Errno
**    (flags: AT_SYMLINK_NOFOLLOW) */
static int u_stat(lua_State *L) {
  struct stat st;
  const char *path = unix_checkpath(L, 1), *rest = zipfs_rest(path);
  int flags = unix_optint(L, 2, 0), dirfd = unix_optint(L, 3, AT_FDCWD);
  if ((rest != NULL ? unix_zip_stat(rest, flags, &st)
                    : fstatat(dirfd, path, &st, flags)) == -1)
    return unix_fail(L, "stat");
  push_stat(L, &st);
  return 1;
}

/* -- unix.fstat(fd) -> unix.Stat | nil, unix.Errno */
static int u_fstat(lua_State *L) {
  struct stat st;
  if (fstat(unix_checkint(L, 1), &st) == -1) return unix_fail(L, "fstat");
  push_stat(L, &st);
  return 1;
}

static const struct stat *check_stat(lua_State *L) {
  return luaL_checkudata(L, 1, STAT_MT);
}

static int push2(lua_State *L, lua_Integer a, lua_Integer b) {
  lua_pushinteger(L, a);
  lua_pushinteger(L, b);
  return 2;
}

/* One getter per field: -- Stat:NAME() -> integer */
#define GETTER(name, expr)                                                    \
  static int st_##name(lua_State *L) {                                        \
    const struct stat *st = check_stat(L);                                    \
    lua_pushinteger(L, (lua_Integer)(expr));                                  \
    return 1;                                                                 \
  }
GETTER(size, st->st_size)
GETTER(mode, st->st_mode)
GETTER(ino, st->st_ino)
GETTER(dev, st->st_dev)
GETTER(nlink, st->st_nlink)
GETTER(uid, st->st_uid)
GETTER(gid, st->st_gid)
GETTER(rdev, st->st_rdev)
GETTER(blocks, st->st_blocks)
GETTER(blksize, st->st_blksize)
#undef GETTER

/* -- Stat:gen(), Stat:flags() -> 0 (BSD fields: Linux has none) */
static int st_zero(lua_State *L) {
  check_stat(L);
  lua_pushinteger(L, 0);
  return 1;
}

/* -- Stat:atim() / mtim() / ctim() -> seconds, nanoseconds */
static int st_atim(lua_State *L) {
  const struct stat *st = check_stat(L);
  return push2(L, st->st_atim.tv_sec, st->st_atim.tv_nsec);
}

static int st_mtim(lua_State *L) {
  const struct stat *st = check_stat(L);
  return push2(L, st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
}

static int st_ctim(lua_State *L) {
  const struct stat *st = check_stat(L);
  return push2(L, st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
}

static int ts_before(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec ||
         (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* -- Stat:birthtim() -> seconds, nanoseconds (on Linux, as the manual
**    says: the earliest of atim, mtim and ctim) */
static int st_birthtim(lua_State *L) {
  const struct stat *st = check_stat(L);
  const struct timespec *t = &st->st_atim;
  if (ts_before(&st->st_mtim, t)) t = &st->st_mtim;
  if (ts_before(&st->st_ctim, t)) t = &st->st_ctim;
  return push2(L, t->tv_sec, t->tv_nsec);
}

/* -- tostring(Stat) -> "unix.Stat({size=5, mode=0100644, ino=..., ...})"
**    (as Cosmopolitan prints it: size always, other fields when not 0) */
static int st_tostring(lua_State *L) {
  const struct stat *st = check_stat(L);
  const struct {
    const char *name;
    lua_Integer v;
  } f[] = {{"ino", (lua_Integer)st->st_ino},
           {"nlink", (lua_Integer)st->st_nlink},
           {"uid", st->st_uid},
           {"gid", st->st_gid},
           {"dev", (lua_Integer)st->st_dev},
           {"rdev", (lua_Integer)st->st_rdev},
           {"blksize", st->st_blksize},
           {"blocks", st->st_blocks}};
  luaL_Buffer b;
  size_t i;
  char mode[32];
  luaL_buffinit(L, &b);
  lua_pushfstring(L, "unix.Stat({size=%I", (lua_Integer)st->st_size);
  luaL_addvalue(&b);
  if (st->st_mode != 0) {
    snprintf(mode, sizeof mode, ", mode=0%o", (unsigned)st->st_mode);
    luaL_addstring(&b, mode);
  }
  for (i = 0; i < sizeof f / sizeof f[0]; i++) {
    if (f[i].v == 0) continue;
    lua_pushfstring(L, ", %s=%I", f[i].name, f[i].v);
    luaL_addvalue(&b);
  }
  luaL_addstring(&b, "})");
  luaL_pushresult(&b);
  return 1;
}

static void open_stat_mt(lua_State *L) {
  static const luaL_Reg meths[] = {
      {"size", st_size},     {"mode", st_mode},   {"ino", st_ino},
      {"dev", st_dev},       {"nlink", st_nlink}, {"uid", st_uid},
      {"gid", st_gid},       {"rdev", st_rdev},   {"blocks", st_blocks},
      {"blksize", st_blksize}, {"gen", st_zero},  {"flags", st_zero},
      {"atim", st_atim},     {"mtim", st_mtim},   {"ctim", st_ctim},
      {"birthtim", st_birthtim}, {NULL, NULL}};
  static const luaL_Reg metas[] = {{"__tostring", st_tostring}, {NULL, NULL}};
  unix_newclass(L, STAT_MT, metas, meths);
}

/* -- unix.S_ISDIR(mode) -> boolean, and the six others */
#define ISTYPE(name, macro)                                                   \
  static int u_##name(lua_State *L) {                                         \
    lua_pushboolean(L, macro((mode_t)luaL_checkinteger(L, 1)));               \
    return 1;                                                                 \
  }
ISTYPE(isdir, S_ISDIR)
ISTYPE(isreg, S_ISREG)
ISTYPE(islnk, S_ISLNK)
ISTYPE(isblk, S_ISBLK)
ISTYPE(ischr, S_ISCHR)
ISTYPE(isfifo, S_ISFIFO)
ISTYPE(issock, S_ISSOCK)
#undef ISTYPE

/* -- unix.major(rdev) -> integer; unix.minor(rdev) -> integer */
static int u_major(lua_State *L) {
  lua_pushinteger(L, major((dev_t)luaL_checkinteger(L, 1)));
  return 1;
}

static int u_minor(lua_State *L) {
  lua_pushinteger(L, minor((dev_t)luaL_checkinteger(L, 1)));
  return 1;
}

/* }==== */

/* {==== unix.Statfs */

static void push_statfs(lua_State *L, const struct statfs *f) {
  struct statfs *u = lua_newuserdatauv(L, sizeof *u, 0);
  *u = *f;
  luaL_setmetatable(L, STATFS_MT);
}

/* -- unix.statfs(path) -> unix.Statfs | nil, unix.Errno */
static int u_statfs(lua_State *L) {
  struct statfs f;
  if (statfs(unix_checkpath(L, 1), &f) == -1) return unix_fail(L, "statfs");
  push_statfs(L, &f);
  return 1;
}

/* -- unix.fstatfs(fd) -> unix.Statfs | nil, unix.Errno */
static int u_fstatfs(lua_State *L) {
  struct statfs f;
  if (fstatfs(unix_checkint(L, 1), &f) == -1) return unix_fail(L, "fstatfs");
  push_statfs(L, &f);
  return 1;
}

static const struct statfs *check_statfs(lua_State *L) {
  return luaL_checkudata(L, 1, STATFS_MT);
}

/* -- Statfs:NAME() -> integer */
#define GETTER(name, expr)                                                    \
  static int sf_##name(lua_State *L) {                                        \
    const struct statfs *f = check_statfs(L);                                 \
    lua_pushinteger(L, (lua_Integer)(expr));                                  \
    return 1;                                                                 \
  }
GETTER(type, f->f_type)
GETTER(bsize, f->f_bsize)
GETTER(blocks, f->f_blocks)
GETTER(bfree, f->f_bfree)
GETTER(bavail, f->f_bavail)
GETTER(files, f->f_files)
GETTER(ffree, f->f_ffree)
GETTER(namelen, f->f_namelen)
GETTER(frsize, f->f_frsize)
GETTER(flags, f->f_flags)
#undef GETTER

/* -- Statfs:owner() -> 0 (the mount's owner: always root on Linux) */
static int sf_owner(lua_State *L) {
  check_statfs(L);
  lua_pushinteger(L, 0);
  return 1;
}

/* -- Statfs:fsid() -> integer, integer */
static int sf_fsid(lua_State *L) {
  const struct statfs *f = check_statfs(L);
  return push2(L, (unsigned)f->f_fsid.__val[0], (unsigned)f->f_fsid.__val[1]);
}

/* Linux's file system magic numbers and the names Cosmopolitan gives
** them (the common ones; "unknown" for the rest). */
static const struct {
  unsigned long magic;
  const char *name;
} fstypes[] = {
    {0xef53, "ext"},         {0x01021994, "tmpfs"},  {0x58465342, "xfs"},
    {0x9123683e, "btrfs"},   {0x9fa0, "proc"},       {0x62656572, "sysfs"},
    {0x794c7630, "overlayfs"}, {0x6969, "nfs"},      {0x1cd1, "devpts"},
    {0x858458f6, "ramfs"},   {0x65735546, "fuse"},   {0x73717368, "squashfs"},
    {0x63677270, "cgroup2"}, {0x27e0eb, "cgroup"},   {0x01021997, "v9fs"},
    {0x2fc12fc1, "zfs"},     {0xf2f52010, "f2fs"},   {0x4d44, "msdos"},
    {0x9660, "isofs"},       {0x50495045, "pipefs"}, {0x534f434b, "sockfs"},
    {0x64626720, "debugfs"}, {0x958458f6, "hugetlbfs"}, {0x19800202, "mqueue"},
    {0x517b, "smb"},         {0xff534d42, "cifs_number"}, {0x1373, "devfs"},
};

/* -- Statfs:fstypename() -> "ext", "tmpfs", "xfs", ... or "unknown" */
static int sf_fstypename(lua_State *L) {
  unsigned long t = (unsigned long)(unsigned)check_statfs(L)->f_type;
  size_t i;
  for (i = 0; i < sizeof fstypes / sizeof fstypes[0]; i++)
    if (fstypes[i].magic == t) break;
  lua_pushstring(L, i < sizeof fstypes / sizeof fstypes[0] ? fstypes[i].name
                                                           : "unknown");
  return 1;
}

static void open_statfs_mt(lua_State *L) {
  static const luaL_Reg meths[] = {
      {"type", sf_type},       {"bsize", sf_bsize},   {"blocks", sf_blocks},
      {"bfree", sf_bfree},     {"bavail", sf_bavail}, {"files", sf_files},
      {"ffree", sf_ffree},     {"fsid", sf_fsid},     {"namelen", sf_namelen},
      {"frsize", sf_frsize},   {"flags", sf_flags},   {"owner", sf_owner},
      {"fstypename", sf_fstypename}, {NULL, NULL}};
  unix_newclass(L, STATFS_MT, NULL, meths);
}

/* }==== */

#define C(x) {#x, x}
static const unix_const consts[] = {
    C(DT_UNKNOWN), C(DT_REG), C(DT_DIR), C(DT_BLK), C(DT_LNK), C(DT_CHR),
    C(DT_FIFO), C(DT_SOCK), C(ST_RDONLY), C(ST_NOSUID), C(ST_NODEV),
    C(ST_NOEXEC), C(ST_SYNCHRONOUS), C(ST_NOATIME), C(ST_RELATIME),
    C(ST_APPEND), C(ST_IMMUTABLE), C(ST_MANDLOCK), C(ST_NODIRATIME),
    C(ST_WRITE), {NULL, 0}};
#undef C

static const luaL_Reg funcs[] = {
    {"opendir", u_opendir}, {"fdopendir", u_fdopendir}, {"rmrf", u_rmrf},
    {"stat", u_stat},       {"fstat", u_fstat},         {"statfs", u_statfs},
    {"fstatfs", u_fstatfs}, {"S_ISDIR", u_isdir},       {"S_ISREG", u_isreg},
    {"S_ISLNK", u_islnk},   {"S_ISBLK", u_isblk},       {"S_ISCHR", u_ischr},
    {"S_ISFIFO", u_isfifo}, {"S_ISSOCK", u_issock},     {"major", u_major},
    {"minor", u_minor},     {NULL, NULL}};

void unix_open_dir(lua_State *L) {
  open_dir_mt(L);
  open_stat_mt(L);
  open_statfs_mt(L);
  luaL_setfuncs(L, funcs, 0);
  unix_setconsts(L, consts);
}
