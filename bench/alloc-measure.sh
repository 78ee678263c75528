#!/bin/sh
# bench/alloc-measure.sh: time binary-trees on Lua 5.4 with moonbox's
# allocator, with musl's malloc, and on Debian's lua5.4.  See LICENSE.
#
# Usage: bench/alloc-measure.sh [rounds [depth]]   (from the repository root)
# Needs: musl-gcc, hyperfine, python3, /usr/bin/time, lua5.4, and Lua's
# sources unpacked by deps/fetch.  Builds in $TMPDIR/alloc-measure.
# Rounds alternate the three programs (one hyperfine run of each per
# round), so a noisy neighbour slows all three alike; we report medians.
set -eu

ROUNDS=${1:-10}
DEPTH=${2:-16}
ROOT=$(pwd)
LUASRC=$ROOT/build/deps/lua/src
W=${TMPDIR:-/tmp}/alloc-measure
CC="musl-gcc -static -O2"

[ -f "$LUASRC/lapi.c" ] || { echo "$0: run deps/fetch first" >&2; exit 1; }
mkdir -p "$W/obj"

# The Lua core and libraries, unmodified, as src/Makefile would build them.
for f in "$LUASRC"/*.c; do
  b=$(basename "$f" .c)
  case $b in lua|luac) continue ;; esac
  [ "$W/obj/$b.o" -nt "$f" ] ||
    $CC -std=gnu99 -DLUA_COMPAT_5_3 -DLUA_USE_POSIX -c "$f" -o "$W/obj/$b.o"
done

# A minimal host: lua_newstate with ma_alloc, or with mem_libc when
# MUSL_ALLOC is set; arg[1..] are the script's arguments.
cat > "$W/host.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include "lua.h"
#include "lualib.h"
#include "lauxlib.h"
#include "alloc.h"
#include "mem.h"

int main(int argc, char **argv) {
  ma_state *st = getenv("MUSL_ALLOC") ? NULL : ma_new(0);
  lua_State *L = st ? lua_newstate(ma_alloc, st)
                    : lua_newstate(mem_libc, NULL);
  int i, rc;
  luaL_openlibs(L);
  lua_createtable(L, argc, 0);
  for (i = 2; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - 1);
  }
  lua_setglobal(L, "arg");
  rc = luaL_dofile(L, argv[1]);
  if (rc)
    fprintf(stderr, "%s\n", lua_tostring(L, -1));
  lua_close(L);
  if (st) {
    ma_stats s;
    ma_get_stats(st, &s);
    if (getenv("MA_STATS"))
      fprintf(stderr, "peak %zu mapped %zu\n", s.peak, s.mapped);
    ma_free_state(st);
  }
  return rc;
}
EOF

cat > "$W/binary-trees.lua" <<'EOF'
-- binary-trees: build and check many short-lived trees beside a long one.
local function bottomup(d)
  if d == 0 then return {} end
  d = d - 1
  return { bottomup(d), bottomup(d) }
end

local function check(t)
  if t[1] then return 1 + check(t[1]) + check(t[2]) end
  return 1
end

local maxdepth = math.max(6, tonumber(arg[1]) or 16)
io.write("stretch tree of depth ", maxdepth + 1, "\t check: ",
         check(bottomup(maxdepth + 1)), "\n")
local long = bottomup(maxdepth)
for d = 4, maxdepth, 2 do
  local iters, c = 2 ^ (maxdepth - d + 4), 0
  for _ = 1, iters do c = c + check(bottomup(d)) end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n",
                         iters, d, c))
end
io.write("long lived tree of depth ", maxdepth, "\t check: ", check(long),
         "\n")
EOF

$CC -std=gnu11 -I"$LUASRC" -I"$ROOT/src/engine" "$W/host.c" \
  "$ROOT/src/engine/alloc.c" "$W"/obj/*.o -lm -o "$W/host"

BT="$W/binary-trees.lua $DEPTH"
A="$W/host $BT"
M="env MUSL_ALLOC=1 $W/host $BT"
D="lua5.4 $BT"
[ "$($W/host $BT | md5sum)" = "$(lua5.4 $BT | md5sum)" ] ||
  { echo "$0: outputs differ" >&2; exit 1; }

i=0
while [ $i -lt "$ROUNDS" ]; do
  i=$((i + 1))
  hyperfine -N -r 1 --style none --export-json "$W/round$i.json" \
    "$A" "$M" "$D" >/dev/null 2>&1
  for c in "$A" "$M" "$D"; do
    /usr/bin/time -f "%M" -a -o "$W/rss.$(echo "$c" | md5sum | cut -c1-8)" \
      $c >/dev/null
  done
done

python3 - "$W" "$ROUNDS" "$A" "$M" "$D" <<'EOF'
import json, statistics, sys, hashlib
w, rounds, cmds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
names = ["moonbox alloc", "musl malloc", "Debian lua5.4"]
res = {c: {"wall": [], "cpu": []} for c in cmds}
for i in range(1, rounds + 1):
    for r in json.load(open(f"{w}/round{i}.json"))["results"]:
        res[r["command"]]["wall"].append(r["mean"])
        res[r["command"]]["cpu"].append(r["user"] + r["system"])
def rss(c):
    h = hashlib.md5((c + "\n").encode()).hexdigest()[:8]
    return max(int(x) for x in open(f"{w}/rss.{h}").read().split())
base = statistics.median(res[cmds[2]]["cpu"])
print(f"binary-trees, {rounds} alternating rounds, medians")
print(f"{'':16}{'wall s':>8}{'user+sys s':>12}"
      f"{'vs lua5.4':>10}{'peak RSS KB':>13}")
for n, c in zip(names, cmds):
    wall = statistics.median(res[c]["wall"])
    cpu = statistics.median(res[c]["cpu"])
    print(f"{n:16}{wall:8.3f}{cpu:12.3f}{base / cpu:9.2f}x{rss(c):13d}")
EOF
