/*
** unix.c: the built-in `unix` module (Cosmopolitan's unix API on Linux):
** the module table, assembled from the themes of unix.def, and the
** helpers they share. See LICENSE.
*/
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"

int unix_int(lua_State *L, long rc, const char *call) {
  if (rc == -1) return unix_fail(L, call);
  lua_pushinteger(L, rc);
  return 1;
}

int unix_ok(lua_State *L, long rc, const char *call) {
  if (rc == -1) return unix_fail(L, call);
  lua_pushboolean(L, 1);
  return 1;
}

int unix_checkint(lua_State *L, int arg) {
  lua_Integer v = luaL_checkinteger(L, arg);
  luaL_argcheck(L, v >= INT_MIN && v <= INT_MAX, arg, "out of range");
  return (int)v;
}

int unix_optint(lua_State *L, int arg, int def) {
  return lua_isnoneornil(L, arg) ? def : unix_checkint(L, arg);
}

const char *unix_checkpath(lua_State *L, int arg) {
  size_t len;
  const char *p = luaL_checklstring(L, arg, &len);
  luaL_argcheck(L, strlen(p) == len, arg, "path contains a zero byte");
  return p;
}

void unix_newclass(lua_State *L, const char *name, const luaL_Reg *meta,
                   const luaL_Reg *methods) {
  if (luaL_newmetatable(L, name)) {
    if (meta) luaL_setfuncs(L, meta, 0);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
}

void unix_setconsts(lua_State *L, const unix_const *c) {
  for (; c->name; c++) {
    lua_pushinteger(L, c->value);
    lua_setfield(L, -2, c->name);
  }
}

/* The manual's "miscellaneous magnums", with Linux's values: BUFSIZ is
** the manual's 4096 (the read size of unix.read), not musl's 1024. */
static void set_magnums(lua_State *L) {
  const unix_const magnums[] = {{"ARG_MAX", sysconf(_SC_ARG_MAX)},
                                {"CLK_TCK", sysconf(_SC_CLK_TCK)},
                                {"BUFSIZ", 4096},
                                {"PATH_MAX", PATH_MAX},
                                {"NAME_MAX", NAME_MAX},
                                {"PIPE_BUF", PIPE_BUF},
                                {NULL, 0}};
  unix_setconsts(L, magnums);
}

/* -- require "unix" -> the module table */
int luaopen_unix(lua_State *L) {
  lua_newtable(L);
  set_magnums(L);
#define THEME(name) unix_open_##name(L);
#include "modules/unix.def"
#undef THEME
  return 1;
}
