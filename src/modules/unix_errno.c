/*
** unix_errno.c: unix.Errno, the value every failed unix call returns after
** nil, and the E* constants with Linux's numbers. See LICENSE.
*/
#include <errno.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"

#define ERRNO_MT "unix.Errno"

typedef struct Errno {
  int err;
  const char *call; /* static: the failed call's name, or NULL */
} Errno;

/* Every errno name of Linux x86-64 with its number; where two names share a
** number (EAGAIN and EWOULDBLOCK), the first one listed is the name(). */
#define E(x) {#x, x}
static const unix_const errnos[] = {
    E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
    E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT),
    E(ENOTBLK), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV), E(ENOTDIR), E(EISDIR),
    E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY), E(ETXTBSY), E(EFBIG), E(ENOSPC),
    E(ESPIPE), E(EROFS), E(EMLINK), E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK),
    E(ENAMETOOLONG), E(ENOLCK), E(ENOSYS), E(ENOTEMPTY), E(ELOOP), E(ENOMSG),
    E(EIDRM), E(ECHRNG), E(EL2NSYNC), E(EL3HLT), E(EL3RST), E(ELNRNG),
    E(EUNATCH), E(ENOCSI), E(EL2HLT), E(EBADE), E(EBADR), E(EXFULL), E(ENOANO),
    E(EBADRQC), E(EBADSLT), E(EBFONT), E(ENOSTR), E(ENODATA), E(ETIME),
    E(ENOSR), E(ENONET), E(ENOPKG), E(EREMOTE), E(ENOLINK), E(EADV), E(ESRMNT),
    E(ECOMM), E(EPROTO), E(EMULTIHOP), E(EDOTDOT), E(EBADMSG), E(EOVERFLOW),
    E(ENOTUNIQ), E(EBADFD), E(EREMCHG), E(ELIBACC), E(ELIBBAD), E(ELIBSCN),
    E(ELIBMAX), E(ELIBEXEC), E(EILSEQ), E(ERESTART), E(ESTRPIPE), E(EUSERS),
    E(ENOTSOCK), E(EDESTADDRREQ), E(EMSGSIZE), E(EPROTOTYPE), E(ENOPROTOOPT),
    E(EPROTONOSUPPORT), E(ESOCKTNOSUPPORT), E(EOPNOTSUPP), E(EPFNOSUPPORT),
    E(EAFNOSUPPORT), E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETDOWN),
    E(ENETUNREACH), E(ENETRESET), E(ECONNABORTED), E(ECONNRESET), E(ENOBUFS),
    E(EISCONN), E(ENOTCONN), E(ESHUTDOWN), E(ETOOMANYREFS), E(ETIMEDOUT),
    E(ECONNREFUSED), E(EHOSTDOWN), E(EHOSTUNREACH), E(EALREADY), E(EINPROGRESS),
    E(ESTALE), E(EUCLEAN), E(ENOTNAM), E(ENAVAIL), E(EISNAM), E(EREMOTEIO),
    E(EDQUOT), E(ENOMEDIUM), E(EMEDIUMTYPE), E(ECANCELED), E(ENOKEY),
    E(EKEYEXPIRED), E(EKEYREVOKED), E(EKEYREJECTED), E(EOWNERDEAD),
    E(ENOTRECOVERABLE), E(ERFKILL), E(EHWPOISON), E(EWOULDBLOCK), E(EDEADLOCK),
    E(ENOTSUP),
    {NULL, 0}};
#undef E

static const char *errno_name(int err) {
  const unix_const *c;
  for (c = errnos; c->name; c++)
    if (c->value == err) return c->name;
  return NULL;
}

int unix_fail(lua_State *L, const char *call) {
  int err = errno;
  Errno *e = lua_newuserdatauv(L, sizeof *e, 0);
  e->err = err;
  e->call = call;
  luaL_setmetatable(L, ERRNO_MT);
  lua_pushnil(L);
  lua_insert(L, -2);
  return 2;
}

static Errno *check_errno(lua_State *L) {
  return luaL_checkudata(L, 1, ERRNO_MT);
}

/* -- Errno:errno() -> integer */
static int e_errno(lua_State *L) {
  lua_pushinteger(L, check_errno(L)->err);
  return 1;
}

/* -- Errno:winerr() -> 0 (there is no Windows error on Linux) */
static int e_winerr(lua_State *L) {
  check_errno(L);
  lua_pushinteger(L, 0);
  return 1;
}

/* -- Errno:name() -> "EINTR" (or "E" followed by the number if unnamed) */
static int e_name(lua_State *L) {
  Errno *e = check_errno(L);
  const char *name = errno_name(e->err);
  if (name) lua_pushstring(L, name);
  else lua_pushfstring(L, "E%d", e->err);
  return 1;
}

/* -- Errno:call() -> "read" | nil */
static int e_call(lua_State *L) {
  Errno *e = check_errno(L);
  if (e->call) lua_pushstring(L, e->call);
  else lua_pushnil(L);
  return 1;
}

/* -- Errno:doc() -> "Interrupted system call" */
static int e_doc(lua_State *L) {
  lua_pushstring(L, strerror(check_errno(L)->err));
  return 1;
}

/* -- tostring(Errno) -> "read() failed: EINTR/4/Interrupted system call",
**    without the "read() failed: " part when the call is unknown */
static int e_tostring(lua_State *L) {
  Errno *e = check_errno(L);
  if (e->call) lua_pushfstring(L, "%s() failed: ", e->call);
  else lua_pushliteral(L, "");
  e_name(L);
  lua_pushfstring(L, "/%d/%s", e->err, strerror(e->err));
  lua_concat(L, 3);
  return 1;
}

void unix_open_errno(lua_State *L) {
  static const luaL_Reg meths[] = {{"errno", e_errno},  {"winerr", e_winerr},
                                   {"name", e_name},    {"call", e_call},
                                   {"doc", e_doc},      {NULL, NULL}};
  static const luaL_Reg metas[] = {{"__tostring", e_tostring}, {NULL, NULL}};
  unix_newclass(L, ERRNO_MT, metas, meths);
  unix_setconsts(L, errnos);
}
