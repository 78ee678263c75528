/*
** repl.c: the interactive loop: prompts, continuation lines, printing results.
** See LICENSE.
*/
#include <stdio.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "cli.h"
#include "config.h"
#include "repl.h"

/* The prompt is tostring(_PROMPT) or tostring(_PROMPT2), or the default;
** it is left on the stack (the caller pops it). */
static const char *push_prompt(lua_State *L, int first) {
  if (lua_getglobal(L, first ? "_PROMPT" : "_PROMPT2") == LUA_TNIL) {
    lua_pop(L, 1);
    lua_pushstring(L, first ? MOONBOX_PROMPT : MOONBOX_PROMPT2);
  } else {
    luaL_tolstring(L, -1, NULL);
    lua_remove(L, -2);
  }
  return lua_tostring(L, -1);
}

/* Reads one whole line (any length) into a new string on the stack; false
** at end of input. The trailing newline is dropped. */
static int read_line(lua_State *L, const char *prompt) {
  char buf[MOONBOX_MAXINPUT];
  luaL_Buffer b;
  int got = 0;
  fputs(prompt, stdout);
  fflush(stdout);
  luaL_buffinit(L, &b);
  while (fgets(buf, sizeof buf, stdin) != NULL) {
    size_t n = strlen(buf);
    got = 1;
    if (n > 0 && buf[n - 1] == '\n') {
      luaL_addlstring(&b, buf, n - 1);
      break;
    }
    luaL_addlstring(&b, buf, n);
  }
  luaL_pushresult(&b);
  if (!got) lua_pop(L, 1);
  return got;
}

static int push_line(lua_State *L, int first) {
  int ok = read_line(L, push_prompt(L, first));
  lua_remove(L, ok ? -2 : -1); /* the prompt */
  if (ok && first && lua_tostring(L, -1)[0] == '=') {
    /* "=expr" is kept from Lua 5.2 days */
    lua_pushfstring(L, "return %s", lua_tostring(L, -1) + 1);
    lua_remove(L, -2);
  }
  return ok;
}

/* Tries the line as "return <line>" so expressions print their value. */
static int try_return(lua_State *L) {
  const char *line = lua_tostring(L, -1);
  const char *code = lua_pushfstring(L, "return %s;", line);
  int status = luaL_loadbuffer(L, code, strlen(code), "=stdin");
  if (status == LUA_OK) lua_remove(L, -2); /* keep the function */
  else lua_pop(L, 2);                      /* drop code and error */
  return status;
}

/* A syntax error that ends at <eof> means "keep reading". */
static int incomplete(lua_State *L, int status) {
  static const char mark[] = "<eof>";
  size_t n, m = sizeof(mark) - 1;
  const char *msg;
  if (status != LUA_ERRSYNTAX) return 0;
  msg = lua_tolstring(L, -1, &n);
  return n >= m && strcmp(msg + n - m, mark) == 0;
}

/* Compiles the statement on top (reading more lines while incomplete). */
static int compile_statement(lua_State *L) {
  for (;;) {
    size_t n;
    const char *code = lua_tolstring(L, 1, &n);
    int status = luaL_loadbuffer(L, code, n, "=stdin");
    if (!incomplete(L, status) || !push_line(L, 0)) return status;
    lua_remove(L, -2); /* the <eof> error: more text is coming */
    lua_pushliteral(L, "\n");
    lua_insert(L, -2);
    lua_concat(L, 3);
  }
}

/* Reads and compiles one chunk: -1 at end of input, else a Lua status
** with the function (or the error) on the stack. */
static int load_chunk(lua_State *L) {
  int status;
  lua_settop(L, 0);
  if (!push_line(L, 1)) return -1;
  status = try_return(L);
  if (status != LUA_OK) status = compile_statement(L);
  lua_remove(L, 1); /* the source line(s) */
  return status;
}

static void print_results(lua_State *L) {
  int n = lua_gettop(L);
  if (n == 0) return;
  luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
  lua_getglobal(L, "print");
  lua_insert(L, 1);
  if (lua_pcall(L, n, 0, 0) != LUA_OK) {
    const char *msg = lua_pushfstring(L, "error calling 'print' (%s)",
                                      lua_tostring(L, -1));
    fprintf(stderr, "%s\n", msg);
    fflush(stderr);
  }
}

void repl_run(lua_State *L, const char *progname) {
  int status;
  (void)progname; /* interactive errors carry no program name */
  while ((status = load_chunk(L)) != -1) {
    if (status == LUA_OK) status = cli_docall(L, 0, LUA_MULTRET);
    if (status == LUA_OK) print_results(L);
    else cli_report(L, status, NULL);
  }
  lua_settop(L, 0);
  fputs("\n", stdout);
  fflush(stdout);
}
