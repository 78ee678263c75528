-- ctype.lua: string.upper, string.lower and every pattern class give, for
-- each of the 256 byte values, what Debian's lua5.4 (glibc, C locale)
-- gives; moonbox compiles Lua with inline ctype code (src/luactype.h).
-- See LICENSE.
local check = dofile("tests/lua/check.lua")

local program = [[
local out, all = {}, {}
for b = 0, 255 do all[#all + 1] = string.char(b) end
all = table.concat(all)
out[#out + 1] = all:upper()
out[#out + 1] = all:lower()
for cl in ("acdglpsuwxACDGLPSUWX"):gmatch(".") do
  local set = {}
  for b = 0, 255 do
    set[#set + 1] = string.find(string.char(b), "^%" .. cl .. "$") and "1" or "0"
  end
  out[#out + 1] = cl .. table.concat(set)
  -- in a set, and through gsub
  out[#out + 1] = (all:gsub("[%" .. cl .. "]", ""))
end
io.write(table.concat(out, "\n"))
]]
local name = os.tmpname()
local w = assert(io.open(name, "w"))
w:write(program)
w:close()
local function run(interp)
  local p = assert(io.popen(string.format("%q %q", interp, name)))
  local out = p:read("a")
  assert(p:close())
  return out
end
local theirs, ours = run("lua5.4"), run(arg[-1])
os.remove(name)
check.eq(#theirs > 5000, true, "lua5.4 answered")
check.eq(ours, theirs, "upper, lower and the 20 classes on all 256 bytes")
print("ctype: ok")
