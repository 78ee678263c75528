-- binary-trees.lua: allocation and garbage collection; many short-lived
-- trees built and walked beside one long-lived tree.
-- Usage: binary-trees.lua [depth]   (default 15). See LICENSE.
local function make(d)
  if d == 0 then return {} end
  d = d - 1
  return { make(d), make(d) }
end

local function count(t)
  local l = t[1]
  if l then return 1 + count(l) + count(t[2]) end
  return 1
end

local maxd = math.max(6, tonumber(arg and arg[1]) or 15)
io.write(string.format("stretch tree of depth %d\t check: %d\n",
                       maxd + 1, count(make(maxd + 1))))
local long = make(maxd)
for d = 4, maxd, 2 do
  local iters, sum = 2 ^ (maxd - d + 4), 0
  for _ = 1, iters do sum = sum + count(make(d)) end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n",
                         iters, d, sum))
end
io.write(string.format("long lived tree of depth %d\t check: %d\n",
                       maxd, count(long)))
