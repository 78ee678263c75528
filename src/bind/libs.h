/*
** libs.h: opening the standard and built-in libraries of a moonbox state.
** See LICENSE.
*/
#ifndef MOONBOX_LIBS_H
#define MOONBOX_LIBS_H

#include "lua.h"

/* Opens Lua's standard libraries, moonbox's replacements (os.setlocale,
** the C-module searchers, a print that keeps the reason of a failed write)
** and registers the built-in C modules and the moonbox module in
** package.preload. May raise on memory errors. */
void libs_open(lua_State *L);

/* The errno of print's first failed write to stdout, 0 if none: what the
** exit report says when the flush at exit has nothing left to fail on. */
int libs_stdout_errno(void);

/* luaL_loadfile that also understands moonbox's own paths; NULL: stdin. */
int libs_loadfile(lua_State *L, const char *name);

#endif
