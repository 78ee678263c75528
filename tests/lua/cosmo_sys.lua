-- cosmo_sys.lua: the system group of cosmo: Slurp (ranges against
-- string.sub, /zip/ against io.open's reading of the archive), Barf (the
-- manual's examples, modes, flags, atomic replacement: a reader never sees
-- a partial file, a failing Barf leaves the old file), Sleep, GetTime, the
-- CPU and host queries (nproc, python3 and uname as oracles), is_main.
-- See LICENSE.
local check = dofile("tests/lua/check.lua")
local cosmo = require("cosmo")
local unix = require("unix")
local eq = check.eq
local exe = assert(arg[-1], "arg[-1]: the interpreter")

-- is_main first: this chunk is the script the command line ran
eq(cosmo.is_main(), true, "is_main in the main script")
eq((function() return cosmo.is_main() end)(), false,
  "is_main in a function of the main script")

local top = os.tmpname()
assert(os.remove(top))
assert(unix.mkdir(top, tonumber("700", 8)))
local function P(name) return top .. "/" .. name end
local readfile, writefile = check.readfile, check.writefile
local function names(dir)
  local t = {}
  for name in assert(unix.opendir(dir)) do
    if name ~= "." and name ~= ".." then t[#t + 1] = name end
  end
  table.sort(t)
  return table.concat(t, " ")
end
local function in_child(f)
  io.stdout:flush()
  local pid = assert(unix.fork())
  if pid == 0 then
    local ok, err = pcall(f)
    if not ok then io.stderr:write("child: ", tostring(err), "\n") end
    unix.exit(ok and 0 or 1)
  end
  local _, ws = assert(unix.wait(pid))
  assert(unix.WIFEXITED(ws) and unix.WEXITSTATUS(ws) == 0, "child failed")
end

-- {==== Slurp
local data = ("abc123"):rep(5000)
writefile(P("foo"), data)
eq(cosmo.Slurp(P("foo")), data, "Slurp whole")
for _, r in ipairs({{2, 3}, {2}, {2, 1}, {2, 2}, {1, 2}, {-3, -1}, {0, 5},
    {-100000, 3}, {29990, 40000}, {30001}, {30000}, {5, -1}, {-1},
    {-30000}, {-30001, 2}, {3, -29999}, {1, 0}, {100000}}) do
  eq(cosmo.Slurp(P("foo"), r[1], r[2]), data:sub(r[1], r[2]),
    "Slurp(" .. r[1] .. ", " .. tostring(r[2]) .. ")")
end
eq(cosmo.Slurp(P("foo"), nil, 4), data:sub(1, 4), "Slurp(nil, 4)")
-- past one read's chunk
local big = {}
for i = 1, 30000 do big[i] = string.format("%07d", i * 7919 % 10000000) end
big = table.concat(big)
writefile(P("big"), big)
eq(cosmo.Slurp(P("big")), big, "Slurp of 210000 bytes")
eq(cosmo.Slurp(P("big"), 65530, 140000), big:sub(65530, 140000),
  "Slurp range across chunks")
eq(cosmo.Slurp(P("big"), -70000), big:sub(-70000), "Slurp tail")
-- files whose size stat cannot tell
assert(cosmo.Slurp("/proc/self/status"):find("^Name:"), "Slurp of /proc")
-- the archive
local lu = readfile("/zip/.lua/luaunit.lua")
assert(#lu > 10000, "/zip/.lua/luaunit.lua through io.open")
eq(cosmo.Slurp("/zip/.lua/luaunit.lua"), lu, "Slurp of /zip/")
eq(cosmo.Slurp("/zip/.lua/luaunit.lua", 100, 200), lu:sub(100, 200),
  "Slurp range of /zip/")
eq(cosmo.Slurp("/zip/.lua/luaunit.lua", -10), lu:sub(-10),
  "Slurp tail of /zip/")
-- failures: nil, unix.Errno
eq(check.errname("Slurp missing", cosmo.Slurp(P("missing"))), "ENOENT",
  "Slurp missing")
eq(check.errname("Slurp /zip/ missing", cosmo.Slurp("/zip/nope")), "ENOENT",
  "Slurp /zip/ missing")
eq(check.errname("Slurp a directory", cosmo.Slurp(top)), "EISDIR",
  "Slurp a directory")
check.checkerror("zero byte", cosmo.Slurp, P("foo") .. "\0x")
check.checkerror("number expected", cosmo.Slurp, P("foo"), "x")
-- }====

-- {==== Barf
-- the manual's examples
assert(cosmo.Barf(P("x.txt"), "abc123"))
eq(cosmo.Slurp(P("x.txt"), 2, 3), "bc", "manual: Slurp 2, 3")
eq(cosmo.Barf(P("x.txt"), "XX", 0, 0, 3), true, "manual: Barf at offset")
eq(cosmo.Slurp(P("x.txt"), 1, 6), "abXX23", "manual: abXX23")
eq(readfile(P("x.txt")), "abXX23", "Barf at an offset keeps the rest")

-- modes: 0644 by default, under the umask as open(2) applies it
local old = unix.umask(tonumber("022", 8))
assert(cosmo.Barf(P("m1"), ""))
eq(unix.stat(P("m1")):mode() & 4095, tonumber("644", 8), "default mode")
assert(cosmo.Barf(P("m2"), "x", tonumber("777", 8)))
eq(unix.stat(P("m2")):mode() & 4095, tonumber("755", 8), "mode under umask")
unix.umask(old)
eq(readfile(P("m1")), "", "empty Barf")

-- replacing: a new inode, the old permissions, no temporary file left
writefile(P("r"), "old contents, longer than the new")
assert(unix.chmod(P("r"), tonumber("640", 8)))
local ino = unix.stat(P("r")):ino()
assert(cosmo.Barf(P("r"), "new"))
eq(readfile(P("r")), "new", "replaced contents")
assert(unix.stat(P("r")):ino() ~= ino, "Barf replaces the file (new inode)")
eq(unix.stat(P("r")):mode() & 4095, tonumber("640", 8),
  "the replaced file keeps its permissions")
eq(names(top), "big foo m1 m2 r x.txt", "no temporary file left")
-- a name of 250 bytes (NAME_MAX is 255): created, then replaced
local long = ("n"):rep(250)
assert(cosmo.Barf(P(long), "first"))
assert(cosmo.Barf(P(long), "second"))
eq(readfile(P(long)), "second", "Barf of a long name")
assert(os.remove(P(long)))

-- in place: hard links, symbolic links, O_APPEND, offsets, no O_CREAT
writefile(P("h1"), "linked")
assert(unix.link(P("h1"), P("h2")))
ino = unix.stat(P("h1")):ino()
assert(cosmo.Barf(P("h1"), "both names"))
eq(readfile(P("h2")), "both names", "a hard-linked file is written in place")
eq(unix.stat(P("h1")):ino(), ino, "hard link: same inode")
assert(unix.symlink("h1", P("s")))
assert(cosmo.Barf(P("s"), "through the link"))
eq(readfile(P("h1")), "through the link", "Barf through a symbolic link")
eq(unix.readlink(P("s")), "h1", "the link stays a link")
assert(cosmo.Barf(P("h1"), "+more", 0, unix.O_APPEND))
eq(readfile(P("h1")), "through the link+more", "O_APPEND")
assert(cosmo.Barf(P("new"), "a", tonumber("644", 8),
  unix.O_APPEND | unix.O_CREAT))
assert(cosmo.Barf(P("new"), "b", tonumber("644", 8),
  unix.O_APPEND | unix.O_CREAT))
eq(readfile(P("new")), "ab", "O_APPEND|O_CREAT")
ino = unix.stat(P("x.txt")):ino()
assert(cosmo.Barf(P("x.txt"), "Z", 0, 0, 10))
eq(readfile(P("x.txt")), "abXX23\0\0\0Z", "offset past the end")
eq(unix.stat(P("x.txt")):ino(), ino, "offset: in place")
assert(cosmo.Barf(P("x.txt"), "trunc", 0, unix.O_TRUNC))
eq(readfile(P("x.txt")), "trunc", "O_TRUNC alone")
eq(unix.stat(P("x.txt")):ino(), ino, "O_TRUNC alone: in place")
eq(check.errname("flags 0, missing", cosmo.Barf(P("nofile"), "x", 0, 0)),
  "ENOENT", "flags 0 on a missing file")
eq(check.errname("O_EXCL", cosmo.Barf(P("new"), "x", tonumber("644", 8),
  unix.O_CREAT | unix.O_EXCL)), "EEXIST", "O_CREAT|O_EXCL on a file")
eq(check.errname("missing dir", cosmo.Barf(P("no/file"), "x")), "ENOENT",
  "Barf into a missing directory")
eq(check.errname("/zip/", cosmo.Barf("/zip/x", "x")), "EROFS", "Barf /zip/")
eq(check.errname("empty path", cosmo.Barf("", "x")), "ENOENT", "Barf \"\"")
eq(check.errname("empty path", cosmo.Slurp("")), "ENOENT", "Slurp \"\"")
check.checkerror("offset must be >= 1", cosmo.Barf, P("x.txt"), "x", 0, 0, 0)
check.checkerror("O_APPEND", cosmo.Barf, P("x.txt"), "x", 0, unix.O_APPEND, 2)
check.checkerror("O_NONBLOCK", cosmo.Barf, P("x.txt"), "x", 0,
  unix.O_NONBLOCK)
check.checkerror("string expected", cosmo.Barf, P("x.txt"))
check.checkerror("zero byte", cosmo.Barf, P("x") .. "\0", "x")

-- a failing Barf leaves the old file: a write over the file-size limit
writefile(P("keep"), "the old contents")
in_child(function()
  assert(unix.sigaction(unix.SIGXFSZ, unix.SIG_IGN))
  assert(unix.setrlimit(unix.RLIMIT_FSIZE, 8))
  local ok, err = cosmo.Barf(P("keep"), "new contents past eight bytes")
  assert(ok == nil and err:name() == "EFBIG", "Barf past RLIMIT_FSIZE: " ..
    tostring(err))
end)
eq(readfile(P("keep")), "the old contents", "a failed Barf keeps the file")
-- and a directory it may not write in (as another user when root)
assert(unix.mkdir(P("ro"), tonumber("777", 8)))
writefile(P("ro/f"), "kept")
assert(unix.chmod(P("ro/f"), tonumber("666", 8)))
assert(unix.chmod(P("ro"), tonumber("555", 8)))
assert(unix.chmod(top, tonumber("755", 8)))
in_child(function()
  if unix.getuid() == 0 then assert(unix.setresuid(65534, 65534, 65534)) end
  local ok, err = cosmo.Barf(P("ro/f"), "replaced")
  assert(ok == nil and err:name() == "EACCES", "Barf in a read-only dir: " ..
    tostring(err))
end)
eq(readfile(P("ro/f")), "kept", "a read-only directory keeps the file")
eq(names(P("ro")), "f", "nothing left in the read-only directory")
assert(unix.chmod(P("ro"), tonumber("755", 8)))
-- a read-only file in a directory anyone may write in is not replaced
assert(unix.mkdir(P("rw"), tonumber("777", 8)))
assert(unix.chmod(P("rw"), tonumber("777", 8)))
writefile(P("rw/f"), "read-only")
assert(unix.chmod(P("rw/f"), tonumber("444", 8)))
in_child(function()
  if unix.getuid() == 0 then assert(unix.setresuid(65534, 65534, 65534)) end
  local ok, err = cosmo.Barf(P("rw/f"), "replaced")
  assert(ok == nil and err:name() == "EACCES", "Barf over a read-only file: "
    .. tostring(err))
end)
eq(readfile(P("rw/f")), "read-only", "a read-only file is not replaced")
eq(names(P("rw")), "f", "nothing left beside the read-only file")

-- a reader never sees a partial file
local A, B = ("A"):rep(100000), ("B"):rep(100000)
assert(cosmo.Barf(P("race"), A))
io.stdout:flush()
local reader = assert(unix.fork())
if reader == 0 then
  local bad = 0
  while not unix.stat(P("stop")) do
    local s = cosmo.Slurp(P("race"))
    if s ~= A and s ~= B then bad = bad + 1 end
  end
  unix.exit(bad == 0 and 0 or 1)
end
for i = 1, 60 do assert(cosmo.Barf(P("race"), i % 2 == 0 and A or B)) end
writefile(P("stop"), "")
local _, ws = assert(unix.wait(reader))
assert(unix.WIFEXITED(ws) and unix.WEXITSTATUS(ws) == 0,
  "a reader saw a partial file while Barf replaced it")
-- }====

-- {==== Sleep, GetTime
local function mono()
  local s, ns = unix.clock_gettime(unix.CLOCK_MONOTONIC)
  return s + ns * 1e-9
end
local t0 = mono()
cosmo.Sleep(0.05)
local slept = mono() - t0
assert(slept >= 0.049 and slept < 2, "Sleep(0.05) took " .. slept)
cosmo.Sleep(0)
check.checkerror("seconds", cosmo.Sleep, -1)
check.checkerror("seconds", cosmo.Sleep, 0 / 0)
check.checkerror("number expected", cosmo.Sleep, "soon")
-- a signal with a Lua handler ends a Sleep so that the handler runs
local rang = false
assert(unix.sigaction(unix.SIGALRM, function() rang = true end))
assert(unix.setitimer(unix.ITIMER_REAL, 0, 0, 0, 100000000))
t0 = mono()
cosmo.Sleep(5)
slept = mono() - t0
assert(slept < 4, "Sleep(5) went on after a handled signal: " .. slept)
eq(rang, true, "the handler ran")
assert(unix.sigaction(unix.SIGALRM, unix.SIG_DFL))

local now = cosmo.GetTime()
eq(math.type(now), "float", "GetTime is a float")
assert(math.abs(now - os.time()) < 2, "GetTime near os.time")
-- }====

-- {==== CPU and host
local function run(cmd)
  local h = assert(io.popen(cmd))
  local s = h:read("a")
  h:close()
  return s
end
eq(cosmo.GetCpuCount(), tonumber(run("nproc")), "GetCpuCount = nproc")
local core, node = cosmo.GetCpuCore(), cosmo.GetCpuNode()
eq(math.type(core), "integer", "GetCpuCore is an integer")
eq(math.type(node), "integer", "GetCpuNode is an integer")
local allowed = run("python3 -c 'import os; print(*os.sched_getaffinity(0))'")
assert((" " .. allowed):find(" " .. core .. "%s"),
  "GetCpuCore " .. core .. " is one of the allowed CPUs " .. allowed)
assert(node >= 0, "GetCpuNode >= 0")
eq(cosmo.GetHostIsa(), run("uname -m") == "x86_64\n" and "X86_64" or
  "AARCH64", "GetHostIsa")
eq(cosmo.GetHostOs(), "LINUX", "GetHostOs")
-- }====

-- {==== is_main across chunks and processes
writefile(P("mod.lua"), 'local c = require("cosmo")\n' ..
  'if not QUIET then io.write("main=", tostring(c.is_main()), ";") end\n' ..
  'return c.is_main()\n')
-- a global on purpose: mod.lua stays quiet in this process and prints
-- when a process of its own runs it
QUIET = true -- luacheck: ignore 111
package.path = top .. "/?.lua;" .. package.path
eq(require("mod"), false, "is_main in a required module")
eq(dofile(P("mod.lua")), false, "is_main in a dofile'd chunk")
eq(loadfile(P("mod.lua"))(), false, "is_main in a loadfile'd chunk")
eq(load("return require('cosmo').is_main()")(), false, "is_main in load")
local function sh(cmd) return run(cmd .. " 2>&1") end
if exe:sub(1, 1) ~= "/" then exe = unix.getcwd() .. "/" .. exe end
local q = string.format("%q", exe)
eq(sh(q .. " " .. P("mod.lua")), "main=true;", "the script run directly")
eq(sh("cd " .. top .. " && " .. q .. " -lmod -e ''"), "main=false;",
  "-l loads a module")
eq(sh(q .. " -e 'io.write(tostring(require(\"cosmo\").is_main()))'"),
  "true", "an -e chunk")
eq(sh(q .. " - < " .. P("mod.lua")), "main=true;", "stdin as '-'")
eq(sh(q .. " < " .. P("mod.lua")), "main=true;", "stdin with no script")
eq(sh("LUA_INIT=@" .. P("mod.lua") .. " " .. q .. " -e ''"), "main=false;",
  "LUA_INIT")
writefile(P("app.lua"), 'package.path = ' .. string.format("%q", top) ..
  ' .. "/?.lua"\nrequire("mod")\n' ..
  'io.write(tostring(require("cosmo").is_main()))\n')
eq(sh(q .. " " .. P("app.lua")), "main=false;true",
  "a script requiring the module")
-- a bundled app: /zip/main.lua is main, its /zip/.lua/ modules are not
assert(unix.mkdir(P("app"), tonumber("755", 8)))
assert(unix.mkdir(P("app/.lua"), tonumber("755", 8)))
writefile(P("app/main.lua"), 'io.write(tostring(require("cosmo").is_main()),' ..
  ' " ", tostring(require("lib")))\n')
writefile(P("app/.lua/lib.lua"), 'return require("cosmo").is_main()\n')
eq(sh("cd " .. P("app") .. " && " .. q .. " --bundle -o ../app.bin --main " ..
  "main.lua main.lua .lua && ../app.bin"), "true false", "a bundle's main.lua")
-- }====

assert(unix.rmrf(top))
print("cosmo_sys: ok")
