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

median() { # JSON FILE -> "name median_ms" lines
  python3 -c 'import json,sys,statistics
for r in json.load(open(sys.argv[1]))["results"]:
    print("%s\t%.3f ms" % (r["command"], 1000*statistics.median(r["times"])))' "$1"
}
ratio() { python3 -c 'import json,sys,statistics
r=json.load(open(sys.argv[1]))["results"]; m=[statistics.median(x["times"]) for x in r]
print("ratio %s / %s = %.3f" % (r[1]["command"], r[0]["command"], m[1]/m[0]))' "$1"; }

echo "== -e '' : no archive vs 1,000-entry archive (no .args)"
hyperfine -N -w 50 -r "$RUNS" --export-json "$T/a.json" \
  "$T/m0 -e ''" "$T/m1000 -e ''" >/dev/null
median "$T/a.json"; ratio "$T/a.json"

echo "== require of 100 modules: from disk vs from /zip/"
hyperfine -N -w 20 -r "$RUNS" --export-json "$T/b.json" \
  "env LUA_PATH=$T/src/.lua/?.lua $T/m0 $T/req.lua" \
  "env LUA_PATH=/zip/.lua/?.lua $T/m1000 $T/req.lua" >/dev/null
median "$T/b.json"; ratio "$T/b.json"
