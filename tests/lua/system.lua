-- system.lua: system and system.core (luasystem's API, written here):
-- clocks against os.time and each other, sleep's duration, environment
-- round trips against os.getenv and a child's env, random bytes, isatty
-- and termsize on files, pipes and a pseudo-terminal. See LICENSE.
local T = dofile("tests/lua/check.lua")
local checkerror, eq = T.checkerror, T.eq
local system = require "system"

eq(require "system.core", system, "system is system.core's table")
eq(system.windows, false, "system.windows")

-- gettime: fractional seconds of the same clock as os.time
local t0, g, t1 = os.time(), system.gettime(), os.time()
eq(math.type(g), "float", "gettime's type")
assert(g >= t0 and g < t1 + 1, ("gettime %f outside [%d, %d]"):format(g, t0, t1 + 1))

-- monotime: never going back, advancing with real time
local m0 = system.monotime()
eq(math.type(m0), "float", "monotime's type")
local prev = m0
for _ = 1, 1000 do
  local m = system.monotime()
  assert(m >= prev, "monotime went back")
  prev = m
end

-- sleep: at least the time asked, not much more (loaded machines and gVisor
-- get a generous upper bound); true on success
local s0, w0 = system.monotime(), system.gettime()
eq(system.sleep(0.25), true, "sleep's result")
local slept, wall = system.monotime() - s0, system.gettime() - w0
assert(slept >= 0.25 and slept < 2, "sleep(0.25) took " .. slept .. " s (monotime)")
assert(wall > 0.2 and wall < 2.5, "sleep(0.25) took " .. wall .. " s (gettime)")
s0 = system.monotime()
eq(system.sleep(0), true, "sleep(0)")
eq(system.sleep(-5), true, "sleep(negative) returns at once")
eq(system.sleep(0.001, 1), true, "sleep with a precision")
assert(system.monotime() - s0 < 1, "sleep(0), sleep(-5), sleep(0.001) returned at once")
checkerror("number expected", system.sleep, "soon")
checkerror("NaN", system.sleep, 0 / 0)
checkerror("number has no integer representation", system.sleep, 1, 1.5)

-- environment: setenv/getenv round trip, seen by os.getenv and by a child
eq(system.setenv("MOONBOX_SYSTEM_TEST", "a=b c"), true, "setenv")
eq(system.getenv("MOONBOX_SYSTEM_TEST"), "a=b c", "getenv after setenv")
eq(os.getenv("MOONBOX_SYSTEM_TEST"), "a=b c", "os.getenv after setenv")
local child = assert(io.popen('printf %s "$MOONBOX_SYSTEM_TEST"'))
eq(child:read("a"), "a=b c", "a child's environment")
child:close()
local all = system.getenvs()
eq(all.MOONBOX_SYSTEM_TEST, "a=b c", "getenvs")
eq(all.PATH, os.getenv("PATH"), "getenvs().PATH")
eq(system.setenv("MOONBOX_SYSTEM_TEST", ""), true, "setenv to empty")
eq(system.getenv("MOONBOX_SYSTEM_TEST"), "", "an empty value is kept")
eq(system.setenv("MOONBOX_SYSTEM_TEST"), true, "setenv(name) removes")
eq(system.getenv("MOONBOX_SYSTEM_TEST"), nil, "getenv after removal")
eq(system.getenvs().MOONBOX_SYSTEM_TEST, nil, "getenvs after removal")
local ok, msg, code = system.setenv("A=B", "x")
eq(ok, nil, "setenv of a name holding '='")
eq(code, 22, "its errno (EINVAL)")
assert(type(msg) == "string", "a message")
checkerror("string expected", system.getenv)

-- random: the length asked, and not the same bytes twice
eq(#system.random(), 1, "random() is one byte")
eq(system.random(0), "", "random(0)")
local r1, r2 = system.random(64), system.random(64)
eq(#r1, 64, "random(64)")
assert(r1 ~= r2, "two draws of 64 bytes differ")
eq(#system.random(100000), 100000, "random(100000)")
checkerror("must be 0 or more", system.random, -1)

-- isatty: files and pipes are not terminals; closed files raise
local f <close> = assert(io.tmpfile())
eq(system.isatty(f), false, "isatty(regular file)")
local p = assert(io.popen("true"))
eq(system.isatty(p), false, "isatty(pipe)")
p:close()
checkerror("closed file", system.isatty, p)
checkerror("FILE*", system.isatty, 0)

-- non-blocking mode: set, read back, cleared
local rd = assert(io.popen("sleep 0"))
eq(system.getnonblock(rd), false, "a pipe starts blocking")
eq(system.setnonblock(rd, true), true, "setnonblock(true)")
eq(system.getnonblock(rd), true, "getnonblock after setting")
eq(system.setnonblock(rd, false), true, "setnonblock(false)")
eq(system.getnonblock(rd), false, "getnonblock after clearing")
rd:close()

-- on a pseudo-terminal of 33 rows and 101 columns (python3 opens it):
-- isatty of standard output true, termsize its size; then with standard
-- output /dev/null, termsize fails with ENOTTY
local got = T.python([[
import fcntl, os, struct, subprocess, sys, termios
exe = sys.stdin.read()
m, s = os.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 33, 101, 0, 0))
prog = ("local s = require 'system' local a, b, c = s.termsize() "
  "io.stderr:write(tostring(s.isatty(io.stdout)), ' ', "
  "tostring(s.isatty(io.stdin)), ' ', tostring(a), ' ', "
  "(math.type(b) and tostring(b) or type(b)), "
  "' ', tostring(c), '\\n')")
for out in (s, subprocess.DEVNULL):
    r = subprocess.run([exe, "-e", prog], stdin=subprocess.PIPE, stdout=out,
                       stderr=subprocess.PIPE)
    sys.stdout.write(r.stderr.decode())
]], arg[-1])
eq(got, "true false 33 101 nil\nfalse false nil string 25\n",
  "isatty and termsize on a pty; termsize on /dev/null: nil, message, ENOTTY")

-- Ctrl-C (SIGINT, which the front end turns into an "interrupted!" error)
-- ends a long sleep early instead of after it
local int = T.python([[
import signal, subprocess, sys, time
exe = sys.stdin.read()
p = subprocess.Popen([exe, "-e",
  "io.stdout:write('go\\n') io.stdout:flush() require 'system'.sleep(30)"],
  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
p.stdout.readline()
time.sleep(0.3)
t = time.monotonic()
p.send_signal(signal.SIGINT)
_, err = p.communicate(timeout=20)
print(p.returncode, time.monotonic() - t < 5, b"interrupted!" in err)
]], arg[-1])
eq(int, "1 True True\n", "SIGINT during sleep(30): status 1 at once, 'interrupted!'")
