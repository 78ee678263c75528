/*
** zipname.c: the entry name a path means, the failure triple and a file's
** data, for the bindings that read the archive (vfs.c, the zip and path
** modules, unix). See LICENSE.
*/
#include <stdint.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "engine/zipfs.h"
#include "runtime/archive.h"
#include "zipname.h"

/* The most an entry may inflate to in memory; past it reads fail with
** EFBIG rather than asking for an absurd allocation. A Lua string's
** length must also stay below LUA_MAXINTEGER. */
#define MAX_ENTRY ((uint64_t)SIZE_MAX / 2)
#define MAX_STRING                                                      \
  (MAX_ENTRY < (uint64_t)LUA_MAXINTEGER - 1 ? MAX_ENTRY                 \
                                            : (uint64_t)LUA_MAXINTEGER - 1)

const char *zipname_push(lua_State *L, const char *text, size_t *len) {
  luaL_Buffer b;
  const char *rest = zipfs_rest(text);
  size_t n;
  unsigned how;
  char *out;
  if (rest != NULL) text = rest;
  n = strlen(text);
  out = luaL_buffinitsize(L, &b, n);
  luaL_pushresultsize(&b, zipfs_clean(out, text, n, &how));
  return lua_tolstring(L, -1, len);
}

int zipname_fail(lua_State *L, const char *path, zip_result r) {
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", path, archive_strerror(r));
  lua_pushinteger(L, archive_errno(r));
  return 3;
}

int zipname_pushfile(lua_State *L, const char *path) {
  zip *z = archive_get();
  const zip_entry *e;
  luaL_Buffer b;
  size_t len;
  const char *name = zipname_push(L, path, &len);
  zip_result r = zipfs_file(z, name, len, &e);
  lua_pop(L, 1);
  if (r == ZIP_OK) r = zipfs_readable(z, e, MAX_STRING);
  if (r != ZIP_OK) return zipname_fail(L, path, r);
  r = zip_read(z, e, luaL_buffinitsize(L, &b, (size_t)e->size));
  luaL_pushresultsize(&b, r == ZIP_OK ? (size_t)e->size : 0);
  if (r == ZIP_OK) return 1;
  lua_pop(L, 1);
  return zipname_fail(L, path, r);
}
