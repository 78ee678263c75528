-- script.lua: the shape of an everyday script: write a generated data file
-- into a temporary file, read it back line by line, split the fields,
-- aggregate, write a report file, read the report and sum it; the files
-- are removed at the end.
-- Usage: script.lua [lines]   (default 50000). See LICENSE.
local fmt = string.format
local nlines = tonumber(arg and arg[1]) or 50000

local seed = 17
local function rnd(n)
  seed = seed * 16807 % 2147483647
  return seed % n
end

local data = os.tmpname()
local report = data .. ".report"
local depts = { "sales", "support", "engineering", "marketing", "legal",
  "operations" }

-- 1. write the data file, a line per record, tab-separated
local f = assert(io.open(data, "w"))
for i = 1, nlines do
  f:write(i, "\t", depts[rnd(#depts) + 1], "\t", "employee", rnd(5000), "\t",
    2000 + rnd(25), "-", fmt("%02d", rnd(12) + 1), "\t",
    fmt("%.2f", rnd(1000000) / 100), "\t", rnd(60), "\n")
end
f:close()

-- 2. read it, split, aggregate
local stats, order = {}, {}
local people, n = {}, 0
for line in io.lines(data) do
  local fields = {}
  for field in line:gmatch("[^\t]+") do fields[#fields + 1] = field end
  local dept, who, month = fields[2], fields[3], fields[4]
  local amount, hours = tonumber(fields[5]), tonumber(fields[6])
  local s = stats[dept]
  if not s then
    s = { n = 0, sum = 0, hours = 0, max = -1, months = {} }
    stats[dept] = s
    order[#order + 1] = dept
  end
  s.n, s.sum, s.hours = s.n + 1, s.sum + amount, s.hours + hours
  if amount > s.max then s.max = amount end
  s.months[month:sub(1, 4)] = (s.months[month:sub(1, 4)] or 0) + amount
  people[who] = (people[who] or 0) + 1
  n = n + 1
end
assert(n == nlines)
table.sort(order)

-- 3. write the report
local out = assert(io.open(report, "w"))
out:write("department\trecords\ttotal\taverage\tmax\thours\n")
for _, dept in ipairs(order) do
  local s = stats[dept]
  out:write(fmt("%s\t%d\t%.2f\t%.4f\t%.2f\t%d\n", dept, s.n, s.sum,
    s.sum / s.n, s.max, s.hours))
  local years = {}
  for y in pairs(s.months) do years[#years + 1] = y end
  table.sort(years)
  for _, y in ipairs(years) do
    out:write(fmt("%s/%s\t\t%.2f\n", dept, y, s.months[y]))
  end
end
local distinct = 0
for _ in pairs(people) do distinct = distinct + 1 end
out:write(fmt("people\t%d\n", distinct))
out:close()

-- 4. read the report back
local rf = assert(io.open(report, "r"))
local text = rf:read("a")
rf:close()
local total, lines = 0, 0
for line in text:gmatch("[^\n]+") do
  lines = lines + 1
  local last = line:match("([%d.]+)$")
  if last then total = total + tonumber(last) end
end
io.write(text:match("^[^\n]*\n[^\n]*\n"))
assert(os.remove(data) and os.remove(report))
print(fmt("checksum: %d lines %d report lines %.2f", n, lines, total))
