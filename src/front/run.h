/*
** run.h: running Lua code from the front end as lua.c does: the program's
** name, calls with a traceback and Ctrl-C handling, error reports. The
** command line (cli.c) and the REPL (repl.c) both call down into it.
** See LICENSE.
*/
#ifndef MOONBOX_RUN_H
#define MOONBOX_RUN_H

#include "lua.h"

/* run_setname: the program's name for messages becomes argv0 when it is
** a non-empty string (NULL and "" keep MOONBOX_NAME). main calls it
** first, before any message can be printed. */
void run_setname(const char *argv0);

/* run_progname: the program's name for "progname: message" lines. */
const char *run_progname(void);

/*
** run_docall: lua_pcall of the function below its narg arguments, with a
** message handler that appends a traceback (an error object with
** __tostring gives its own text, without one). While it runs, SIGINT
** sets a hook that raises "interrupted!" at the next VM event; a second
** SIGINT before that kills the process (the default action is restored
** at the first). SIGINT is back to its default on return. Returns the
** Lua status; on error the message is on the stack, as lua_pcall leaves
** it.
*/
int run_docall(lua_State *L, int narg, int nres);

/*
** run_report: when status is not LUA_OK, prints the error on top of the
** stack to stderr as "pname: message" (pname NULL: the message alone, as
** the interactive loop does) and pops it; a value that is not a string
** prints as "(error object is not a string)". Returns status.
*/
int run_report(lua_State *L, int status, const char *pname);

#endif
