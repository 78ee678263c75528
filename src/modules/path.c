/*
** path.c: the built-in `path` module (Cosmopolitan's redbean PATH MODULE):
** join, dirname, basename on strings (engine/cpath) and the exists,
** isfile, isdir, islink tests, /zip/ paths answered from the archive.
** See LICENSE.
*/
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "lauxlib.h"
#include "lua.h"

#include "bind/zipname.h"
#include "engine/cpath.h"
#include "engine/zip.h"
#include "engine/zipfs.h"
#include "runtime/archive.h"

/* Pushes the part of argument 1 (a string, nil or none) that 'part' picks. */
static int push_part(lua_State *L,
                     const char *(*part)(const char *, size_t, size_t *)) {
  size_t n = 0, len;
  const char *p = luaL_optlstring(L, 1, NULL, &n);
  const char *r = part(p, n, &len);
  lua_pushlstring(L, r, len);
  return 1;
}

/* -- path.dirname([path]) -> string (nil and "" give ".") */
static int p_dirname(lua_State *L) {
  return push_part(L, cpath_dirname);
}

/* -- path.basename([path]) -> string (nil and "" give ".") */
static int p_basename(lua_State *L) {
  return push_part(L, cpath_basename);
}

/* -- path.join(part, ...) -> string | nil (nil parts are skipped; all nil
**    gives nil; no argument at all raises) */
static int p_join(lua_State *L) {
  int i, n = lua_gettop(L), any = 0;
  cpath_part *parts;
  luaL_Buffer b;
  size_t len;
  if (n == 0) return luaL_error(L, "missing argument");
  parts = lua_newuserdatauv(L, sizeof *parts * (size_t)n, 0);
  for (i = 1; i <= n; i++) {
    cpath_part *p = &parts[i - 1];
    p->s = NULL;
    p->len = 0;
    if (lua_isnil(L, i)) continue;
    p->s = luaL_checklstring(L, i, &p->len); /* numbers become strings */
    any = 1;
  }
  if (!any) {
    lua_pushnil(L);
    return 1;
  }
  len = cpath_join(NULL, parts, (size_t)n);
  cpath_join(luaL_buffinitsize(L, &b, len), parts, (size_t)n);
  luaL_pushresultsize(&b, len);
  return 1;
}

/* {==== exists, isfile, isdir, islink */

/* What the archive's entry 'name' is: its mode (S_IFDIR, S_IFREG,
** S_IFLNK... with permission bits) or 0 when it is not there. 'follow':
** through link entries (zipfs_stat) or not (zip_stat). */
static unsigned zip_mode(const char *name, size_t len, int follow) {
  const zip_entry *e = NULL;
  zip *z = archive_get();
  int isdir = 0;
  zip_result r;
  if (z == NULL) return 0;
  r = follow ? zipfs_stat(z, name, len, &e, &isdir)
             : zip_stat(z, name, len, &e, &isdir);
  if (r != ZIP_OK) return 0;
  if (isdir) return S_IFDIR | 0755;
  return e->mode & S_IFMT ? e->mode : (e->mode | S_IFREG);
}

/* The st_mode of path (0 when it does not exist or cannot be examined;
** errno is left as it was, as the manual's "on error, false"). A name
** with a zero byte in it names nothing. */
static unsigned path_mode(lua_State *L, int arg, int follow) {
  struct stat st;
  size_t len;
  const char *path = luaL_checklstring(L, arg, &len);
  int saved = errno;
  unsigned mode = 0;
  if (strlen(path) != len) return 0;
  if (zipfs_rest(path)) {
    const char *name = zipname_push(L, path, &len);
    mode = zip_mode(name, len, follow);
    lua_pop(L, 1);
  } else if (fstatat(AT_FDCWD, path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) ==
             0) {
    mode = st.st_mode;
  }
  errno = saved;
  return mode;
}

/* -- path.exists(path) -> boolean (symbolic links followed) */
static int p_exists(lua_State *L) {
  lua_pushboolean(L, path_mode(L, 1, 1) != 0);
  return 1;
}

/* The three below do not follow a final symbolic link. */
static int is_type(lua_State *L, unsigned type) {
  unsigned mode = path_mode(L, 1, 0);
  lua_pushboolean(L, mode != 0 && (mode & S_IFMT) == type);
  return 1;
}

/* -- path.isfile(path) -> boolean */
static int p_isfile(lua_State *L) {
  return is_type(L, S_IFREG);
}

/* -- path.isdir(path) -> boolean */
static int p_isdir(lua_State *L) {
  return is_type(L, S_IFDIR);
}

/* -- path.islink(path) -> boolean */
static int p_islink(lua_State *L) {
  return is_type(L, S_IFLNK);
}

/* }==== */

static const luaL_Reg funcs[] = {
    {"join", p_join},     {"dirname", p_dirname}, {"basename", p_basename},
    {"exists", p_exists}, {"isfile", p_isfile},   {"isdir", p_isdir},
    {"islink", p_islink}, {NULL, NULL}};

int luaopen_path(lua_State *L);

/* -- require "path" -> the module table */
int luaopen_path(lua_State *L) {
  luaL_newlib(L, funcs);
  return 1;
}
