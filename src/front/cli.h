/*
** cli.h: the lua.c-compatible command line, run by main.c. See LICENSE.
*/
#ifndef MOONBOX_CLI_H
#define MOONBOX_CLI_H

#include "lua.h"

/* Protected entry: argument 1 is argc, 2 is argv (light userdata). Returns
** true on the stack when everything ran, false after a reported failure. */
int cli_main(lua_State *L);

/* Writes the version line of -v; a second, moonbox's own, unless
** 'puc_only'. */
void cli_print_version(int puc_only);

#endif
