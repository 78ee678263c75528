-- unix_errno.lua: the unix module's table, its aliases and its E* constants
-- (Linux x86-64 numbers). The Errno object is checked by each theme's test
-- through its failures. See LICENSE.
local check = dofile("tests/lua/check.lua")
local unix = require("unix")

check.eq(require("cosmo.unix"), unix, "require 'cosmo.unix'")
check.eq(package.loaded["cosmo.unix"], unix, "package.loaded['cosmo.unix']")
check.eq(rawget(_G, "unix"), nil, "no global unix")

for name, value in pairs({EPERM = 1, ENOENT = 2, EINTR = 4, EBADF = 9,
    EAGAIN = 11, EWOULDBLOCK = 11, EACCES = 13, EEXIST = 17, EINVAL = 22,
    EROFS = 30, ENOSYS = 38, ELOOP = 40, ENOTSUP = 95, EOPNOTSUPP = 95,
    ECONNREFUSED = 111, EHWPOISON = 133}) do
  check.eq(unix[name], value, "unix." .. name)
end
-- the manual's miscellaneous magnums, Linux's values
-- ARG_MAX is the C library's sysconf: musl's 131072 (the manual's Linux
-- figure), glibc's (the sanitizer build) a quarter of the stack limit
assert(unix.ARG_MAX >= 131072, "unix.ARG_MAX: " .. tostring(unix.ARG_MAX))
for name, value in pairs({CLK_TCK = 100, BUFSIZ = 4096,
    PATH_MAX = 4096, NAME_MAX = 255, PIPE_BUF = 4096, NSIG = 64}) do
  check.eq(unix[name], value, "unix." .. name)
end
print("unix_errno: ok")
