/*
** vfs.h: /zip/ paths inside Lua (io.open, io.lines, loadfile, dofile,
** require, package.searchpath) and the helpers the zip module shares.
** See LICENSE.
*/
#ifndef MOONBOX_VFS_H
#define MOONBOX_VFS_H

#include "lua.h"

#include "engine/zip.h"

/* Wraps io.open, io.lines, io.input, io.output, loadfile, dofile,
** os.remove, os.rename and package.searchpath and replaces the Lua searcher (package.searchers[2])
** so that they understand /zip/. Call after the libraries are open. */
void vfs_open(lua_State *L);

/* luaL_loadfilex that also loads /zip/ paths; NULL name: stdin. Returns a
** Lua status with the chunk or the message on the stack, as luaL_loadfilex
** does. */
int vfs_loadfile(lua_State *L, const char *name, const char *mode);

/* If 'path' names something in the archive ("/zip" or "/zip/...", with
** the spellings the kernel reads the same at the root: "//zip/x",
** "/./zip/x", "/../zip/x"), pushes the entry name it means, normalized
** lexically ("/zip/a/../b/" gives "b/", "/zip" gives "") and returns 1;
** otherwise pushes nothing and returns 0. Every /zip/ path the runtime
** reads goes through this test. */
int vfs_pushname(lua_State *L, const char *path);

/* Pushes nil, "<path>: <why r>", errno (ENOENT for a missing entry or
** archive, EISDIR, ENOMEM, EFBIG, ENOTSUP for an encrypted entry or an
** unknown method, EIO for corruption, whose message names the check) and returns 3. With
** no archive at all (archive_get failed) the message is the archive's own
** error whatever r is. */
int vfs_fail(lua_State *L, const char *path, zip_result r);

/* Pushes the contents of entry e as a string, or fails as vfs_fail does
** (returning 3 then, 1 on success). */
int vfs_pushdata(lua_State *L, const char *path, const zip_entry *e);

#endif
