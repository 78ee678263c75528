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

return M
