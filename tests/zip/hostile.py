#!/usr/bin/env python3
# hostile.py OUTDIR: damaged or hostile archives made at test time (too big,
# or too many, to commit): 70,000 entries, names with NUL and "..", offsets
# past the end, no end record at all, a real 1000:1 bomb. See LICENSE.
import io, os, struct, sys, zipfile

out = sys.argv[1]
def save(name, b):
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes(b))

def make(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries:
            z.writestr(name, data)
    return bytearray(buf.getvalue())

# 70,000 entries: zipfile writes zip64 end records past 65,535.
save("many.zip", make([("hello.txt", b"hello, world\n")] +
                      [("f/%05d" % i, b"") for i in range(70000)],
                      zipfile.ZIP_STORED))

# Names patched after writing: "a\0b.txt" and "../evil.txt" (same lengths
# as the placeholders), next to a good hello.txt.
b = make([("hello.txt", b"hello, world\n"), ("aXb.txt", b"nul"),
          ("XXXevil.txt", b"evil")])
b = b.replace(b"aXb.txt", b"a\0b.txt").replace(b"XXXevil.txt", b"../evil.txt")
save("names.zip", b)

# The central directory offset points past the end of the file.
b = make([("hello.txt", b"hello, world\n")])
e = b.rindex(b"PK\x05\x06")
struct.pack_into("<I", b, e + 16, 0x7ffffff0)
save("offset-past-end.zip", b)

# No end record: the last 22 bytes cut off.
save("no-eocd.zip", make([("hello.txt", b"hello, world\n")])[:-22])

# A genuine bomb-like ratio: 8 MiB of zeros deflate to ~8 KiB (ratio 1000:1
# is inside deflate's limit, so this one must read fine and not hang).
save("zeros.zip", make([("hello.txt", b"hello, world\n"),
                        ("zeros", bytes(8 << 20))]))
