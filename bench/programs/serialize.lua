-- serialize.lua: a JSON-like encoder and a recursive-descent parser, both in
-- Lua, round-tripping nested tables of records (objects, arrays, strings
-- with escapes, integers and floats).
-- Usage: serialize.lua [rounds]   (default 8). See LICENSE.
local fmt, concat, byte, sub, find, char = string.format, table.concat,
  string.byte, string.sub, string.find, string.char
local floor = math.floor
local rounds = tonumber(arg and arg[1]) or 8

local seed = 42
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local words = { "alpha", "beta", "gamma", "delta \"quoted\"", "eps\\ilon",
  "tab\there", "line\nbreak", "zeta", "eta", "theta" }

local function make(depth)
  local t = {}
  for _ = 1, 8 do
    local k = rnd(4)
    if depth > 0 and k == 0 then
      t[#t + 1] = make(depth - 1)
    elseif k == 1 then
      t[#t + 1] = words[rnd(#words) + 1]
    elseif k == 2 then
      t[#t + 1] = rnd(1000000) - 500000
    else
      t[#t + 1] = rnd(100000) / 64
    end
  end
  if depth % 2 == 1 then
    local o = {}
    for i, v in ipairs(t) do o["key" .. i] = v end
    o.name, o.id, o.ok = words[rnd(#words) + 1], rnd(1e6), rnd(2) == 1
    return o
  end
  return t
end

-- encoder: keys sorted, so the text does not depend on the hash order
local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n',
  ['\t'] = '\\t', ['\r'] = '\\r' }
local encode
local function encstr(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or fmt("\\u%04x", byte(c))
  end) .. '"'
end
local function encval(v, out)
  local ty = type(v)
  if ty == "string" then out[#out + 1] = encstr(v)
  elseif ty == "number" then
    out[#out + 1] = v == floor(v) and fmt("%d", v) or fmt("%.17g", v)
  elseif ty == "boolean" then out[#out + 1] = tostring(v)
  elseif v[1] ~= nil or next(v) == nil then
    out[#out + 1] = "["
    for i = 1, #v do
      if i > 1 then out[#out + 1] = "," end
      encval(v[i], out)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      out[#out + 1] = encstr(k)
      out[#out + 1] = ":"
      encval(v[k], out)
    end
    out[#out + 1] = "}"
  end
end
function encode(v)
  local out = {}
  encval(v, out)
  return concat(out)
end

-- parser
local unesc = { n = "\n", t = "\t", r = "\r", ['"'] = '"', ['\\'] = '\\',
  ['/'] = '/', b = "\b", f = "\f" }
local decode
do
  local s, pos
  local value
  local function ws()
    pos = find(s, "[^ \t\r\n]", pos) or #s + 1
  end
  local function str()
    local i = pos + 1
    local parts = {}
    while true do
      local a, b, esc = find(s, '(["\\])', i)
      if not a then error("unterminated string at " .. pos) end
      parts[#parts + 1] = sub(s, i, a - 1)
      if esc == '"' then pos = b + 1; return concat(parts) end
      local c = sub(s, a + 1, a + 1)
      if c == "u" then
        parts[#parts + 1] = char(tonumber(sub(s, a + 2, a + 5), 16))
        i = a + 6
      else
        parts[#parts + 1] = unesc[c] or error("bad escape " .. c)
        i = a + 2
      end
    end
  end
  function value()
    ws()
    local c = byte(s, pos)
    if c == 123 then -- {
      local o = {}
      pos = pos + 1; ws()
      if byte(s, pos) == 125 then pos = pos + 1; return o end
      while true do
        ws()
        local k = str()
        ws()
        if byte(s, pos) ~= 58 then error("':' expected at " .. pos) end
        pos = pos + 1
        o[k] = value()
        ws()
        c = byte(s, pos); pos = pos + 1
        if c == 125 then return o end
        if c ~= 44 then error("',' expected at " .. pos) end
      end
    elseif c == 91 then -- [
      local a = {}
      pos = pos + 1; ws()
      if byte(s, pos) == 93 then pos = pos + 1; return a end
      while true do
        a[#a + 1] = value()
        ws()
        c = byte(s, pos); pos = pos + 1
        if c == 93 then return a end
        if c ~= 44 then error("',' expected at " .. pos) end
      end
    elseif c == 34 then return str()
    elseif c == 116 then pos = pos + 4; return true
    elseif c == 102 then pos = pos + 5; return false
    else
      local a, b = find(s, "^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
      if not a then error("value expected at " .. pos) end
      pos = b + 1
      return tonumber(sub(s, a, b))
    end
  end
  function decode(text)
    s, pos = text, 1
    local v = value()
    ws()
    assert(pos > #s, "trailing text")
    return v
  end
end

local function sum(v)
  local ty = type(v)
  if ty == "number" then return v end
  if ty == "string" then return #v end
  if ty == "boolean" then return v and 1 or 0 end
  local s = 0
  for _, x in pairs(v) do s = s + sum(x) end
  return s
end

local data = {}
for i = 1, 30 do data[i] = make(4) end
local total, bytes = 0, 0
for _ = 1, rounds do
  local text = encode(data)
  local back = decode(text)
  local again = encode(back)
  assert(again == text, "round trip changed the text")
  bytes = bytes + #text
  total = total + sum(back)
end
print(fmt("serialize: %d rounds, %d bytes of text", rounds, bytes))
print(fmt("checksum: %.6f", total))
