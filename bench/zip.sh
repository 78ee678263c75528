#!/usr/bin/env bash
# bench/zip.sh: the archive's costs. (1) `-e ''` with a 1,000-entry archive
# and no .args against the same ELF with no archive (goal: at most 1.1x);
# (2) require of 100 small modules from /zip/ against the same files on
# disk (goal: no slower). hyperfine, alternating runs, medians. See LICENSE.
set -eu
cd "$(dirname "$0")/.."
ELF=${ELF:-build/moonbox.elf}
RUNS=${RUNS:-300}
command -v hyperfine >/dev/null || { echo "bench/zip.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
mkdir -p "$T/src/.lua"
for i in $(seq -w 0 999); do printf 'return %d\n' "$((10#$i))" > "$T/src/.lua/m$i.lua"; done
(cd "$T/src" && MOONBOX_NOZIP=1 "$OLDPWD/$ELF" --bundle -o "$T/m1000" .lua)
cp "$ELF" "$T/m0"
printf 'for i = 0, 99 do require(string.format("m%%03d", i)) end\n' > "$T/req.lua"

# bench NAME CMD_A CMD_B: ROUNDS hyperfine rounds, A and B swapping places
# each round (hyperfine runs its commands one after the other, so a change
# in machine load would otherwise fall on one side); medians of all runs.
ROUNDS=${ROUNDS:-6}
bench() {
  local name=$1 a=$2 b=$3 r
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then set -- "$a" "$b"; else set -- "$b" "$a"; fi
    hyperfine -N -w 10 -r $((RUNS / ROUNDS)) --export-json "$T/$name.$r.json" \
      "$1" "$2" >/dev/null 2>&1
  done
  python3 - "$a" "$b" "$T/$name".*.json <<'PY'
import json, statistics, sys
a, b, files = sys.argv[1], sys.argv[2], sys.argv[3:]
t = {a: [], b: []}
for f in files:
    for r in json.load(open(f))["results"]:
        t[r["command"]] += r["times"]
ma, mb = statistics.median(t[a]), statistics.median(t[b])
print("  A %.3f ms (median of %d)  %s" % (1000 * ma, len(t[a]), a))
print("  B %.3f ms (median of %d)  %s" % (1000 * mb, len(t[b]), b))
print("  B/A = %.3f" % (mb / ma))
PY
}

echo "== -e '': A = no archive, B = 1,000-entry archive without .args (goal B/A <= 1.1)"
bench startup "$T/m0 -e ''" "$T/m1000 -e ''"
echo "== require of 100 modules: A = from disk, B = from /zip/ (goal B/A <= 1)"
bench require "env LUA_PATH=$T/src/.lua/?.lua $T/m0 $T/req.lua" \
  "env LUA_PATH=/zip/.lua/?.lua $T/m1000 $T/req.lua"
