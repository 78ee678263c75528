-- compare.lua: 200 random parameter sets hashed by moonbox and by Debian's
-- argon2 command-line tool must agree byte for byte; moonbox must verify
-- what the tool produced and refuse wrong passwords. Needs `argon2` in
-- PATH (Debian package argon2). Run from the repository root. See LICENSE.
local T = dofile("tests/lua/check.lua")
local argon2 = require "argon2"
local V = argon2.variants

local N = tonumber(os.getenv("ARGON2_COMPARE_N")) or 200
local seed = tonumber(os.getenv("ARGON2_COMPARE_SEED")) or os.time()
math.randomseed(seed)
print(("argon2 compare: %d sets, seed %d"):format(N, seed))

local function bytes(n, lo)
  local t = {}
  for i = 1, n do t[i] = string.char(math.random(lo, 255)) end
  return table.concat(t)
end

-- argv is a C string: quote for sh, and no NUL can be in the salt
local function shquote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local pwfile, outfile = os.tmpname(), os.tmpname()
local function cli(p)
  local f = assert(io.open(pwfile, "wb"))
  f:write(p.pwd)
  f:close()
  local cmd = ("argon2 %s -%s -t %d -k %d -p %d -l %d -e < %s > %s"):format(
    shquote(p.salt), p.flag, p.t, p.m, p.p, p.len, pwfile, outfile)
  assert(os.execute(cmd), "argon2 CLI failed: " .. cmd)
  f = assert(io.open(outfile, "rb"))
  local out = f:read("a"):gsub("\n$", "")
  f:close()
  return out
end

local kinds = {{"i", V.argon2_i}, {"d", V.argon2_d}, {"id", V.argon2_id}}
local failures = 0
for n = 1, N do
  local kind = kinds[math.random(#kinds)]
  local lanes = math.random(1, 4)
  local p = {
    flag = kind[1], t = math.random(1, 4), p = lanes,
    m = math.random(8 * lanes, 1024), len = math.random(4, 64),
    pwd = bytes(math.random(1, 100), 0),   -- NUL bytes included; the CLI
                                           -- refuses an empty password
    salt = bytes(math.random(8, 40), 1),
  }
  local want = cli(p)
  local got, err = argon2.hash_encoded(p.pwd, p.salt, {
    variant = kind[2], t_cost = p.t, m_cost = p.m, parallelism = p.p,
    hash_len = p.len})
  if got ~= want then
    failures = failures + 1
    print(("set %d: t=%d m=%d p=%d len=%d %s: expected %s, got %s"):format(
      n, p.t, p.m, p.p, p.len, p.flag, want, tostring(got or err)))
  end
  T.eq(argon2.verify(want, p.pwd), true, "verify CLI hash, set " .. n)
  T.eq(argon2.verify(want, p.pwd .. "x"), false, "wrong password, set " .. n)
end
os.remove(pwfile)
os.remove(outfile)
print(("%d passed, %d failed"):format(N - failures, failures))
os.exit(failures == 0 and 0 or 1)
