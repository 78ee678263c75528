-- strtod.lua: tonumber on a million generated numerals, against Debian's
-- lua5.4 (glibc's strtod): random doubles printed every way, random digit
-- strings (up to 900 digits), exact midpoints between neighbouring doubles
-- (and just above and below them), subnormals, huge exponents, hex floats,
-- signs, spaces and broken syntax. Both read the same file and write each
-- result's bits; the outputs must be equal. See LICENSE.
local T = dofile("tests/lua/check.lua")
local random, fmt, rep, concat = math.random, string.format, string.rep,
  table.concat
local pack, unpack = string.pack, string.unpack

math.randomseed(20261202)

-- The converter both run: a 9-byte record per numeral, "f" and the
-- float's bits, "i" and the integer, or "n" for nil.
local CONVERT = [[
local path, out = ...
local pack, tonum, mtype = string.pack, tonumber, math.type
local t, n = {}, 0
for line in io.lines(path) do
  local x = tonum(line)
  n = n + 1
  if x == nil then t[n] = "n\0\0\0\0\0\0\0\0"
  elseif mtype(x) == "integer" then t[n] = pack("<c1i8", "i", x)
  else t[n] = pack("<c1d", "f", x) end
end
local f = assert(io.open(out, "wb"))
f:write(table.concat(t))
f:close()
]]

local function double(bits) return (unpack("<d", pack("<i8", bits))) end

-- a random double's bits: all exponents, more near both ends
local function rbits()
  local r = random()
  local e = r < 0.2 and random(0, 60) or r < 0.4 and random(1990, 2046)
    or random(0, 2046)
  return e << 52 | random(0, (1 << 52) - 1)
end

local function digits(n) -- n random decimal digits, 15 at a time
  local s = ""
  while #s < n do s = s .. fmt("%015d", random(0, 999999999999999)) end
  return s:sub(1, n)
end

-- {==== exact decimal expansions: m * 2^e as "<digits>e<exp>", through
-- base-10^7 limbs (least significant first)
local BASE = 10000000

local function mul(a, m) -- a = a * m, m < 2^22
  local carry = 0
  for i = 1, #a do
    local v = a[i] * m + carry
    a[i] = v % BASE
    carry = v // BASE
  end
  while carry > 0 do
    a[#a + 1] = carry % BASE
    carry = carry // BASE
  end
end

local function dyadic(m, e)
  local a = {}
  while m > 0 do a[#a + 1] = m % BASE; m = m // BASE end
  local k = e < 0 and -e or e
  local step = e < 0 and 5 or 2 -- m*5^-e * 10^e, or m*2^e
  local p9 = step == 5 and 1953125 or 512
  while k >= 9 do mul(a, p9); k = k - 9 end
  local p = 1
  for _ = 1, k do p = p * step end
  mul(a, p)
  local t = {tostring(a[#a])}
  for i = #a - 1, 1, -1 do t[#t + 1] = fmt("%07d", a[i]) end
  return concat(t) .. "e" .. (e < 0 and e or 0)
end
-- }====

-- the midpoint after the double with these bits, and just off it
local function midpoints(out, bits)
  local ex = bits >> 52
  local m = (bits & ((1 << 52) - 1)) | (ex > 0 and 1 << 52 or 0)
  local e = ex > 0 and ex - 1075 or -1074
  local s = dyadic(2 * m + 1, e - 1)
  local d, x = s:match("^(%d+)e(-?%d+)$")
  local z = random(0, 40)
  x = tonumber(x)
  out[#out + 1] = s
  out[#out + 1] = d .. rep("0", z) .. "1e" .. (x - z - 1) -- just above
  if e - 1 < 0 then -- ends in 5: just below
    out[#out + 1] = d:sub(1, -2) .. "4" .. rep("9", 20) .. "e" .. (x - 20)
  end
  out[#out + 1] = dyadic(m, e) -- the double itself, exact
end

local EDGE = {"", "0", "-0", "+0", ".", "-.", ".e1", "-.e1", "0.", ".0",
  "1e", "1e+", "1e-", "1E5", "0x", "0X", "0x.", "0x.p1", "0xp1", "0x1p",
  "0x1p+", "0x1.", "0x.1", "-0x1p-1074", "1e-99999999999999999999",
  "1e99999999999999999999", "0e99999999999999", "0x1p99999999999999999",
  "0x1p-99999999999999999", "+-1", "-+1", "- 1", "1 1", "00012",
  "1.2.3", "9007199254740993", "9007199254740993.0000000000000001",
  "2.2250738585072011e-308", "2.2250738585072012e-308",
  "2.4703282292062327e-324", "2.4703282292062328e-324",
  "1.7976931348623157e308", "1.7976931348623158e308",
  "1.7976931348623159e308", "0x1.fffffffffffff8p1023",
  "0x1.fffffffffffff7ffp1023", "0x1.fffffffffffff8p-1023",
  "0x1.ffffffffffff98p-1023", "0x1.00000000000008p-1075",
  "123456789012345678901234567890", "1" .. rep("0", 400),
  "0." .. rep("0", 330) .. "1", "18446744073709551616", "-9223372036854775808",
  "9223372036854775808", "0x7fffffffffffffff", "0xffffffffffffffffff"}

-- one numeral printed from a random double, or an edge case
local function numeral(out)
  local k = random(0, 5)
  local s
  if k == 0 then
    s = fmt(({"%.17g", "%.16g", "%.15g", "%.17e", "%.20e"})[random(5)],
      double(rbits()))
  elseif k == 1 then
    s = fmt("%." .. random(0, 30) .. "e", double(rbits()))
  elseif k == 2 then -- subnormals
    s = fmt("%." .. random(0, 30) .. "e",
      double(random(0, (1 << 52) - 1) >> random(0, 52)))
  elseif k == 3 then -- hex floats
    s = fmt("%a", double(rbits()))
  elseif k == 4 then -- near DBL_MAX, DBL_MIN and 2^-1074
    s = ({"1.797693134862315", "2.225073858507201", "4.940656458412465",
      "2.470328229206232"})[random(4)] .. digits(random(0, 30)) ..
      ({"e308", "e-308", "e-324"})[random(3)]
  else -- a cut-off double
    s = fmt("%.17g", double(rbits()))
    s = s:sub(1, random(1, #s))
  end
  out[#out + 1] = s
end

-- Pools of parts, combined at random below: cheap, and as varied.
local MANT, EXPO, HEX = {}, {}, {}
for i = 1, 20000 do
  local n = random(1, i % 10 == 0 and 60 or 22)
  local d = digits(n)
  local p = random(0, n + 2)
  if i % 7 == 0 then d = rep("0", random(1, 30)) .. d end
  MANT[i] = p > n and d or d:sub(1, p) .. "." .. d:sub(p + 1)
  local h = fmt("%x", random(0, (1 << 62) - 1)):sub(1, random(1, 16))
  if i % 3 == 0 then h = h .. fmt("%x", random(0, (1 << 62) - 1)) end
  p = random(0, #h + 3)
  HEX[i] = "0x" .. (p > #h and h or h:sub(1, p) .. "." .. h:sub(p + 1))
end
for i = 1, 2000 do
  local r = random()
  EXPO[i] = (r < 0.7 and "e" or "E") .. (r < 0.5 and "" or r < 0.8 and "-"
    or "+") .. random(0, 360)
end
for _ = 1, 200 do EXPO[#EXPO + 1] = "" end
local PEXP = {}
for i = 1, 2300 do PEXP[i] = "p" .. random(-1200, 1100) end
for _ = 1, 200 do PEXP[#PEXP + 1] = "" end
local SIGN = {"", "", "", "", "", "", "-", "+", " ", "\t-", "  +", "\v\f\r"}
local JUNK = {"", "", "", "", "", "", "", "", "", "", "", " ", "\t", "  ",
  "\r", ".", "e", "e+", "e-", "x", "0x", "p", "p-", "..", " x"}

local function combined(out)
  local s
  if random() < 0.75 then s = MANT[random(#MANT)] .. EXPO[random(#EXPO)]
  else s = HEX[random(#HEX)] .. PEXP[random(#PEXP)] end
  out[#out + 1] = SIGN[random(#SIGN)] .. s .. JUNK[random(#JUNK)]
end

-- The sanitizer build links glibc, whose strtod is the reference itself:
-- there a tenth of the numerals (the Lua side under ASan) is enough.
local SCALE = os.getenv("MOONBOX_SAN") and 10 or 1
if SCALE > 1 then
  print("sanitizer build (glibc's strtod on both sides): 1/10 of the numerals")
end
local lines = {}
for _ = 1, 200000 // SCALE do numeral(lines) end
for _ = 1, 800000 // SCALE do combined(lines) end
for _, s in ipairs(EDGE) do lines[#lines + 1] = s end
for _ = 1, 2000 do -- long digit strings: 100 to 900 digits
  local d = digits(random(100, 900))
  local p = random(0, #d)
  lines[#lines + 1] = d:sub(1, p) .. "." .. d:sub(p + 1) .. "e" ..
    random(-1250, 400)
end
for i = 1, 1500 do -- midpoints: subnormals, small, all
  local b = rbits()
  if i % 3 == 0 then b = b & ((1 << 54) - 1) end
  midpoints(lines, b)
end
for _, b in ipairs{0, 1, (1 << 52) - 1, 1 << 52, 0x7fefffffffffffff,
  0x3ff0000000000000, 0x433fffffffffffff} do midpoints(lines, b) end

local input, mine, theirs, prog = os.tmpname(), os.tmpname(), os.tmpname(),
  os.tmpname()
T.writefile(input, concat(lines, "\n") .. "\n")
T.writefile(prog, CONVERT)
assert(load(CONVERT))(input, mine)
local ok = os.execute(fmt("lua5.4 %s %s %s", prog, input, theirs))
local a, b = T.readfile(mine), T.readfile(theirs)
os.remove(input); os.remove(mine); os.remove(theirs); os.remove(prog)
assert(ok, "lua5.4 could not run the converter")
if a ~= b then
  local shown = 0
  local function show(r)
    local k, v = r:sub(1, 1), r:sub(2)
    if k == "f" then return fmt("%016x", (unpack("<i8", v))) end
    return k == "i" and tostring(unpack("<i8", v)) or "nil"
  end
  for i = 1, #lines do
    local ra, rb = a:sub(9 * i - 8, 9 * i), b:sub(9 * i - 8, 9 * i)
    if ra ~= rb then
      io.stderr:write(fmt("numeral %q: lua5.4 %s, moonbox %s\n", lines[i],
        show(rb), show(ra)))
      shown = shown + 1
      if shown == 10 then break end
    end
  end
  error("tonumber differs from lua5.4's")
end
print(fmt("%d numerals read as lua5.4 reads them", #lines))
