/*
** unix_misc.c: the miscellaneous theme of the unix module: poll, a
** terminal's size, syslog, and pledge/unveil (not yet available on Linux
** here: they fail with ENOSYS). See LICENSE.
*/
#define _GNU_SOURCE /* ppoll, POLLRDHUP */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <syslog.h>
#include <time.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"

/* {==== poll */

/* The number of integer keys of the table at 'arg' (the descriptors). */
static size_t count_fds(lua_State *L, int arg) {
  size_t n = 0;
  lua_pushnil(L);
  while (lua_next(L, arg)) {
    n += lua_isinteger(L, -2);
    lua_pop(L, 1);
  }
  return n;
}

/* Fills 'fds' from the table at 'arg'; raises when an events value is no
** integer or a descriptor does not fit an int. */
static void fill_fds(lua_State *L, int arg, struct pollfd *fds) {
  size_t i = 0;
  lua_pushnil(L);
  while (lua_next(L, arg)) {
    if (lua_isinteger(L, -2)) {
      lua_Integer fd = lua_tointeger(L, -2);
      int isint;
      lua_Integer ev = lua_tointegerx(L, -1, &isint);
      if (fd < INT_MIN || fd > INT_MAX) luaL_argerror(L, arg, "fd out of range");
      if (!isint || ev < 0 || ev > SHRT_MAX * 2 + 1)
        luaL_argerror(L, arg, "events must be an integer of POLL* flags");
      fds[i].fd = (int)fd;
      fds[i].events = (short)ev;
      fds[i++].revents = 0;
    }
    lua_pop(L, 1);
  }
}

/* A unix.Sigset (made by the process theme) as a sigset_t. The userdata is
** read as a sigset_t prefix: only as many bytes as it holds are copied. */
static void check_sigset(lua_State *L, int arg, sigset_t *set) {
  void *p = luaL_checkudata(L, arg, "unix.Sigset");
  size_t n = lua_rawlen(L, arg);
  sigemptyset(set);
  memcpy(set, p, n < sizeof *set ? n : sizeof *set);
}

/* -- unix.poll({[fd]=events, ...}[, timeoutms[, mask:unix.Sigset]])
**    -> {[fd]=revents, ...} | nil, unix.Errno
**    Only descriptors with events come back (an empty table on timeout);
**    timeoutms nil or negative waits forever; non-integer keys are ignored,
**    negative ones given to poll() which ignores them. */
static int l_poll(lua_State *L) {
  lua_Integer ms = luaL_optinteger(L, 2, -1);
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
  sigset_t set, *mask = NULL;
  struct pollfd *fds;
  size_t i, n;
  int rc;
  luaL_checktype(L, 1, LUA_TTABLE);
  if (!lua_isnoneornil(L, 3)) check_sigset(L, 3, mask = &set);
  n = count_fds(L, 1);
  fds = lua_newuserdatauv(L, n ? n * sizeof *fds : 1, 0);
  fill_fds(L, 1, fds);
  rc = ppoll(fds, n, ms < 0 ? NULL : &ts, mask);
  if (rc == -1) return unix_fail(L, "poll");
  lua_createtable(L, 0, rc);
  for (i = 0; i < n; i++) {
    if (fds[i].fd < 0 || !fds[i].revents) continue;
    lua_pushinteger(L, (unsigned short)fds[i].revents);
    lua_rawseti(L, -2, fds[i].fd);
  }
  return 1;
}

/* }==== */

/* -- unix.tiocgwinsz(fd) -> rows, cols | nil, unix.Errno (ENOTTY when fd
**    is no terminal); unix.tcgetwinsize is the same function */
static int l_tiocgwinsz(lua_State *L) {
  struct winsize ws;
  if (ioctl(unix_checkint(L, 1), TIOCGWINSZ, &ws) == -1)
    return unix_fail(L, "tiocgwinsz");
  lua_pushinteger(L, ws.ws_row);
  lua_pushinteger(L, ws.ws_col);
  return 2;
}

/* -- unix.syslog(priority, msg): sends msg to the system log (/dev/log);
**    returns nothing, and nothing happens when no syslog daemon listens */
static int l_syslog(lua_State *L) {
  int priority = unix_checkint(L, 1);
  syslog(priority, "%s", luaL_checkstring(L, 2));
  return 0;
}

/* -- unix.pledge([promises[, execpromises[, mode]]]) -> nil, unix.Errno
**    Not implemented yet: always fails with ENOSYS (nothing is restricted). */
static int l_pledge(lua_State *L) {
  luaL_optstring(L, 1, NULL);
  luaL_optstring(L, 2, NULL);
  unix_optint(L, 3, 0);
  errno = ENOSYS;
  return unix_fail(L, "pledge");
}

/* -- unix.unveil([path[, permissions]]) -> nil, unix.Errno
**    Not implemented yet: always fails with ENOSYS (nothing is hidden). */
static int l_unveil(lua_State *L) {
  luaL_optstring(L, 1, NULL);
  luaL_optstring(L, 2, NULL);
  errno = ENOSYS;
  return unix_fail(L, "unveil");
}

#define K(x) {#x, x}
static const unix_const consts[] = {
    K(POLLIN), K(POLLPRI), K(POLLOUT), K(POLLERR), K(POLLHUP), K(POLLNVAL),
    K(POLLRDBAND), K(POLLRDNORM), K(POLLWRBAND), K(POLLWRNORM),
    K(POLLRDHUP),
    K(LOG_EMERG), K(LOG_ALERT), K(LOG_CRIT), K(LOG_ERR), K(LOG_WARNING),
    K(LOG_NOTICE), K(LOG_INFO), K(LOG_DEBUG),
    K(LOG_KERN), K(LOG_USER), K(LOG_DAEMON), K(LOG_AUTH), K(LOG_LOCAL0),
    K(LOG_LOCAL1), K(LOG_LOCAL2), K(LOG_LOCAL3), K(LOG_LOCAL4), K(LOG_LOCAL5),
    K(LOG_LOCAL6), K(LOG_LOCAL7),
    /* pledge's mode bits, Cosmopolitan's values, for scripts that name
    ** them before pledge exists here */
    {"PLEDGE_PENALTY_KILL_THREAD", 0x0000},
    {"PLEDGE_PENALTY_KILL_PROCESS", 0x0001},
    {"PLEDGE_PENALTY_RETURN_EPERM", 0x0002},
    {"PLEDGE_STDERR_LOGGING", 0x0010},
    {NULL, 0}};
#undef K

void unix_open_misc(lua_State *L) {
  static const luaL_Reg funcs[] = {
      {"poll", l_poll},         {"tiocgwinsz", l_tiocgwinsz},
      {"tcgetwinsize", l_tiocgwinsz}, {"syslog", l_syslog},
      {"pledge", l_pledge},     {"unveil", l_unveil},
      {NULL, NULL}};
  luaL_setfuncs(L, funcs, 0);
  unix_setconsts(L, consts);
}
