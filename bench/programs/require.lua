-- require.lua: require of many small modules from disk, each round after
-- forgetting them, so every round searches package.path, reads and
-- compiles the files again.
-- Usage: require.lua DIR [rounds]   (DIR holds m1.lua ... mN.lua, made by
-- bench/run; default 150 rounds). See LICENSE.
local dir = assert(arg and arg[1], "usage: require.lua DIR [rounds]")
local rounds = tonumber(arg[2]) or 150
-- a first template that never matches, as a project's own lib/ often is
package.path = dir .. "/lib/?.lua;" .. dir .. "/?.lua"
local names = {}
for i = 1, 1000 do
  local f = io.open(dir .. "/m" .. i .. ".lua")
  if not f then break end
  f:close()
  names[i] = "m" .. i
end
local sum = 0
for _ = 1, rounds do
  for i = 1, #names do
    local m = require(names[i])
    sum = sum + m.f(1) + m.g(m.data)
    package.loaded[names[i]] = nil
  end
end
io.write(string.format("require: %d modules, %d rounds, %d\n", #names,
                       rounds, sum))
