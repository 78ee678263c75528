-- csv.lua: generate CSV text (quoted fields with commas, doubled quotes),
-- parse it back field by field, and aggregate columns by group.
-- Usage: csv.lua [rows]   (default 30000). See LICENSE.
local fmt, concat, find, sub, gsub = string.format, table.concat,
  string.find, string.sub, string.gsub
local nrows = tonumber(arg and arg[1]) or 30000

local seed = 7
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local cities = { "Paris", "Lyon", "Saint-Denis, Reunion", "Le \"Havre\"",
  "Nantes", "Lille", "Brest", "Nice" }
local items = { "widget", "gadget", "gizmo", "doohickey, large", "sprocket" }

local function quote(s)
  if find(s, '[,"\n]') then return '"' .. gsub(s, '"', '""') .. '"' end
  return s
end

local lines = { "id,city,item,quantity,price,note" }
for i = 1, nrows do
  lines[#lines + 1] = concat({ i, quote(cities[rnd(#cities) + 1]),
    quote(items[rnd(#items) + 1]), rnd(50) + 1,
    fmt("%.2f", rnd(100000) / 100),
    rnd(5) == 0 and quote("said \"ok\", then left") or "" }, ",")
end
local text = concat(lines, "\n") .. "\n"

-- one record from position pos: the fields and the next position
local function record(s, pos)
  local fields = {}
  while true do
    if sub(s, pos, pos) == '"' then
      local parts, i = {}, pos + 1
      while true do
        local q = find(s, '"', i, true)
        parts[#parts + 1] = sub(s, i, q - 1)
        if sub(s, q + 1, q + 1) == '"' then
          parts[#parts + 1] = '"'
          i = q + 2
        else
          pos = q + 1
          break
        end
      end
      fields[#fields + 1] = concat(parts)
    else
      local e = find(s, "[,\n]", pos) or #s + 1
      fields[#fields + 1] = sub(s, pos, e - 1)
      pos = e
    end
    local c = sub(s, pos, pos)
    pos = pos + 1
    if c ~= "," then return fields, pos end
  end
end

local pos = 1
local header
header, pos = record(text, pos)
assert(#header == 6)
local by_city, by_item, notes, n = {}, {}, 0, 0
local cityorder = {}
while pos <= #text do
  local f
  f, pos = record(text, pos)
  n = n + 1
  local q, p = tonumber(f[4]), tonumber(f[5])
  local c = by_city[f[2]]
  if not c then
    c = { qty = 0, total = 0, rows = 0 }
    by_city[f[2]] = c
    cityorder[#cityorder + 1] = f[2]
  end
  c.qty, c.total, c.rows = c.qty + q, c.total + q * p, c.rows + 1
  by_item[f[3]] = (by_item[f[3]] or 0) + q
  if f[6] ~= "" then notes = notes + #f[6] end
end
assert(n == nrows)
table.sort(cityorder)
local check = 0
for _, name in ipairs(cityorder) do
  local c = by_city[name]
  print(fmt("%-22s rows %6d qty %8d total %14.2f", name, c.rows, c.qty,
    c.total))
  check = check + c.total
end
local itemorder = {}
for k in pairs(by_item) do itemorder[#itemorder + 1] = k end
table.sort(itemorder)
for _, k in ipairs(itemorder) do print(fmt("%-18s qty %d", k, by_item[k])) end
print(fmt("checksum: %d rows %d note bytes %.2f", n, notes, check))
