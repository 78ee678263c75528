-- cosmo_api.lua: every name the seed binary's `cosmo` table offers (the
-- reference list ../shared/reference/cosmo-api.md, read here, not copied)
-- and every name of the later builds is there, of the right type. See LICENSE.
local check = dofile("tests/lua/check.lua")
local cosmo = require "cosmo"

local ref = "../shared/reference/cosmo-api.md"
local f = assert(io.open(ref), "the reference list " .. ref)
local text = f:read("a")
f:close()

-- "## The 58 functions of `cosmo`" up to the next blank line
local block = assert(text:match("## The 58 functions of `cosmo`\n(.-)\n\n"),
  "the section of the 58 functions")
local n = 0
for name in block:gmatch("%S+") do
  n = n + 1
  check.eq(type(cosmo[name]), "function", "cosmo." .. name)
end
check.eq(n, 58, "names in the reference's list")

-- "Later builds of the same family add ...: Barf Slurp ... FormatHttpDateTime,
-- a `getopt` module and an `is_main` helper."
local later = assert(text:match("Later builds of the same family add.-:\n(.-), a `getopt`"),
  "the later builds' list")
local absent = {Fetch = "an HTTP(S) client: not part of moonbox (docs/cosmo.md)"}
local m = 0
for name in later:gmatch("%u%w+") do
  if absent[name] then
    check.eq(cosmo[name], nil, "cosmo." .. name .. " (" .. absent[name] .. ")")
  else
    m = m + 1
    check.eq(type(cosmo[name]), "function", "cosmo." .. name)
  end
end
check.eq(m, 21, "the later builds' names, Fetch aside")
check.eq(type(cosmo.is_main), "function", "cosmo.is_main")
check.eq(type(cosmo.getopt), "table", "cosmo.getopt")
check.eq(require "cosmo.getopt", cosmo.getopt, "require 'cosmo.getopt'")
print("cosmo_api: ok (" .. n .. " + " .. m .. " names)")
