-- check.lua: assertions shared by the Lua-level tests (dofile'd by each).
-- See LICENSE.
local M = {}

-- checkerror(msg, f, ...): f(...) must raise an error whose message contains
-- the plain text msg.
function M.checkerror(msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error containing '" .. msg .. "', got success")
  assert(string.find(tostring(err), msg, 1, true),
    "expected an error containing '" .. msg .. "', got '" .. tostring(err) .. "'")
end

-- eq(got, want, what): equality with a message naming both values.
function M.eq(got, want, what)
  if got ~= want then
    error(string.format("%s: expected %q, got %q", what or "value",
      tostring(want), tostring(got)), 2)
  end
end

-- errname(what, ok, err): (ok, err) must be a unix failure (nil and a
-- unix.Errno whose text says which call failed); returns the Errno's name
-- and the Errno.
function M.errname(what, ok, err)
  assert(ok == nil, what .. ": expected a failure, got " .. tostring(ok))
  assert(tostring(err):find("failed: ", 1, true), what .. ": " .. tostring(err))
  return err:name(), err
end

-- nfds(): how many descriptors this process has open (/proc/self/fd).
function M.nfds()
  local unix = require("unix")
  local n = 0
  local d <close> = assert(unix.opendir("/proc/self/fd"))
  for name in d do
    if name ~= "." and name ~= ".." then n = n + 1 end
  end
  return n - 1 -- the listing's own descriptor
end

-- readfile(path) -> the file's bytes; writefile(path, s): the file holds s.
function M.readfile(path)
  local f <close> = assert(io.open(path, "rb"))
  return f:read("a")
end

function M.writefile(path, s)
  local f <close> = assert(io.open(path, "wb"))
  assert(f:write(s))
end

-- lines(s) -> the lines of s (each ended by "\n") as a list.
function M.lines(s)
  local t = {}
  for line in s:gmatch("([^\n]*)\n") do t[#t + 1] = line end
  return t
end

-- python(program, input, word...) -> what python3 wrote to its standard
-- output, running the Python text program with input on its standard
-- input and the words as its arguments (sys.argv[1], ...); raises if
-- python3 fails. python3 is one of the tools make test installs: the
-- oracle of the tests that compare with Python's libraries.
function M.python(program, input, ...)
  local prog, inp, out = os.tmpname(), os.tmpname(), os.tmpname()
  local words = {...}
  for _, w in ipairs(words) do
    assert(w:match("^[%w_.-]+$"), "python: a plain word expected: " .. w)
  end
  M.writefile(prog, program)
  M.writefile(inp, input)
  local cmd = string.format("python3 %s %s < %s > %s", prog,
    table.concat(words, " "), inp, out)
  local ok = os.execute(cmd)
  local s = M.readfile(out)
  os.remove(prog)
  os.remove(inp)
  os.remove(out)
  assert(ok, "python3 failed: " .. cmd)
  return s
end

return M
