-- cosmo_text.lua: the text group of cosmo: EscapeHtml, EscapeLiteral
-- (against python3's json on random text), VisualizeControlCodes,
-- HasControlCodes, IndentLines, GetMonospaceWidth, with the manual's
-- descriptions as the cases and argument errors. See LICENSE.
local check = dofile("tests/lua/check.lua")
local cosmo = require("cosmo")
local eq = check.eq

-- EscapeHtml: the manual's set, &><"' -> &amp;&gt;&lt;&quot;&#39;
eq(cosmo.EscapeHtml([[&><"']]), "&amp;&gt;&lt;&quot;&#39;", "EscapeHtml set")
eq(cosmo.EscapeHtml("caf\xc3\xa9 \0 \xff"), "caf\xc3\xa9 \0 \xff",
  "EscapeHtml copies other bytes")
eq(cosmo.EscapeHtml(""), "", "EscapeHtml empty")
eq(cosmo.EscapeHtml(12), "12", "EscapeHtml of a number")
check.checkerror("string expected", cosmo.EscapeHtml, nil)

-- EscapeLiteral
eq(cosmo.EscapeLiteral([[say "hi"\ </script>]]),
  [[say \"hi\"\\ \u003c\/script\u003e]], "EscapeLiteral quotes and HTML")
eq(cosmo.EscapeLiteral("\t\n\r\f\b\0\127"),
  [[\t\n\r\f\u0008\u0000\u007f]], "EscapeLiteral controls")
eq(cosmo.EscapeLiteral("&'="), [[\u0026\u0027\u003d]], "EscapeLiteral &'=")
eq(cosmo.EscapeLiteral("\xe9"), [[\u00e9]], "invalid UTF-8 as ISO-8859-1")
eq(cosmo.EscapeLiteral("\xc0\x80"), [[\u0000]], "overlong NUL canonical")
eq(cosmo.EscapeLiteral("\xf0\x9f\x98\x80"), [[\ud83d\ude00]],
  "EscapeLiteral: a surrogate pair")
check.checkerror("string expected", cosmo.EscapeLiteral, {})

-- against python3's json.dumps on random letters and non-ASCII text
-- (characters both escape the same way)
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end
local lines = {}
for i = 1, 200 do
  local t = {}
  for _ = 1, 1 + rand(12) do
    local k = rand(4)
    local c
    if k == 0 then c = 97 + rand(26)
    elseif k == 1 then c = 0xa0 + rand(0x700)
    elseif k == 2 then c = 0x800 + rand(0xd000)
    else c = 0x10000 + rand(0x100000) end
    if c >= 0xd800 and c <= 0xdfff then c = 0x4e00 + i end
    t[#t + 1] = utf8.char(c)
  end
  lines[i] = table.concat(t)
end
local input = os.tmpname()
local f = assert(io.open(input, "wb"))
f:write(table.concat(lines, "\n"), "\n")
f:close()
local py = assert(io.popen("python3 -c 'import json,sys\n" ..
  "for l in open(sys.argv[1], encoding=\"utf-8\"): " ..
  "print(json.dumps(l[:-1])[1:-1])' " .. input))
local i = 0
for want in py:lines() do
  i = i + 1
  eq(cosmo.EscapeLiteral(lines[i]), want, "EscapeLiteral = json " .. i)
end
py:close()
os.remove(input)
eq(i, #lines, "python3 answered every line")

-- VisualizeControlCodes: C0 as Control Pictures, C1 as \u00XX, trojan
-- source characters as arrows and brackets, overlong forms canonical
eq(cosmo.VisualizeControlCodes("a\1b\0\127"),
  "a\u{2401}b\u{2400}\u{2421}", "C0 and DEL")
eq(cosmo.VisualizeControlCodes("keep\t\r\n"), "keep\t\r\n", "tab CR LF")
eq(cosmo.VisualizeControlCodes("\27[1mbold"), "\u{241b}[1mbold", "ESC")
eq(cosmo.VisualizeControlCodes("\u{85}\x9b"), [[\u0085\u009b]], "C1")
eq(cosmo.VisualizeControlCodes("x\u{202e}y\u{2066}z"),
  "x\u{276e}y\u{27e9}z", "trojan source")
eq(cosmo.VisualizeControlCodes("\u{2028}\u{2029}"), "\u{21b5}\u{b6}",
  "line and paragraph separators")
eq(cosmo.VisualizeControlCodes("\xc1\x81\xe0\x81\x81"), "AA",
  "overlong forms canonical")
eq(cosmo.VisualizeControlCodes("\xe9"), "\u{e9}", "ISO-8859-1 byte")
eq(cosmo.VisualizeControlCodes("\xed\xa0\x80"), "\u{fffd}", "surrogate")
eq(cosmo.VisualizeControlCodes("h\u{e9}llo \u{4e2d}"), "h\u{e9}llo \u{4e2d}",
  "text unchanged")
assert(utf8.len(cosmo.VisualizeControlCodes("\xff\xfe\x80\xc3")),
  "the result is valid UTF-8")

-- HasControlCodes: C0 and C1 by default; whitespace only when asked
eq(cosmo.HasControlCodes("plain text"), false, "none")
eq(cosmo.HasControlCodes("a\1"), true, "C0")
eq(cosmo.HasControlCodes("a\127"), true, "DEL")
eq(cosmo.HasControlCodes("a\u{85}"), true, "C1")
eq(cosmo.HasControlCodes("a\x85"), true, "C1 as a stray byte")
eq(cosmo.HasControlCodes("tab\tline\r\n"), false, "whitespace by default")
eq(cosmo.HasControlCodes("tab\t", 1), true, "whitespace asked")
eq(cosmo.HasControlCodes("a\1", 4), false, "C1 only")
eq(cosmo.HasControlCodes("a\u{85}", 2), false, "C0 only")
eq(cosmo.HasControlCodes("a\1", 0), false, "nothing asked")
eq(cosmo.HasControlCodes("\xc0\x81"), true, "overlong C0")
check.checkerror("invalid control flags", cosmo.HasControlCodes, "x", 8)

-- IndentLines: one space by default, empty lines left alone
eq(cosmo.IndentLines("a\nb"), " a\n b", "IndentLines default")
eq(cosmo.IndentLines("a\n\nb\n", 4), "    a\n\n    b\n", "IndentLines 4")
eq(cosmo.IndentLines("x", 0), "x", "IndentLines 0")
eq(cosmo.IndentLines(""), "", "IndentLines empty")
eq(cosmo.IndentLines("x", 65535), (" "):rep(65535) .. "x", "65535 spaces")
eq(cosmo.IndentLines(nil), nil, "IndentLines nil")
check.checkerror("not in range", cosmo.IndentLines, "x", 65536)
check.checkerror("not in range", cosmo.IndentLines, "x", -1)

-- GetMonospaceWidth: wide CJK and emoji, combining marks and controls
-- and escape sequences discounted; a number is one code point (wcwidth)
local W = cosmo.GetMonospaceWidth
eq(W("hello"), 5, "ASCII")
eq(W("\u{4e2d}\u{6587}"), 4, "two CJK ideographs")
eq(W("\u{1f600}"), 2, "emoji")
eq(W("e\u{301}"), 1, "combining accent")
eq(W("\27[31mred\27[0m"), 3, "ANSI colours")
eq(W("\27]0;title\7ok"), 2, "OSC")
eq(W("a\1b\127"), 2, "controls")
eq(W("\t"), 8, "tab")
eq(W("ab\tc"), 9, "tab after two columns")
eq(W("\t", 5), 3, "tab from column 5")
eq(W("\xff"), 1, "a byte that is not UTF-8")
eq(W(""), 0, "empty")
eq(W(0x4e2d), 2, "code point, wide")
eq(W(0x41), 1, "code point A")
eq(W(0x301), 0, "code point, combining")
eq(W(0), 0, "code point NUL")
eq(W(7), -1, "code point BEL")
eq(W(0x110000), -1, "not a code point")
eq(W("5"), 1, "a numeric string is text")
check.checkerror("column must be", W, "x", -1)
check.checkerror("string expected", W, {})
print("cosmo_text: ok")
