/*
** run.c: running Lua code from the front end as lua.c does: docall with
** a traceback handler and the SIGINT hook, report, the program's name.
** See LICENSE.
*/
#include <signal.h>
#include <stdio.h>

#include "lauxlib.h"
#include "lua.h"

#include "config.h"
#include "run.h"

static const char *progname = MOONBOX_NAME;

/* The state a Ctrl-C must stop; read only by the signal handler. */
static lua_State *interrupt_L = NULL;

void run_setname(const char *argv0) {
  if (argv0 && argv0[0]) progname = argv0;
}

const char *run_progname(void) {
  return progname;
}

/* {==== interruption */

/* Hook installed by the signal handler: raises at the next VM event. */
static void stop_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  luaL_error(L, "interrupted!");
}

/* SIGINT while Lua runs: only set a hook (lua_sethook is signal-safe);
** a second Ctrl-C gets the default action and kills the process. */
static void on_interrupt(int sig) {
  int mask = LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT;
  signal(sig, SIG_DFL);
  lua_sethook(interrupt_L, stop_hook, mask, 1);
}

/* }==== */

/* {==== calling and reporting */

static void message(const char *pname, const char *msg) {
  if (pname) fprintf(stderr, "%s: ", pname);
  fprintf(stderr, "%s\n", msg);
  fflush(stderr);
}

int run_report(lua_State *L, int status, const char *pname) {
  if (status != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    message(pname, msg ? msg : "(error object is not a string)");
    lua_pop(L, 1);
  }
  return status;
}

/* Error handler: a string (or an object with __tostring) + traceback. */
static int traceback_handler(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
      return 1; /* the object's own text, no traceback */
    msg = lua_pushfstring(L, "(error object is a %s value)",
                          luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

int run_docall(lua_State *L, int narg, int nres) {
  int status;
  int base = lua_gettop(L) - narg;
  lua_pushcfunction(L, traceback_handler);
  lua_insert(L, base);
  interrupt_L = L;
  signal(SIGINT, on_interrupt);
  status = lua_pcall(L, narg, nres, base);
  signal(SIGINT, SIG_DFL);
  lua_remove(L, base);
  return status;
}

/* }==== */
