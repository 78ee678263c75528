/*
** repl.c: the interactive loop: line editing on a terminal, history file,
** prompts, continuation lines, printing results. See LICENSE.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "config.h"
#include "engine/mem.h"
#include "engine/hist.h"
#include "engine/lineedit.h"
#include "repl.h"
#include "replcomp.h"
#include "run.h"
#include "runtime/archive.h"

#define REPL_KEY "moonbox.repl" /* registry: the repl userdata */

/* The loop's state, a userdata so that __gc frees the editor even when an
** error (out of memory) leaves repl_run by a longjmp. */
typedef struct {
  le_editor *ed; /* NULL: stdin is no terminal; stdio reads as lua.c */
  int edit;      /* 1: escape codes in use (not TERM=dumb) */
  hist_file hist;
} repl;

/* What reading a line gave. */
enum { GOT_LINE, GOT_EOF, GOT_INTR };

/* load_chunk's results besides Lua statuses. */
enum { CHUNK_EOF = -1, CHUNK_NONE = -2 };

/* {==== signals while the editor reads */

/* The editor the handlers act on: set only around le_readline. */
static le_editor *volatile signal_ed = NULL;

static const int caught[] = {SIGINT, SIGTERM, SIGTSTP, SIGCONT, SIGWINCH};
#define NCAUGHT (sizeof caught / sizeof caught[0])

/* An empty handler still makes the blocked read return EINTR, and the
** editor redraws at the new width. */
static void on_winch(int sig) {
  (void)sig;
}

/* Ctrl-C arrives as a signal only in plain mode (TERM=dumb). */
static void on_int(int sig) {
  (void)sig;
  le_interrupt(signal_ed);
}

static void on_cont(int sig) {
  (void)sig;
  le_resume(signal_ed);
}

static void handle(int sig, void (*fn)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: the editor must see EINTR */
  sigaction(sig, &sa, NULL);
}

/* SIGTSTP and SIGTERM: restore the terminal, then take the default
** action (stop, or die by the signal); after a stop, raw mode comes back.
** Only async-signal-safe calls here. */
static void on_stop_or_term(int sig) {
  sigset_t set;
  le_restore(signal_ed);
  signal(sig, SIG_DFL);
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig); /* SIGTERM ends here; SIGTSTP returns after SIGCONT */
  handle(sig, on_stop_or_term);
  le_resume(signal_ed);
}

/* C-z at the prompt (the editor reads it as a key in raw mode): stop the
** whole foreground job, as the terminal would; on_stop_or_term does the
** stopping, and the editor redraws once we are continued. */
static void suspend_job(void *ud) {
  (void)ud;
  kill(0, SIGTSTP);
}

static void catch_signals(repl *R, struct sigaction *old) {
  static void (*const fns[NCAUGHT])(int) = {on_int, on_stop_or_term,
                                            on_stop_or_term, on_cont,
                                            on_winch};
  size_t i;
  signal_ed = R->ed;
  for (i = 0; i < NCAUGHT; i++) {
    sigaction(caught[i], NULL, &old[i]);
    handle(caught[i], fns[i]);
  }
}

/* Running code gets the dispositions it had: an empty SIGWINCH handler
** without SA_RESTART would break its blocking reads. */
static void release_signals(const struct sigaction *old) {
  size_t i;
  for (i = 0; i < NCAUGHT; i++) sigaction(caught[i], &old[i], NULL);
  signal_ed = NULL;
}

/* }==== */

/* {==== the repl object */

static int repl_gc(lua_State *L) {
  repl *R = lua_touserdata(L, 1);
  le_free(R->ed);
  R->ed = NULL;
  return 0;
}

/* TERM decides between editing and plain reading, as le_new does. */
static int wants_edit(const char *term) {
  return term && *term && strcmp(term, "dumb") != 0;
}

/* The editor draws with the state's allocator: MOONBOX_MEMLIMIT counts it
** (mem_alloc_fn is lua_Alloc's contract). */
static repl *repl_open(lua_State *L) {
  repl *R = lua_newuserdatauv(L, sizeof *R, 0);
  const char *term = getenv("TERM");
  void *ud = NULL;
  lua_Alloc alloc;
  memset(R, 0, sizeof *R);
  if (luaL_newmetatable(L, REPL_KEY)) {
    lua_pushcfunction(L, repl_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  lua_setfield(L, LUA_REGISTRYINDEX, REPL_KEY);
  if (!isatty(0)) return R;
  alloc = lua_getallocf(L, &ud);
  R->ed = le_new(0, 1, term, alloc, ud);
  if (R->ed == NULL) return R;
  R->edit = wants_edit(term);
  le_set_mode(R->ed, R->edit ? LE_MODE_EDIT : LE_MODE_PLAIN);
  le_set_completion(R->ed, repl_complete, L);
  le_set_suspend(R->ed, suspend_job, NULL);
  /* the C heap for the file's bytes: MOONBOX_MEMLIMIT is the program's */
  hist_init(&R->hist, getenv("MOONBOX_HISTORY"), getenv("XDG_STATE_HOME"),
            getenv("HOME"), mem_libc, NULL);
  hist_load(&R->hist, R->ed);
  return R;
}

static void repl_close(lua_State *L, repl *R) {
  le_free(R->ed);
  R->ed = NULL;
  lua_pushnil(L);
  lua_setfield(L, LUA_REGISTRYINDEX, REPL_KEY);
}

/* Adds the chunk at idx (as typed) to the history and its file. */
static void remember(lua_State *L, repl *R, int idx) {
  size_t n, m, count;
  const char *s = lua_tolstring(L, idx, &n), *last;
  if (R->ed == NULL || n == 0) return;
  count = le_history_count(R->ed);
  last = count ? le_history_get(R->ed, count - 1, &m) : NULL;
  if (last && m == n && memcmp(last, s, n) == 0) return;
  le_history_add(R->ed, s, n); /* may not fit; the file still gets it */
  hist_append(&R->hist, s, n);
}

/* }==== */

/* {==== reading lines */

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

/* Without a terminal, as lua.c without readline: fgets. Reads one whole
** line (any length) into a new string on the stack. */
static int read_stdio(lua_State *L, const char *prompt) {
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
  return got ? GOT_LINE : GOT_EOF;
}

/* On a terminal, through the editor. Nothing that can raise runs while
** it reads: the line is pushed after le_readline has restored the tty. */
static int read_edit(lua_State *L, repl *R, const char *prompt) {
  struct sigaction old[NCAUGHT];
  const char *line;
  size_t len;
  int rc;
  fflush(stdout);
  catch_signals(R, old);
  rc = le_readline(R->ed, prompt, &line, &len);
  release_signals(old);
  switch (rc) {
  case LE_OK: lua_pushlstring(L, line, len); return GOT_LINE;
  case LE_INTERRUPTED:
    if (!R->edit) { /* a half-typed line may still wait in the tty */
      tcflush(0, TCIFLUSH);
      fputs("\n", stdout);
    }
    return GOT_INTR;
  case LE_EOF: return GOT_EOF;
  case LE_ERR_NOMEM: /* a recalled entry too big to edit, say: the line
                        is lost, the editor and the session go on */
    fprintf(stderr, "%s\n", le_strerror(rc));
    fflush(stderr);
    return GOT_INTR;
  default: /* the terminal went away: end the session */
    fprintf(stderr, "%s\n", le_strerror(rc));
    fflush(stderr);
    return GOT_EOF;
  }
}

static int push_line(lua_State *L, repl *R, int first) {
  const char *prompt = push_prompt(L, first);
  int got = R->ed ? read_edit(L, R, prompt) : read_stdio(L, prompt);
  lua_remove(L, got == GOT_LINE ? -2 : -1); /* the prompt */
  return got;
}

/* }==== */

/* {==== compiling chunks */

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

/* Appends "\n" and the line on top to the typed text (index 1) and to
** the code (index 2), and pops the line. */
static void append_line(lua_State *L) {
  int i;
  for (i = 1; i <= 2; i++) {
    lua_pushvalue(L, i);
    lua_pushliteral(L, "\n");
    lua_pushvalue(L, -3);
    lua_concat(L, 3);
    lua_replace(L, i);
  }
  lua_pop(L, 1);
}

/* Compiles the code at index 2, reading more lines while incomplete.
** Ctrl-C on a continuation line drops the chunk: CHUNK_NONE. */
static int compile_statement(lua_State *L, repl *R) {
  for (;;) {
    size_t n;
    const char *code = lua_tolstring(L, 2, &n);
    int status = luaL_loadbuffer(L, code, n, "=stdin");
    int got;
    if (!incomplete(L, status)) return status;
    got = push_line(L, R, 0);
    if (got == GOT_EOF) return status; /* the <eof> error is reported */
    lua_remove(L, -2);                 /* more text is coming */
    if (got == GOT_INTR) return CHUNK_NONE;
    append_line(L);
  }
}

/* Reads and compiles one chunk: CHUNK_EOF at end of input, CHUNK_NONE
** after Ctrl-C, else a Lua status with the function (or the error) on
** the stack. */
static int load_chunk(lua_State *L, repl *R) {
  int status, got;
  lua_settop(L, 0);
  got = push_line(L, R, 1); /* index 1: the text as typed */
  if (got != GOT_LINE) return got == GOT_EOF ? CHUNK_EOF : CHUNK_NONE;
  lua_pushvalue(L, 1); /* index 2: the code */
  if (lua_tostring(L, 2)[0] == '=') { /* "=expr" is kept from Lua 5.2 */
    lua_pushfstring(L, "return %s", lua_tostring(L, 2) + 1);
    lua_replace(L, 2);
  }
  status = try_return(L);
  if (status != LUA_OK) status = compile_statement(L, R);
  if (status == CHUNK_NONE) return lua_settop(L, 0), status;
  remember(L, R, 1);
  lua_remove(L, 1);
  lua_remove(L, 1);
  return status;
}

/* }==== */

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

void repl_run(lua_State *L) {
  int status;
  repl *R = repl_open(L);
  while ((status = load_chunk(L, R)) != CHUNK_EOF) {
    if (status == CHUNK_NONE) continue;
    if (status == LUA_OK) status = run_docall(L, 0, LUA_MULTRET);
    if (status == LUA_OK) print_results(L);
    else run_report(L, status, NULL); /* no name, as lua.c */
  }
  lua_settop(L, 0);
  if (!R->edit) fputs("\n", stdout); /* the editor left a fresh row */
  fflush(stdout);
  repl_close(L, R);
}
