/*
** cosmo_text.c: the text group of the `cosmo` module: EscapeHtml,
** EscapeLiteral, VisualizeControlCodes, HasControlCodes, IndentLines and
** GetMonospaceWidth, over engine/text. See LICENSE.
*/
#include "lauxlib.h"
#include "lua.h"

#include "engine/text.h"
#include "modules/cosmo.h"

typedef size_t (*text_fn)(char *, const char *, size_t);

/* Argument 1 through f: measured, then written into a buffer of exactly
** that size. */
static int transform(lua_State *L, text_fn f) {
  size_t n, len;
  const char *s = luaL_checklstring(L, 1, &n);
  luaL_Buffer b;
  len = f(NULL, s, n);
  f(luaL_buffinitsize(L, &b, len), s, n);
  luaL_pushresultsize(&b, len);
  return 1;
}

/* -- EscapeHtml(str) -> str (& < > " ' as entities) */
static int l_escapehtml(lua_State *L) {
  return transform(L, txt_escape_html);
}

/* -- EscapeLiteral(str) -> str (the inside of a JavaScript string) */
static int l_escapeliteral(lua_State *L) {
  return transform(L, txt_escape_literal);
}

/* -- VisualizeControlCodes(str) -> str */
static int l_visualize(lua_State *L) {
  return transform(L, txt_visualize);
}

/* -- HasControlCodes(str[, flags]) -> boolean (flags: 1 whitespace
**    controls, 2 C0 and DEL, 4 C1; default 6; other bits raise) */
static int l_hascontrolcodes(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_Integer f = luaL_optinteger(L, 2, TXT_CTL_C0 | TXT_CTL_C1);
  luaL_argcheck(L, (f & ~(lua_Integer)7) == 0, 2, "invalid control flags");
  lua_pushboolean(L, txt_find_control(s, n, (unsigned)f) >= 0);
  return 1;
}

/* -- IndentLines(str[, spaces]) -> str (spaces 1 by default, 0..65535;
**    nil gives nil) */
static int l_indentlines(lua_State *L) {
  size_t n, len;
  const char *s;
  lua_Integer k;
  luaL_Buffer b;
  if (lua_isnoneornil(L, 1)) {
    lua_pushnil(L);
    return 1;
  }
  s = luaL_checklstring(L, 1, &n);
  k = luaL_optinteger(L, 2, 1);
  luaL_argcheck(L, k >= 0 && k <= 65535, 2, "not in range 0..65535");
  len = txt_indent(NULL, s, n, (size_t)k);
  txt_indent(luaL_buffinitsize(L, &b, len), s, n, (size_t)k);
  luaL_pushresultsize(&b, len);
  return 1;
}

/* -- GetMonospaceWidth(str[, column]) -> columns
**    GetMonospaceWidth(codepoint) -> -1 | 0 | 1 | 2 (as wcwidth) */
static int l_getmonospacewidth(lua_State *L) {
  size_t n;
  const char *s;
  lua_Integer col;
  if (lua_type(L, 1) == LUA_TNUMBER) {
    lua_pushinteger(L, txt_cp_width(luaL_checkinteger(L, 1)));
    return 1;
  }
  s = luaL_checklstring(L, 1, &n);
  col = luaL_optinteger(L, 2, 0);
  luaL_argcheck(L, col >= 0, 2, "column must be >= 0");
  lua_pushinteger(L, (lua_Integer)txt_width(s, n, (size_t)col));
  return 1;
}

static const luaL_Reg funcs[] = {
    {"EscapeHtml", l_escapehtml},
    {"EscapeLiteral", l_escapeliteral},
    {"VisualizeControlCodes", l_visualize},
    {"HasControlCodes", l_hascontrolcodes},
    {"IndentLines", l_indentlines},
    {"GetMonospaceWidth", l_getmonospacewidth},
    {NULL, NULL}};

void cosmo_open_text(lua_State *L) {
  luaL_setfuncs(L, funcs, 0);
}
