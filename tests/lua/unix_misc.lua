-- unix_misc.lua: the miscellaneous themes of the unix module: poll, a
-- terminal's size, syslog, pledge/unveil (ENOSYS for now), and the shared
-- memory of mapshared (checked within one process). See LICENSE.
local check = dofile("tests/lua/check.lua")
local eq, checkerror = check.eq, check.checkerror
local unix = require("unix")

local BADFD = 2147483647 -- surely not open

local fails = check.errname

local close = unix.close

for name, value in pairs({POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8,
    POLLHUP = 16, POLLNVAL = 32, POLLRDHUP = 0x2000, LOG_EMERG = 0,
    LOG_ERR = 3, LOG_WARNING = 4, LOG_INFO = 6, LOG_DEBUG = 7,
    LOG_USER = 8, LOG_LOCAL0 = 128}) do
  eq(unix[name], value, "unix." .. name)
end

-- {==== poll
do
  local a, b = assert(unix.socketpair())
  local r = assert(unix.poll({[a] = unix.POLLIN, [-1] = unix.POLLIN}, 0))
  eq(next(r), nil, "nothing to read and a timeout of 0: an empty table")
  local t0 = os.clock()
  r = assert(unix.poll({[a] = unix.POLLIN}, 30))
  eq(next(r), nil, "a 30 ms timeout with nothing ready")
  assert(unix.send(b, "x"))
  r = assert(unix.poll({[a] = unix.POLLIN | unix.POLLOUT, [b] = unix.POLLIN}))
  eq(r[a], unix.POLLIN | unix.POLLOUT, "readable and writable")
  eq(r[b], nil, "only descriptors with events come back")
  eq(unix.recv(a), "x", "the byte poll saw")
  assert(unix.shutdown(b, unix.SHUT_WR))
  r = assert(unix.poll({[a] = unix.POLLIN}, 0))
  eq(r[a], unix.POLLIN, "end of file is readable") -- (gVisor: no POLLRDHUP)
  r = assert(unix.poll({[BADFD] = unix.POLLIN}, 0))
  eq(r[BADFD], unix.POLLNVAL, "a closed descriptor gives POLLNVAL")
  eq(next(assert(unix.poll({}, 0))), nil, "an empty set")
  checkerror("table expected", unix.poll, nil)
  checkerror("events must be an integer", unix.poll, {[a] = "in"}, 0)
  checkerror("fd out of range", unix.poll, {[1 << 40] = 1}, 0)
  checkerror("unix.Sigset expected", unix.poll, {}, 0, {})
  assert(close(a))
  assert(close(b))
  assert(os.clock() - t0 < 5, "poll did not hang")
end
-- }====

-- {==== terminal size
do
  local a, b = assert(unix.socketpair())
  eq(fails("no tty", unix.tiocgwinsz(a)), "ENOTTY", "tiocgwinsz on a socket")
  eq(fails("bad fd", unix.tiocgwinsz(BADFD)), "EBADF", "tiocgwinsz on a bad fd")
  eq(unix.tcgetwinsize, unix.tiocgwinsz, "the manual's name for it")
  assert(close(a))
  assert(close(b))
  -- a new pseudoterminal has a size of 0 x 0: open /dev/ptmx and find its
  -- descriptor as the one poll no longer calls POLLNVAL
  local set = {}
  for fd = 0, 255 do set[fd] = 0 end
  local before = assert(unix.poll(set, 0))
  local tty = io.open("/dev/ptmx", "r+")
  if not tty then
    print("unix_misc: tiocgwinsz on a terminal skipped: no /dev/ptmx")
  else
    local after, fd = assert(unix.poll(set, 0))
    for i = 0, 255 do
      if before[i] == unix.POLLNVAL and after[i] ~= unix.POLLNVAL then fd = i end
    end
    local rows, cols = unix.tiocgwinsz(fd)
    eq(rows, 0, "a new pseudoterminal's rows")
    eq(cols, 0, "a new pseudoterminal's columns")
    tty:close()
  end
end
-- }====

-- {==== syslog, pledge, unveil
do
  -- where no syslog daemon listens on /dev/log the message goes nowhere;
  -- the call must not raise either way
  eq(select("#", unix.syslog(unix.LOG_USER | unix.LOG_DEBUG,
    "moonbox test: unix.syslog %s %n")), 0, "syslog returns nothing")
  checkerror("number expected", unix.syslog, "info", "x")
  checkerror("string expected", unix.syslog, unix.LOG_INFO)
  local name, err = fails("pledge", unix.pledge("stdio"))
  eq(name, "ENOSYS", "pledge is not available yet")
  eq(err:call(), "pledge", "pledge's Errno call")
  eq(fails("pledge()", unix.pledge()), "ENOSYS", "pledge() too")
  eq(fails("pledge with a mode", unix.pledge("stdio", nil,
    unix.PLEDGE_PENALTY_RETURN_EPERM | unix.PLEDGE_STDERR_LOGGING)), "ENOSYS",
    "pledge with the manual's mode bits")
  for const, value in pairs({PLEDGE_PENALTY_KILL_THREAD = 0,
      PLEDGE_PENALTY_KILL_PROCESS = 1, PLEDGE_PENALTY_RETURN_EPERM = 2,
      PLEDGE_STDERR_LOGGING = 0x10}) do
    eq(unix[const], value, "unix." .. const)
  end
  name, err = fails("unveil", unix.unveil(".", "r"))
  eq(name, "ENOSYS", "unveil is not available yet")
  eq(err:call(), "unveil", "unveil's Errno call")
  eq(fails("unveil(nil, nil)", unix.unveil(nil, nil)), "ENOSYS", "unveil commit")
  checkerror("string expected", unix.unveil, {}, "r")
end
-- }====

-- {==== mapshared and unix.Memory (within one process: unix.fork is the
-- process theme's)
do
  checkerror("can't map empty region", unix.mapshared, 0)
  checkerror("multiple of 8", unix.mapshared, 12)
  checkerror("map size too big", unix.mapshared, 1 << 62)
  checkerror("number expected", unix.mapshared, "x")
  local m = unix.mapshared(64)
  eq(tostring(m), "unix.Memory(64)", "tostring")
  eq(m:read(0, 64), string.rep("\0", 64), "zero initialized")
  eq(m:read(), "", "read() of zeroes is the empty string")
  -- bytes
  m:write("hello")
  eq(m:read(), "hello", "write then read the string at 0")
  m:write("hi")
  eq(m:read(), "hi", "a shorter string replaces the longer (zero byte kept)")
  eq(m:read(0, 5), "hi\0lo", "binary read")
  m:write(10, "abc\0def", 7)
  eq(m:read(10, 7), "abc\0def", "binary write with bytes")
  eq(m:read(10), "abc", "read stops at the zero byte")
  m:write(60, "wxyz")
  eq(m:read(60), "wxyz", "a string ending at the end of the memory")
  eq(m:read(64), "", "read at the end")
  checkerror("out of range", m.write, m, 61, "wxyz")
  checkerror("out of range", m.read, m, 65)
  checkerror("out of range", m.read, m, 60, 5)
  checkerror("out of range", m.read, m, -1)
  checkerror("bytes is more than what's in data", m.write, m, 0, "ab", 3)
  -- words (word 7 holds bytes 56..63)
  m:store(0, 0)
  m:store(1, -5)
  eq(m:load(1), -5, "store/load")
  eq(m:xchg(1, 9), -5, "xchg gives the old value")
  eq(m:load(1), 9, "xchg stores the new value")
  local ok, old = m:cmpxchg(1, 9, 10)
  eq(ok, true, "cmpxchg with the right old value")
  eq(old, 9, "cmpxchg's old value")
  ok, old = m:cmpxchg(1, 9, 11)
  eq(ok, false, "cmpxchg with a wrong old value")
  eq(old, 10, "cmpxchg gives the current value")
  eq(m:load(1), 10, "a failed cmpxchg stores nothing")
  eq(m:fetch_add(1, 5), 10, "fetch_add gives the old value")
  eq(m:fetch_add(1, -20), 15, "fetch_add of a negative")
  eq(m:load(1), -5, "after fetch_add")
  m:store(2, 0xf0)
  eq(m:fetch_and(2, 0x3c), 0xf0, "fetch_and")
  eq(m:fetch_or(2, 0x01), 0x30, "fetch_or")
  eq(m:fetch_xor(2, 0xff), 0x31, "fetch_xor")
  eq(m:load(2), 0xce, "after and/or/xor")
  m:store(3, math.maxinteger)
  eq(m:fetch_add(3, 1), math.maxinteger, "fetch_add at the top")
  eq(m:load(3), math.mininteger, "fetch_add wraps around")
  m:write(32, "\1\0\0\0\0\0\0\0", 8)
  eq(m:load(4), 1, "bytes and words are the same memory (little endian)")
  checkerror("out of range", m.load, m, 8)
  checkerror("out of range", m.store, m, -1, 0)
  -- futexes
  m:store(5, 7)
  eq(fails("wait on another value", m:wait(5, 8)), "EAGAIN",
    "wait when the word is not the expected value")
  eq(fails("deadline passed", m:wait(5, 7, 0)), "ETIMEDOUT",
    "wait with a deadline already passed")
  local t0 = os.time()
  eq(fails("short wait", m:wait(5, 7, t0 + 1, 0)), "ETIMEDOUT",
    "wait until a deadline a second away")
  eq(m:wake(5), 0, "wake with no waiter")
  eq(m:wake(5, 1), 0, "wake one with no waiter")
  checkerror("must be an int32", m.wait, m, 5, 1 << 40)
  -- closing
  do
    local c <close> = unix.mapshared(8)
    c:store(0, 1)
  end
  local c = unix.mapshared(8)
  getmetatable(c).__close(c)
  checkerror("closed unix.Memory", c.load, c, 0)
  checkerror("closed unix.Memory", c.read, c)
  eq(tostring(c), "unix.Memory(8)", "tostring after close")
  getmetatable(c).__gc(c) -- closing twice is harmless
  -- shared with a forked child: its store is seen by the parent
  local shared = unix.mapshared(16)
  local pid = assert(unix.fork())
  if pid == 0 then shared:store(1, 42) unix.exit(0) end
  assert(unix.wait(pid))
  eq(shared:load(1), 42, "a child's store through mapshared memory")
end
-- poll with a signal mask (a unix.Sigset of the signals theme)
do
  local a, b = assert(unix.socketpair(unix.AF_UNIX, unix.SOCK_STREAM))
  assert(unix.send(a, "x"))
  local r = assert(unix.poll({[b] = unix.POLLIN}, 0, unix.Sigset(unix.SIGUSR1)))
  eq(r[b], unix.POLLIN, "poll with a mask reports the readable end")
  close(a) close(b)
end
-- }====

print("unix_misc: ok")
