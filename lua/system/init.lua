-- system/init.lua: require "system", the front of system.core (luasystem's
-- API as busted and its tools use it: clocks, sleep, environment, random
-- bytes, isatty), as luasystem's own init.lua fronts its C core. It adds
-- no function of its own yet: luasystem's Lua-level additions (key reading,
-- terminal backups) are left out, and docs/modules.md says so. See LICENSE.
return require "system.core"
