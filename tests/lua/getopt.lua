-- getopt.lua: cosmo.getopt: short options (clusters, attached and separate
-- arguments, optional ones), long options (=value, separate value, short
-- equivalents), unknown options, missing arguments, GNU and POSIX order,
-- "--", and misuse. Expected values are getopt_long(3)'s rules, written
-- out by hand. See LICENSE.
local check = dofile("tests/lua/check.lua")
local getopt = require("cosmo.getopt")

-- every (opt, optarg) next() gives, as "opt=optarg" or "opt"
local function run(args, optstring, longopts)
  local p = getopt.new(args, optstring, longopts)
  local seen = {}
  while true do
    local opt, optarg = p:next()
    if opt == nil then break end
    seen[#seen + 1] = optarg == nil and opt or opt .. "=" .. optarg
  end
  return table.concat(seen, " "), table.concat(p:remaining(), " "),
    table.concat(p:unknown(), " "), p
end

local function case(what, args, optstring, longopts, opts, rest, unknown)
  local o, r, u = run(args, optstring, longopts)
  check.eq(o, opts, what .. ": options")
  check.eq(r, rest, what .. ": remaining")
  check.eq(u, unknown, what .. ": unknown")
end

local long = {{"verbose", "none", "v"}, {"output", "required", "o"},
  {"color", "optional"}, {"name", "required"}, {"dry-run"}}

-- the known facts of the later builds
case("unknown options", {"-v", "-x", "--unknown"}, "v", nil,
  "v ?=x ?=--unknown", "", "x --unknown")
-- short options
case("flags", {"-a", "-b"}, "ab", nil, "a b", "", "")
case("cluster", {"-hv"}, "hv", nil, "h v", "", "")
case("-ovalue", {"-ofile"}, "o:", nil, "o=file", "", "")
case("-o value", {"-o", "file"}, "o:", nil, "o=file", "", "")
case("cluster ending in an argument", {"-vofile"}, "vo:", nil, "v o=file",
  "", "")
case("argument that looks like an option", {"-o", "-v"}, "vo:", nil,
  "o=-v", "", "")
case("empty argument", {"-o", ""}, "o:", nil, "o=", "", "")
case("optional attached", {"-cauto"}, "c::", nil, "c=auto", "", "")
case("optional not attached", {"-c", "auto"}, "c::", nil, "c", "auto", "")
case("unknown in a cluster", {"-vxw"}, "vw", nil, "v ?=x w", "", "x")
case("':' is never an option", {"-:"}, ":a", nil, "?=:", "", ":")
-- long options
case("long flag with a short", {"--verbose"}, "", long, "v", "", "")
case("long flag without one", {"--dry-run"}, "", long, "dry-run", "", "")
case("--name=value", {"--output=x.txt"}, "", long, "o=x.txt", "", "")
case("--name value", {"--output", "x.txt"}, "", long, "o=x.txt", "", "")
case("--name= (empty)", {"--output="}, "", long, "o=", "", "")
case("value holding =", {"--name=a=b"}, "", long, "name=a=b", "", "")
case("optional =value", {"--color=never"}, "", long, "color=never", "", "")
case("optional without", {"--color", "never"}, "", long, "color", "never",
  "")
case("=value to a flag", {"--verbose=1"}, "", long, "?=--verbose=1", "",
  "--verbose=1")
case("unknown long with a value", {"--nope=1"}, "", long, "?=--nope", "",
  "--nope")
case("no abbreviations", {"--verb"}, "", long, "?=--verb", "", "--verb")
case("long and short mixed", {"-v", "--output", "o", "-ofile", "x"}, "vo:",
  long, "v o=o o=file", "x", "")
-- a required argument missing: ":" and the option as written
case("missing short argument", {"-v", "-o"}, "vo:", nil, "v :=o", "", "")
case("missing long argument", {"--output"}, "", long, ":=--output", "", "")
-- operands: GNU order goes on past them; "--" ends the options
case("operands between", {"a", "-v", "b", "-o", "c", "d"}, "vo:", nil,
  "v o=c", "a b d", "")
case("--", {"-v", "--", "-x", "y", "--"}, "vx", nil, "v", "-x y --", "")
case("- is an operand", {"-", "-v"}, "v", nil, "v", "-", "")
case("POSIX order with +", {"a", "-v", "b"}, "+v", nil, "", "a -v b", "")
case("+ before operands", {"-v", "a", "-v"}, "+v", nil, "v", "a -v", "")
case("no arguments", {}, "v", nil, "", "", "")

-- numbers are taken as strings
case("numbers", {"-n", 5, 6}, "n:", nil, "n=5", "6", "")

-- after the end next() keeps returning nil
local _, _, _, p = run({"-v"}, "v")
check.eq(select("#", p:next()), 0, "next() after the end")
check.eq(p:next(), nil, "next() after the end, again")
-- remaining() and unknown() are copies
local rest = p:remaining()
rest[1] = "changed"
check.eq(#p:remaining(), 0, "remaining() is a copy")

-- the generic for works too
local seen = {}
local q = getopt.new({"-a", "-bx", "f"}, "ab:")
for opt, optarg in q.next, q do seen[#seen + 1] = opt .. (optarg or "") end
check.eq(table.concat(seen, ","), "a,bx", "generic for")
check.eq(q:remaining()[1], "f", "generic for: remaining")

-- the argument table is copied: changing it later changes nothing
local args = {"-a", "x"}
local c = getopt.new(args, "a")
args[1] = "-b"
check.eq(c:next(), "a", "args copied")

-- misuse raises
check.checkerror("table expected", getopt.new, "-v", "v")
check.checkerror("string expected", getopt.new, {}, nil)
check.checkerror("table expected", getopt.new, {}, "", "x")
check.checkerror("args[2] is not a string", getopt.new, {"-v", {}}, "v")
check.checkerror("longopts[1] is not a table", getopt.new, {}, "", {"x"})
check.checkerror("bad name", getopt.new, {}, "", {{""}})
check.checkerror("bad name", getopt.new, {}, "", {{"a=b"}})
check.checkerror("has_arg must be", getopt.new, {}, "", {{"a", "yes"}})
check.checkerror("short must be one character", getopt.new, {}, "",
  {{"a", "none", "ab"}})
check.checkerror("getopt.Parser expected", p.next, {})

-- POSIXLY_CORRECT in the environment asks for POSIX order too
local exe = assert(arg[-1], "arg[-1]: the interpreter")
local h = assert(io.popen("POSIXLY_CORRECT=1 " .. string.format("%q -e %q",
  exe, 'local p = require("cosmo.getopt").new({"a", "-v"}, "v") ' ..
  'io.write(tostring(p:next()), " ", table.concat(p:remaining(), ","))')))
check.eq(h:read("a"), "nil a,-v", "POSIXLY_CORRECT")
h:close()
print("getopt: ok")
