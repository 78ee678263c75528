/*
** cli.c: lua.c-compatible options, scripts, error reports and exit statuses.
** See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#include "cli.h"
#include "config.h"
#include "bind/libs.h"
#include "repl.h"
#include "run.h"

/* Bits that collect_args returns. */
#define OPT_ERROR 1 /* bad option: nothing else is valid */
#define OPT_I 2
#define OPT_V 4
#define OPT_E 8
#define OPT_LE 16 /* -e seen */

#define INIT_VAR "LUA_INIT"
#define INIT_VAR_VERSIONED \
  INIT_VAR "_" LUA_VERSION_MAJOR "_" LUA_VERSION_MINOR

/* {==== running chunks */

static int report(lua_State *L, int status) {
  return run_report(L, status, run_progname());
}

/* The loaded chunk on top becomes the main one that cosmo.is_main()
** recognises: the script, stdin, an -e string (LUA_INIT and -l are not). */
static void set_main(lua_State *L) {
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, MOONBOX_MAIN_KEY);
}

static int do_chunk(lua_State *L, int status, int ismain) {
  if (status == LUA_OK) {
    if (ismain) set_main(L);
    status = run_docall(L, 0, 0);
  }
  return report(L, status);
}

static int do_file(lua_State *L, const char *name, int ismain) {
  return do_chunk(L, libs_loadfile(L, name), ismain);
}

static int do_string(lua_State *L, const char *s, const char *name,
                     int ismain) {
  return do_chunk(L, luaL_loadbuffer(L, s, strlen(s), name), ismain);
}

/* }==== */

/* {==== options */

/* The PUC line, then moonbox's own unless 'puc_only': scripts parse what
** "-v -e ..." prints (the official suite expects the -e output right after
** the PUC line), so the second line shows only when it cannot be in the
** way: plain "-v" and the interactive banner. */
void cli_print_version(int puc_only) {
  fputs(LUA_COPYRIGHT "\n", stdout);
  if (!puc_only)
    fputs(MOONBOX_NAME " " MOONBOX_VERSION " " MOONBOX_TARGET
          " (build " MOONBOX_BUILD_ID ", tzdata " MOONBOX_TZDATA ")\n",
          stdout);
  fflush(stdout);
}

/* lua.c's usage text (%s: the program name). */
static const char usage_text[] =
    "usage: %s [options] [script [args]]\n"
    "Available options are:\n"
    "  -e stat   execute string 'stat'\n"
    "  -i        enter interactive mode after executing 'script'\n"
    "  -l mod    require library 'mod' into global 'mod'\n"
    "  -l g=mod  require library 'mod' into global 'g'\n"
    "  -v        show version information\n"
    "  -E        ignore environment variables\n"
    "  -W        turn warnings on\n"
    "  --        stop handling options\n"
    "  -         stop handling options and execute stdin\n";

/* A bad option: lua.c's message and usage, to the letter, on stderr. */
static void print_usage(const char *bad) {
  fprintf(stderr, "%s: ", run_progname());
  if (bad[1] == 'e' || bad[1] == 'l')
    fprintf(stderr, "'%s' needs argument\n", bad);
  else
    fprintf(stderr, "unrecognized option '%s'\n", bad);
  fprintf(stderr, usage_text, run_progname());
  fflush(stderr);
}

/* {==== moonbox's own options, each alone as the first argument (so that
** lua.c's command lines keep their meaning; --bundle is in main.c) */

/* -- moonbox --help: lua.c's usage and moonbox's own options, on stdout */
static int print_help(void) {
  printf(usage_text, run_progname());
  printf("moonbox's own options, each alone as the first argument:\n"
         "  --help     show this help\n"
         "  --modules  list the modules built into this binary and its "
         "archive\n"
         "  --bundle   write a single-file app: %s --bundle -o OUT "
         "FILE|DIR... (see moonbox(1))\n"
         "Documentation: man moonbox\n",
         run_progname());
  return fflush(stdout) == 0;
}

/* -- moonbox --modules: require "moonbox".modules(), one name a line */
static int print_modules(lua_State *L) {
  lua_Integer i, n;
  libs_open(L);
  lua_getglobal(L, "require");
  lua_pushliteral(L, "moonbox");
  lua_call(L, 1, 1);
  lua_getfield(L, -1, "modules");
  lua_call(L, 0, 1);
  n = luaL_len(L, -1);
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, i);
    printf("%s\n", lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  return fflush(stdout) == 0;
}

/* }==== */

/* A one-letter flag must stand alone: "-v" is good, "-vx" is not. */
static int flag(const char *a, int bit) {
  return a[2] == '\0' ? bit : OPT_ERROR;
}

/* Dispatcher over one option; returns the bits it adds or OPT_ERROR, and
** moves *i past a separate argument of -e/-l. */
static int one_option(char **argv, int *i) {
  const char *a = argv[*i];
  switch (a[1]) {
  case 'E': return flag(a, OPT_E);
  case 'W': return flag(a, 0);
  case 'i': return flag(a, OPT_I | OPT_V);
  case 'v': return flag(a, OPT_V);
  case 'e':
  case 'l':
    if (a[2] == '\0') { /* argument is the next word */
      (*i)++;
      if (argv[*i] == NULL || argv[*i][0] == '-') return OPT_ERROR;
    }
    return a[1] == 'e' ? OPT_LE : 0;
  default: return OPT_ERROR;
  }
}

/* Scans options; *first gets the script's index (0: none; for an error,
** the bad option's index). */
static int collect_args(char **argv, int *first) {
  int bits = 0, i;
  if (argv[0] == NULL) { *first = -1; return 0; }
  for (i = 1; argv[i] != NULL; i++) {
    *first = i;
    if (argv[i][0] != '-') return bits;
    if (argv[i][1] == '\0') return bits; /* "-": stdin is the script */
    if (argv[i][1] == '-') {
      if (argv[i][2] != '\0') return OPT_ERROR;
      /* a script, if any, follows "--" (lua.c after 5.4.7: a bare "--"
      ** at the end must not make the NULL after it the script) */
      *first = argv[i + 1] != NULL ? i + 1 : 0;
      return bits;
    }
    int b = one_option(argv, &i);
    if (b == OPT_ERROR) return OPT_ERROR;
    bits |= b;
  }
  *first = 0;
  return bits;
}

/* -l [g=]mod: g = require(mod); "-l mod-v2" binds global 'mod'. */
static int load_library(lua_State *L, const char *spec) {
  const char *eq = strchr(spec, '=');
  const char *mod = eq ? eq + 1 : spec;
  size_t glen = eq ? (size_t)(eq - spec) : strcspn(spec, LUA_IGMARK);
  int status;
  lua_getglobal(L, "require");
  lua_pushstring(L, mod);
  status = run_docall(L, 1, 1);
  if (status == LUA_OK) {
    lua_pushglobaltable(L);
    lua_pushlstring(L, spec, glen);
    lua_pushvalue(L, -3);
    lua_settable(L, -3); /* not raw: _G may have __newindex, as in lua.c */
    lua_pop(L, 2);
  }
  return report(L, status);
}

/* Runs -e, -l and -W in command-line order; false when one failed. */
static int do_options(lua_State *L, char **argv, int limit) {
  int i;
  for (i = 1; i < limit; i++) {
    int opt = argv[i][1];
    if (opt == 'e' || opt == 'l') {
      const char *extra = argv[i][2] ? argv[i] + 2 : argv[++i];
      int status = opt == 'e' ? do_string(L, extra, "=(command line)", 1)
                              : load_library(L, extra);
      if (status != LUA_OK) return 0;
    } else if (opt == 'W') {
      lua_warning(L, "@on", 0);
    }
  }
  return 1;
}

/* }==== */

/* {==== script and environment */

/* The interpreter's entry of arg: argv[0] when it names a file (holds a
** '/'); started through a PATH search, the path the kernel ran
** (AT_EXECFN), so that a script can run or open its own executable as
** the seed binary's scripts do with arg[-1]. */
static const char *interpreter(const char *argv0) {
  const char *fn = (const char *)getauxval(AT_EXECFN);
  if (strchr(argv0, '/') || fn == NULL || fn[0] != '/' ||
      strncmp(fn, "/dev/fd/", 8) == 0)
    return argv0;
  return fn;
}

/* arg[0] is the script, negative indices the interpreter and options. */
static void make_arg_table(lua_State *L, char **argv, int argc, int script) {
  int i;
  lua_createtable(L, argc - script - 1 > 0 ? argc - script - 1 : 0,
                  script + 1);
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, i == 0 ? interpreter(argv[0]) : argv[i]);
    lua_rawseti(L, -2, i - script);
  }
  lua_setglobal(L, "arg");
}

static int push_script_args(lua_State *L) {
  int i, n;
  if (lua_getglobal(L, "arg") != LUA_TTABLE)
    luaL_error(L, "'arg' is not a table");
  n = (int)luaL_len(L, -1);
  luaL_checkstack(L, n + 3, "too many arguments to script");
  for (i = 1; i <= n; i++) lua_rawgeti(L, -i, i);
  lua_remove(L, -i);
  return n;
}

static int do_script(lua_State *L, char **argv) {
  const char *name = argv[0];
  int status;
  if (strcmp(name, "-") == 0 && strcmp(argv[-1], "--") != 0)
    name = NULL; /* a lone "-" means stdin */
  status = libs_loadfile(L, name);
  if (status == LUA_OK) {
    int n;
    set_main(L);
    n = push_script_args(L);
    status = run_docall(L, n, LUA_MULTRET);
  }
  return report(L, status);
}

static int do_init(lua_State *L) {
  const char *name = "=" INIT_VAR_VERSIONED;
  const char *init = getenv(name + 1);
  if (init == NULL) {
    name = "=" INIT_VAR;
    init = getenv(name + 1);
  }
  if (init == NULL) return LUA_OK;
  if (init[0] == '@') return do_file(L, init + 1, 0);
  return do_string(L, init, name, 0);
}

/* }==== */

int cli_main(lua_State *L) {
  int argc = (int)lua_tointeger(L, 1);
  char **argv = (char **)lua_touserdata(L, 2);
  int script = 0;
  int bits = collect_args(argv, &script);
  int limit = script > 0 ? script : argc;
  luaL_checkversion(L);
  if (argc == 2 && strcmp(argv[1], "--help") == 0) {
    lua_pushboolean(L, print_help());
    return 1;
  }
  if (argc == 2 && strcmp(argv[1], "--modules") == 0) {
    lua_pushboolean(L, print_modules(L));
    return 1;
  }
  if (bits == OPT_ERROR) {
    print_usage(argv[script]);
    return 0;
  }
  if (bits & OPT_V) cli_print_version((bits & OPT_LE) || script > 0);
  if (bits & OPT_E) {
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  libs_open(L);
  make_arg_table(L, argv, argc, script);
  lua_gc(L, LUA_GCRESTART);
  lua_gc(L, LUA_GCGEN, 0, 0);
  if (!(bits & OPT_E) && do_init(L) != LUA_OK) return 0;
  if (!do_options(L, argv, limit)) return 0;
  if (script > 0 && do_script(L, argv + script) != LUA_OK) return 0;
  if (bits & OPT_I) {
    repl_run(L);
  } else if (script < 1 && !(bits & (OPT_LE | OPT_V))) {
    if (isatty(0)) {
      cli_print_version(0);
      repl_run(L);
    } else {
      do_file(L, NULL, 1);
    }
  }
  lua_pushboolean(L, 1);
  return 1;
}
