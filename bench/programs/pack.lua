-- pack.lua: binary records with string.pack and string.unpack: fixed-size
-- records (integers of several widths, floats, doubles, fixed strings),
-- length-prefixed strings and zero-terminated strings, written into one
-- buffer and read back in sequence and by offset.
-- Usage: pack.lua [records]   (default 60000). See LICENSE.
local pack, unpack, fmt, concat = string.pack, string.unpack,
  string.format, table.concat
local nrec = tonumber(arg and arg[1]) or 60000

local seed = 3
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local REC = "<i4 I2 B d f c8 j"
local recsize = string.packsize(REC)
local names = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta" }

local fixed, var = {}, {}
for i = 1, nrec do
  local name = names[rnd(#names) + 1]
  fixed[i] = pack(REC, rnd(2000000) - 1000000, rnd(65536), rnd(256),
    rnd(1000000) / 7, rnd(4096) / 16, name, i * 2654435761)
  var[i] = pack(">s2 z I3 i8", name .. ("#"):rep(rnd(20)), "tag" .. rnd(100),
    rnd(1 << 24), -i * 1000003)
end
local fbuf, vbuf = concat(fixed), concat(var)
assert(#fbuf == nrec * recsize)

local isum, fsum, nbytes = 0, 0.0, 0
-- sequential read of the fixed records
local pos = 1
for _ = 1, nrec do
  local a, b, c, d, e, name, j
  a, b, c, d, e, name, j, pos = unpack(REC, fbuf, pos)
  isum = isum + a + b + c + j % 1000
  fsum = fsum + d + e
  nbytes = nbytes + #name:gsub("%z+$", "")
end
-- random access by offset
for _ = 1, nrec do
  local k = rnd(nrec)
  local d = unpack("<d", fbuf, k * recsize + 8)
  fsum = fsum + d
end
-- the variable-length records in sequence
pos = 1
for _ = 1, nrec do
  local s, z, u, big
  s, z, u, big, pos = unpack(">s2 z I3 i8", vbuf, pos)
  nbytes = nbytes + #s + #z
  isum = isum + u + big % 7919
end
assert(pos == #vbuf + 1)
-- repacking: every fixed record with its fields swapped around
local out = {}
for i = 1, nrec, 4 do
  local a, b, c, d, _, name, j = unpack(REC, fixed[i])
  out[#out + 1] = pack(">j d B I2 i4 c8", j, d, c, b, a, name)
end
local rbuf = concat(out)
print(fmt("pack: %d records, %d + %d + %d bytes", nrec, #fbuf, #vbuf,
  #rbuf))
print(fmt("checksum: %d %.4f %d", isum, fsum, nbytes))
