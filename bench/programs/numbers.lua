-- numbers.lua: number formatting and reading back: string.format with %d,
-- %g, %.3f, %e and %x, tostring of integers and floats, and tonumber of the
-- text (decimal, exponent and hex forms), checking each round trip.
-- Usage: numbers.lua [count]   (default 40000). See LICENSE.
local fmt, concat = string.format, table.concat
local count = tonumber(arg and arg[1]) or 40000

local seed = 99
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local ints, floats = {}, {}
for i = 1, count do
  ints[i] = (rnd(2) == 0 and -1 or 1) * rnd(2000000000) * (rnd(1000) + 1)
  floats[i] = (rnd(2000001) - 1000000) / (rnd(999) + 1) * 10.0 ^ (rnd(21) - 10)
end

local isum, fsum, len = 0, 0.0, 0
local parts = {}
for i = 1, count do
  local n, x = ints[i], floats[i]
  local s1 = fmt("%d", n)
  local s2 = tostring(n)
  assert(s1 == s2 and tonumber(s1) == n)
  local s3 = fmt("%x", n & 0xffffffffffff)
  assert(tonumber(s3, 16) == n & 0xffffffffffff)
  local s4 = tostring(x)
  local s5 = fmt("%.17g", x)
  assert(tonumber(s5) == x)
  local s6 = fmt("%.3f", x)
  local s7 = fmt("%g", x)
  local s8 = fmt("%e", x)
  local s9 = fmt("%a", x)
  assert(tonumber(s9) == x)
  isum = isum + tonumber(s1) % 1000003 + tonumber("0x" .. s3) % 997
  fsum = fsum + tonumber(s6) + tonumber(s7) + tonumber(s8) * 1e-3 +
    tonumber(s4)
  len = len + #s1 + #s3 + #s4 + #s5 + #s6 + #s7 + #s8 + #s9
  parts[#parts + 1] = s6
end
-- a column of numbers as a script would read it: one text, then tonumber
local text = concat(parts, "\n")
local col = 0.0
for w in text:gmatch("[^\n]+") do col = col + tonumber(w) end
print(fmt("numbers: %d integers, %d floats, %d characters", count, count, len))
print(fmt("checksum: %d %.10g %.6f", isum, fsum, col))
