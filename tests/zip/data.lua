-- data.lua KIND: run by a copy of moonbox with tests/data/zip/KIND.zip
-- appended; checks what /zip/ shows of it. See LICENSE.
local kind = ...
local function eq(got, want, what)
  if got ~= want then
    error(string.format("%s: %s: expected %q, got %q", kind, what,
      tostring(want), tostring(got)), 2)
  end
end
local zip = require "zip"
if kind == "python" then
  eq(io.open("/zip/top.txt"):read("a"), "top\n", "top.txt")
  eq(io.open("/zip/dir/deflated.txt"):read("a"), ("abc"):rep(1000), "deflated")
  eq(zip.read("dir/stored.bin"), (function()
    local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
    return table.concat(t) end)(), "stored.bin")
  eq(zip.stat("dir/stored.bin").method, "stored", "method")
  eq(zip.stat("dir/stored.bin").mode, tonumber("100600", 8), "mode")
  eq(zip.stat("dir/deflated.txt").mtime, 1000000000, "mtime (2001-09-09)")
elseif kind == "python-stream" then
  eq(io.open("/zip/piped.txt"):read("a"), ("piped "):rep(100), "piped.txt")
elseif kind == "streamed" then
  -- zip - - names its only entry "-"
  local t = {}
  for i = 0, 199 do t[#t + 1] = "line " .. i .. " of a compressible file\n" end
  eq(io.open("/zip/-"):read("a"), table.concat(t), "streamed entry")
  assert(zip.stat("-").size == #table.concat(t))
else
  eq(io.open("/zip/hello.txt"):read("a"), "hello, world\n", "hello.txt")
  if kind ~= "extras" and kind ~= "comment" then
    local n = 0
    for l in io.lines("/zip/a/b.txt") do
      eq(l, "line " .. n .. " of a compressible file", "line " .. n)
      n = n + 1
    end
    eq(n, 200, "lines of a/b.txt")
    eq(require("a.c.d").answer, 42, "require from /zip/")
    eq(zip.stat("a/c").isdir, true, "implied or explicit directory")
    eq(zip.stat("a/c/d.lua").mtime, 1709213862, "mtime 2024-02-29 13:37:42")
  end
end
print(kind .. ": ok")
