/*
** unix_proc.c: the processes and time theme of the unix module: fork,
** execve, wait, ids, sessions, resource limits and usage (unix.Rusage),
** clocks, sleeping and broken-down time. See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#include "modules/unix.h"

#define RUSAGE_MT "unix.Rusage"

/* {==== helpers */

/* Argument 'arg' as a user or group id: 0 .. 2^32-1, or -1 meaning
** "leave unchanged" where the call allows it. */
static unsigned check_id(lua_State *L, int arg) {
  lua_Integer v = luaL_checkinteger(L, arg);
  luaL_argcheck(L, v >= -1 && v <= (lua_Integer)UINT32_MAX, arg,
                "out of range");
  return (unsigned)v;
}

static int push_int(lua_State *L, lua_Integer v) {
  lua_pushinteger(L, v);
  return 1;
}

/* }==== */

/* {==== processes */

/* -- unix.fork() -> 0 (in the child) | childpid | nil, unix.Errno */
static int l_fork(lua_State *L) {
  return unix_int(L, fork(), "fork");
}

/* Table at 'arg' as a NULL-terminated array of C strings in a new
** userdata pushed on the stack. The strings are anchored in another new
** table pushed below it (numbers are converted to strings there), so
** both must stay on the stack while the array is used. Raises for an
** element that is not a string or number or holds a zero byte. */
static char **string_list(lua_State *L, int arg) {
  lua_Integer i, n;
  char **v;
  luaL_checktype(L, arg, LUA_TTABLE);
  n = luaL_len(L, arg);
  luaL_argcheck(L, n >= 0 && n < INT_MAX / (int)sizeof *v, arg,
                "too many elements");
  lua_createtable(L, (int)n, 0);
  v = lua_newuserdatauv(L, (size_t)(n + 1) * sizeof *v, 0);
  for (i = 1; i <= n; i++) {
    size_t len;
    const char *s;
    int t = lua_geti(L, arg, i);
    if (t != LUA_TSTRING && t != LUA_TNUMBER)
      luaL_argerror(L, arg, lua_pushfstring(L, "string expected at index %d,"
                                               " got %s", (int)i,
                                            luaL_typename(L, -1)));
    s = lua_tolstring(L, -1, &len);
    if (strlen(s) != len)
      luaL_argerror(L, arg, lua_pushfstring(L, "string at index %d contains"
                                               " a zero byte", (int)i));
    v[i - 1] = (char *)s;
    lua_rawseti(L, -3, i); /* anchors s in the table */
  }
  v[n] = NULL;
  return v;
}

/* -- unix.execve(prog[, args[, env]]) -> nil, unix.Errno (never returns
** on success). args defaults to {prog}, env to the current environment;
** elements are strings or numbers (misuse raises). */
static int l_execve(lua_State *L) {
  extern char **environ;
  const char *prog = luaL_checkstring(L, 1);
  char *dflt[2] = {(char *)prog, NULL};
  char **argv = dflt, **envp = environ;
  lua_settop(L, 3); /* string_list pushes above its argument */
  if (!lua_isnil(L, 2)) argv = string_list(L, 2);
  if (!lua_isnil(L, 3)) envp = string_list(L, 3);
  execve(prog, argv, envp);
  return unix_fail(L, "execve");
}

/* Whether 'path' names a regular file we may execute; on failure errno
** says why. */
static int executable(const char *path) {
  struct stat st;
  if (access(path, X_OK) == -1) return 0;
  if (stat(path, &st) == -1) return 0;
  if (!S_ISREG(st.st_mode)) {
    errno = EACCES;
    return 0;
  }
  return 1;
}

/* -- unix.commandv(prog) -> path | nil, unix.Errno
** A name with a slash is checked as is; else each directory of $PATH
** (default /usr/local/bin:/bin:/usr/bin; an empty entry is the current
** directory) is tried in order. ENOENT when nothing is found, EACCES when
** a candidate existed but could not be executed. */
static int l_commandv(lua_State *L) {
  size_t n;
  const char *prog = luaL_checklstring(L, 1, &n);
  const char *dirs = getenv("PATH"), *a, *b;
  int seen_eacces = 0;
  if (n == 0 || strlen(prog) != n) {
    errno = ENOENT;
    return unix_fail(L, "commandv");
  }
  if (strchr(prog, '/')) {
    if (executable(prog)) return lua_pushstring(L, prog), 1;
    return unix_fail(L, "commandv");
  }
  if (!dirs) dirs = "/usr/local/bin:/bin:/usr/bin";
  for (a = dirs;; a = b + 1) {
    luaL_Buffer buf;
    for (b = a; *b && *b != ':'; b++) {}
    luaL_buffinit(L, &buf);
    if (b > a) {
      luaL_addlstring(&buf, a, (size_t)(b - a));
      luaL_addchar(&buf, '/');
    }
    luaL_addlstring(&buf, prog, n);
    luaL_pushresult(&buf);
    if (executable(lua_tostring(L, -1))) return 1;
    if (errno == EACCES) seen_eacces = 1;
    lua_pop(L, 1);
    if (*b == '\0') break;
  }
  errno = seen_eacces ? EACCES : ENOENT;
  return unix_fail(L, "commandv");
}

static void push_rusage(lua_State *L, const struct rusage *ru) {
  struct rusage *p = lua_newuserdatauv(L, sizeof *p, 0);
  *p = *ru;
  luaL_setmetatable(L, RUSAGE_MT);
}

/* -- unix.wait([pid[, options]]) -> pid, wstatus, unix.Rusage
**                                   | nil, unix.Errno
** pid -1 (default) any child, 0 our group, < -1 group -pid. With WNOHANG
** and no child ready: 0, 0 and an empty Rusage. */
static int l_wait(lua_State *L) {
  int pid = unix_optint(L, 1, -1), options = unix_optint(L, 2, 0);
  int wstatus = 0;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  pid = wait4(pid, &wstatus, options, &ru);
  if (pid == -1) return unix_fail(L, "wait");
  lua_pushinteger(L, pid);
  lua_pushinteger(L, wstatus);
  push_rusage(L, &ru);
  return 3;
}

/* -- unix.WIFEXITED(wstatus) -> bool */
static int l_wifexited(lua_State *L) {
  lua_pushboolean(L, WIFEXITED(unix_checkint(L, 1)));
  return 1;
}

/* -- unix.WEXITSTATUS(wstatus) -> exitcode */
static int l_wexitstatus(lua_State *L) {
  return push_int(L, WEXITSTATUS(unix_checkint(L, 1)));
}

/* -- unix.WIFSIGNALED(wstatus) -> bool */
static int l_wifsignaled(lua_State *L) {
  lua_pushboolean(L, WIFSIGNALED(unix_checkint(L, 1)));
  return 1;
}

/* -- unix.WTERMSIG(wstatus) -> sig */
static int l_wtermsig(lua_State *L) {
  return push_int(L, WTERMSIG(unix_checkint(L, 1)));
}

/* -- unix.exit([exitcode]) -> does not return
** _Exit: no Lua finalizers, no flush of io buffers. */
static int l_exit(lua_State *L) {
  _Exit((int)luaL_optinteger(L, 1, 0));
  return 0;
}

/* -- unix.environ() -> {"K=V", ...} */
static int l_environ(lua_State *L) {
  extern char **environ;
  char **e;
  int i = 0;
  lua_newtable(L);
  for (e = environ; e && *e; e++) {
    lua_pushstring(L, *e);
    lua_rawseti(L, -2, ++i);
  }
  return 1;
}

/* -- unix.chroot(path) -> true | nil, unix.Errno */
static int l_chroot(lua_State *L) {
  return unix_ok(L, chroot(luaL_checkstring(L, 1)), "chroot");
}

/* -- unix.verynice() -- lowest CPU and I/O priority; errors ignored.
** (musl's sched_setscheduler is a stub, so the system call is direct.) */
static int l_verynice(lua_State *L) {
  struct sched_param sp;
  int e = errno;
  (void)L;
  setpriority(PRIO_PROCESS, 0, 19);
  syscall(SYS_ioprio_set, 1 /* IOPRIO_WHO_PROCESS */, 0,
          3 << 13 /* IOPRIO_CLASS_IDLE */);
  memset(&sp, 0, sizeof sp);
  syscall(SYS_sched_setscheduler, 0, SCHED_IDLE, &sp);
  errno = e;
  return 0;
}

/* -- unix.sched_yield() */
static int l_sched_yield(lua_State *L) {
  (void)L;
  sched_yield();
  return 0;
}

/* }==== */

/* {==== ids, groups and sessions */

/* -- unix.getpid() -> pid */
static int l_getpid(lua_State *L) {
  return push_int(L, getpid());
}

/* -- unix.getppid() -> pid */
static int l_getppid(lua_State *L) {
  return push_int(L, getppid());
}

/* -- unix.getuid() -> uid */
static int l_getuid(lua_State *L) {
  return push_int(L, getuid());
}

/* -- unix.geteuid() -> uid */
static int l_geteuid(lua_State *L) {
  return push_int(L, geteuid());
}

/* -- unix.getgid() -> gid */
static int l_getgid(lua_State *L) {
  return push_int(L, getgid());
}

/* -- unix.getegid() -> gid */
static int l_getegid(lua_State *L) {
  return push_int(L, getegid());
}

/* -- unix.getpgrp() -> pgid */
static int l_getpgrp(lua_State *L) {
  return unix_int(L, getpgrp(), "getpgrp");
}

/* -- unix.getpgid(pid) -> pgid | nil, unix.Errno */
static int l_getpgid(lua_State *L) {
  return unix_int(L, getpgid(unix_checkint(L, 1)), "getpgid");
}

/* -- unix.setpgid(pid, pgid) -> true | nil, unix.Errno */
static int l_setpgid(lua_State *L) {
  int pid = unix_checkint(L, 1), pgid = unix_checkint(L, 2);
  return unix_ok(L, setpgid(pid, pgid), "setpgid");
}

/* -- unix.setpgrp() -> pgid | nil, unix.Errno
** setpgid(0, 0), then the new group id as the manual says. */
static int l_setpgrp(lua_State *L) {
  if (setpgid(0, 0) == -1) return unix_fail(L, "setpgrp");
  return push_int(L, getpgrp());
}

/* -- unix.getsid(pid) -> sid | nil, unix.Errno */
static int l_getsid(lua_State *L) {
  return unix_int(L, getsid(unix_checkint(L, 1)), "getsid");
}

/* -- unix.setsid() -> sid | nil, unix.Errno
** The new session's id is asked for afterwards: gVisor's setsid returns
** 0 where Linux returns the id. */
static int l_setsid(lua_State *L) {
  if (setsid() == -1) return unix_fail(L, "setsid");
  return push_int(L, getsid(0));
}

/* -- unix.setuid(uid) -> true | nil, unix.Errno */
static int l_setuid(lua_State *L) {
  return unix_ok(L, setuid(check_id(L, 1)), "setuid");
}

/* -- unix.setgid(gid) -> true | nil, unix.Errno */
static int l_setgid(lua_State *L) {
  return unix_ok(L, setgid(check_id(L, 1)), "setgid");
}

/* -- unix.setresuid(real, effective, saved) -> true | nil, unix.Errno
** -1 leaves that id unchanged. */
static int l_setresuid(lua_State *L) {
  unsigned r = check_id(L, 1), e = check_id(L, 2), s = check_id(L, 3);
  return unix_ok(L, setresuid(r, e, s), "setresuid");
}

/* -- unix.setresgid(real, effective, saved) -> true | nil, unix.Errno */
static int l_setresgid(lua_State *L) {
  unsigned r = check_id(L, 1), e = check_id(L, 2), s = check_id(L, 3);
  return unix_ok(L, setresgid(r, e, s), "setresgid");
}

/* Linux's setfsuid/setfsgid report no error: they return the previous id.
** Success is seen by asking again (an invalid id, -1, changes nothing and
** returns the current one); a refused change is reported as EPERM. */
static int set_fsid(lua_State *L, int (*f)(unsigned), const char *call) {
  unsigned id = check_id(L, 1);
  int rc;
  errno = 0;
  rc = f(id);
  if (rc == -1 && errno != 0) return unix_fail(L, call);
  rc = f((unsigned)-1);
  if (rc == -1 && errno != 0) return unix_fail(L, call);
  if ((unsigned)rc != id) {
    errno = EPERM;
    return unix_fail(L, call);
  }
  lua_pushboolean(L, 1);
  return 1;
}

static int fsuid(unsigned id) {
  return setfsuid(id);
}

static int fsgid(unsigned id) {
  return setfsgid(id);
}

/* -- unix.setfsuid(uid) -> true | nil, unix.Errno */
static int l_setfsuid(lua_State *L) {
  return set_fsid(L, fsuid, "setfsuid");
}

/* -- unix.setfsgid(gid) -> true | nil, unix.Errno */
static int l_setfsgid(lua_State *L) {
  return set_fsid(L, fsgid, "setfsgid");
}

/* }==== */

/* {==== resources */

/* -- unix.getrlimit(resource) -> soft, hard | nil, unix.Errno
** An unlimited value (RLIM_INFINITY) is -1. */
static int l_getrlimit(lua_State *L) {
  struct rlimit rl;
  if (getrlimit(unix_checkint(L, 1), &rl) == -1)
    return unix_fail(L, "getrlimit");
  lua_pushinteger(L, (lua_Integer)rl.rlim_cur);
  lua_pushinteger(L, (lua_Integer)rl.rlim_max);
  return 2;
}

/* -- unix.setrlimit(resource, soft[, hard]) -> true | nil, unix.Errno
** hard defaults to soft; -1 is unlimited. */
static int l_setrlimit(lua_State *L) {
  int res = unix_checkint(L, 1);
  struct rlimit rl;
  rl.rlim_cur = (rlim_t)luaL_checkinteger(L, 2);
  rl.rlim_max = (rlim_t)luaL_optinteger(L, 3, (lua_Integer)rl.rlim_cur);
  return unix_ok(L, setrlimit(res, &rl), "setrlimit");
}

/* -- unix.getrusage([who]) -> unix.Rusage | nil, unix.Errno
** who: RUSAGE_SELF (default), RUSAGE_CHILDREN, RUSAGE_THREAD. */
static int l_getrusage(lua_State *L) {
  struct rusage ru;
  if (getrusage(unix_optint(L, 1, RUSAGE_SELF), &ru) == -1)
    return unix_fail(L, "getrusage");
  push_rusage(L, &ru);
  return 1;
}

static struct rusage *check_rusage(lua_State *L) {
  return luaL_checkudata(L, 1, RUSAGE_MT);
}

static int push_timeval(lua_State *L, const struct timeval *tv) {
  lua_pushinteger(L, tv->tv_sec);
  lua_pushinteger(L, (lua_Integer)tv->tv_usec * 1000);
  return 2;
}

/* -- Rusage:utime() -> seconds, nanos */
static int ru_utime(lua_State *L) {
  return push_timeval(L, &check_rusage(L)->ru_utime);
}

/* -- Rusage:stime() -> seconds, nanos */
static int ru_stime(lua_State *L) {
  return push_timeval(L, &check_rusage(L)->ru_stime);
}

/* The integer fields of struct rusage, by name, in the order of the
** manual; each is a method returning the field. */
#define RU_FIELDS(X)                                                         \
  X(maxrss) X(ixrss) X(idrss) X(isrss) X(minflt) X(majflt) X(nswap)          \
  X(inblock) X(oublock) X(msgsnd) X(msgrcv) X(nsignals) X(nvcsw) X(nivcsw)

/* -- Rusage:maxrss() -> kilobytes (and likewise each field above) */
#define RU_GETTER(f)                                                         \
  static int ru_##f(lua_State *L) {                                          \
    return push_int(L, check_rusage(L)->ru_##f);                             \
  }
RU_FIELDS(RU_GETTER)
#undef RU_GETTER

/* -- Rusage:__tostring() -> "{utime={s, ns}, maxrss=N, ...}" (zero
** fields other than utime left out) */
static int ru_tostring(lua_State *L) {
  const struct rusage *ru = check_rusage(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  lua_pushfstring(L, "{utime={%I, %I}", (lua_Integer)ru->ru_utime.tv_sec,
                  (lua_Integer)ru->ru_utime.tv_usec * 1000);
  luaL_addvalue(&b);
  if (ru->ru_stime.tv_sec || ru->ru_stime.tv_usec) {
    lua_pushfstring(L, ", stime={%I, %I}", (lua_Integer)ru->ru_stime.tv_sec,
                    (lua_Integer)ru->ru_stime.tv_usec * 1000);
    luaL_addvalue(&b);
  }
#define RU_ADD(f)                                                            \
  if (ru->ru_##f) {                                                          \
    lua_pushfstring(L, ", " #f "=%I", (lua_Integer)ru->ru_##f);              \
    luaL_addvalue(&b);                                                       \
  }
  RU_FIELDS(RU_ADD)
#undef RU_ADD
  luaL_addchar(&b, '}');
  luaL_pushresult(&b);
  return 1;
}

static const luaL_Reg rusage_methods[] = {
    {"utime", ru_utime}, {"stime", ru_stime},
#define RU_REG(f) {#f, ru_##f},
    RU_FIELDS(RU_REG)
#undef RU_REG
    {NULL, NULL}};

static const luaL_Reg rusage_meta[] = {
    {"__tostring", ru_tostring}, {"__repr", ru_tostring}, {NULL, NULL}};

/* }==== */

/* {==== time */

/* -- unix.clock_gettime([clock]) -> seconds, nanos | nil, unix.Errno
** clock defaults to CLOCK_REALTIME. */
static int l_clock_gettime(lua_State *L) {
  struct timespec ts;
  if (clock_gettime(unix_optint(L, 1, CLOCK_REALTIME), &ts) == -1)
    return unix_fail(L, "clock_gettime");
  lua_pushinteger(L, ts.tv_sec);
  lua_pushinteger(L, ts.tv_nsec);
  return 2;
}

/* -- unix.nanosleep(seconds[, nanos]) -> remseconds, remnanos
**                                      | nil, unix.Errno
** EINTR when a signal interrupted the sleep. */
static int l_nanosleep(lua_State *L) {
  struct timespec req, rem;
  req.tv_sec = (time_t)luaL_checkinteger(L, 1);
  req.tv_nsec = (long)luaL_optinteger(L, 2, 0);
  memset(&rem, 0, sizeof rem);
  if (nanosleep(&req, &rem) == -1) return unix_fail(L, "nanosleep");
  lua_pushinteger(L, rem.tv_sec);
  lua_pushinteger(L, rem.tv_nsec);
  return 2;
}

/* Pushes the 11 results of gmtime/localtime from broken-down fields. */
static int push_tm(lua_State *L, const lua_Integer f[10], const char *zone) {
  int i;
  for (i = 0; i < 10; i++) lua_pushinteger(L, f[i]);
  lua_pushstring(L, zone);
  return 11;
}

/* -- unix.gmtime(unixts) -> year, mon, mday, hour, min, sec, gmtoffsec,
**                          wday, yday, dst, zone | nil, unix.Errno
** mon 1-12, wday 0-6 (Sunday 0), yday 0-365, zone "UTC". */
static int l_gmtime(lua_State *L) {
  time_t t = (time_t)luaL_checkinteger(L, 1);
  struct tm tm;
  lua_Integer f[10];
  if (!gmtime_r(&t, &tm)) return unix_fail(L, "gmtime");
  f[0] = (lua_Integer)tm.tm_year + 1900, f[1] = tm.tm_mon + 1;
  f[2] = tm.tm_mday, f[3] = tm.tm_hour, f[4] = tm.tm_min, f[5] = tm.tm_sec;
  f[6] = 0, f[7] = tm.tm_wday, f[8] = tm.tm_yday, f[9] = 0;
  return push_tm(L, f, "UTC");
}

/* Days from 1970-01-01 to year-mon-day (proleptic Gregorian, mon 1-12). */
static lua_Integer days_from_civil(lua_Integer y, lua_Integer m,
                                   lua_Integer d) {
  lua_Integer era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static lua_Integer field(lua_State *L, int t, const char *k) {
  lua_Integer v;
  lua_getfield(L, t, k);
  v = lua_tointeger(L, -1);
  lua_pop(L, 1);
  return v;
}

/* Calls os.date (upvalue 1) with format 'fmt' and time t; its result is
** left on the stack. 0 when os.date refused the time (year out of range),
** the message popped; out of memory is raised again. */
static int call_date(lua_State *L, const char *fmt, lua_Integer t) {
  int rc;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushstring(L, fmt);
  lua_pushinteger(L, t);
  rc = lua_pcall(L, 2, 1, 0);
  if (rc == LUA_ERRMEM) lua_error(L);
  if (rc != LUA_OK) lua_pop(L, 1);
  return rc == LUA_OK;
}

/* -- unix.localtime(unixts) -> year, mon, mday, hour, min, sec, gmtoffsec,
**                             wday, yday, dst, zone | nil, unix.Errno
** The local zone is os.date's (TZ, the embedded zones, /etc/localtime),
** so both always agree; upvalue 1 is the os.date of the library.
** EOVERFLOW when the year cannot be represented. */
static int l_localtime(lua_State *L) {
  lua_Integer t = luaL_checkinteger(L, 1), f[10];
  luaL_argcheck(L, lua_isfunction(L, lua_upvalueindex(1)), 1,
                "needs the os library");
  if (!call_date(L, "*t", t)) {
    errno = EOVERFLOW;
    return unix_fail(L, "localtime");
  }
  f[0] = field(L, -1, "year"), f[1] = field(L, -1, "month");
  f[2] = field(L, -1, "day"), f[3] = field(L, -1, "hour");
  f[4] = field(L, -1, "min"), f[5] = field(L, -1, "sec");
  f[6] = days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 +
         f[4] * 60 + f[5] - t;
  f[7] = field(L, -1, "wday") - 1, f[8] = field(L, -1, "yday") - 1;
  lua_getfield(L, -1, "isdst");
  f[9] = lua_toboolean(L, -1);
  if (!call_date(L, "%Z", t)) lua_pushliteral(L, "");
  return push_tm(L, f, lua_tostring(L, -1));
}

/* }==== */

static const luaL_Reg funcs[] = {
    {"fork", l_fork},
    {"execve", l_execve},
    {"commandv", l_commandv},
    {"wait", l_wait},
    {"WIFEXITED", l_wifexited},
    {"WEXITSTATUS", l_wexitstatus},
    {"WIFSIGNALED", l_wifsignaled},
    {"WTERMSIG", l_wtermsig},
    {"exit", l_exit},
    {"environ", l_environ},
    {"chroot", l_chroot},
    {"verynice", l_verynice},
    {"sched_yield", l_sched_yield},
    {"getpid", l_getpid},
    {"getppid", l_getppid},
    {"getuid", l_getuid},
    {"geteuid", l_geteuid},
    {"getgid", l_getgid},
    {"getegid", l_getegid},
    {"getpgrp", l_getpgrp},
    {"getpgid", l_getpgid},
    {"setpgid", l_setpgid},
    {"setpgrp", l_setpgrp},
    {"getsid", l_getsid},
    {"setsid", l_setsid},
    {"setuid", l_setuid},
    {"setgid", l_setgid},
    {"setresuid", l_setresuid},
    {"setresgid", l_setresgid},
    {"setfsuid", l_setfsuid},
    {"setfsgid", l_setfsgid},
    {"getrlimit", l_getrlimit},
    {"setrlimit", l_setrlimit},
    {"getrusage", l_getrusage},
    {"clock_gettime", l_clock_gettime},
    {"nanosleep", l_nanosleep},
    {"gmtime", l_gmtime},
    {NULL, NULL}};

#define C(x) {#x, x}
static const unix_const consts[] = {
    C(WNOHANG), C(WUNTRACED), C(WCONTINUED),
    C(RLIMIT_AS), C(RLIMIT_CORE), C(RLIMIT_CPU), C(RLIMIT_DATA),
    C(RLIMIT_FSIZE), C(RLIMIT_LOCKS), C(RLIMIT_MEMLOCK), C(RLIMIT_MSGQUEUE),
    C(RLIMIT_NICE), C(RLIMIT_NOFILE), C(RLIMIT_NPROC), C(RLIMIT_RSS),
    C(RLIMIT_RTPRIO), C(RLIMIT_RTTIME), C(RLIMIT_SIGPENDING), C(RLIMIT_STACK),
    C(RUSAGE_SELF), C(RUSAGE_CHILDREN), C(RUSAGE_THREAD), {"RUSAGE_BOTH", -2},
    C(CLOCK_REALTIME), C(CLOCK_MONOTONIC), C(CLOCK_PROCESS_CPUTIME_ID),
    C(CLOCK_THREAD_CPUTIME_ID), C(CLOCK_MONOTONIC_RAW),
    C(CLOCK_REALTIME_COARSE), C(CLOCK_MONOTONIC_COARSE), C(CLOCK_BOOTTIME),
    {NULL, 0}};
#undef C

void unix_open_proc(lua_State *L) {
  luaL_setfuncs(L, funcs, 0);
  unix_setconsts(L, consts);
  /* localtime shares os.date's zone choice */
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, LUA_OSLIBNAME);
  if (lua_istable(L, -1)) lua_getfield(L, -1, "date");
  else lua_pushnil(L);
  lua_pushcclosure(L, l_localtime, 1);
  lua_setfield(L, -4, "localtime");
  lua_pop(L, 2);
  unix_newclass(L, RUSAGE_MT, rusage_meta, rusage_methods);
}
