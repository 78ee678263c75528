-- unix_sig.lua: the signals theme of the unix module: Lua handlers run
-- between VM instructions (after raise, kill, an interrupted call, inside
-- a busy loop), masks, pending sets, sigsuspend, interval timers, Sigset,
-- the old handler sigaction returns, and the constants. Cases needing the
-- front end's Ctrl-C handler are in tests/cli.sh. See LICENSE.
local check = dofile("tests/lua/check.lua")
local eq, checkerror = check.eq, check.checkerror
local unix = require("unix")

local function fails(what, name, ok, err)
  eq(ok, nil, what .. ": first result")
  eq(err:name(), name, what .. ": errno")
end

-- constants (Linux x86-64)
for name, value in pairs({SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4,
    SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9,
    SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
    SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
    SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24,
    SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29,
    SIGPWR = 30, SIGSYS = 31, SIG_BLOCK = 0, SIG_UNBLOCK = 1,
    SIG_SETMASK = 2, SIG_DFL = 0, SIG_IGN = 1, SA_NOCLDSTOP = 1,
    SA_NOCLDWAIT = 2, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000,
    SA_NOMASK = 0x40000000, SA_RESETHAND = 0x80000000,
    SA_ONESHOT = 0x80000000, ITIMER_REAL = 0, ITIMER_VIRTUAL = 1,
    ITIMER_PROF = 2, NSIG = 64}) do
  eq(unix[name], value, "unix." .. name)
end

-- strsignal
eq(unix.strsignal(9), "SIGKILL", "strsignal(9)")
eq(unix.strsignal(unix.SIGWINCH), "SIGWINCH", "strsignal(SIGWINCH)")
eq(unix.strsignal(40), "40", "strsignal of a signal without a name")

-- Sigset
do
  local s = unix.Sigset(unix.SIGINT, unix.SIGUSR1)
  eq(getmetatable(s).__name, "unix.Sigset", "Sigset type")
  eq(s:contains(unix.SIGINT), true, "contains")
  eq(s:contains(unix.SIGTERM), false, "does not contain")
  s:add(unix.SIGTERM)
  s:remove(unix.SIGINT)
  s:add(40)
  eq(tostring(s), "unix.Sigset(unix.SIGUSR1, unix.SIGTERM, 40)", "__tostring")
  local again = load("return " .. tostring(s), "=sigset", "t", {unix = unix})()
  eq(tostring(again), tostring(s), "__tostring is Lua code recreating the set")
  eq(getmetatable(s).__repr, getmetatable(s).__tostring, "__repr")
  s:fill()
  eq(s:contains(unix.SIGHUP) and s:contains(64), true, "fill")
  s:clear()
  eq(tostring(s), "unix.Sigset()", "clear")
  checkerror("signal number invalid", unix.Sigset, 0)
  checkerror("signal number invalid", s.add, s, 65)
  checkerror("unix.Sigset expected", s.add, {}, 1)
end

-- a handler runs before the statement after raise, with the number
local got = {}
local function record(sig) got[#got + 1] = sig end
do
  local old, flags, mask = unix.sigaction(unix.SIGUSR1, record)
  eq(old, unix.SIG_DFL, "first sigaction returns SIG_DFL")
  eq(flags, 0, "old flags")
  eq(tostring(mask), "unix.Sigset()", "old mask")
  eq(unix.raise(unix.SIGUSR1), 0, "raise returns 0")
  eq(#got, 1, "handler ran once raise returned")
  eq(got[1], unix.SIGUSR1, "handler got the signal number")
  assert(unix.kill(unix.getpid(), unix.SIGUSR1))
  eq(#got, 2, "kill of ourselves runs the handler")
  eq(unix.sigaction(unix.SIGUSR1), record, "query returns the Lua function")
end

-- the manual's example: block, raise (pending, not run), sigsuspend
do
  got = {}
  local oldmask = assert(unix.sigprocmask(unix.SIG_BLOCK, unix.Sigset(unix.SIGUSR1)))
  eq(oldmask:contains(unix.SIGUSR1), false, "old mask")
  assert(unix.raise(unix.SIGUSR1))
  eq(#got, 0, "a blocked signal does not run its handler")
  eq(unix.sigpending():contains(unix.SIGUSR1), true, "sigpending shows it")
  local ok, err = unix.sigsuspend(oldmask)
  eq(ok, nil, "sigsuspend")
  eq(err:errno(), unix.EINTR, "sigsuspend ends with EINTR")
  eq(#got, 1, "the handler ran by the time sigsuspend returned")
  eq(unix.sigpending():contains(unix.SIGUSR1), false, "no longer pending")
  local cur = assert(unix.sigprocmask(unix.SIG_SETMASK, oldmask))
  eq(cur:contains(unix.SIGUSR1), true, "the mask held SIGUSR1")
  assert(unix.sigprocmask(unix.SIG_UNBLOCK, unix.Sigset()))
  fails("sigprocmask with a bad how", "EINVAL", unix.sigprocmask(99, unix.Sigset()))
end

-- setitimer: SIGALRM interrupts nanosleep (nil, EINTR) and the handler ran
do
  got = {}
  assert(unix.sigaction(unix.SIGALRM, record))
  local a, b, c, d = unix.setitimer(unix.ITIMER_REAL, 0, 0, 0, 50e6)
  eq(a + b + c + d, 0, "no timer before")
  local ok, err = unix.nanosleep(10)
  eq(ok, nil, "nanosleep interrupted")
  eq(err:name(), "EINTR", "nanosleep's errno")
  eq(got[1], unix.SIGALRM, "SIGALRM handler ran")
  a, b, c, d = unix.setitimer(unix.ITIMER_REAL)
  eq(a + b + c + d, 0, "a one-shot timer is gone after firing")
  -- an interval timer, counted through sigsuspend
  got = {}
  assert(unix.setitimer(unix.ITIMER_REAL, 0, 20e6, 0, 20e6))
  while #got < 3 do unix.sigsuspend() end
  a, b = unix.setitimer(unix.ITIMER_REAL, 0, 0, 0, 0)
  eq(a, 0, "old interval seconds")
  eq(b, 20000000, "old interval nanoseconds")
  checkerror("nanoseconds", unix.setitimer, unix.ITIMER_REAL, 0, 1e9, 0, 0)
  fails("setitimer of a bad timer", "EINVAL", unix.setitimer(99, 0, 0, 0, 0))
end

-- a busy Lua loop is interrupted between instructions
do
  local fired = false
  assert(unix.sigaction(unix.SIGALRM, function() fired = true end))
  assert(unix.setitimer(unix.ITIMER_REAL, 0, 0, 0, 30e6))
  local t0, n = os.clock(), 0
  while not fired and os.clock() < t0 + 10 do n = n + 1 end
  eq(fired, true, "the handler ran inside a busy loop")
  assert(unix.sigaction(unix.SIGALRM, unix.SIG_DFL))
end

-- an error in a handler is raised where the script was
do
  assert(unix.sigaction(unix.SIGUSR2, function() error("boom from handler") end))
  checkerror("boom from handler", unix.raise, unix.SIGUSR2)
  assert(unix.sigaction(unix.SIGUSR2, unix.SIG_DFL))
end

-- a debug.sethook hook is put back after a handler ran, and keeps working
do
  local count = 0
  local function hook() count = count + 1 end
  debug.sethook(hook, "", 100)
  got = {}
  assert(unix.raise(unix.SIGUSR1))
  local f, mask, n = debug.gethook()
  debug.sethook()
  eq(#got, 1, "handler ran under a debug hook")
  eq(f, hook, "debug hook restored")
  eq(mask, "", "debug hook mask restored")
  eq(n, 100, "debug hook count restored")
  debug.sethook(hook, "", 1)
  for _ = 1, 10 do end
  debug.sethook()
  assert(count > 0, "the debug hook still fires")
end

-- a signal raised inside a coroutine is handled once the main thread runs
do
  got = {}
  coroutine.wrap(function() assert(unix.raise(unix.SIGUSR1)) end)()
  local _ = 0
  eq(#got, 1, "handled after the coroutine")
end

-- SIG_IGN, SA_RESETHAND, the mask argument, invalid uses
do
  eq(unix.sigaction(unix.SIGUSR2, unix.SIG_IGN), unix.SIG_DFL, "set SIG_IGN")
  assert(unix.raise(unix.SIGUSR2)) -- ignored: we are still here
  eq(unix.sigaction(unix.SIGUSR2, unix.SIG_DFL), unix.SIG_IGN, "old SIG_IGN")
  got = {}
  assert(unix.sigaction(unix.SIGUSR1, record, unix.SA_RESETHAND,
    unix.Sigset(unix.SIGUSR2)))
  local h, flags, mask = unix.sigaction(unix.SIGUSR1)
  eq(h, record, "handler")
  eq(flags & unix.SA_RESETHAND, unix.SA_RESETHAND, "flags kept")
  eq(mask:contains(unix.SIGUSR2), true, "mask kept")
  assert(unix.raise(unix.SIGUSR1))
  eq(#got, 1, "one-shot handler ran")
  eq(unix.sigaction(unix.SIGUSR1), unix.SIG_DFL, "SA_RESETHAND reset it")
  fails("sigaction of SIGKILL", "EINVAL", unix.sigaction(unix.SIGKILL, record))
  eq(unix.sigaction(unix.SIGKILL), unix.SIG_DFL, "a refused handler is not kept")
  checkerror("signal number invalid", unix.sigaction, 65, record)
  checkerror("SIG_DFL, SIG_IGN, a function or an old handler expected",
    unix.sigaction, unix.SIGUSR1, 12345)
  checkerror("number expected", unix.sigaction, unix.SIGUSR1, "x")
end

-- kill failures
fails("kill of a pid that does not exist", "ESRCH", unix.kill(2^22 + 12345, 0))
fails("kill with a bad signal", "EINVAL", unix.kill(unix.getpid(), 999))
print("unix_sig: ok")
