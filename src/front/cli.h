/*
** cli.h: the lua.c-compatible command line shared by main.c and repl.c.
** See LICENSE.
*/
#ifndef MOONBOX_CLI_H
#define MOONBOX_CLI_H

#include "lua.h"

/* Protected entry: argument 1 is argc, 2 is argv (light userdata). Returns
** true on the stack when everything ran, false after a reported failure. */
int cli_main(lua_State *L);

/* Calls the function below 'narg' arguments with a traceback handler and
** Ctrl-C turned into the error "interrupted!". Returns a Lua status. */
int cli_docall(lua_State *L, int narg, int nres);

/* Prints the error on top of the stack (when status is not LUA_OK) as
** "progname: message" and pops it; 'progname' NULL omits the prefix. */
int cli_report(lua_State *L, int status, const char *progname);

/* Writes the version line of -v; a second, moonbox's own, unless
** 'puc_only'. */
void cli_print_version(int puc_only);

#endif
