#!/bin/sh
# bench/strtod.sh [MOONBOX]: tonumber in a loop on numerals of several
# shapes (each reaching a different path of src/engine/strtod.c), and
# tostring of floats, moonbox against Debian's lua5.4 (glibc's strtod):
# PAIRS pairs of single hyperfine runs (default 15), the order swapped
# every pair; median time of each side and the ratio moonbox/lua5.4.
# ONLY=NAME runs one case (a name below, or tostring). See LICENSE.
set -eu
mb=${1:-build/moonbox}
ref=${LUA_REF:-lua5.4}
pairs=${PAIRS:-15}
only=${ONLY:-}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/tonumber.lua" <<'LUA'
local s, n = arg[1], tonumber(arg[2])
local t, x = tonumber, nil
for _ = 1, n do x = t(s) end
assert(x, s)
LUA
cat > "$out/tostring.lua" <<'LUA'
local x, t, s = 0.1, tostring, nil
for i = 1, 3000000 do s = t(x * i) end
LUA
# name|numeral|iterations: Clinger's fast path, Eisel-Lemire (exponents
# past 22, 19-digit and truncated mantissas), hex, and the exact path
# (a subnormal; 2^53 + 1 and a tail of 25 decimals; 30 digits near a
# midpoint between subnormals; 100 digits just under a midpoint near 10^75)
cases='short|12345.6789|5000000
17digits|0.30000000000000004|5000000
exp|6.02214076e23|5000000
tiny|1.5e-300|5000000
truncated|123456789012345678901234567890|3000000
hex|0x1.921fb54442d18p+1|5000000
subnormal|4.9406564584124654e-324|1000000
midpoint|9007199254740993.0000000000000000000000001|1000000
midsub|1.30938512624961762254034702908e-318|1000000
mid100|1.229506576098384931397587455855308757364671215722850357891521464075374559231999999999999999999999999e75|300000'
run() { # run NAME CMD...: one timed run into $out/NAME.times
  name=$1; shift
  hyperfine -N --runs 1 --export-json "$out/one.json" "$*" >/dev/null
  jq '.results[0].times[0]' "$out/one.json" >> "$out/$name.times"
}
bench() { # bench LABEL ARGS...: PAIRS alternating pairs
  label=$1; shift
  i=0
  while [ $i -lt "$pairs" ]; do
    if [ $((i % 2)) = 0 ]; then run mb "$mb" "$@"; run ref "$ref" "$@"
    else run ref "$ref" "$@"; run mb "$mb" "$@"; fi
    i=$((i + 1))
  done
  python3 - "$label" "$out/mb.times" "$out/ref.times" <<'PY'
import statistics, sys
m = statistics.median(float(x) for x in open(sys.argv[2]))
r = statistics.median(float(x) for x in open(sys.argv[3]))
print(f"  {sys.argv[1]:<14} moonbox {m:7.3f} s  lua5.4 {r:7.3f} s  ratio {m / r:.2f}x")
PY
  rm -f "$out/mb.times" "$out/ref.times"
}
echo "tonumber (median of $pairs alternating pairs; ratio < 1: moonbox faster)"
echo "$cases" | while IFS='|' read -r name num iters; do
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  bench "$name" "$out/tonumber.lua" "$num" "$iters"
done
if [ -z "$only" ] || [ "$only" = tostring ]; then
  echo "tostring of floats"
  bench tostring "$out/tostring.lua"
fi
