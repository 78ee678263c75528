/*
** main.c: process entry: make the standard descriptors safe, create the Lua
** state, run the command line in protected mode, report, close. See LICENSE.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "alloc.h"
#include "archive.h"
#include "bundle.h"
#include "cli.h"
#include "config.h"

static const char *progname = MOONBOX_NAME;

/* A closed descriptor 0, 1 or 2 would be reused by the next file the script
** opens, and print() would write into it. Park /dev/null there, read-only,
** so reads see end of file and writes fail with EBADF as on a closed one. */
static void guard_std_fds(void) {
  int fd;
  for (fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
      int got = open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (got >= 0 && got != fd) {
        dup2(got, fd); /* dup2 clears close-on-exec on fd */
        close(got);
      } else if (got == fd) {
        fcntl(fd, F_SETFD, 0);
      }
    }
  }
}

/* Output lost on a full or closed stdout is an error, not a silent exit 0;
** runs at every exit, os.exit included. */
static void check_stdout(void) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    int e = errno;
    fprintf(stderr, "%s: cannot write to standard output: %s\n", progname,
            strerror(e));
    _exit(EXIT_FAILURE);
  }
}

/* {==== state creation: our allocator, lauxlib's panic and warnings */

/* What lauxlib's panic does: say why, then let Lua abort. */
static int on_panic(lua_State *L) {
  const char *msg = lua_tostring(L, -1);
  fprintf(stderr, "PANIC: unprotected error in call to Lua API (%s)\n",
          msg ? msg : "error object is not a string");
  return 0;
}

static void warn_on(void *ud, const char *msg, int tocont);
static void warn_off(void *ud, const char *msg, int tocont);

/* "@on" and "@off" switch warnings; other "@..." controls are ignored. */
static int warn_control(lua_State *L, const char *msg, int tocont) {
  if (tocont || *msg++ != '@') return 0;
  if (strcmp(msg, "off") == 0) lua_setwarnf(L, warn_off, L);
  else if (strcmp(msg, "on") == 0) lua_setwarnf(L, warn_on, L);
  return 1;
}

static void warn_off(void *ud, const char *msg, int tocont) {
  warn_control((lua_State *)ud, msg, tocont);
}

/* A continued warning is written piece by piece, then a newline. */
static void warn_cont(void *ud, const char *msg, int tocont) {
  fputs(msg, stderr);
  if (tocont) return;
  fputs("\n", stderr);
  fflush(stderr);
  lua_setwarnf((lua_State *)ud, warn_on, ud);
}

static void warn_on(void *ud, const char *msg, int tocont) {
  if (warn_control((lua_State *)ud, msg, tocont)) return;
  fputs("Lua warning: ", stderr);
  lua_setwarnf((lua_State *)ud, warn_cont, ud);
  warn_cont(ud, msg, tocont);
}

/* MOONBOX_MEMLIMIT: bytes, with an optional K, M or G (powers of 1024).
** Returns 0 (no limit) when unset; -1 for text that is not a size. */
static long long memlimit(void) {
  const char *s = getenv("MOONBOX_MEMLIMIT");
  char *end;
  unsigned long long n;
  int shift = 0;
  if (s == NULL || *s == '\0') return 0;
  errno = 0;
  n = strtoull(s, &end, 10);
  if (end == s || errno) return -1;
  if (*end == 'K' || *end == 'k') shift = 10;
  else if (*end == 'M' || *end == 'm') shift = 20;
  else if (*end == 'G' || *end == 'g') shift = 30;
  if (shift) end++;
  if (*end != '\0' || n == 0 || n > (~0ULL >> 2) >> shift) return -1;
  return (long long)(n << shift);
}

/* MOONBOX_FAILALLOC=N, a testing aid: allocation number N (counting new
** blocks and growths, not frees or shrinks) and every later one fail. (A
** single failure would be absorbed: Lua collects and retries.) The test
** tests/failalloc.sh runs a script with N = 1, 2, 3... to prove that every
** failure point ends in a clean "not enough memory": no crash, no leak. */
static unsigned long fail_at, alloc_count;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  if (nsize > (ptr ? osize : 0) && ++alloc_count >= fail_at) return NULL;
  return ma_alloc(ud, ptr, osize, nsize);
}

static lua_State *new_state(ma_state **ma) {
  lua_State *L;
  const char *fail = getenv("MOONBOX_FAILALLOC");
  long long limit = memlimit();
  if (limit < 0) {
    fprintf(stderr, "%s: MOONBOX_MEMLIMIT must be a byte count such as "
                    "500000, 64M or 2G\n", progname);
    return NULL;
  }
  *ma = ma_new((size_t)limit);
  fail_at = fail ? strtoul(fail, NULL, 10) : 0;
  L = *ma ? lua_newstate(fail_at ? failing_alloc : ma_alloc, *ma) : NULL;
  if (L == NULL) {
    fprintf(stderr, "%s: cannot create state: not enough memory\n",
            progname);
    return NULL;
  }
  lua_atpanic(L, on_panic);
  lua_setwarnf(L, warn_off, L);
  return L;
}

/* }==== */

int main(int argc, char **argv) {
  lua_State *L;
  ma_state *ma = NULL;
  int status, ok;
  guard_std_fds();
  archive_init(argv[0]);
  if (argv[0] && argv[0][0]) progname = argv[0];
  if (!archive_args(&argc, &argv)) {
    fprintf(stderr, "%s: %s\n", progname, archive_error());
    return EXIT_FAILURE;
  }
  /* before any lua.c option: a bundled app's .args come first and its
  ** script sees --bundle as an ordinary argument */
  if (argc > 1 && strcmp(argv[1], "--bundle") == 0)
    return bundle_main(argc, argv, progname);
  atexit(check_stdout);
  L = new_state(&ma);
  if (L == NULL) {
    ma_free_state(ma);
    return EXIT_FAILURE;
  }
  lua_gc(L, LUA_GCSTOP); /* no collection while the libraries load */
  lua_pushcfunction(L, cli_main);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  status = lua_pcall(L, 2, 1, 0);
  ok = lua_toboolean(L, -1);
  cli_report(L, status, progname);
  lua_close(L);
  ma_free_state(ma);
  return ok && status == LUA_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
