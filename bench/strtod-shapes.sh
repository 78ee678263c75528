#!/bin/sh
# bench/strtod-shapes.sh: the strtod engine against glibc's strtod, called
# from C, on files of numerals near midpoints between doubles (the shapes
# that reach the engine's exact path or its dyadic shortcut) and on common
# ones: writes the files (python3, fixed seed), builds
# bench/strtod_shapes.c with gcc against src/engine/strtod.c, prints ns
# per numeral and the ratio (below 1.00: the engine is faster). REPS sets
# the repetitions (default 1000). See LICENSE.
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 -Isrc -Isrc/engine -DMOONBOX_OWN_STRTOD=0 -o "$out/shapes" \
  bench/strtod_shapes.c src/engine/strtod.c
python3 - "$out" <<'PY'
import random, sys
from decimal import Decimal, getcontext
getcontext().prec = 2000
random.seed(20261202)
out = sys.argv[1]

def near_midpoint(m, e, ndig, delta):
    """The midpoint after m * 2^e, its first ndig significant digits,
    plus delta in the last one, as d.ddd...e<exp>."""
    mant, exp = format(Decimal(2 * m + 1) * Decimal(2) ** (e - 1), "e").split("e")
    digits = mant.replace(".", "").rstrip("0") or "0"
    digits = (digits + "0" * ndig)[:ndig]
    s = str(int(digits) + delta)
    return s[0] + "." + s[1:] + "e" + str(int(exp) + len(s) - len(digits))

shapes = [  # name, exponent range of m * 2^e, digits
    ("mid25", -30, 30, 25), ("mid40", -60, 60, 40),
    ("mid100", -200, 200, 100), ("big300", 900, 970, 60),
    ("small300", -1000, -950, 60), ("sub", -1074, -1074, 30),
    ("mid780", -1074, -1074, 780)]
for name, lo, hi, nd in shapes:
    lines = []
    for _ in range(50):
        if name == "sub": m = random.randrange(1, 2 ** 20)
        elif name == "mid780": m = random.randrange(1, 2 ** 52)
        else: m = random.randrange(2 ** 52, 2 ** 53)
        lines.append(near_midpoint(m, random.randint(lo, hi), nd,
                                   random.choice((-1, 0, 1))))
    open(f"{out}/{name}", "w").write("\n".join(lines) + "\n")
lines = []
for _ in range(50):  # 2^53 + odd and the like, then a tail of decimals
    m = random.randrange(2 ** 52, 2 ** 53)
    t = format(Decimal(2 * m + 1) * Decimal(2) ** random.randint(-3, 9), "f")
    lines.append(t + ("" if "." in t else ".") + "0" * random.randint(3, 30) + "1")
open(f"{out}/dyadic", "w").write("\n".join(lines) + "\n")
lines = [repr(random.uniform(-1e6, 1e6)) for _ in range(25)] + \
        [repr(random.random() * 10.0 ** random.randint(-300, 300)) for _ in range(25)]
open(f"{out}/common", "w").write("\n".join(lines) + "\n")
PY
for f in common dyadic mid25 mid40 mid100 big300 small300 sub mid780; do
  case $f in mid780) reps=$((${REPS:-1000} / 10 + 1)) ;; *) reps=${REPS:-1000} ;; esac
  "$out/shapes" "$out/$f" "$reps"
done
