-- tests/tz/dates.lua: prints os.date and os.time results for many instants,
-- formats and date tables. tests/tz/compare runs it under moonbox and under
-- Debian's lua5.4 (glibc) with the same TZ and compares. See LICENSE.
local convs = {"a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G",
  "h", "H", "I", "j", "m", "M", "n", "p", "r", "R", "S", "t", "T", "u", "U",
  "V", "w", "W", "x", "X", "y", "Y", "z", "Z", "%", "Ec", "EC", "Ex", "EX",
  "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV",
  "Ow", "OW", "Oy"}
local all = {}
for i, c in ipairs(convs) do all[i] = "%" .. c end
all = table.concat(all, "|")

local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  for i, k in ipairs(keys) do keys[i] = k .. "=" .. tostring(t[k]) end
  return table.concat(keys, " ")
end

local function out(...) io.write(table.concat({...}, "\t"), "\n") end

-- Instants: fixed ones, then a deterministic pseudo-random spread.
local instants = {0, -1, 1, 951782400, 1700000000, 1690000000, -2208988800,
  -3000000000, 2147483647, 2147483648, 4102444800, 253402300799,
  -62135596800, -67768040609740800, 67767976233316800}
local seed = 12345
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n end
for _ = 1, 300 do instants[#instants + 1] = rnd(2^31) * 4 - 2^32 + rnd(4) end
-- glibc 2.36 misplaces DST past year ~2^24 (its rule arithmetic
-- overflows), so the far spread stays within +-8,700 years.
for _ = 1, 40 do instants[#instants + 1] = (rnd(2^31) - 2^30) * 2^8 end

-- DATES_MIN_YEAR: leave out instants and tables before that year.
local min_year = tonumber(os.getenv("DATES_MIN_YEAR") or "")
if min_year then
  local keep = {}
  for _, t in ipairs(instants) do
    if os.date("!*t", t).year >= min_year then keep[#keep + 1] = t end
  end
  instants = keep
end

for _, t in ipairs(instants) do
  for _, f in ipairs{all, "!" .. all} do
    local ok, s = pcall(os.date, f, t)
    out("date", t, f:sub(1, 1), tostring(ok), s)
  end
  local ok, tt = pcall(os.date, "*t", t)
  out("*t", t, tostring(ok), ok and show(tt) or tt)
  ok, tt = pcall(os.date, "!*t", t)
  out("!*t", t, tostring(ok), ok and show(tt) or tt)
  -- At the year -2^31 edge glibc refuses a local time whose UTC year does
  -- not fit (for TZ strings); moonbox only asks that the result fits.
  if ok and tt.year > -2147481748 then
    local t2 = {year = tt.year, month = tt.month, day = tt.day,
      hour = tt.hour, min = tt.min, sec = tt.sec}
    local ok2, r = pcall(os.time, t2)
    out("time", t, tostring(ok2), tostring(r), show(t2))
  end
end

-- Date tables with out-of-range fields and isdst hints.
local tables = {}
for _ = 1, 400 do
  tables[#tables + 1] = {year = 1900 + rnd(250), month = rnd(30) - 8,
    day = rnd(70) - 20, hour = rnd(60) - 10, min = rnd(200) - 60,
    sec = rnd(9000) - 3000, isdst = ({nil, true, false})[rnd(3) + 1]}
end
-- Near the transitions of most zones (spring forward, fall back).
for _, m in ipairs{3, 4, 10, 11} do
  for d = 1, 31, 3 do
    for h = 0, 4 do
      for _, dst in ipairs{"nil", "true", "false"} do
        local isdst = ({["true"] = true, ["false"] = false})[dst]
        tables[#tables + 1] = {year = 2024, month = m, day = d, hour = h,
          min = 30, isdst = isdst}
      end
    end
  end
end
for _, t in ipairs{{year = 1969, month = 12, day = 31, hour = 23, min = 59,
    sec = 59}, {year = 2^31 + 1900, month = 1, day = 1},
    {year = -2^31 + 1900, month = 1, day = 1},
    {year = 2^31 + 1899, month = 12, day = 31},
    {year = 2020, month = 2^31 + 1, day = 1},
    {year = 2020, month = 1, day = 1.5},
    {year = 2020, month = 1}, {year = "2020", month = "3", day = "4"},
    {year = 2020, month = 1, day = 1, hour = "x"}} do
  tables[#tables + 1] = t
end
if min_year then
  local keep = {}
  for _, t in ipairs(tables) do
    if type(t.year) ~= "number" or t.year > min_year then keep[#keep + 1] = t end
  end
  tables = keep
end

-- With isdst absent, glibc resolves an overlap (fall back) from the offset
-- its previous mktime call found, so either instant may come; both show
-- the same wall clock, which is what gets compared then.
for _, t in ipairs(tables) do
  local before, guess = show(t), t.isdst == nil
  local ok, r = pcall(os.time, t)
  if ok and guess then
    r = os.date("%Y-%m-%d %H:%M:%S", r)
    t.isdst = nil
  end
  out("mktime", before, tostring(ok), tostring(r), show(t))
end

-- Errors for invalid conversions and arguments.
for _, f in ipairs{"%", "%Q", "%Ez", "%E", "%O", "%Oz x", "%5d", "abc%",
    "%%%", "*t ", "!*t", "!", "", "%E%"} do
  local ok, s = pcall(os.date, f, 0)
  out("fmt", f, tostring(ok), type(s) == "table" and show(s) or s)
end
for _, a in ipairs{1.5, "10", "x", 2^63} do
  local ok, s = pcall(os.date, "%c", a)
  out("arg", tostring(a), tostring(ok), s)
end
