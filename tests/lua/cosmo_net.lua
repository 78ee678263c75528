-- cosmo_net.lua: the IP, URL and HTTP helpers of require "cosmo": argument
-- errors, the manual's examples and edge cases, round trips, and agreement
-- with Python's ipaddress, urllib.parse, email.utils and http on random
-- inputs (tests/lua/cosmo_net.py answers; python3 comes with make test).
-- Run from the repository root. NET_SEED=n repeats a run. See LICENSE.
local check = dofile("tests/lua/check.lua")
local c = require("cosmo")
local eq, checkerror = check.eq, check.checkerror

local seed = tonumber(os.getenv("NET_SEED")) or os.time()
math.randomseed(seed)
print(("cosmo_net: seed %d"):format(seed))
local N = 300 -- random inputs per comparison with Python

local function hex(s)
  if s == nil then return "-" end
  if s == "" then return "=" end
  return (s:gsub(".", function(ch) return ("%02x"):format(ch:byte()) end))
end

local function bytes(n, lo, hi)
  local t = {}
  for i = 1, n do t[i] = string.char(math.random(lo or 0, hi or 255)) end
  return table.concat(t)
end

local function pick(s)
  local i = math.random(#s)
  return s:sub(i, i)
end

local function from(pool, n)
  local t = {}
  for i = 1, n do t[i] = pick(pool) end
  return table.concat(t)
end

-- oracle(mode, inputs): Python's answer to each input, as a list of fields
local py = "tests/lua/cosmo_net.py"
local function oracle(mode, inputs)
  local input = {}
  for i, s in ipairs(inputs) do input[i] = s == "" and "" or hex(s) end
  local out = check.python(check.readfile(py),
    table.concat(input, "\n") .. "\n", mode)
  local answers = {}
  for _, line in ipairs(check.lines(out)) do
    local fields = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      fields[#fields + 1] = field
    end
    answers[#answers + 1] = fields
  end
  eq(#answers, #inputs, "python3 " .. mode .. ": answers")
  return answers
end

-- {==== every function is there, and misuse raises
local names = {"ParseIp", "FormatIp", "CategorizeIp", "IsLoopbackIp",
  "IsPrivateIp", "IsPublicIp", "ParseUrl", "EncodeUrl", "ParseParams",
  "ParseHost", "EscapeFragment", "EscapeHost", "EscapeIp", "EscapeParam",
  "EscapePass", "EscapePath", "EscapeSegment", "EscapeUser",
  "IsAcceptableHost", "IsAcceptablePath", "IsAcceptablePort",
  "IsReasonablePath", "ParseHttpDateTime", "FormatHttpDateTime",
  "GetHttpReason", "IsValidHttpToken", "IsHeaderRepeatable"}
for _, name in ipairs(names) do
  eq(type(c[name]), "function", "cosmo." .. name)
end
eq(math.type(c.kUrlPlus), "integer", "kUrlPlus")
eq(math.type(c.kUrlLatin1), "integer", "kUrlLatin1")
assert(c.kUrlPlus ~= c.kUrlLatin1 and c.kUrlPlus & c.kUrlLatin1 == 0)

for _, name in ipairs({"FormatIp", "CategorizeIp", "IsLoopbackIp",
    "IsPrivateIp", "IsPublicIp"}) do
  checkerror("bad argument #1 to 'cosmo." .. name .. "'", c[name])
  checkerror("number expected", c[name], "x")
  checkerror("out of range", c[name], -1)
  checkerror("out of range", c[name], 0x100000000)
  checkerror("number has no integer representation", c[name], 1.5)
end
for _, name in ipairs({"ParseIp", "ParseUrl", "IsAcceptableHost",
    "IsAcceptablePath", "IsAcceptablePort", "IsReasonablePath",
    "ParseHttpDateTime", "IsValidHttpToken", "IsHeaderRepeatable"}) do
  checkerror("string expected", c[name], {})
  checkerror("bad argument #1 to 'cosmo." .. name .. "'", c[name])
end
-- the coders give nil for nil, as Cosmopolitan's do
for _, name in ipairs({"EscapeFragment", "EscapeHost", "EscapeIp",
    "EscapeParam", "EscapePass", "EscapePath", "EscapeSegment", "EscapeUser",
    "ParseParams", "ParseHost", "EncodeUrl"}) do
  eq(c[name](nil), nil, name .. "(nil)")
  eq(select("#", c[name]()), 1, name .. "(): one result")
  checkerror("bad argument #1 to 'cosmo." .. name .. "'", c[name], true)
end
checkerror("unknown flag", c.ParseUrl, "/", 4)
checkerror("number expected", c.ParseUrl, "/", "x")
checkerror("bad field 'host' (string expected, got table)", c.EncodeUrl,
  {host = {}})
checkerror("bad field 'path' (string expected, got boolean)", c.EncodeUrl,
  {path = true})
checkerror("params as a table", c.EncodeUrl, {params = "a=b"})
checkerror("bad params[1] (table expected, got number)", c.EncodeUrl,
  {params = {1}})
checkerror("bad params[2][1] (string expected, got nil)", c.EncodeUrl,
  {params = {{"a"}, {}}})
checkerror("bad params[1][2] (string expected, got table)", c.EncodeUrl,
  {params = {{"a", {}}}})
checkerror("out of range", c.FormatHttpDateTime, 253402300800)
checkerror("out of range", c.FormatHttpDateTime, -62167219201)
checkerror("number expected", c.FormatHttpDateTime, "x")
checkerror("number expected", c.GetHttpReason, "x")
-- }====

-- {==== IP: the manual's examples and edges
eq(c.ParseIp("1.2.3.4"), 0x01020304, "ParseIp 1.2.3.4")
eq(c.FormatIp(0x01020304), "1.2.3.4", "FormatIp 0x01020304")
eq(c.ParseIp("0.0.0.0"), 0, "ParseIp 0.0.0.0")
eq(c.ParseIp("255.255.255.255"), 0xffffffff, "ParseIp max")
eq(c.FormatIp(0xffffffff), "255.255.255.255", "FormatIp max")
eq(c.FormatIp(0), "0.0.0.0", "FormatIp 0")
for _, bad in ipairs({"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4",
    "01.2.3.4", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4\0", "1..3.4", "1.2.3.",
    ".1.2.3", "0x1.2.3.4", "16909060", "1.2.3.1000", "a.b.c.d",
    "1.2.3.4/8"}) do
  eq(c.ParseIp(bad), -1, ("ParseIp %q"):format(bad))
end
eq(c.IsLoopbackIp(0x7f000001), true, "127.0.0.1 loopback")
eq(c.IsLoopbackIp(0x80000001), false, "128.0.0.1 loopback")
eq(c.IsPrivateIp(c.ParseIp("172.31.255.255")), true, "172.31/12 private")
eq(c.IsPrivateIp(c.ParseIp("172.32.0.0")), false, "172.32 private")
eq(c.IsPublicIp(c.ParseIp("192.0.2.1")), true, "TEST-NET is public")
eq(c.IsPublicIp(c.ParseIp("8.8.8.8")), true, "8.8.8.8 public")
eq(c.IsPublicIp(c.ParseIp("127.0.0.1")), false, "127.0.0.1 public")
eq(c.IsPublicIp(c.ParseIp("10.1.2.3")), false, "10/8 public")
-- the IANA IPv4 Address Space Registry's /8s
for ipstr, want in pairs({["8.8.8.8"] = "ARIN", ["1.1.1.1"] = "APNIC",
    ["193.0.0.1"] = "RIPE", ["41.0.0.1"] = "AFRINIC",
    ["200.1.1.1"] = "LACNIC", ["6.1.2.3"] = "DOD", ["12.0.0.1"] = "AT&T",
    ["17.1.1.1"] = "APPLE", ["19.0.0.1"] = "FORD", ["56.0.0.1"] = "USPS",
    ["73.0.0.1"] = "COMCAST", ["38.0.0.1"] = "COGENT",
    ["48.0.0.1"] = "PRUDENTIAL", ["202.123.1.1"] = "AFRINIC",
    ["202.124.1.1"] = "APNIC", ["0.1.2.3"] = "UNKNOWN",
    ["127.0.0.1"] = "LOOPBACK", ["192.168.1.1"] = "PRIVATE",
    ["224.0.0.1"] = "MULTICAST", ["203.0.113.9"] = "TESTNET",
    ["250.0.0.1"] = "FUTURE"}) do
  eq(c.CategorizeIp(c.ParseIp(ipstr)), want, "CategorizeIp " .. ipstr)
end
-- }====

-- {==== IP against Python's ipaddress
do
  local special = {0x00000000, 0x0a000000, 0x64400000, 0x7f000000,
    0xa9fe0000, 0xac100000, 0xc0000000, 0xc0000200, 0xc0a80000, 0xc6120000,
    0xc6336400, 0xcb007100, 0xe0000000, 0xf0000000, 0xffffff00}
  local ips = {}
  for i = 1, N do
    local x = math.random(0, 0xffffffff)
    if i % 3 == 0 then -- inside a special block, near its start
      x = special[math.random(#special)] + math.random(0, 0x1ffff)
      x = x & 0xffffffff
    end
    ips[i] = x
  end
  local strs = {}
  for i, x in ipairs(ips) do strs[i] = tostring(x) end
  local answers = oracle("ip", strs)
  local categories = {}
  for i, x in ipairs(ips) do
    local a = answers[i]
    local what = ("%s (%d)"):format(a[1], x)
    eq(c.FormatIp(x), a[1], "FormatIp " .. what)
    eq(c.ParseIp(a[1]), x, "ParseIp " .. what)
    eq(tostring(c.IsLoopbackIp(x)), a[2] == "1" and "true" or "false",
      "IsLoopbackIp " .. what)
    eq(tostring(c.IsPrivateIp(x)), a[3] == "1" and "true" or "false",
      "IsPrivateIp " .. what)
    eq(tostring(c.IsPublicIp(x)), a[4] == "1" and "true" or "false",
      "IsPublicIp " .. what)
    local cat = c.CategorizeIp(x)
    if a[5] == "REGISTRY" then
      assert(not ({LOOPBACK = 1, PRIVATE = 1, MULTICAST = 1, TESTNET = 1,
        FUTURE = 1})[cat], "CategorizeIp " .. what .. ": " .. cat)
    else
      eq(cat, a[5], "CategorizeIp " .. what)
    end
    categories[cat] = true
  end
  assert(categories.ARIN and categories.RIPE and categories.APNIC, "categories seen")
  -- dotted quads near and far from valid ones
  local cands = {}
  for i = 1, N do
    local parts = {}
    for k = 1, math.random(10) <= 7 and 4 or math.random(3, 5) do
      local r = math.random(12)
      parts[k] = r == 1 and ("0" .. math.random(0, 99)) or r == 2 and
        tostring(math.random(0, 999)) or r == 3 and from("0123456789a ", 2)
        or tostring(math.random(0, 255))
    end
    cands[i] = table.concat(parts, math.random(8) == 1 and ":" or ".")
  end
  answers = oracle("parseip", cands)
  local valid = 0
  for i, s in ipairs(cands) do
    eq(c.ParseIp(s), tonumber(answers[i][1]), ("ParseIp %q"):format(s))
    if answers[i][1] ~= "-1" then valid = valid + 1 end
  end
  assert(valid > N / 10 and valid < N, "valid and invalid quads: " .. valid)
end
-- }====

-- {==== URL: the manual's examples, flags and edges
local function fields(u)
  local t = {}
  for _, k in ipairs({"scheme", "user", "pass", "host", "port", "path",
      "fragment"}) do
    t[#t + 1] = k .. "=" .. hex(u[k])
  end
  for i, p in ipairs(u.params) do
    t[#t + 1] = ("p%d=%s:%s"):format(i, hex(p[1]), hex(p[2]))
  end
  return table.concat(t, " ")
end

local u = c.ParseUrl("/?a=b&c")
eq(#u.params, 2, "/?a=b&c params")
eq(u.params[1][1], "a", "params[1][1]")
eq(u.params[1][2], "b", "params[1][2]")
eq(u.params[2][1], "c", "params[2][1]")
eq(u.params[2][2], nil, "params[2][2] absent")
eq(u.path, "/", "/?a=b&c path")
eq(u.host, nil, "a path has no host")
u = c.ParseUrl("http://user:pa%3Ass@[::1]:8080/a%20b/%zz?x=1+2#f%23g")
eq(u.scheme, "http", "scheme")
eq(u.user, "user", "user")
eq(u.pass, "pa:ss", "pass decoded")
eq(u.host, "::1", "bracketed host")
eq(u.port, "8080", "port")
eq(u.path, "/a b/%zz", "path decoded, bad escape kept")
eq(u.params[1][2], "1+2", "'+' without kUrlPlus")
eq(c.ParseUrl("?x=1+2", c.kUrlPlus).params[1][2], "1 2", "kUrlPlus")
eq(c.ParseUrl("/%2B?a%2Bb", c.kUrlPlus).params[1][1], "a+b",
  "escaped '+' stays with kUrlPlus")
eq(u.fragment, "f#g", "fragment")
eq(c.ParseUrl("/\xe9%E9", c.kUrlLatin1).path, "/\xc3\xa9\xe9",
  "kUrlLatin1 transcodes raw bytes, not escapes")
eq(c.ParseUrl("/\xe9").path, "/\xe9", "bytes as they are without it")
-- absent and empty
u = c.ParseUrl("http://h")
eq(u.path, "", "empty path")
eq(u.port, nil, "no port")
eq(u.fragment, nil, "no fragment")
eq(u.user, nil, "no user")
eq(c.ParseUrl("http://h:#").port, "", "empty port")
eq(c.ParseUrl("http://h:#").fragment, "", "empty fragment")
eq(c.ParseUrl("http://@h").user, "", "empty user")
eq(c.ParseUrl("http://u:@h").pass, "", "empty pass")
eq(c.ParseUrl("http:///p").host, "", "empty host")
eq(c.ParseUrl("").path, "", "empty input")
eq(#c.ParseUrl("http://h").params, 0, "params is always a table")
-- the authority
eq(c.ParseUrl("//a@b@c/").user, "a@b", "userinfo ends at the last '@'")
eq(c.ParseUrl("//u:p:q@h").pass, "p:q", "user ends at the first ':'")
eq(c.ParseUrl("//::1").host, "::1", "a bare IPv6 is all host")
eq(c.ParseUrl("//::1").port, nil, "... without port")
eq(c.ParseUrl("//[v1.x]").host, "v1.x", "IPvFuture")
eq(c.ParseUrl("//[::1]x").host, "[::1]x", "junk after ']'")
-- schemes and opaque parts
eq(c.ParseUrl("mailto:a?b#c").path, "a?b", "opaque part keeps '?'")
eq(c.ParseUrl("data:text/plain,hi").path, "text/plain,hi", "data: URI")
eq(c.ParseUrl("s:/a?b").params[1][1], "b", "s:/a has a query")
eq(c.ParseUrl("1a:b").scheme, nil, "a scheme starts with a letter")
eq(c.ParseUrl("a%3A:b").scheme, nil, "no escape in a scheme")
eq(c.ParseUrl("x-y+z.1:b").scheme, "x-y+z.1", "scheme characters")
eq(c.ParseUrl("/a:b").scheme, nil, "':' after '/'")
-- parameters
u = c.ParseUrl("?&&a=&=b&c=d=e&")
eq(fields(u), fields({path = "", params = {{"a", ""}, {"", "b"},
  {"c", "d=e"}}}), "empty pieces skipped, first '=' splits")
u = c.ParseParams("a=1+2&b%20c&&=")
eq(fields({path = "", params = u}), fields({path = "",
  params = {{"a", "1 2"}, {"b c"}, {"", ""}}}), "ParseParams")
-- NUL and every byte go through
u = c.ParseUrl("/\0%00?\0=\0#\0")
eq(u.path, "/\0\0", "NUL in path")
eq(u.params[1][1] .. u.params[1][2] .. u.fragment, "\0\0\0", "NUL elsewhere")
-- ParseHost: an HTTP Host header, ISO-8859-1
u = c.ParseHost("example.com:8080")
eq(u.host, "example.com", "ParseHost host")
eq(u.port, "8080", "ParseHost port")
eq(c.ParseHost("[::1]:80").host, "::1", "ParseHost IPv6")
eq(c.ParseHost("h").port, nil, "ParseHost no port")
eq(c.ParseHost("\xe9").host, "\xc3\xa9", "ParseHost Latin-1")
-- EncodeUrl
eq(c.EncodeUrl({scheme = "http", host = "h", path = "/a b",
  params = {{"q", "1 2"}, {"k"}}, fragment = "f g"}),
  "http://h/a%20b?q=1%202&k#f%20g", "EncodeUrl")
eq(c.EncodeUrl({host = "::1", port = 80}), "//[::1]:80", "bracketed host")
eq(c.EncodeUrl({host = "h", path = "p"}), "//h/p", "'/' after a host")
eq(c.EncodeUrl({path = "//x"}), "/%2Fx", "no authority from a path")
eq(c.EncodeUrl({path = "a:b/c:d"}), "a%3Ab/c:d", "no scheme from a path")
eq(c.EncodeUrl({scheme = "mailto", path = "a?b"}), "mailto:a%3Fb",
  "opaque part escaped as a path")
eq(c.EncodeUrl({user = "u", path = "/"}), "/", "no authority without host")
eq(c.EncodeUrl({host = "h", pass = "p"}), "//:p@h", "pass without user")
eq(c.EncodeUrl({params = {}}), "", "no '?' for no parameters")
eq(c.EncodeUrl({}), "", "nothing")
-- }====

-- {==== escapes: each keeps what the manual (or RFC 3986) lists
local alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
local keeps = {
  EscapeFragment = "-/?.~_@:!$&'()*+,;=" .. alnum, -- the manual
  EscapeParam = "-.*_" .. alnum, -- the manual
  EscapePath = "-.~_@:!$&'()*+,;=/" .. alnum, -- the manual
  EscapeSegment = "-.~_@:!$&'()*+,;=" .. alnum, -- the manual
  -- RFC 3986 3.2: unreserved and sub-delims; ':' inside an IP literal
  EscapeHost = "-._~!$&'()*+,;=" .. alnum,
  EscapeUser = "-._~!$&'()*+,;=" .. alnum,
  EscapePass = "-._~!$&'()*+,;=" .. alnum,
  EscapeIp = "-._~!$&'()*+,;=:" .. alnum,
}
for name, keep in pairs(keeps) do
  for b = 0, 255 do
    local ch = string.char(b)
    local want = keep:find(ch, 1, true) and ch or ("%%%02X"):format(b)
    eq(c[name](ch), want, ("%s(%q)"):format(name, ch))
  end
  eq(c[name](""), "", name .. "('')")
end
-- }====

-- {==== checks of hosts, ports, paths
for s, want in pairs({[""] = true, ["1.2.3.4"] = true,
    ["1.2.3.4.arpa"] = true, ["localservice"] = true,
    ["hello.example"] = true, ["_hello.example"] = true,
    ["-hello.example"] = true, ["hi-there.example"] = true,
    ["example.com."] = true, ["::1"] = false, ["1.2.3"] = false,
    ["1.2.3.4.5"] = false, [".hi.example"] = false,
    ["hi..example"] = false, ["1.2.3.256"] = false, ["1.2.3.4."] = false,
    ["a b"] = false, ["a/b"] = false, ["h\xc3\xa9"] = false,
    [("a"):rep(253)] = true, [("a"):rep(254)] = false}) do
  eq(c.IsAcceptableHost(s), want, ("IsAcceptableHost %q"):format(s))
end
for s, want in pairs({[""] = true, ["0"] = true, ["65535"] = true,
    ["080"] = true, ["-1"] = false, ["65536"] = false, ["https"] = false,
    ["99999999999999999999"] = false, [" 80"] = false}) do
  eq(c.IsAcceptablePort(s), want, ("IsAcceptablePort %q"):format(s))
end
-- {path, IsReasonablePath, IsAcceptablePath}
for _, t in ipairs({
    {"", true, true}, {"/", true, true}, {"/a/b", true, true},
    {"/a/b/", true, true}, {"a/b", true, true}, {".", false, false},
    {"..", false, false}, {"/.", false, false}, {"/..", false, false},
    {"/a/./b", false, false}, {"/a/../b", false, false},
    {"/a/..", false, false}, {"./a", false, false}, {"../a", false, false},
    {"/a//b", true, false}, {"//a", true, false}, {"/a/b//", true, false},
    {"/.git/config", true, false}, {"/a/.hidden", true, false},
    {"/.well-known/acme", true, true}, {"/x/.well-known/a", true, false},
    {"/...", true, false}, {"/a..b", true, true}, {"/a\\..\\b", false, false},
    {"/a\\\\b", true, false}, {"/a/\xc0\xae\xc0\xae/b", false, false},
    {"/a\xc0\xafb", true, true}, {"/a\xc0\xaf\xc0\xafb", true, false},
    {"/a/\xe0\x80\xae/b", false, false}, {"/a/\xc0", true, true},
    {"/\xc3\xa9t\xc3\xa9", true, true}}) do
  eq(c.IsReasonablePath(t[1]), t[2], ("IsReasonablePath %q"):format(t[1]))
  eq(c.IsAcceptablePath(t[1]), t[3], ("IsAcceptablePath %q"):format(t[1]))
end
-- }====

-- {==== escaping then parsing gives back the component
for _ = 1, N do
  local b = bytes(math.random(0, 12))
  local b2 = bytes(math.random(0, 6))
  eq(c.ParseUrl("/" .. c.EscapeSegment(b)).path, "/" .. b, "segment")
  eq(c.ParseUrl("//h" .. c.EscapePath("/" .. b)).path, "/" .. b, "path")
  eq(c.ParseUrl("#" .. c.EscapeFragment(b)).fragment, b, "fragment")
  eq(c.ParseUrl("//" .. c.EscapeHost(b)).host, b, "host")
  eq(c.ParseUrl("//[" .. c.EscapeIp(b) .. "]").host, b, "IP literal")
  u = c.ParseUrl("//" .. c.EscapeUser(b) .. ":" .. c.EscapePass(b2) .. "@h")
  eq(u.user .. "|" .. u.pass, b .. "|" .. b2, "userinfo")
  u = c.ParseUrl("?" .. c.EscapeParam(b) .. "=" .. c.EscapeParam(b2),
    c.kUrlPlus)
  eq(u.params[1][1] .. "|" .. u.params[1][2], b .. "|" .. b2, "param")
end
-- }====

-- {==== URLs against Python's urllib.parse, and round trips
local pchar = alnum .. "-._~!$&'()*+,;=:@%"
local function piece(pool, n)
  local t = {}
  for i = 1, math.random(0, n) do
    t[i] = math.random(6) == 1 and ("%%%02X"):format(math.random(0, 255))
      or pick(pool)
  end
  return table.concat(t)
end

local function random_url()
  local t = {}
  if math.random(3) > 1 then
    t[#t + 1] = ({"http", "HTTPS", "ftp", "x-y+z.1", "a"})[math.random(5)]
      .. ":"
  end
  local r = math.random(3)
  if r == 1 then
    t[#t + 1] = "//"
    if math.random(2) == 1 then
      t[#t + 1] = piece(alnum .. "-._~!$&'()*+,;=%", 6)
      if math.random(2) == 1 then
        t[#t + 1] = ":" .. piece(alnum .. "-._~!$&'()*+,;=:%", 6)
      end
      t[#t + 1] = "@"
    end
    if math.random(4) == 1 then
      local g = {} -- an IPv6 address, the only literal urlsplit accepts
      for k = 1, math.random(2) == 1 and 8 or math.random(0, 6) do
        g[k] = from("0123456789abcdefABCDEF", math.random(1, 4))
      end
      t[#t + 1] = "[" .. (#g < 8 and "::" or "") .. table.concat(g, ":")
        .. "]"
    else
      t[#t + 1] = piece(alnum .. "-._~!$&'()*+,;=%", 10)
    end
    if math.random(2) == 1 then
      t[#t + 1] = ":" .. piece("0123456789", 5)
    end
    t[#t + 1] = "/"
  elseif r == 2 or #t > 0 then
    t[#t + 1] = "/"
  else -- a digit first: no scheme, so no opaque part (urlsplit takes a
    t[#t + 1] = pick("0123456789") -- query out of those, ParseUrl not)
  end
  t[#t + 1] = piece(pchar .. "/", 12)
  if r == 1 and math.random(4) == 1 then t[#t], t[#t - 1] = "", "" end
  if math.random(2) == 1 then
    t[#t + 1] = "?" .. piece(pchar .. "/?&&&==", 16)
  end
  if math.random(2) == 1 then
    t[#t + 1] = "#" .. piece(pchar .. "/?#", 8)
  end
  return table.concat(t)
end

do
  local urls = {}
  for i = 1, N do urls[i] = random_url() end
  local answers = oracle("url", urls)
  for i, s in ipairs(urls) do
    local got = c.ParseUrl(s, c.kUrlPlus)
    local mine = {got.scheme and hex(got.scheme:lower()) or "-",
      hex(got.user), hex(got.pass), hex(got.host), hex(got.port),
      hex(got.path), hex(got.fragment)}
    for _, p in ipairs(got.params) do
      mine[#mine + 1] = hex(p[1]) .. ":" .. hex(p[2] or "")
    end
    eq(table.concat(mine, " "), table.concat(answers[i], " "),
      ("ParseUrl %q vs urlsplit"):format(s))
  end
end

local function roundtrip(s, flags)
  local a = c.ParseUrl(s, flags)
  local e = c.EncodeUrl(a)
  local b = c.ParseUrl(e, flags)
  eq(fields(b), fields(a), ("ParseUrl(EncodeUrl(ParseUrl(%q))) via %q")
    :format(s, e))
  eq(c.EncodeUrl(b), e, "EncodeUrl is stable for " .. e)
end
for _ = 1, N do
  roundtrip(random_url())
  roundtrip(random_url(), c.kUrlPlus)
  -- anything at all: binary, opaque parts, brackets, Latin-1
  local junk = from(":/?#[]@%&=+.", math.random(0, 6)) .. bytes(math.random(
    0, 20)) .. from(":/?#[]@%&=+abc", math.random(0, 8))
  roundtrip(junk)
  roundtrip(junk, c.kUrlLatin1 | c.kUrlPlus)
end
for _, s in ipairs({"a:b", "mailto:x?y", "//", "///", "s://", "s:", ":",
    "::", "//[", "//]", "//[]", "//[::1]:", "//:", "//@", "//u:p@",
    "?", "#", "?#", "&", "?&=&", "%", "%%%", "%2", "/%2F/"}) do
  roundtrip(s)
end
-- }====

-- {==== Escape* against Python's urllib.parse.quote
do
  local inputs = {}
  for i = 1, N do inputs[i] = bytes(math.random(0, 24)) end
  local answers = oracle("quote", inputs)
  local order = {"EscapeHost", "EscapeIp", "EscapePath", "EscapeSegment",
    "EscapeFragment", "EscapeParam"}
  for i, s in ipairs(inputs) do
    for k, name in ipairs(order) do
      eq(hex(c[name](s)), answers[i][k], ("%s(%q) vs quote"):format(name, s))
    end
    eq(c.EscapeUser(s), c.EscapeHost(s), "EscapeUser as EscapeHost")
    eq(c.EscapePass(s), c.EscapeHost(s), "EscapePass as EscapeHost")
  end
end
-- }====

-- {==== HTTP dates
local MIN, MAX = -62167219200, 253402300799
eq(c.FormatHttpDateTime(0), "Thu, 01 Jan 1970 00:00:00 GMT", "epoch")
eq(c.FormatHttpDateTime(MIN), "Sat, 01 Jan 0000 00:00:00 GMT", "year 0")
eq(c.FormatHttpDateTime(MAX), "Fri, 31 Dec 9999 23:59:59 GMT", "year 9999")
eq(c.FormatHttpDateTime(-1), "Wed, 31 Dec 1969 23:59:59 GMT", "before 1970")
-- the manual's example and RFC 7231's (timestamps from Python's
-- calendar.timegm)
eq(c.ParseHttpDateTime("Mon, 29 Mar 2021 15:37:13 GMT"), 1617032233,
  "the manual's date")
eq(c.ParseHttpDateTime("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777,
  "RFC 7231's date")
eq(c.ParseHttpDateTime("Sat, 01 Jan 0000 00:00:00 GMT"), MIN, "min")
eq(c.ParseHttpDateTime("Fri, 31 Dec 9999 23:59:59 GMT"), MAX, "max")
eq(c.ParseHttpDateTime("Thu, 29 Feb 2024 00:00:00 GMT"), 1709164800,
  "Feb 29 of a leap year")
for _, bad in ipairs({"", "Sun, 06 Nov 1994 08:49:37 GMT ",
    "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:60 GMT",
    "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 31 Nov 1994 08:49:37 GMT",
    "Sun, 29 Feb 2023 08:49:37 GMT", "Sun, 29 Feb 1900 08:49:37 GMT",
    "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 19a4 08:49:37 GMT",
    "Sun, 06 Nov 1994 08:49:3  GMT", "Sun,_06 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 08:49:37 GMT\0", "Sun, +6 Nov 1994 08:49:37 GMT"}) do
  eq(c.ParseHttpDateTime(bad), nil, ("ParseHttpDateTime %q"):format(bad))
end
do
  local ts, strs = {}, {}
  for i = 1, N do
    ts[i] = math.random(-62135596800, MAX) -- Python's years: 1 to 9999
    if i % 4 == 0 then ts[i] = math.random(0, 4102444800) end -- 1970-2100
  end
  for i, t in ipairs(ts) do strs[i] = tostring(t) end
  local answers = oracle("date", strs)
  local dates = {}
  for i, t in ipairs(ts) do
    local s = c.FormatHttpDateTime(t)
    eq(hex(s), answers[i][1],
      ("FormatHttpDateTime(%d) vs formatdate"):format(t))
    eq(c.ParseHttpDateTime(s), t, "ParseHttpDateTime(FormatHttpDateTime)")
    -- Python reads years below 100 as two-digit years
    if t >= -59011459200 then dates[#dates + 1] = s end -- year 100
  end
  answers = oracle("parsedate", dates)
  for i, s in ipairs(dates) do
    eq(c.ParseHttpDateTime(s), tonumber(answers[i][1]),
      ("ParseHttpDateTime %q vs parsedate_to_datetime"):format(s))
  end
  for _ = 1, N do -- every instant of the range round-trips
    local t = math.random(MIN, MAX)
    eq(c.ParseHttpDateTime(c.FormatHttpDateTime(t)), t, "round trip " .. t)
  end
end
-- }====

-- {==== reasons, tokens, repeatable headers
eq(c.GetHttpReason(200), "OK", "200")
eq(c.GetHttpReason(404), "Not Found", "404")
eq(c.GetHttpReason(999), "", "999")
eq(c.GetHttpReason(-1), "", "-1")
eq(c.GetHttpReason(1 << 40), "", "2^40")
eq(c.GetHttpReason(0), "", "0")
do
  -- RFC 9110 renamed these; Python follows it from 3.13, moonbox keeps the
  -- RFC 7231 names the seed gives
  local renamed = {[413] = true, [414] = true, [416] = true, [422] = true}
  local codes = {}
  for code = 100, 599 do codes[#codes + 1] = tostring(code) end
  local answers = oracle("reason", codes)
  local known = 0
  for i, code in ipairs(codes) do
    local mine, theirs = c.GetHttpReason(tonumber(code)), answers[i][1]
    if theirs ~= "-" then
      assert(mine ~= "", "GetHttpReason(" .. code .. ") empty, Python knows it")
      if not renamed[tonumber(code)] then
        local want = theirs:gsub("%x%x", function(h)
          return string.char(tonumber(h, 16))
        end):lower()
        eq(mine:lower(), want, "GetHttpReason " .. code .. " vs HTTPStatus")
      end
      known = known + 1
    end
  end
  assert(known >= 60, "Python's HTTPStatus codes: " .. known)
end
for s, want in pairs({["Content-Type"] = true, ["x"] = true,
    ["!#$%&'*+-.^_`|~09azAZ"] = true, [""] = false, ["a b"] = false,
    ["a:b"] = false, ["a\0"] = false, ["\x80"] = false, ["a\t"] = false,
    ["(a)"] = false, ["a/b"] = false, ["a=b"] = false, ['"a"'] = false,
    ["a,b"] = false, ["a;b"] = false, ["{a}"] = false, ["[a]"] = false,
    ["a?"] = false, ["a@b"] = false, ["a\\b"] = false, ["<a>"] = false,
    ["a\127"] = false}) do
  eq(c.IsValidHttpToken(s), want, ("IsValidHttpToken %q"):format(s))
end
for s, want in pairs({["Accept"] = true, ["accept-ENCODING"] = true,
    ["Cache-Control"] = true, ["Vary"] = true, ["Via"] = true,
    ["X-Forwarded-For"] = true, ["TE"] = true, ["te"] = true,
    ["Access-Control-Request-Headers"] = true, ["Content-Type"] = false,
    ["Set-Cookie"] = false, ["Connection"] = false, ["Host"] = false,
    ["Content-Length"] = false, [""] = false, ["Accept "] = false,
    ["Accep"] = false, ["Accept\0"] = false}) do
  eq(c.IsHeaderRepeatable(s), want, ("IsHeaderRepeatable %q"):format(s))
end
-- }====

print("cosmo_net: ok")
