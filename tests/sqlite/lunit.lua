-- lunit.lua: the part of the lunit unit-test framework that lsqlite3's own
-- tests (test/tests-sqlite3.lua of its source) use, written for moonbox:
-- Debian has no lunit package. lunit.module(name, "seeall") makes a test
-- case whose functions named test* run between its setup and teardown;
-- lunit.main() runs every case and ends with "N passed, N failed". See
-- LICENSE.
local lunit = {}
local cases = {} -- in the order they were made

local function fail(msg, level)
  error(setmetatable({msg = msg}, {__tostring = function(e) return e.msg end}),
    (level or 1) + 2)
end

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

-- assert_*(...): as lunit's; each returns the value it checked.
function lunit.assert(v, msg)
  if not v then fail(msg or "assertion failed") end
  return v
end

function lunit.assert_true(v, msg)
  if v ~= true then fail((msg or "") .. " true expected, got " .. show(v)) end
  return v
end

function lunit.assert_equal(want, got, msg)
  if want ~= got then
    fail((msg and msg .. ": " or "") .. "expected " .. show(want) ..
      ", got " .. show(got))
  end
  return got
end

function lunit.assert_nil(v, msg)
  if v ~= nil then fail((msg or "") .. " nil expected, got " .. show(v)) end
  return v
end

for _, t in ipairs{"number", "table", "userdata", "function", "string",
    "boolean"} do
  lunit["assert_" .. t] = function(v, msg)
    if type(v) ~= t then
      fail((msg or "") .. " " .. t .. " expected, got " .. show(v))
    end
    return v
  end
end

-- assert_error([msg,] f): f() must raise.
function lunit.assert_error(msg, f)
  if f == nil then f, msg = msg, nil end
  if pcall(f) then fail((msg or "") .. " error expected, none raised") end
end

-- assert_pass([msg,] f): f() must not raise.
function lunit.assert_pass(msg, f)
  if f == nil then f, msg = msg, nil end
  local ok, err = pcall(f)
  if not ok then fail((msg or "") .. " no error expected, got " .. show(err)) end
end

-- module(name[, "seeall"]): a new test case; with "seeall" its functions
-- see the assertions, then the globals.
function lunit.module(name, seeall)
  local m = {_NAME = name}
  if seeall == "seeall" then
    setmetatable(m, {__index = function(_, k)
      local v = lunit[k]
      if v == nil then v = _G[k] end
      return v
    end})
  end
  cases[#cases + 1] = m
  return m
end

-- The test functions of case m, sorted by name.
local function tests_of(m)
  local names = {}
  for k, v in pairs(m) do
    if type(k) == "string" and type(v) == "function" and k:find("^test") then
      names[#names + 1] = k
    end
  end
  table.sort(names)
  return names
end

local function traced(err)
  return debug.traceback(tostring(err), 2)
end

-- main(): runs every case; a failure is printed with its case and test,
-- the counts last; exits non-zero if any test failed.
function lunit.main()
  local passed, failed = 0, 0
  for _, m in ipairs(cases) do
    for _, name in ipairs(tests_of(m)) do
      local ok, err = true, nil
      if rawget(m, "setup") then ok, err = xpcall(m.setup, traced) end
      if ok then ok, err = xpcall(m[name], traced) end
      if rawget(m, "teardown") then
        local tok, terr = xpcall(m.teardown, traced)
        if ok and not tok then ok, err = tok, terr end
      end
      if ok then passed = passed + 1
      else
        failed = failed + 1
        print(string.format("FAIL %s.%s: %s", m._NAME, name, tostring(err)))
      end
    end
  end
  print(string.format("%d passed, %d failed", passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

return lunit
