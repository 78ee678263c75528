/*
** osio.c: moonbox's replacements around Lua's io library and os.execute:
** child processes without posix_spawn's extra pipe, and stdio errors
** reported with the errno glibc gives. See LICENSE.
*/
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#define SHELL "/bin/sh"

/* {==== starting /bin/sh -c: vfork, so that nothing but the child's own
** descriptors is needed. musl's system() and popen() go through
** posix_spawn, which takes a pipe of its own to learn whether exec
** worked: with few descriptors left they fail where glibc's work. */

typedef struct shell_cmd {
  const char *cmd;
  int fd, target;          /* fd to become target in the child, or -1 */
  int dfl_int, dfl_quit;   /* reset SIGINT / SIGQUIT to SIG_DFL */
  sigset_t mask;           /* the child's signal mask */
  volatile int err;        /* errno of a failed start, set by the child */
} shell_cmd;

extern char **environ;

/* The child of vfork: it shares our memory, so it only sets up its own
** descriptors and signals, then execs or records why not and exits. */
static _Noreturn void child(shell_cmd *c) {
  char *argv[] = {"sh", "-c", "--", (char *)c->cmd, NULL};
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  if (c->fd >= 0 && (c->fd == c->target ? fcntl(c->fd, F_SETFD, 0)
                                         : dup2(c->fd, c->target)) < 0)
    goto failed;
  if (c->dfl_int) sigaction(SIGINT, &dfl, NULL);
  if (c->dfl_quit) sigaction(SIGQUIT, &dfl, NULL);
  sigprocmask(SIG_SETMASK, &c->mask, NULL);
  execve(SHELL, argv, environ);
failed:
  c->err = errno;
  _exit(127);
}

/* Starts the shell on c->cmd. Returns its pid, or -1 with errno set
** (vfork failed, or the exec did, the child then reaped). Signals are
** blocked around vfork so that no handler runs in the child before it
** has its own signal state. */
static pid_t start(shell_cmd *c) {
  sigset_t all, old;
  pid_t pid;
  int status;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  c->err = 0;
  pid = vfork();
  if (pid == 0) child(c);
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (pid > 0 && c->err != 0) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    errno = c->err;
    return -1;
  }
  return pid;
}

/* Waits for pid: its wait status, or -1 with errno set. */
static int wait_for(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return status;
}

/* }==== */

/* {==== os.execute */

/* system(3) as musl and glibc do it, without posix_spawn: SIGINT and
** SIGQUIT ignored and SIGCHLD blocked while the command runs. Returns
** the wait status, or -1 with errno set; errno is 0 after a status. */
static int run_shell(const char *cmd) {
  struct sigaction ign, oldint, oldquit;
  sigset_t chld;
  shell_cmd c;
  int status = -1, err = 0;
  pid_t pid;
  memset(&ign, 0, sizeof ign);
  memset(&c, 0, sizeof c);
  ign.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ign, &oldint);
  sigaction(SIGQUIT, &ign, &oldquit);
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &c.mask);
  c.cmd = cmd;
  c.fd = c.target = -1;
  c.dfl_int = oldint.sa_handler != SIG_IGN;
  c.dfl_quit = oldquit.sa_handler != SIG_IGN;
  pid = start(&c);
  if (pid < 0 || (status = wait_for(pid)) == -1) err = errno;
  sigaction(SIGINT, &oldint, NULL);
  sigaction(SIGQUIT, &oldquit, NULL);
  sigprocmask(SIG_SETMASK, &c.mask, NULL);
  errno = err;
  return status;
}

/* -- os.execute([command]) -> true | fail, "exit" | "signal", code
** -- os.execute() -> boolean
** As Lua's; without a command, whether /bin/sh can be executed (musl's
** system(NULL) says 1 without looking). */
static int os_execute(lua_State *L) {
  const char *cmd = luaL_optstring(L, 1, NULL);
  if (cmd == NULL) {
    lua_pushboolean(L, access(SHELL, X_OK) == 0);
    return 1;
  }
  return luaL_execresult(L, run_shell(cmd));
}

/* }==== */

/* {==== io.popen */

/* A popen file: a Lua file handle (liolib's luaL_Stream, first, so that
** every file method works on it) and the child to wait for. */
typedef struct pstream {
  luaL_Stream s;
  pid_t pid;
} pstream;

/* The closef of popen files, as pclose: close, then wait for the child. */
static int pstream_close(lua_State *L) {
  pstream *p = (pstream *)luaL_checkudata(L, 1, LUA_FILEHANDLE);
  int status;
  fclose(p->s.f);
  status = wait_for(p->pid);
  if (status != -1) errno = 0;
  return luaL_execresult(L, status);
}

/* Starts cmd with one end of a new pipe as its stdin (mode "w") or
** stdout ("r"); returns our end as a FILE, or NULL with errno set. */
static FILE *open_pipe(const char *cmd, const char *mode, pid_t *pid) {
  int fds[2], ours = mode[0] == 'r' ? 0 : 1, err;
  shell_cmd c;
  FILE *f;
  if (pipe2(fds, O_CLOEXEC) < 0) return NULL;
  memset(&c, 0, sizeof c);
  c.cmd = cmd;
  c.fd = fds[1 - ours];
  c.target = 1 - ours;
  sigprocmask(SIG_SETMASK, NULL, &c.mask);
  *pid = start(&c);
  err = errno;
  close(fds[1 - ours]);
  if (*pid < 0) {
    close(fds[ours]);
    errno = err;
    return NULL;
  }
  if ((f = fdopen(fds[ours], mode)) == NULL) {
    err = errno;
    close(fds[ours]);
    wait_for(*pid);
    errno = err;
  }
  return f;
}

/* -- io.popen(prog [, mode]) -> file | fail, message, errno
** As Lua's (mode "r" or "w", misuse raises); close returns as
** os.execute does. */
static int io_popen(lua_State *L) {
  const char *cmd = luaL_checkstring(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  pstream *p = (pstream *)lua_newuserdatauv(L, sizeof *p, 0);
  p->s.f = NULL;
  p->s.closef = NULL; /* closed until it is open */
  luaL_setmetatable(L, LUA_FILEHANDLE);
  luaL_argcheck(L, (mode[0] == 'r' || mode[0] == 'w') && mode[1] == '\0',
                2, "invalid mode");
  errno = 0;
  p->s.f = open_pipe(cmd, mode, &p->pid);
  if (p->s.f == NULL) return luaL_fileresult(L, 0, cmd);
  p->s.closef = pstream_close;
  return 1;
}

/* }==== */

/* {==== stdio errors: musl fails a write on a stream not open for writing
** (and a read on one not open for reading) without setting errno, so
** Lua said "(no extra info)", 0 (or a stale errno) where lua5.4 on glibc
** says "Bad file descriptor", 9. The wrappers call liolib's function (upvalue 1) and
** put EBADF into such a failure. */

/* The stream of the file at idx (a file handle or a registry key of
** liolib's default files), or NULL when it is not an open file. */
static FILE *stream_at(lua_State *L, int idx, const char *key) {
  luaL_Stream *p;
  if (key) lua_getfield(L, LUA_REGISTRYINDEX, key);
  else lua_pushvalue(L, idx);
  p = (luaL_Stream *)luaL_testudata(L, -1, LUA_FILEHANDLE);
  lua_pop(L, 1);
  return p && p->closef ? p->f : NULL;
}

/* Calls upvalue 1 (a C function of liolib, called directly: f:write
** must stay fast) on the arguments; when it failed on a stream that
** cannot do what was asked, the failure says EBADF (musl fails there
** before any system call, leaving errno 0 or stale). upvalue 2 is the registry key of the
** default file, or false for the method's file argument; upvalue 3 is
** true for writing. */
static int ebadf_call(lua_State *L) {
  const char *key = lua_tostring(L, lua_upvalueindex(2));
  int writing = lua_toboolean(L, lua_upvalueindex(3));
  int n = lua_tocfunction(L, lua_upvalueindex(1))(L);
  FILE *f;
  if (n != 3 || !lua_isnil(L, -3)) return n;
  f = stream_at(L, 1, key);
  if (f == NULL || (writing ? __fwritable(f) : __freadable(f))) return n;
  lua_pop(L, 2);
  lua_pushstring(L, strerror(EBADF));
  lua_pushinteger(L, EBADF);
  return 3;
}

/* The iterator of lines over a stream not open for reading: upvalue 1
** is liolib's iterator, upvalue 2 its file. While the file is open, the
** iterator's error (a read error) is EBADF's message. */
static int ebadf_lines_next(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  if (lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0) == LUA_OK)
    return lua_gettop(L);
  if (stream_at(L, lua_upvalueindex(2), NULL) != NULL)
    return luaL_error(L, "%s", strerror(EBADF));
  return lua_error(L);
}

/* f:lines and io.lines through upvalue 1 (any function: io.lines is
** vfs.c's); the iterator, whose upvalue 1 is its file in liolib, is
** wrapped only when that file cannot read. */
static int ebadf_lines(lua_State *L) {
  int n, it = 1;
  FILE *f = NULL;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  n = lua_gettop(L);
  if (n >= 1 && lua_getupvalue(L, it, 1) != NULL) {
    f = stream_at(L, -1, NULL);
    if (f != NULL && !__freadable(f)) {
      lua_pushvalue(L, it);
      lua_insert(L, -2);
      lua_pushcclosure(L, ebadf_lines_next, 2);
      lua_replace(L, it);
      return n;
    }
    lua_pop(L, 1);
  }
  return n;
}

/* Wraps field name of the table at the top with f, upvalues the old
** value and up to two more (nargs of them pushed after the table). With
** nargs > 0, f calls the old value directly: it must be liolib's, a C
** function without upvalues. */
static void wrap(lua_State *L, const char *name, lua_CFunction f,
                 int nargs) {
  lua_getfield(L, -1 - nargs, name);
  if (nargs > 0 && (!lua_iscfunction(L, -1) ||
                    lua_getupvalue(L, -1, 1) != NULL))
    luaL_error(L, "io's '%s' is not liolib's", name);
  lua_insert(L, -1 - nargs);
  lua_pushcclosure(L, f, 1 + nargs);
  lua_setfield(L, -2, name);
}

/* Wraps the read and write functions of the table at the top: methods
** (key NULL) or io's functions on the default files. */
static void wrap_rw(lua_State *L, const char *in_key, const char *out_key) {
  if (in_key) lua_pushstring(L, in_key);
  else lua_pushboolean(L, 0);
  lua_pushboolean(L, 0);
  wrap(L, "read", ebadf_call, 2);
  if (out_key) lua_pushstring(L, out_key);
  else lua_pushboolean(L, 0);
  lua_pushboolean(L, 1);
  wrap(L, "write", ebadf_call, 2);
  wrap(L, "lines", ebadf_lines, 0);
}

/* }==== */

/* Patches io and os (and the methods of files) with this file's
** functions. liolib's keys of the default files in the registry. */
int luaopen_moonbox_osio(lua_State *L);
int luaopen_moonbox_osio(lua_State *L) {
  lua_getglobal(L, LUA_OSLIBNAME);
  lua_pushcfunction(L, os_execute);
  lua_setfield(L, -2, "execute");
  lua_getglobal(L, LUA_IOLIBNAME);
  lua_pushcfunction(L, io_popen);
  lua_setfield(L, -2, "popen");
  wrap_rw(L, "_IO_input", "_IO_output");
  luaL_getmetatable(L, LUA_FILEHANDLE);
  lua_getfield(L, -1, "__index");
  wrap_rw(L, NULL, NULL);
  lua_pop(L, 4);
  return 0;
}
