-- term.lua: lua-term (term, term.colors, term.cursor, term.core) as built
-- in: isatty on a file, a pipe and a pseudo-terminal (python3's pty as the
-- other end), and the escape sequences against ECMA-48. See LICENSE.
local T = dofile("tests/lua/check.lua")
local checkerror, eq = T.checkerror, T.eq
local term = require "term"
local colors, cursor = term.colors, term.cursor

eq(require "term.core", term, "term is term.core's table, completed")
eq(package.searchpath("term.colors", package.path), "/zip/.lua/term/colors.lua",
  "term's Lua part ships in the archive")

-- isatty: false on a regular file and on a pipe; a closed file raises
local f <close> = assert(io.tmpfile())
eq(term.isatty(f), false, "isatty(regular file)")
local p = assert(io.popen("true", "r"))
eq(term.isatty(p), false, "isatty(pipe)")
p:close()
checkerror("closed file", term.isatty, p)
checkerror("FILE*", term.isatty, 1)
checkerror("FILE*", term.isatty)

-- isatty: true on a pseudo-terminal. python3 opens one, runs this binary
-- with it as standard output (standard input a pipe) and relays its report.
local exe = arg[-1]
local got = T.python([[
import os, subprocess, sys
exe = sys.stdin.read()
m, s = os.openpty()
r = subprocess.run([exe, "-e",
  "local t = require 'term' io.stderr:write(tostring(t.isatty(io.stdout)),"
  " ' ', tostring(t.isatty(io.stdin)))"],
  stdin=subprocess.PIPE, stdout=s, stderr=subprocess.PIPE)
sys.stdout.write(r.stderr.decode())
]], exe)
eq(got, "true false", "isatty(pty stdout), isatty(pipe stdin)")

-- colors: SGR sequences (ECMA-48 8.3.117): ESC [ n m
local sgr = {reset = 0, bright = 1, dim = 2, underscore = 4, blink = 5,
  reverse = 7, hidden = 8, black = 30, red = 31, green = 32, yellow = 33,
  blue = 34, magenta = 35, cyan = 36, white = 37, onblack = 40, onred = 41,
  ongreen = 42, onyellow = 43, onblue = 44, onmagenta = 45, oncyan = 46,
  onwhite = 47}
for name, n in pairs(sgr) do
  eq(tostring(colors[name]), "\27[" .. n .. "m", "colors." .. name)
end
eq(colors.red("hot"), "\27[31mhot\27[0m", "colors.red(s) wraps s and resets")
eq(colors.bright .. colors.blue .. "x", "\27[1m\27[34mx", "colors concatenate")

-- cursor and clear: CUP (8.3.21), CUU/CUD/CUF/CUB, ED, EL, written to the
-- file given
local function written(fn, ...)
  local out <close> = assert(io.tmpfile())
  fn(out, ...)
  out:seek("set")
  return out:read("a")
end
eq(written(cursor["goto"], 5, 7), "\27[5;7H", "cursor.goto")
eq(written(cursor.jump, 1, 1), "\27[1;1H", "cursor.jump")
eq(written(term.clear), "\27[2J", "term.clear")
eq(written(term.cleareol), "\27[K", "term.cleareol")
eq(written(cursor.save), "\27[s", "cursor.save")
eq(written(cursor.restore), "\27[u", "cursor.restore")
-- lua-term 0.07 writes a ';' after the count in goup/godown/goright/
-- goleft: ESC [ n ; A (terminals read an empty second parameter)
eq(written(cursor.goup, 3), "\27[3;A", "cursor.goup")
eq(written(cursor.goleft, 2), "\27[2;D", "cursor.goleft")
-- a first argument that is not a file means io.stdout, the rest formatted
checkerror("number expected, got string", cursor.goup, "three")
