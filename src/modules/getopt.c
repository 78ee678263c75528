/*
** getopt.c: the built-in `cosmo.getopt` module: command-line options parsed
** as getopt_long(3) parses them (GNU order: options may follow operands;
** "--" ends them), one option per parser:next() call. See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#define PARSER_MT "getopt.Parser"

/* The parser's tables, kept as its user values. */
enum { UV_ARGS = 1, UV_OPTS, UV_LONG, UV_REST, UV_UNKNOWN, UV_COUNT = 5 };

enum { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

typedef struct {
  lua_Integer next; /* index in args of the next argument to look at */
  lua_Integer n;    /* number of arguments */
  lua_Integer cur;  /* the argument holding the cluster being read */
  size_t pos;       /* offset of the next option in it; 0: no cluster */
  int done;         /* next() has returned nil */
  int posix;        /* stop at the first operand */
} Parser;

static Parser *check_parser(lua_State *L) {
  return luaL_checkudata(L, 1, PARSER_MT);
}

/* Pushes args[i] (a string: new() checked them). */
static const char *arg_at(lua_State *L, lua_Integer i) {
  lua_getiuservalue(L, 1, UV_ARGS);
  lua_rawgeti(L, -1, i);
  lua_remove(L, -2);
  return lua_tostring(L, -1);
}

/* Appends the value on top of the stack to the list user value uv. */
static void list_add(lua_State *L, int uv) {
  lua_getiuservalue(L, 1, uv);
  lua_insert(L, -2);
  lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
  lua_pop(L, 1);
}

/* Ends parsing: the arguments not read yet become operands. */
static int finish(lua_State *L, Parser *p) {
  for (; p->next <= p->n; p->next++) {
    arg_at(L, p->next);
    list_add(L, UV_REST);
  }
  p->done = 1;
  lua_pushnil(L);
  return 1;
}

/* An unknown option: recorded, and next() returns "?", what (on top). */
static int unknown(lua_State *L) {
  lua_pushvalue(L, -1);
  list_add(L, UV_UNKNOWN);
  lua_pushliteral(L, "?");
  lua_insert(L, -2);
  return 2;
}

/* A required argument missing: next() returns ":", the option (on top). */
static int missing(lua_State *L) {
  lua_pushliteral(L, ":");
  lua_insert(L, -2);
  return 2;
}

/* The next option of the cluster p->cur at p->pos. */
static int short_opt(lua_State *L, Parser *p) {
  const char *a = arg_at(L, p->cur), *opts, *o;
  char c = a[p->pos++];
  lua_getiuservalue(L, 1, UV_OPTS);
  opts = lua_tostring(L, -1);
  while (*opts == '+' || *opts == ':') opts++;
  o = c == ':' ? NULL : strchr(opts, c);
  if (a[p->pos] == '\0') p->pos = 0;
  lua_pushlstring(L, &c, 1);
  if (o == NULL) return unknown(L);
  if (o[1] != ':') return 1;
  if (p->pos) { /* -ovalue */
    lua_pushstring(L, a + p->pos);
    p->pos = 0;
    return 2;
  }
  if (o[2] == ':') return 1; /* optional: only attached */
  if (p->next > p->n) return missing(L);
  arg_at(L, p->next++);
  return 2;
}

/* --name, --name=value, --name value: a (arg_at's string) starts with
** "--" and is not just that. */
static int long_opt(lua_State *L, Parser *p, const char *a) {
  const char *eq = strchr(a + 2, '=');
  size_t len = eq ? (size_t)(eq - a) : strlen(a);
  int has;
  lua_getiuservalue(L, 1, UV_LONG);
  lua_pushlstring(L, a + 2, len - 2);
  if (lua_rawget(L, -2) != LUA_TTABLE) {
    lua_pushlstring(L, a, len);
    return unknown(L);
  }
  lua_rawgeti(L, -1, 1);
  has = (int)lua_tointeger(L, -1);
  if (lua_rawgeti(L, -2, 2) == LUA_TNIL) { /* no short: the long name */
    lua_pop(L, 1);
    lua_pushlstring(L, a + 2, len - 2);
  }
  if (eq) {
    if (has == ARG_NONE) {
      lua_pushstring(L, a);
      return unknown(L);
    }
    lua_pushstring(L, eq + 1);
    return 2;
  }
  if (has != ARG_REQUIRED) return 1;
  if (p->next > p->n) {
    lua_pushlstring(L, a, len);
    return missing(L);
  }
  arg_at(L, p->next++);
  return 2;
}

/* -- parser:next() -> option, argument | "?", option | ":", option | nil
**    (nil once every argument is read; see docs/cosmo-re.md) */
static int p_next(lua_State *L) {
  Parser *p = check_parser(L);
  lua_settop(L, 1);
  if (p->done) return 0;
  if (p->pos) return short_opt(L, p);
  while (p->next <= p->n) {
    const char *a = arg_at(L, p->next);
    if (strcmp(a, "--") == 0) {
      p->next++;
      return finish(L, p);
    }
    if (a[0] == '-' && a[1] == '-') {
      p->next++;
      return long_opt(L, p, a);
    }
    if (a[0] == '-' && a[1] != '\0') {
      p->cur = p->next++;
      p->pos = 1;
      return short_opt(L, p);
    }
    if (p->posix) return finish(L, p);
    list_add(L, UV_REST); /* an operand: GNU order goes on */
    p->next++;
  }
  return finish(L, p);
}

/* A copy of the list user value uv. */
static int copy_list(lua_State *L, int uv) {
  lua_Integer i, n;
  check_parser(L);
  lua_getiuservalue(L, 1, uv);
  n = (lua_Integer)lua_rawlen(L, -1);
  lua_createtable(L, (int)n, 0);
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, -2, i);
    lua_rawseti(L, -2, i);
  }
  return 1;
}

/* -- parser:remaining() -> {operand, ...} (the arguments that are not
**    options, "--" left out; complete once next() has returned nil) */
static int p_remaining(lua_State *L) {
  return copy_list(L, UV_REST);
}

/* -- parser:unknown() -> {"x", "--name", ...} (unknown options seen) */
static int p_unknown(lua_State *L) {
  return copy_list(L, UV_UNKNOWN);
}

/* Copies the arguments (strings or numbers) of table 1 into a new table. */
static lua_Integer copy_args(lua_State *L) {
  lua_Integer i, n = luaL_len(L, 1);
  lua_createtable(L, n > 0 && n < 1024 ? (int)n : 0, 0);
  for (i = 1; i <= n; i++) {
    lua_geti(L, 1, i);
    if (!lua_isstring(L, -1))
      luaL_error(L, "bad argument #1 to 'new' (args[%I] is not a string)", i);
    lua_tostring(L, -1);
    lua_rawseti(L, -2, i);
  }
  return n;
}

/* Checks one longopts entry (on top) and adds name -> {has, short} to the
** table below it. */
static void add_long(lua_State *L, lua_Integer i) {
  static const char *const kinds[] = {"none", "required", "optional", NULL};
  const char *name, *kind, *s;
  size_t len;
  if (!lua_istable(L, -1))
    luaL_error(L, "bad argument #3 to 'new' (longopts[%I] is not a table)", i);
  lua_geti(L, -1, 1);
  name = lua_tolstring(L, -1, &len);
  if (name == NULL || len == 0 || strchr(name, '=') || strlen(name) != len)
    luaL_error(L, "bad argument #3 to 'new' (longopts[%I]: bad name)", i);
  lua_geti(L, -2, 2);
  kind = lua_isnil(L, -1) ? "none" : lua_tostring(L, -1);
  for (len = 0; kinds[len] && (!kind || strcmp(kinds[len], kind)); len++) {
  }
  if (kinds[len] == NULL)
    luaL_error(L, "bad argument #3 to 'new' (longopts[%I]: has_arg must be "
                  "\"none\", \"required\" or \"optional\")", i);
  lua_createtable(L, 2, 0);
  lua_pushinteger(L, (lua_Integer)len);
  lua_rawseti(L, -2, 1);
  lua_geti(L, -4, 3);
  s = lua_tolstring(L, -1, &len);
  if (!lua_isnil(L, -1) && (s == NULL || len != 1))
    luaL_error(L, "bad argument #3 to 'new' (longopts[%I]: short must be "
                  "one character)", i);
  lua_rawseti(L, -2, 2);
  lua_remove(L, -2); /* kind */
  lua_rawset(L, -4); /* byname[name] = {has, short} */
  lua_pop(L, 1);     /* the entry */
}

/* -- getopt.new(args, optstring[, longopts]) -> parser
**    (args: a list of strings such as arg; longopts: {{name, has_arg,
**    short}, ...}; misuse raises) */
static int l_new(lua_State *L) {
  const char *opts;
  lua_Integer i;
  Parser *p;
  luaL_checktype(L, 1, LUA_TTABLE);
  opts = luaL_checkstring(L, 2);
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  p = lua_newuserdatauv(L, sizeof *p, UV_COUNT);
  memset(p, 0, sizeof *p);
  p->next = 1;
  p->posix = opts[0] == '+' || getenv("POSIXLY_CORRECT") != NULL;
  luaL_setmetatable(L, PARSER_MT);
  p->n = copy_args(L);
  lua_setiuservalue(L, 4, UV_ARGS);
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, 4, UV_OPTS);
  lua_newtable(L);
  for (i = 1; lua_istable(L, 3) && i <= luaL_len(L, 3); i++) {
    lua_geti(L, 3, i);
    add_long(L, i);
  }
  lua_setiuservalue(L, 4, UV_LONG);
  lua_newtable(L);
  lua_setiuservalue(L, 4, UV_REST);
  lua_newtable(L);
  lua_setiuservalue(L, 4, UV_UNKNOWN);
  return 1;
}

static const luaL_Reg methods[] = {{"next", p_next},
                                   {"remaining", p_remaining},
                                   {"unknown", p_unknown},
                                   {NULL, NULL}};

/* -- require "cosmo.getopt" -> {new = ...} */
int luaopen_getopt(lua_State *L);

int luaopen_getopt(lua_State *L) {
  luaL_newmetatable(L, PARSER_MT);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, l_new);
  lua_setfield(L, -2, "new");
  return 1;
}
