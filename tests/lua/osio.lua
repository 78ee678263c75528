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

-- {==== os.execute and io.popen: results as lua5.4 gives them
local function pack(...) return {n = select("#", ...), ...} end
local function same(got, want, what)
  eq(got.n, want.n, what .. ": number of results")
  for i = 1, want.n do eq(got[i], want[i], what .. ": result " .. i) end
end
local tmp = os.tmpname()
same(pack(os.execute("exit 0")), pack(true, "exit", 0), "execute exit 0")
same(pack(os.execute("exit 3")), pack(nil, "exit", 3), "execute exit 3")
same(pack(os.execute("exit 255")), pack(nil, "exit", 255), "execute exit 255")
same(pack(os.execute("kill -9 $$")), pack(nil, "signal", 9), "execute killed")
same(pack(os.execute("kill -INT $$")), pack(nil, "signal", 2),
     "execute: the child's SIGINT is the default one")
same(pack(os.execute("kill -INT $PPID; exit 4")), pack(nil, "exit", 4),
     "execute: our SIGINT is ignored while the command runs")
same(pack(os.execute("exec 2>/dev/null; no-such-command-xyz")),
     pack(nil, "exit", 127), "execute: command not found")
same(pack(os.execute("echo $0 \"$1\" >" .. tmp)), pack(true, "exit", 0),
     "execute writes")
eq(io.open(tmp):read("a"), "sh \n", "the shell is sh -c")
same(pack(os.execute()), pack(true), "execute(): there is a shell")

local p = io.popen("echo hi; exit 5")
eq(io.type(p), "file", "io.type of a popen file")
eq(p:read("a"), "hi\n", "popen r reads the output")
same(pack(p:close()), pack(nil, "exit", 5), "popen close: exit status")
eq(io.type(p), "closed file", "closed popen file")
T.checkerror("attempt to use a closed file", p.close, p)
same(pack(io.popen("true"):close()), pack(true, "exit", 0), "popen true")
same(pack(io.popen("kill -TERM $$"):close()), pack(nil, "signal", 15),
     "popen close: signal")
p = io.popen("cat > " .. tmp, "w")
same(pack(p:write("to the child\n", 42)), pack(p), "popen w writes")
same(pack(p:close()), pack(true, "exit", 0), "popen w close")
eq(io.open(tmp):read("a"), "to the child\n42", "what the child got")
local n = 0
for _ in io.popen("printf 'a\\nb\\nc\\n'"):lines() do n = n + 1 end
eq(n, 3, "lines over a popen file")
T.checkerror("invalid mode", io.popen, "true", "rw")
T.checkerror("invalid mode", io.popen, "true", "rb")
T.checkerror("bad argument #1 to 'io.popen' (string expected, got no value)", io.popen)
-- a child that reads nothing: closing waits for it, whatever it does
p = io.popen("exec 0<&-; sleep 0.1; exit 6", "w")
same(pack(p:close()), pack(nil, "exit", 6), "popen w: close waits")
-- popen files do not leak into later children (counted by ls, which has
-- one more descriptor of its own: /proc/self/fd)
local function child_fds()
  local c = io.popen("ls /proc/self/fd 2>/dev/null | wc -l")
  local k = c:read("n")
  c:close()
  return k
end
local base = child_fds()
local a = io.popen("cat", "w")
eq(child_fds(), base, "popen: a later child does not get our pipe")
a:close()
-- }====

-- {==== files used against their mode: EBADF, as glibc says
local w = assert(io.open(tmp, "w"))
same(pack(w:read()), pack(nil, "Bad file descriptor", 9), "read on w")
same(pack(w:read("a", "n")), pack(nil, "Bad file descriptor", 9), "read(a, n) on w")
T.checkerror("Bad file descriptor", w:lines())
local r = assert(io.open(tmp, "r"))
same(pack(r:write("x")), pack(nil, "Bad file descriptor", 9), "write on r")
same(pack(r:write(1)), pack(nil, "Bad file descriptor", 9), "write number on r")
same(pack(r:write(1.5)), pack(nil, "Bad file descriptor", 9), "write float on r")
same(pack(r:write("")), pack(r), "empty write on r succeeds")
same(pack(io.stdin:write("x")), pack(nil, "Bad file descriptor", 9), "write on stdin")
local pr = io.popen("true")
same(pack(pr:write("x")), pack(nil, "Bad file descriptor", 9), "write on popen r")
pr:close()
local out, inp = io.output(), io.input()
io.output(r)
same(pack(io.write("x")), pack(nil, "Bad file descriptor", 9), "io.write to r")
io.output(out)
io.input(w)
same(pack(io.read("l")), pack(nil, "Bad file descriptor", 9), "io.read from w")
T.checkerror("Bad file descriptor", io.lines())
io.input(inp)
-- what still works as before
same(pack(r:write()), pack(r), "write of nothing")
w:close()
T.checkerror("attempt to use a closed file", w.lines, w)
local rp = assert(io.open(tmp, "r+"))
same(pack(rp:write("ok")), pack(rp), "write on r+")
rp:close()
r:close()
eq(io.open(tmp):read("a"), "ok", "r+ wrote")
for l in io.lines(tmp) do eq(l, "ok", "io.lines(name)") end
os.remove(tmp)
-- }====
