/*
** cosmo_json.c: cosmo.DecodeJson, cosmo.EncodeJson, cosmo.EncodeLua and
** the cosmo.null sentinel, over the JSON engine (engine/json.h): Lua
** values in and out, nothing more. See LICENSE.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "engine/json.h"
#include "modules/cosmo.h"

/* DecodeJson's nesting limit (the manual sets none; every level holds two
** Lua stack slots, and the C side here is one small array). */
#define DECODE_DEPTH 1024

/* The encoders' limits: the manual's default and maximum of maxdepth, and
** the C stack they may use, checked so that a deep table gives an error,
** not a crash. */
#define ENCODE_DEPTH 64
#define ENCODE_DEPTH_MAX 32767
#define ENCODE_STACK (1024 * 1024)

/* {==== DecodeJson */

static void push_string(lua_State *L, const json_token *t) {
  luaL_Buffer b;
  if (!t->escaped) {
    lua_pushlstring(L, t->raw, t->len);
    return;
  }
  json_unescape(t, luaL_buffinitsize(L, &b, t->len));
  luaL_pushresultsize(&b, t->len);
}

/* Pushes a scalar token's value; 0 when the token is not a scalar. The
** manual's rules: null is nil, a number beyond the double range (which
** strtod makes infinite) is nil too. */
static int push_scalar(lua_State *L, const json_token *t) {
  switch (t->kind) {
  case JSON_NULL: lua_pushnil(L); return 1;
  case JSON_FALSE: lua_pushboolean(L, 0); return 1;
  case JSON_TRUE: lua_pushboolean(L, 1); return 1;
  case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)t->i); return 1;
  case JSON_FLOAT:
    if (t->d - t->d != 0) lua_pushnil(L); /* +-inf */
    else lua_pushnumber(L, (lua_Number)t->d);
    return 1;
  case JSON_STRING: push_string(L, t); return 1;
  default: return 0;
  }
}

/* One open container: its kind and, for an array, how many values it
** has had (nulls included, so [1,null,3] keeps 3 at index 3). */
typedef struct openlevel {
  lua_Integer n;
  int object;
} openlevel;

/* -- cosmo.DecodeJson(input) -> value | nil, message
**    (a document that is null, or a number beyond the double range, gives
**    a lone nil: no message)
** One loop over the engine's tokens (a dispatcher, hence its length): the
** open containers sit on the Lua stack, each with its pending key. */
static int l_decodejson(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  openlevel lv[DECODE_DEPTH];
  json_parser jp;
  json_token t;
  int depth = 0;
  void *ud;
  lua_Alloc alloc = lua_getallocf(L, &ud);
  json_init(&jp, s, n, DECODE_DEPTH, alloc, ud);
  lua_settop(L, 1);
  for (;;) {
    json_kind k = json_next(&jp, &t);
    if (k == JSON_ERROR) {
      lua_pushnil(L);
      lua_pushfstring(L, "%s at byte %I", json_strerror(jp.err),
                      (lua_Integer)jp.err_off + 1);
      return 2;
    }
    if (k == JSON_EOF) return 1;
    if (k == JSON_KEY) {
      push_string(L, &t);
      continue;
    }
    if (k == JSON_ARRAY || k == JSON_OBJECT) {
      luaL_checkstack(L, 6, "JSON nesting");
      lua_newtable(L);
      lv[depth].n = 0;
      lv[depth++].object = k == JSON_OBJECT;
      continue;
    }
    if (k == JSON_END) {
      depth--;
      if (!lv[depth].object && lv[depth].n == 0) {
        lua_pushboolean(L, 0); /* the manual's [0]=false: [] stays [] */
        lua_rawseti(L, -2, 0);
      }
    } else
      push_scalar(L, &t);
    if (depth == 0) continue; /* the document's value: only EOF follows */
    if (lv[depth - 1].object) lua_rawset(L, -3); /* the last key wins */
    else lua_rawseti(L, -2, ++lv[depth - 1].n);
  }
}

/* }==== */

/* {==== the encoders' common part */

/* The output, owned by a userdata so that nothing leaks when a Lua call
** raises (EncodeLua runs __repr and __tostring). Memory comes from the
** state's allocator, called directly: a failure is EncodeJson's
** documented "nil, out of memory", not a raise. */
typedef struct obuf {
  char *p;
  size_t len, cap;
  lua_Alloc alloc;
  void *ud;
} obuf;

#define OBUF "cosmo.json.buffer"

static void obuf_free(obuf *b) {
  if (b->p) b->alloc(b->ud, b->p, b->cap, 0);
  b->p = NULL;
  b->cap = b->len = 0;
}

static int obuf_gc(lua_State *L) {
  obuf_free(luaL_checkudata(L, 1, OBUF));
  return 0;
}

typedef struct enc {
  lua_State *L;
  obuf *b;
  int visited; /* stack index of {[table pointer] = true} for the path */
  int maxdepth, pretty, sorted;
  const char *indent;
  size_t indentlen;
  const char *reason; /* why encoding failed */
  uintptr_t stack0;   /* the C stack pointer at the start */
} enc;

/* Room for n more bytes, or NULL (reason set). */
static char *reserve(enc *z, size_t n) {
  obuf *b = z->b;
  size_t cap;
  char *p;
  if (n <= b->cap - b->len) return b->p + b->len;
  for (cap = b->cap ? b->cap : 256; cap - b->len < n; cap *= 2)
    if (cap > SIZE_MAX / 4) goto nomem;
  if ((p = b->alloc(b->ud, b->p, b->cap, cap)) == NULL) goto nomem;
  b->p = p;
  b->cap = cap;
  return p + b->len;
nomem:
  z->reason = "out of memory";
  return NULL;
}

static int put(enc *z, const char *s, size_t n) {
  char *o = reserve(z, n);
  if (o == NULL) return -1;
  memcpy(o, s, n);
  z->b->len += n;
  return 0;
}

#define PUTS(z, lit) put((z), (lit), sizeof(lit) - 1)

/* A newline and the indentation of level (pretty output). */
static int newline(enc *z, int level) {
  int i;
  if (put(z, "\n", 1)) return -1;
  for (i = 0; i < level; i++)
    if (put(z, z->indent, z->indentlen)) return -1;
  return 0;
}

/* Between items of a table: the separator, and in a multi-line table
** the new line. */
static int separator(enc *z, int first, int multi, int level,
                     const char *sep) {
  if (!first && put(z, sep, multi ? 1 : strlen(sep))) return -1;
  return multi ? newline(z, level) : 0;
}

/* Options 2: {maxdepth, sorted, pretty, indent, useoutput}; misuse raises.
** useoutput asks to write into redbean's HTTP response, which moonbox
** does not have: like the manual's outside-a-request case, it is
** ignored. Leaves the indent string at index 3. */
static void get_options(lua_State *L, enc *z) {
  int isint;
  lua_Integer d;
  z->maxdepth = ENCODE_DEPTH;
  z->sorted = 1;
  z->pretty = 0;
  lua_settop(L, 2);
  lua_pushliteral(L, " ");
  if (lua_isnil(L, 2)) return;
  luaL_checktype(L, 2, LUA_TTABLE);
  if (lua_getfield(L, 2, "maxdepth") != LUA_TNIL) {
    d = lua_tointegerx(L, -1, &isint);
    if (!isint) luaL_argerror(L, 2, "maxdepth must be an integer");
    z->maxdepth = d < 0 ? 0 : d > ENCODE_DEPTH_MAX ? ENCODE_DEPTH_MAX : (int)d;
  }
  if (lua_getfield(L, 2, "sorted") != LUA_TNIL)
    z->sorted = lua_toboolean(L, -1);
  if (lua_getfield(L, 2, "pretty") != LUA_TNIL)
    z->pretty = lua_toboolean(L, -1);
  if (z->pretty && lua_getfield(L, 2, "indent") != LUA_TNIL) {
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, 2, "indent must be a string");
    lua_replace(L, 3);
  }
  lua_settop(L, 3);
}

/* Sets up z for the value at index 1: options, the visited set at 4,
** the buffer at 5; stack0 is where the C stack stood at the call. */
static void enc_start(lua_State *L, enc *z, uintptr_t stack0) {
  get_options(L, z);
  z->L = L;
  z->indent = lua_tolstring(L, 3, &z->indentlen);
  z->reason = NULL;
  z->stack0 = stack0;
  lua_newtable(L);
  z->visited = 4;
  z->b = lua_newuserdatauv(L, sizeof(obuf), 0);
  memset(z->b, 0, sizeof *z->b);
  z->b->alloc = lua_getallocf(L, &z->b->ud);
  if (luaL_newmetatable(L, OBUF)) {
    lua_pushcfunction(L, obuf_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
}

/* The result: the string, or nil and the reason; frees the buffer. */
static int enc_finish(lua_State *L, enc *z, int rc) {
  if (rc == 0) lua_pushlstring(L, z->b->p ? z->b->p : "", z->b->len);
  obuf_free(z->b);
  if (rc == 0) return 1;
  lua_pushnil(L);
  lua_pushstring(L, z->reason);
  return 2;
}

/* 0 while the C stack and the Lua stack have room for one more level. */
static int room(enc *z) {
  char here;
  uintptr_t sp = (uintptr_t)&here;
  if ((sp < z->stack0 && z->stack0 - sp > ENCODE_STACK) ||
      !lua_checkstack(z->L, 8)) {
    z->reason = "out of stack";
    return -1;
  }
  return 0;
}

/* Marks the table at idx as being on the path; 1 if it already was. */
static int enter(enc *z, int idx) {
  const void *t = lua_topointer(z->L, idx);
  if (lua_rawgetp(z->L, z->visited, t) != LUA_TNIL) {
    lua_pop(z->L, 1);
    return 1;
  }
  lua_pop(z->L, 1);
  lua_pushboolean(z->L, 1);
  lua_rawsetp(z->L, z->visited, t);
  return 0;
}

static void leave(enc *z, int idx) {
  lua_pushnil(z->L);
  lua_rawsetp(z->L, z->visited, lua_topointer(z->L, idx));
}

/* A key and where it is, for sorting. */
typedef struct keyref {
  const char *s;
  size_t n, off;
  lua_Integer i;
} keyref;

static int keycmp(const void *a, const void *b) {
  const keyref *x = a, *y = b;
  int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
  return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* }==== */

/* {==== EncodeJson */

static int json_value(enc *z, int idx, int depth);

/* The string at idx quoted by q, which writes at most factor bytes per
** input byte plus 2. */
static int put_quoted(enc *z, int idx,
                      size_t (*q)(char *, const char *, size_t),
                      size_t factor) {
  size_t n;
  const char *s = lua_tolstring(z->L, idx, &n);
  char *o;
  if (n > (SIZE_MAX - 2) / factor) {
    z->reason = "out of memory";
    return -1;
  }
  if ((o = reserve(z, n * factor + 2)) == NULL) return -1;
  z->b->len += q(o, s, n);
  return 0;
}

static int json_string(enc *z, int idx) {
  return put_quoted(z, idx, json_quote, JSON_QUOTED_MAX(1) - 2);
}

static int json_number(enc *z, int idx) {
  char buf[JSON_NUMBER_MAX];
  lua_Number d;
  if (lua_isinteger(z->L, idx))
    return put(z, buf, json_format_integer(buf, lua_tointeger(z->L, idx)));
  d = lua_tonumber(z->L, idx);
  if (d - d != 0) return PUTS(z, "null"); /* NaN and inf, as v8 does */
  return put(z, buf, json_format_double(buf, d));
}

/* The table at idx whose [1] is not nil: its values from 1 up to the
** first nil (the manual: what follows a hole is left out). */
static int json_array(enc *z, int idx, int depth) {
  lua_State *L = z->L;
  int multi = z->pretty && lua_rawgeti(L, idx, 2) != LUA_TNIL;
  lua_Integer i;
  if (z->pretty) lua_pop(L, 1);
  if (PUTS(z, "[")) return -1;
  for (i = 1; lua_rawgeti(L, idx, i) != LUA_TNIL; i++) {
    if (separator(z, i == 1, multi, depth + 1, ",") ||
        json_value(z, lua_gettop(L), depth + 1))
      return -1;
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (multi && newline(z, depth)) return -1;
  return PUTS(z, "]");
}

/* One member: key at k (a string), value at v. */
static int json_member(enc *z, int k, int v, int depth) {
  if (json_string(z, k)) return -1;
  if (z->pretty ? PUTS(z, ": ") : PUTS(z, ":")) return -1;
  return json_value(z, v, depth + 1);
}

/* The keys of the table at idx, all strings (else an error), in a new
** userdata pushed on the stack; their count in *n. */
static keyref *json_keys(enc *z, int idx, size_t *n) {
  lua_State *L = z->L;
  keyref *keys;
  size_t i = 0;
  *n = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
      lua_pop(L, 1);
      z->reason = "json objects must only use string keys";
      return NULL;
    }
    (*n)++;
  }
  keys = lua_newuserdatauv(L, *n ? *n * sizeof *keys : 1, 0);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    keys[i].s = lua_tolstring(L, -1, &keys[i].n);
    keys[i].i = 0;
    i++;
  }
  return keys;
}

static int json_object(enc *z, int idx, int depth) {
  lua_State *L = z->L;
  size_t n, i;
  keyref *keys = json_keys(z, idx, &n);
  int multi = z->pretty && n > 1;
  if (keys == NULL || PUTS(z, "{")) return -1;
  if (z->sorted) qsort(keys, n, sizeof *keys, keycmp);
  for (i = 0; i < n; i++) {
    /* the keys are the table's strings, alive while it holds them */
    lua_pushlstring(L, keys[i].s, keys[i].n);
    lua_pushvalue(L, -1);
    lua_rawget(L, idx);
    if (separator(z, i == 0, multi, depth + 1, ",") ||
        json_member(z, lua_gettop(L) - 1, lua_gettop(L), depth))
      return -1;
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  if (multi && newline(z, depth)) return -1;
  return PUTS(z, "}");
}

static int json_table(enc *z, int idx, int depth) {
  lua_State *L = z->L;
  int rc, t;
  if (room(z)) return -1;
  if (enter(z, idx)) {
    z->reason = "won't serialize cyclic lua table";
    return -1;
  }
  t = lua_rawgeti(L, idx, 1);
  lua_pop(L, 1);
  if (t != LUA_TNIL) rc = json_array(z, idx, depth);
  else {
    t = lua_rawgeti(L, idx, 0) == LUA_TBOOLEAN && !lua_toboolean(L, -1);
    lua_pop(L, 1);
    rc = t ? PUTS(z, "[]") : json_object(z, idx, depth);
  }
  leave(z, idx);
  return rc;
}

/* The value at idx (an absolute index), nested depth levels deep. */
static int json_value(enc *z, int idx, int depth) {
  if (depth >= z->maxdepth) {
    z->reason = "table has great depth";
    return -1;
  }
  switch (lua_type(z->L, idx)) {
  case LUA_TNIL: return PUTS(z, "null");
  case LUA_TBOOLEAN:
    return lua_toboolean(z->L, idx) ? PUTS(z, "true") : PUTS(z, "false");
  case LUA_TNUMBER: return json_number(z, idx);
  case LUA_TSTRING: return json_string(z, idx);
  case LUA_TTABLE: return json_table(z, idx, depth);
  case LUA_TLIGHTUSERDATA:
    if (lua_touserdata(z->L, idx) == NULL) return PUTS(z, "null");
    /* fall through: cosmo.null is the only light userdata JSON knows */
    /* FALLTHROUGH */
  default:
    z->reason = "unsupported lua type";
    return -1;
  }
}

/* -- cosmo.EncodeJson(value[, options]) -> json | nil, message */
static int l_encodejson(lua_State *L) {
  enc z;
  char here;
  luaL_checkany(L, 1);
  enc_start(L, &z, (uintptr_t)&here);
  return enc_finish(L, &z, json_value(&z, 1, 0));
}

/* }==== */

/* {==== EncodeLua */

static int lit_value(enc *z, int idx, int depth);

/* What has no literal: a string naming its kind and address. */
static int lit_opaque(enc *z, int idx, const char *kind) {
  char buf[64];
  int n = snprintf(buf, sizeof buf, "\"%s@%p\"", kind,
                   lua_topointer(z->L, idx));
  return put(z, buf, (size_t)n);
}

static int lit_string(enc *z, int idx) {
  return put_quoted(z, idx, json_lua_quote, JSON_LUA_QUOTED_MAX(1) - 2);
}

static int lit_number(enc *z, int idx) {
  char buf[JSON_NUMBER_MAX];
  if (lua_isinteger(z->L, idx))
    return put(z, buf, json_lua_integer(buf, lua_tointeger(z->L, idx)));
  return put(z, buf, json_lua_double(buf, lua_tonumber(z->L, idx)));
}

/* A userdata: its __repr (Lua code, as it is), else its __tostring (as
** a string literal), else an opaque string. These calls may raise: the
** buffer is a userdata, so nothing leaks. */
static int lit_userdata(enc *z, int idx) {
  lua_State *L = z->L;
  int rc;
  if (luaL_callmeta(L, idx, "__repr")) {
    if (lua_type(L, -1) == LUA_TSTRING) {
      size_t n;
      const char *s = lua_tolstring(L, -1, &n);
      rc = put(z, s, n);
    } else
      rc = lit_opaque(z, idx, "udata");
    lua_pop(L, 1);
    return rc;
  }
  if (luaL_callmeta(L, idx, "__tostring")) {
    rc = lua_type(L, -1) == LUA_TSTRING ? lit_string(z, lua_gettop(L))
                                        : lit_opaque(z, idx, "udata");
    lua_pop(L, 1);
    return rc;
  }
  return lit_opaque(z, idx, "udata");
}

/* Lua's reserved words, which cannot be written as name= keys. */
static int is_name(const char *s, size_t n) {
  static const char *const reserved[] = {
      "and", "break", "do", "else", "elseif", "end", "false", "for",
      "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat",
      "return", "then", "true", "until", "while", NULL};
  size_t i;
  if (n == 0 || (s[0] >= '0' && s[0] <= '9')) return 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!(c == '_' || (unsigned)((c | 0x20) - 'a') < 26u ||
          (unsigned)(c - '0') < 10u))
      return 0;
  }
  for (i = 0; reserved[i]; i++)
    if (strlen(reserved[i]) == n && memcmp(reserved[i], s, n) == 0) return 0;
  return 1;
}

/* The key at k as Lua writes it in a constructor, with its '='. */
static int lit_key(enc *z, int k, int depth) {
  size_t n;
  const char *s;
  if (lua_type(z->L, k) == LUA_TSTRING) {
    s = lua_tolstring(z->L, k, &n);
    if (is_name(s, n)) return put(z, s, n) || PUTS(z, "=");
  }
  return PUTS(z, "[") || lit_value(z, k, depth + 1) || PUTS(z, "]=");
}

/* The number of entries of the table at idx when it is a sequence in the
** manual's strictest sense (integer keys 1..n, no hole), else -1. */
static lua_Integer lit_seqlen(lua_State *L, int idx) {
  lua_Integer n = 0, max = 0, k;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1) || (k = lua_tointeger(L, -1)) < 1) {
      lua_pop(L, 1);
      return -1;
    }
    n++;
    if (k > max) max = k;
  }
  return max == n ? n : -1;
}

static int lit_array(enc *z, int idx, lua_Integer n, int depth) {
  int multi = z->pretty && n > 1;
  lua_Integer i;
  if (PUTS(z, "{")) return -1;
  for (i = 1; i <= n; i++) {
    lua_rawgeti(z->L, idx, i);
    if (separator(z, i == 1, multi, depth + 1, ", ") ||
        lit_value(z, lua_gettop(z->L), depth + 1))
      return -1;
    lua_pop(z->L, 1);
  }
  if (multi && newline(z, depth)) return -1;
  return PUTS(z, "}");
}

/* The entries of a non-sequence table. Sorted, they are ordered as the
** seed binary orders them: by the text of "key=" (strcmp order), so each
** key is written once to a scratch area to sort, then again in order. */
static int lit_object(enc *z, int idx, int depth) {
  lua_State *L = z->L;
  size_t n = 0, i, base = z->b->len;
  keyref *keys;
  int multi, ks;
  lua_newtable(L); /* ks: the keys in iteration order */
  ks = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, ks, (lua_Integer)++n);
  }
  multi = z->pretty && n > 1;
  keys = lua_newuserdatauv(L, n ? n * sizeof *keys : 1, 0);
  for (i = 0; i < n; i++) {
    keys[i].i = (lua_Integer)i + 1;
    keys[i].s = NULL;
    keys[i].n = 0;
    if (!z->sorted) continue;
    keys[i].off = z->b->len - base;
    lua_rawgeti(L, ks, keys[i].i);
    if (lit_key(z, lua_gettop(L), depth)) return -1;
    lua_pop(L, 1);
    keys[i].n = z->b->len - base - keys[i].off;
  }
  if (z->sorted) { /* the buffer moves no more: pointers now */
    for (i = 0; i < n; i++) keys[i].s = z->b->p + base + keys[i].off;
    qsort(keys, n, sizeof *keys, keycmp);
    z->b->len = base;
  }
  if (PUTS(z, "{")) return -1;
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, ks, keys[i].i);
    lua_pushvalue(L, -1);
    lua_rawget(L, idx);
    if (separator(z, i == 0, multi, depth + 1, ", ") ||
        lit_key(z, lua_gettop(L) - 1, depth) ||
        lit_value(z, lua_gettop(L), depth + 1))
      return -1;
    lua_pop(L, 2);
  }
  lua_pop(L, 2);
  if (multi && newline(z, depth)) return -1;
  return PUTS(z, "}");
}

static int lit_table(enc *z, int idx, int depth) {
  lua_Integer n;
  int rc;
  if (room(z)) /* the manual: EncodeLua fails only for lack of memory */
    return lit_opaque(z, idx, "greatdepth");
  if (enter(z, idx)) return lit_opaque(z, idx, "cyclic");
  n = lit_seqlen(z->L, idx);
  rc = n >= 0 ? lit_array(z, idx, n, depth) : lit_object(z, idx, depth);
  leave(z, idx);
  return rc;
}

static int lit_value(enc *z, int idx, int depth) {
  lua_State *L = z->L;
  if (depth >= z->maxdepth) return lit_opaque(z, idx, "greatdepth");
  switch (lua_type(L, idx)) {
  case LUA_TNIL: return PUTS(z, "nil");
  case LUA_TBOOLEAN:
    return lua_toboolean(L, idx) ? PUTS(z, "true") : PUTS(z, "false");
  case LUA_TNUMBER: return lit_number(z, idx);
  case LUA_TSTRING: return lit_string(z, idx);
  case LUA_TTABLE: return lit_table(z, idx, depth);
  case LUA_TUSERDATA: return lit_userdata(z, idx);
  case LUA_TFUNCTION: return lit_opaque(z, idx, "func");
  case LUA_TLIGHTUSERDATA: return lit_opaque(z, idx, "light");
  case LUA_TTHREAD: return lit_opaque(z, idx, "thread");
  default: return lit_opaque(z, idx, "unsupported");
  }
}

/* -- cosmo.EncodeLua(value[, options]) -> luacode | nil, message */
static int l_encodelua(lua_State *L) {
  enc z;
  char here;
  luaL_checkany(L, 1);
  enc_start(L, &z, (uintptr_t)&here);
  return enc_finish(L, &z, lit_value(&z, 1, 0));
}

/* }==== */

static const luaL_Reg funcs[] = {{"DecodeJson", l_decodejson},
                                 {"EncodeJson", l_encodejson},
                                 {"EncodeLua", l_encodelua},
                                 {NULL, NULL}};

void cosmo_open_json(lua_State *L) {
  luaL_setfuncs(L, funcs, 0);
  lua_pushlightuserdata(L, NULL); /* cosmo.null: encodes as JSON null */
  lua_setfield(L, -2, "null");
}
