/*
** luazlib.c: lua-zlib (Debian's lua-zlib 1.3, compiled unmodified by
** luazlib.mk over the zlib moonbox already links) as the built-in module
** zlib. See LICENSE; docs/modules.md is its manual.
*/
#include "lua.h"

/* lua-zlib's entry point (its lua_zlib.c) */
int luaopen_zlib(lua_State *L);
int luaopen_luazlib(lua_State *L);

/* -- require "zlib" -> lua-zlib's table: a file of ours because
** modules.def names our files; lua-zlib keeps its own luaopen_zlib. */
int luaopen_luazlib(lua_State *L) {
  return luaopen_zlib(L);
}
