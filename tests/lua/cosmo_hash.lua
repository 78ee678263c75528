-- cosmo_hash.lua: the hash group of cosmo (digests, GetCryptoHash and
-- HMAC, Crc32, Crc32c, HighwayHash64, Lemur64, Rand64, UUIDs,
-- GetRandomBytes, MeasureEntropy, Popcnt, Bsf, Bsr): published vectors,
-- argument errors, the manual's edge cases, and agreement with python3's
-- hashlib, hmac, zlib and math on random inputs of random lengths 0..4096.
-- See LICENSE.
local check = dofile("tests/lua/check.lua")
local cosmo = require("cosmo")
local unix = require("unix")
local eq, checkerror = check.eq, check.checkerror
local hex = cosmo.EncodeHex

-- Lemur64 first, while its sequence is at its start
local lemur = {}
for i = 1, 5 do lemur[i] = cosmo.Lemur64() end

-- python3 as the oracle: the script reads lines, answers lines
local function python(script, lines)
  return check.lines(check.python(script, table.concat(lines, "\n") .. "\n"))
end

-- {==== digests: FIPS 180-4 and RFC 1321 examples
eq(hex(cosmo.Md5("")), "d41d8cd98f00b204e9800998ecf8427e", "Md5('')")
eq(hex(cosmo.Md5("message digest")), "f96b697d7cb7938d525a2f31aaf161d0", "Md5")
eq(hex(cosmo.Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d", "Sha1")
eq(hex(cosmo.Sha224("abc")),
  "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", "Sha224")
eq(hex(cosmo.Sha256("abc")),
  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "Sha256")
eq(hex(cosmo.Sha384("abc")),
  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed" ..
  "8086072ba1e7cc2358baeca134c825a7", "Sha384")
eq(hex(cosmo.Sha512("abc")),
  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a" ..
  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", "Sha512")
for name, size in pairs({Md5 = 16, Sha1 = 20, Sha224 = 28, Sha256 = 32,
    Sha384 = 48, Sha512 = 64}) do
  eq(#cosmo[name]("x"), size, name .. " size")
  checkerror("string expected", cosmo[name], nil)
  checkerror("string expected", cosmo[name], {})
end
eq(cosmo.Sha256(123), cosmo.Sha256("123"), "a number is its string")

-- GetCryptoHash: every name the manual lists, any case; "" key: no HMAC
for name, f in pairs({MD5 = cosmo.Md5, SHA1 = cosmo.Sha1, SHA224 = cosmo.Sha224,
    SHA256 = cosmo.Sha256, SHA384 = cosmo.Sha384, SHA512 = cosmo.Sha512}) do
  eq(cosmo.GetCryptoHash(name, "abc"), f("abc"), "GetCryptoHash " .. name)
  eq(cosmo.GetCryptoHash(name:lower(), "abc"), f("abc"), "lower " .. name)
  eq(cosmo.GetCryptoHash(name, "abc", ""), f("abc"), "empty key " .. name)
end
eq(cosmo.GetCryptoHash("SHA", "abc"), cosmo.Sha1("abc"), "SHA is SHA1")
eq(hex(cosmo.GetCryptoHash("BLAKE2B256", "abc")),
  "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
  "BLAKE2B256")
-- RFC 4231 test case 2
eq(hex(cosmo.GetCryptoHash("SHA256", "what do ya want for nothing?", "Jefe")),
  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  "HMAC-SHA256")
checkerror("unknown hash type", cosmo.GetCryptoHash, "SHA3", "x")
checkerror("unknown hash type", cosmo.GetCryptoHash, "SHA256\0", "x")
checkerror("unknown hash type", cosmo.GetCryptoHash, "MD4", "x")
checkerror("string expected", cosmo.GetCryptoHash, "MD5")
checkerror("string expected", cosmo.GetCryptoHash, "MD5", "x", {})
-- }====

-- {==== checksums
eq(cosmo.Crc32(0, "123456789"), 0xcbf43926, "Crc32 check value")
eq(cosmo.Crc32(0, ""), 0, "Crc32 of nothing")
eq(cosmo.Crc32(cosmo.Crc32(0, "1234"), "56789"), 0xcbf43926, "Crc32 chained")
eq(cosmo.Crc32(0x100000000 + 5, "ab"), cosmo.Crc32(5, "ab"), "initial mod 2^32")
eq(cosmo.Crc32(-1, "ab"), cosmo.Crc32(0xffffffff, "ab"), "initial -1")
checkerror("number expected", cosmo.Crc32, nil, "x")
checkerror("string expected", cosmo.Crc32, 0)
-- RFC 3720 B.4
eq(cosmo.Crc32c(0, ("\0"):rep(32)), 0x8a9136aa, "Crc32c 32 zeros")
eq(cosmo.Crc32c(0, ("\xff"):rep(32)), 0x62a8ab43, "Crc32c 32 0xff")
local up, down = {}, {}
for i = 0, 31 do
  up[#up + 1], down[#down + 1] = string.char(i), string.char(31 - i)
end
eq(cosmo.Crc32c(0, table.concat(up)), 0x46dd794e, "Crc32c ascending")
eq(cosmo.Crc32c(0, table.concat(down)), 0x113fdb5c, "Crc32c descending")
eq(cosmo.Crc32c(0, "123456789"), 0xe3069283, "Crc32c check value")
eq(cosmo.Crc32c(cosmo.Crc32c(0, "1234"), "56789"), 0xe3069283, "Crc32c chained")
checkerror("number expected", cosmo.Crc32c, "x")

-- HighwayHash's published vectors (key 0x0706050403020100..., bytes 0, 1,
-- 2, ...) and the key {1, 2, 3, 4} case
local key = {0x0706050403020100, 0x0F0E0D0C0B0A0908, 0x1716151413121110,
  0x1F1E1D1C1B1A1918}
local hh = {[0] = 0x907A56DE22C26E53, [1] = 0x7EAB43AAC7CDDD78,
  [3] = 0x5C6BEFAB8A463D80, [16] = 0xCFAB3489F97EB832,
  [31] = 0x9FC7007CCF035A68, [32] = 0xA0C964D9ECD580FC,
  [33] = 0x2C90F73CA03181FC, [63] = 0xAB8EEBE9BF2139A0,
  [64] = 0x75542C5D4CD2A6FF}
local bytes64 = {}
for i = 0, 63 do bytes64[#bytes64 + 1] = string.char(i) end
bytes64 = table.concat(bytes64)
for n, want in pairs(hh) do
  eq(cosmo.HighwayHash64(bytes64:sub(1, n), table.unpack(key)),
    want, "HighwayHash64 of " .. n .. " bytes")
end
eq(cosmo.HighwayHash64("\xff", 1, 2, 3, 4), 0x7858f24d2d79b2b2,
  "HighwayHash64 key 1234")
eq(cosmo.HighwayHash64("abc"), cosmo.HighwayHash64("abc", 0, 0, 0, 0),
  "absent key words are 0")
eq(cosmo.HighwayHash64("abc", nil, nil, nil, 4),
  cosmo.HighwayHash64("abc", 0, 0, 0, 4),
  "nil key words are 0")
checkerror("number expected", cosmo.HighwayHash64, "x", "y")
checkerror("string expected", cosmo.HighwayHash64)
-- }====

-- {==== bits: every answer against a loop over the 64 bits
local function bits(x)
  local t = {}
  for i = 0, 63 do t[i] = (x >> i) & 1 end
  return t
end
for _, x in ipairs({1, 2, 3, 8, 255, 256, 0x5555, -1, -2, math.maxinteger,
    math.mininteger, 0x0123456789abcdef, 1 << 40}) do
  local b, count, low, high = bits(x), 0, nil, nil
  for i = 0, 63 do
    if b[i] == 1 then
      count = count + 1
      low = low or i
      high = i
    end
  end
  eq(cosmo.Popcnt(x), count, "Popcnt(" .. x .. ")")
  eq(cosmo.Bsf(x), low, "Bsf(" .. x .. ")")
  eq(cosmo.Bsr(x), high, "Bsr(" .. x .. ")")
end
eq(cosmo.Popcnt(0), 0, "Popcnt(0)")
eq(cosmo.Bsr(1), 0, "Bsr(1)")
checkerror("zero", cosmo.Bsf, 0)
checkerror("zero", cosmo.Bsr, 0)
checkerror("number has no integer representation", cosmo.Popcnt, 0.5)
checkerror("number expected", cosmo.Bsr, "x")
-- }====

-- {==== random numbers and UUIDs
-- Lemur64: Cosmopolitan's sequence (x *= 15750249268501108917 mod 2^128
-- from 2131259787901769494, the high half), computed by python3
local want = python([[
x = 2131259787901769494
for _ in range(5):
    x = x * 15750249268501108917 % 2**128
    v = x >> 64
    print(v - 2**64 if v >= 2**63 else v)
]], {})
for i = 1, 5 do
  eq(lemur[i], math.tointeger(tonumber(want[i])), "Lemur64 #" .. i)
end

local seen = {}
for _ = 1, 1000 do
  local r = cosmo.Rand64()
  assert(math.type(r) == "integer", "Rand64 gives integers")
  assert(not seen[r], "Rand64 repeated a value")
  seen[r] = true
end
-- after fork the child draws other numbers than the parent
local rd, wr = assert(unix.pipe())
local pid = assert(unix.fork())
if pid == 0 then
  unix.close(rd)
  unix.write(wr, string.pack("<i8", cosmo.Rand64()))
  unix.exit(0)
end
unix.close(wr)
local theirs = string.unpack("<i8", assert(unix.read(rd, 8)))
unix.close(rd)
unix.wait(pid)
assert(theirs ~= cosmo.Rand64(), "parent and child share a Rand64 sequence")

local x4, x12 = ("%x"):rep(4), ("%x"):rep(12)
local v4 = "^" .. x4 .. x4 .. "%-" .. x4 .. "%-4%x%x%x%-[89ab]%x%x%x%-" ..
  x12 .. "$"
seen = {}
for _ = 1, 1000 do
  local u = cosmo.UuidV4()
  assert(u:match(v4), "UuidV4 layout: " .. u)
  assert(not seen[u], "UuidV4 repeated")
  seen[u] = true
end
local v7 = "^(" .. x4 .. x4 .. ")%-(" .. x4 .. ")%-7%x%x%x%-[89ab]%x%x%x%-" ..
  x12 .. "$"
local function now_ms()
  local s, ns = unix.clock_gettime(unix.CLOCK_REALTIME)
  return s * 1000 + ns // 1000000
end
local before, prev = now_ms(), ""
for _ = 1, 1000 do
  local u = cosmo.UuidV7()
  local hi, lo = u:match(v7)
  assert(hi, "UuidV7 layout: " .. u)
  local ms = tonumber(hi .. lo, 16)
  assert(ms >= before and ms <= now_ms() + 1, "UuidV7 time " .. ms ..
    " outside [" .. before .. ", now]")
  assert(u > prev, "UuidV7 increases: " .. prev .. " then " .. u)
  prev = u
end

eq(#cosmo.GetRandomBytes(), 16, "GetRandomBytes() is 16 bytes")
eq(#cosmo.GetRandomBytes(1), 1, "GetRandomBytes(1)")
eq(#cosmo.GetRandomBytes(256), 256, "GetRandomBytes(256)")
assert(cosmo.GetRandomBytes(32) ~= cosmo.GetRandomBytes(32), "random differs")
checkerror("not in range 1..256", cosmo.GetRandomBytes, 0)
checkerror("not in range 1..256", cosmo.GetRandomBytes, 257)
checkerror("not in range 1..256", cosmo.GetRandomBytes, -1)
checkerror("number expected", cosmo.GetRandomBytes, "x")
local noise = {}
for i = 1, 64 do noise[i] = cosmo.GetRandomBytes(256) end
local e = cosmo.MeasureEntropy(table.concat(noise))
assert(e > 7.9 and e <= 8, "entropy of 16 KiB from getrandom: " .. e)
eq(cosmo.MeasureEntropy(""), 0.0, "entropy of nothing")
eq(cosmo.MeasureEntropy("aaaa"), 0.0, "entropy of one symbol")
eq(cosmo.MeasureEntropy("abab"), 1.0, "entropy of two symbols")
checkerror("string expected", cosmo.MeasureEntropy)
-- }====

-- {==== agreement with python3 on random inputs
local seed = os.time()
math.randomseed(seed)
local function random_bytes(n)
  local t = {}
  for i = 1, n do t[i] = string.char(math.random(0, 255)) end
  return table.concat(t)
end
local algos = {"MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512",
  "BLAKE2B256"}
local cases, lines = {}, {}
for i = 1, 300 do
  local c = {data = random_bytes(i <= 3 and i - 1 or math.random(0, 4096)),
    key = random_bytes(math.random(0, 300)), init = math.random(0, 0xffffffff)}
  cases[i] = c
  lines[i] = (#c.data > 0 and hex(c.data) or "-") .. " " ..
    (#c.key > 0 and hex(c.key) or "-") .. " " .. c.init
end
local got = python([[
import hashlib, hmac, math, sys, zlib
def new(name):
    return lambda d=b'': hashlib.blake2b(d, digest_size=32) \
        if name == 'blake2b256' else hashlib.new(name, d)
for line in sys.stdin:
    d, k, init = line.split()
    d, k = (bytes.fromhex(x) if x != '-' else b'' for x in (d, k))
    out = []
    for name in ('md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512',
                 'blake2b256'):
        out.append(new(name)(d).hexdigest())
        out.append(hmac.new(k, d, new(name)).hexdigest() if k
                   else new(name)(d).hexdigest())
    e = 0.0
    for c in range(256):
        n = d.count(c)
        if n:
            e -= n / len(d) * math.log2(n / len(d))
    out += [str(zlib.crc32(d, int(init))), repr(e)]
    print(' '.join(out))
]], lines)
eq(#got, #cases, "python3 answered for every input")
for i, c in ipairs(cases) do
  local what = " of random input " .. i .. " (seed " .. seed .. ", " ..
    #c.data .. " bytes, key " .. #c.key .. ")"
  local f = {}
  for w in got[i]:gmatch("%S+") do f[#f + 1] = w end
  for j, name in ipairs(algos) do
    eq(hex(cosmo.GetCryptoHash(name, c.data)), f[2 * j - 1], name .. what)
    eq(hex(cosmo.GetCryptoHash(name, c.data, c.key)), f[2 * j],
      "HMAC-" .. name .. what)
  end
  eq(hex(cosmo.Md5(c.data)), f[1], "Md5" .. what)
  eq(hex(cosmo.Sha1(c.data)), f[3], "Sha1" .. what)
  eq(hex(cosmo.Sha224(c.data)), f[5], "Sha224" .. what)
  eq(hex(cosmo.Sha256(c.data)), f[7], "Sha256" .. what)
  eq(hex(cosmo.Sha384(c.data)), f[9], "Sha384" .. what)
  eq(hex(cosmo.Sha512(c.data)), f[11], "Sha512" .. what)
  eq(cosmo.Crc32(c.init, c.data), math.tointeger(tonumber(f[15])),
    "Crc32" .. what)
  local ent = cosmo.MeasureEntropy(c.data)
  assert(math.abs(ent - tonumber(f[16])) < 1e-9, "MeasureEntropy" .. what ..
    ": " .. ent .. " vs " .. f[16])
  -- CRC-32C chains across any cut
  local cut = math.random(0, #c.data)
  eq(cosmo.Crc32c(cosmo.Crc32c(c.init, c.data:sub(1, cut)),
      c.data:sub(cut + 1)),
    cosmo.Crc32c(c.init, c.data), "Crc32c chained" .. what)
end
-- }====
