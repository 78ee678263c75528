-- cosmo_json.lua: cosmo.DecodeJson, EncodeJson, EncodeLua and cosmo.null:
-- the manual's examples, round trips of random values, agreement with
-- python3's json module, error offsets, limits. See LICENSE.
local check = dofile("tests/lua/check.lua")
local cosmo = require("cosmo")
local EncodeJson, DecodeJson, EncodeLua = cosmo.EncodeJson, cosmo.DecodeJson,
  cosmo.EncodeLua
local eq = check.eq

-- (nil, message) with message containing want
local function fails(want, what, v, err)
  assert(v == nil, what .. ": expected a failure, got " .. tostring(v))
  assert(type(err) == "string" and err:find(want, 1, true),
    what .. ": expected '" .. want .. "', got '" .. tostring(err) .. "'")
end

-- deep equality, with number subtypes and the sign of zero
local function same(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) == "number" then
    if math.type(a) ~= math.type(b) then return false end
    if a ~= a then return b ~= b end
    return a == b and (a ~= 0 or 1 / a == 1 / b)
  end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do
    if not same(v, rawget(b, k)) then return false end
  end
  for k in pairs(b) do
    if rawget(a, k) == nil then return false end
  end
  return true
end

-- {==== the manual's examples (help.txt: EncodeJson, DecodeJson, EncodeLua)
eq(EncodeJson({2}), "[2]", "EncodeJson({2})")
eq(EncodeJson({[1] = 2, ["hi"] = 1}), "[2]", "non-array elements ignored")
eq(EncodeJson({[1] = 1, [3] = 3}), "[1]", "after the first hole")
fails("json objects must only use string keys", "leading hole",
  EncodeJson({[2] = 1, [3] = 3}))
eq(EncodeJson({}), "{}", "EncodeJson({})")
eq(EncodeJson({[0] = false}), "[]", "[0]=false")
eq(EncodeJson({["hi"] = 1}), '{"hi":1}', "object")
eq(EncodeJson({["hi"] = 1, [0] = false}), "[]", "[0]=false wins")
fails("json objects must only use string keys", "mixed keys",
  EncodeJson({["hi"] = 1, [7] = false}))
eq(EncodeJson(0 / 0), "null", "NaN")
eq(EncodeJson(math.huge), "null", "inf")
eq(EncodeJson(-math.huge), "null", "-inf")
fails("won't serialize cyclic lua table", "cycle",
  (function() local x = {1}; x[2] = x; return EncodeJson(x) end)())
fails("unsupported lua type", "function", EncodeJson(print))
fails("unsupported lua type", "coroutine",
  EncodeJson({coroutine.create(print)}))
fails("unsupported lua type", "userdata", EncodeJson(io.stdout))
eq(EncodeJson("→"), '"\\u2192"', "UTF-8 to \\u")
eq(EncodeJson("𐌰"), '"\\ud800\\udf30"', "astral: a surrogate pair")
eq(EncodeJson("\xc0\x80"), '"\\u0000"', "overlong NUL canonicalised")
eq(EncodeJson("\xff"), '"\\u00ff"', "a byte that is not UTF-8: Latin-1")

local v, err = DecodeJson("null")
assert(v == nil and err == nil, "null: nil and no error")
v, err = DecodeJson(" false ")
assert(v == false and err == nil, "false")
eq(DecodeJson("9223372036854775807"), math.maxinteger, "int64 max")
eq(math.type(DecodeJson("-9223372036854775808")), "integer", "int64 min")
eq(DecodeJson("-9223372036854775808"), math.mininteger, "int64 min value")
eq(math.type(DecodeJson("9223372036854775808")), "float", "overflow: float")
eq(DecodeJson("9223372036854775808"), 2.0 ^ 63, "overflow value")
eq(DecodeJson("-9223372036854775809"), -(2.0 ^ 63), "underflow value")
v, err = DecodeJson("1e400")
assert(v == nil and err == nil, "overflow to inf gives nil (the manual)")
v = DecodeJson("[1e-400, -1e-400]")
assert(v[1] == 0 and 1 / v[1] > 0 and 1 / v[2] < 0, "underflow to 0.0")
eq(math.type(DecodeJson("1.0")), "float", "1.0 is a float")
eq(math.type(DecodeJson("1e0")), "float", "1e0 is a float")
eq(DecodeJson("[]")[0], false, "[] gets [0]=false")
eq(next(DecodeJson("{}")), nil, "{} is empty")
eq(EncodeJson(DecodeJson("[]")), "[]", "[] round-trips")
eq(EncodeJson(DecodeJson('{"b":[],"a":{}}')), '{"a":{},"b":[]}',
  "empty containers and sorting")
v = DecodeJson("[1,null,3]")
assert(v[1] == 1 and v[2] == nil and v[3] == 3, "null in an array: a hole")
eq(DecodeJson('{"a":1,"a":2}').a, 2, "duplicate keys: the last wins")
eq(DecodeJson('{"a":1,"a":null}').a, nil, "duplicate key, null last")
eq(DecodeJson('"\\ud83d\\ude00\\u00e9\\n"'), "😀é\n", "escapes")
eq(DecodeJson(' \t\r\n"x"\n '), "x", "whitespace around a scalar")

eq(EncodeLua({3, 2}), "{3, 2}", "EncodeLua({3, 2})")
eq(EncodeLua({[1] = 3, [2] = 2}), "{3, 2}", "explicit sequence")
eq(EncodeLua({[1] = 3, [3] = 3}), "{[1]=3, [3]=3}", "hole: object form")
eq(EncodeLua({["hi"] = 1, [1] = 2}), "{[1]=2, hi=1}", "mixed, sorted")
eq(EncodeLua(7000), "7000", "7000")
eq(EncodeLua(0x100), "0x0100", "0x100")
eq(EncodeLua(0x10000), "0x00010000", "0x10000")
eq(EncodeLua(0x100000000), "0x0000000100000000", "0x100000000")
eq(EncodeLua(0 / 0), "0/0", "NaN")
eq(EncodeLua(1.5e+9999), "math.huge", "inf")
eq(EncodeLua(math.mininteger), "-9223372036854775807 - 1", "mininteger")
assert(EncodeLua(print):match('^"func@'), "function: a string")
local cyc = {2, 1}
cyc[3] = cyc
assert(EncodeLua(cyc):match('^{2, 1, "cyclic@'), "cycle: embedded string")
eq(EncodeLua(setmetatable({}, {})), "{}", "empty table")
eq(EncodeLua(io.stdout):sub(1, 6), '"file ', "userdata: its __tostring")
-- }====

-- {==== options
local nested = {yo = 2, bye = {yo = 2, dawg = 3}, there = {yo = 2},
  sup = {yo = 2}, hi = "hello"}
eq(EncodeJson(nested, {pretty = true, indent = "  "}),
  '{\n  "bye": {\n    "dawg": 3,\n    "yo": 2\n  },\n  "hi": "hello",\n' ..
  '  "sup": {"yo": 2},\n  "there": {"yo": 2},\n  "yo": 2\n}',
  "pretty, indent")
eq(EncodeJson({a = {1, 2}, b = {3}}, {pretty = true}),
  '{\n "a": [\n  1,\n  2\n ],\n "b": [3]\n}', "pretty: default indent ' '")
eq(EncodeJson(nested, {indent = "\t"}), EncodeJson(nested),
  "indent ignored unless pretty")
eq(EncodeLua(nested, {pretty = true, indent = "  "}),
  '{\n  bye={\n    dawg=3,\n    yo=2\n  },\n  hi="hello",\n' ..
  '  sup={yo=2},\n  there={yo=2},\n  yo=2\n}', "EncodeLua pretty")
local unsorted = EncodeJson({c = 1, a = 2, b = 3}, {sorted = false})
eq(#unsorted, 19, "unsorted: same bytes")
eq(DecodeJson(unsorted).a, 2, "unsorted: same members")
eq(EncodeJson({c = 1, a = 2, b = 3}, {useoutput = true}),
  '{"a":2,"b":3,"c":1}', "useoutput: ignored outside redbean")
eq(EncodeJson(0, {maxdepth = 1}), "0", "maxdepth 1: a scalar")
fails("table has great depth", "maxdepth 0", EncodeJson(0, {maxdepth = 0}))
eq(EncodeJson({}, {maxdepth = 1}), "{}", "maxdepth 1: an empty table")
fails("table has great depth", "maxdepth 1", EncodeJson({1}, {maxdepth = 1}))
local function chain(n) -- n tables, the innermost holding 0
  local t = {k = 0}
  for _ = 2, n do t = {k = t} end
  return t
end
assert(EncodeJson(chain(63)), "63 levels under the default maxdepth 64")
fails("table has great depth", "64 levels", EncodeJson(chain(64)))
assert(EncodeJson(chain(64), {maxdepth = 65}), "maxdepth 65")
assert(EncodeLua(chain(64)):find('"greatdepth@', 1, true), "EncodeLua depth")
eq(select("#", EncodeJson(chain(40000), {maxdepth = 1e9})), 2,
  "deeper than the C stack allows: an error, not a crash")
check.checkerror("maxdepth must be an integer", EncodeJson, 1, {maxdepth = "x"})
check.checkerror("indent must be a string", EncodeJson, 1,
  {pretty = true, indent = 3})
check.checkerror("bad argument #2", EncodeJson, 1, 5)
check.checkerror("bad argument #2", EncodeLua, 1, "x")
check.checkerror("bad argument #1", DecodeJson, {})
check.checkerror("bad argument #1", EncodeJson)
-- }====

-- {==== cosmo.null
eq(EncodeJson(cosmo.null), "null", "cosmo.null")
eq(EncodeJson({1, cosmo.null, 3}), "[1,null,3]", "cosmo.null in an array")
eq(EncodeJson({a = cosmo.null}), '{"a":null}', "cosmo.null in an object")
eq(DecodeJson("null"), nil, "DecodeJson still gives nil for null")
-- }====

-- {==== errors name the byte (1-based: input:sub(n, n) is the culprit)
local bad = {
  {"", 1, "unexpected end of input"}, {"[1,2", 5, "unexpected end of input"},
  {'{"a" 1}', 6, "expected ':'"}, {"01", 2, "invalid number"},
  {"[1,]", 4, "a value was expected"}, {'{"a":1,}', 8, "key must be a string"},
  {"[1 2]", 4, "expected ',' or ']'"}, {'{"a":1 "b":2}', 8, "expected ',' or '}'"},
  {"[1] x", 5, "junk after the value"}, {"nul", 4, "unexpected end of input"},
  {"nulL", 1, "invalid literal"}, {'"a\tb"', 3, "control character"},
  {'"\\x41"', 2, "invalid escape"}, {'"\\u12"', 2, "invalid \\u escape"},
  {'["\\ud800"]', 3, "unpaired UTF-16 surrogate"},
  {'"\\udc00\\ud800"', 2, "unpaired UTF-16 surrogate"},
  {'"ab\xff"', 4, "invalid UTF-8"}, {'"\xc0\x80"', 2, "invalid UTF-8"},
  {'"\xed\xa0\x80"', 2, "invalid UTF-8"}, {'"abc', 1, "unterminated string"},
  {"\xef\xbb\xbf{}", 1, "a value was expected"}, {"NaN", 1, "a value"},
  {"-Infinity", 2, "invalid number"}, {"[.5]", 2, "a value was expected"},
  {"1.e5", 3, "invalid number"}, {"{'a':1}", 2, "key must be a string"},
  {"[1]\0", 4, "junk after the value"}, {'"\0"', 2, "control character"},
}
for _, c in ipairs(bad) do
  local doc, at, msg = c[1], c[2], c[3]
  local r, e = DecodeJson(doc)
  local what = string.format("DecodeJson(%q)", doc)
  fails(msg, what, r, e)
  eq(e:match(" at byte (%d+)$"), tostring(at), what .. ": the offset")
end
-- nesting: 1024 levels decode, more fail cleanly, never a C overflow
local ok1024 = DecodeJson(("["):rep(1024) .. ("]"):rep(1024))
eq(type(ok1024), "table", "1024 levels")
fails("too deeply nested at byte 1025", "1025 levels",
  DecodeJson(("["):rep(1025) .. ("]"):rep(1025)))
fails("too deeply nested at byte 1025", "10000 '['",
  DecodeJson(("["):rep(10000)))
fails("too deeply nested", "100000 '{\"a\":'",
  DecodeJson(('{"a":'):rep(100000)))
-- a big document: 200000 elements, and a 1000-digit number
local big = DecodeJson("[" .. ("1,"):rep(199999) .. "1]")
eq(#big, 200000, "200000 elements")
eq(DecodeJson("0." .. ("3"):rep(1000)), 1 / 3, "1000 digits: nearest")
-- }====

-- {==== round trips of random values
math.randomseed(14)
local R = math.random
local specials = {0, -0.0, 0.1, 1e300, 5e-324, -5e-324, 2.2250738585072014e-308,
  1.7976931348623157e308, 0.30000000000000004, 1 / 3, 123456789.125, 2 ^ 53,
  -(2 ^ 63), 1e16, 1e-7, math.pi, math.maxinteger, math.mininteger, 0, -1,
  255, 256, 2 ^ 62 | 0}

local function rfloat()
  local r = R(4)
  if r == 1 then return specials[R(#specials)] end
  if r == 2 then return (R() - 0.5) * 10.0 ^ R(-320, 300) end
  if r == 3 then return string.unpack("<d", string.pack("<i8", R(math.mininteger, math.maxinteger))) end
  return R(-1000000, 1000000) / 8.0
end

local function rint()
  local r = R(3)
  if r == 1 then return R(math.mininteger, math.maxinteger) end
  if r == 2 then return R(-1000, 1000) end
  return ({math.mininteger, math.maxinteger, 0, 1 << 40})[R(4)]
end

local chars = {"a", "Z", " ", '"', "\\", "/", "\n", "\t", "\0", "\x1f", "\x7f",
  "é", "€", "→", "😀", "𐌰", "\u{10FFFF}", "\u{FFFF}", "\u{80}", "{", "[", ","}
local function rutf8(n)
  local t = {}
  for i = 1, R(0, n) do
    t[i] = R(3) == 1 and utf8.char(R(0, 0x10FFFF) & ~0x800) -- no surrogates
      or chars[R(#chars)]
  end
  return table.concat(t)
end

local function rbytes(n)
  local t = {}
  for i = 1, R(0, n) do t[i] = string.char(R(0, 255)) end
  return table.concat(t)
end

-- a JSON-shaped value: what EncodeJson then DecodeJson gives back whole
local function rjson(depth)
  local r = R(depth > 0 and 9 or 6)
  if r == 1 then return rint() end
  if r == 2 then
    local f = rfloat()
    return f == f and f - f == 0 and f or 1.5 -- JSON has no NaN, no inf
  end
  if r == 3 then return rutf8(12) end
  if r == 4 then return R(2) == 1 end
  if r == 5 then return rutf8(3) end
  if r == 6 then return R(1000) end
  if r == 7 then
    local t = {}
    for i = 1, R(0, 5) do t[i] = rjson(depth - 1) end
    if #t == 0 then t[0] = false end
    return t
  end
  local t = {}
  for _ = 1, R(0, 5) do t[rutf8(6)] = rjson(depth - 1) end
  return t
end

for i = 1, 400 do
  local val = rjson(4)
  local s = assert(EncodeJson(val, {maxdepth = 10}))
  local back, e = DecodeJson(s)
  assert(e == nil and same(back, val), "JSON round trip #" .. i .. ": " .. s)
  local p = assert(EncodeJson(val, {pretty = true, sorted = false, maxdepth = 10}))
  assert(same(DecodeJson(p), val), "pretty, unsorted round trip #" .. i)
  eq(EncodeJson(back), s, "re-encoding is stable #" .. i)
  assert(not s:find("[\128-\255]"), "EncodeJson's output is ASCII")
end
-- every byte string survives EncodeLua and load
local function rlua(depth)
  local r = R(depth > 0 and 8 or 6)
  if r == 1 then return rint() end
  if r == 2 then return rfloat() end
  if r == 3 then return rbytes(20) end
  if r == 4 then return rutf8(8) end
  if r == 5 then return R(2) == 1 end
  if r == 6 then return ({"end", "and", "_x", "a1", "1a", "", "nil"})[R(7)] end
  local t = {}
  if r == 7 then
    for i = 1, R(0, 5) do t[i] = rlua(depth - 1) end
  else
    for _ = 1, R(0, 5) do
      local k = rlua(0)
      if k == k then t[k] = rlua(depth - 1) end -- a NaN key cannot be
    end
  end
  return t
end
for i = 1, 400 do
  local val = rlua(3)
  for _, opts in ipairs({{}, {pretty = true, sorted = false}}) do
    local code = assert(EncodeLua(val, opts))
    local f = assert(load("return " .. code), code)
    assert(same(f(), val), "EncodeLua round trip #" .. i .. ": " .. code)
  end
end
-- strings of every byte through JSON: UTF-8 ones whole, others as Latin-1
local all = {}
for b = 0, 255 do all[#all + 1] = string.char(b) end
all = table.concat(all)
local latin1 = DecodeJson(EncodeJson(all))
eq(latin1, all:sub(1, 128) .. all:sub(129):gsub(".", function(c)
  return utf8.char(c:byte())
end), "bytes 128..255 come back as the Latin-1 characters")
eq(load("return " .. EncodeLua(all))(), all, "EncodeLua: all bytes")
-- }====

-- {==== python3's json module as the oracle
local python = check.python

-- our documents, read by python and written back in its canonical form
-- (sorted keys, no spaces, ASCII): byte for byte what EncodeJson wrote
local docs = {}
for i = 1, 300 do docs[i] = assert(EncodeJson(rjson(4), {maxdepth = 10})) end
local canon = python([[
import sys, json
for line in sys.stdin:
    v = json.loads(line)
    print(json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=True))
]], table.concat(docs, "\n") .. "\n")
local n = 0
for line in canon:gmatch("[^\n]+") do
  n = n + 1
  eq(line, docs[n], "python's canonical form of document #" .. n)
end
eq(n, #docs, "python read every document")

-- python's documents (its own random values, written in several styles)
-- decoded here and encoded again: python's canonical form
local pyout = python([[
import sys, json, random
random.seed(14)
def s():
    return ''.join(random.choice(['a', '"', '\\', '\n', '\x00', '\x7f', 'é',
        '€', '\U0001F600', chr(random.randrange(0x20, 0xD800))])
        for _ in range(random.randrange(6)))
def v(d):
    r = random.randrange(8 if d else 5)
    if r == 0: return random.randrange(-2**63, 2**63)
    if r == 1: return random.uniform(-1, 1) * 10.0 ** random.randrange(-300, 300)
    if r == 2: return s()
    if r == 3: return random.choice([True, False])
    if r == 4: return random.randrange(-100, 100) / 4
    if r < 6: return [v(d - 1) for _ in range(random.randrange(5))]
    return {s(): v(d - 1) for _ in range(random.randrange(5))}
for i in range(300):
    x = v(4)
    style = [dict(), dict(indent=2), dict(ensure_ascii=False),
             dict(separators=(' , ', ' : '))][i % 4]
    sys.stdout.buffer.write(json.dumps(x, **style).replace('\n', ' ').encode() + b'\n')
    print(json.dumps(x, sort_keys=True, separators=(',', ':')))
]], "")
n = 0
local lines = {}
for line in pyout:gmatch("[^\n]+") do lines[#lines + 1] = line end
for i = 1, #lines, 2 do
  n = n + 1
  local val, e = DecodeJson(lines[i])
  assert(e == nil, "python document #" .. n .. ": " .. tostring(e))
  eq(EncodeJson(val, {maxdepth = 10}), lines[i + 1], "python document #" .. n)
end
eq(n, 300, "python wrote 300 documents")
-- }====

print("cosmo_json: ok")
