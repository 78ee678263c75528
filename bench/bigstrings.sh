#!/bin/sh
# bench/bigstrings.sh [MOONBOX [ROUNDS]]: building and dropping big strings
# and buffers (the allocator's large blocks), moonbox against Debian's lua5.4.
# Workloads: concat (table.concat of 100k parts, 20 rounds), rep (a string
# doubled by string.rep and .. up to 4 MiB, 20 rounds), buffer (gsub,
# string.format and upper on a 1.2 MiB string, luaL_Buffer growth).  Each
# round runs both interpreters once per workload, the order swapped every
# round; reported: median wall time, the ratio moonbox/lua5.4 (goal <= 1.00),
# and the median peak RSS (/usr/bin/time %M) of each.  See LICENSE.
set -eu
mb=${1:-build/moonbox}
rounds=${2:-15}
ref=${LUA_REF:-lua5.4}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/big.lua" <<'EOF'
local which, acc = arg[1], 0
if which == "concat" then
  local t = {}
  for i = 1, 100000 do t[i] = "part" .. i end
  for _ = 1, 20 do acc = acc + #table.concat(t, ",") end
elseif which == "rep" then
  for _ = 1, 20 do
    local s = "x"
    while #s < 4 * 1024 * 1024 do s = s .. string.rep("y", #s) end
    acc = acc + #s
  end
elseif which == "buffer" then
  local base = string.rep("abc def ghi\n", 100000)
  for _ = 1, 5 do
    local g = base:gsub("def", "DEFG")
    local f = string.format("%s|%s", g, base)
    acc = acc + #g + #f + #(g:upper())
  end
else
  error("unknown workload " .. tostring(which))
end
print(acc)
EOF
for w in concat rep buffer; do
  [ "$("$mb" "$out/big.lua" $w)" = "$("$ref" "$out/big.lua" $w)" ] ||
    { echo "$0: $w: outputs differ" >&2; exit 1; }
done
i=0
while [ $i -lt "$rounds" ]; do
  for w in concat rep buffer; do
    a="$mb $out/big.lua $w" b="$ref $out/big.lua $w"
    if [ $((i % 2)) = 1 ]; then t=$a a=$b b=$t; fi
    hyperfine -N -r 1 --export-json "$out/$w.$i.json" "$a" "$b" >/dev/null 2>&1
    for c in "$a" "$b"; do
      /usr/bin/time -f "%M" -a -o "$out/rss.$w.$(echo "$c" | cut -d' ' -f1 | md5sum | cut -c1-8)" \
        $c >/dev/null
    done
  done
  i=$((i + 1))
done
python3 - "$out" "$mb" "$ref" <<'PY'
import glob, hashlib, json, statistics, sys
out, mb, ref = sys.argv[1:]
def rss(w, c):
    h = hashlib.md5((c + "\n").encode()).hexdigest()[:8]
    return statistics.median(int(x) for x in open(f"{out}/rss.{w}.{h}").read().split())
print(f"{'':8}{'moonbox s':>10}{'lua5.4 s':>10}{'ratio':>7}{'RSS KB':>9}{'lua5.4':>9}")
for w in ("concat", "rep", "buffer"):
    t = {mb: [], ref: []}
    for f in glob.glob(f"{out}/{w}.*.json"):
        for r in json.load(open(f))["results"]:
            t[r["command"].split()[0]].append(r["mean"])
    m, r = statistics.median(t[mb]), statistics.median(t[ref])
    print(f"{w:8}{m:10.3f}{r:10.3f}{m / r:7.2f}{rss(w, mb):9.0f}{rss(w, ref):9.0f}")
PY
