/*
** cosmo.c: the built-in `cosmo` module: the table Cosmopolitan's `lua`
** registers: its helper functions (the groups of cosmo.def) and its
** sub-modules under one name. See LICENSE.
*/
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/cosmo.h"

/* The sub-modules: {field of cosmo, name require finds it under}. Each
** is loaded through require, so package.loaded keeps one table per
** module whatever name loaded it first. */
static const char *const subs[][2] = {{"unix", "unix"},
                                      {"path", "path"},
                                      {"argon2", "argon2"},
                                      {"re", "cosmo.re"},
                                      {"getopt", "cosmo.getopt"},
                                      {"sqlite3", "lsqlite3"},
                                      {NULL, NULL}};

/* -- __index(cosmo, key): a sub-module on first use, kept in the table
** (rawset) so that later reads never come here again; nil for any other
** key. Loading them on demand keeps require "cosmo" cheap for the many
** scripts that use one or two of them (lsqlite3 alone costs more than the
** rest of the table). */
static int load_sub(lua_State *L) {
  const char *key = lua_tostring(L, 2);
  size_t i;
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  for (i = 0; subs[i][0]; i++) {
    if (strcmp(subs[i][0], key) != 0) continue;
    lua_getglobal(L, "require");
    lua_pushstring(L, subs[i][1]);
    lua_call(L, 1, 1);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
    return 1;
  }
  return 0;
}

/* -- require "cosmo" -> {unix = ..., path = ..., ..., EncodeHex = ...}
**    (no global is set; the sub-modules load on first use) */
int luaopen_cosmo(lua_State *L) {
  lua_createtable(L, 0, 96);
#define GROUP(name) cosmo_open_##name(L);
#include "modules/cosmo.def"
#undef GROUP
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, load_sub);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  return 1;
}
