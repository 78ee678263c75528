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

return M
