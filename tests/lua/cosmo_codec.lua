-- cosmo_codec.lua: the codec group of cosmo (Base64, Base32, Hex,
-- Latin1, Deflate/Inflate, Compress/Uncompress): RFC 4648's vectors, the
-- manual's examples, argument errors, damaged and hostile input, and
-- agreement with python3's base64, binascii and zlib on random inputs of
-- random lengths 0..4096, both directions. See LICENSE.
local check = dofile("tests/lua/check.lua")
local cosmo = require("cosmo")
local eq, checkerror = check.eq, check.checkerror

-- {==== RFC 4648 section 10
local plain = {"", "f", "fo", "foo", "foob", "fooba", "foobar"}
local b64 = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"}
local b32 = {"", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB",
  "MZXW6YTBOI======"}
local b32hex = {"", "CO======", "CPNG====", "CPNMU===", "CPNMUOG=",
  "CPNMUOJ1", "CPNMUOJ1E8======"}
local b16 = {"", "66", "666F", "666F6F", "666F6F62", "666F6F6261",
  "666F6F626172"}
local RFC32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
local HEX32 = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
local CROCK = "0123456789abcdefghjkmnpqrstvwxyz"
-- Crockford's spelling of base32hex digits (the same 5-bit values)
local function crockford(s)
  return (s:gsub("=", ""):gsub(".", function(c)
    local i = HEX32:find(c, 1, true)
    return CROCK:sub(i, i)
  end))
end
for i, p in ipairs(plain) do
  eq(cosmo.EncodeBase64(p), b64[i], "EncodeBase64 " .. p)
  eq(cosmo.DecodeBase64(b64[i]), p, "DecodeBase64 " .. b64[i])
  eq(cosmo.EncodeBase32(p, RFC32), (b32[i]:gsub("=", "")), "base32 " .. p)
  eq(cosmo.DecodeBase32(b32[i], RFC32), p, "base32 decode " .. b32[i])
  eq(cosmo.EncodeBase32(p, HEX32), (b32hex[i]:gsub("=", "")), "base32hex " .. p)
  eq(cosmo.EncodeBase32(p), crockford(b32hex[i]), "crockford " .. p)
  eq(cosmo.DecodeBase32(crockford(b32hex[i])), p, "crockford decode " .. p)
  eq(cosmo.EncodeHex(p), b16[i]:lower(), "EncodeHex " .. p)
  eq(cosmo.DecodeHex(b16[i]), p, "DecodeHex " .. b16[i])
  eq(cosmo.DecodeHex(b16[i]:lower()), p, "DecodeHex lower " .. b16[i])
end
-- }====

-- {==== base64 and base32: the manual's permissive decoding
eq(cosmo.DecodeBase64(" Zm9v\r\nYm Fy\t"), "foobar", "white space ignored")
eq(cosmo.DecodeBase64("Zm9vYg"), "foob", "padding optional")
eq(cosmo.DecodeBase64("-_-_"), "\xfb\xff\xbf", "URL alphabet")
eq(cosmo.DecodeBase64("+/+/"), "\xfb\xff\xbf", "standard alphabet")
eq(cosmo.DecodeBase64("Zg==Zm8="), "ffo", "groups after padding")
eq(cosmo.DecodeBase64("!!!"), "", "nothing of the alphabet")
eq(cosmo.EncodeBase64(nil), nil, "EncodeBase64(nil)")
eq(cosmo.DecodeBase64(nil), nil, "DecodeBase64(nil)")
eq(select("#", cosmo.EncodeBase64()), 0, "EncodeBase64() returns nothing")
eq(cosmo.EncodeBase64(12), "MTI=", "a number is its string")
checkerror("string expected", cosmo.EncodeBase64, {})

eq(cosmo.DecodeBase32("CSQPY-RK1E8"), "foobar", "Crockford: upper case, dash")
eq(cosmo.DecodeBase32("csqp yrkie8"), "foobar", "Crockford: blank, i as 1")
eq(cosmo.DecodeBase32("csqpyrkLe8"), "foobar", "Crockford: L as 1")
eq(cosmo.DecodeBase32("oooo"), "\0\0", "Crockford: o as 0")
eq(cosmo.DecodeBase32("csqp!yrk1e8"), "fo", "stops outside the alphabet")
eq(cosmo.DecodeBase32("csqpu"), "fo", "u is outside Crockford's alphabet")
eq(cosmo.EncodeBase32("foobar", ""), cosmo.EncodeBase32("foobar"),
  "an empty alphabet is the default")
eq(cosmo.EncodeBase32("\xa5", "01"), "10100101", "a 2-character alphabet")
eq(cosmo.DecodeBase32("10100101", "01"), "\xa5", "decode with 2 characters")
eq(cosmo.EncodeBase32("\xff\x00", "0123"), "33330000", "4 characters")
local b64alpha = RFC32:sub(1, 26) .. "abcdefghijklmnopqrstuvwxyz0123456789+/"
for _, p in ipairs(plain) do
  eq(cosmo.EncodeBase32(p, b64alpha), (cosmo.EncodeBase64(p):gsub("=", "")),
    "a 64-character alphabet is unpadded base64: " .. p)
end
local a128 = {}
for i = 0, 127 do a128[#a128 + 1] = string.char(i + 128) end
a128 = table.concat(a128)
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
eq(#cosmo.EncodeBase32(all, a128), (256 * 8 + 6) // 7, "128 characters: 7 bits")
eq(cosmo.DecodeBase32(cosmo.EncodeBase32(all, a128), a128), all,
  "128-character round trip")
checkerror("alphabet length is not a power of 2", cosmo.EncodeBase32, "x",
  "012")
checkerror("alphabet length is not a power of 2", cosmo.DecodeBase32, "x", "0")
checkerror("alphabet length is not a power of 2", cosmo.EncodeBase32, "x",
  a128 .. a128)
checkerror("repeated character", cosmo.EncodeBase32, "x", "0120")
checkerror("bad argument #2 to 'cosmo.EncodeBase32'", cosmo.EncodeBase32,
  "x", {})
checkerror("string expected", cosmo.DecodeBase32, nil)
-- }====

-- {==== hex and Latin-1
checkerror("hex string length uneven", cosmo.DecodeHex, "abc")
checkerror("hex string has non-hex character", cosmo.DecodeHex, "zz")
checkerror("hex string has non-hex character", cosmo.DecodeHex, "0 ")
checkerror("string expected", cosmo.EncodeHex, nil)
eq(cosmo.EncodeHex("\0\255\16"), "00ff10", "lower case, two digits")
eq(cosmo.DecodeHex("aBcDeF"), "\xab\xcd\xef", "either case")

eq(cosmo.DecodeLatin1("caf\xe9"), "caf\xc3\xa9", "DecodeLatin1")
eq(cosmo.DecodeLatin1(nil), nil, "DecodeLatin1(nil)")
eq(cosmo.EncodeLatin1("caf\xc3\xa9"), "caf\xe9", "EncodeLatin1")
eq(cosmo.EncodeLatin1(cosmo.DecodeLatin1(all)), all, "all 256 bytes")
checkerror("character above U+00FF at byte 3", cosmo.EncodeLatin1, "ab\xc4\x80")
checkerror("character above U+00FF", cosmo.EncodeLatin1, "\xe2\x82\xac")
checkerror("invalid UTF-8 at byte 2", cosmo.EncodeLatin1, "a\x80")
checkerror("invalid UTF-8 at byte 1", cosmo.EncodeLatin1, "\xc3")
checkerror("invalid UTF-8", cosmo.EncodeLatin1, "\xc0\x80")
checkerror("invalid UTF-8", cosmo.EncodeLatin1, "\xed\xa0\x80")
checkerror("forbidden control character at byte 2", cosmo.EncodeLatin1,
  "a\tb", 1)
eq(cosmo.EncodeLatin1("a\tb\n", 2), "a\tb\n", "flag 2 leaves white space")
checkerror("forbidden control character", cosmo.EncodeLatin1, "a\1", 2)
checkerror("forbidden control character", cosmo.EncodeLatin1, "a\127", 2)
checkerror("forbidden control character", cosmo.EncodeLatin1, "\xc2\x85", 4)
eq(cosmo.EncodeLatin1("\xc2\x85", 3), "\x85", "C1 allowed without flag 4")
checkerror("invalid control flags", cosmo.EncodeLatin1, "a", 8)
checkerror("invalid control flags", cosmo.EncodeLatin1, "a", -1)
checkerror("number has no integer representation", cosmo.EncodeLatin1, "a", 1.5)
-- }====

-- {==== compression: the manual, limits, damage
eq(cosmo.Deflate("hello"), "\xcbH\xcd\xc9\xc9\x07\x00", "the manual's Deflate")
eq(cosmo.Inflate("\xcbH\xcd\xc9\xc9\x07\x00", 5), "hello",
  "the manual's Inflate")
eq(cosmo.Inflate(cosmo.Deflate("abc"), math.maxinteger), "abc",
  "a huge maxoutsize allocates only what the data needs")
eq(cosmo.Inflate("\xcbH\xcd\xc9\xc9\x07\x00", 1000), "hello", "a larger max")
local r, msg = cosmo.Inflate("\xcbH\xcd\xc9\xc9\x07\x00", 4)
eq(r, nil, "max one byte short")
assert(msg:find("exceeds the size limit", 1, true), msg)
eq(cosmo.Inflate("\3\0", 0), "", "the empty stream, max 0")
r, msg = cosmo.Inflate("\xcbH\xcd\xc9", 100)
eq(r, nil, "truncated")
assert(msg:find("truncated", 1, true), msg)
r, msg = cosmo.Inflate("\7\0", 100)
eq(r, nil, "a reserved block type")
assert(msg:find("corrupt", 1, true), msg)
r, msg = cosmo.Inflate("", 100)
eq(r, nil, "nothing")
assert(msg:find("truncated", 1, true), msg)
eq(cosmo.Inflate(cosmo.Deflate("abc") .. "trailing", 3), "abc",
  "bytes after the end mark are ignored")
checkerror("number expected", cosmo.Inflate, "x")
checkerror("negative size", cosmo.Inflate, "x", -1)
checkerror("level not in -1..9", cosmo.Deflate, "x", 10)
checkerror("level not in -1..9", cosmo.Deflate, "x", -2)
checkerror("level not in -1..9", cosmo.Compress, "x", 11)
for level = -1, 9 do
  eq(cosmo.Inflate(cosmo.Deflate(all:rep(9), level), 9 * 256), all:rep(9),
    "Deflate level " .. level)
end
-- a bomb: 64 MiB of zeros in about 64 KiB, stopped at the limit
local bomb = cosmo.Deflate(("\0"):rep(1 << 20), 9):rep(1)
eq(#cosmo.Inflate(bomb, 1 << 20), 1 << 20, "a MiB of zeros")
r, msg = cosmo.Inflate(bomb, 4096)
eq(r, nil, "a MiB of zeros under a 4 KiB limit")
assert(msg:find("exceeds", 1, true), msg)

eq(cosmo.Uncompress(cosmo.Compress("hello world")), "hello world", "Compress")
eq(cosmo.Uncompress(cosmo.Compress("")), "", "Compress of nothing")
eq(cosmo.Uncompress(cosmo.Compress("abc", 9, true), 3), "abc", "raw Compress")
local c = cosmo.Compress("hello world")
eq(c:byte(1), 11, "the header starts with the size")
eq(string.unpack("<I4", c, 2), cosmo.Crc32(0, "hello world"), "then the CRC")
eq(c:sub(6, 6), "\x78", "then a zlib stream")
checkerror("too short", cosmo.Uncompress, "")
checkerror("too short", cosmo.Uncompress, "\x80\x80")
checkerror("too short", cosmo.Uncompress, ("\xff"):rep(20))
checkerror("corrupted", cosmo.Uncompress, c:sub(1, -2))
checkerror("corrupted", cosmo.Uncompress, "\12" .. c:sub(2))
checkerror("CRC-32", cosmo.Uncompress, c:sub(1, 1) .. "\0\0\0\0" .. c:sub(6))
checkerror("corrupted", cosmo.Uncompress, cosmo.Compress("abc", 9, true), 2)
checkerror("corrupted", cosmo.Uncompress, cosmo.Compress("abc", 9, true), 4)
checkerror("negative size", cosmo.Uncompress, "x", -1)
-- a header announcing 2^62 bytes makes no 2^62-byte allocation
checkerror("corrupted", cosmo.Uncompress,
  "\x80\x80\x80\x80\x80\x80\x80\x80\x40\0\0\0\0" ..
  cosmo.Compress("x", 1, true))
-- }====

-- {==== agreement with python3 on random inputs
local seed = os.time()
math.randomseed(seed)
local function random_bytes(n)
  local t, text = {}, math.random(2) == 1
  for i = 1, n do
    t[i] = text and string.char(97 + math.random(0, 7)) or
      string.char(math.random(0, 255))
  end
  return table.concat(t)
end
local inputs = {}
for i = 1, 300 do
  local n = i <= 5 and i - 1 or math.random(0, 4096)
  inputs[i] = random_bytes(n)
end

-- python3 as the oracle: the script reads lines, answers lines
local function python(script, lines)
  return check.lines(check.python(script, table.concat(lines, "\n") .. "\n"))
end

-- python encodes and compresses; we decode and compare
local enc = python([[
import base64, binascii, sys, zlib
for line in sys.stdin:
    x = bytes.fromhex(line.strip().replace('-', ''))
    level = len(x) % 11 - 1
    co = zlib.compressobj(level, zlib.DEFLATED, -15)
    raw = co.compress(x) + co.flush()
    fields = [base64.b64encode(x).decode(), base64.b32encode(x).decode(),
              base64.b32hexencode(x).decode(), binascii.hexlify(x).decode(),
              x.decode('latin-1').encode('utf-8').hex(), raw.hex(),
              zlib.compress(x, level).hex(), str(zlib.crc32(x))]
    print(' '.join(f if f else '-' for f in fields))
]], (function()
  local t = {}
  for i, x in ipairs(inputs) do t[i] = #x > 0 and cosmo.EncodeHex(x) or "-" end
  return t
end)())
eq(#enc, #inputs, "python3 answered for every input")
local ours = {}
for i, x in ipairs(inputs) do
  local what = "random input " .. i .. " (seed " .. seed .. ", " .. #x ..
    " bytes)"
  local f = {}
  for w in enc[i]:gmatch("%S+") do f[#f + 1] = w == "-" and "" or w end
  eq(cosmo.EncodeBase64(x), f[1], "EncodeBase64 of " .. what)
  eq(cosmo.DecodeBase64(f[1]), x, "DecodeBase64 of " .. what)
  eq(cosmo.EncodeBase32(x, RFC32), (f[2]:gsub("=", "")), "base32 of " .. what)
  eq(cosmo.DecodeBase32(f[2], RFC32), x, "base32 decode of " .. what)
  eq(cosmo.EncodeBase32(x), crockford(f[3]), "Crockford of " .. what)
  eq(cosmo.DecodeBase32(crockford(f[3]):upper()), x,
    "Crockford decode of " .. what)
  eq(cosmo.EncodeHex(x), f[4], "EncodeHex of " .. what)
  eq(cosmo.DecodeHex(f[4]:upper()), x, "DecodeHex of " .. what)
  eq(cosmo.DecodeLatin1(x), cosmo.DecodeHex(f[5]), "DecodeLatin1 of " .. what)
  eq(cosmo.EncodeLatin1(cosmo.DecodeHex(f[5])), x, "EncodeLatin1 of " .. what)
  eq(cosmo.Inflate(cosmo.DecodeHex(f[6]), #x), x, "Inflate of " .. what)
  eq(cosmo.Uncompress(cosmo.DecodeHex(f[7]), #x), x, "Uncompress of " .. what)
  eq(cosmo.Crc32(0, x), tonumber(f[8]), "Crc32 of " .. what)
  -- a truncated stream is an error, never a crash or a short result
  local raw = cosmo.DecodeHex(f[6])
  eq(cosmo.Inflate(raw:sub(1, math.random(0, #raw - 1)), #x), nil,
    "truncated Inflate of " .. what)
  local level = #x % 11 - 1
  ours[i] = cosmo.EncodeHex(cosmo.Deflate(x, level)) .. " " ..
    cosmo.EncodeHex(cosmo.Compress(x, level)) .. " " ..
    (#x > 0 and cosmo.EncodeHex(x) or "-")
end

-- we compress; python decompresses and checks
local verdicts = python([[
import sys, zlib
def leb128(b):
    n = shift = i = 0
    while True:
        n |= (b[i] & 127) << shift
        shift += 7
        i += 1
        if b[i - 1] < 128:
            return n, i
for line in sys.stdin:
    d, c, x = (bytes.fromhex(f) if f != '-' else b'' for f in line.split())
    size, k = leb128(c)
    ok = zlib.decompress(d, -15) == x and size == len(x) and \
        int.from_bytes(c[k:k + 4], 'little') == zlib.crc32(x) and \
        zlib.decompress(c[k + 4:]) == x
    print('ok' if ok else 'bad')
]], ours)
eq(#verdicts, #inputs, "python3 checked every output")
for i, v in ipairs(verdicts) do
  eq(v, "ok", "python3 decompresses our Deflate and Compress of input " .. i ..
    " (seed " .. seed .. ")")
end
-- }====
