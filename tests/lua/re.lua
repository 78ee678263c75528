-- re.lua: cosmo.re: the manual's example, every flag, the error values,
-- captures (unmatched ones too), NUL bytes, a compiled pattern reused,
-- and compiled patterns freed by the collector and by <close>.
-- Expected values follow from POSIX regular expression rules; the error
-- codes are those musl and glibc agree on. See LICENSE.
local check = dofile("tests/lua/check.lua")
local re = require("cosmo.re")

local function pack(...) return {n = select("#", ...), ...} end
local function same(got, want, what)
  check.eq(got.n, #want, what .. ": number of results")
  for i = 1, #want do check.eq(got[i], want[i], what .. ": result " .. i) end
end

-- Cosmopolitan's values, as scripts may spell them
for name, v in pairs({BASIC = 1, ICASE = 2, NEWLINE = 4, NOSUB = 8,
    NOTBOL = 256, NOTEOL = 512, NOMATCH = 1, BADPAT = 2, ECOLLATE = 3,
    ECTYPE = 4, EESCAPE = 5, ESUBREG = 6, EBRACK = 7, EPAREN = 8,
    EBRACE = 9, BADBR = 10, ERANGE = 11, ESPACE = 12, BADRPT = 13}) do
  check.eq(re[name], v, "re." .. name)
end

-- the manual's example
local p = re.compile([[^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$]])
same(pack(p:search("192.168.0.254")), {"192.168.0.254", "192", "168", "0",
  "254"}, "IPv4 example")
local m, e = p:search("192.168.0")
check.eq(m, nil, "IPv4 example, no match")
check.eq(e:errno(), re.NOMATCH, "no match: errno")

-- re.search: the whole match, then each group
same(pack(re.search("b+", "abbbc")), {"bbb"}, "search")
same(pack(re.search("([a-z]+)@([a-z]+)\\.org", "mail bob@example.org!")),
  {"bob@example.org", "bob", "example"}, "search with groups")
same(pack(re.search("((a)b)c", "xabc")), {"abc", "ab", "a"}, "nested groups")
-- an optional group that took no part is "" (as Cosmopolitan gives it)
same(pack(re.search("a(b)?(c)", "ac")), {"ac", "", "c"}, "unmatched group")
same(pack(re.search("(x*)", "abc")), {"", ""}, "empty match")
-- more groups than the binding keeps on the C stack
local many = string.rep("(a)", 20)
local r = pack(re.search(many, string.rep("a", 25)))
check.eq(r.n, 21, "20 groups: results")
check.eq(r[1], string.rep("a", 20), "20 groups: match")
for i = 2, 21 do check.eq(r[i], "a", "20 groups: group " .. (i - 1)) end

-- errors: nil and an re.Errno (errno, doc, tostring)
for _, c in ipairs({{"(", "EPAREN"}, {"[a", "EBRACK"}, {"a{2,1}", "BADBR"},
    {"\\", "EESCAPE"}, {"*a", "BADRPT"}, {"[[:foo:]]", "ECTYPE"}}) do
  for _, f in ipairs({function() return re.compile(c[1]) end,
      function() return re.search(c[1], "text") end}) do
    local res = pack(f())
    check.eq(res.n, 2, c[1] .. ": results")
    check.eq(res[1], nil, c[1] .. ": nil")
    check.eq(res[2]:errno(), re[c[2]], c[1] .. ": errno")
    assert(#res[2]:doc() > 0, c[1] .. ": doc")
    check.eq(tostring(res[2]), res[2]:doc(), c[1] .. ": tostring")
  end
end
local nm = pack(re.search("z", "abc"))
check.eq(nm.n, 2, "no match: results")
check.eq(nm[1], nil, "no match: nil")
check.eq(nm[2]:errno(), re.NOMATCH, "no match: NOMATCH")

-- compile flags
check.eq(re.search("abc", "xABCx"), nil, "case matters")
check.eq(re.search("abc", "xABCx", re.ICASE), "ABC", "ICASE")
check.eq(re.compile("abc", re.ICASE):search("aBc"), "aBc", "compiled ICASE")
-- BASIC: \{ \} and \( \) are the operators, ( ) { } + ? plain characters
same(pack(re.search("\\(a\\)\\{2\\}", "caab", re.BASIC)), {"aa", "a"},
  "BASIC groups and intervals")
check.eq(re.search("(a)+", "x(a)+", re.BASIC), "(a)+", "BASIC literals")
check.eq(re.search("(a)+", "xaaa"), "aaa", "extended by default")
-- NEWLINE: ^ and $ at line ends, . and [^...] stop at a newline
check.eq(re.search("^b", "a\nb"), nil, "^ without NEWLINE")
check.eq(re.search("^b", "a\nb", re.NEWLINE), "b", "^ with NEWLINE")
check.eq(re.search("a$", "a\nb", re.NEWLINE), "a", "$ with NEWLINE")
check.eq(re.search("a.b", "a\nb"), "a\nb", ". matches a newline")
check.eq(re.search("a.b", "a\nb", re.NEWLINE), nil, ". with NEWLINE")
-- NOSUB: a match is "" alone, no position or group recorded
same(pack(re.search("(a)(b)", "xab", re.NOSUB)), {""}, "NOSUB")
same(pack(re.compile("(a)", re.NOSUB):search("a")), {""}, "compiled NOSUB")
check.eq(re.search("(a)", "b", re.NOSUB), nil, "NOSUB, no match")
-- search flags
check.eq(re.search("^a", "abc", re.NOTBOL), nil, "NOTBOL")
check.eq(re.search("c$", "abc", re.NOTEOL), nil, "NOTEOL")
check.eq(re.search("^a", "abc", re.NOTEOL), "a", "NOTEOL leaves ^")
local anchored = re.compile("^a|c$")
check.eq(anchored:search("abc"), "a", "compiled, no flags")
check.eq(anchored:search("abc", re.NOTBOL), "c", "compiled NOTBOL")
check.eq(anchored:search("abc", re.NOTBOL | re.NOTEOL), nil,
  "compiled NOTBOL|NOTEOL")
check.eq(re.search("^a", "abc", re.NOTBOL | re.ICASE), nil,
  "search takes both kinds of flags")

-- misuse raises
check.checkerror("invalid flags", re.compile, "a", re.NOTBOL)
check.checkerror("invalid flags", re.compile, "a", 16)
check.checkerror("invalid flags", re.search, "a", "a", 1024)
check.checkerror("invalid flags", anchored.search, anchored, "a", re.ICASE)
check.checkerror("string expected", re.search, nil, "a")
check.checkerror("string expected", re.search, "a", nil)
check.checkerror("string expected", re.compile, {})
check.checkerror("re.Regex expected", anchored.search, {}, "a")
check.checkerror("NUL", re.compile, "a\0b")
check.checkerror("NUL", re.search, "a\0b", "ab")

-- text ends at its first NUL byte: regexec reads a C string
check.eq(re.search("b", "a\0b"), nil, "nothing after a NUL")
check.eq(re.search("a$", "a\0b"), "a", "$ at the NUL")
check.eq(re.search("a.*", "a\0b"), "a", "a match stops at the NUL")

-- one compiled pattern, many texts
local word = re.compile("([a-z]+)=([0-9]+)")
for i = 1, 3000 do
  local k = string.rep(string.char(97 + i % 26), 1 + i % 5)
  same(pack(word:search(" " .. k .. "=" .. i .. ";")),
    {k .. "=" .. i, k, tostring(i)}, "reuse " .. i)
end
check.eq(word:search("=1"), nil, "reuse, no match")

-- <close> frees now; a freed Regex refuses to search
do
  local c <close> = re.compile("x")
  check.eq(c:search("axb"), "x", "before close")
  r = c
end
check.checkerror("freed", r.search, r, "x")
assert(tostring(r):find("freed", 1, true), "tostring of a freed Regex")
assert(tostring(word):find("^re.Regex: "), "tostring of a Regex")

-- the collector frees what was compiled: the resident size stays put.
-- Measured in a child whose sanitizer (in the ASan build) keeps no freed
-- memory in quarantine, which would look like a leak.
local churn = [[
local re = require("cosmo.re")
local function rss_kb()
  local f = assert(io.open("/proc/self/statm"))
  local pages = f:read("n") and f:read("n")
  f:close()
  return pages * 4
end
local function churn(n)
  for i = 1, n do
    re.compile("(a|b|c|d)*[0-9]{1,3}x" .. i .. "(e|f)+")
    re.search("(a|b)*c" .. i, "abc")
    if i % 500 == 0 then collectgarbage() end
  end
  collectgarbage()
end
churn(1000)
local before = rss_kb()
churn(6000)
io.write(rss_kb() - before)
]]
local script = os.tmpname()
local f = assert(io.open(script, "w"))
f:write(churn)
f:close()
local asan = os.getenv("ASAN_OPTIONS")
local h = assert(io.popen(string.format(
  "ASAN_OPTIONS=%q %q %q", (asan and asan .. ":" or "") ..
  "quarantine_size_mb=0:thread_local_quarantine_size_kb=0",
  assert(arg[-1], "arg[-1]: the interpreter"), script)))
local grown = tonumber(h:read("a"))
h:close()
os.remove(script)
assert(grown, "the child measured its resident size")
assert(grown < 4096, "compiled patterns leak: resident size grew by " ..
  grown .. " KiB")
print("re: ok")
