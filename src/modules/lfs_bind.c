/*
** lfs_bind.c: LuaFileSystem (Debian's lua-filesystem, compiled unmodified
** by lfs_bind.mk) under the built-in name lfs. See LICENSE;
** docs/modules.md says how it treats /zip/ paths.
*/
#include "lua.h"

int luaopen_lfs(lua_State *L); /* lfs.c's */
int luaopen_lfs_bind(lua_State *L);

/* -- require "lfs" -> LuaFileSystem's table (lfs.c's own opener) */
int luaopen_lfs_bind(lua_State *L) {
  return luaopen_lfs(L);
}
