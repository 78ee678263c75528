/*
** repl.h: the interactive read-eval-print loop.
** See LICENSE.
*/
#ifndef MOONBOX_REPL_H
#define MOONBOX_REPL_H

#include "lua.h"

/* Reads chunks from stdin until end of file, running each and printing
** its results; errors are reported without 'progname' and do not end the
** loop. 'progname' is restored for the caller's later messages. */
void repl_run(lua_State *L, const char *progname);

#endif
