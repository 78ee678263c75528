/*
** re.c: the built-in `cosmo.re` module (Cosmopolitan's redbean RE MODULE):
** POSIX regular expressions on the C library's regcomp/regexec, compiled
** patterns as re.Regex objects, failures as re.Errno objects. See LICENSE.
*/
#include <regex.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

/* The Lua-facing flag values are Cosmopolitan's (scripts may spell them as
** numbers); each is translated to the C library's own bit below. BASIC
** clears the extended syntax that is otherwise the default. */
#define RE_BASIC 1
#define RE_ICASE 2
#define RE_NEWLINE 4
#define RE_NOSUB 8
#define RE_NOTBOL 0x100
#define RE_NOTEOL 0x200
#define RE_COMPILE (RE_BASIC | RE_ICASE | RE_NEWLINE | RE_NOSUB)
#define RE_EXEC (RE_NOTBOL | RE_NOTEOL)

#define REGEX_MT "re.Regex"
#define ERRNO_MT "re.Errno"

/* Captures up to this many take no allocation. */
#define RE_STACKMATCH 16

typedef struct {
  regex_t re;
  int live;  /* compiled and not yet freed */
  int nosub; /* compiled with NOSUB: regexec reports no positions */
} Regex;

typedef struct {
  int err;
  char doc[96];
} ReErrno;

/* Pushes nil and an re.Errno for regcomp/regexec's result rc; returns 2. */
static int re_fail(lua_State *L, const regex_t *re, int rc) {
  ReErrno *e;
  lua_pushnil(L);
  e = lua_newuserdatauv(L, sizeof *e, 0);
  e->err = rc;
  regerror(rc, re, e->doc, sizeof e->doc);
  luaL_setmetatable(L, ERRNO_MT);
  return 2;
}

/* Argument 'arg' as flags within 'allowed' (default 0); others raise. */
static int re_flags(lua_State *L, int arg, int allowed) {
  lua_Integer f = luaL_optinteger(L, arg, 0);
  if (f & ~(lua_Integer)allowed) luaL_argerror(L, arg, "invalid flags");
  return (int)f;
}

/* Pushes a closed re.Regex, then compiles pattern 'arg' into it with
** Lua flags f. Returns it, or NULL with nil, re.Errno pushed after it. */
static Regex *re_new(lua_State *L, int arg, int f) {
  size_t n;
  const char *p = luaL_checklstring(L, arg, &n);
  int cf = (f & RE_BASIC ? 0 : REG_EXTENDED) | (f & RE_ICASE ? REG_ICASE : 0) |
           (f & RE_NEWLINE ? REG_NEWLINE : 0) | (f & RE_NOSUB ? REG_NOSUB : 0);
  Regex *r = lua_newuserdatauv(L, sizeof *r, 0);
  int rc;
  r->live = 0;
  luaL_setmetatable(L, REGEX_MT);
  /* regcomp reads a C string: a NUL would silently cut the pattern */
  if (strlen(p) != n) luaL_argerror(L, arg, "pattern contains a NUL byte");
  rc = regcomp(&r->re, p, cf);
  if (rc != 0) {
    re_fail(L, &r->re, rc);
    return NULL;
  }
  r->nosub = (f & RE_NOSUB) != 0;
  r->live = 1;
  return r;
}

static void re_free(Regex *r) {
  if (r->live) regfree(&r->re);
  r->live = 0;
}

/* Runs r over argument 'arg' with Lua flags f;
** pushes the match and its captures, or nil, re.Errno. An unmatched
** capture is "" (as Cosmopolitan returns it); text ends at its first NUL,
** where regexec stops reading. */
static int re_exec(lua_State *L, Regex *r, int arg, int f) {
  const char *s = luaL_checkstring(L, arg);
  int ef = (f & RE_NOTBOL ? REG_NOTBOL : 0) | (f & RE_NOTEOL ? REG_NOTEOL : 0);
  regmatch_t stack[RE_STACKMATCH], *m = stack;
  size_t i, n;
  int rc;
  n = r->nosub ? 0 : r->re.re_nsub + 1;
  if (n > RE_STACKMATCH) m = lua_newuserdatauv(L, n * sizeof *m, 0);
  rc = regexec(&r->re, s, n, m, ef);
  if (rc != 0) return re_fail(L, &r->re, rc);
  if (r->nosub) {
    lua_pushliteral(L, ""); /* a match, its place not recorded */
    return 1;
  }
  luaL_checkstack(L, (int)n, "too many captures");
  for (i = 0; i < n; i++) {
    if (m[i].rm_so < 0) lua_pushliteral(L, "");
    else lua_pushlstring(L, s + m[i].rm_so, (size_t)(m[i].rm_eo - m[i].rm_so));
  }
  return (int)n;
}

/* -- re.search(regex, text[, flags]) -> match, capture... | nil, re.Errno
**    (bad flags raise) */
static int l_search(lua_State *L) {
  int f = re_flags(L, 3, RE_COMPILE | RE_EXEC);
  Regex *r = re_new(L, 1, f & RE_COMPILE);
  int n;
  if (r == NULL) return 2;
  n = re_exec(L, r, 2, f & RE_EXEC);
  re_free(r); /* now, rather than at the next collection */
  return n;
}

/* -- re.compile(regex[, flags]) -> re.Regex | nil, re.Errno */
static int l_compile(lua_State *L) {
  int f = re_flags(L, 2, RE_COMPILE);
  return re_new(L, 1, f) ? 1 : 2;
}

static Regex *check_regex(lua_State *L) {
  Regex *r = luaL_checkudata(L, 1, REGEX_MT);
  if (!r->live) luaL_error(L, "attempt to use a freed re.Regex");
  return r;
}

/* -- Regex:search(text[, flags]) -> match, capture... | nil, re.Errno */
static int rx_search(lua_State *L) {
  Regex *r = check_regex(L);
  return re_exec(L, r, 2, re_flags(L, 3, RE_EXEC));
}

/* -- __gc, __close: frees the compiled pattern (once) */
static int rx_gc(lua_State *L) {
  re_free(luaL_checkudata(L, 1, REGEX_MT));
  return 0;
}

/* -- tostring(Regex) -> "re.Regex: 0x..." */
static int rx_tostring(lua_State *L) {
  Regex *r = luaL_checkudata(L, 1, REGEX_MT);
  lua_pushfstring(L, r->live ? "re.Regex: %p" : "re.Regex (freed): %p", r);
  return 1;
}

/* -- Errno:errno() -> integer (re.NOMATCH, re.BADPAT, ...) */
static int er_errno(lua_State *L) {
  lua_pushinteger(L, ((ReErrno *)luaL_checkudata(L, 1, ERRNO_MT))->err);
  return 1;
}

/* -- Errno:doc() -> string; tostring(Errno) is the same text */
static int er_doc(lua_State *L) {
  lua_pushstring(L, ((ReErrno *)luaL_checkudata(L, 1, ERRNO_MT))->doc);
  return 1;
}

static const luaL_Reg funcs[] = {
    {"search", l_search}, {"compile", l_compile}, {NULL, NULL}};

static const luaL_Reg regex_meta[] = {{"__gc", rx_gc},
                                      {"__close", rx_gc},
                                      {"__tostring", rx_tostring},
                                      {"__index", NULL},
                                      {NULL, NULL}};

static const luaL_Reg regex_methods[] = {{"search", rx_search},
                                         {NULL, NULL}};

static const luaL_Reg errno_meta[] = {
    {"__tostring", er_doc}, {"__index", NULL}, {NULL, NULL}};

static const luaL_Reg errno_methods[] = {
    {"errno", er_errno}, {"doc", er_doc}, {NULL, NULL}};

/* Cosmopolitan's values (equal to musl's); the error codes are compared
** with Errno:errno(), whose value is the C library's (the same numbers in
** musl and glibc for these thirteen). */
static const struct {
  const char *name;
  int value;
} consts[] = {{"BASIC", RE_BASIC},       {"ICASE", RE_ICASE},
              {"NEWLINE", RE_NEWLINE},   {"NOSUB", RE_NOSUB},
              {"NOTBOL", RE_NOTBOL},     {"NOTEOL", RE_NOTEOL},
              {"NOMATCH", REG_NOMATCH},  {"BADPAT", REG_BADPAT},
              {"ECOLLATE", REG_ECOLLATE}, {"ECTYPE", REG_ECTYPE},
              {"EESCAPE", REG_EESCAPE},  {"ESUBREG", REG_ESUBREG},
              {"EBRACK", REG_EBRACK},    {"EPAREN", REG_EPAREN},
              {"EBRACE", REG_EBRACE},    {"BADBR", REG_BADBR},
              {"ERANGE", REG_ERANGE},    {"ESPACE", REG_ESPACE},
              {"BADRPT", REG_BADRPT}};

static void new_class(lua_State *L, const char *name, const luaL_Reg *meta,
                      const luaL_Reg *methods) {
  luaL_newmetatable(L, name);
  luaL_setfuncs(L, meta, 0);
  lua_newtable(L);
  luaL_setfuncs(L, methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

/* -- require "cosmo.re" -> {search, compile, BASIC, ..., NOMATCH, ...} */
int luaopen_re(lua_State *L);

int luaopen_re(lua_State *L) {
  size_t i;
  new_class(L, REGEX_MT, regex_meta, regex_methods);
  new_class(L, ERRNO_MT, errno_meta, errno_methods);
  luaL_newlib(L, funcs);
  for (i = 0; i < sizeof consts / sizeof consts[0]; i++) {
    lua_pushinteger(L, consts[i].value);
    lua_setfield(L, -2, consts[i].name);
  }
  return 1;
}
