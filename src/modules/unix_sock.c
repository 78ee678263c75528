/*
** unix_sock.c: the sockets theme of the unix module: socket, bind, connect,
** accept, send/recv and their kin, addresses in the manual's forms, the
** interface list and the host name. Options are in unix_sockopt.c.
** See LICENSE.
*/
#define _GNU_SOURCE /* accept4, SOCK_CLOEXEC */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"

/* {==== addresses */

/* A socket address read from arguments or filled in by the kernel. */
typedef struct Addr {
  union {
    struct sockaddr sa;
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
    struct sockaddr_un un;
    struct sockaddr_storage ss;
  } u;
  socklen_t len;
} Addr;

#define UN_PATH offsetof(struct sockaddr_un, sun_path)

/* The family of socket fd, or AF_UNSPEC when fd is no socket (the system
** call that follows then fails with the right errno). */
static int sock_family(int fd) {
  int v = AF_UNSPEC;
  socklen_t n = sizeof v;
  if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &n) == -1) return AF_UNSPEC;
  return v;
}

static in_port_t check_port(lua_State *L, int arg) {
  lua_Integer port = luaL_optinteger(L, arg, 0);
  luaL_argcheck(L, port >= 0 && port <= 65535, arg, "port out of range");
  return htons((in_port_t)port);
}

static uint32_t check_ip4(lua_State *L, int arg) {
  lua_Integer ip = luaL_optinteger(L, arg, 0);
  luaL_argcheck(L, ip >= 0 && ip <= 0xffffffff, arg, "IPv4 address out of range");
  return (uint32_t)ip;
}

static void unix_path(lua_State *L, int arg, Addr *a) {
  size_t n;
  const char *s = lua_tolstring(L, arg, &n);
  int abstract = n > 0 && s[0] == '\0'; /* Linux's abstract namespace */
  luaL_argcheck(L, n < sizeof a->u.un.sun_path || (abstract &&
                n == sizeof a->u.un.sun_path), arg, "unix path too long");
  luaL_argcheck(L, abstract || strlen(s) == n, arg, "unix path contains '\\0'");
  a->u.un.sun_family = AF_UNIX;
  memcpy(a->u.un.sun_path, s, n);
  a->len = (socklen_t)(UN_PATH + n + !abstract);
}

static void ip6_text(lua_State *L, int arg, Addr *a) {
  const char *s = lua_tostring(L, arg);
  luaL_argcheck(L, inet_pton(AF_INET6, s, &a->u.in6.sin6_addr) == 1, arg,
                "not an IPv6 address");
}

/* Reads the address starting at argument 'arg' for socket fd and returns
** the index of the argument after it. The forms: ip:uint32, port (IPv4,
** host order; on an AF_INET6 socket an IPv4-mapped address); unixpath:str
** (a leading "\0" names an abstract socket); on an AF_INET6 socket
** ip6:str, port ("::1"). A missing address is the wildcard (INADDR_ANY or
** "::"), and on an AF_UNIX socket the kernel's autobind. Raises on misuse. */
static int check_addr(lua_State *L, int fd, int arg, Addr *a) {
  int family = sock_family(fd), type = lua_type(L, arg);
  memset(a, 0, sizeof *a);
  if (type == LUA_TSTRING && family != AF_INET6) {
    unix_path(L, arg, a);
    return arg + 1;
  }
  if (type != LUA_TSTRING && type > LUA_TNIL) luaL_checkinteger(L, arg);
  if (family == AF_UNIX && type <= LUA_TNIL) {
    a->u.un.sun_family = AF_UNIX;
    a->len = sizeof(sa_family_t);
  } else if (family == AF_INET6) {
    a->u.in6.sin6_family = AF_INET6;
    if (type == LUA_TSTRING) ip6_text(L, arg, a);
    else if (type > LUA_TNIL) { /* ::ffff:a.b.c.d */
      uint32_t ip = htonl(check_ip4(L, arg));
      a->u.in6.sin6_addr.s6_addr[10] = a->u.in6.sin6_addr.s6_addr[11] = 0xff;
      memcpy(&a->u.in6.sin6_addr.s6_addr[12], &ip, 4);
    }
    a->u.in6.sin6_port = check_port(L, arg + 1);
    a->len = sizeof a->u.in6;
  } else {
    a->u.in.sin_family = AF_INET;
    a->u.in.sin_addr.s_addr = htonl(check_ip4(L, arg));
    a->u.in.sin_port = check_port(L, arg + 1);
    a->len = sizeof a->u.in;
  }
  return arg + 2;
}

/* Pushes an address the kernel filled in, in the forms above: ip, port |
** ip6:str, port | unixpath ("" for an unnamed socket). Pushes nothing when
** the kernel gave no address (recvfrom on a stream). Returns the count. */
static int push_addr(lua_State *L, const Addr *a) {
  char text[INET6_ADDRSTRLEN];
  if (a->len < sizeof(sa_family_t)) return 0;
  switch (a->u.sa.sa_family) {
  case AF_INET:
    lua_pushinteger(L, ntohl(a->u.in.sin_addr.s_addr));
    lua_pushinteger(L, ntohs(a->u.in.sin_port));
    return 2;
  case AF_INET6:
    inet_ntop(AF_INET6, &a->u.in6.sin6_addr, text, sizeof text);
    lua_pushstring(L, text);
    lua_pushinteger(L, ntohs(a->u.in6.sin6_port));
    return 2;
  case AF_UNIX: {
    size_t n = a->len > UN_PATH ? a->len - UN_PATH : 0;
    if (n > sizeof a->u.un.sun_path) n = sizeof a->u.un.sun_path;
    if (n > 0 && a->u.un.sun_path[0] != '\0')
      n = strnlen(a->u.un.sun_path, n);
    lua_pushlstring(L, a->u.un.sun_path, n);
    return 1;
  }
  default:
    return 0;
  }
}

/* }==== */

/* {==== sockets */

/* -- unix.socket([family[, type[, protocol]]]) -> fd | nil, unix.Errno
**    family AF_INET, type SOCK_STREAM and protocol 0 by default */
static int l_socket(lua_State *L) {
  int family = unix_optint(L, 1, AF_INET);
  int type = unix_optint(L, 2, SOCK_STREAM);
  return unix_int(L, socket(family, type, unix_optint(L, 3, 0)), "socket");
}

/* -- unix.socketpair([family[, type[, protocol]]]) -> fd1, fd2
**    | nil, unix.Errno (family AF_UNIX, type SOCK_STREAM by default) */
static int l_socketpair(lua_State *L) {
  int sv[2];
  int family = unix_optint(L, 1, AF_UNIX);
  int type = unix_optint(L, 2, SOCK_STREAM);
  if (socketpair(family, type, unix_optint(L, 3, 0), sv) == -1)
    return unix_fail(L, "socketpair");
  lua_pushinteger(L, sv[0]);
  lua_pushinteger(L, sv[1]);
  return 2;
}

/* -- unix.bind(fd[, ip, port]) | unix.bind(fd, unixpath)
**    | unix.bind(fd, ip6, port) -> true | nil, unix.Errno */
static int l_bind(lua_State *L) {
  Addr a;
  int fd = unix_checkint(L, 1);
  check_addr(L, fd, 2, &a);
  return unix_ok(L, bind(fd, &a.u.sa, a.len), "bind");
}

/* -- unix.connect(fd, ip, port) | unix.connect(fd, unixpath)
**    | unix.connect(fd, ip6, port) -> true | nil, unix.Errno */
static int l_connect(lua_State *L) {
  Addr a;
  int fd = unix_checkint(L, 1);
  check_addr(L, fd, 2, &a);
  return unix_ok(L, connect(fd, &a.u.sa, a.len), "connect");
}

/* -- unix.listen(fd[, backlog]) -> true | nil, unix.Errno (backlog 10) */
static int l_listen(lua_State *L) {
  int fd = unix_checkint(L, 1);
  return unix_ok(L, listen(fd, unix_optint(L, 2, 10)), "listen");
}

static int push_accepted(lua_State *L) {
  const Addr *a = lua_touserdata(L, 1);
  return push_addr(L, a);
}

/* -- unix.accept(serverfd[, flags]) -> clientfd, ip, port
**    | clientfd, unixpath | clientfd, ip6, port | nil, unix.Errno
**    flags: SOCK_CLOEXEC, SOCK_NONBLOCK */
static int l_accept(lua_State *L) {
  Addr a;
  int top, fd = unix_checkint(L, 1), flags = unix_optint(L, 2, 0);
  a.len = sizeof a.u;
  fd = accept4(fd, &a.u.sa, &a.len, flags);
  if (fd == -1) return unix_fail(L, "accept");
  lua_pushinteger(L, fd);
  top = lua_gettop(L);
  /* the address is pushed in protected mode: on out of memory the new
  ** descriptor is closed before the error goes on */
  lua_pushcfunction(L, push_accepted);
  lua_pushlightuserdata(L, &a);
  if (lua_pcall(L, 1, LUA_MULTRET, 0) != LUA_OK) {
    close(fd);
    return lua_error(L);
  }
  return lua_gettop(L) - top + 1;
}

static int getname(lua_State *L, const char *call,
                   int (*f)(int, struct sockaddr *, socklen_t *)) {
  Addr a;
  memset(&a, 0, sizeof a);
  a.len = sizeof a.u;
  if (f(unix_checkint(L, 1), &a.u.sa, &a.len) == -1) return unix_fail(L, call);
  return push_addr(L, &a);
}

/* -- unix.getsockname(fd) -> ip, port | unixpath | ip6, port
**    | nil, unix.Errno */
static int l_getsockname(lua_State *L) {
  return getname(L, "getsockname", getsockname);
}

/* -- unix.getpeername(fd) -> ip, port | unixpath | ip6, port
**    | nil, unix.Errno */
static int l_getpeername(lua_State *L) {
  return getname(L, "getpeername", getpeername);
}

/* -- unix.shutdown(fd, how) -> true | nil, unix.Errno (how: SHUT_*) */
static int l_shutdown(lua_State *L) {
  int fd = unix_checkint(L, 1);
  return unix_ok(L, shutdown(fd, unix_checkint(L, 2)), "shutdown");
}

/* }==== */

/* {==== data */

#define BUFSIZ_MAX 0x7ffff000 /* Linux's largest single transfer */

static size_t check_bufsiz(lua_State *L, int arg) {
  lua_Integer n = luaL_optinteger(L, arg, 1500);
  luaL_argcheck(L, n >= 0, arg, "negative size");
  return n > BUFSIZ_MAX ? BUFSIZ_MAX : (size_t)n;
}

/* -- unix.recv(fd[, bufsiz[, flags]]) -> data | nil, unix.Errno
**    bufsiz 1500 by default; flags: MSG_* */
static int l_recv(lua_State *L) {
  luaL_Buffer b;
  int fd = unix_checkint(L, 1);
  size_t n = check_bufsiz(L, 2);
  int flags = unix_optint(L, 3, 0);
  char *p = luaL_buffinitsize(L, &b, n);
  ssize_t rc = recv(fd, p, n, flags);
  if (rc == -1) return unix_fail(L, "recv");
  luaL_pushresultsize(&b, (size_t)rc > n ? n : (size_t)rc); /* MSG_TRUNC */
  return 1;
}

/* -- unix.recvfrom(fd[, bufsiz[, flags]]) -> data, ip, port
**    | data, unixpath | data, ip6, port | data | nil, unix.Errno */
static int l_recvfrom(lua_State *L) {
  Addr a;
  luaL_Buffer b;
  int fd = unix_checkint(L, 1);
  size_t n = check_bufsiz(L, 2);
  int flags = unix_optint(L, 3, 0);
  char *p = luaL_buffinitsize(L, &b, n);
  ssize_t rc;
  memset(&a, 0, sizeof a);
  a.len = sizeof a.u;
  rc = recvfrom(fd, p, n, flags, &a.u.sa, &a.len);
  if (rc == -1) return unix_fail(L, "recvfrom");
  luaL_pushresultsize(&b, (size_t)rc > n ? n : (size_t)rc);
  return 1 + push_addr(L, &a);
}

/* -- unix.send(fd, data[, flags]) -> sent | nil, unix.Errno */
static int l_send(lua_State *L) {
  size_t n;
  int fd = unix_checkint(L, 1);
  const char *s = luaL_checklstring(L, 2, &n);
  return unix_int(L, send(fd, s, n, unix_optint(L, 3, 0)), "send");
}

/* -- unix.sendto(fd, data, ip, port[, flags])
**    | unix.sendto(fd, data, unixpath[, flags])
**    | unix.sendto(fd, data, ip6, port[, flags]) -> sent | nil, unix.Errno */
static int l_sendto(lua_State *L) {
  Addr a;
  size_t n;
  int fd = unix_checkint(L, 1);
  const char *s = luaL_checklstring(L, 2, &n);
  int flags = unix_optint(L, check_addr(L, fd, 3, &a), 0);
  return unix_int(L, sendto(fd, s, n, flags, &a.u.sa, a.len), "sendto");
}

/* }==== */

/* {==== host */

/* -- unix.gethostname() -> host | nil, unix.Errno */
static int l_gethostname(lua_State *L) {
  char name[256];
  if (gethostname(name, sizeof name) == -1) return unix_fail(L, "gethostname");
  name[sizeof name - 1] = '\0';
  lua_pushstring(L, name);
  return 1;
}

static void push_ifr(lua_State *L, int fd, struct ifreq *ifr, int i) {
  struct sockaddr_in *in = (struct sockaddr_in *)&ifr->ifr_addr;
  lua_createtable(L, 0, 3);
  lua_pushlstring(L, ifr->ifr_name, strnlen(ifr->ifr_name, IFNAMSIZ));
  lua_setfield(L, -2, "name");
  lua_pushinteger(L, ntohl(in->sin_addr.s_addr));
  lua_setfield(L, -2, "ip");
  if (ioctl(fd, SIOCGIFNETMASK, ifr) != -1) {
    lua_pushinteger(L, ntohl(in->sin_addr.s_addr));
    lua_setfield(L, -2, "netmask");
  }
  lua_rawseti(L, -2, i);
}

/* The descriptor of siocgifconf's query socket lives in a userdata whose
** __gc closes it, so that a raise while the table is built leaks nothing. */
static void ifsock_close(int *fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

static int ifsock_gc(lua_State *L) {
  ifsock_close(lua_touserdata(L, 1));
  return 0;
}

static int ifsock_fail(lua_State *L, int *fd) {
  int n = unix_fail(L, "siocgifconf"); /* reads errno before close */
  ifsock_close(fd);
  return n;
}

static int *new_ifsock(lua_State *L) {
  int *fd = lua_newuserdatauv(L, sizeof *fd, 0);
  *fd = -1;
  if (luaL_newmetatable(L, "unix.ifsock")) {
    lua_pushcfunction(L, ifsock_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return fd;
}

/* -- unix.siocgifconf() -> {{name=str, ip=uint32, netmask=uint32}, ...}
**    | nil, unix.Errno: the IPv4 addresses of the network interfaces */
static int l_siocgifconf(lua_State *L) {
  struct ifconf conf;
  size_t size = 64 * sizeof(struct ifreq);
  int i = 0, *fd = new_ifsock(L);
  char *p;
  if ((*fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
    return ifsock_fail(L, fd);
  for (;; size *= 2) { /* until the list fits with room to spare */
    p = lua_newuserdatauv(L, size, 0);
    conf.ifc_buf = p;
    conf.ifc_len = (int)size;
    if (ioctl(*fd, SIOCGIFCONF, &conf) == -1) return ifsock_fail(L, fd);
    if ((size_t)conf.ifc_len < size || size >= (1 << 20)) break;
    lua_pop(L, 1);
  }
  lua_newtable(L);
  for (size_t off = 0; (size_t)conf.ifc_len - off >= sizeof(struct ifreq);
       off += sizeof(struct ifreq)) {
    struct ifreq *ifr = (struct ifreq *)(p + off);
    if (ifr->ifr_addr.sa_family == AF_INET) push_ifr(L, *fd, ifr, ++i);
  }
  ifsock_close(fd);
  return 1;
}

/* }==== */

#define K(x) {#x, x}
static const unix_const consts[] = {
    K(AF_UNSPEC), K(AF_UNIX), K(AF_INET), K(AF_INET6),
    K(SOCK_STREAM), K(SOCK_DGRAM), K(SOCK_RAW), K(SOCK_RDM),
    K(SOCK_SEQPACKET), K(SOCK_CLOEXEC), K(SOCK_NONBLOCK),
    K(IPPROTO_IP), K(IPPROTO_ICMP), K(IPPROTO_TCP), K(IPPROTO_UDP),
    K(IPPROTO_RAW), K(IPPROTO_IPV6), K(IPPROTO_ICMPV6),
    K(SHUT_RD), K(SHUT_WR), K(SHUT_RDWR),
    K(MSG_OOB), K(MSG_PEEK), K(MSG_DONTROUTE), K(MSG_DONTWAIT),
    K(MSG_NOSIGNAL), K(MSG_WAITALL), K(MSG_TRUNC), K(MSG_CTRUNC),
    K(MSG_MORE),
    {NULL, 0}};
#undef K

void unix_open_sock(lua_State *L) {
  static const luaL_Reg funcs[] = {
      {"socket", l_socket},           {"socketpair", l_socketpair},
      {"bind", l_bind},               {"connect", l_connect},
      {"listen", l_listen},           {"accept", l_accept},
      {"getsockname", l_getsockname}, {"getpeername", l_getpeername},
      {"shutdown", l_shutdown},       {"recv", l_recv},
      {"recvfrom", l_recvfrom},       {"send", l_send},
      {"sendto", l_sendto},           {"gethostname", l_gethostname},
      {"siocgifconf", l_siocgifconf}, {NULL, NULL}};
  luaL_setfuncs(L, funcs, 0);
  unix_setconsts(L, consts);
}
