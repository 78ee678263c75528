/*
** repl.h: the interactive read-eval-print loop.
** See LICENSE.
*/
#ifndef MOONBOX_REPL_H
#define MOONBOX_REPL_H

#include "lua.h"

/* Reads chunks from stdin until end of file, running each (run.h's
** run_docall) and printing its results; errors do not end the loop and
** are reported without a program name, as lua.c's interactive loop does. */
void repl_run(lua_State *L);

#endif
