-- luasocket.lua: LuaSocket as moonbox builds it in: every module name, the
-- Lua parts from the archive, loopback TCP, UDP and Unix sockets, an HTTP
-- request to a child server, and mime against Python's codecs. Loopback
-- only. See LICENSE.
local T = dofile("tests/lua/check.lua")
local eq = T.eq
local socket = require "socket"
local exe = assert(arg[-1], "arg[-1]: the interpreter")

-- {==== names: C parts in package.preload, Lua parts in /zip/.lua/
for _, name in ipairs{"socket.core", "mime.core", "socket.unix",
                      "socket.serial"} do
  assert(package.preload[name], name .. " in package.preload")
end
eq(type(require "socket.serial"), "function", "socket.serial")
local lua_parts = {socket = "socket.lua", mime = "mime.lua",
  ltn12 = "ltn12.lua", ["socket.http"] = "socket/http.lua",
  ["socket.url"] = "socket/url.lua", ["socket.ftp"] = "socket/ftp.lua",
  ["socket.smtp"] = "socket/smtp.lua", ["socket.tp"] = "socket/tp.lua",
  ["socket.headers"] = "socket/headers.lua"}
for name, file in pairs(lua_parts) do
  eq(package.searchpath(name, package.path), "/zip/.lua/" .. file, name)
  eq(type(require(name)), "table", "require " .. name)
end
assert(T.readfile("/zip/.lua/luasocket.LICENSE"):find("Diego Nehab", 1, true),
  "the licence ships in the archive")
eq(socket, require "socket.core", "socket is socket.core's table")
-- }====

-- {==== the resolver: localhost from /etc/hosts, no network needed
local found = false
for _, a in ipairs(assert(socket.dns.getaddrinfo("localhost"))) do
  if a.family == "inet" and a.addr == "127.0.0.1" then found = true end
end
assert(found, "getaddrinfo('localhost') gives 127.0.0.1")
eq(socket.dns.toip("localhost"), "127.0.0.1", "toip('localhost')")
-- }====

-- {==== TCP on 127.0.0.1: receive patterns, partial results, closed peer
do
  local server = assert(socket.bind("127.0.0.1", 0))
  local ip, port = server:getsockname()
  eq(ip, "127.0.0.1", "bound address")
  local c = assert(socket.connect("localhost", port))
  local a = assert(server:accept())
  local big = string.rep("0123456789abcdef", 65536) -- 1 MiB
  assert(c:send("line one\r\nline two\n" .. "12345" .. big))
  eq(a:receive(), "line one", "*l drops CR LF")
  eq(a:receive("*l"), "line two", "*l drops LF")
  eq(a:receive(5), "12345", "a count of bytes")
  eq(a:receive(#big), big, "1 MiB in one receive")
  a:settimeout(0.05)
  local r, err, partial = a:receive(10)
  eq(r, nil, "nothing more")
  eq(err, "timeout", "the error of an empty receive with a timeout")
  eq(partial, "", "the partial result")
  c:close()
  a:settimeout(1)
  r, err = a:receive()
  eq(r, nil, "nothing received after the peer closed")
  eq(err, "closed", "receive after the peer closed")
  -- SIGPIPE is ignored once socket.core is loaded: a write to the closed
  -- peer fails with an error instead of killing the process
  -- (the peer's reset may take a moment to arrive, as under gVisor)
  local sent
  for _ = 1, 100 do
    sent, err = a:send("x")
    if not sent then break end
    socket.sleep(0.01)
  end
  eq(sent, nil, "send to a closed peer")
  eq(err, "closed", "its error")
  a:close()
  server:close()
end
-- }====

-- {==== UDP on 127.0.0.1
do
  local u1, u2 = assert(socket.udp()), assert(socket.udp())
  assert(u1:setsockname("127.0.0.1", 0))
  assert(u2:setsockname("127.0.0.1", 0))
  local _, p1 = u1:getsockname()
  local _, p2 = u2:getsockname()
  u1:settimeout(2)
  assert(u2:sendto("datagram", "127.0.0.1", p1))
  local data, ip, port = u1:receivefrom()
  eq(data, "datagram", "datagram")
  eq(ip, "127.0.0.1", "sender address")
  eq(tonumber(port), tonumber(p2), "sender port")
  u1:close()
  u2:close()
end
-- }====

-- {==== Unix-domain stream and datagram sockets
do
  local unix = require "socket.unix"
  local dir = os.tmpname()
  os.remove(dir)
  local path = dir .. ".sock"
  local s = assert(unix.stream())
  assert(s:bind(path))
  assert(s:listen())
  local c = assert(unix.stream())
  assert(c:connect(path))
  local a = assert(s:accept())
  assert(c:send("over a unix socket\n"))
  eq(a:receive(), "over a unix socket", "unix stream")
  a:close(); c:close(); s:close()
  os.remove(path)
  local d1, d2 = assert(unix.dgram()), assert(unix.dgram())
  assert(d1:bind(path))
  assert(d2:bind(path .. "2"))
  d1:settimeout(2)
  assert(d2:sendto("dgram", path))
  local data, from = d1:receivefrom()
  eq(data, "dgram", "unix datagram")
  eq(from, path .. "2", "its sender's path")
  d1:close(); d2:close()
  os.remove(path)
  os.remove(path .. "2")
end
-- }====

-- {==== socket.http against a child moonbox serving one request on
-- 127.0.0.1: the status, headers and body it sent, the request it saw
do
  local server = [[
    io.stdout:setvbuf("no")
    local socket = require "socket"
    local s = assert(socket.bind("127.0.0.1", 0))
    print((select(2, s:getsockname())))
    local c = assert(s:accept())
    local first = c:receive()
    repeat local h = c:receive() until h == ""
    c:send("HTTP/1.1 201 Made\r\nContent-Length: 5\r\nX-Test: yes\r\n" ..
      "Connection: close\r\n\r\nhello")
    c:close()
    print(first)
  ]]
  local prog = os.tmpname()
  T.writefile(prog, server)
  local child = assert(io.popen(exe .. " " .. prog, "r"))
  local port = assert(tonumber(child:read("l")), "the child's port")
  local http = require "socket.http"
  local body, code, headers, status = http.request(
    "http://127.0.0.1:" .. port .. "/path?q=1")
  eq(body, "hello", "body")
  eq(code, 201, "status code")
  eq(headers["x-test"], "yes", "a header, its name in lower case")
  eq(status, "HTTP/1.1 201 Made", "status line")
  eq(child:read("l"), "GET /path?q=1 HTTP/1.1", "the request line")
  assert(child:close(), "the child server exits with status 0")
  os.remove(prog)
end
-- }====

-- {==== mime against Python's base64 and quopri
do
  local mime = require "mime"
  local bytes = {}
  for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
  local all = table.concat(bytes) .. "moonbox"
  local b64 = T.python(
    "import sys, base64; sys.stdout.write(base64.b64encode(" ..
    "sys.stdin.buffer.read()).decode())", all)
  eq((mime.b64(all)), b64, "mime.b64 of every byte")
  eq((mime.unb64(b64)), all, "mime.unb64")
  local text = "caf\xc3\xa9 = 3\xe2\x82\xac\r\n"
  local qp = T.python("import sys, quopri; sys.stdout.buffer.write(" ..
    "quopri.encodestring(sys.stdin.buffer.read()))", text)
  eq((mime.unqp(qp)), text, "mime.unqp of Python's quoted-printable")
end
-- }====
print("luasocket: ok")
