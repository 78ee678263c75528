-- zlib.lua: the built-in zlib (lua-zlib) against python3's zlib module,
-- both ways, in the zlib, gzip and raw formats, streamed in pieces. See
-- LICENSE. lua-zlib's own test.lua runs in the luazlib section.
local T = dofile("tests/lua/check.lua")
local eq = T.eq
local zlib = require "zlib"

local text = {}
for i = 1, 2000 do text[i] = ("line %d of a text to compress\n"):format(i * 7) end
text = table.concat(text)

-- One python3 run (its start costs seconds) is the oracle: it inflates
-- our zlib (wbits 15), gzip (31) and raw (-15) streams and lzlib's
-- compress output, and answers with a gzip stream of its own and the
-- crc32 and adler32 of the text. Input: the lengths on a line, then the
-- pieces.
local z = zlib.deflate(6)(text, "finish")
local gz = zlib.deflate(9, 31)(text, "finish")
eq(gz:sub(1, 2), "\31\139", "gzip magic")
local raw = zlib.deflate(1, -15)(text, "finish")
-- compress returns the data and deflate's last status (Z_STREAM_END, 1)
local c, status = zlib.compress(text)
eq(status, 1, "compress's status")
-- a stream cut short is an error at once (lua-zlib 1.3 looped for ever:
-- deps/patches/lua-zlib/lzlib-compat.patch), wherever it is cut
for _, cut in ipairs{2, 10, #c // 2, #c - 1} do
  T.checkerror("failed to process zlib stream: truncated input",
    zlib.decompress, c:sub(1, cut))
end
T.checkerror("failed to process zlib stream", zlib.decompress, "not zlib at all")
local pieces = {text, z, gz, raw, c}
local lens = {}
for i, piece in ipairs(pieces) do lens[i] = #piece end
local answer = T.python([[
import sys, zlib
data = sys.stdin.buffer.read()
nl = data.index(b"\n")
lens = [int(n) for n in data[:nl].split()]
pos, parts = nl + 1, []
for n in lens:
    parts.append(data[pos:pos + n]); pos += n
text, z, gz, raw, c = parts
ok = [zlib.decompress(z, 15) == text, zlib.decompress(gz, 31) == text,
      zlib.decompress(raw, -15) == text, zlib.decompress(c, 15) == text]
co = zlib.compressobj(9, zlib.DEFLATED, 31)
mine = co.compress(text) + co.flush()
sys.stdout.buffer.write(("%s %d %d\n" % (" ".join(map(str, ok)),
    zlib.crc32(text), zlib.adler32(text))).encode() + mine)
]], table.concat(lens, " ") .. "\n" .. table.concat(pieces))
local line, pz = answer:match("^([^\n]*)\n(.*)$")
eq(line, ("True True True True %d %d"):format(zlib.crc32()(text),
  zlib.adler32()(text)), "python inflates our zlib, gzip, raw and "
  .. "compress streams; crc32 and adler32 agree")

-- python's gzip stream: ours inflates it fed in 100-byte pieces
local inflate, parts = zlib.inflate(), {}
for i = 1, #pz, 100 do
  local out, eof = inflate(pz:sub(i, i + 99))
  parts[#parts + 1] = out
  if eof then break end
end
eq(table.concat(parts), text, "we inflate python's gzip stream in pieces")
eq(zlib.decompress(c), text, "compress/decompress round trip")

-- a damaged stream fails with lua-zlib's error, not a crash
local ok, err = pcall(zlib.inflate(), "not a zlib stream at all")
eq(ok, false, "inflating garbage fails")
assert(tostring(err):find("InvalidInput", 1, true), tostring(err))
