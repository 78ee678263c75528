-- fannkuch-redux.lua: integer arithmetic and small array shuffles; the
-- most pancake flips over all permutations, with a checksum.
-- Usage: fannkuch-redux.lua [n [rounds]]   (default 9, 2). See LICENSE.
local function fannkuch(n)
  local perm, perm1, count = {}, {}, {}
  local maxflips, checksum, sign = 0, 0, 1
  for i = 1, n do perm1[i] = i end
  local r = n
  while true do
    while r ~= 1 do count[r] = r; r = r - 1 end
    for i = 1, n do perm[i] = perm1[i] end
    local flips, k = 0, perm[1]
    while k ~= 1 do
      local i, j = 1, k
      while i < j do
        perm[i], perm[j] = perm[j], perm[i]
        i, j = i + 1, j - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > maxflips then maxflips = flips end
    checksum = checksum + sign * flips
    sign = -sign
    -- next permutation in the counting order
    while true do
      if r == n then return checksum, maxflips end
      local first = perm1[1]
      for i = 1, r do perm1[i] = perm1[i + 1] end
      perm1[r + 1] = first
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then break end
      r = r + 1
    end
  end
end

local n = tonumber(arg and arg[1]) or 9
local sum, flips
for _ = 1, tonumber(arg and arg[2]) or 2 do sum, flips = fannkuch(n) end
io.write(string.format("%d\nPfannkuchen(%d) = %d\n", sum, n, flips))
