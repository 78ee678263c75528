-- unix_sock.lua: the sockets theme of the unix module over loopback only
-- (127.0.0.1, ::1, AF_UNIX paths in a temporary directory): TCP, UDP,
-- AF_UNIX stream and datagram, socketpair, options, failures. Every
-- descriptor opened is closed. See LICENSE.
local check = dofile("tests/lua/check.lua")
local eq, checkerror = check.eq, check.checkerror
local unix = require("unix")

local LOOPBACK = 0x7f000001 -- 127.0.0.1 as the manual passes it
local BADFD = 2147483647 -- surely not open: the highest descriptor there is

-- errno(f(...)): the call must fail with nil, unix.Errno; returns its name
local fails = check.errname

local close = unix.close
local function closeall(...)
  for _, fd in ipairs({...}) do assert(close(fd)) end
end

-- the number of descriptors open among 0..1023: poll marks the others
-- POLLNVAL
local nfds = check.nfds
local fds_before = nfds()

-- a fresh name for AF_UNIX paths: a temporary file's name plus a suffix
local base = os.tmpname()

-- constants (Linux x86-64 numbers)
for name, value in pairs({AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2,
    AF_INET6 = 10, SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3,
    SOCK_SEQPACKET = 5, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000,
    IPPROTO_TCP = 6, IPPROTO_UDP = 17, SOL_SOCKET = 1, SOL_TCP = 6,
    SOL_IP = 0, SO_REUSEADDR = 2, SO_TYPE = 3, SO_RCVBUF = 8,
    SO_RCVTIMEO = 20, SO_LINGER = 13, TCP_NODELAY = 1, IP_TTL = 2,
    SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2, MSG_PEEK = 2,
    MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000}) do
  eq(unix[name], value, "unix." .. name)
end

-- {==== TCP over 127.0.0.1
do
  local srv = assert(unix.socket(unix.AF_INET, unix.SOCK_STREAM))
  assert(unix.setsockopt(srv, unix.SOL_SOCKET, unix.SO_REUSEADDR, true))
  eq(unix.getsockopt(srv, unix.SOL_SOCKET, unix.SO_REUSEADDR), 1,
    "SO_REUSEADDR after setting true")
  assert(unix.setsockopt(srv, unix.SOL_SOCKET, unix.SO_REUSEADDR, false))
  eq(unix.getsockopt(srv, unix.SOL_SOCKET, unix.SO_REUSEADDR), 0,
    "SO_REUSEADDR after setting false")
  assert(unix.bind(srv, LOOPBACK, 0))
  local ip, port = unix.getsockname(srv)
  eq(ip, LOOPBACK, "getsockname ip")
  assert(port > 0 and port < 65536, "kernel-assigned port " .. port)
  eq(unix.listen(srv), true, "listen")
  eq(unix.getsockopt(srv, unix.SOL_SOCKET, unix.SO_ACCEPTCONN), 1,
    "SO_ACCEPTCONN on a listener")

  local saving = unix.setsockopt(srv, unix.SOL_TCP, unix.TCP_SAVE_SYN, 1)
  local cli = assert(unix.socket())  -- AF_INET, SOCK_STREAM by default
  eq(unix.connect(cli, LOOPBACK, port), true, "connect")
  local conn, cip, cport = unix.accept(srv)
  assert(math.type(conn) == "integer", "accept gives a descriptor")
  eq(cip, LOOPBACK, "accept's client ip")
  local lip, lport = unix.getsockname(cli)
  eq(lip, LOOPBACK, "client's own address")
  eq(cport, lport, "accept's client port is the client's local port")
  local pip, pport = unix.getpeername(cli)
  eq(pip, LOOPBACK, "getpeername ip")
  eq(pport, port, "getpeername port")

  local syn, synerr = unix.getsockopt(conn, unix.SOL_TCP, unix.TCP_SAVED_SYN)
  if saving and syn then
    assert(#syn >= 40 and syn:byte(1) >> 4 == 4, "a saved IPv4 SYN packet")
    eq(syn:sub(13, 16), "\127\0\0\1", "the SYN's source address")
  else
    print("unix_sock: TCP_SAVED_SYN skipped: " .. tostring(synerr or "no TCP_SAVE_SYN"))
  end
  eq(unix.send(cli, "ping"), 4, "send count")
  eq(unix.recv(conn, 100), "ping", "recv on the accepted side")
  eq(unix.send(conn, "pong\0x", unix.MSG_NOSIGNAL), 6, "send with flags")
  eq(unix.recv(cli, 2, unix.MSG_PEEK), "po", "recv MSG_PEEK")
  eq(unix.recv(cli), "pong\0x", "recv with the default size")

  -- poll: POLLIN after a send, nothing ready with a timeout of 0
  local r = assert(unix.poll({[conn] = unix.POLLIN}, 0))
  eq(next(r), nil, "poll with nothing to read gives an empty table")
  assert(unix.send(cli, "x"))
  -- (one descriptor at a time: poll returns as soon as one is ready)
  r = assert(unix.poll({[conn] = unix.POLLIN, name = 1}, 5000))
  eq(r[conn] & unix.POLLIN, unix.POLLIN, "POLLIN after a send")
  eq(r.name, nil, "non-integer keys are ignored")
  r = assert(unix.poll({[cli] = unix.POLLOUT}, 5000))
  eq(r[cli] & unix.POLLOUT, unix.POLLOUT, "POLLOUT on a connected socket")
  eq(unix.recv(conn, 1), "x", "the byte poll saw")

  -- options with other value types
  eq(unix.getsockopt(cli, unix.SOL_SOCKET, unix.SO_TYPE), unix.SOCK_STREAM,
    "SO_TYPE")
  assert(unix.setsockopt(cli, unix.SOL_TCP, unix.TCP_NODELAY, 1))
  eq(unix.getsockopt(cli, unix.SOL_TCP, unix.TCP_NODELAY), 1, "TCP_NODELAY")
  assert(unix.setsockopt(cli, unix.SOL_IP, unix.IP_TTL, 33))
  eq(unix.getsockopt(cli, unix.SOL_IP, unix.IP_TTL), 33, "IP_TTL (int)")
  assert(unix.setsockopt(cli, unix.SOL_SOCKET, unix.SO_RCVTIMEO, 2, 500000000))
  local s, ns = unix.getsockopt(cli, unix.SOL_SOCKET, unix.SO_RCVTIMEO)
  eq(s, 2, "SO_RCVTIMEO seconds")
  eq(ns, 500000000, "SO_RCVTIMEO nanoseconds")
  assert(unix.setsockopt(cli, unix.SOL_SOCKET, unix.SO_LINGER, 7, true))
  local secs, on = unix.getsockopt(cli, unix.SOL_SOCKET, unix.SO_LINGER)
  eq(secs, 7, "SO_LINGER seconds")
  eq(on, true, "SO_LINGER enabled")
  assert(unix.setsockopt(cli, unix.SOL_SOCKET, unix.SO_LINGER, 0, false))
  eq(fails("an option the manual does not describe",
    unix.getsockopt(cli, unix.SOL_SOCKET, 12345)), "ENOPROTOOPT",
    "getsockopt of an unknown option")
  eq(fails("setsockopt unknown",
    unix.setsockopt(cli, unix.SOL_SOCKET, 12345, 1)), "ENOPROTOOPT",
    "setsockopt of an unknown option")

  -- receive with a timeout, then shutdown: the peer reads end of file
  assert(unix.setsockopt(conn, unix.SOL_SOCKET, unix.SO_RCVTIMEO, 0, 50000000))
  eq(fails("recv past SO_RCVTIMEO", unix.recv(conn)), "EAGAIN",
    "recv when nothing comes before the timeout")
  eq(unix.shutdown(cli, unix.SHUT_WR), true, "shutdown SHUT_WR")
  eq(unix.recv(conn), "", "recv after the peer's shutdown is end of file")
  eq(unix.send(conn, "late"), 4, "the other direction still works")
  eq(unix.recv(cli), "late", "recv after our own SHUT_WR")

  -- bind to an address in use; a nonblocking accept with no client
  local other = assert(unix.socket())
  eq(fails("bind in use", unix.bind(other, LOOPBACK, port)), "EADDRINUSE",
    "bind to a listening port")
  closeall(other, cli, conn)
  local nb = assert(unix.socket(unix.AF_INET, unix.SOCK_STREAM |
    unix.SOCK_NONBLOCK | unix.SOCK_CLOEXEC))
  assert(unix.bind(nb, LOOPBACK))
  assert(unix.listen(nb, 1))
  eq(fails("nonblocking accept", unix.accept(nb)), "EAGAIN",
    "accept on a nonblocking listener with no client")
  closeall(nb)

  -- connect to a closed loopback port: take a port, then close it
  local gone = assert(unix.socket())
  assert(unix.bind(gone, LOOPBACK, 0))
  local _, freeport = unix.getsockname(gone)
  closeall(gone, srv)
  local c2 = assert(unix.socket())
  local name, err = fails("connect refused", unix.connect(c2, LOOPBACK, freeport))
  eq(name, "ECONNREFUSED", "connect to a closed port")
  eq(err:call(), "connect", "the Errno names the call")
  closeall(c2)
end
-- }====

-- {==== UDP over 127.0.0.1
do
  local a = assert(unix.socket(unix.AF_INET, unix.SOCK_DGRAM))
  local b = assert(unix.socket(unix.AF_INET, unix.SOCK_DGRAM, unix.IPPROTO_UDP))
  assert(unix.bind(a, LOOPBACK, 0))
  assert(unix.bind(b, LOOPBACK, 0))
  local _, aport = unix.getsockname(a)
  local _, bport = unix.getsockname(b)
  eq(unix.sendto(a, "datagram", LOOPBACK, bport), 8, "sendto count")
  local data, ip, port = unix.recvfrom(b)
  eq(data, "datagram", "recvfrom data")
  eq(ip, LOOPBACK, "recvfrom ip")
  eq(port, aport, "recvfrom port")
  eq(unix.sendto(b, "back", LOOPBACK, aport, 0), 4, "sendto with flags")
  eq(unix.recvfrom(a, 2), "ba", "a datagram longer than bufsiz is cut")
  -- MSG_TRUNC makes the kernel report the datagram's full length: the
  -- data is still only what fit
  assert(unix.sendto(b, "truncated", LOOPBACK, aport))
  eq(unix.recv(a, 3, unix.MSG_TRUNC), "tru", "recv MSG_TRUNC gives bufsiz bytes")
  assert(unix.sendto(b, "truncated", LOOPBACK, aport))
  local t, tip = unix.recvfrom(a, 4, unix.MSG_TRUNC)
  eq(t, "trun", "recvfrom MSG_TRUNC gives bufsiz bytes")
  eq(tip, LOOPBACK, "recvfrom MSG_TRUNC still gives the sender")
  eq(fails("empty queue", unix.recv(a, 10, unix.MSG_DONTWAIT)), "EAGAIN",
    "the rest of a cut datagram is gone")
  -- a connected UDP socket uses send/recv
  assert(unix.connect(a, LOOPBACK, bport))
  assert(unix.send(a, "via connect"))
  eq(unix.recv(b), "via connect", "send on a connected UDP socket")
  closeall(a, b)
end
-- }====

-- {==== AF_UNIX stream and datagram
do
  local path = base .. ".stream"
  local srv = assert(unix.socket(unix.AF_UNIX, unix.SOCK_STREAM))
  assert(unix.bind(srv, path))
  eq(unix.getsockname(srv), path, "getsockname of a bound AF_UNIX socket")
  assert(unix.listen(srv))
  local cli = assert(unix.socket(unix.AF_UNIX))
  assert(unix.connect(cli, path))
  local conn, cpath = unix.accept(srv, unix.SOCK_CLOEXEC)
  eq(cpath, "", "an unnamed AF_UNIX client's address is the empty string")
  eq(unix.getpeername(cli), path, "getpeername of an AF_UNIX client")
  assert(unix.send(cli, "over unix"))
  eq(unix.recv(conn), "over unix", "AF_UNIX stream data")
  local again = assert(unix.socket(unix.AF_UNIX))
  eq(fails("bind over an existing path", unix.bind(again, path)), "EADDRINUSE",
    "bind to an AF_UNIX path that exists")
  closeall(again, cli, conn, srv)
  assert(os.remove(path))

  local dpath, cpath2 = base .. ".dgram", base .. ".client"
  local d = assert(unix.socket(unix.AF_UNIX, unix.SOCK_DGRAM))
  local c = assert(unix.socket(unix.AF_UNIX, unix.SOCK_DGRAM))
  assert(unix.bind(d, dpath))
  assert(unix.bind(c, cpath2))
  eq(unix.sendto(c, "hello", dpath), 5, "sendto an AF_UNIX path")
  local data, from = unix.recvfrom(d)
  eq(data, "hello", "AF_UNIX datagram")
  eq(from, cpath2, "recvfrom gives the sender's path")
  eq(unix.sendto(d, "reply", from, unix.MSG_DONTWAIT), 5, "sendto with flags")
  eq(unix.recv(c), "reply", "reply datagram")
  closeall(d, c)
  assert(os.remove(dpath))
  assert(os.remove(cpath2))

  -- Linux's abstract namespace ("\0name") and autobind (bind without a path)
  local abs = "\0moonbox-test-" .. tostring(os.time()) .. base:gsub("/", "-")
  local x = assert(unix.socket(unix.AF_UNIX, unix.SOCK_DGRAM))
  assert(unix.bind(x, abs))
  eq(unix.getsockname(x), abs, "abstract name round trip")
  local y = assert(unix.socket(unix.AF_UNIX, unix.SOCK_DGRAM))
  local ok, err = unix.bind(y)
  if ok then
    assert(unix.getsockname(y):sub(1, 1) == "\0", "autobind's abstract name")
  else -- gVisor has no autobind
    print("unix_sock: AF_UNIX autobind skipped: " .. tostring(err))
    assert(unix.bind(y, abs .. "-y"))
  end
  local auto = unix.getsockname(y)
  assert(auto:sub(1, 1) == "\0" and #auto > 1, "an abstract sender name")
  assert(unix.sendto(y, "abstract", abs))
  local got, sender = unix.recvfrom(x)
  eq(got, "abstract", "datagram to an abstract name")
  eq(sender, auto, "sender's autobound name")
  closeall(x, y)

  checkerror("unix path too long", unix.bind, BADFD, string.rep("x", 200))
  checkerror("'\\0'", unix.connect, BADFD, "a\0b")
end
-- }====

-- {==== socketpair
do
  local a, b = unix.socketpair()
  assert(math.type(a) == "integer" and math.type(b) == "integer", "two fds")
  assert(unix.send(a, "to b"))
  eq(unix.recv(b), "to b", "socketpair a -> b")
  assert(unix.send(b, "to a"))
  eq(unix.recv(a), "to a", "socketpair b -> a")
  eq(unix.getpeername(a), "", "socketpair peers are unnamed")
  assert(unix.shutdown(a, unix.SHUT_RDWR))
  eq(unix.recv(b), "", "end of file after shutdown")
  eq(fails("peer gone", unix.send(b, "x", unix.MSG_NOSIGNAL)), "EPIPE",
    "send to a peer that shut down reading, with MSG_NOSIGNAL")
  closeall(a, b)

  local c, d = unix.socketpair(unix.AF_UNIX, unix.SOCK_DGRAM | unix.SOCK_NONBLOCK)
  eq(fails("nonblocking", unix.recv(c)), "EAGAIN", "SOCK_NONBLOCK socketpair")
  assert(unix.send(d, "one"))
  eq(unix.recvfrom(c), "one", "recvfrom a socketpair (no address)")
  eq(select("#", unix.recvfrom(c, 10, 0) ), 2, "failure is nil, Errno")
  closeall(c, d)
end
-- }====

-- {==== failures and misuse
do
  local s = assert(unix.socket(unix.AF_INET, unix.SOCK_STREAM))
  eq(fails("getpeername unconnected", unix.getpeername(s)), "ENOTCONN",
    "getpeername on an unconnected socket")
  eq(fails("send unconnected", unix.send(s, "x", unix.MSG_NOSIGNAL)), "EPIPE",
    "send on an unconnected TCP socket")
  closeall(s)
  local bad = BADFD
  for _, f in ipairs({
      function() return unix.bind(bad, LOOPBACK, 0) end,
      function() return unix.connect(bad, LOOPBACK, 1) end,
      function() return unix.listen(bad) end,
      function() return unix.accept(bad) end,
      function() return unix.getsockname(bad) end,
      function() return unix.getpeername(bad) end,
      function() return unix.send(bad, "x") end,
      function() return unix.recv(bad) end,
      function() return unix.sendto(bad, "x", LOOPBACK, 9) end,
      function() return unix.recvfrom(bad) end,
      function() return unix.shutdown(bad, unix.SHUT_RDWR) end,
      function() return unix.getsockopt(bad, unix.SOL_SOCKET, unix.SO_TYPE) end,
      function() return unix.setsockopt(bad, unix.SOL_SOCKET,
        unix.SO_REUSEADDR, true) end}) do
    eq(fails("bad fd", f()), "EBADF", "a call on a bad descriptor")
  end
  eq(fails("socket family", unix.socket(12345)), "EAFNOSUPPORT",
    "socket with an unknown family")
  checkerror("port out of range", unix.bind, BADFD, LOOPBACK, 65536)
  checkerror("IPv4 address out of range", unix.connect, BADFD, -1, 80)
  checkerror("number expected", unix.socket, "inet")
  checkerror("negative size", unix.recv, BADFD, -1)
  checkerror("out of range", unix.send, 2 ^ 40, "x")
end
-- }====

-- {==== IPv6 on ::1 (skipped with a reason when there is no IPv6 loopback)
do
  local srv, err = unix.socket(unix.AF_INET6, unix.SOCK_STREAM)
  local ok, berr
  if srv then ok, berr = unix.bind(srv, "::1", 0) end
  if not srv or not ok then
    print("unix_sock: IPv6 skipped: no IPv6 loopback here (" ..
      tostring(err or berr) .. ")")
    if srv then closeall(srv) end
  else
    local ip, port = unix.getsockname(srv)
    eq(ip, "::1", "IPv6 getsockname address")
    assert(unix.listen(srv))
    local cli = assert(unix.socket(unix.AF_INET6))
    assert(unix.connect(cli, "::1", port))
    local conn, cip = unix.accept(srv)
    eq(cip, "::1", "IPv6 accept address")
    assert(unix.send(cli, "six"))
    eq(unix.recv(conn), "six", "IPv6 data")
    eq(select(2, unix.getpeername(cli)), port, "IPv6 getpeername port")
    closeall(cli, conn, srv)
    local u = assert(unix.socket(unix.AF_INET6, unix.SOCK_DGRAM))
    assert(unix.bind(u, "::1"))
    local _, uport = unix.getsockname(u)
    eq(unix.sendto(u, "self", "::1", uport), 4, "IPv6 sendto")
    local d, from, fport = unix.recvfrom(u)
    eq(d, "self", "IPv6 recvfrom data")
    eq(from, "::1", "IPv6 recvfrom address")
    eq(fport, uport, "IPv6 recvfrom port")
    checkerror("not an IPv6 address", unix.bind, u, "127.0.0.1", 0)
    closeall(u)
    -- an integer on an AF_INET6 socket is an IPv4-mapped address (which
    -- needs IPV6_V6ONLY off: the system's default varies)
    local m = assert(unix.socket(unix.AF_INET6, unix.SOCK_DGRAM))
    assert(unix.setsockopt(m, unix.SOL_IPV6, unix.IPV6_V6ONLY, true))
    eq(unix.getsockopt(m, unix.SOL_IPV6, unix.IPV6_V6ONLY), 1, "IPV6_V6ONLY on")
    assert(unix.setsockopt(m, unix.SOL_IPV6, unix.IPV6_V6ONLY, false))
    eq(unix.getsockopt(m, unix.SOL_IPV6, unix.IPV6_V6ONLY), 0, "IPV6_V6ONLY off")
    local mok, merr = unix.bind(m, LOOPBACK, 0)
    if mok then
      eq(unix.getsockname(m), "::ffff:127.0.0.1", "IPv4-mapped address")
    else
      print("unix_sock: IPv4-mapped bind skipped: " .. tostring(merr))
    end
    closeall(m)
  end
end
-- }====

-- {==== host
do
  local name = assert(unix.gethostname())
  eq(type(name), "string", "gethostname")
  local f = io.open("/proc/sys/kernel/hostname")
  if f then
    eq(name, f:read("l"), "gethostname matches the kernel's hostname")
    f:close()
  end
  local list, err = unix.siocgifconf()
  if not list then
    print("unix_sock: siocgifconf failed here (" .. tostring(err) .. ")")
  else
    local lo
    for i, ifc in ipairs(list) do
      eq(type(ifc.name), "string", "interface " .. i .. " name")
      eq(math.type(ifc.ip), "integer", "interface " .. i .. " ip")
      if ifc.ip == LOOPBACK then lo = ifc end
    end
    if lo then
      eq(lo.netmask, 0xff000000, "the loopback interface's netmask")
    else
      print("unix_sock: siocgifconf lists no 127.0.0.1 here")
    end
  end
end
-- }====

os.remove(base)
eq(nfds(), fds_before, "descriptors open at the end")
print("unix_sock: ok")
