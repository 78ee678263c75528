/*
** cosmo_sys.c: the system group of the `cosmo` module: Slurp and Barf
** (whole files, /zip/ read too), Sleep, GetTime, the CPU and host queries,
** and is_main. Failures are nil, unix.Errno as the manual says. See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "config.h"
#include "engine/zipfs.h"
#include "modules/cosmo.h"
#include "modules/unix.h"
#include "modules/unix_zip.h"

#define FD_MT "cosmo.fd"
#define SLURP_CHUNK 65536

/* {==== Slurp */

/* A descriptor owned by a userdata, so a raising push cannot leak it. */
typedef struct {
  int fd;
} FdBox;

static int fd_close(lua_State *L) {
  FdBox *b = luaL_checkudata(L, 1, FD_MT);
  if (b->fd >= 0) close(b->fd);
  b->fd = -1;
  return 0;
}

/* Pushes a closed FdBox (its metatable made on first use). */
static FdBox *fd_new(lua_State *L) {
  FdBox *b = lua_newuserdatauv(L, sizeof *b, 0);
  b->fd = -1;
  if (luaL_newmetatable(L, FD_MT)) {
    lua_pushcfunction(L, fd_close);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return b;
}

/* Reads up to want bytes at offset off (or at the current position when
** off is -1) into the buffer, EINTR retried; 0 at end of file, -1 on
** error (errno set). */
static ssize_t read_some(int fd, luaL_Buffer *b, size_t want, off_t off) {
  char *p = luaL_prepbuffsize(b, want);
  ssize_t got;
  do {
    got = off < 0 ? read(fd, p, want) : pread(fd, p, want, off);
  } while (got < 0 && errno == EINTR);
  if (got > 0) luaL_addsize(b, (size_t)got);
  return got;
}

/* Bytes i..j (1-based, string.sub's rules, j < 0 counted from the end)
** of the open file into a string on the stack; 1, or a failure (2). */
static int slurp_range(lua_State *L, int fd, lua_Integer i, lua_Integer j) {
  luaL_Buffer b;
  off_t at = i > 1 ? (off_t)(i - 1) : -1;
  if (i < 0 || j < 0) {
    struct stat st;
    if (fstat(fd, &st) < 0) return unix_fail(L, "fstat");
    if (i < 0) i = i < -(lua_Integer)st.st_size ? 1 : st.st_size + i + 1;
    if (j < 0) j = st.st_size + j + 1;
    at = i > 1 ? (off_t)(i - 1) : -1;
  }
  if (i < 1) i = 1;
  luaL_buffinit(L, &b);
  while (i <= j) {
    lua_Unsigned left = (lua_Unsigned)j - (lua_Unsigned)i + 1;
    size_t want = left < SLURP_CHUNK ? (size_t)left : SLURP_CHUNK;
    ssize_t got = read_some(fd, &b, want, at);
    if (got < 0) return unix_fail(L, "read");
    if (got == 0) break;
    i += got;
    if (at >= 0) at += got;
  }
  luaL_pushresult(&b);
  return 1;
}

/* -- Slurp(path[, i[, j]]) -> data | nil, unix.Errno
**    (/zip/ paths read the archive; EINTR is retried) */
static int l_slurp(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  lua_Integer i = luaL_optinteger(L, 2, 1);
  lua_Integer j = luaL_optinteger(L, 3, LUA_MAXINTEGER);
  const char *rest = zipfs_rest(path);
  FdBox *box = fd_new(L);
  int n;
  box->fd = rest ? unix_zip_open(rest, O_RDONLY | O_CLOEXEC)
                 : open(path, O_RDONLY | O_CLOEXEC);
  if (box->fd < 0) return unix_fail(L, "open");
  n = slurp_range(L, box->fd, i, j);
  if (close(box->fd) < 0 && n == 1) {
    box->fd = -1;
    return unix_fail(L, "close");
  }
  box->fd = -1;
  return n;
}

/* }==== */

/* {==== Barf */

/* Writes all of p[0..n) at offset off (-1: at the file position), EINTR
** retried; 0, or -1 with errno. */
static int write_all(int fd, const char *p, size_t n, off_t off) {
  while (n > 0) {
    ssize_t w = off < 0 ? write(fd, p, n) : pwrite(fd, p, n, off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return -1;
    p += w;
    n -= (size_t)w;
    if (off >= 0) off += w;
  }
  return 0;
}

/* Barf in place: open with flags, write (at off when off >= 0), close. */
static int barf_inplace(lua_State *L, const char *path, const char *p,
                        size_t n, int flags, int mode, off_t off) {
  int fd = open(path, flags | O_WRONLY | O_CLOEXEC, mode), err;
  if (fd < 0) return unix_fail(L, "open");
  if (write_all(fd, p, n, off) < 0) {
    err = errno;
    close(fd);
    errno = err;
    return unix_fail(L, "write");
  }
  if (close(fd) < 0) return unix_fail(L, "close");
  lua_pushboolean(L, 1);
  return 1;
}

/* Pushes "DIR/.NAME.XXXXXXXXXXXX" beside path, X random hex digits
** (getrandom, else the clock and the process id), NAME cut to 200 bytes
** so that the name stays within NAME_MAX when path's is. */
static const char *push_tempname(lua_State *L, const char *path) {
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  size_t baselen = strlen(path + dirlen);
  unsigned char r[6];
  luaL_Buffer b;
  int k;
  if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
    struct timespec ts;
    unsigned long long x;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    x = (unsigned long long)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^
        (unsigned long long)getpid();
    for (k = 0; k < 6; k++) r[k] = (unsigned char)(x >> (8 * k));
  }
  luaL_buffinit(L, &b);
  luaL_addlstring(&b, path, dirlen);
  luaL_addchar(&b, '.');
  luaL_addlstring(&b, path + dirlen, baselen < 200 ? baselen : 200);
  luaL_addchar(&b, '.');
  for (k = 0; k < 6; k++) {
    luaL_addchar(&b, "0123456789abcdef"[r[k] >> 4]);
    luaL_addchar(&b, "0123456789abcdef"[r[k] & 15]);
  }
  luaL_pushresult(&b);
  return lua_tostring(L, -1);
}

/* The temporary file's contents, permissions and durability; the name is
** still the temporary one. 0, or -1 with errno and the call in *call. */
static int fill_temp(int fd, const char *p, size_t n, const struct stat *old,
                     const char **call) {
  if (old != NULL) {
    *call = "fchmod";
    if (fchmod(fd, old->st_mode & 07777) < 0) return -1;
    (void)!fchown(fd, old->st_uid, old->st_gid); /* kept when allowed */
  }
  *call = "write";
  if (write_all(fd, p, n, -1) < 0) return -1;
  *call = "fsync";
  return fsync(fd);
}

/* Makes the rename itself durable; errors ignored (some file systems
** refuse fsync on a directory). */
static void sync_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char dir[4096];
  int fd;
  size_t len = slash ? (size_t)(slash - path) : 1;
  if (slash == path) len = 1;
  if (len >= sizeof dir) return;
  memcpy(dir, slash ? path : ".", len);
  dir[len] = '\0';
  fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)fsync(fd);
  close(fd);
}

/* Barf by replacement: a new file beside path, filled, synced, renamed
** over it. A reader sees the old contents or the new, never a part. */
static int barf_replace(lua_State *L, const char *path, const char *p,
                        size_t n, int mode, const struct stat *old) {
  const char *tmp = NULL, *call = "open";
  int fd = -1, tries, err, rc;
  for (tries = 0; fd < 0 && tries < 8; tries++) {
    lua_settop(L, 2);
    tmp = push_tempname(L, path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return unix_fail(L, "open");
  if (fill_temp(fd, p, n, old, &call) < 0) goto fail;
  call = "close";
  rc = close(fd);
  fd = -1;
  if (rc < 0) goto fail;
  call = "rename";
  if (rename(tmp, path) < 0) goto fail;
  sync_dir(path);
  lua_pushboolean(L, 1);
  return 1;
fail:
  err = errno;
  if (fd >= 0) close(fd);
  unlink(tmp);
  errno = err;
  return unix_fail(L, call);
}

/* -- Barf(path, data[, mode[, flags[, offset]]]) -> true | nil, unix.Errno
**    (mode 0644, flags O_TRUNC|O_CREAT by default; see docs/cosmo-sys.md
**    for when the file is replaced atomically; a bad offset raises) */
static int l_barf(lua_State *L) {
  const char *path = unix_checkpath(L, 1);
  size_t n;
  const char *p = luaL_checklstring(L, 2, &n);
  int mode = unix_optint(L, 3, 0644);
  int flags = unix_optint(L, 4, O_TRUNC | O_CREAT) & ~O_ACCMODE;
  lua_Integer off = luaL_optinteger(L, 5, 0);
  struct stat st;
  if (!lua_isnoneornil(L, 5))
    luaL_argcheck(L, off >= 1, 5, "offset must be >= 1");
  lua_settop(L, 2);
  luaL_argcheck(L, !(flags & O_NONBLOCK), 4, "O_NONBLOCK not allowed");
  luaL_argcheck(L, !(off && (flags & O_APPEND)), 5,
                "O_APPEND with an offset not possible");
  if (zipfs_rest(path) || path[0] == '\0') {
    errno = path[0] ? EROFS : ENOENT; /* "" names nothing, as for open */
    return unix_fail(L, "open");
  }
  if (off == 0 && (flags & (O_CREAT | O_TRUNC)) == (O_CREAT | O_TRUNC) &&
      !(flags & (O_APPEND | O_EXCL))) {
    if (lstat(path, &st) < 0) {
      if (errno == ENOENT) return barf_replace(L, path, p, n, mode, NULL);
    } else if (S_ISREG(st.st_mode) && st.st_nlink == 1) {
      /* replace only what open(2) would let us write: a read-only file
      ** stays read-only (opening without O_TRUNC changes nothing) */
      int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd < 0) return unix_fail(L, "open");
      close(fd);
      return barf_replace(L, path, p, n, mode, &st);
    }
  }
  return barf_inplace(L, path, p, n, flags, mode, off ? (off_t)off - 1 : -1);
}

/* }==== */

/* {==== time, CPU, host */

/* -- Sleep(seconds) (fractional; resumed after a signal unless the signal
**    set a Lua hook, which then runs: Ctrl-C interrupts a Sleep) */
static int l_sleep(lua_State *L) {
  lua_Number s = luaL_checknumber(L, 1);
  struct timespec ts, left;
  lua_Hook h = lua_gethook(L);
  luaL_argcheck(L, s >= 0 && s < 1e15, 1, "not a number of seconds >= 0");
  ts.tv_sec = (time_t)s;
  ts.tv_nsec = (long)((s - (lua_Number)ts.tv_sec) * 1e9);
  if (ts.tv_nsec > 999999999) ts.tv_nsec = 999999999;
  while (nanosleep(&ts, &left) < 0 && errno == EINTR) {
    if (lua_gethook(L) != h) break;
    ts = left;
  }
  return 0;
}

/* -- GetTime() -> seconds since the epoch (a float) */
static int l_gettime(lua_State *L) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
  return 1;
}

/* -- GetCpuCount() -> CPUs this process may run on (0: unknown)
**    (its affinity mask, as nproc counts; past 1024 CPUs, those online) */
static int l_getcpucount(lua_State *L) {
  cpu_set_t set;
  long n = sched_getaffinity(0, sizeof set, &set) == 0
               ? CPU_COUNT(&set)
               : sysconf(_SC_NPROCESSORS_ONLN);
  lua_pushinteger(L, n > 0 ? n : 0);
  return 1;
}

/* getcpu(2) straight from the kernel; 0 when it is refused. */
static void push_getcpu(lua_State *L, int node) {
  unsigned cpu = 0, nd = 0;
  if (syscall(SYS_getcpu, &cpu, &nd, NULL) < 0) cpu = nd = 0;
  lua_pushinteger(L, node ? nd : cpu);
}

/* -- GetCpuCore() -> the CPU running this thread, from 0 */
static int l_getcpucore(lua_State *L) {
  push_getcpu(L, 0);
  return 1;
}

/* -- GetCpuNode() -> its NUMA node, from 0 */
static int l_getcpunode(lua_State *L) {
  push_getcpu(L, 1);
  return 1;
}

/* -- GetHostIsa() -> "X86_64" | "AARCH64" | "POWERPC64" */
static int l_gethostisa(lua_State *L) {
#if defined(__x86_64__)
  lua_pushliteral(L, "X86_64");
#elif defined(__aarch64__)
  lua_pushliteral(L, "AARCH64");
#elif defined(__powerpc64__)
  lua_pushliteral(L, "POWERPC64");
#else
  lua_pushliteral(L, "UNKNOWN");
#endif
  return 1;
}

/* -- GetHostOs() -> "LINUX" */
static int l_gethostos(lua_State *L) {
  lua_pushliteral(L, "LINUX");
  return 1;
}

/* }==== */

/* -- is_main() -> boolean: the calling chunk is the one the command line
**    ran (the script, stdin, an -e string), not one loaded by require,
**    dofile or -l */
static int l_is_main(lua_State *L) {
  lua_Debug ar;
  int yes = 0;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "f", &ar)) {
    lua_getfield(L, LUA_REGISTRYINDEX, MOONBOX_MAIN_KEY);
    yes = !lua_isnil(L, -1) && lua_rawequal(L, -1, -2);
  }
  lua_pushboolean(L, yes);
  return 1;
}

static const luaL_Reg funcs[] = {{"Slurp", l_slurp},
                                 {"Barf", l_barf},
                                 {"Sleep", l_sleep},
                                 {"GetTime", l_gettime},
                                 {"GetCpuCount", l_getcpucount},
                                 {"GetCpuCore", l_getcpucore},
                                 {"GetCpuNode", l_getcpunode},
                                 {"GetHostIsa", l_gethostisa},
                                 {"GetHostOs", l_gethostos},
                                 {"is_main", l_is_main},
                                 {NULL, NULL}};

void cosmo_open_sys(lua_State *L) {
  luaL_setfuncs(L, funcs, 0);
}
