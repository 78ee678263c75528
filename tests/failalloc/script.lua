-- script.lua: a little of everything, run by tests/failalloc.sh with one
-- allocation failing at each step. See LICENSE.
local t = {}
for i = 1, 50 do t[#t + 1] = string.format("%d:%s", i, ("x"):rep(i)) end
table.sort(t)
local s = table.concat(t, ","):gsub("x+", function(x) return #x end)
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
assert(co(1) == 2 and co(5) == 10)
local ok = pcall(error, setmetatable({}, {__tostring = function() return "e" end}))
local argon2 = require "argon2"
local h = argon2.hash_encoded("pw", "saltsalt", {t_cost = 1, m_cost = 8})
assert(argon2.verify(h, "pw"))
local f = io.tmpfile() f:write(s) f:seek("set") assert(#f:read("a") == #s) f:close()
local unix = require "unix" -- /zip/ through unix: a descriptor, a listing
local zfd = assert(unix.open("/zip/.lua/moonbox.lua"))
assert(#unix.read(zfd) > 0 and unix.fstat(zfd):size() > 0) unix.close(zfd)
for name in assert(unix.opendir("/zip/.lua")) do assert(unix.stat("/zip/.lua/" .. name)) end
local cosmo = require "cosmo" -- one call or two of each group's bindings
local j = cosmo.DecodeJson(cosmo.EncodeJson({a = {1, 2.5, "x"}, b = true}))
assert(j.a[3] == "x" and load("return " .. cosmo.EncodeLua(j))().b)
assert(cosmo.Inflate(cosmo.Deflate(s), #s) == s and cosmo.DecodeBase64(cosmo.EncodeBase64(s)) == s)
assert(#cosmo.Sha256(s) == 32 and #cosmo.GetCryptoHash("SHA512", s, "k") == 64)
assert(cosmo.EncodeUrl(cosmo.ParseUrl("http://u@h:8/a?b=1#f")) == "http://u@h:8/a?b=1#f")
assert(cosmo.FormatIp(cosmo.ParseIp("127.0.0.2")) == "127.0.0.2"
  and cosmo.ParseHttpDateTime(cosmo.FormatHttpDateTime(0)) == 0)
assert(cosmo.re.search("([a-z]+)=([0-9]+)", "x k=42") == "k=42" and cosmo.VisualizeControlCodes("a\1b") ~= "")
local g = cosmo.getopt.new({"-v", "-o", "x", "y"}, "vo:")
assert(g:next() == "v" and select(2, g:next()) == "x" and g:next() == nil and g:remaining()[1] == "y")
assert(#cosmo.Slurp("/zip/.lua/moonbox.lua") > 0)
local zlib, system, term = require "zlib", require "system", require "term"
assert(zlib.inflate()(zlib.deflate()(s, "finish")) == s and #system.random(8) == 8)
assert(zlib.decompress((zlib.compress(s:rep(50)))) == s:rep(50))
assert(system.getenvs() and system.gettime() > 0 and term.colors.red("x") == "\27[31mx\27[0m")
print("done", #s, ok)
