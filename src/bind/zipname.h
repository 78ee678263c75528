/*
** zipname.h: what every binding that reads the archive shares: the entry
** name a path means, the one failure triple, and a file's data as a string.
** See LICENSE.
*/
#ifndef MOONBOX_ZIPNAME_H
#define MOONBOX_ZIPNAME_H

#include "lua.h"

#include "engine/zip.h"

/* Pushes the entry name text means, made by zipfs_clean: of what follows
** "/zip" for a /zip/ path (zipfs_rest), else of the whole text (the zip
** module's bare entry names). Returns it, its length in *len. */
const char *zipname_push(lua_State *L, const char *text, size_t *len);

/* Pushes nil, "<path>: <why r>", errno (archive_strerror, archive_errno)
** and returns 3, as Lua's io functions fail. */
int zipname_fail(lua_State *L, const char *path, zip_result r);

/* Pushes the data of the file (links followed, not a directory) that path
** names in the process's archive and returns 1, or a failure (3). */
int zipname_pushfile(lua_State *L, const char *path);

#endif
