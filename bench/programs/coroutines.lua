-- coroutines.lua: coroutine creation, resume and yield; generators
-- chained into a pipeline and a ring of coroutines passing a token.
-- Usage: coroutines.lua [n]   (default 500000). See LICENSE.
local create, resume, yield, wrap =
  coroutine.create, coroutine.resume, coroutine.yield, coroutine.wrap

local function gen(n)
  return wrap(function() for i = 1, n do yield(i) end end)
end

local function filter(src, p)
  return wrap(function()
    for v in src do if p(v) then yield(v) end end
  end)
end

local function pipeline(n)
  local s = 0
  for v in filter(gen(n), function(v) return v % 3 ~= 0 end) do s = s + v end
  return s
end

local function ring(size, passes)
  local cos = {}
  for i = 1, size do
    cos[i] = create(function(token)
      while true do token = yield(token + i) end
    end)
  end
  local token = 0
  for _ = 1, passes do
    for i = 1, size do
      local _, t = resume(cos[i], token)
      token = t % 1000003
    end
  end
  return token
end

local function many(n)
  local s = 0
  for i = 1, n do
    local co = create(function(a) local b = yield(a + 1); return a + b end)
    local _, x = resume(co, i)
    local _, y = resume(co, x)
    s = s + y
  end
  return s
end

local n = tonumber(arg and arg[1]) or 500000
io.write(string.format("coroutines: %d %d %d\n", pipeline(n),
                       ring(100, math.floor(n / 100)), many(math.floor(n / 3))))
