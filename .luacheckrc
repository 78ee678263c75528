-- .luacheckrc: luacheck's settings for the repository's own Lua files, which
-- tests/run's section luacheck checks (on moonbox, and on Debian's lua5.4
-- for the same report). docs/modules.md, "luacheck on moonbox", says how.
-- See LICENSE.

-- Every file runs on moonbox: Lua 5.4, whose _G has nothing added (its own
-- modules come through require), so the plain Lua 5.4 standard, not
-- luacheck's default "max" (the union of 5.1 to 5.4 and LuaJIT).
std = "lua54"

-- Line length stays luacheck's default (120). Deliberate exceptions are
-- inline, on their line, with their reason ("-- luacheck: ignore CODE").
