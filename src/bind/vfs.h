/*
** vfs.h: /zip/ paths inside Lua (io.open, io.lines, loadfile, dofile,
** require, package.searchpath).
** See LICENSE.
*/
#ifndef MOONBOX_VFS_H
#define MOONBOX_VFS_H

#include "lua.h"

/* Wraps io.open, io.lines, io.input, io.output, loadfile, dofile,
** os.remove, os.rename and package.searchpath and replaces the Lua searcher (package.searchers[2])
** so that they understand /zip/. Call after the libraries are open. */
void vfs_open(lua_State *L);

/* luaL_loadfilex that also loads /zip/ paths; NULL name: stdin. Returns a
** Lua status with the chunk or the message on the stack, as luaL_loadfilex
** does. */
int vfs_loadfile(lua_State *L, const char *name, const char *mode);

#endif
