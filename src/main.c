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

int main(int argc, char **argv) {
  lua_State *L;
  int status, ok;
  guard_std_fds();
  if (argv[0] && argv[0][0]) progname = argv[0];
  atexit(check_stdout);
  L = luaL_newstate();
  if (L == NULL) {
    fprintf(stderr, "%s: cannot create state: not enough memory\n", progname);
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
  return ok && status == LUA_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}
