-- methods.lua: method calls on objects through metatables, with a
-- two-level class hierarchy, __index chains and an __add metamethod.
-- Usage: methods.lua [n]   (default 2000000). See LICENSE.
local Point = {}
Point.__index = Point

function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:move(dx, dy) self.x = self.x + dx; self.y = self.y + dy end
function Point:norm1() return math.abs(self.x) + math.abs(self.y) end
function Point.__add(a, b) return Point.new(a.x + b.x, a.y + b.y) end

local Particle = setmetatable({}, { __index = Point })
Particle.__index = Particle
Particle.__add = Point.__add

function Particle.new(x, y, vx, vy)
  local p = Point.new(x, y)
  p.vx, p.vy = vx, vy
  return setmetatable(p, Particle)
end
function Particle:step() self:move(self.vx, self.vy) end
function Particle:bounce(lim)
  if self:norm1() > lim then self.vx, self.vy = -self.vx, -self.vy end
end

local n = tonumber(arg and arg[1]) or 2000000
local ps = {}
for i = 1, 100 do ps[i] = Particle.new(i, -i, (i % 7) - 3, (i % 5) - 2) end
local acc = Point.new(0, 0)
for k = 1, n / 100 do
  for i = 1, 100 do
    local p = ps[i]
    p:step()
    p:bounce(1000)
  end
  if k % 100 == 0 then
    for i = 1, 100 do acc = acc + ps[i] end
  end
end
io.write(string.format("methods: %d %d\n", acc.x, acc.y))
