/*
** unix_sig.c: the signals theme of the unix module: sigaction with Lua
** handlers run between VM instructions, kill, raise, masks (unix.Sigset),
** interval timers, signal names and the SIG and SA constants. See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>

#include "config.h"
#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"

#define SIGSET_MT "unix.Sigset"
#define HANDLERS "unix.sighandlers" /* registry: sig -> Lua function */

/* Highest signal number of Linux; the unix.NSIG the manual describes. */
#define SIGMAX 64

/* {==== delivery
** A Lua handler never runs inside the C signal handler. on_signal only
** marks the signal pending and installs sig_hook on the main thread with
** lua_sethook (async-signal-safe, as lua.c's Ctrl-C handler relies on).
** The hook then runs at the next call, return or instruction: it puts
** back the hook it displaced (debug.sethook's, or the front end's Ctrl-C
** hook), takes one pending signal and calls its Lua handler. A Lua error
** in the handler propagates from that point of the script. */

static volatile sig_atomic_t pending[SIGMAX + 1];

/* The last C handler other than ours that sigaction displaced, per signal
** (the front end's Ctrl-C handler, say): reported to Lua as its address,
** and that address, and only it, puts the handler back. */
MOONBOX_COLD_BSS static struct sigaction foreign[SIGMAX + 1];
static lua_State *volatile sig_L; /* main thread of the state, or NULL */

/* The hook sig_hook displaced, put back when it runs. Written only while
** sig_hook is not installed, by on_signal or with signals blocked. */
static lua_Hook saved_hook;
static int saved_mask, saved_count;

static void sig_hook(lua_State *L, lua_Debug *ar);

/* Installs sig_hook unless it is already there. Called from on_signal or
** with all signals blocked. */
static void arm(lua_State *L) {
  if (lua_gethook(L) == sig_hook) return;
  saved_hook = lua_gethook(L);
  saved_mask = lua_gethookmask(L);
  saved_count = lua_gethookcount(L);
  lua_sethook(L, sig_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* The C handler of every signal that has a Lua handler. */
static void on_signal(int sig) {
  lua_State *L = sig_L;
  if (sig < 1 || sig > SIGMAX) return;
  pending[sig] = 1;
  if (L) arm(L);
}

/* Puts the displaced hook back and claims the lowest pending signal,
** re-arming when more are pending; signals are blocked meanwhile so
** on_signal never sees a half-restored hook. Returns 0 if none. */
static int claim(lua_State *L) {
  sigset_t all, old;
  int sig, first = 0, more = 0;
  sigfillset(&all);
  sigprocmask(SIG_SETMASK, &all, &old);
  lua_sethook(L, saved_hook, saved_mask, saved_count);
  for (sig = 1; sig <= SIGMAX; sig++) {
    if (!pending[sig]) continue;
    if (first) more = 1;
    else first = sig, pending[sig] = 0;
  }
  if (more) arm(L);
  sigprocmask(SIG_SETMASK, &old, NULL);
  return first;
}

static void sig_hook(lua_State *L, lua_Debug *ar) {
  int sig = claim(L);
  (void)ar;
  if (sig == 0) return;
  lua_getfield(L, LUA_REGISTRYINDEX, HANDLERS);
  if (lua_rawgeti(L, -1, sig) == LUA_TFUNCTION) {
    lua_pushinteger(L, sig);
    lua_call(L, 1, 0);
  } else {
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

/* __gc of the handler table: the state is closing, so no signal may
** reach it any more; signals still routed to on_signal get SIG_DFL. */
static int handlers_gc(lua_State *L) {
  int sig;
  (void)L;
  for (sig = 1; sig <= SIGMAX; sig++) {
    struct sigaction sa;
    if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == on_signal)
      signal(sig, SIG_DFL);
  }
  sig_L = NULL;
  return 0;
}

/* }==== */

/* {==== unix.Sigset */

static int check_sig(lua_State *L, int arg) {
  lua_Integer sig = luaL_checkinteger(L, arg);
  luaL_argcheck(L, sig >= 1 && sig <= SIGMAX, arg, "signal number invalid");
  return (int)sig;
}

static sigset_t *check_sigset(lua_State *L, int arg) {
  return luaL_checkudata(L, arg, SIGSET_MT);
}

static void push_sigset(lua_State *L, const sigset_t *set) {
  sigset_t *p = lua_newuserdatauv(L, sizeof *p, 0);
  *p = *set;
  luaL_setmetatable(L, SIGSET_MT);
}

/* -- unix.Sigset(sig, ...) -> unix.Sigset */
static int l_sigset(lua_State *L) {
  int i, n = lua_gettop(L);
  sigset_t set;
  sigemptyset(&set);
  for (i = 1; i <= n; i++) sigaddset(&set, check_sig(L, i));
  push_sigset(L, &set);
  return 1;
}

/* -- Sigset:add(sig) */
static int ss_add(lua_State *L) {
  sigaddset(check_sigset(L, 1), check_sig(L, 2));
  return 0;
}

/* -- Sigset:remove(sig) */
static int ss_remove(lua_State *L) {
  sigdelset(check_sigset(L, 1), check_sig(L, 2));
  return 0;
}

/* -- Sigset:fill() -- every signal (the C library keeps out the three it
** reserves, 32 to 34) */
static int ss_fill(lua_State *L) {
  sigfillset(check_sigset(L, 1));
  return 0;
}

/* -- Sigset:clear() */
static int ss_clear(lua_State *L) {
  sigemptyset(check_sigset(L, 1));
  return 0;
}

/* -- Sigset:contains(sig) -> bool */
static int ss_contains(lua_State *L) {
  lua_pushboolean(L, sigismember(check_sigset(L, 1), check_sig(L, 2)) == 1);
  return 1;
}

static const char *signame(int sig);

/* -- Sigset:__tostring() -> "unix.Sigset(unix.SIGINT, 40)", Lua code that
** recreates the set (a signal without a name appears as its number) */
static int ss_tostring(lua_State *L) {
  const sigset_t *set = check_sigset(L, 1);
  const char *sep = "";
  luaL_Buffer b;
  int sig;
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "unix.Sigset(");
  for (sig = 1; sig <= SIGMAX; sig++) {
    if (sigismember(set, sig) != 1) continue;
    luaL_addstring(&b, sep);
    if (signame(sig)) lua_pushfstring(L, "unix.%s", signame(sig));
    else lua_pushfstring(L, "%d", sig);
    luaL_addvalue(&b);
    sep = ", ";
  }
  luaL_addchar(&b, ')');
  luaL_pushresult(&b);
  return 1;
}

static const luaL_Reg sigset_methods[] = {
    {"add", ss_add},     {"remove", ss_remove},     {"fill", ss_fill},
    {"clear", ss_clear}, {"contains", ss_contains}, {NULL, NULL}};

static const luaL_Reg sigset_meta[] = {
    {"__tostring", ss_tostring}, {"__repr", ss_tostring}, {NULL, NULL}};

/* }==== */

/* {==== signal calls */

/* The action to install for 'handler' at 'arg' (a function, SIG_DFL,
** SIG_IGN or a displaced C handler's address); raises for anything else. */
static void choose_action(lua_State *L, int sig, int arg,
                          struct sigaction *sa) {
  lua_Integer h;
  if (lua_isfunction(L, arg)) {
    sa->sa_handler = on_signal;
    return;
  }
  h = luaL_checkinteger(L, arg);
  if (h == (intptr_t)SIG_DFL) sa->sa_handler = SIG_DFL;
  else if (h == (intptr_t)SIG_IGN) sa->sa_handler = SIG_IGN;
  else if (foreign[sig].sa_handler && h == (intptr_t)foreign[sig].sa_handler)
    *sa = foreign[sig];
  else
    luaL_argerror(L, arg, "SIG_DFL, SIG_IGN, a function or an old handler "
                          "expected");
}

/* Pushes the old handler: the Lua function at 'fn' when ours was in
** force, else the C value (SIG_DFL, SIG_IGN or a foreign address). */
static void push_old(lua_State *L, int sig, const struct sigaction *old,
                     int fn) {
  if (old->sa_handler == on_signal) {
    if (lua_isfunction(L, fn)) lua_pushvalue(L, fn);
    else lua_pushinteger(L, (intptr_t)SIG_DFL);
    return;
  }
  if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN)
    foreign[sig] = *old;
  lua_pushinteger(L, (intptr_t)old->sa_handler);
}

/* Argument 'arg' as SA_* flags: 32 bits, SA_RESETHAND being the top one. */
static int check_flags(lua_State *L, int arg) {
  lua_Integer v = luaL_checkinteger(L, arg);
  luaL_argcheck(L, v >= 0 && v <= (lua_Integer)UINT32_MAX, arg, "out of range");
  return (int)(unsigned)v;
}

/* -- unix.sigaction(sig[, handler[, flags[, mask]]])
**      -> oldhandler, oldflags, oldmask | nil, unix.Errno
** handler: a Lua function (called with sig between VM instructions),
** unix.SIG_DFL, unix.SIG_IGN, or an integer an earlier call returned for
** a C handler it displaced; none or nil only queries. oldhandler is the
** Lua function when one was in force. Misuse raises. */
static int l_sigaction(lua_State *L) {
  int sig = check_sig(L, 1), query = lua_isnoneornil(L, 2), err;
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  if (!query) {
    choose_action(L, sig, 2, &sa);
    if (!lua_isnoneornil(L, 3)) sa.sa_flags = check_flags(L, 3);
    if (!lua_isnoneornil(L, 4)) sa.sa_mask = *check_sigset(L, 4);
  }
  lua_settop(L, 2);
  lua_getfield(L, LUA_REGISTRYINDEX, HANDLERS); /* 3 */
  lua_rawgeti(L, 3, sig);                        /* 4: the old function */
  if (!query) { /* the table first: it never allocates (sized at open) */
    if (lua_isfunction(L, 2)) lua_pushvalue(L, 2);
    else lua_pushnil(L);
    lua_rawseti(L, 3, sig);
  }
  if (sigaction(sig, query ? NULL : &sa, &old) == -1) {
    err = errno;
    lua_pushvalue(L, 4);
    lua_rawseti(L, 3, sig);
    errno = err;
    return unix_fail(L, "sigaction");
  }
  push_old(L, sig, &old, 4);
  lua_pushinteger(L, (unsigned)old.sa_flags & ~0x04000000u); /* no SA_RESTORER */
  push_sigset(L, &old.sa_mask);
  return 3;
}

/* -- unix.kill(pid, sig) -> true | nil, unix.Errno
** sig 0 only checks that pid exists and may be signalled. */
static int l_kill(lua_State *L) {
  int pid = unix_checkint(L, 1), sig = unix_checkint(L, 2);
  return unix_ok(L, kill(pid, sig), "kill");
}

/* -- unix.raise(sig) -> 0 | nil, unix.Errno
** A Lua handler for sig has run when raise returns (unless blocked). */
static int l_raise(lua_State *L) {
  return unix_int(L, raise(unix_checkint(L, 1)), "raise");
}

/* -- unix.sigprocmask(how, newmask) -> oldmask | nil, unix.Errno
** how: SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK. */
static int l_sigprocmask(lua_State *L) {
  int how = unix_checkint(L, 1);
  sigset_t old;
  if (sigprocmask(how, check_sigset(L, 2), &old) == -1)
    return unix_fail(L, "sigprocmask");
  push_sigset(L, &old);
  return 1;
}

/* -- unix.sigsuspend([mask]) -> nil, unix.Errno (EINTR once a handled
** signal arrived). mask defaults to the current mask. */
static int l_sigsuspend(lua_State *L) {
  sigset_t cur;
  if (lua_isnoneornil(L, 1)) sigprocmask(SIG_BLOCK, NULL, &cur);
  else cur = *check_sigset(L, 1);
  sigsuspend(&cur);
  return unix_fail(L, "sigsuspend");
}

/* -- unix.sigpending() -> unix.Sigset | nil, unix.Errno */
static int l_sigpending(lua_State *L) {
  sigset_t set;
  if (sigpending(&set) == -1) return unix_fail(L, "sigpending");
  push_sigset(L, &set);
  return 1;
}

/* Argument 'arg' as nanoseconds in [0, 1e9) turned into microseconds. */
static long check_usec(lua_State *L, int arg) {
  lua_Integer ns = luaL_optinteger(L, arg, 0);
  luaL_argcheck(L, ns >= 0 && ns < 1000000000, arg,
                "nanoseconds must be in [0, 1e9)");
  return (long)(ns / 1000);
}

/* -- unix.setitimer(which[, intervalsec, intervalns, valuesec, valuens])
**      -> intervalsec, intervalns, valuesec, valuens | nil, unix.Errno
** Returns the previous timer (the current one when only 'which' is
** given). which: ITIMER_REAL (SIGALRM), ITIMER_VIRTUAL, ITIMER_PROF. */
static int l_setitimer(lua_State *L) {
  int which = unix_checkint(L, 1), rc;
  struct itimerval it, old;
  if (lua_isnoneornil(L, 2)) {
    rc = getitimer(which, &old);
  } else {
    it.it_interval.tv_sec = (time_t)luaL_checkinteger(L, 2);
    it.it_interval.tv_usec = check_usec(L, 3);
    it.it_value.tv_sec = (time_t)luaL_optinteger(L, 4, 0);
    it.it_value.tv_usec = check_usec(L, 5);
    rc = setitimer(which, &it, &old);
  }
  if (rc == -1) return unix_fail(L, "setitimer");
  lua_pushinteger(L, old.it_interval.tv_sec);
  lua_pushinteger(L, (lua_Integer)old.it_interval.tv_usec * 1000);
  lua_pushinteger(L, old.it_value.tv_sec);
  lua_pushinteger(L, (lua_Integer)old.it_value.tv_usec * 1000);
  return 4;
}

/* }==== */

/* {==== names and constants */

#define C(x) {#x, x}
static const unix_const signals[] = {
    C(SIGHUP),  C(SIGINT),    C(SIGQUIT),   C(SIGILL),    C(SIGTRAP),
    C(SIGABRT), C(SIGBUS),    C(SIGFPE),    C(SIGKILL),   C(SIGUSR1),
    C(SIGSEGV), C(SIGUSR2),   C(SIGPIPE),   C(SIGALRM),   C(SIGTERM),
    C(SIGSTKFLT), C(SIGCHLD), C(SIGCONT),   C(SIGSTOP),   C(SIGTSTP),
    C(SIGTTIN), C(SIGTTOU),   C(SIGURG),    C(SIGXCPU),   C(SIGXFSZ),
    C(SIGVTALRM), C(SIGPROF), C(SIGWINCH),  C(SIGIO),     C(SIGPWR),
    C(SIGSYS),  {NULL, 0}};

static const unix_const others[] = {
    C(SIG_BLOCK), C(SIG_UNBLOCK), C(SIG_SETMASK),
    {"SIG_DFL", (intptr_t)SIG_DFL}, {"SIG_IGN", (intptr_t)SIG_IGN},
    C(SA_RESTART), C(SA_RESETHAND), C(SA_ONESHOT), C(SA_NODEFER),
    C(SA_NOMASK), C(SA_NOCLDWAIT), C(SA_NOCLDSTOP),
    C(ITIMER_REAL), C(ITIMER_VIRTUAL), C(ITIMER_PROF),
    {"NSIG", SIGMAX}, {NULL, 0}};
#undef C

/* The constant's name of a signal ("SIGKILL"), or NULL. */
static const char *signame(int sig) {
  const unix_const *c;
  for (c = signals; c->name; c++)
    if (c->value == sig) return c->name;
  return NULL;
}

/* -- unix.strsignal(sig) -> "SIGKILL" (the constant's name; a number
** without a name gives its decimal digits) */
static int l_strsignal(lua_State *L) {
  int sig = unix_checkint(L, 1);
  if (signame(sig)) lua_pushstring(L, signame(sig));
  else lua_pushfstring(L, "%d", sig);
  return 1;
}

/* }==== */

static const luaL_Reg funcs[] = {
    {"sigaction", l_sigaction},
    {"kill", l_kill},
    {"raise", l_raise},
    {"sigprocmask", l_sigprocmask},
    {"sigsuspend", l_sigsuspend},
    {"sigpending", l_sigpending},
    {"setitimer", l_setitimer},
    {"strsignal", l_strsignal},
    {"Sigset", l_sigset},
    {NULL, NULL}};

void unix_open_sig(lua_State *L) {
  luaL_setfuncs(L, funcs, 0);
  unix_setconsts(L, signals);
  unix_setconsts(L, others);
  unix_newclass(L, SIGSET_MT, sigset_meta, sigset_methods);
  if (lua_getfield(L, LUA_REGISTRYINDEX, HANDLERS) == LUA_TNIL) {
    lua_createtable(L, SIGMAX, 0); /* sized so setting never allocates */
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, handlers_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, HANDLERS);
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
    sig_L = lua_tothread(L, -1);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}
