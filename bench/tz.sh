#!/bin/sh
# bench/tz.sh [MOONBOX]: os.date("*t") and os.date("%c") per call, moonbox
# against Debian's lua5.4 (glibc), TZ unset and TZ=America/New_York:
# 200,000 calls a run, hyperfine rounds alternating which side runs first,
# medians over all rounds. See LICENSE.
set -eu
mb=${1:-build/moonbox}
ref=${LUA_REF:-lua5.4}
n=200000
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for fmt in '*t' '%c'; do
  for tz in unset America/New_York; do
    prog="local d, t = os.date, 1700000000 for i = 1, $n do d('$fmt', t + i * 977) end"
    setenv=""
    [ "$tz" = unset ] || setenv="TZ=$tz"
    for round in 0 1 2 3; do
      if [ $((round % 2)) = 0 ]; then a=$mb b=$ref; else a=$ref b=$mb; fi
      env ${setenv:+"$setenv"} hyperfine -N --warmup 1 --runs 5 \
        --export-json "$out/$round.json" \
        "$a -e \"$prog\"" "$b -e \"$prog\"" >/dev/null 2>&1
    done
    python3 - "$out" "$mb" "$ref" "$fmt" "$tz" "$n" <<'PY'
import glob, json, statistics, sys
d, mb, ref, fmt, tz, n = sys.argv[1:7]
times = {}
for f in glob.glob(d + "/*.json"):
    for x in json.load(open(f))["results"]:
        times.setdefault(x["command"].split()[0], []).extend(x["times"])
m = statistics.median(times[mb]) / int(n) * 1e9
r = statistics.median(times[ref]) / int(n) * 1e9
print(f"os.date('{fmt}') TZ={tz:<17} {mb} {m:6.0f} ns/call   {ref} {r:6.0f} ns/call   ratio {m / r:.2f}x (goal <= 1.00)")
PY
    rm -f "$out"/*.json
  done
done
