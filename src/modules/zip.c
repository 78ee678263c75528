/*
** zip.c: the built-in `zip` module: list, stat and read the entries of the
** archive appended to this executable (the same entries /zip/ shows).
** See LICENSE.
*/
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "engine/zipfs.h"
#include "bind/zipname.h"
#include "runtime/archive.h"

/*
** Paths are entry names ("a/b.lua", "dir/") or the same with "/zip/" in
** front, normalized as /zip/ paths are. Missing entries and a missing or
** corrupt archive are environmental failures: nil, message, errno.
*/

static const char *method_name(unsigned m) {
  return m == 0 ? "stored" : m == 8 ? "deflate" : NULL;
}

/* Fills the table on top with entry e's fields (e may be NULL for a
** directory that exists only as the prefix of names). */
static void set_fields(lua_State *L, const char *name, size_t len,
                       const zip_entry *e, int isdir) {
  lua_pushlstring(L, name, len);
  lua_setfield(L, -2, "name");
  lua_pushboolean(L, isdir);
  lua_setfield(L, -2, "isdir");
  lua_pushinteger(L, e ? (lua_Integer)e->size : 0);
  lua_setfield(L, -2, "size");
  lua_pushinteger(L, e ? (lua_Integer)e->csize : 0);
  lua_setfield(L, -2, "csize");
  lua_pushinteger(L, e ? (lua_Integer)e->crc : 0);
  lua_setfield(L, -2, "crc32");
  lua_pushinteger(L, e ? (lua_Integer)e->mtime : 0);
  lua_setfield(L, -2, "mtime");
  lua_pushinteger(L, e ? (lua_Integer)e->mode : 040755);
  lua_setfield(L, -2, "mode");
  if (e == NULL || method_name(e->method) == NULL)
    lua_pushinteger(L, e ? e->method : 0);
  else
    lua_pushstring(L, method_name(e->method));
  lua_setfield(L, -2, "method");
}

/* The entry (or directory) a /zip/ path names, symbolic links followed;
** the normalized name is pushed and returned through *name. */
static zip_result lookup(lua_State *L, const char *path, const char **name,
                         size_t *len, const zip_entry **e, int *isdir) {
  *name = zipname_push(L, path, len);
  return zipfs_stat(archive_get(), *name, *len, e, isdir);
}

/* -- zip.stat(path) -> {name, isdir, size, csize, crc32, mtime, mode,
**    method} | nil, message, errno */
static int z_stat(lua_State *L) {
  const char *path = luaL_checkstring(L, 1), *name;
  const zip_entry *e = NULL;
  size_t len;
  int isdir = 0;
  zip_result r = lookup(L, path, &name, &len, &e, &isdir);
  if (r != ZIP_OK) return zipname_fail(L, path, r);
  lua_createtable(L, 0, 8);
  if (isdir && len > 0 && name[len - 1] != '/') {
    lua_pushfstring(L, "%s/", name);
    name = lua_tolstring(L, -1, &len);
    lua_insert(L, -2);
  }
  set_fields(L, name, len, e, isdir);
  return 1;
}

/* The longest Lua string an entry may be read into. */
/* -- zip.read(path) -> string | nil, message, errno */
static int z_read(lua_State *L) {
  return zipname_pushfile(L, luaL_checkstring(L, 1));
}

/* -- zip.list([prefix]) -> {name, ...} | nil, message, errno
** (every entry whose name starts with prefix, sorted bytewise; directories
** end with '/'; a prefix that is a /zip/ path ("/zip", "/zip/lib/",
** "//zip/a/../b") is normalized as /zip/ paths are, any other is taken as
** the start of entry names, byte for byte) */
static int z_list(lua_State *L) {
  size_t plen, i, n, k = 0;
  const char *prefix = luaL_optlstring(L, 1, "", &plen);
  zip *z = archive_get();
  zip_result r = z ? zip_index(z) : ZIP_NOEOCD;
  if (r != ZIP_OK) return zipname_fail(L, "/zip/", r);
  if (zipfs_rest(prefix)) prefix = zipname_push(L, prefix, &plen);
  n = zip_count(z);
  lua_newtable(L);
  for (i = 0; i < n; i++) {
    const zip_entry *e = zip_at(z, i);
    if (e->namelen >= plen && memcmp(e->name, prefix, plen) == 0) {
      lua_pushlstring(L, e->name, e->namelen);
      lua_rawseti(L, -2, (lua_Integer)++k);
    }
  }
  return 1;
}

/* -- zip.archive() -> {path, base, entries, skipped} | nil, message
** (where this executable's archive was found and what it holds) */
static int z_archive(lua_State *L) {
  zip *z = archive_get();
  zip_result r = z ? zip_index(z) : ZIP_NOEOCD;
  if (z == NULL) {
    luaL_pushfail(L);
    lua_pushstring(L, archive_error());
    return 2;
  }
  lua_createtable(L, 0, 4);
  lua_pushstring(L, archive_exe());
  lua_setfield(L, -2, "path");
  lua_pushinteger(L, (lua_Integer)zip_base(z));
  lua_setfield(L, -2, "base");
  if (r != ZIP_OK) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", archive_exe(), archive_strerror(r));
    return 2;
  }
  lua_pushinteger(L, (lua_Integer)zip_count(z));
  lua_setfield(L, -2, "entries");
  lua_pushinteger(L, (lua_Integer)zip_skipped(z));
  lua_setfield(L, -2, "skipped");
  return 1;
}

static const luaL_Reg funcs[] = {{"list", z_list},
                                 {"stat", z_stat},
                                 {"read", z_read},
                                 {"archive", z_archive},
                                 {NULL, NULL}};

int luaopen_zip(lua_State *L);

int luaopen_zip(lua_State *L) {
  luaL_newlib(L, funcs);
  return 1;
}
