/*
** cosmo.c: the built-in `cosmo` module: the table Cosmopolitan's `lua`
** registers: its helper functions (the groups of cosmo.def) and its
** sub-modules under one name. See LICENSE.
*/
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

/* -- require "cosmo" -> {unix = ..., path = ..., ..., EncodeHex = ...}
**    (no global is set) */
int luaopen_cosmo(lua_State *L) {
  size_t i;
  lua_createtable(L, 0, 96);
#define GROUP(name) cosmo_open_##name(L);
#include "modules/cosmo.def"
#undef GROUP
  for (i = 0; subs[i][0]; i++) {
    lua_getglobal(L, "require");
    lua_pushstring(L, subs[i][1]);
    lua_call(L, 1, 1);
    lua_setfield(L, -2, subs[i][0]);
  }
  return 1;
}
