-- sort-records.lua: records (tables with string, integer and float fields)
-- sorted by several keys with comparison functions: by name then age,
-- by city, score descending and id, by a precomputed composite string
-- key, and a stable sort built on an index tie-break.
-- Usage: sort-records.lua [records]   (default 18000). See LICENSE.
local fmt, sort = string.format, table.sort
local nrec = tonumber(arg and arg[1]) or 18000

local seed = 31
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local first = { "Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger",
  "Frances", "Grace", "John", "Ken", "Margaret", "Niklaus", "Radia" }
local cities = { "Paris", "Berlin", "Oslo", "Rome", "Lisbon", "Vienna",
  "Prague", "Dublin" }
local recs = {}
for i = 1, nrec do
  recs[i] = { id = i, name = first[rnd(#first) + 1] .. " " .. rnd(500),
    age = 18 + rnd(60), city = cities[rnd(#cities) + 1],
    score = rnd(100000) / 100, group = rnd(20) }
end

local function copy(t)
  local c = {}
  for i = 1, #t do c[i] = t[i] end
  return c
end

local function digest(t, field)
  local h = 0
  for i = 1, #t do
    local v = t[i][field]
    if type(v) == "string" then v = #v + v:byte(1) end
    h = (h * 31 + math.floor(v * 100) + i) % 1000000007
  end
  return h
end

local checks = {}
-- 1. name, then age, then id
local a = copy(recs)
sort(a, function(x, y)
  if x.name ~= y.name then return x.name < y.name end
  if x.age ~= y.age then return x.age < y.age end
  return x.id < y.id
end)
checks[#checks + 1] = digest(a, "id")
-- 2. city ascending, score descending, id
a = copy(recs)
sort(a, function(x, y)
  if x.city ~= y.city then return x.city < y.city end
  if x.score ~= y.score then return x.score > y.score end
  return x.id < y.id
end)
checks[#checks + 1] = digest(a, "id")
-- 3. a composite key string built once per record
a = copy(recs)
for _, r in ipairs(a) do
  r.key = fmt("%02d|%-10s|%09.2f|%06d", r.group, r.city, r.score, r.id)
end
sort(a, function(x, y) return x.key < y.key end)
checks[#checks + 1] = digest(a, "id")
-- 4. stable: by group only, ties kept in the order of the previous sort
for i, r in ipairs(a) do r.pos = i end
sort(a, function(x, y)
  if x.group ~= y.group then return x.group > y.group end
  return x.pos < y.pos
end)
checks[#checks + 1] = digest(a, "id")
for i = 2, #a do
  assert(a[i - 1].group > a[i].group or a[i - 1].pos < a[i].pos)
end
-- 5. a million-comparison sort of plain numbers and strings
local nums, strs = {}, {}
for i = 1, nrec do nums[i] = recs[i].score * 7 % 1000; strs[i] = recs[i].name end
sort(nums)
sort(strs, function(x, y) return x > y end)
checks[#checks + 1] = math.floor(nums[math.floor(nrec / 2)] * 100) + #strs[1]
print(fmt("sort-records: %d records, first %s (%d), last %s", nrec, a[1].name,
  a[1].id, a[#a].name))
print("checksum: " .. table.concat(checks, " "))
