#!/usr/bin/env python3
# make.py: derive the damaged archives here from the good ones in
# tests/data/zip (each damage named by its file). See LICENSE.
import os, struct

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "..", "data", "zip")

def load(name):
    with open(os.path.join(data, name), "rb") as f:
        return bytearray(f.read())

def eocd(b):
    return b.rindex(b"PK\x05\x06")

def centrals(b):
    """Offsets of the central headers, in directory order."""
    e = eocd(b)
    size, off = struct.unpack_from("<II", b, e + 12)
    if off == 0xffffffff:  # zip64: the real values are in its end record
        z = struct.unpack_from("<Q", b, e - 20 + 8)[0]
        size, off = struct.unpack_from("<QQ", b, z + 40)
    out, p = [], off
    while p < off + size:
        out.append(p)
        n, x, c = struct.unpack_from("<HHH", b, p + 28)
        p += 46 + n + x + c
    return out

def central_named(b, name):
    for p in centrals(b):
        n = struct.unpack_from("<H", b, p + 28)[0]
        if b[p + 46:p + 46 + n] == name:
            return p
    raise KeyError(name)

def save(name, b):
    with open(os.path.join(here, name), "wb") as f:
        f.write(bytes(b))

# The end record's directory size shrinks by 10: the last header is cut.
b = load("deflated.zip"); e = eocd(b)
struct.pack_into("<I", b, e + 12, struct.unpack_from("<I", b, e + 12)[0] - 10)
save("truncated-cd.zip", b)

# The directory offset points one byte past where it can be.
b = load("deflated.zip"); e = eocd(b)
struct.pack_into("<I", b, e + 16, struct.unpack_from("<I", b, e + 16)[0] + 1)
save("lying-eocd.zip", b)

# One byte of stored data flipped.
b = load("stored.zip"); p = central_named(b, b"a/b.txt")
lho = struct.unpack_from("<I", b, p + 42)[0]
b[lho + 30 + 7 + 100] ^= 0x20
save("bad-crc.zip", b)

# a/b.txt claims 2 GiB from 508 compressed bytes.
b = load("deflated.zip"); p = central_named(b, b"a/b.txt")
struct.pack_into("<I", b, p + 24, 0x7fffffff)
save("bomb-ratio.zip", b)

# top.txt's local header offset points inside dir/stored.bin's data.
b = load("python.zip"); p = central_named(b, b"dir/stored.bin")
lho = struct.unpack_from("<I", b, p + 42)[0]
struct.pack_into("<I", b, central_named(b, b"top.txt") + 42, lho + 40)
save("overlap.zip", b)

# A zip64 extra field too short for the 64-bit sizes it must carry.
b = load("zip64.zip"); p = central_named(b, b"a/b.txt")
struct.pack_into("<II", b, p + 20, 0xffffffff, 0xffffffff)  # needs 16 bytes
save("zip64-bad-extra.zip", b)

# a/b.txt encrypted (flag bit 0, central +8 and local +6) and declaring
# 4 GiB: its reason must come back, not a failed 4 GiB allocation.
b = load("deflated.zip"); p = central_named(b, b"a/b.txt")
lho = struct.unpack_from("<I", b, p + 42)[0]
b[p + 8] |= 1; b[lho + 6] |= 1
struct.pack_into("<I", b, p + 24, 0xfffffffe)
save("encrypted-huge.zip", b)

# a/b.txt with method 99 (AES, central +10 and local +8) declaring 4 GiB.
b = load("deflated.zip"); p = central_named(b, b"a/b.txt")
lho = struct.unpack_from("<I", b, p + 42)[0]
struct.pack_into("<H", b, p + 10, 99); struct.pack_into("<H", b, lho + 8, 99)
struct.pack_into("<I", b, p + 24, 0xfffffffe)
save("method-huge.zip", b)

# Names no normalised path reaches: a/b.txt -> ./b.txt, a/c/d.lua ->
# a//dd.lua (central and local alike); hello.txt stays readable.
b = load("deflated.zip")
for old, new in ((b"a/b.txt", b"./b.txt"), (b"a/c/d.lua", b"a//dd.lua")):
    b = bytearray(bytes(b).replace(old, new))
save("unreachable-names.zip", b)
