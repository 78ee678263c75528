/*
** cosmo.c: the built-in `cosmo` module: the table Cosmopolitan's `lua`
** registers, holding its sub-modules (unix, path, argon2) under one name.
** See LICENSE.
*/
#include "lauxlib.h"
#include "lua.h"

int luaopen_unix(lua_State *L);
int luaopen_path(lua_State *L);
int luaopen_argon2(lua_State *L);
int luaopen_cosmo(lua_State *L);

/* The sub-modules, each the table require(name) gives (package.loaded
** keeps one table per module whatever name loaded it first). re and
** sqlite3 are not built yet: their fields stay nil. */
static const luaL_Reg subs[] = {{"unix", luaopen_unix},
                                {"path", luaopen_path},
                                {"argon2", luaopen_argon2},
                                {NULL, NULL}};

/* -- require "cosmo" -> {unix = ..., path = ..., argon2 = ...} (no
**    global is set) */
int luaopen_cosmo(lua_State *L) {
  const luaL_Reg *m;
  lua_createtable(L, 0, 5);
  for (m = subs; m->name; m++) {
    luaL_requiref(L, m->name, m->func, 0);
    lua_setfield(L, -2, m->name);
  }
  return 1;
}
