/*
** unix_sockopt.c: unix.getsockopt and unix.setsockopt with the value types
** the manual gives per option, and the SOL_*, SO_*, TCP_*, IP_* constants.
** See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"

/* How an option's value travels: BOOL is set from a boolean (or an integer,
** nonzero meaning on) and read back as an integer, as the manual says; INT
** an int both ways; TIME secs[, nanos]; LINGER secs, enabled; SYN the bytes
** of a saved SYN packet (read only). */
enum { BOOL, INT, TIME, LINGER, SYN };

typedef struct Sockopt {
  int level, name, kind;
} Sockopt;

static const Sockopt opts[] = {
    {SOL_SOCKET, SO_TYPE, BOOL},          {SOL_SOCKET, SO_DEBUG, BOOL},
    {SOL_SOCKET, SO_ERROR, BOOL},         {SOL_SOCKET, SO_ACCEPTCONN, BOOL},
    {SOL_SOCKET, SO_BROADCAST, BOOL},     {SOL_SOCKET, SO_REUSEADDR, BOOL},
    {SOL_SOCKET, SO_REUSEPORT, BOOL},     {SOL_SOCKET, SO_KEEPALIVE, BOOL},
    {SOL_SOCKET, SO_DONTROUTE, BOOL},     {SOL_SOCKET, SO_OOBINLINE, BOOL},
    {SOL_SOCKET, SO_SNDBUF, INT},         {SOL_SOCKET, SO_RCVBUF, INT},
    {SOL_SOCKET, SO_RCVLOWAT, INT},       {SOL_SOCKET, SO_SNDLOWAT, INT},
    {SOL_SOCKET, SO_RCVTIMEO, TIME},      {SOL_SOCKET, SO_SNDTIMEO, TIME},
    {SOL_SOCKET, SO_LINGER, LINGER},      {SOL_TCP, TCP_NODELAY, BOOL},
    {SOL_TCP, TCP_CORK, BOOL},            {SOL_TCP, TCP_QUICKACK, BOOL},
    {SOL_TCP, TCP_SAVE_SYN, BOOL},        {SOL_TCP, TCP_FASTOPEN_CONNECT, BOOL},
    {SOL_TCP, TCP_DEFER_ACCEPT, BOOL},    {SOL_TCP, TCP_KEEPIDLE, INT},
    {SOL_TCP, TCP_KEEPINTVL, INT},        {SOL_TCP, TCP_FASTOPEN, INT},
    {SOL_TCP, TCP_KEEPCNT, INT},          {SOL_TCP, TCP_MAXSEG, INT},
    {SOL_TCP, TCP_SYNCNT, INT},           {SOL_TCP, TCP_NOTSENT_LOWAT, INT},
    {SOL_TCP, TCP_WINDOW_CLAMP, INT},     {SOL_TCP, TCP_SAVED_SYN, SYN},
    {SOL_IP, IP_HDRINCL, BOOL},           {SOL_IP, IP_TOS, INT},
    {SOL_IP, IP_MTU, INT},                {SOL_IP, IP_TTL, INT},
    {SOL_IPV6, IPV6_V6ONLY, BOOL},        {-1, 0, 0}};

/* The kind of level/name, or -1 when the pair is not one the manual (or
** IPV6_V6ONLY) describes. */
static int opt_kind(int level, int name) {
  const Sockopt *o;
  for (o = opts; o->level != -1; o++)
    if (o->level == level && o->name == name) return o->kind;
  return -1;
}

static int no_option(lua_State *L, const char *call) {
  errno = ENOPROTOOPT;
  return unix_fail(L, call);
}

static int check_flag(lua_State *L, int arg) {
  if (lua_isboolean(L, arg)) return lua_toboolean(L, arg);
  return unix_checkint(L, arg) != 0;
}

/* -- unix.setsockopt(fd, level, optname, value:bool|int)
**    | (fd, level, optname, secs[, nanos]) for SO_RCVTIMEO/SO_SNDTIMEO
**    | (fd, SOL_SOCKET, SO_LINGER, secs, enabled:bool)
**    -> true | nil, unix.Errno (ENOPROTOOPT for a pair not described) */
static int l_setsockopt(lua_State *L) {
  int fd = unix_checkint(L, 1), level = unix_checkint(L, 2);
  int name = unix_checkint(L, 3), v;
  struct timeval tv;
  struct linger lg;
  const void *p = &v;
  socklen_t n = sizeof v;
  switch (opt_kind(level, name)) {
  case BOOL: v = check_flag(L, 4); break;
  case INT: v = unix_checkint(L, 4); break;
  case TIME:
    tv.tv_sec = luaL_checkinteger(L, 4);
    tv.tv_usec = luaL_optinteger(L, 5, 0) / 1000;
    p = &tv, n = sizeof tv;
    break;
  case LINGER:
    lg.l_linger = unix_checkint(L, 4);
    lg.l_onoff = lua_toboolean(L, 5);
    p = &lg, n = sizeof lg;
    break;
  default: return no_option(L, "setsockopt");
  }
  return unix_ok(L, setsockopt(fd, level, name, p, n), "setsockopt");
}

static int get_syn(lua_State *L, int fd) {
  char syn[512];
  socklen_t n = sizeof syn;
  if (getsockopt(fd, SOL_TCP, TCP_SAVED_SYN, syn, &n) == -1)
    return unix_fail(L, "getsockopt");
  lua_pushlstring(L, syn, n < sizeof syn ? n : sizeof syn);
  return 1;
}

/* -- unix.getsockopt(fd, level, optname) -> value:int
**    | secs, nanos (SO_RCVTIMEO, SO_SNDTIMEO) | secs, enabled:bool
**    (SO_LINGER) | bytes:str (TCP_SAVED_SYN) | nil, unix.Errno */
static int l_getsockopt(lua_State *L) {
  int fd = unix_checkint(L, 1), level = unix_checkint(L, 2);
  int name = unix_checkint(L, 3), kind = opt_kind(level, name), v = 0;
  struct timeval tv = {0, 0};
  struct linger lg = {0, 0};
  void *p = &v;
  socklen_t n = sizeof v;
  if (kind == -1) return no_option(L, "getsockopt");
  if (kind == SYN) return get_syn(L, fd);
  if (kind == TIME) p = &tv, n = sizeof tv;
  if (kind == LINGER) p = &lg, n = sizeof lg;
  if (getsockopt(fd, level, name, p, &n) == -1)
    return unix_fail(L, "getsockopt");
  if (kind == TIME) {
    lua_pushinteger(L, tv.tv_sec);
    lua_pushinteger(L, (lua_Integer)tv.tv_usec * 1000);
    return 2;
  }
  if (kind == LINGER) {
    lua_pushinteger(L, lg.l_linger);
    lua_pushboolean(L, lg.l_onoff != 0);
    return 2;
  }
  lua_pushinteger(L, v);
  return 1;
}

#define K(x) {#x, x}
static const unix_const consts[] = {
    K(SOL_IP), K(SOL_SOCKET), K(SOL_TCP), {"SOL_UDP", IPPROTO_UDP}, K(SOL_IPV6),
    K(SO_DEBUG), K(SO_ACCEPTCONN), K(SO_BROADCAST), K(SO_REUSEADDR),
    K(SO_REUSEPORT), K(SO_KEEPALIVE), K(SO_DONTROUTE), K(SO_RCVTIMEO),
    K(SO_SNDTIMEO), K(SO_LINGER), K(SO_TYPE), K(SO_SNDBUF), K(SO_RCVBUF),
    K(SO_RCVLOWAT), K(SO_SNDLOWAT), K(SO_ERROR), K(SO_OOBINLINE),
    K(TCP_NODELAY), K(TCP_CORK), K(TCP_QUICKACK), K(TCP_FASTOPEN_CONNECT),
    K(TCP_DEFER_ACCEPT), K(TCP_KEEPIDLE), K(TCP_KEEPINTVL), K(TCP_FASTOPEN),
    K(TCP_KEEPCNT), K(TCP_MAXSEG), K(TCP_SYNCNT), K(TCP_NOTSENT_LOWAT),
    K(TCP_WINDOW_CLAMP), K(TCP_SAVE_SYN), K(TCP_SAVED_SYN),
    K(IP_TOS), K(IP_TTL), K(IP_MTU), K(IP_HDRINCL), K(IP_OPTIONS),
    K(IP_RECVTTL), K(IP_ADD_MEMBERSHIP), K(IP_DROP_MEMBERSHIP),
    K(IP_MULTICAST_IF), K(IP_MULTICAST_LOOP), K(IP_MULTICAST_TTL),
    K(IP_PKTINFO), K(IP_RECVTOS), K(IPV6_V6ONLY),
    {NULL, 0}};
#undef K

void unix_open_sockopt(lua_State *L) {
  static const luaL_Reg funcs[] = {{"getsockopt", l_getsockopt},
                                   {"setsockopt", l_setsockopt},
                                   {NULL, NULL}};
  luaL_setfuncs(L, funcs, 0);
  unix_setconsts(L, consts);
}
