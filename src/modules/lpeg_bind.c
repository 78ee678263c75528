/*
** lpeg_bind.c: LPeg (Debian's lua-lpeg, compiled unmodified by
** lpeg_bind.mk) under the built-in name lpeg; its re module is LPeg's
** re.lua, shipped as /zip/.lua/re.lua. See LICENSE; docs/modules.md.
*/
#include "lua.h"

int luaopen_lpeg(lua_State *L); /* lptree.c's */
int luaopen_lpeg_bind(lua_State *L);

/* -- require "lpeg" -> LPeg's table (lptree.c's own opener) */
int luaopen_lpeg_bind(lua_State *L) {
  return luaopen_lpeg(L);
}
