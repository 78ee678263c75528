/*
** main.c: process entry: make the standard descriptors safe, create the Lua
** state, run the command line in protected mode, report, close. See LICENSE.
*/
#define _GNU_SOURCE /* pipe2 (glibc, the sanitizer build) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "engine/alloc.h"
#include "runtime/archive.h"
#include "bundle.h"
#include "cli.h"
#include "config.h"
#include "bind/libs.h"
#include "run.h"

/* A closed descriptor 0, 1 or 2 would be reused by the next file the script
** opens, and print() would write into it. Park the read end of a pipe
** whose write end is closed there: reads see end of file, writes fail with
** EBADF, as on a closed descriptor (or /dev/null opened read-only), and it
** needs no file system, so it works where /dev is missing (a scratch
** chroot, a container without /dev). Returns 0 when it cannot. */
static int guard_std_fds(void) {
  int fd, p[2], closed[3];
  for (fd = 0; fd <= 2; fd++)
    closed[fd] = fcntl(fd, F_GETFD) == -1 && errno == EBADF;
  if (!closed[0] && !closed[1] && !closed[2]) return 1;
  if (pipe2(p, O_CLOEXEC) != 0) return 0;
  for (fd = 0; fd <= 2; fd++) {
    if (!closed[fd]) continue;
    if (fd == p[0]) fcntl(fd, F_SETFD, 0); /* stays open across exec */
    else if (dup2(p[0], fd) != fd) return 0; /* also closes p[1] there */
  }
  if (p[1] > 2) close(p[1]); /* else a dup2 above closed it */
  if (p[0] > 2) close(p[0]); /* else it is one of the parked ones */
  return 1;
}

/* EBADF when descriptor 1 cannot be written at all (closed, parked, or
** open read-only); 0 when it could be, as far as that tells. */
static int stdout_unwritable(void) {
  int fl = fcntl(1, F_GETFL);
  return fl == -1 || (fl & O_ACCMODE) == O_RDONLY ? EBADF : 0;
}

/* Output lost on a full or closed stdout is an error, not a silent exit 0;
** runs at every exit, os.exit included. The reason is the flush's own
** errno, else that of the first failed write (libs.h), else, for a
** descriptor that cannot be written at all, EBADF; never a stale errno. */
static void check_stdout(void) {
  int e;
  errno = 0;
  if (fflush(stdout) == 0 && !ferror(stdout)) return;
  e = errno ? errno : libs_stdout_errno();
  if (e == 0) e = stdout_unwritable();
  if (e)
    fprintf(stderr, "%s: cannot write to standard output: %s\n",
            run_progname(), strerror(e));
  else
    fprintf(stderr, "%s: cannot write to standard output: a write failed "
            "earlier\n", run_progname());
  _exit(EXIT_FAILURE);
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
                    "500000, 64M or 2G\n", run_progname());
    return NULL;
  }
  *ma = ma_new((size_t)limit);
  fail_at = fail ? strtoul(fail, NULL, 10) : 0;
  L = *ma ? lua_newstate(fail_at ? failing_alloc : ma_alloc, *ma) : NULL;
  if (L == NULL) {
    fprintf(stderr, "%s: cannot create state: not enough memory\n",
            run_progname());
    return NULL;
  }
  lua_atpanic(L, on_panic);
  lua_setwarnf(L, warn_off, L);
  return L;
}

/* }==== */

/* {==== before musl's start: a word when thread-local storage is denied */

/* musl's _start sets the thread pointer with arch_prctl(ARCH_SET_FS)
** before anything else; where a seccomp profile denies that call, it
** crashes (SIGSEGV) without a word. The link makes moonbox_entry the entry
** point (-Wl,-e,moonbox_entry, static build only): it makes that same call
** first, with the value the kernel starts every program with (0), through
** a raw system call, and on failure writes one line and exits with status
** 1; otherwise it jumps to _start with the registers the kernel set.
** Nothing here may use thread-local storage (errno, the stack protector's
** canary, profiling counters) or the C library. */
#if defined(__x86_64__)
__asm__(".pushsection .text.moonbox_start,\"ax\",@progbits\n"
        ".globl moonbox_entry\n"
        ".type moonbox_entry,@function\n"
        "moonbox_entry:\n"
        "  mov %rsp, %rdi\n" /* argc, then argv */
        "  push %rdx\n"      /* twice: the stack stays 16-byte aligned */
        "  push %rdx\n"
        "  call moonbox_check_tls\n"
        "  pop %rdx\n"
        "  pop %rdx\n"
        "  jmp _start\n"
        ".popsection\n");

#if defined(__GNUC__) && __GNUC__ >= 11
#define NO_TLS __attribute__((no_stack_protector, \
                              no_profile_instrument_function))
#else
#define NO_TLS __attribute__((no_profile_instrument_function))
#endif

NO_TLS static long raw3(long nr, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall"
                   : "=a"(r)
                   : "a"(nr), "D"(a), "S"(b), "d"(c)
                   : "rcx", "r11", "memory");
  return r;
}

NO_TLS static void raw_puts(const char *s) {
  long n = 0;
  while (s[n]) n++;
  raw3(1 /* write */, 2, (long)s, n);
}

/* Its section: with the rest of what every start runs (start.ld). */
NO_TLS __attribute__((used)) void moonbox_check_tls(const long *sp);
NO_TLS __attribute__((used, section(".text.moonbox_start"))) void
moonbox_check_tls(const long *sp) {
  static char num[24];
  long r = raw3(158 /* arch_prctl */, 0x1002 /* ARCH_SET_FS */, 0, 0);
  char *p = num + sizeof num - 1;
  if (r >= 0 || r < -4095) return;
  for (r = -r; r > 0 || p == num + sizeof num - 1; r /= 10)
    *--p = (char)('0' + r % 10);
  raw_puts(sp[0] > 0 && sp[1] ? (const char *)sp[1] : MOONBOX_NAME);
  raw_puts(": cannot start: arch_prctl(ARCH_SET_FS) failed (errno ");
  raw_puts(p);
  raw_puts("), and the C library needs it for thread-local storage; "
           "is a seccomp filter denying arch_prctl?\n");
  raw3(231 /* exit_group */, EXIT_FAILURE, 0, 0);
}
#endif

/* }==== */

int main(int argc, char **argv) {
  lua_State *L;
  ma_state *ma = NULL;
  int status, ok;
  run_setname(argv[0]);
  if (!guard_std_fds()) {
    fprintf(stderr, "%s: cannot park the closed standard descriptors: %s\n",
            run_progname(), strerror(errno));
    return EXIT_FAILURE;
  }
  archive_init(argv[0]);
  if (!archive_args(&argc, &argv)) {
    fprintf(stderr, "%s: %s\n", run_progname(), archive_error());
    return EXIT_FAILURE;
  }
  /* before any lua.c option: a bundled app's .args come first and its
  ** script sees --bundle as an ordinary argument */
  if (argc > 1 && strcmp(argv[1], "--bundle") == 0)
    return bundle_main(argc, argv, run_progname());
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
  run_report(L, status, run_progname());
  /* the process ends here: lua_close runs the __gc metamethods and closes
  ** the files, but the allocator hands no chunk back one by one (an
  ** munmap each); the exit returns everything at once */
  ma_ending(ma);
  lua_close(L);
  ma_free_state(ma);
  return ok && status == LUA_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
