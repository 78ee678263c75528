/*
** libs.c: the library set of a moonbox state: standard, replaced, built in.
** See LICENSE.
*/
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#include "config.h"
#include "libs.h"
#include "vfs.h"

#define MODULE(name) int luaopen_##name(lua_State *L);
#include "modules/modules.def"
#undef MODULE

int luaopen_moonbox_os(lua_State *L);
int luaopen_moonbox_osio(lua_State *L);

/* Built-in C modules, loaded lazily through package.preload. */
static const luaL_Reg builtin[] = {
#define MODULE(name) {#name, luaopen_##name},
#include "modules/modules.def"
#undef MODULE
    {NULL, NULL}};

/* Comma-separated names of the built-in C modules, pushed on the stack. */
static const char *push_builtin_names(lua_State *L) {
  luaL_Buffer b;
  const luaL_Reg *m;
  luaL_buffinit(L, &b);
  for (m = builtin; m->name; m++) {
    if (m != builtin) luaL_addstring(&b, ", ");
    luaL_addstring(&b, m->name);
  }
  if (builtin[0].name == NULL) luaL_addstring(&b, "(none)");
  luaL_pushresult(&b);
  return lua_tostring(L, -1);
}

/* {==== C-module searchers */

/* Replaces package.searchers[3] and [4]: a static binary has no dynamic
** loader, so a C module found on package.cpath is an error that says so
** and names the built-in ones; one not found adds the usual "no file"
** lines (the official test suite checks that message to the letter).
** Upvalue 1 is true for the all-in-one (root name) searcher. */
static int search_c(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  int root = lua_toboolean(L, lua_upvalueindex(1));
  const char *path;
  if (root) {
    const char *dot = strchr(name, '.');
    if (dot == NULL) return 0; /* not a submodule: nothing to do */
    name = lua_pushlstring(L, name, (size_t)(dot - name));
  }
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchpath");
  lua_pushstring(L, name);
  lua_getfield(L, -3, "cpath");
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_error(L, "'package.cpath' must be a string");
  lua_call(L, 2, 2);
  path = lua_tostring(L, -2);
  if (path == NULL) return 1; /* searchpath's "no file" lines */
  else
    luaL_error(L,
               "module '%s' is a C library at '%s', which moonbox cannot "
               "load: it is statically linked (built-in C modules: %s)",
               lua_tostring(L, 1), path, push_builtin_names(L));
  return 1;
}

/* -- package.loadlib(path, func) -> nil, message, "absent" */
static int no_loadlib(lua_State *L) {
  luaL_checkstring(L, 1);
  luaL_checkstring(L, 2);
  luaL_pushfail(L);
  lua_pushliteral(L, "moonbox is statically linked and cannot load "
                     "dynamic libraries");
  lua_pushliteral(L, "absent");
  return 3;
}

static void replace_c_searchers(lua_State *L) {
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchers");
  lua_pushboolean(L, 0);
  lua_pushcclosure(L, search_c, 1);
  lua_rawseti(L, -2, 3);
  lua_pushboolean(L, 1);
  lua_pushcclosure(L, search_c, 1);
  lua_rawseti(L, -2, 4);
  lua_pop(L, 1);
  lua_pushcfunction(L, no_loadlib);
  lua_setfield(L, -2, "loadlib");
  lua_pop(L, 1);
}

/* }==== */

/* -- require "moonbox.build" -> {version, build, target, lua}
** (what this binary is; the moonbox module in /zip/.lua/ shows it) */
static int open_build(lua_State *L) {
  static const char *const info[][2] = {{"version", MOONBOX_VERSION},
                                        {"build", MOONBOX_BUILD_ID},
                                        {"target", MOONBOX_TARGET},
                                        {"lua", LUA_RELEASE}};
  size_t i;
  lua_createtable(L, 0, 4);
  for (i = 0; i < sizeof info / sizeof info[0]; i++) {
    lua_pushstring(L, info[i][1]);
    lua_setfield(L, -2, info[i][0]);
  }
  return 1;
}

void libs_open(lua_State *L) {
  const luaL_Reg *m;
  luaL_openlibs(L);
  lua_pushcfunction(L, luaopen_moonbox_os); /* patches the os table */
  lua_call(L, 0, 0);
  replace_c_searchers(L);
  vfs_open(L);
  lua_pushcfunction(L, luaopen_moonbox_osio); /* os.execute, io.popen... */
  lua_call(L, 0, 0);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, open_build);
  lua_setfield(L, -2, "moonbox.build");
  for (m = builtin; m->name; m++) {
    lua_pushcfunction(L, m->func);
    lua_setfield(L, -2, m->name);
  }
  lua_pop(L, 1);
}

int libs_loadfile(lua_State *L, const char *name) {
  return vfs_loadfile(L, name, NULL);
}
