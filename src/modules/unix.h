/*
** unix.h: what the files of the unix module share: the failure convention
** (nil, unix.Errno), integer argument checks and constant tables.
** See LICENSE.
*/
#ifndef MOONBOX_UNIX_H
#define MOONBOX_UNIX_H

#include "lauxlib.h"
#include "lua.h"

/* A named integer constant; a table of them ends with a NULL name. */
typedef struct unix_const {
  const char *name;
  lua_Integer value;
} unix_const;

/* Pushes nil and a unix.Errno holding the current errno and 'call' (the
** name of the failed system call, a string that lives forever, e.g. a
** literal); returns 2, so a binding ends with `return unix_fail(L, "x")`.
** Raises only when Lua is out of memory. */
int unix_fail(lua_State *L, const char *call);

/* The usual endings of a binding: rc == -1 is a failure as above; else
** unix_int pushes rc as an integer and unix_ok pushes true. Return 1 or 2. */
int unix_int(lua_State *L, long rc, const char *call);
int unix_ok(lua_State *L, long rc, const char *call);

/* Argument 'arg' as a C int; raises an argument error when it is not an
** integer or does not fit ("out of range"). unix_optint gives 'def' for
** nil or none. */
int unix_checkint(lua_State *L, int arg);
int unix_optint(lua_State *L, int arg, int def);

/* Argument 'arg' as a path: a string without zero bytes (the kernel would
** read a shorter name than the one given); raises an argument error
** otherwise. */
const char *unix_checkpath(lua_State *L, int arg);

/* Registers the class 'name' (its metatable in the registry, for
** luaL_checkudata and luaL_setmetatable): the metamethods 'meta' (may be
** NULL) and __index = a table of 'methods'. Leaves the stack as it was. */
void unix_newclass(lua_State *L, const char *name, const luaL_Reg *meta,
                   const luaL_Reg *methods);

/* Sets t[name] = value for each of 'c' in the table on top of the stack. */
void unix_setconsts(lua_State *L, const unix_const *c);

/* -- require "unix" -> the module table (unix.c) */
int luaopen_unix(lua_State *L);

/* Each theme adds its functions, objects and constants to the module
** table on top of the stack (see unix.def). */
#define THEME(name) void unix_open_##name(lua_State *L);
#include "modules/unix.def"
#undef THEME

#endif
