/*
** os.c: moonbox's replacements in Lua's os library (os.setlocale).
** See LICENSE.
*/
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

static const int categories[] = {LC_ALL,     LC_COLLATE, LC_CTYPE,
                                 LC_MONETARY, LC_NUMERIC, LC_TIME};
static const char *const category_names[] = {
    "all", "collate", "ctype", "monetary", "numeric", "time", NULL};
static const char *const category_vars[] = {
    NULL, "LC_COLLATE", "LC_CTYPE", "LC_MONETARY", "LC_NUMERIC", "LC_TIME"};

/* The locales musl really provides. musl's setlocale takes any name and
** then behaves as C.UTF-8; Lua programs expect an unknown name to fail. */
static int available(const char *name) {
  static const char *const known[] = {"C", "POSIX", "C.UTF-8", "C.utf8",
                                      NULL};
  int i;
  for (i = 0; known[i]; i++)
    if (strcmp(name, known[i]) == 0) return 1;
  return 0;
}

static const char *env_nonempty(const char *var) {
  const char *v = var ? getenv(var) : NULL;
  return v && *v ? v : NULL;
}

/* The name "" stands for, by POSIX precedence: LC_ALL, LC_xxx, LANG. For
** LC_ALL every category must resolve to an available locale. */
static int env_available(int op) {
  const char *v = env_nonempty("LC_ALL");
  int i;
  if (v) return available(v);
  for (i = 1; category_names[i]; i++) {
    if (op != 0 && i != op) continue;
    v = env_nonempty(category_vars[i]);
    if (v == NULL) v = env_nonempty("LANG");
    if (v && !available(v)) return 0;
  }
  return 1;
}

/* -- os.setlocale([locale [, category]]) -> name | fail
** As Lua's, but fails for locales that are not really available. */
static int os_setlocale(lua_State *L) {
  const char *name = luaL_optstring(L, 1, NULL);
  int op = luaL_checkoption(L, 2, "all", category_names);
  int ok = name == NULL || (*name ? available(name) : env_available(op));
  const char *got = ok ? setlocale(categories[op], name) : NULL;
  if (got) lua_pushstring(L, got);
  else luaL_pushfail(L);
  return 1;
}

static const luaL_Reg os_funcs[] = {{"setlocale", os_setlocale},
                                    {NULL, NULL}};

/* Patches the global os table with moonbox's functions. */
int luaopen_moonbox_os(lua_State *L);
int luaopen_moonbox_os(lua_State *L) {
  lua_getglobal(L, LUA_OSLIBNAME);
  luaL_setfuncs(L, os_funcs, 0);
  return 1;
}
