-- lpeg.lua: the built-in LPeg and its re module (/zip/.lua/re.lua) are
-- found under their plain names and work together; the examples are those
-- of LPeg's manual (lpeg.html, re.html). LPeg's own test.lua runs in
-- tests/run's lpeg section. See LICENSE.
local check = dofile("tests/lua/check.lua")

check.eq(package.loaded.lpeg, nil, "lpeg loaded before require")
check.eq(type(package.preload.lpeg), "function", "package.preload.lpeg")
check.eq(package.preload.re, nil, "re is a Lua file, not a preload")
check.eq(package.searchpath("re", package.path), "/zip/.lua/re.lua",
  "re found in the archive")

local re = require("re")
local lpeg = package.loaded.lpeg
check.eq(type(lpeg), "table", "re.lua required lpeg")
check.eq(require("lpeg"), lpeg, "the lpeg re uses is the built-in one")
check.eq(rawget(_G, "lpeg"), nil, "require 'lpeg' set a global")
check.eq(rawget(_G, "re"), nil, "require 're' set a global")
-- the version deps/deps.lock pins
check.eq(lpeg.version, "LPeg 1.1.0", "lpeg.version")

-- lpeg.html: "Name-value lists" and "Splitting a string"
local l, P, S, C, Cf, Cg, Ct = lpeg.locale(), lpeg.P, lpeg.S, lpeg.C,
  lpeg.Cf, lpeg.Cg, lpeg.Ct
local space = l.space ^ 0
local name = C(l.alpha ^ 1) * space
local sep = S(",;") * space
local pair = Cg(name * "=" * space * name) * sep ^ -1
local list = Cf(Ct("") * pair ^ 0, rawset)
local t = list:match("a=b, c = hi; next = pi")
check.eq(t.a, "b", "name-value a")
check.eq(t.c, "hi", "name-value c")
check.eq(t.next, "pi", "name-value next")
local function split(s, sp)
  sp = P(sp)
  local elem = C((1 - sp) ^ 0)
  return lpeg.match(Ct(elem * (sp * elem) ^ 0), s)
end
check.eq(table.concat(split("a,b,,c", ","), "|"), "a|b||c", "split")

-- re.html's examples
local b, e = re.find("the number 423 is odd", "[0-9]+")
check.eq(b, 12, "re.find start")
check.eq(e, 14, "re.find end")
check.eq(re.gsub("hello World", "[aeiou]", "."), "h.ll. W.rld", "re.gsub")
check.eq(table.concat({re.match("the number 423 is odd", "({%a+} / .)*")},
  " "), "the number is odd", "re.match: all words")
check.eq(re.match("the number 423 is odd", "s <- {%d+} / . s"), "423",
  "re.match: the first numeral")
local balanced = re.compile("balanced <- '(' ([^()] / balanced)* ')'")
check.eq(balanced:match("(a(b)c)d"), 8, "balanced parentheses")
check.eq(balanced:match("(a(b c)"), nil, "unbalanced parentheses")
check.checkerror("pattern error", re.compile, "[a-")
print("lpeg: ok")
