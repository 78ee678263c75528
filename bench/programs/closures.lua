-- closures.lua: making closures, calling them through upvalues, and
-- higher-order helpers (map, filter, fold, compose).
-- Usage: closures.lua [rounds]   (default 160). See LICENSE.
local function counter()
  local n = 0
  return function(d) n = n + d; return n end
end

local function map(t, f)
  local r = {}
  for i = 1, #t do r[i] = f(t[i]) end
  return r
end

local function filter(t, p)
  local r = {}
  for i = 1, #t do if p(t[i]) then r[#r + 1] = t[i] end end
  return r
end

local function fold(t, f, acc)
  for i = 1, #t do acc = f(acc, t[i]) end
  return acc
end

local function compose(f, g) return function(x) return f(g(x)) end end

local function round(r)
  local data = {}
  for i = 1, 5000 do data[i] = (i * r) % 1013 end
  local total = 0
  for k = 1, 4 do
    local add = function(x) return x + k end
    local twice = compose(add, function(x) return x * 2 end)
    local odd = filter(map(data, twice), function(x) return x % 2 == 1 end)
    total = total + fold(odd, function(a, b) return a + b end, 0)
  end
  local c = counter()
  for i = 1, 5000 do c(i % 3) end
  return total + c(0)
end

local rounds = tonumber(arg and arg[1]) or 160
local total = 0
for r = 1, rounds do total = total + round(r) end
io.write(string.format("closures: %d\n", total))
