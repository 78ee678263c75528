# tests/zip.sh: the archive at the CLI level: archives written by Info-ZIP
# and Python appended to a copy of the binary, --bundle, .args, damaged and
# hostile archives. Sourced by tests/run ($M = moonbox). See LICENSE.

ELF=${M%/*}/moonbox.elf
Z=$TMP/zip
mkdir -p "$Z"

# with_zip NAME ZIPFILE: $Z/NAME = the runtime's ELF part + ZIPFILE.
with_zip() { cat "$ELF" "$2" > "$Z/$1" && chmod 755 "$Z/$1"; }

# {==== archives written by real tools
for k in stored deflated zip64 extras comment streamed python python-stream; do
  with_zip "$k" "tests/data/zip/$k.zip"
  cli "tool archive $k.zip appended: /zip/ reads it" -o "$k: ok
" -- env LUA_PATH='/zip/?.lua' "$Z/$k" tests/zip/data.lua "$k"
done
with_zip prefixed tests/data/zip/prefixed-A.zip
cli "zip -A archive (offsets from the file start) after more bytes" \
  -o $'hello, world\n' -- "$Z/prefixed" -e 'io.write(io.open("/zip/hello.txt"):read("a"))'

# Info-ZIP adds ".zip" to an archive name without an extension, so the copy
# is called infozip.com (as Cosmopolitan's redbean.com is).
if command -v zip >/dev/null; then
  cp "$M" "$Z/infozip.com" && mkdir -p "$Z/iz/mylib" && printf 'return "from mylib"\n' > "$Z/iz/mylib/init.lua"
  (cd "$Z/iz" && zip -q -r "$Z/infozip.com" mylib)
  cli "zip -r build/moonbox mylib/: require finds it, the runtime's files stay" \
    -o $'from mylib\t'"$LUA_RELEASE"$'\n' -- \
    env LUA_PATH='/zip/?/init.lua;;' "$Z/infozip.com" -e 'print(require "mylib", require("moonbox").lua)'
  printf '\n/zip/show.lua\r\n\nfixed\\nline\n...\n' > "$Z/iz/.args"
  printf 'print(table.concat({...}, ","))\n' > "$Z/iz/show.lua"
  (cd "$Z/iz" && zip -q "$Z/infozip.com" .args show.lua)
  cli ".args added by Info-ZIP: CR and empty lines dropped, \\n decoded, user args last" \
    -o "fixed
line,u1,u2
" -- "$Z/infozip.com" u1 u2
  # zip -y stores a symbolic link as an entry whose data is its text
  mkdir -p "$Z/ln/a" "$Z/ln/d"
  printf 'hello\n' > "$Z/ln/a/real.txt"
  printf 'return "linked"\n' > "$Z/ln/a/m.lua"
  ln -s real.txt "$Z/ln/a/l1" && ln -s ../a/l1 "$Z/ln/d/l2" &&
    ln -s m.lua "$Z/ln/a/lm.lua" && ln -s l3 "$Z/ln/a/l3" &&
    ln -s /etc/passwd "$Z/ln/a/abs" && ln -s ../../x "$Z/ln/a/up"
  (cd "$Z/ln" && zip -q -r -y "$Z/links.zip" a d)
  with_zip links "$Z/links.zip"
  cli "links stored by zip -y: io.open, zip.read, zip.stat, require follow them" \
    -o $'hello\nhello\n6\tfalse\t33188\nlinked\n' -- "$Z/links" -e '
      local zip = require "zip"
      print(io.open("/zip/a/l1"):read("l"))
      print((zip.read("d/l2"):gsub("\n", "")))
      local st = zip.stat("/zip/d/l2") print(st.size, st.isdir, st.mode)
      package.path = "/zip/a/?.lua" print((require "lm"))'
  cli "a link that loops, is absolute or climbs out of the archive names no file" \
    -o $'/zip/a/l3: No such file or directory\n/zip/a/abs: No such file or directory\n/zip/a/up: No such file or directory\n' -- \
    "$Z/links" -e 'for _, p in ipairs{"l3", "abs", "up"} do
      print((select(2, io.open("/zip/a/" .. p)))) end'
else
  fail "Info-ZIP zip is installed" "apt-get install zip"
fi
# }====

# {==== --bundle
mkdir -p "$Z/app/lib/deep" "$Z/app/.lua"
printf 'local u = require "util"\nprint("app", u.v, ...)\n' > "$Z/app/main.lua"
printf 'return {v = "util"}\n' > "$Z/app/.lua/util.lua"
printf 'data\n' > "$Z/app/lib/deep/x.txt"
B() { (cd "$Z/app" && "$OLDPWD/$M" --bundle "$@"); }
cli "--bundle -o OUT --main SCRIPT PATH...: succeeds quietly" -- \
  B -o "$Z/app1" --main main.lua main.lua .lua lib
cli "the bundle runs SCRIPT with the user's arguments" \
  -o $'app\tutil\ta\tb\n' -- "$Z/app1" a b
# names other than the embedded zone files (usr/share/zoneinfo/, checked by
# the tz tests), in archive order
names() { python3 -c 'import sys, zipfile; print(" ".join(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if not n.startswith("usr/")))' "$1"; }
cli "the bundle holds the runtime's zone files" -o $'True\n' -- python3 -c \
  'import sys, zipfile; print("usr/share/zoneinfo/Europe/Paris" in zipfile.ZipFile(sys.argv[1]).namelist())' "$Z/app1"
cli "the bundle holds the runtime's files and the given ones, sorted" \
  -o $'.args .lua/ .lua/argon2.LICENSE .lua/lfs.LICENSE .lua/libz.LICENSE .lua/lpeg.LICENSE .lua/lsqlite3.LICENSE .lua/ltn12.lua .lua/lua.LICENSE .lua/luasocket.LICENSE .lua/luaunit.LICENSE.txt .lua/luaunit.lua .lua/mime.lua .lua/moonbox.lua .lua/re.lua .lua/socket.lua .lua/socket/ .lua/socket/ftp.lua .lua/socket/headers.lua .lua/socket/http.lua .lua/socket/smtp.lua .lua/socket/tp.lua .lua/socket/url.lua .lua/system/ .lua/system/init.lua .lua/term.LICENSE .lua/term/ .lua/term/colors.lua .lua/term/cursor.lua .lua/term/init.lua .lua/util.lua .lua/zlib.LICENSE lib/ lib/deep/ lib/deep/x.txt main.lua\n' -- \
  names "$Z/app1"
cli ".args of a bundle: /zip/SCRIPT then ..." -o $'/zip/main.lua\n...\n' -- \
  unzip -p "$Z/app1" .args
cli "a bundle is mode 0755" -o $'755\n' -- \
  python3 -c 'import os, sys; print("%o" % (os.stat(sys.argv[1]).st_mode & 0o777))' "$Z/app1"
cli "a bundled app sees --bundle as its own argument" \
  -o $'app\tutil\t--bundle\n' -- "$Z/app1" --bundle
B -o "$Z/app2" --main main.lua lib main.lua .lua
cli "same inputs, byte-identical bundle (whatever the argument order)" -- \
  cmp "$Z/app1" "$Z/app2"
touch -d '2001-01-01' "$Z/app/main.lua"
B -o "$Z/app3" --main main.lua main.lua .lua lib
cli "file times do not change the bundle" -- cmp "$Z/app1" "$Z/app3"
cli "bundling without --main writes no .args" -o $'lib/deep/x.txt\n' -- \
  sh -c "cd '$Z/app' && '$OLDPWD/$M' --bundle -o '$Z/app4' lib/deep/x.txt && '$Z/app4' -e 'print(require\"zip\".list(\"lib\")[1], io.open(\"/zip/.args\"))' | cut -f1"

# symbolic links: a link to a file the bundle holds is stored as a link,
# any other as a copy of what it points at
mkdir -p "$Z/lnapp/lib" "$Z/real/sub" "$Z/dl"
printf 'data\n' > "$Z/lnapp/lib/x.txt"
printf 'out\n' > "$Z/elsewhere.txt"
ln -s x.txt "$Z/lnapp/lib/in.txt" && ln -s ../../elsewhere.txt "$Z/lnapp/lib/out.txt" &&
  ln -s "$Z/lnapp/lib/x.txt" "$Z/lnapp/lib/abs.txt"
LB() { (cd "$Z/lnapp" && "$OLDPWD/$M" --bundle "$@"); }
LB -o "$Z/ln1" lib && LB -o "$Z/ln2" lib/in.txt
(cd "$Z/lnapp" && "$Z/ln1" --bundle -o "$Z/ln3" lib/x.txt)
kinds() { python3 -c 'import sys, zipfile; print(" ".join(i.filename + (
  ":link" if (i.external_attr >> 16) & 0o170000 == 0o120000 else ":file")
  for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.filename.startswith("lib/") and i.filename[-1] != "/"))' "$1"; }
cli "--bundle: a relative link to a bundled file is stored as a link" \
  -o $'lib/abs.txt:file lib/in.txt:link lib/out.txt:file lib/x.txt:file\n' -- kinds "$Z/ln1"
cli "...and reads as its target, as do the copied ones" -o $'data\ndata\nout\n' -- \
  "$Z/ln1" -e 'for _, n in ipairs{"in", "abs", "out"} do io.write(io.open("/zip/lib/" .. n .. ".txt"):read("a")) end'
cli "--bundle: a link whose target is not bundled is stored as a copy" \
  -o $'lib/in.txt:file\n' -- kinds "$Z/ln2"
cli "...of the file it points at" -o $'data\n' -- \
  "$Z/ln2" -e 'io.write(io.open("/zip/lib/in.txt"):read("a"))'
cli "--bundle from a bundle keeps its links" \
  -o $'lib/abs.txt:file lib/in.txt:link lib/out.txt:file lib/x.txt:file\n' -- kinds "$Z/ln3"
# d -> real/sub, whose l.txt -> ../t.txt is real/t.txt on disk but would
# read as the bundle's decoy t.txt if stored as a link
printf 'real\n' > "$Z/real/t.txt" && printf 'decoy\n' > "$Z/dl/t.txt"
ln -s ../t.txt "$Z/real/sub/l.txt" && ln -s "$Z/real/sub" "$Z/dl/d"
(cd "$Z/dl" && "$OLDPWD/$M" --bundle -o "$Z/dl.bin" d t.txt)
cli "--bundle: a link reaching another file of the same name is copied" \
  -o $'real\n' -- "$Z/dl.bin" -e 'io.write(io.open("/zip/d/l.txt"):read("a"))'

cli "--bundle: missing input fails and leaves nothing" -s 1 \
  -E "--bundle: nothere.lua: No such file or directory" -- B -o "$Z/out1" nothere.lua
cli "...nothing at OUT" -s 1 -- test -e "$Z/out1"
cli "--bundle: unwritable directory fails" -s 1 \
  -E "--bundle: $Z/none/out: No such file or directory" -- B -o "$Z/none/out" main.lua
cli "--bundle: an absolute or climbing path is refused" -s 1 \
  -E "must be a relative path" -- B -o "$Z/out2" ../app/main.lua
cli "--bundle: --main must name a bundled file" -s 1 \
  -E "--main names no bundled file" -- B -o "$Z/out3" --main other.lua main.lua
cli "--bundle without -o: usage" -s 1 -E "usage: " -- B main.lua
leftovers() { local f n=0; for f in "$Z"/out* "$Z"/none/*; do [ -e "$f" ] && n=$((n + 1)); done; echo $n; }
cli "no temporary files are left behind" -o $'0\n' -- leftovers

# io.open of a /zip/ file holds the inflated bytes in the state's memory:
# MOONBOX_MEMLIMIT counts them, and a refusal is a clean error.
mkdir -p "$Z/mem" && head -c 3000000 /dev/zero | tr '\0' 'x' > "$Z/mem/big.txt"
(cd "$Z/mem" && "$OLDPWD/$M" --bundle -o "$Z/membig" big.txt)
cli "io.open of a 3 MB /zip/ file reads it whole" -o $'3000000\n' -- \
  "$Z/membig" -e 'print(#assert(io.open("/zip/big.txt")):read("a"))'
cli "...under MOONBOX_MEMLIMIT=2000000 it fails with ENOMEM, nothing crashes" \
  -o $'nil\t/zip/big.txt: \t12\n' -- \
  env MOONBOX_MEMLIMIT=2000000 "$Z/membig" -e '
    local f, msg, code = io.open("/zip/big.txt")
    print(f, msg:sub(1, 14), code)'
cli "...and the memory comes back when the file is closed" -o $'ok\n' -- \
  env MOONBOX_MEMLIMIT=5000000 "$Z/membig" -e '
    for i = 1, 5 do local f = assert(io.open("/zip/big.txt")) f:close() end
    local f = assert(io.open("/zip/big.txt")) f = nil collectgarbage()
    assert(io.open("/zip/big.txt")) print("ok")'

if [ "$(id -u)" = 0 ] && [ -z "${MOONBOX_IN_GVISOR:-}" ] && unshare -m true 2>/dev/null; then
  head -c 3000000 /dev/urandom > "$Z/app/big.bin"
  cli "--bundle: disk full (1 MiB tmpfs) fails and leaves nothing" -s 1 \
    -o $'left: 0\n' -E "No space left on device" -- unshare -m sh -c "
      mkdir -p '$Z/full' && mount -t tmpfs -o size=1m none '$Z/full' &&
      cd '$Z/app' && '$OLDPWD/$M' --bundle -o '$Z/full/out' big.bin; s=\$?
      n=0; for f in '$Z/full'/*; do [ -e \"\$f\" ] && n=\$((n+1)); done; echo left: \$n; exit \$s"
  rm -f "$Z/app/big.bin"
else
  skip "--bundle on a full disk" "needs root and a private mount namespace (native pass only)"
fi
# }====

# {==== .args
printf -- '-e\nprint(select("#", ...), ...)\n' > "$Z/args.txt"
mkdir -p "$Z/a1" && cp "$Z/args.txt" "$Z/a1/.args"
(cd "$Z/a1" && "$OLDPWD/$ELF" --bundle -o "$Z/args1" .args) 2>/dev/null ||
  (cd "$Z/a1" && MOONBOX_NOZIP=1 "$OLDPWD/$ELF" --bundle -o "$Z/args1" .args)
cli ".args: its lines come first, then the user's arguments" \
  -o $'0\nx\n' -- "$Z/args1" -e 'print"x"'
cli "MOONBOX_NOZIP=1 ignores .args" -o $'y\n' -- env MOONBOX_NOZIP=1 "$Z/args1" -e 'print"y"'
cli "COSMOPOLITAN_DISABLE_ZIPOS=1 disables the archive too" \
  -o $'nil\n' -- env COSMOPOLITAN_DISABLE_ZIPOS=1 "$M" -e 'print((io.open("/zip/.lua/moonbox.lua")))'
cli "MOONBOX_NOZIP=1: /zip/ access says why" \
  -o $'/zip/x: the archive is disabled (MOONBOX_NOZIP)\n' -- \
  env MOONBOX_NOZIP=1 "$M" -e 'print((select(2, io.open("/zip/x"))))'
# }====

# {==== damaged and hostile archives: start, run, fail /zip/ with a reason
probe='print(1 + 1) print(select(2, io.open("/zip/hello.txt")) or "read")'
expect_damage() { # NAME FILE WANT: runs, then /zip/ says WANT
  with_zip "$1" "$2"
  cli "damaged $1: runs and /zip/ access names the problem" \
    -O "2
/zip/hello.txt: $3" -- "$Z/$1" -e "$probe"
}
C=tests/corrupt/zip
expect_damage lying-eocd $C/lying-eocd.zip "corrupt zip archive (bad local header)"
expect_damage truncated-cd $C/truncated-cd.zip "$Z/truncated-cd: corrupt zip archive (end of central directory lies)"
expect_damage overlap $C/overlap.zip "corrupt zip archive (overlap"
with_zip bad-crc $C/bad-crc.zip
# the line of the CRC check itself, so that edits above it keep this test
crc_line=$(grep -n 'CORRUPT(s->z, ZIP_BADCRC)' src/engine/zip.c | cut -d: -f1)
cli "damaged bad-crc: the damaged entry fails with its CRC" -o $'nil\n' \
  -e "/zip/a/b.txt: corrupt zip archive (CRC-32 mismatch) (check at zip.c:$crc_line)" -- \
  "$Z/bad-crc" -e 'local f, m = io.open("/zip/a/b.txt") print(f) io.stderr:write(m)'
expect_damage bomb-ratio $C/bomb-ratio.zip "corrupt zip archive (impossible compression ratio)"
expect_damage zip64-bad-extra $C/zip64-bad-extra.zip "corrupt zip archive (bad central directory header)"
if command -v python3 >/dev/null; then
  mkdir -p "$Z/h" && python3 tests/zip/hostile.py "$Z/h"
  expect_damage no-eocd "$Z/h/no-eocd.zip" "$Z/no-eocd: not a zip archive (no end of central directory)"
  expect_damage offset-past-end "$Z/h/offset-past-end.zip" "$Z/offset-past-end: corrupt zip archive (end of central directory lies)"
  with_zip names "$Z/h/names.zip"
  cli "names with NUL or '..' are skipped, others read" \
    -o $'hello, world\nnil\tnil\t2\n' -- "$Z/names" -e '
      io.write(io.open("/zip/hello.txt"):read("a"))
      print(io.open("/zip/../evil.txt"), require("zip").archive().skipped - 2 == 0 and nil, 2)'
  with_zip many "$Z/h/many.zip"
  cli "70,000 entries (zip64 end records): indexed and read" \
    -o $'hello, world\n70001\n' -- "$Z/many" -e '
      io.write(io.open("/zip/hello.txt"):read("a")) print(#require("zip").list())'
  with_zip zeros "$Z/h/zeros.zip"
  cli "8 MiB of zeros at 1000:1 inflates exactly" -o $'8388608\ttrue\n' -- \
    "$Z/zeros" -e 'local s = io.open("/zip/zeros"):read("a") print(#s, not s:find("[^\0]"))'
else
  fail "python3 is installed" "apt-get install python3"
fi
# }====

# {==== issue 11: hostile entries and /zip/ buffers
with_zip encrypted-huge $C/encrypted-huge.zip
with_zip method-huge $C/method-huge.zip
for k in encrypted-huge:"encrypted entries are not supported" \
         method-huge:"unsupported compression method"; do
  cli "${k%%:*} (4 GiB declared): the reason, not a memory error" \
    -o "/zip/a/b.txt: ${k#*:}	95
a/b.txt: ${k#*:}	95
" -- env MOONBOX_MEMLIMIT=64M "$Z/${k%%:*}" -e '
      print(select(2, io.open("/zip/a/b.txt")))
      print(select(2, require("zip").read("a/b.txt")))'
done
with_zip unreachable $C/unreachable-names.zip
cli "names no path reaches (./b.txt, a//dd.lua) are skipped, not listed" \
  -o $'a/ a/c/ empty/ hello.txt\n2\thello, world\n' -- "$Z/unreachable" -e '
    local zip = require "zip"
    print(table.concat(zip.list(), " "))
    print(zip.archive().skipped, io.open("/zip/hello.txt"):read("l"))'
cli 'zip.list("/zip") lists the root, as zip.list("/zip/") does' \
  -o $'true\n' -- "$M" -e '
    local zip = require "zip"
    local a, b = zip.list("/zip"), zip.list("/zip/")
    print(#a > 0 and #a == #b and a[1] == b[1] and a[#a] == b[#b])'

# A /zip/ handle's bytes live outside the Lua heap: the collector is told
# about them, so handles dropped without a close get collected.
mkdir -p "$Z/gc" && head -c 20000000 /dev/urandom > "$Z/gc/rnd.bin" &&
  yes "compressible line of text 0123456789" | head -c 20000000 > "$Z/gc/txt.txt"
(cd "$Z/gc" && "$OLDPWD/$M" --bundle -o "$Z/gcbig" rnd.bin txt.txt)
rm -f "$Z/gc/rnd.bin" "$Z/gc/txt.txt"
cli "the 20 MB test entries are one stored, one deflated" \
  -o $'stored\tdeflate\n' -- "$Z/gcbig" -e '
    local zip = require "zip"
    print(zip.stat("rnd.bin").method, zip.stat("txt.txt").method)'
hwm='local kb = tonumber(io.open("/proc/self/status"):read("a"):match("VmHWM:%s*(%d+)"))'
if "$M" -e "$hwm assert(kb)" 2>/dev/null; then
  for n in rnd.bin txt.txt; do
    cli "150 opens of a 20 MB /zip/$n, never closed, under MOONBOX_MEMLIMIT=100M" \
      -o $'ok\n' -- env MOONBOX_MEMLIMIT=100M "$Z/gcbig" -e "
        for i = 1, 150 do local f = assert(io.open('/zip/$n')) end
        $hwm print(kb < 150000 and 'ok' or kb .. ' kB peak')"
  done
  cli "...and 20 without a limit peak under 150 MB (not 400 MB)" \
    -o $'ok\n' -- "$Z/gcbig" -e "
      for i = 1, 20 do local f = assert(io.open('/zip/rnd.bin')) end
      $hwm print(kb < 150000 and 'ok' or kb .. ' kB peak')"
else
  skip "peak RSS of unclosed /zip/ handles" "no VmHWM in /proc/self/status"
fi
rm -f "$Z/gcbig"
# }====

# {==== issue 11: --bundle never replaces what it must not, never leaves a
# temporary file behind
mkdir -p "$Z/bo/sub" && printf 'print("main", ...)\n' > "$Z/bo/m.lua" &&
  printf 'return 1\n' > "$Z/bo/sub/x.lua"
BO() { (cd "$Z/bo" && "$OLDPWD/$M" --bundle "$@"); }
rm -f "$Z/bo-fifo" && mkfifo "$Z/bo-fifo"
cli "--bundle -o FIFO: refused, the FIFO stays" -s 1 \
  -E "--bundle: $Z/bo-fifo: exists and is not a regular file: not replaced" -- BO -o "$Z/bo-fifo" m.lua
cli "...still a FIFO" -- test -p "$Z/bo-fifo"
ln -sf m.lua "$Z/bo/link"
cli "--bundle -o SYMLINK: refused, the link and its target stay" -s 1 \
  -E "link: exists and is not a regular file" -- BO -o link m.lua
cli "...the link and m.lua unchanged" -o $'m.lua\nprint("main", ...)\n' -- \
  sh -c "readlink '$Z/bo/link' && cat '$Z/bo/m.lua'"
if [ "$(id -u)" = 0 ] && [ -z "${MOONBOX_IN_GVISOR:-}" ] && mknod "$Z/bo-null" c 1 3 2>/dev/null; then
  cli "--bundle -o a device node (a copy of /dev/null): refused" -s 1 \
    -E "bo-null: exists and is not a regular file" -- BO -o "$Z/bo-null" m.lua
  cli "...still a character device" -- test -c "$Z/bo-null"
  rm -f "$Z/bo-null"
else
  skip "--bundle -o a device node" "needs root to make one (native pass only)"
fi
cli "--bundle -o m.lua m.lua: refused, m.lua unchanged" -s 1 \
  -E "--bundle: m.lua: is the output file (-o): writing it would replace this input" -- BO -o m.lua m.lua
cli "--bundle -o sub/x.lua sub: a source inside an input directory, refused" -s 1 \
  -E "sub/x.lua: is the output file (-o)" -- BO -o sub/x.lua sub
cli "...both inputs unchanged" -o $'print("main", ...)\nreturn 1\n' -- \
  cat "$Z/bo/m.lua" "$Z/bo/sub/x.lua"
BO -o app.bin --main m.lua . 2>/dev/null
cp "$Z/bo/app.bin" "$Z/bo-first"
cli "--bundle -o app.bin . again: the earlier app.bin is not packed, and says so" \
  -E "--bundle: ./app.bin: not packed: it is the output file (-o app.bin)" -- BO -o app.bin --main m.lua .
cli "...the new bundle equals the first (no app.bin inside)" -- cmp "$Z/bo/app.bin" "$Z/bo-first"
cli "...and runs" -o $'main\tz\n' -- "$Z/bo/app.bin" z
rm -f "$Z/bo/app.bin" "$Z/bo-first"
cli "--bundle --main with a newline in the name: refused, nothing written" -s 1 \
  -E '--main: a script name holding a newline' -- BO -o "$Z/bo-nl" --main "$(printf 'm\n.lua')" m.lua
cli "--bundle --main with \\n in the name (read back as a newline): refused" -s 1 \
  -E '--main: a script name holding a newline' -- BO -o "$Z/bo-nl" --main 'a\nb.lua' m.lua
cli "...no OUT" -s 1 -- test -e "$Z/bo-nl"

# Killed while it writes (a 48 MB incompressible input keeps it busy for a
# while after the temporary file appears): nothing is left.
mkdir -p "$Z/kill" && head -c 48000000 /dev/urandom > "$Z/kill/big.bin"
outs() { # how many files named PATTERN exist in $Z/kill (globs, not ls)
  local f n=0
  for f in "$Z/kill"/$1; do [ -e "$f" ] && n=$((n + 1)); done
  echo $n
}
bundle_killed() { # SIGNAL: status and what is left beside OUT
  local pid i=0 rc
  rm -f "$Z/kill/out"*
  (cd "$Z/kill" && exec env --default-signal="$1" "$OLDPWD/$M" --bundle -o out big.bin) &
  pid=$!
  while [ "$(outs 'out.tmp.*')" = 0 ] && [ $i -lt 1000 ]; do
    sleep 0.01; i=$((i + 1))
  done
  kill -s "$1" $pid
  { wait $pid; } 2>/dev/null; rc=$? # no "Hangup" job notice
  echo "status $rc, left: $(outs 'out*')"
}
for s in TERM:143 INT:130 HUP:129; do
  cli "--bundle killed by SIG${s%%:*} while writing: dies by it, removes its temporary file" \
    -o "status ${s#*:}, left: 0
" -- bundle_killed "${s%%:*}"
done
rm -rf "$Z/kill"
# }====

# {==== issue 12: one ".." rule for every name made from text (engine/zipfs)
if command -v python3 >/dev/null; then
  python3 - "$Z/dots.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for name, text, link in [("x", "top x", 0), ("a/in", "../x", 1),
                             ("a/up", "../../x", 1)]:
        info = zipfile.ZipInfo(name)
        info.create_system = 3
        info.external_attr = (0o120777 if link else 0o100644) << 16
        z.writestr(info, text)
PY
  with_zip dots "$Z/dots.zip"
  cli "'..' at the archive's root stays there: /zip/a/../../x and zip.read('../x') are entry x" \
    -o $'top x\ttop x\ttrue\n' -- "$Z/dots" -e 'local zip = require "zip"
      print(io.open("/zip/a/../../x"):read("a"), zip.read("../x"), zip.stat("/zip/..").isdir)'
  cli "a link whose target climbs leaves the archive (names no file, though x exists); one that stays reads x" \
    -o $'top x\n/zip/a/up: No such file or directory\n' -- "$Z/dots" -e '
      print(io.open("/zip/a/in"):read("a")) print((select(2, io.open("/zip/a/up"))))'
fi
mkdir -p "$Z/dotapp/lib" && printf 'print("main")\n' > "$Z/dotapp/main.lua"
cli "--bundle: lib/../main.lua stays below the current directory: bundled as main.lua" \
  -o $'main\n' -- sh -c "cd '$Z/dotapp' && '$OLDPWD/$M' --bundle -o '$Z/dotapp.bin' --main main.lua lib/../main.lua && '$Z/dotapp.bin'"
cli "--bundle: lib/../../x climbs above it: refused" -s 1 \
  -E "lib/../../x: must be a relative path that stays below the current directory" -- \
  sh -c "cd '$Z/dotapp' && '$OLDPWD/$M' --bundle -o '$Z/dotapp2.bin' lib/../../x"
# the one wording of damage (archive_strerror), --bundle's included
cli "--bundle from a runtime with a damaged entry names the failed check" -s 1 \
  -E "--bundle: a/b.txt: corrupt zip archive (CRC-32 mismatch) (check at zip.c:$crc_line)" -- \
  sh -c "cd '$Z/dotapp' && '$Z/bad-crc' --bundle -o '$Z/dotapp3.bin' main.lua"
# }====
