-- tables.lua: table.insert and table.remove at both ends and inside,
-- table.sort with and without a comparator, and hash-part churn.
-- Usage: tables.lua [rounds]   (default 3). See LICENSE.
local insert, remove, sort = table.insert, table.remove, table.sort

local function lcg(seed)
  return function()
    seed = seed * 16807 % 2147483647
    return seed
  end
end

local function round(r)
  local rnd, t = lcg(r * 7919), {}
  for _ = 1, 20000 do insert(t, rnd() % 100000) end
  for i = 1, 300 do insert(t, 1, i) end
  for i = 1, 300 do insert(t, math.floor(#t / 2) + 1, i) end
  local s = 0
  for _ = 1, 500 do s = s + remove(t, 1) + remove(t) end
  sort(t)
  for i = 2, #t do assert(t[i - 1] <= t[i]) end
  sort(t, function(a, b) return a > b end)
  s = s + t[1] - t[#t]
  local h = {}
  for i = 1, 20000 do h["k" .. (rnd() % 5000)] = i end
  for k, v in pairs(h) do if v % 2 == 0 then h[k] = nil end end
  for _ in pairs(h) do s = s + 1 end
  return s
end

local rounds = tonumber(arg and arg[1]) or 3
local total = 0
for r = 1, rounds do total = (total + round(r)) % 1000000007 end
io.write(string.format("tables: %d\n", total))
