/*
** cosmo.h: what the files of the `cosmo` module share: each group of
** cosmo.def adds its functions to the module table. See LICENSE.
*/
#ifndef MOONBOX_COSMO_H
#define MOONBOX_COSMO_H

#include "lua.h"

/* -- require "cosmo" -> the module table (cosmo.c) */
int luaopen_cosmo(lua_State *L);

/* Each group adds its functions (luaL_setfuncs) to the module table on
** top of the stack and leaves the stack as it was (see cosmo.def). */
#define GROUP(name) void cosmo_open_##name(lua_State *L);
#include "modules/cosmo.def"
#undef GROUP

#endif
