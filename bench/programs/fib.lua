-- fib.lua: function calls, the naive doubly recursive Fibonacci.
-- Usage: fib.lua [n]   (default 34). See LICENSE.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local n = tonumber(arg and arg[1]) or 34
io.write(string.format("fib(%d) = %d\n", n, fib(n)))
