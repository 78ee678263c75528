-- strings.lua: string building, gsub, format, concatenation, find and
-- byte access; the work of text-processing scripts.
-- Usage: strings.lua [rounds]   (default 80). See LICENSE.
local fmt, gsub, concat = string.format, string.gsub, table.concat

local function build(n)
  local parts = {}
  for i = 1, n do
    parts[#parts + 1] = fmt("%d:%s=%5.2f;", i, "key" .. i % 97, i / 7)
  end
  return concat(parts)
end

local function work(n)
  local s = build(n)
  local t, subs = gsub(s, "(%d+):key(%d+)", "%2/%1")
  local words = 0
  for _ in t:gmatch("[^;]+") do words = words + 1 end
  local up = t:upper():lower()
  local acc = ""
  for i = 1, 300 do acc = acc .. up:sub(i, i + 3) end
  local sum = 0
  for i = 1, #acc do sum = (sum + acc:byte(i)) % 65521 end
  local found, pos = 0, 1
  while true do
    local a, b = s:find("key1", pos, true)
    if not a then break end
    found, pos = found + 1, b + 1
  end
  return #s + subs + words + sum + found + #up:rep(2, ",")
end

local rounds = tonumber(arg and arg[1]) or 80
local total = 0
for r = 1, rounds do total = (total + work(2000 + r)) % 1000000007 end
io.write(fmt("strings: %d\n", total))
