#!/bin/sh
# make.sh: regenerate the zip test archives with real tools (Info-ZIP zip,
# Python's zipfile). Run from anywhere; writes next to itself. See LICENSE.
set -eu
out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC
cd "$tmp"

# The tree: a file at the root, nested files, an empty directory.
mkdir -p src/a/c src/empty
printf 'hello, world\n' > src/hello.txt
printf 'return {answer = 42}\n' > src/a/c/d.lua
i=0; while [ $i -lt 200 ]; do echo "line $i of a compressible file"; i=$((i+1)); done \
  > src/a/b.txt
find src -exec touch -h -d '2024-02-29 13:37:42' {} +
cd src

zip -q -X -0 -r "$out/stored.zip" hello.txt a empty
zip -q -X -9 -r "$out/deflated.zip" hello.txt a empty
zip -q -X -fz -r "$out/zip64.zip" hello.txt a
# Without -X, zip adds the UT (0x5455) and Unix extra fields.
zip -q -9 "$out/extras.zip" hello.txt
# Output to a pipe makes zip write data descriptors (flag bit 3).
cat a/b.txt | zip -q -X - - | cat > "$out/streamed.zip"
# A 3000-byte archive comment (zip -z reads it from stdin).
head -c 3000 a/b.txt | zip -q -X -9 -z "$out/comment.zip" hello.txt

# An "executable" followed by the archive, offsets adjusted (zip -A).
head -c 1000 /dev/zero | tr '\0' 'E' > "$tmp/elf"
cat "$tmp/elf" "$out/deflated.zip" > "$out/prefixed-A.zip"
zip -q -A "$out/prefixed-A.zip"

cd "$tmp"
python3 - "$out" <<'PY'
import sys, zipfile
out = sys.argv[1]
t = (2001, 9, 9, 1, 46, 40)
with zipfile.ZipFile(out + "/python.zip", "w") as z:
    for name, data, method in [
        ("dir/", b"", zipfile.ZIP_STORED),
        ("dir/deflated.txt", b"abc" * 1000, zipfile.ZIP_DEFLATED),
        ("dir/stored.bin", bytes(range(256)), zipfile.ZIP_STORED),
        ("top.txt", b"top\n", zipfile.ZIP_DEFLATED)]:
        info = zipfile.ZipInfo(name, t)
        info.compress_type = method
        info.external_attr = (0o40755 if name.endswith("/") else 0o100600) << 16
        info.create_system = 3
        z.writestr(info, data)
# Writing to a non-seekable stream makes zipfile use data descriptors.
class Pipe:
    def __init__(self): self.b = bytearray()
    def write(self, d): self.b += d; return len(d)
    def flush(self): pass
p = Pipe()
with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo("piped.txt", t)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w") as f:
        f.write(b"piped " * 100)
open(out + "/python-stream.zip", "wb").write(bytes(p.b))
PY
