-- path.lua: the path module: the manual's tables and Cosmopolitan's own
-- path test cases, argument errors, and exists/isfile/isdir/islink on
-- real files, links, missing paths and /zip/ entries. See LICENSE.
local check = dofile("tests/lua/check.lua")
local path = require("path")

for _, c in ipairs({{".", "."}, {"..", "."}, {"/", "/"}, {"usr", "."},
    {"/usr/", "/"}, {"/usr/lib", "/usr"}, {"/usr/lib/", "/usr"},
    {"/usr/lib/foo.bar", "/usr/lib"}, {"usr/lib", "usr"}, {"/usr//", "/"},
    {"", "."}}) do
  check.eq(path.dirname(c[1]), c[2], "dirname " .. c[1])
end
check.eq(path.dirname(nil), ".", "dirname nil")
check.eq(path.dirname(), ".", "dirname ()")

for _, c in ipairs({{".", "."}, {"..", ".."}, {"/", "/"}, {"usr", "usr"},
    {"/usr/", "usr"}, {"/usr/lib", "lib"}, {"/usr/lib/", "lib"},
    {"usr/lib", "lib"}, {"/usr", "usr"}, {"", "."}, {"foo/", "foo"},
    {"foo//", "foo"}, {"///", "/"}, {"/foo/bar/", "bar"}}) do
  check.eq(path.basename(c[1]), c[2], "basename " .. c[1])
end
check.eq(path.basename(0), "0", "basename 0")
check.eq(path.basename(nil), ".", "basename nil")

local function j(want, ...)
  check.eq(path.join(...), want, "join")
end
j("/", "/", "/")
j("/usr/lib", "/usr", "lib")
j("/usr/lib", "/usr/", "lib")
j("/lib", "/usr/lib", "/lib")
j("a", "a")
j("a/b/c", "a", "b", "c")
j("/c", "a", "b", "/c")
j("/b/c", "a", "/b", "c")
j("/c", "a", "/b", "/c")
j("./.", ".", ".")
j("./..", ".", "..")
j("../.", "..", ".")
j("c//c", "c//", "c")
j("a/b/", "a", "b/")
j("1/2/3", 1, 2, 3)
j(nil, nil)
j(nil, nil, nil)
j("a", "a", nil)
j("a", nil, "a")
j("a/a", "a", nil, "a")
j("a/a", "a/", nil, "a")
j("", "")
j("", "", "")
j("b", "", "b")
j("a/", "a", "")
j("a/b", "a", "", "b")
j("a/b/", "a", "", "", "b", "")
local a, b = string.rep("a", 3000), string.rep("b", 3000)
j(a .. "/123/" .. b .. "/123", a, 123, b, 123)

check.checkerror("missing argument", path.join)
check.checkerror("bad argument #2 to 'path.join' (string expected, got table)",
  path.join, "a", {})
check.checkerror("bad argument #1 to 'path.dirname' (string expected, got table)",
  path.dirname, {})
check.checkerror("bad argument #1 to 'path.exists' (string expected, got no value)",
  path.exists)

-- the file system: a scratch directory with a file, a directory and links
local dir = os.tmpname()
assert(os.remove(dir))
assert(os.execute("mkdir " .. dir))
local file, sub = dir .. "/f", dir .. "/d"
assert(io.open(file, "w")):close()
assert(os.execute("mkdir " .. sub))
assert(os.execute(string.format("ln -s f %s/lf && ln -s d %s/ld && " ..
  "ln -s nowhere %s/dangling", dir, dir, dir)))

local function kinds(p)
  return string.format("%s %s %s %s", path.exists(p), path.isfile(p),
    path.isdir(p), path.islink(p))
end
check.eq(kinds(file), "true true false false", "a file")
check.eq(kinds(sub), "true false true false", "a directory")
check.eq(kinds(sub .. "/"), "true false true false", "a directory/")
check.eq(kinds(dir .. "/lf"), "true false false true", "a link to a file")
check.eq(kinds(dir .. "/ld"), "true false false true", "a link to a directory")
check.eq(kinds(dir .. "/dangling"), "false false false true", "a dangling link")
check.eq(kinds(dir .. "/missing"), "false false false false", "missing")
check.eq(kinds(file .. "/x"), "false false false false", "under a file")
check.eq(kinds(""), "false false false false", "empty path")
check.eq(kinds(file .. "\0/x"), "false false false false", "a zero byte")
check.eq(kinds("/dev/null"), "true false false false", "a device")
assert(os.execute("rm -r " .. dir))

-- /zip/ paths are answered from the archive
check.eq(kinds("/zip/"), "true false true false", "/zip/")
check.eq(kinds("/zip/.lua"), "true false true false", "/zip/.lua")
check.eq(kinds("/zip/.lua/moonbox.lua"), "true true false false",
  "/zip/.lua/moonbox.lua")
check.eq(kinds("/zip/usr/share/zoneinfo/Etc/GMT"), "true true false false",
  "/zip/usr/share/zoneinfo/Etc/GMT")
-- the zone files keep one name per zone and make the others links
-- (build-aux/stage-tzdata): of these names of UTC at least one is a link
local links = 0
for _, name in ipairs({"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Zulu"}) do
  local p = "/zip/usr/share/zoneinfo/" .. name
  local k = kinds(p)
  assert(k == "true true false false" or k == "true false false true", p .. ": " .. k)
  if path.islink(p) then links = links + 1 end
end
assert(links > 0, "no link among the names of UTC in /zip/")
check.eq(kinds("/zip/no/such/entry"), "false false false false", "/zip/ missing")
check.eq(kinds("/zip/usr/share/zoneinfo/UTC/x"), "false false false false",
  "/zip/ under a file")
print("path: ok")
