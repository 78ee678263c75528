-- unix_proc.lua: the processes and time theme of the unix module with real
-- processes: fork, wait and exit statuses, execve, commandv, ids, sessions,
-- limits in a child, Rusage, environ, clocks, sleeping, gmtime/localtime.
-- See LICENSE.
local check = dofile("tests/lua/check.lua")
local eq, checkerror = check.eq, check.checkerror
local unix = require("unix")
local gvisor = os.getenv("MOONBOX_IN_GVISOR") == "1"

local readfile = check.readfile

-- errno(what, nil, err, name): a failure result carrying errno 'name'
local function fails(what, name, ok, err)
  eq(ok, nil, what .. ": first result")
  eq(getmetatable(err).__name, "unix.Errno", what .. ": an Errno")
  eq(err:name(), name, what .. ": errno")
end

-- in_child(f): runs f in a forked child; the child's failure (an error,
-- or a wrong result) fails the parent with the child's message.
local function in_child(f)
  local msgfile = os.tmpname()
  io.stdout:flush()
  local pid = assert(unix.fork())
  if pid == 0 then
    local ok, err = pcall(f)
    if not ok then
      local out = io.open(msgfile, "w")
      out:write(tostring(err))
      out:close()
    end
    unix.exit(ok and 0 or 1)
  end
  local got, ws = assert(unix.wait(pid))
  eq(got, pid, "wait returns the child's pid")
  local msg = readfile(msgfile)
  os.remove(msgfile)
  assert(unix.WIFEXITED(ws) and unix.WEXITSTATUS(ws) == 0,
    "child failed: " .. msg .. " (wstatus " .. ws .. ")")
end

-- ids and groups
assert(math.type(unix.getpid()) == "integer" and unix.getpid() > 1)
assert(unix.getppid() > 0 and unix.getppid() ~= unix.getpid())
for _, f in ipairs({"getuid", "geteuid", "getgid", "getegid"}) do
  assert(math.type(unix[f]()) == "integer" and unix[f]() >= 0, f)
end
eq(unix.getpgid(0), unix.getpgrp(), "getpgid(0) is getpgrp()")
eq(unix.getsid(0), unix.getsid(unix.getpid()), "getsid(0)")
checkerror("out of range", unix.setuid, -2)
checkerror("out of range", unix.setresgid, 0, 2^32, 0)
checkerror("number expected", unix.getpgid)

-- fork, exit status, wait's Rusage
do
  local pid = assert(unix.fork())
  if pid == 0 then unix.exit(7) end
  local got, ws, ru = unix.wait(pid)
  eq(got, pid, "wait pid")
  eq(unix.WIFEXITED(ws), true, "WIFEXITED")
  eq(unix.WEXITSTATUS(ws), 7, "WEXITSTATUS")
  eq(unix.WIFSIGNALED(ws), false, "WIFSIGNALED of an exit")
  eq(getmetatable(ru).__name, "unix.Rusage", "wait's third result")
  local s, ns = ru:utime()
  assert(s >= 0 and ns >= 0 and ns < 1e9, "utime")
  fails("wait with no child", "ECHILD", unix.wait())
  -- the pid is free now: signalling it fails
  fails("kill of a reaped pid", "ESRCH", unix.kill(pid, 0))
end

-- kill of a child, WNOHANG while it runs
do
  local pid = assert(unix.fork())
  if pid == 0 then
    while true do unix.nanosleep(10) end
  end
  local got, ws = unix.wait(pid, unix.WNOHANG)
  eq(got, 0, "WNOHANG with a running child")
  eq(ws, 0, "WNOHANG wstatus")
  assert(unix.kill(pid, unix.SIGTERM))
  got, ws = assert(unix.wait(pid))
  eq(got, pid, "wait after kill")
  eq(unix.WIFSIGNALED(ws), true, "WIFSIGNALED")
  eq(unix.WTERMSIG(ws), unix.SIGTERM, "WTERMSIG")
  eq(unix.WIFEXITED(ws), false, "WIFEXITED of a kill")
end

-- execve: argv, envp, argv[0], numbers as strings; failures
do
  local out = os.tmpname()
  local pid = assert(unix.fork())
  if pid == 0 then
    unix.execve("/bin/sh", {"zero", "-c",
      'printf "%s|%s|%s|%s|" "$0" "$1" "$FOO" "$HOME" > "$2"; ' ..
      'head -c 4 /proc/$$/cmdline >> "$2"; exit 3',
      "name0", 42, out}, {"FOO=bar baz"})
    unix.exit(127)
  end
  local _, ws = assert(unix.wait(pid))
  eq(unix.WEXITSTATUS(ws), 3, "execve'd shell's exit status")
  eq(readfile(out), "name0|42|bar baz||zero",
    "arguments (a number as a string), the given environment only, argv[0]")
  -- env defaults to ours
  pid = assert(unix.fork())
  if pid == 0 then
    unix.execve("/bin/sh", {"/bin/sh", "-c", '[ "$PATH" = "$1" ]', "sh", os.getenv("PATH") or ""})
    unix.exit(127)
  end
  _, ws = assert(unix.wait(pid))
  eq(unix.WEXITSTATUS(ws), 0, "execve without env passes ours")
  os.remove(out)
  local ok, err = unix.execve("/nonexistent/prog", {"prog"})
  fails("execve of a missing file", "ENOENT", ok, err)
  eq(err:call(), "execve", "Errno:call()")
  fails("execve of a directory", "EACCES", unix.execve("/", {"/"}))
  checkerror("string expected at index 2", unix.execve, "/bin/sh", {"sh", {}})
  checkerror("zero byte", unix.execve, "/bin/sh", {"sh"}, {"A=\0"})
  checkerror("table expected", unix.execve, "/bin/sh", "sh")
end

-- commandv
do
  local sh = assert(unix.commandv("sh"))
  assert(sh:match("^/.*/sh$"), "commandv('sh') is an absolute path: " .. sh)
  eq(unix.commandv("/bin/sh"), "/bin/sh", "a path with a slash comes back as is")
  fails("commandv of an unknown name", "ENOENT", unix.commandv("no-such-program-moonbox"))
  fails("commandv of an empty name", "ENOENT", unix.commandv(""))
  fails("commandv of a file that is not executable", "EACCES", unix.commandv("/etc/passwd"))
  fails("commandv of a directory", "EACCES", unix.commandv("/"))
end

-- environ
do
  local env = unix.environ()
  eq(type(env), "table", "environ")
  local path = os.getenv("PATH")
  local found = false
  for i, kv in ipairs(env) do
    eq(type(kv), "string", "environ[" .. i .. "]")
    if path and kv == "PATH=" .. path then found = true end
  end
  assert(found or not path, "environ holds PATH=" .. tostring(path))
end

-- getrusage and the Rusage object
do
  local ru = assert(unix.getrusage())
  assert(ru:maxrss() > 0, "maxrss")
  if gvisor and ru:minflt() == 0 then
    print("unix_proc: gVisor counts no page faults (minflt 0); not checked")
  else
    assert(ru:minflt() > 0, "minflt")
  end
  for _, m in ipairs({"ixrss", "idrss", "isrss", "majflt", "nswap", "inblock",
      "oublock", "msgsnd", "msgrcv", "nsignals", "nvcsw", "nivcsw"}) do
    assert(math.type(ru[m](ru)) == "integer", m)
  end
  local s, ns = ru:stime()
  assert(s >= 0 and ns >= 0 and ns < 1e9, "stime")
  local text = tostring(ru)
  assert(text:match("^{utime={%d+, %d+}.*maxrss=%d+.*}$"), text)
  assert(unix.getrusage(unix.RUSAGE_CHILDREN))
  assert(unix.getrusage(unix.RUSAGE_THREAD))
  fails("getrusage of a bad who", "EINVAL", unix.getrusage(12345))
  eq(unix.RUSAGE_SELF, 0, "RUSAGE_SELF")
  eq(unix.RUSAGE_CHILDREN, -1, "RUSAGE_CHILDREN")
end

-- limits: a round trip in a child (limits are inherited, not shared)
in_child(function()
  local soft, hard = assert(unix.getrlimit(unix.RLIMIT_NOFILE))
  assert(soft > 0 and (hard == -1 or hard >= soft), "NOFILE limits")
  assert(unix.setrlimit(unix.RLIMIT_NOFILE, 50, hard))
  local s2, h2 = unix.getrlimit(unix.RLIMIT_NOFILE)
  eq(s2, 50, "soft limit set")
  eq(h2, hard, "hard limit kept")
  assert(unix.setrlimit(unix.RLIMIT_NOFILE, 40))
  s2, h2 = unix.getrlimit(unix.RLIMIT_NOFILE)
  eq(s2, 40, "soft limit set again")
  eq(h2, 40, "hard defaults to soft")
  fails("soft above hard", "EINVAL", unix.setrlimit(unix.RLIMIT_NOFILE, 41, 40))
  assert(unix.setrlimit(unix.RLIMIT_CORE, 0))
  eq(select(2, unix.getrlimit(unix.RLIMIT_CORE)), 0, "RLIMIT_CORE")
end)
fails("getrlimit of a bad resource", "EINVAL", unix.getrlimit(999))

-- sessions and groups, in children
in_child(function()
  local sid = assert(unix.setsid())
  eq(sid, unix.getpid(), "setsid makes us leader")
  eq(unix.getsid(0), sid, "getsid")
  eq(unix.getpgrp(), sid, "new group")
  fails("setsid twice", "EPERM", unix.setsid())
end)
in_child(function()
  eq(unix.setpgrp(), unix.getpid(), "setpgrp returns the new group")
  assert(unix.setpgid(0, 0))
  fails("setpgid of a foreign pid", "ESRCH", unix.setpgid(2^22 + 12345, 0))
end)
fails("getpgid of no process", "ESRCH", unix.getpgid(2^22 + 12345))
fails("getsid of no process", "ESRCH", unix.getsid(2^22 + 12345))

-- user ids, as root in a child (the non-root EPERM case is in cli.sh)
if unix.getuid() == 0 then
  in_child(function()
    assert(unix.setresgid(-1, -1, -1))
    local ok, err = unix.setfsuid(1234)
    local nofsid = gvisor and not ok and err:name() == "ENOSYS"
    if nofsid then
      print("unix_proc: gVisor has no setfsuid/setfsgid (ENOSYS); not checked")
      fails("setfsgid in gVisor", "ENOSYS", unix.setfsgid(1234))
    else
      assert(ok, err)
      assert(unix.setfsgid(1234))
      assert(unix.setfsuid(0))
    end
    assert(unix.setgid(65534))
    eq(unix.getgid(), 65534, "setgid")
    assert(unix.setresuid(-1, 65534, -1))
    eq(unix.geteuid(), 65534, "setresuid: effective")
    eq(unix.getuid(), 0, "setresuid: real unchanged")
    assert(unix.setresuid(65534, 65534, 65534))
    fails("regaining root", "EPERM", unix.setuid(0))
    if not nofsid then
      fails("setfsuid as nobody", "EPERM", unix.setfsuid(0))
    end
  end)
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir " .. dir))
  in_child(function()
    fails("chroot to nowhere", "ENOENT", unix.chroot("/nonexistent/dir"))
    assert(unix.chroot(dir))
    fails("commandv after chroot", "ENOENT", unix.commandv("/bin/sh"))
  end)
  assert(os.remove(dir))
else
  print("unix_proc: not root, root-only id and chroot checks skipped")
end

-- scheduling
eq(select("#", unix.sched_yield()), 0, "sched_yield returns nothing")
in_child(function()
  eq(select("#", unix.verynice()), 0, "verynice returns nothing")
  local f = io.open("/proc/self/stat")
  local stat = f and f:read("a")
  if f then f:close() end
  local nice = stat and tonumber(stat:match("^%d+ %b() (.*)"):match(
    "^%S+" .. (" %S+"):rep(15) .. " (%S+)"))
  if nice == 0 and gvisor then
    print("unix_proc: gVisor reports nice 0 after verynice; not checked")
  else
    eq(nice, 19, "verynice sets nice 19")
  end
end)

-- clocks and sleeping
do
  local s, ns = unix.clock_gettime()
  assert(math.abs(s - os.time()) <= 1, "CLOCK_REALTIME is the epoch clock")
  assert(ns >= 0 and ns < 1e9)
  eq(unix.CLOCK_REALTIME, 0, "CLOCK_REALTIME")
  eq(unix.CLOCK_MONOTONIC, 1, "CLOCK_MONOTONIC")
  eq(unix.CLOCK_BOOTTIME, 7, "CLOCK_BOOTTIME")
  local a, an = unix.clock_gettime(unix.CLOCK_MONOTONIC)
  local r1, r2 = unix.nanosleep(0, 20000000)
  eq(r1, 0, "nanosleep remseconds")
  eq(r2, 0, "nanosleep remnanos")
  local b, bn = unix.clock_gettime(unix.CLOCK_MONOTONIC)
  assert((b - a) * 1e9 + (bn - an) >= 20e6, "slept 20 ms")
  for _, c in ipairs({"PROCESS_CPUTIME_ID", "THREAD_CPUTIME_ID",
      "MONOTONIC_RAW", "REALTIME_COARSE", "MONOTONIC_COARSE", "BOOTTIME"}) do
    assert(unix.clock_gettime(unix["CLOCK_" .. c]), c)
  end
  fails("clock_gettime of a bad clock", "EINVAL", unix.clock_gettime(12345))
  fails("nanosleep with nanos >= 1e9", "EINVAL", unix.nanosleep(0, 1000000000))
  fails("nanosleep of negative time", "EINVAL", unix.nanosleep(-1))
end

-- gmtime and localtime
do
  local r = {unix.gmtime(1657297063)}
  eq(table.concat(r, " ", 1, 10) .. " " .. r[11],
    "2022 7 8 16 17 43 0 5 188 0 UTC", "gmtime (the manual's test)")
  r = {unix.gmtime(-1)}
  eq(table.concat(r, " ", 1, 9), "1969 12 31 23 59 59 0 3 364", "gmtime(-1)")
  fails("gmtime of a year past int", "EOVERFLOW", unix.gmtime(2^62))
  -- localtime: its fields are gmtime's at t + gmtoff, and os.date agrees
  for _, t in ipairs({0, 1657297063, 1700000000, -86400 * 365 * 50}) do
    local l = {unix.localtime(t)}
    local g = {unix.gmtime(t + l[7])}
    eq(table.concat(l, " ", 1, 6), table.concat(g, " ", 1, 6), "localtime(" .. t .. ")")
    eq(l[8], g[8], "localtime wday")
    eq(l[9], g[9], "localtime yday")
    eq(l[10], os.date("*t", t).isdst and 1 or 0, "localtime dst")
    eq(l[11], os.date("%Z", t), "localtime zone")
  end
  fails("localtime of a year past int", "EOVERFLOW", unix.localtime(2^62))
end

-- constants
eq(unix.WNOHANG, 1, "WNOHANG")
eq(unix.RLIMIT_NOFILE, 7, "RLIMIT_NOFILE")
eq(unix.RLIMIT_AS, 9, "RLIMIT_AS")
eq(unix.RLIMIT_NPROC, 6, "RLIMIT_NPROC")
eq(unix.CLK_TCK, 100, "CLK_TCK")
assert(unix.ARG_MAX >= 131072, "ARG_MAX")
print("unix_proc: ok")
