/*
** libs.c: the library set of a moonbox state: standard, replaced, built in.
** See LICENSE.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#include "config.h"
#include "libs.h"
#include "vfs.h"

#define MODULE(name) int luaopen_##name(lua_State *L);
#define NAMED(preload, name) int luaopen_##name(lua_State *L);
#define LINKED(preload, name, mk) int luaopen_##name(lua_State *L);
#define ALIAS(name, target)
#include "modules/modules.def"
#undef MODULE
#undef NAMED
#undef LINKED

int luaopen_moonbox_os(lua_State *L);
int luaopen_moonbox_osio(lua_State *L);

/* Built-in C modules, loaded lazily through package.preload. */
static const luaL_Reg builtin[] = {
#define MODULE(name) {#name, luaopen_##name},
#define NAMED(preload, name) {preload, luaopen_##name},
#define LINKED(preload, name, mk) {preload, luaopen_##name},
#include "modules/modules.def"
#undef MODULE
#undef NAMED
#undef LINKED
    {NULL, NULL}};

/* Other names of built-in modules: {alias, module}. */
static const char *const aliases[][2] = {
#undef ALIAS
#define ALIAS(name, target) {name, target},
#define MODULE(name)
#define NAMED(preload, name)
#define LINKED(preload, name, mk)
#include "modules/modules.def"
#undef MODULE
#undef NAMED
#undef LINKED
#undef ALIAS
    {NULL, NULL}};

/* Comma-separated names of the built-in C modules, pushed on the stack. */
static const char *push_builtin_names(lua_State *L) {
  luaL_Buffer b;
  const luaL_Reg *m;
  luaL_buffinit(L, &b);
  for (m = builtin; m->name; m++) {
    if (m != builtin) luaL_addstring(&b, ", ");
    luaL_addstring(&b, m->name);
  }
  if (builtin[0].name == NULL) luaL_addstring(&b, "(none)");
  luaL_pushresult(&b);
  return lua_tostring(L, -1);
}

/* {==== C-module searchers */

/* Replaces package.searchers[3] and [4]: a static binary has no dynamic
** loader, so a C module found on package.cpath is an error that says so
** and names the built-in ones; one not found adds the usual "no file"
** lines (the official test suite checks that message to the letter).
** Upvalue 1 is true for the all-in-one (root name) searcher. */
static int search_c(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  int root = lua_toboolean(L, lua_upvalueindex(1));
  const char *path;
  if (root) {
    const char *dot = strchr(name, '.');
    if (dot == NULL) return 0; /* not a submodule: nothing to do */
    name = lua_pushlstring(L, name, (size_t)(dot - name));
  }
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchpath");
  lua_pushstring(L, name);
  lua_getfield(L, -3, "cpath");
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_error(L, "'package.cpath' must be a string");
  lua_call(L, 2, 2);
  path = lua_tostring(L, -2);
  if (path == NULL) return 1; /* searchpath's "no file" lines */
  else
    luaL_error(L,
               "module '%s' is a C library at '%s', which moonbox cannot "
               "load: it is statically linked (built-in C modules: %s)",
               lua_tostring(L, 1), path, push_builtin_names(L));
  return 1;
}

/* -- package.loadlib(path, func) -> nil, message, "absent" */
static int no_loadlib(lua_State *L) {
  luaL_checkstring(L, 1);
  luaL_checkstring(L, 2);
  luaL_pushfail(L);
  lua_pushliteral(L, "moonbox is statically linked and cannot load "
                     "dynamic libraries");
  lua_pushliteral(L, "absent");
  return 3;
}

static void replace_c_searchers(lua_State *L) {
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchers");
  lua_pushboolean(L, 0);
  lua_pushcclosure(L, search_c, 1);
  lua_rawseti(L, -2, 3);
  lua_pushboolean(L, 1);
  lua_pushcclosure(L, search_c, 1);
  lua_rawseti(L, -2, 4);
  lua_pop(L, 1);
  lua_pushcfunction(L, no_loadlib);
  lua_setfield(L, -2, "loadlib");
  lua_pop(L, 1);
}

/* }==== */

/* {==== print: Lua's, keeping the reason of a failed write */

/* errno of print's first failed write to stdout, 0 if none: musl's FILE
** keeps only an error flag, and by exit errno says something else. */
static int stdout_errno;

int libs_stdout_errno(void) {
  return stdout_errno;
}

static void note_failure(int failed) {
  if (failed && stdout_errno == 0) stdout_errno = errno ? errno : EIO;
}

static void put(const char *s, size_t len) {
  errno = 0;
  note_failure(fwrite(s, 1, len, stdout) != len);
}

/* -- print(...) -- Lua's own, plus the note above */
static int print(lua_State *L) {
  int n = lua_gettop(L), i;
  for (i = 1; i <= n; i++) {
    size_t len;
    const char *s = luaL_tolstring(L, i, &len);
    if (i > 1) put("\t", 1);
    put(s, len);
    lua_pop(L, 1);
  }
  put("\n", 1);
  errno = 0;
  note_failure(fflush(stdout) != 0);
  return 0;
}

/* }==== */

/* {==== the moonbox module, in the binary so that it answers when the
** archive is missing, damaged or disabled */

/* -- require "moonbox.build" -> {version, build, target, lua} */
static int open_build(lua_State *L) {
  static const char *const info[][2] = {{"version", MOONBOX_VERSION},
                                        {"build", MOONBOX_BUILD_ID},
                                        {"target", MOONBOX_TARGET},
                                        {"lua", LUA_RELEASE}};
  size_t i;
  lua_createtable(L, 0, 7);
  for (i = 0; i < sizeof info / sizeof info[0]; i++) {
    lua_pushstring(L, info[i][1]);
    lua_setfield(L, -2, info[i][0]);
  }
  return 1;
}

static int modules(lua_State *L);

/* zip.archive() (upvalue 1): its first result on the stack. */
static void call_archive(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_call(L, 0, 1);
}

/* -- moonbox.has_archive() -> boolean */
static int has_archive(lua_State *L) {
  call_archive(L);
  lua_pushboolean(L, !lua_isnil(L, -1));
  return 1;
}

/* -- moonbox.exe() -> the path this executable was found at | nil */
static int exe(lua_State *L) {
  call_archive(L);
  if (lua_istable(L, -1)) lua_getfield(L, -1, "path");
  return 1;
}

/* -- require "moonbox" -> {version, build, target, lua, archive,
**    has_archive, exe}; archive is zip.archive */
static int open_moonbox(lua_State *L) {
  static const luaL_Reg funcs[] = {{"has_archive", has_archive},
                                   {"exe", exe},
                                   {NULL, NULL}};
  open_build(L);
  luaL_requiref(L, "zip", luaopen_zip, 0);
  lua_getfield(L, -1, "archive");
  lua_remove(L, -2);
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, "archive");
  luaL_setfuncs(L, funcs, 1);
  lua_pushcfunction(L, modules);
  lua_setfield(L, -2, "modules");
  return 1;
}

/* }==== */

/* {==== package.preload: built-in modules found on demand */

/* package.preload loader of an alias: require(upvalue 1). */
static int load_alias(lua_State *L) {
  lua_getglobal(L, "require");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_call(L, 1, 1);
  return 1;
}

/* The moonbox module and its build table, found before the modules.def ones. */
static const luaL_Reg own[] = {{"moonbox.build", open_build},
                               {"moonbox", open_moonbox},
                               {NULL, NULL}};

/* Pushes the loader of built-in module 'name' (a C function, or for an
** alias a closure that requires its target) and returns 1; 0 if there is
** no such built-in module (nothing pushed). */
static int push_loader(lua_State *L, const char *name) {
  const luaL_Reg *m;
  size_t i;
  for (m = own; m->name; m++)
    if (strcmp(m->name, name) == 0) goto found;
  for (m = builtin; m->name; m++)
    if (strcmp(m->name, name) == 0) goto found;
  for (i = 0; aliases[i][0]; i++)
    if (strcmp(aliases[i][0], name) == 0) {
      lua_pushstring(L, aliases[i][1]);
      lua_pushcclosure(L, load_alias, 1);
      return 1;
    }
  return 0;
found:
  lua_pushcfunction(L, m->func);
  return 1;
}

/* -- __index(preload, name): the loader of a built-in module, or nil. A
** metamethod rather than one entry per module: a start-up then costs one
** table and no string per module; package.preload still answers every
** built-in name, and entries a script sets take precedence. */
static int preload_index(lua_State *L) {
  if (lua_type(L, 2) != LUA_TSTRING || !push_loader(L, lua_tostring(L, 2)))
    lua_pushnil(L);
  return 1;
}

/* -- moonbox.modules() -> sorted names of the modules built into the
** binary (C modules and aliases) and its archive (/zip/.lua/: a.lua and
** a/init.lua as "a", a/b.lua as "a.b"; zip.list gives entry names, which
** have no /zip/ in front). */
static int modules(lua_State *L) {
  const luaL_Reg *m;
  lua_Integer n = 0, i, count;
  size_t k;
  int set;
  lua_newtable(L); /* set of names */
  set = lua_gettop(L);
  for (m = own; m->name; m++) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, m->name);
  }
  for (m = builtin; m->name; m++) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, m->name);
  }
  for (k = 0; aliases[k][0]; k++) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, aliases[k][0]);
  }
  luaL_requiref(L, "zip", luaopen_zip, 0);
  lua_getfield(L, -1, "list");
  lua_pushliteral(L, "/zip/.lua/");
  lua_call(L, 1, 1); /* a table, or nil without an archive */
  count = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
  for (i = 1; i <= count; i++) {
    size_t len;
    const char *s, *base;
    lua_rawgeti(L, -1, i);
    s = lua_tolstring(L, -1, &len);
    base = s + sizeof ".lua/" - 1;
    if (s != NULL && len > sizeof ".lua/.lua" - 1 &&
        strncmp(s, ".lua/", sizeof ".lua/" - 1) == 0 &&
        strcmp(s + len - 4, ".lua") == 0) {
      size_t n_base = len - (size_t)(base - s) - 4;
      if (n_base >= 5 && strncmp(base + n_base - 5, "/init", 5) == 0)
        n_base -= 5;
      lua_pushlstring(L, base, n_base);
      luaL_gsub(L, lua_tostring(L, -1), "/", ".");
      lua_pushboolean(L, 1);
      lua_settable(L, set);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 2); /* list, zip */
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, set) != 0) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, ++n);
  }
  lua_getglobal(L, "table");
  lua_getfield(L, -1, "sort");
  lua_pushvalue(L, -3);
  lua_call(L, 1, 0);
  lua_pop(L, 1);
  return 1;
}

/* }==== */

void libs_open(lua_State *L) {
  luaL_openlibs(L);
  lua_pushcfunction(L, print);
  lua_setglobal(L, "print");
  lua_pushcfunction(L, luaopen_moonbox_os); /* patches the os table */
  lua_call(L, 0, 0);
  replace_c_searchers(L);
  vfs_open(L);
  lua_pushcfunction(L, luaopen_moonbox_osio); /* os.execute, io.popen... */
  lua_call(L, 0, 0);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, preload_index);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
}

int libs_loadfile(lua_State *L, const char *name) {
  return vfs_loadfile(L, name, NULL);
}
