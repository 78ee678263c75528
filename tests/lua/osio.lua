-- osio.lua: os and io behaviour compared with Debian's lua5.4 (glibc):
-- locale names, errors of streams used the wrong way, child processes,
-- package.path. Expected values were measured with lua5.4. See LICENSE.
local T = dofile("tests/lua/check.lua")
local eq = T.eq

-- {==== os.setlocale: glibc's names
local function all_c(t) -- glibc's composite name, C except for t's entries
  local cats = {"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE",
    "LC_MONETARY", "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS",
    "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"}
  for i, c in ipairs(cats) do cats[i] = c .. "=" .. (t[c] or "C") end
  return table.concat(cats, ";")
end
eq(os.setlocale("C.UTF-8"), "C.UTF-8", "setlocale C.UTF-8 (one name)")
eq(os.setlocale(nil, "all"), "C.UTF-8", "query all after C.UTF-8")
eq(os.setlocale(nil, "time"), "C.UTF-8", "query time after C.UTF-8")
eq(os.setlocale("C.utf8"), "C.utf8", "C.utf8 keeps its spelling")
eq(os.setlocale("POSIX"), "C", "POSIX is called C")
eq(os.setlocale("C"), "C", "setlocale C")
eq(os.setlocale("xx"), nil, "unknown locale")
eq(os.setlocale("xx", "numeric"), nil, "unknown locale in one category")
for _, cat in ipairs{"collate", "ctype", "monetary", "numeric", "time"} do
  eq(os.setlocale("C.UTF-8", cat), "C.UTF-8", "set " .. cat)
  eq(os.setlocale(nil, cat), "C.UTF-8", "query " .. cat)
  eq(os.setlocale("POSIX", cat), "C", "POSIX in " .. cat)
end
eq(os.setlocale("C.UTF-8", "time"), "C.UTF-8", "time alone")
local mixed = os.setlocale()
eq(mixed, all_c{LC_TIME = "C.UTF-8"}, "mixed categories: composite name")
eq(os.setlocale(nil, "ctype"), "C", "ctype untouched")
eq(os.setlocale("C"), "C", "back to C")
eq(os.setlocale(mixed), mixed, "a composite name restores")
eq(os.setlocale(nil, "time"), "C.UTF-8", "...time restored")
eq(os.setlocale("C;C"), nil, "not a composite name")
eq(os.setlocale("LC_CTYPE=C"), nil, "composite missing categories")
eq(os.setlocale(all_c{LC_NUMERIC = "xx"}), nil, "composite with unknown")
eq(os.setlocale(mixed, "time"), nil, "composite for one category")
eq(os.setlocale(all_c{LC_CTYPE = "C.UTF-8", LC_TIME = "POSIX"}),
   all_c{LC_CTYPE = "C.UTF-8"}, "composite: POSIX called C")
eq(os.setlocale("C"), "C", "C again")
-- }====
