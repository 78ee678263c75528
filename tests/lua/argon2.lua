-- argon2.lua: the built-in argon2 module against lua-argon2 3.x's API,
-- defaults, error regimes and known vectors. See LICENSE.
local T = dofile("tests/lua/check.lua")
local argon2 = require "argon2"
local V = argon2.variants
local checkerror, eq = T.checkerror, T.eq

-- module fields and variants
eq(argon2._VERSION, "3.0.1", "_VERSION")
eq(type(V), "table", "variants")
for _, k in ipairs{"argon2_i", "argon2_d", "argon2_id"} do
  eq(type(V[k]), "userdata", "variants." .. k)
end

-- defaults (Cosmopolitan's: argon2id, m=4096, t=3, p=1, 32-byte hash)
local h = assert(argon2.hash_encoded("password", "somesalt"))
eq(h, "$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$"
  .. "qLml5cbqFAO6YxVHhrSBHP0UWdxrIxkNcM8aMX3blzU", "default hash")
assert(not h:find("\0", 1, true), "no trailing NUL")
eq(argon2.t_cost(), 3, "default t_cost")
eq(argon2.m_cost(), 4096, "default m_cost")
eq(argon2.parallelism(), 1, "default parallelism")
eq(argon2.hash_len(), 32, "default hash_len")

-- reference vectors: argon2i and argon2id from the library's test.c,
-- argon2d as Debian's argon2 CLI prints it
local function vec(variant, want)
  local got = assert(argon2.hash_encoded("password", "somesalt",
    {t_cost = 2, m_cost = 65536, parallelism = 1, variant = variant}))
  eq(got, want, "vector")
  eq(argon2.verify(want, "password"), true, "verify vector")
  eq(argon2.verify(want, "passwore"), false, "verify wrong password")
end
vec(V.argon2_i, "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$"
  .. "wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA")
vec(V.argon2_id, "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$"
  .. "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")
vec(V.argon2_d, "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$"
  .. "lV5dWxY6G2C7o1/DbQSWR0+6T2tZrVNihmbwf7L5Pq8")

-- options and the encoded parameters they produce
local function opts(o, pat)
  local e = assert(argon2.hash_encoded("password", "somesalt", o))
  assert(e:find(pat, 1, true), "expected " .. pat .. " in " .. e)
  eq(argon2.verify(e, "password"), true, "verify " .. pat)
  return e
end
opts({t_cost = 4}, "m=4096,t=4,p=1$")
opts({m_cost = 13}, "m=13,t=3,p=1$")
opts({m_cost = 24, t_cost = 4, parallelism = 2}, "m=24,t=4,p=2$")
opts({t_cost = "2"}, "t=2,")          -- numeric strings count as numbers
opts({t_cost = 2.9}, "t=2,")          -- fractions truncate
local h64 = opts({hash_len = 64}, "$argon2id$")
eq(#h64:match("[^$]+$"), 86, "64-byte hash in base64")
opts({variant = V.argon2_i}, "$argon2i$")
opts({variant = V.argon2_d}, "$argon2d$")
eq(#assert(argon2.hash_encoded("p", ("salt"):rep(8))), 117, "long salt")

-- binary passwords and salts: NUL bytes are data, not terminators
local a = assert(argon2.hash_encoded("pa\0ss", "salt\0\0\0\0salt"))
local b = assert(argon2.hash_encoded("pa", "salt\0\0\0\0salt"))
assert(a ~= b, "NUL in password is hashed")
eq(argon2.verify(a, "pa\0ss"), true, "verify NUL password")
eq(argon2.verify(a, "pa"), false, "prefix before NUL does not verify")

-- misuse raises, with lua-argon2's messages (Lua 5.4 names the function
-- as found in package.loaded: argon2.NAME)
checkerror("bad argument #1 to 'argon2.hash_encoded' (string expected, got nil)",
  argon2.hash_encoded, nil)
checkerror("bad argument #2 to 'argon2.hash_encoded' (string expected, got nil)",
  argon2.hash_encoded, "", nil)
checkerror("bad argument #3 to 'argon2.hash_encoded' (expected to be a table)",
  argon2.hash_encoded, "", "", "")
for _, k in ipairs{"t_cost", "m_cost", "parallelism", "hash_len"} do
  checkerror("bad argument #3 to 'argon2.hash_encoded' (expected " .. k
    .. " to be a number, got string)", argon2.hash_encoded, "", "", {[k] = ""})
  checkerror("bad argument #1 to 'argon2." .. k .. "' (expected " .. k
    .. " to be a number, got table)", argon2[k], {})
  checkerror("expecting no more than 1 arguments, but got 2", argon2[k], 1, 2)
end
checkerror("expecting no more than 3 arguments, but got 4",
  argon2.hash_encoded, "", "", {}, "")
checkerror("(expected variant to be a number, got string)",
  argon2.hash_encoded, "", "", {variant = ""})
checkerror("bad argument #1 to 'argon2.variant' (userdata expected, got nil)",
  argon2.variant, nil)
checkerror("expecting 2 arguments, but got 1", argon2.verify, nil)
checkerror("expecting 2 arguments, but got 3", argon2.verify, "", "", "")
checkerror("bad argument #1 to 'argon2.verify' (string expected, got nil)",
  argon2.verify, nil, nil)
checkerror("bad argument #2 to 'argon2.verify' (string expected, got nil)",
  argon2.verify, "", nil)

-- what the library refuses comes back as nil, message
local function refused(msg, o, salt)
  local e, err = argon2.hash_encoded("password", salt or "somesalt", o)
  eq(e, nil, msg .. ": result")
  eq(err, msg, "message")
end
refused("Salt is too short", nil, "")
refused("Salt is too short", nil, "abcdefg")
refused("Time cost is too small", {t_cost = 0})
refused("Time cost is too small", {t_cost = -1})
refused("Time cost is too large", {t_cost = 2^32})
refused("Memory cost is too small", {m_cost = 7})
refused("Memory cost is too small", {m_cost = 15, parallelism = 2})
refused("Memory cost is too large", {m_cost = 2^40})
refused("Too few lanes", {parallelism = 0})
refused("Too many lanes", {parallelism = 2^24, m_cost = 2^31})
refused("Output is too short", {hash_len = 3})
refused("Output is too long", {hash_len = 2^33})
refused("Time cost is too small", {t_cost = 0/0})
-- more memory than the machine has: an error, never an OOM kill
refused("Memory allocation error", {m_cost = 2^32 - 1, t_cost = 1})

-- module settings apply to later calls, options still win
eq(argon2.t_cost(4), 4, "t_cost setter")
opts(nil, "m=4096,t=4,p=1$")
opts({t_cost = 2}, "m=4096,t=2,p=1$")
argon2.t_cost(3)
eq(argon2.m_cost(24), 24, "m_cost setter")
opts(nil, "m=24,t=3,p=1$")
eq(argon2.parallelism(2), 2, "parallelism setter")
opts(nil, "m=24,t=3,p=2$")
argon2.parallelism(1)
argon2.m_cost(4096)
eq(argon2.hash_len(64), 64, "hash_len setter")
eq(#assert(argon2.hash_encoded("password", "somesalt")):match("[^$]+$"), 86,
  "hash_len default used")
argon2.hash_len(32)
eq(argon2.variant(V.argon2_i), V.argon2_i, "variant setter returns it")
opts(nil, "$argon2i$v=19$m=4096,t=3,p=1$")
opts({variant = V.argon2_d}, "$argon2d$")
argon2.variant(V.argon2_id)
eq(argon2.t_cost(-5), 0, "negative setter clamps to 0")
refused("Time cost is too small", nil)
argon2.t_cost(3)

-- verify: errors are nil, message; mismatch is false, message
local ok, err = argon2.verify("$argon2i$v=19$m=4096,t=3,p=1c29tZXNhbHQ$"
  .. "iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A", "")
eq(ok, nil, "undecodable: result")
eq(err, "Decoding failed", "undecodable: message")
ok, err = argon2.verify(h, "wrong")
eq(ok, false, "mismatch")
eq(err, "The password does not match the supplied hash", "mismatch message")
eq(select("#", argon2.verify(h, "wrong")), 2, "mismatch returns two values")
-- a hostile string asking for 4 TiB is refused, not attempted
ok, err = argon2.verify("$argon2id$v=19$m=4294967295,t=1,p=1$c29tZXNhbHQ$"
  .. "qLml5cbqFAO6YxVHhrSBHP0UWdxrIxkNcM8aMX3blzU", "password")
eq(ok, nil, "huge m in verify")
eq(err, "Memory allocation error", "huge m message")

-- every truncation of a valid encoded string is refused, never accepted:
-- nil, message while it does not decode; once at least 12 hash bytes are
-- left it decodes as a shorter hash, which is a plain mismatch
local decodes = 0
for i = 0, #h - 1 do
  local r, e = argon2.verify(h:sub(1, i), "password")
  assert(r == false or (r == nil and type(e) == "string"),
    "truncation at " .. i .. ": expected false or nil, message; got "
    .. tostring(r) .. ", " .. tostring(e))
  if r == false then decodes = decodes + 1 end
end
assert(decodes > 0, "some truncations should decode as shorter hashes")
-- and a flipped hash character is a mismatch or a decode error
local flipped = h:sub(1, -2) .. (h:sub(-1) == "A" and "B" or "A")
assert(argon2.verify(flipped, "password") ~= true, "flipped hash")

-- the matrix is the script's memory: MOONBOX_MEMLIMIT counts it (issue 11).
-- In a child under a 24M limit: 1 GiB (m_cost 2^20) asked by hash_encoded
-- or by a hostile encoded string raises "not enough memory" and the peak
-- RSS stays far below; 16 MiB fits once the garbage is collected.
local exe = assert(arg and arg[-1], "the interpreter's path in arg[-1]")
local child = os.tmpname()
assert(io.open(child, "w")):write([=[
local argon2 = require "argon2"
print(pcall(argon2.hash_encoded, "password", "somesalt",
  {m_cost = 2^20, t_cost = 1}))
print(pcall(argon2.verify, "$argon2id$v=19$m=1048576,t=1,p=1$c29tZXNhbHQ$"
  .. "qLml5cbqFAO6YxVHhrSBHP0UWdxrIxkNcM8aMX3blzU", "password"))
local junk = {} for i = 1, 12 do junk[i] = string.rep("x", 1e6) end
junk = nil -- 12 MB of garbage: the 16 MiB matrix fits only once it goes
print(#assert(argon2.hash_encoded("password", "somesalt",
  {m_cost = 2^14, t_cost = 1})))
local st = io.open("/proc/self/status")
local kb = st and tonumber(st:read("a"):match("VmHWM:%s*(%d+)"))
print(kb == nil and "no VmHWM" or kb < 100000 and "peak ok" or kb .. " kB")
]=]):close()
local p = io.popen("MOONBOX_MEMLIMIT=24M '" .. exe .. "' " .. child .. " 2>&1")
local got = p:read("a")
p:close()
os.remove(child)
local want = "false\tnot enough memory\nfalse\tnot enough memory\n"
  .. "%d+\n(.-)\n$"
local peak = got:match("^" .. want)
assert(peak, "memory-limited child: got " .. got)
if peak == "no VmHWM" then
  io.stderr:write("argon2.lua: peak RSS not checked (no VmHWM in /proc)\n")
else
  eq(peak, "peak ok", "peak RSS under MOONBOX_MEMLIMIT=24M")
end

print("argon2: ok")
