/*
** system.c: system.core, the C part of luasystem's API (lunarmodules'
** luasystem, as busted and its tools use it), written here for Linux:
** clocks, sleep, environment, random bytes, terminals. /zip/.lua/system/
** init.lua (lua/system/init.lua) is the module's front. See LICENSE;
** docs/modules.md is its manual.
*/
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

int luaopen_system(lua_State *L);

extern char **environ;

/* Longest sleep honoured (about 31.7 years): beyond it a double converted
** to time_t could overflow. */
#define SLEEP_MAX 1e9

/* {==== time */

/* A clock's reading in seconds, with its nanoseconds as the fraction. */
static int push_clock(lua_State *L, clockid_t id) {
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) return luaL_fileresult(L, 0, NULL);
  lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec * 1e-9);
  return 1;
}

/* -- system.gettime() -> seconds since 1970-01-01 00:00:00 UTC (float) */
static int sys_gettime(lua_State *L) {
  return push_clock(L, CLOCK_REALTIME);
}

/* -- system.monotime() -> seconds since an arbitrary start (float), never
** going back (CLOCK_MONOTONIC: it does not count a suspended machine) */
static int sys_monotime(lua_State *L) {
  return push_clock(L, CLOCK_MONOTONIC);
}

/* -- system.sleep(seconds[, precision]) -> true | nil, message, errno
** seconds may be fractional; 0 or less returns at once; NaN raises.
** precision (milliseconds) is Windows-only in luasystem: checked, unused.
** A signal whose handler returns ends the sleep early with EINTR, so that
** an interrupted script (Ctrl-C under the REPL) does not sleep on. */
static int sys_sleep(lua_State *L) {
  lua_Number s = luaL_checknumber(L, 1);
  struct timespec ts;
  (void)luaL_optinteger(L, 2, 16);
  luaL_argcheck(L, !isnan(s), 1, "not a number (NaN)");
  if (s > 0) {
    if (s > SLEEP_MAX) s = SLEEP_MAX;
    ts.tv_sec = (time_t)s;
    ts.tv_nsec = (long)((s - (lua_Number)ts.tv_sec) * 1e9);
    if (ts.tv_nsec > 999999999) ts.tv_nsec = 999999999;
    if (nanosleep(&ts, NULL) != 0) return luaL_fileresult(L, 0, NULL);
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* }==== */

/* {==== environment */

/* -- system.getenv(name) -> value | nil */
static int sys_getenv(lua_State *L) {
  lua_pushstring(L, getenv(luaL_checkstring(L, 1)));
  return 1;
}

/* -- system.setenv(name[, value]) -> true | nil, message, errno
** A nil value removes the variable. A name that is empty or holds '='
** fails with EINVAL as setenv(3) does. */
static int sys_setenv(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  const char *value = luaL_optstring(L, 2, NULL);
  int r = value ? setenv(name, value, 1) : unsetenv(name);
  return luaL_fileresult(L, r == 0, NULL);
}

/* -- system.getenvs() -> {name = value, ...}: every variable of the
** process; an entry without '=' maps to "" */
static int sys_getenvs(lua_State *L) {
  char **e;
  lua_newtable(L);
  for (e = environ; e && *e; e++) {
    const char *eq = strchr(*e, '=');
    if (eq == NULL) {
      lua_pushstring(L, *e);
      lua_pushliteral(L, "");
    } else {
      lua_pushlstring(L, *e, (size_t)(eq - *e));
      lua_pushstring(L, eq + 1);
    }
    lua_rawset(L, -3);
  }
  return 1;
}

/* }==== */

/* {==== random */

/* Fills buf with n bytes of the kernel's generator (getrandom, blocking
** only until it is seeded at boot). Returns 0, or -1 with errno set. */
static int fill_random(char *buf, size_t n) {
  while (n > 0) {
    ssize_t got = getrandom(buf, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    buf += got;
    n -= (size_t)got;
  }
  return 0;
}

/* -- system.random([length = 1]) -> string of length random bytes
**    | nil, message, errno (never a shorter string); length < 0 raises */
static int sys_random(lua_State *L) {
  lua_Integer n = luaL_optinteger(L, 1, 1);
  luaL_Buffer b;
  char *p;
  luaL_argcheck(L, n >= 0, 1, "must be 0 or more");
  p = luaL_buffinitsize(L, &b, (size_t)n);
  if (fill_random(p, (size_t)n) != 0) return luaL_fileresult(L, 0, NULL);
  luaL_pushresultsize(&b, (size_t)n);
  return 1;
}

/* }==== */

/* {==== terminals */

/* The descriptor of the open Lua file at argument arg (raises when it is
** not a file or is closed). */
static int check_fd(lua_State *L, int arg) {
  luaL_Stream *s = (luaL_Stream *)luaL_checkudata(L, arg, LUA_FILEHANDLE);
  if (s->closef == NULL) luaL_argerror(L, arg, "attempt to use a closed file");
  return fileno(s->f);
}

/* -- system.isatty(file) -> boolean */
static int sys_isatty(lua_State *L) {
  lua_pushboolean(L, isatty(check_fd(L, 1)));
  return 1;
}

/* -- system.termsize() -> rows, columns | nil, message, errno
** The size of the terminal on standard output. */
static int sys_termsize(lua_State *L) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
    return luaL_fileresult(L, 0, NULL);
  lua_pushinteger(L, ws.ws_row);
  lua_pushinteger(L, ws.ws_col);
  return 2;
}

/* -- system.getnonblock(file) -> boolean | nil, message, errno */
static int sys_getnonblock(lua_State *L) {
  int flags = fcntl(check_fd(L, 1), F_GETFL);
  if (flags < 0) return luaL_fileresult(L, 0, NULL);
  lua_pushboolean(L, (flags & O_NONBLOCK) != 0);
  return 1;
}

/* -- system.setnonblock(file, on) -> true | nil, message, errno */
static int sys_setnonblock(lua_State *L) {
  int fd = check_fd(L, 1), on = lua_toboolean(L, 2);
  int flags = fcntl(fd, F_GETFL);
  luaL_checkany(L, 2);
  if (flags < 0) return luaL_fileresult(L, 0, NULL);
  flags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
  return luaL_fileresult(L, fcntl(fd, F_SETFL, flags) == 0, NULL);
}

/* }==== */

/* -- require "system.core" -> the functions above, windows = false */
int luaopen_system(lua_State *L) {
  static const luaL_Reg funcs[] = {
      {"gettime", sys_gettime},         {"monotime", sys_monotime},
      {"sleep", sys_sleep},             {"getenv", sys_getenv},
      {"setenv", sys_setenv},           {"getenvs", sys_getenvs},
      {"random", sys_random},           {"isatty", sys_isatty},
      {"termsize", sys_termsize},       {"getnonblock", sys_getnonblock},
      {"setnonblock", sys_setnonblock}, {NULL, NULL}};
  luaL_newlib(L, funcs);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "windows");
  return 1;
}
