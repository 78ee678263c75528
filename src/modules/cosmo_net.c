/*
** cosmo_net.c: the IP, URL and HTTP helpers of the `cosmo` module
** (GROUP(net) of cosmo.def), over engine/ip, engine/url and engine/http.
** See LICENSE.
*/
#include <stdint.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "engine/http.h"
#include "engine/ip.h"
#include "engine/url.h"
#include "modules/cosmo.h"

/* {==== IP */

/* argument i as an IPv4 address: an integer 0 to 0xffffffff */
static uint32_t check_ip(lua_State *L, int i) {
  lua_Integer v = luaL_checkinteger(L, i);
  luaL_argcheck(L, v >= 0 && v <= 0xffffffff, i,
                "IPv4 address out of range (0 to 0xffffffff)");
  return (uint32_t)v;
}

/* -- ParseIp(str) -> int (-1 when str is not a dotted quad) */
static int l_parse_ip(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_pushinteger(L, (lua_Integer)ip_parse(s, n));
  return 1;
}

/* -- FormatIp(uint32) -> str */
static int l_format_ip(lua_State *L) {
  char b[IP_FORMAT_MAX];
  size_t n = ip_format(check_ip(L, 1), b);
  lua_pushlstring(L, b, n);
  return 1;
}

/* -- CategorizeIp(uint32) -> str */
static int l_categorize_ip(lua_State *L) {
  lua_pushstring(L, ip_category(check_ip(L, 1)));
  return 1;
}

/* -- IsLoopbackIp(uint32) -> bool */
static int l_is_loopback_ip(lua_State *L) {
  lua_pushboolean(L, ip_is_loopback(check_ip(L, 1)));
  return 1;
}

/* -- IsPrivateIp(uint32) -> bool */
static int l_is_private_ip(lua_State *L) {
  lua_pushboolean(L, ip_is_private(check_ip(L, 1)));
  return 1;
}

/* -- IsPublicIp(uint32) -> bool */
static int l_is_public_ip(lua_State *L) {
  lua_pushboolean(L, ip_is_public(check_ip(L, 1)));
  return 1;
}

/* }==== */

/* {==== URL */

/* a span of a parse's output buffer: the string, or nil when absent */
static void push_span(lua_State *L, const char *buf, url_span sp) {
  if (sp.present) lua_pushlstring(L, buf + sp.off, sp.len);
  else lua_pushnil(L);
}

static void set_span(lua_State *L, const char *buf, url_span sp,
                     const char *k) {
  push_span(L, buf, sp);
  lua_setfield(L, -2, k);
}

/* {{key [, val]}, ...} */
static void push_params(lua_State *L, const char *buf, const url_param *p,
                        size_t n) {
  size_t i;
  lua_createtable(L, (int)(n < 1000000 ? n : 0), 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 2, 0);
    push_span(L, buf, p[i].key);
    lua_rawseti(L, -2, 1);
    if (p[i].val.present) {
      push_span(L, buf, p[i].val);
      lua_rawseti(L, -2, 2);
    }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/* room for a parse of n bytes: the output buffer and the parameters, in
** one userdata (Lua owns it whatever raises) */
static char *parse_room(lua_State *L, const char *s, size_t n, int flags,
                        url_param **params) {
  size_t bytes = url_bufsize(n, flags), np = url_maxparams(s, n);
  size_t head = (bytes + 15) / 16 * 16;
  char *room;
  if (np > (SIZE_MAX - head) / sizeof **params)
    luaL_error(L, "input too large");
  room = lua_newuserdatauv(L, head + np * sizeof **params, 0);
  *params = (url_param *)(void *)(room + head);
  return room;
}

/* -- ParseUrl(url:str[, flags:int]) -> {scheme, user, pass, host, port,
**    path, params, fragment} (absent fields nil; params always a table) */
static int l_parse_url(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_Integer f = luaL_optinteger(L, 2, 0);
  url_param *params;
  url_parts u;
  char *buf;
  luaL_argcheck(L, (f & ~(lua_Integer)(URL_PLUS | URL_LATIN1)) == 0, 2,
                "unknown flag (kUrlPlus and kUrlLatin1 are known)");
  buf = parse_room(L, s, n, (int)f, &params);
  url_parse(s, n, (int)f, buf, &u, params);
  lua_createtable(L, 0, 8);
  set_span(L, buf, u.scheme, "scheme");
  set_span(L, buf, u.user, "user");
  set_span(L, buf, u.pass, "pass");
  set_span(L, buf, u.host, "host");
  set_span(L, buf, u.port, "port");
  set_span(L, buf, u.path, "path");
  push_params(L, buf, params, u.nparams);
  lua_setfield(L, -2, "params");
  set_span(L, buf, u.fragment, "fragment");
  return 1;
}

/* -- ParseParams(str) -> {{key [, val]}, ...} ('+' is a space);
**    ParseParams(nil) -> nil */
static int l_parse_params(lua_State *L) {
  size_t n, np;
  const char *s;
  url_param *params;
  char *buf;
  if (lua_isnoneornil(L, 1)) return lua_pushnil(L), 1;
  s = luaL_checklstring(L, 1, &n);
  buf = parse_room(L, s, n, 0, &params);
  np = url_parse_params(s, n, buf, params);
  push_params(L, buf, params, np);
  return 1;
}

/* -- ParseHost(str) -> {host = str, port = str|nil}; ParseHost(nil) -> nil */
static int l_parse_host(lua_State *L) {
  size_t n;
  const char *s;
  url_parts u;
  char *buf;
  if (lua_isnoneornil(L, 1)) return lua_pushnil(L), 1;
  s = luaL_checklstring(L, 1, &n);
  buf = lua_newuserdatauv(L, url_bufsize(n, URL_LATIN1), 0);
  url_parse_host(s, n, buf, &u);
  lua_createtable(L, 0, 2);
  set_span(L, buf, u.host, "host");
  set_span(L, buf, u.port, "port");
  return 1;
}

/* field k of the table at index t as a url_str (absent when nil), the
** value left on the stack so that the string stays alive */
static url_str get_field(lua_State *L, int t, const char *k) {
  url_str v = {NULL, 0};
  int type = lua_getfield(L, t, k);
  if (type == LUA_TNIL) return v;
  if (type != LUA_TSTRING && type != LUA_TNUMBER)
    luaL_error(L, "bad field '%s' (string expected, got %s)", k,
               luaL_typename(L, -1));
  v.p = lua_tolstring(L, -1, &v.n);
  return v;
}

/* entry j of params (at index p) into pairs[2j - 2, 2j - 1]; the
** strings are kept alive in the anchor table at index a */
static void get_param(lua_State *L, int p, int a, lua_Integer j,
                      url_str *pairs) {
  int k;
  if (lua_geti(L, p, j) != LUA_TTABLE)
    luaL_error(L, "bad params[%d] (table expected, got %s)", (int)j,
               luaL_typename(L, -1));
  for (k = 0; k < 2; k++) {
    url_str *v = &pairs[2 * (j - 1) + k];
    int type = lua_geti(L, -1 - k, k + 1);
    v->p = NULL, v->n = 0;
    if (type == LUA_TSTRING || type == LUA_TNUMBER) {
      v->p = lua_tolstring(L, -1, &v->n);
      lua_pushvalue(L, -1);
      lua_rawseti(L, a, 2 * j - 1 + k);
    } else if (type != LUA_TNIL || k == 0) {
      luaL_error(L, "bad params[%d][%d] (string expected, got %s)", (int)j,
                 k + 1, luaL_typename(L, -1));
    }
  }
  lua_pop(L, 3);
}

/* -- EncodeUrl(URL) -> str (the inverse of ParseUrl); EncodeUrl(nil) ->
**    nil */
static int l_encode_url(lua_State *L) {
  url_fields f;
  url_str *pairs = NULL;
  luaL_Buffer b;
  lua_Integer j, np = 0;
  size_t len;
  if (lua_isnoneornil(L, 1)) return lua_pushnil(L), 1;
  luaL_checktype(L, 1, LUA_TTABLE);
  memset(&f, 0, sizeof f);
  f.scheme = get_field(L, 1, "scheme");
  f.user = get_field(L, 1, "user");
  f.pass = get_field(L, 1, "pass");
  f.host = get_field(L, 1, "host");
  f.port = get_field(L, 1, "port");
  f.path = get_field(L, 1, "path");
  f.fragment = get_field(L, 1, "fragment");
  if (lua_getfield(L, 1, "params") != LUA_TNIL) {
    int p = lua_gettop(L);
    luaL_argexpected(L, lua_istable(L, p), 1, "params as a table");
    np = luaL_len(L, p);
    if (np < 0 || (size_t)np > SIZE_MAX / (2 * sizeof *pairs))
      luaL_error(L, "bad params (length out of range)");
    pairs = lua_newuserdatauv(L, 2 * (size_t)np * sizeof *pairs + 1, 0);
    lua_createtable(L, (int)(np < 500000 ? 2 * np : 0), 0); /* anchor */
    for (j = 1; j <= np; j++) get_param(L, p, p + 2, j, pairs);
  }
  f.params = pairs;
  f.nparams = (size_t)np;
  len = url_encode(NULL, &f);
  url_encode(luaL_buffinitsize(L, &b, len), &f);
  luaL_pushresultsize(&b, len);
  return 1;
}

/* escapes argument 1 for component c; nil gives nil */
static int escape(lua_State *L, url_esc c) {
  size_t n, len;
  const char *s;
  luaL_Buffer b;
  if (lua_isnoneornil(L, 1)) return lua_pushnil(L), 1;
  s = luaL_checklstring(L, 1, &n);
  len = url_escape(NULL, s, n, c);
  url_escape(luaL_buffinitsize(L, &b, len), s, n, c);
  luaL_pushresultsize(&b, len);
  return 1;
}

/* -- EscapeFragment(str) -> str */
static int l_escape_fragment(lua_State *L) {
  return escape(L, URL_ESC_FRAGMENT);
}

/* -- EscapeHost(str) -> str */
static int l_escape_host(lua_State *L) {
  return escape(L, URL_ESC_AUTHORITY);
}

/* -- EscapeIp(str) -> str (an IP literal's inside: ':' kept) */
static int l_escape_ip(lua_State *L) {
  return escape(L, URL_ESC_IP);
}

/* -- EscapeParam(str) -> str */
static int l_escape_param(lua_State *L) {
  return escape(L, URL_ESC_PARAM);
}

/* -- EscapePass(str) -> str */
static int l_escape_pass(lua_State *L) {
  return escape(L, URL_ESC_AUTHORITY);
}

/* -- EscapePath(str) -> str */
static int l_escape_path(lua_State *L) {
  return escape(L, URL_ESC_PATH);
}

/* -- EscapeSegment(str) -> str */
static int l_escape_segment(lua_State *L) {
  return escape(L, URL_ESC_SEGMENT);
}

/* -- EscapeUser(str) -> str */
static int l_escape_user(lua_State *L) {
  return escape(L, URL_ESC_AUTHORITY);
}

/* a predicate of the string argument 1 */
static int is(lua_State *L, int (*fn)(const char *, size_t)) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_pushboolean(L, fn(s, n));
  return 1;
}

/* -- IsAcceptableHost(str) -> bool */
static int l_is_acceptable_host(lua_State *L) {
  return is(L, url_acceptable_host);
}

/* -- IsAcceptablePath(str) -> bool */
static int l_is_acceptable_path(lua_State *L) {
  return is(L, url_acceptable_path);
}

/* -- IsAcceptablePort(str) -> bool */
static int l_is_acceptable_port(lua_State *L) {
  return is(L, url_acceptable_port);
}

/* -- IsReasonablePath(str) -> bool */
static int l_is_reasonable_path(lua_State *L) {
  return is(L, url_reasonable_path);
}

/* }==== */

/* {==== HTTP */

/* -- ParseHttpDateTime(str) -> seconds:int | nil (not an IMF-fixdate) */
static int l_parse_http_date_time(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  int64_t t;
  if (http_parse_date(s, n, &t)) lua_pushinteger(L, (lua_Integer)t);
  else lua_pushnil(L);
  return 1;
}

/* -- FormatHttpDateTime(seconds:int) -> str (years 0000 to 9999) */
static int l_format_http_date_time(lua_State *L) {
  char b[HTTP_DATE_LEN + 1];
  lua_Integer t = luaL_checkinteger(L, 1);
  luaL_argcheck(L, http_format_date((int64_t)t, b) == HTTP_DATE_LEN, 1,
                "time out of range (years 0000 to 9999)");
  lua_pushlstring(L, b, HTTP_DATE_LEN);
  return 1;
}

/* -- GetHttpReason(code:int) -> str ("" for an unknown code) */
static int l_get_http_reason(lua_State *L) {
  lua_Integer code = luaL_checkinteger(L, 1);
  lua_pushstring(L, code >= 0 && code < 1000 ? http_reason((long)code) : "");
  return 1;
}

/* -- IsValidHttpToken(str) -> bool */
static int l_is_valid_http_token(lua_State *L) {
  return is(L, http_is_token);
}

/* -- IsHeaderRepeatable(str) -> bool */
static int l_is_header_repeatable(lua_State *L) {
  return is(L, http_header_repeatable);
}

/* }==== */

static const luaL_Reg funcs[] = {
    {"ParseIp", l_parse_ip},
    {"FormatIp", l_format_ip},
    {"CategorizeIp", l_categorize_ip},
    {"IsLoopbackIp", l_is_loopback_ip},
    {"IsPrivateIp", l_is_private_ip},
    {"IsPublicIp", l_is_public_ip},
    {"ParseUrl", l_parse_url},
    {"EncodeUrl", l_encode_url},
    {"ParseParams", l_parse_params},
    {"ParseHost", l_parse_host},
    {"EscapeFragment", l_escape_fragment},
    {"EscapeHost", l_escape_host},
    {"EscapeIp", l_escape_ip},
    {"EscapeParam", l_escape_param},
    {"EscapePass", l_escape_pass},
    {"EscapePath", l_escape_path},
    {"EscapeSegment", l_escape_segment},
    {"EscapeUser", l_escape_user},
    {"IsAcceptableHost", l_is_acceptable_host},
    {"IsAcceptablePath", l_is_acceptable_path},
    {"IsAcceptablePort", l_is_acceptable_port},
    {"IsReasonablePath", l_is_reasonable_path},
    {"ParseHttpDateTime", l_parse_http_date_time},
    {"FormatHttpDateTime", l_format_http_date_time},
    {"GetHttpReason", l_get_http_reason},
    {"IsValidHttpToken", l_is_valid_http_token},
    {"IsHeaderRepeatable", l_is_header_repeatable},
    {NULL, NULL}};

void cosmo_open_net(lua_State *L) {
  luaL_setfuncs(L, funcs, 0);
  lua_pushinteger(L, URL_PLUS);
  lua_setfield(L, -2, "kUrlPlus");
  lua_pushinteger(L, URL_LATIN1);
  lua_setfield(L, -2, "kUrlLatin1");
}
