-- cosmo.lua: require "cosmo" gives the sub-modules under every name that
-- scripts use (cosmo.X, package.loaded["cosmo.X"], plain X) and sets no
-- global. See LICENSE.
local check = dofile("tests/lua/check.lua")

-- loaded on first require only: nothing before it
check.eq(package.loaded.cosmo, nil, "cosmo loaded before require")
check.eq(type(package.preload.cosmo), "function", "package.preload.cosmo")
local before = {}
for k in pairs(_G) do before[k] = true end

local cosmo = require("cosmo")
check.eq(type(cosmo), "table", "require 'cosmo'")
check.eq(require("cosmo"), cosmo, "require 'cosmo' twice")
-- the sub-modules load on first use of their field, then stay in the table
for _, name in ipairs({"unix", "path", "argon2", "re", "getopt", "sqlite3"}) do
  check.eq(rawget(cosmo, name), nil, "cosmo." .. name .. " before its first use")
end
check.eq(package.loaded.lsqlite3, nil, "lsqlite3 loaded by require 'cosmo'")
check.eq(cosmo.NoSuchFunction, nil, "an unknown field")
check.eq(cosmo[1], nil, "a number")
local sq = cosmo.sqlite3
check.eq(rawget(cosmo, "sqlite3"), sq, "cosmo.sqlite3 kept after its first use")
check.eq(package.loaded.lsqlite3, sq, "package.loaded.lsqlite3")
for _, name in ipairs({"unix", "path", "argon2"}) do
  local t = require(name)
  check.eq(type(t), "table", "require '" .. name .. "'")
  check.eq(cosmo[name], t, "cosmo." .. name)
  check.eq(require("cosmo." .. name), t, "require 'cosmo." .. name .. "'")
  check.eq(package.loaded["cosmo." .. name], t,
    "package.loaded['cosmo." .. name .. "']")
  check.eq(package.loaded[name], t, "package.loaded." .. name)
end
-- cosmo.re and cosmo.getopt are found under their dotted names only: the
-- plain name re is LPeg's
for _, name in ipairs({"re", "getopt"}) do
  check.eq(cosmo[name], require("cosmo." .. name), "cosmo." .. name)
  check.eq(package.preload[name], nil, "package.preload." .. name)
end
-- require "re" is LPeg's re.lua from the archive, not cosmo.re
local plain = require("re")
check.eq(package.searchpath("re", package.path), "/zip/.lua/re.lua",
  "re's file")
assert(plain ~= cosmo.re, "require 're' found cosmo.re")
check.eq(type(plain.compile), "function", "re.compile (LPeg's)")
check.eq(plain.find("x = 42", "[0-9]+"), 5, "re.find (LPeg's)")
check.eq(cosmo.re.find, nil, "cosmo.re has no find")
for _, name in ipairs({"lsqlite3", "cosmo.lsqlite3", "cosmo.sqlite3"}) do
  check.eq(require(name), cosmo.sqlite3, "require '" .. name .. "' is cosmo.sqlite3")
end
check.eq(type(cosmo.sqlite3.open_memory), "function", "cosmo.sqlite3.open_memory")
check.eq(type(cosmo.path.join), "function", "cosmo.path.join")
check.eq(type(cosmo.unix.open), "function", "cosmo.unix.open")
check.eq(type(cosmo.argon2.hash_encoded), "function", "cosmo.argon2.hash_encoded")

for k in pairs(_G) do
  assert(before[k], "require 'cosmo' set a global: " .. tostring(k))
end
for _, g in ipairs({"unix", "path", "cosmo", "argon2", "re", "sqlite3"}) do
  check.eq(rawget(_G, g), nil, "global " .. g)
end

-- in a fresh process, a sub-module required before cosmo is the same
-- table cosmo holds afterwards
local exe = assert(arg[-1], "arg[-1]: the interpreter")
local p = assert(io.popen(string.format("%q -e %q", exe,
  'local u, p = require "unix", require "path" ' ..
  'local c = require "cosmo" ' ..
  'io.write(tostring(c.unix == u and c.path == p))')))
check.eq(p:read("a"), "true", "sub-modules first, then cosmo")
p:close()
print("cosmo: ok")
