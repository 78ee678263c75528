#!/bin/sh
# bench/startup.sh [MOONBOX]: start-up time, peak RSS and page faults of
# `-e ''`, moonbox against Debian's lua5.4: 10 rounds of 100 runs each, the
# order swapped every round so neither side always runs first; medians over
# all rounds.  Each round also times moonbox's `-e 'os.exit(0)'` (an exit
# that skips lua_close): the normal exit's cost over it is what closing the
# state adds. See LICENSE.
set -eu
mb=${1:-build/moonbox}
ref=${LUA_REF:-lua5.4}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for round in 0 1 2 3 4 5 6 7 8 9; do
  if [ $((round % 2)) = 0 ]; then a="$mb -e ''" b="$ref -e ''"
  else a="$ref -e ''" b="$mb -e ''"; fi
  hyperfine -N --warmup 20 --runs 100 --export-json "$out/$round.json" \
    "$a" "$b" "$mb -e os.exit(0)" >/dev/null 2>&1
done
measure() { # FORMAT (a /usr/bin/time field) CMD...: median of 21 runs
  f=$1
  shift
  for _ in $(seq 21); do /usr/bin/time -f "$f" "$@" 2>&1 >/dev/null; done |
    sort -n | sed -n 11p
}
m_rss=$(measure %M "$mb" -e '')   # peak RSS, KB
r_rss=$(measure %M "$ref" -e '')
m_pf=$(measure %R "$mb" -e '')    # minor page faults
r_pf=$(measure %R "$ref" -e '')
python3 - "$out" "$m_rss" "$r_rss" "$mb" "$ref" "$m_pf" "$r_pf" <<'PY'
import glob, json, statistics, sys
times = {}
for f in glob.glob(sys.argv[1] + "/*.json"):
    for x in json.load(open(f))["results"]:
        key = "exit" if "os.exit" in x["command"] else x["command"].split()[0]
        times.setdefault(key, []).extend(x["times"])
m = statistics.median(times[sys.argv[4]]) * 1000
r = statistics.median(times[sys.argv[5]]) * 1000
e = statistics.median(times["exit"]) * 1000
mr, rr = int(sys.argv[2]), int(sys.argv[3])
print(f"start-up (-e ''), median of 1000 runs each, alternating rounds:")
print(f"  {sys.argv[4]:<20} {m:7.3f} ms   peak RSS {mr} KB   {sys.argv[6]} page faults")
print(f"  {sys.argv[5]:<20} {r:7.3f} ms   peak RSS {rr} KB   {sys.argv[7]} page faults")
print(f"  time ratio {m / r:.2f}x (goal <= 0.50)   RSS ratio {mr / rr:.2f}x (goal <= 1.00)")
print(f"  {sys.argv[4]} -e 'os.exit(0)' {e:7.3f} ms: a normal exit takes {m / e:.2f}x of it")
PY
