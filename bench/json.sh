#!/usr/bin/env bash
# bench/json.sh: cosmo.DecodeJson and EncodeJson on a ~4.5 MB document
# (23,000 records: strings with non-ASCII text, integers, random 17-digit
# floats, nested objects, arrays, null), then the same without floats, in
# MB/s of document, against python3's json module (C accelerated) on the
# same files. Best of 15 runs each, moonbox and python3 alternating.
# See LICENSE.
set -eu
cd "$(dirname "$0")/.."
M=${MOONBOX:-build/moonbox}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
python3 - "$T" <<'PY'
import json, random, sys
random.seed(1)
def rec(i):
    return {"id": i, "name": "user%d é" % i, "email": "u%d@example.com" % i,
            "score": random.random() * 1000, "tags": ["a", "bb", "ccc"][:i % 4],
            "active": i % 2 == 0,
            "nested": {"x": random.randint(-10**12, 10**12), "y": None,
                       "z": [1.5, 2.5e-3]}}
doc = [rec(i) for i in range(23000)]
open(sys.argv[1] + "/floats.json", "w").write(json.dumps(doc, ensure_ascii=False))
for r in doc:
    r["score"] = int(r["score"]); r["nested"]["z"] = [1, 2]
open(sys.argv[1] + "/ints.json", "w").write(json.dumps(doc, ensure_ascii=False))
PY
cat > "$T/b.lua" <<'LUA'
local c = require "cosmo"
local s = io.open(arg[1], "rb"):read("a")
local bd, be, v = math.huge, math.huge
for _ = 1, 15 do
  local t0 = os.clock(); v = assert(c.DecodeJson(s)); bd = math.min(bd, os.clock() - t0)
  t0 = os.clock(); assert(c.EncodeJson(v, {maxdepth = 10})); be = math.min(be, os.clock() - t0)
end
print(string.format("  moonbox  %.2f MB: DecodeJson %4.0f MB/s  EncodeJson %4.0f MB/s",
  #s / 1e6, #s / 1e6 / bd, #s / 1e6 / be))
LUA
cat > "$T/b.py" <<'PY'
import json, sys, time
s = open(sys.argv[1], encoding="utf-8").read(); n = len(s.encode())
bd = be = 1e9
for _ in range(15):
    t0 = time.process_time(); v = json.loads(s); bd = min(bd, time.process_time() - t0)
    t0 = time.process_time(); json.dumps(v); be = min(be, time.process_time() - t0)
print("  python3  %.2f MB: json.loads  %4.0f MB/s  json.dumps  %4.0f MB/s" % (n / 1e6, n / 1e6 / bd, n / 1e6 / be))
PY
for f in floats ints; do
  echo "$f.json"
  "$M" "$T/b.lua" "$T/$f.json"; python3 "$T/b.py" "$T/$f.json"
  "$M" "$T/b.lua" "$T/$f.json"; python3 "$T/b.py" "$T/$f.json"
done
