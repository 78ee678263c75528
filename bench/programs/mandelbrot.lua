-- mandelbrot.lua: floating-point inner loops with early exit; the
-- Mandelbrot set on an n x n grid, reported as a count and a checksum of
-- its bitmap rows.
-- Usage: mandelbrot.lua [n]   (default 640). See LICENSE.
local n = tonumber(arg and arg[1]) or 640
local iter, inside, sum = 50, 0, 0
for y = 0, n - 1 do
  local ci = 2 * y / n - 1
  local row = 0
  for x = 0, n - 1 do
    local cr = 2 * x / n - 1.5
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local escaped = false
    for _ = 1, iter do
      zi = 2 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > 4 then escaped = true; break end
    end
    if not escaped then
      inside = inside + 1
      row = (row * 31 + x) % 1000003
    end
  end
  sum = (sum * 17 + row) % 1000003
end
io.write(string.format("%dx%d: %d points inside, checksum %d\n",
                       n, n, inside, sum))
