/*
** replcomp.c: Tab completion of Lua names for the REPL's line editor.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "replcomp.h"

/* How many __index tables deep names are looked for (cycles end here). */
#define MAX_INDEX_DEPTH 16

typedef struct {
  const char *buf;
  size_t cursor, *start;
  le_completions *lc;
  int rc; /* what repl_complete returns */
} job;

static const char *const keywords[] = {
  "and", "break", "do", "else", "elseif", "end", "false", "for",
  "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat",
  "return", "then", "true", "until", "while", NULL};

/* {==== names */

static int is_ident_char(int c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

static int is_keyword(const char *s, size_t n) {
  int i;
  for (i = 0; keywords[i]; i++)
    if (strlen(keywords[i]) == n && memcmp(keywords[i], s, n) == 0) return 1;
  return 0;
}

/* A name usable after '.' or ':': an identifier that is not a keyword. */
static int is_name(const char *s, size_t n) {
  size_t i;
  if (n == 0 || (s[0] >= '0' && s[0] <= '9')) return 0;
  for (i = 0; i < n; i++)
    if (!is_ident_char((unsigned char)s[i])) return 0;
  return !is_keyword(s, n);
}

/* }==== */

/* {==== raw lookups */

/* Replaces the value on top by its metatable's __index when that is a
   table (raw access only); returns 0 and pops it otherwise. */
static int next_index(lua_State *L) {
  if (!lua_getmetatable(L, -1)) return lua_pop(L, 1), 0;
  lua_pushliteral(L, "__index");
  lua_rawget(L, -2);
  lua_remove(L, -2); /* the metatable */
  lua_remove(L, -2); /* the value */
  if (lua_type(L, -1) == LUA_TTABLE) return 1;
  lua_pop(L, 1);
  return 0;
}

/* Replaces the value on top by value.name, or returns 0 (value popped). */
static int field(lua_State *L, const char *name, size_t n) {
  int depth;
  for (depth = 0; depth < MAX_INDEX_DEPTH; depth++) {
    if (lua_type(L, -1) == LUA_TTABLE) {
      lua_pushlstring(L, name, n);
      if (lua_rawget(L, -2) != LUA_TNIL) return lua_remove(L, -2), 1;
      lua_pop(L, 1);
    }
    if (!next_index(L)) return 0;
  }
  lua_pop(L, 1);
  return 0;
}

static int callable(lua_State *L, int idx) {
  int t;
  if (lua_type(L, idx) == LUA_TFUNCTION) return 1;
  if (!lua_getmetatable(L, idx)) return 0;
  lua_pushliteral(L, "__call");
  t = lua_rawget(L, -2);
  lua_pop(L, 2);
  return t != LUA_TNIL;
}

/* Adds to the set at 'set' the names in table t (on top) that start with
   prefix (and hold something callable, when 'methods'). */
static void add_keys(lua_State *L, int set, const char *prefix, size_t plen,
                     int methods) {
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    size_t n;
    const char *k;
    if (lua_type(L, -2) == LUA_TSTRING && (!methods || callable(L, -1))) {
      k = lua_tolstring(L, -2, &n);
      if (n >= plen && memcmp(k, prefix, plen) == 0 && is_name(k, n)) {
        lua_pushvalue(L, -2);
        lua_pushboolean(L, 1);
        lua_rawset(L, set);
      }
    }
    lua_pop(L, 1);
  }
}

/* The names of the value on top (popped), its __index tables included. */
static void collect(lua_State *L, int set, const char *prefix, size_t plen,
                    int methods) {
  int depth;
  for (depth = 0; depth < MAX_INDEX_DEPTH; depth++) {
    if (lua_type(L, -1) == LUA_TTABLE)
      add_keys(L, set, prefix, plen, methods);
    if (!next_index(L)) return;
  }
  lua_pop(L, 1);
}

/* }==== */

/* {==== the protected completion */

static int compare(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Hands the set's names to the editor, sorted. */
static void emit(lua_State *L, int set, job *J) {
  size_t n = 0, i;
  const char **v;
  lua_pushnil(L);
  while (lua_next(L, set)) n++, lua_pop(L, 1);
  v = lua_newuserdatauv(L, n ? n * sizeof *v : 1, 0);
  lua_pushnil(L);
  for (i = 0; lua_next(L, set); i++) {
    lua_pop(L, 1);
    v[i] = lua_tostring(L, -1); /* anchored as a key of the set */
  }
  qsort(v, n, sizeof *v, compare);
  for (i = 0; i < n && J->rc == LE_OK; i++)
    J->rc = le_completion_add(J->lc, v[i], strlen(v[i]));
}

/* Walks the path buf[from..cursor) ("a.b:c"): pushes the value the last
   segment indexes and returns 1, or returns 0 when no name can follow. */
static int resolve(lua_State *L, job *J, size_t from, int *methods) {
  const char *b = J->buf;
  size_t i, seg = from;
  lua_pushglobaltable(L);
  for (i = from; i < J->cursor; i++) {
    if (b[i] != '.' && b[i] != ':') continue;
    if (*methods || !is_name(b + seg, i - seg)) return 0;
    if (!field(L, b + seg, i - seg)) return 0;
    *methods = b[i] == ':';
    seg = i + 1;
  }
  *J->start = seg;
  return 1;
}

/* -- complete(job) : candidates go to the editor through job.lc */
static int complete(lua_State *L) {
  job *J = lua_touserdata(L, 1);
  size_t from = J->cursor, plen;
  int set, methods = 0, i;
  const char *prefix;
  while (from > 0 && (is_ident_char((unsigned char)J->buf[from - 1]) ||
                      J->buf[from - 1] == '.' || J->buf[from - 1] == ':'))
    from--;
  lua_newtable(L);
  set = lua_gettop(L);
  if (!resolve(L, J, from, &methods)) return 0;
  prefix = J->buf + *J->start;
  plen = J->cursor - *J->start;
  if (plen && prefix[0] >= '0' && prefix[0] <= '9') return 0;
  if (*J->start == from) /* a first segment: keywords too */
    for (i = 0; keywords[i]; i++)
      if (strncmp(keywords[i], prefix, plen) == 0) {
        lua_pushstring(L, keywords[i]);
        lua_pushboolean(L, 1);
        lua_rawset(L, set);
      }
  collect(L, set, prefix, plen, methods);
  emit(L, set, J);
  return 0;
}

int repl_complete(void *ud, const char *buf, size_t len, size_t cursor,
                  size_t *start, le_completions *lc) {
  lua_State *L = ud;
  job J = {buf, cursor, start, lc, LE_OK};
  int top = lua_gettop(L);
  (void)len;
  *start = cursor;
  if (!lua_checkstack(L, 2)) return LE_ERR_ARG;
  lua_pushcfunction(L, complete);
  lua_pushlightuserdata(L, &J);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) J.rc = LE_ERR_ARG; /* just beep */
  lua_settop(L, top);
  return J.rc;
}

/* }==== */
