/*
** vfs.c: /zip/ paths in Lua: io.open, io.lines, io.input, loadfile,
** dofile, require and package.searchpath read entries of the appended
** archive; writes (io.output too), os.remove and os.rename there fail as
** on a read-only file system.
** See LICENSE.
*/
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#include "engine/zipfs.h"
#include "runtime/archive.h"
#include "vfs.h"
#include "zipname.h"

/*
** Every wrapper keeps the function it replaces as upvalue 1 and, for a path
** outside /zip/, calls that function's C code directly in its own frame
** (lua_tocfunction), so error messages still name 'open', 'lines' and so
** on, and continuations (dofile's) work as before.
*/
static int pass(lua_State *L) {
  return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* {==== names and failures */

/* The file (not a directory, links followed) that /zip/ path (is_zip)
** names in z, its name made by zipfs_clean ("/zip/a/../b" is "b"). */
static zip_result find_file(lua_State *L, zip *z, const char *path,
                            const zip_entry **e) {
  size_t len;
  const char *name = zipname_push(L, path, &len);
  zip_result r = zipfs_file(z, name, len, e);
  lua_pop(L, 1);
  return r;
}

/* The most an entry may inflate to in memory behind a stream. */
#define MAX_ENTRY ((uint64_t)SIZE_MAX / 2)

static int is_zip(const char *path) {
  return zipfs_rest(path) != NULL;
}

static int read_only(lua_State *L, const char *path) {
  luaL_pushfail(L);
  lua_pushfstring(L, "%s: %s", path, strerror(EROFS));
  lua_pushinteger(L, EROFS);
  return 3;
}

/* }==== */

/* {==== file handles over inflated bytes */

/* The bytes of an entry behind a stdio stream (musl's fopencookie), so
** that io.open returns a genuine Lua file handle. The block comes from
** the state's allocator, so MOONBOX_MEMLIMIT counts it; the handle is
** closed (explicitly or by __gc, which lua_close runs) while the state
** and its allocator still exist. */
typedef struct Cookie {
  lua_Alloc alloc;
  void *ud;
  size_t size, pos;
  char data[];
} Cookie;

static ssize_t ck_read(void *c, char *buf, size_t n) {
  Cookie *k = c;
  size_t left = k->pos < k->size ? k->size - k->pos : 0;
  if (n > left) n = left;
  memcpy(buf, k->data + k->pos, n);
  k->pos += n;
  return (ssize_t)n;
}

static ssize_t ck_write(void *c, const char *buf, size_t n) {
  (void)c;
  (void)buf;
  (void)n;
  errno = EBADF;
  return -1;
}

static int ck_seek(void *c, off_t *off, int whence) {
  Cookie *k = c;
  off_t base = whence == SEEK_SET ? 0
               : whence == SEEK_CUR ? (off_t)k->pos
                                    : (off_t)k->size;
  if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
    errno = EINVAL;
    return -1;
  }
  if (*off < -base || *off > (off_t)(SIZE_MAX / 2) - base) {
    errno = EINVAL;
    return -1;
  }
  k->pos = (size_t)(base + *off);
  *off = (off_t)k->pos;
  return 0;
}

static int ck_close(void *c) {
  Cookie *k = c;
  k->alloc(k->ud, k, sizeof(Cookie) + k->size, 0);
  return 0;
}

static int io_zclose(lua_State *L) {
  luaL_Stream *p = (luaL_Stream *)luaL_checkudata(L, 1, LUA_FILEHANDLE);
  int ok = fclose(p->f) == 0;
  return luaL_fileresult(L, ok, NULL);
}

/* A cookie with room for n bytes, from the state's allocator. The
** collector cannot see this block, yet only a collection frees the ones
** of handles dropped without a close: so the bytes are first added to the
** collector's debt (the work a userdata of that size would have caused),
** and when the allocator still refuses (MOONBOX_MEMLIMIT reached), a full
** collection runs and the allocation is tried once more. NULL when even
** that fails. */
static Cookie *new_cookie(lua_State *L, size_t n) {
  void *ud;
  lua_Alloc alloc = lua_getallocf(L, &ud);
  size_t size = sizeof(Cookie) + n, kb = size >> 10;
  Cookie *k;
  if (kb > 0 && lua_gc(L, LUA_GCISRUNNING))
    lua_gc(L, LUA_GCSTEP, kb > INT_MAX ? INT_MAX : (int)kb);
  k = alloc(ud, NULL, LUA_TUSERDATA, size);
  if (k == NULL) {
    lua_gc(L, LUA_GCCOLLECT);
    k = alloc(ud, NULL, LUA_TUSERDATA, size);
  }
  if (k == NULL) return NULL;
  k->alloc = alloc, k->ud = ud;
  k->size = n;
  k->pos = 0;
  return k;
}

/* Opens entry e as a stdio stream over its inflated bytes; NULL and *r
** says why on failure. */
static FILE *open_entry(lua_State *L, zip *z, const zip_entry *e,
                        zip_result *r) {
  static const cookie_io_functions_t io = {ck_read, ck_write, ck_seek,
                                           ck_close};
  Cookie *k;
  FILE *f;
  *r = zipfs_readable(z, e, MAX_ENTRY - sizeof(Cookie));
  if (*r != ZIP_OK) return NULL;
  k = new_cookie(L, (size_t)e->size);
  if (k == NULL) {
    *r = ZIP_NOMEM;
    return NULL;
  }
  *r = zip_read(z, e, k->data);
  f = *r == ZIP_OK ? fopencookie(k, "r", io) : NULL;
  if (f == NULL) {
    if (*r == ZIP_OK) *r = ZIP_NOMEM;
    ck_close(k);
  }
  return f;
}

/* Pushes a file handle reading /zip/ 'path', or a failure (3 results).
** The handle exists, closed, before anything is allocated, so a memory
** error raised by Lua cannot leak the stream. */
static int open_zip(lua_State *L, const char *path) {
  zip *z = archive_get();
  luaL_Stream *p;
  const zip_entry *e;
  zip_result r;
  p = (luaL_Stream *)lua_newuserdatauv(L, sizeof(luaL_Stream), 0);
  p->closef = NULL;
  p->f = NULL;
  luaL_setmetatable(L, LUA_FILEHANDLE);
  r = find_file(L, z, path, &e);
  if (r == ZIP_OK) p->f = open_entry(L, z, e, &r);
  if (p->f == NULL) return zipname_fail(L, path, r);
  p->closef = io_zclose;
  return 1;
}

/* liolib's rule for io.open modes: [rwa]%+?b* */
static int valid_mode(const char *m) {
  if (*m == '\0' || strchr("rwa", *m) == NULL) return 0;
  m++;
  if (*m == '+') m++;
  return strspn(m, "b") == strlen(m);
}

/* -- io.open(filename [, mode]) -> file | nil, message, errno
** (/zip/: read modes give a file handle over the inflated entry; others
** nil, "<path>: Read-only file system", 30) */
static int io_open(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  if (!is_zip(path)) return pass(L);
  luaL_argcheck(L, valid_mode(mode), 2, "invalid mode");
  if (mode[0] != 'r' || strchr(mode, '+')) return read_only(L, path);
  return open_zip(L, path);
}

/* Iterator of io.lines over a /zip/ file: upvalue 1 is f:lines(...)'s
** iterator, 2 the file, closed at the end as io.lines does. */
static int zip_lines_next(lua_State *L) {
  int n;
  lua_settop(L, 0);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_call(L, 0, LUA_MULTRET);
  n = lua_gettop(L);
  if (n > 0 && lua_toboolean(L, 1)) return n;
  luaL_getmetafield(L, lua_upvalueindex(2), "__index");
  lua_getfield(L, -1, "close");
  lua_pushvalue(L, lua_upvalueindex(2));
  lua_call(L, 1, 0);
  return 0;
}

/* -- io.lines([filename, ...]) -> iterator, nil, nil, file
** (raises when a /zip/ file cannot be opened, as for any file) */
static int io_lines(lua_State *L) {
  const char *path = lua_tostring(L, 1);
  int n = lua_gettop(L);
  if (lua_type(L, 1) != LUA_TSTRING || !is_zip(path)) return pass(L);
  if (open_zip(L, path) != 1)
    return luaL_error(L, "%s", lua_tostring(L, -2));
  lua_replace(L, 1); /* the file in place of its name */
  luaL_getmetafield(L, 1, "__index");
  lua_getfield(L, -1, "lines");
  lua_insert(L, 1);
  lua_pop(L, 1);    /* the __index table */
  lua_pushvalue(L, 2);
  lua_insert(L, 1); /* file, lines, file, formats... */
  lua_call(L, n, 1);
  lua_pushvalue(L, 1);
  lua_pushcclosure(L, zip_lines_next, 2);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, 1);
  return 4;
}

/* -- io.input([file]) -> file
** (a /zip/ name opens the entry; raises when it cannot, as for any file) */
static int io_input(lua_State *L) {
  const char *path = lua_tostring(L, 1);
  if (lua_type(L, 1) != LUA_TSTRING || !is_zip(path)) return pass(L);
  if (open_zip(L, path) != 1) /* nil, "<path>: why", errno */
    return luaL_error(L, "cannot open file '%s' (%s)", path,
                      lua_tostring(L, -2) + strlen(path) + 2);
  lua_replace(L, 1);
  lua_settop(L, 1);
  return pass(L); /* io.input(file) */
}

/* -- io.output([file]) -> file
** (a /zip/ name raises "cannot open file '<path>' (Read-only file
** system)" and touches nothing) */
static int io_output(lua_State *L) {
  const char *path = lua_tostring(L, 1);
  if (lua_type(L, 1) != LUA_TSTRING || !is_zip(path)) return pass(L);
  return luaL_error(L, "cannot open file '%s' (%s)", path, strerror(EROFS));
}

/* -- os.remove(filename) -> true | nil, message, errno */
static int os_remove(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  return is_zip(path) ? read_only(L, path) : pass(L);
}

/* -- os.rename(from, to) -> true | nil, message, errno */
static int os_rename(lua_State *L) {
  const char *from = luaL_checkstring(L, 1);
  const char *to = luaL_checkstring(L, 2);
  if (is_zip(from)) return read_only(L, from);
  if (is_zip(to)) return read_only(L, to);
  return pass(L);
}

/* }==== */

/* {==== loading chunks */

/* What luaL_loadfilex skips: a UTF-8 byte order mark, then a first line
** starting with '#' -- whose newline is kept so line numbers stay right,
** except before a binary chunk. */
static const char *skip_prefix(const char *s, size_t *n) {
  if (*n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, *n -= 3;
  if (*n > 0 && s[0] == '#') {
    const char *nl = memchr(s, '\n', *n);
    size_t skip = nl ? (size_t)(nl - s) : *n;
    s += skip, *n -= skip;
    if (*n >= 2 && s[1] == LUA_SIGNATURE[0]) s++, (*n)--;
  }
  return s;
}

int vfs_loadfile(lua_State *L, const char *name, const char *mode) {
  const char *s;
  size_t n;
  int status;
  if (!is_zip(name)) return luaL_loadfilex(L, name, mode);
  if (zipname_pushfile(L, name) != 1) {
    lua_pushfstring(L, "cannot open %s", lua_tostring(L, -2) + 0);
    lua_replace(L, -4);
    lua_pop(L, 2);
    return LUA_ERRFILE;
  }
  s = lua_tolstring(L, -1, &n);
  s = skip_prefix(s, &n);
  lua_pushfstring(L, "@%s", name);
  status = luaL_loadbufferx(L, s, n, lua_tostring(L, -1), mode);
  lua_replace(L, -3); /* chunk or message over the data */
  lua_pop(L, 1);
  return status;
}

/* -- loadfile([filename [, mode [, env]]]) -> function | nil, message */
static int b_loadfile(lua_State *L) {
  const char *path = luaL_optstring(L, 1, NULL);
  const char *mode = luaL_optstring(L, 2, NULL);
  int env = !lua_isnone(L, 3) ? 3 : 0;
  if (!is_zip(path)) return pass(L);
  if (vfs_loadfile(L, path, mode) != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  if (env != 0) {
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  }
  return 1;
}

static int dofile_cont(lua_State *L, int status, lua_KContext k) {
  (void)status;
  (void)k;
  return lua_gettop(L) - 1;
}

/* -- dofile([filename]) -> ... (raises on errors) */
static int b_dofile(lua_State *L) {
  const char *path = luaL_optstring(L, 1, NULL);
  if (!is_zip(path)) return pass(L);
  lua_settop(L, 1);
  if (vfs_loadfile(L, path, NULL) != LUA_OK) return lua_error(L);
  lua_callk(L, 0, LUA_MULTRET, 0, dofile_cont);
  return dofile_cont(L, 0, 0);
}

/* }==== */

/* {==== package.searchpath and the Lua searcher */

static int readable(lua_State *L, const char *filename) {
  FILE *f;
  if (is_zip(filename)) {
    const zip_entry *e;
    return find_file(L, archive_get(), filename, &e) == ZIP_OK;
  }
  f = fopen(filename, "r");
  if (f == NULL) return 0;
  fclose(f);
  return 1;
}

/* loadlib.c's searchpath, reading /zip/ too: pushes the first readable
** file name, or the "no file '...'" list and returns NULL. */
static const char *search(lua_State *L, const char *name, const char *path,
                          const char *sep, const char *dirsep) {
  luaL_Buffer b;
  const char *list, *p;
  if (*sep != '\0' && strchr(name, *sep) != NULL)
    name = luaL_gsub(L, name, sep, dirsep);
  list = luaL_gsub(L, path, LUA_PATH_MARK, name);
  for (p = list; *p != '\0';) {
    size_t len = strcspn(p, LUA_PATH_SEP);
    if (len > 0) {
      const char *f = lua_pushlstring(L, p, len);
      if (readable(L, f)) return f;
      lua_pop(L, 1);
    }
    p += len + (p[len] != '\0');
  }
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "no file '");
  luaL_addgsub(&b, list, LUA_PATH_SEP, "'\n\tno file '");
  luaL_addstring(&b, "'");
  luaL_pushresult(&b);
  return NULL;
}

/* -- package.searchpath(name, path [, sep [, rep]]) -> filename
**    | nil, message */
static int p_searchpath(lua_State *L) {
  const char *f = search(L, luaL_checkstring(L, 1), luaL_checkstring(L, 2),
                         luaL_optstring(L, 3, "."),
                         luaL_optstring(L, 4, LUA_DIRSEP));
  if (f != NULL) return 1;
  luaL_pushfail(L);
  lua_insert(L, -2);
  return 2;
}

/* package.searchers[2]: upvalue 1 is the package table (its path is
** searched) or a path string of its own (see zip_lua_first). */
static int searcher_lua(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  const char *path, *file;
  if (lua_type(L, lua_upvalueindex(1)) == LUA_TSTRING)
    lua_pushvalue(L, lua_upvalueindex(1));
  else
    lua_getfield(L, lua_upvalueindex(1), "path");
  path = lua_tostring(L, -1);
  if (path == NULL) luaL_error(L, "'package.path' must be a string");
  file = search(L, name, path, ".", LUA_DIRSEP);
  if (file == NULL) return 1;
  if (vfs_loadfile(L, file, NULL) == LUA_OK) {
    lua_pushstring(L, file);
    return 2;
  }
  return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s",
                    name, file, lua_tostring(L, -1));
}

#define ZIP_LUA_PATH "/zip/.lua/?.lua;/zip/.lua/?/init.lua"

/* When package.path does not start with ZIP_LUA_PATH at start-up (and -E,
** LUA_NOENV, was not given: the default path starts so), a searcher of that
** path alone goes before the path searcher: a LUA_PATH set for another Lua
** (by a package manager, say) must not hide the modules an app carries in
** its archive. package.path keeps what LUA_PATH says, as lua.c makes it
** (the official suite checks that). Expects package.searchers on top. */
static void zip_lua_first(lua_State *L) {
  const char *path;
  int skip;
  lua_getfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  skip = lua_toboolean(L, -1);
  lua_getfield(L, -3, "path"); /* package.path */
  path = lua_tostring(L, -1);
  skip = skip || path == NULL ||
         strncmp(path, ZIP_LUA_PATH, sizeof ZIP_LUA_PATH - 1) == 0;
  lua_pop(L, 2);
  if (skip) return;
  lua_getglobal(L, "table");
  lua_getfield(L, -1, "insert");
  lua_pushvalue(L, -3);
  lua_pushinteger(L, 2);
  lua_pushliteral(L, ZIP_LUA_PATH);
  lua_pushcclosure(L, searcher_lua, 1);
  lua_call(L, 3, 0);
  lua_pop(L, 1);
}

/* }==== */

static void wrap(lua_State *L, const char *lib, const char *name,
                 lua_CFunction f) {
  lua_getglobal(L, lib);
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, f, 1);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

void vfs_open(lua_State *L) {
  wrap(L, "io", "open", io_open);
  wrap(L, "io", "lines", io_lines);
  wrap(L, "io", "input", io_input);
  wrap(L, "io", "output", io_output);
  wrap(L, "os", "remove", os_remove);
  wrap(L, "os", "rename", os_rename);
  wrap(L, "_G", "loadfile", b_loadfile);
  wrap(L, "_G", "dofile", b_dofile);
  wrap(L, "package", "searchpath", p_searchpath);
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchers");
  lua_pushvalue(L, -2);
  lua_pushcclosure(L, searcher_lua, 1);
  lua_rawseti(L, -2, 2);
  zip_lua_first(L);
  lua_pop(L, 2);
}
