/*
** libs.h: opening the standard and built-in libraries of a moonbox state.
** See LICENSE.
*/
#ifndef MOONBOX_LIBS_H
#define MOONBOX_LIBS_H

#include "lua.h"

/* Opens Lua's standard libraries, moonbox's replacements (os.setlocale,
** the C-module searchers) and registers the built-in C modules in
** package.preload. May raise on memory errors. */
void libs_open(lua_State *L);

/* luaL_loadfile that also understands moonbox's own paths; NULL: stdin. */
int libs_loadfile(lua_State *L, const char *name);

#endif
