/*
** termcore.c: lua-term's C part (Debian's lua-term 0.07, its core.c compiled
** unmodified by termcore.mk) as the built-in module term.core; its Lua part
** ships in the archive (/zip/.lua/term/). See LICENSE.
*/
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

/* lua-term's entry point (its core.c) */
int luaopen_term_core(lua_State *L);
int luaopen_termcore(lua_State *L);

/* -- term.isatty(file) -> boolean; a closed file raises
** lua-term's own isatty (upvalue 1) calls fileno on whatever FILE pointer
** the handle holds, a freed one once the file is closed, and takes its
** file from the last argument: it gets the first, known open. */
static int isatty_checked(lua_State *L) {
  luaL_Stream *s = (luaL_Stream *)luaL_checkudata(L, 1, LUA_FILEHANDLE);
  if (s->closef == NULL) luaL_argerror(L, 1, "attempt to use a closed file");
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 1, 1);
  return 1;
}

/* -- require "term.core" -> {isatty = function(file) -> boolean} */
int luaopen_termcore(lua_State *L) {
  luaopen_term_core(L);
  lua_getfield(L, -1, "isatty");
  lua_pushcclosure(L, isatty_checked, 1);
  lua_setfield(L, -2, "isatty");
  return 1;
}
