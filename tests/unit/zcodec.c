/*
** zcodec.c: unit tests of src/engine/zcodec.c: the manual's Deflate
** example, round trips in both formats, damaged and truncated streams, a
** decompression bomb stopped at the limit, Compress's header, and a
** failing allocator (no leak, ZC_MEMORY). See LICENSE.
*/
#include <string.h>

#include "zcodec.h"
#include "unit.h"

static const mem_hook hook = {unit_alloc, NULL};

static void release(zc_out *o) {
  if (o->p) unit_alloc(NULL, o->p, o->cap, 0);
  memset(o, 0, sizeof *o);
}

static zc_result inflate_to(zc_format f, const void *in, size_t n,
                            size_t limit, zc_out *o) {
  memset(o, 0, sizeof *o);
  return zc_inflate(&hook, f, in, n, limit, o);
}

static void test_example(void) {
  unsigned char out[64];
  size_t len = 0;
  zc_out o;
  CHECK(zc_deflate(&hook, ZC_RAW, 7, "hello", 5, out, sizeof out, &len) ==
            ZC_OK && len == 7 &&
            memcmp(out, "\xcbH\xcd\xc9\xc9\x07\x00", 7) == 0,
        "Deflate(\"hello\") as the manual shows (%zu bytes)", len);
  CHECK(inflate_to(ZC_RAW, "\xcbH\xcd\xc9\xc9\x07\x00", 7, 5, &o) == ZC_OK &&
            o.len == 5 && memcmp(o.p, "hello", 5) == 0, "Inflate of it");
  release(&o);
  CHECK(inflate_to(ZC_RAW, "\xcbH\xcd\xc9\xc9\x07\x00", 7, 4, &o) ==
            ZC_TOOBIG && o.len == 4, "a limit of 4 (len %zu)", o.len);
  release(&o);
  CHECK(inflate_to(ZC_RAW, "\xcbH\xcd\xc9\xc9\x07\x00", 7, 1000, &o) == ZC_OK &&
            o.len == 5, "a larger limit");
  release(&o);
  CHECK(inflate_to(ZC_RAW, "\x03\x00", 2, 0, &o) == ZC_OK && o.len == 0,
        "the empty stream under a limit of 0");
  release(&o);
  CHECK(zc_deflate(&hook, ZC_RAW, 10, "x", 1, out, sizeof out, &len) ==
            ZC_LEVEL && zc_deflate(&hook, ZC_RAW, -2, "x", 1, out, sizeof out,
                                   &len) == ZC_LEVEL, "levels 10 and -2");
}

static void test_round_trip(void) {
  static unsigned char data[200000], packed[210000];
  size_t len, i, cut;
  int level, f;
  zc_out o;
  uint32_t x = 1;
  for (i = 0; i < sizeof data; i++) { /* half text-like, half noise */
    x = x * 1103515245 + 12345;
    data[i] = i < 100000 ? (unsigned char)"abcdefgh"[x >> 29]
                         : (unsigned char)(x >> 24);
  }
  for (f = ZC_RAW; f <= ZC_ZLIB; f++) {
    for (level = -1; level <= 9; level += 5) {
      CHECK(zc_deflate(&hook, (zc_format)f, level, data, sizeof data, packed,
                       sizeof packed, &len) == ZC_OK &&
                len <= zc_bound(sizeof data),
            "deflate level %d", level);
      CHECK(inflate_to((zc_format)f, packed, len, sizeof data, &o) == ZC_OK &&
                o.len == sizeof data && memcmp(o.p, data, o.len) == 0,
            "round trip, format %d level %d", f, level);
      release(&o);
      CHECK(inflate_to((zc_format)f, packed, len, sizeof data - 1, &o) ==
                ZC_TOOBIG && o.len == sizeof data - 1, "one byte short");
      release(&o);
    }
    /* every cut short of the whole stream is truncated or corrupt */
    for (cut = 0; cut < len; cut += len / 37 + 1) {
      zc_result r = inflate_to((zc_format)f, packed, cut, sizeof data, &o);
      CHECK(r == ZC_TRUNCATED || (r == ZC_CORRUPT && cut == 0 && f == ZC_ZLIB),
            "cut at %zu of %zu: %s", cut, len, zc_strerror(r));
      release(&o);
    }
  }
  CHECK(unit_live_bytes == 0, "all memory back (%ld bytes live)",
        unit_live_bytes);
}

static void test_damage(void) {
  zc_out o;
  /* block type 3 is reserved */
  CHECK(inflate_to(ZC_RAW, "\x07\x00", 2, 100, &o) == ZC_CORRUPT, "type 3");
  release(&o);
  /* a stored block whose length and its complement disagree */
  CHECK(inflate_to(ZC_RAW, "\x01\x05\x00\x00\x00hello", 10, 100, &o) ==
            ZC_CORRUPT, "stored lengths");
  release(&o);
  CHECK(inflate_to(ZC_ZLIB, "\x78\x9c\x03\x00\x00\x00\x00\x02", 8, 100, &o) ==
            ZC_CORRUPT, "a wrong Adler-32");
  release(&o);
  CHECK(inflate_to(ZC_ZLIB, "\x78\x9c\x03\x00\x00\x00\x00\x01", 8, 100, &o) ==
            ZC_OK && o.len == 0, "the empty zlib stream");
  release(&o);
  CHECK(inflate_to(ZC_RAW, "", 0, 100, &o) == ZC_TRUNCATED, "nothing");
  release(&o);
}

/* A million zeros pack into about a kilobyte; a 4096-byte limit stops
** them without holding more than the limit. */
static void test_bomb(void) {
  static unsigned char zeros[1000000], packed[1100000];
  size_t len;
  zc_out o;
  CHECK(zc_deflate(&hook, ZC_RAW, 9, zeros, sizeof zeros, packed,
                   sizeof packed, &len) == ZC_OK && len < 2000, "packed %zu",
        len);
  CHECK(inflate_to(ZC_RAW, packed, len, 4096, &o) == ZC_TOOBIG &&
            o.len == 4096 && o.cap == 4096, "stopped at 4096 (cap %zu)", o.cap);
  release(&o);
  CHECK(inflate_to(ZC_RAW, packed, len, (size_t)-1, &o) == ZC_OK &&
            o.len == sizeof zeros && o.cap <= 4 * sizeof zeros,
        "no limit: cap %zu", o.cap);
  release(&o);
}

static void test_header(void) {
  static const uint64_t lens[] = {0, 1, 127, 128, 300, 0xffffffffu,
                                  0xffffffffffffffffu};
  unsigned char h[ZC_HEADER_MAX];
  uint64_t len;
  uint32_t crc;
  size_t i, n, size;
  for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
    n = zc_header_write(h, lens[i], 0xdeadbeef);
    CHECK(zc_header_read(h, n, &len, &crc, &size) == ZC_OK && len == lens[i] &&
              crc == 0xdeadbeef && size == n, "header of %llu",
          (unsigned long long)lens[i]);
    CHECK(zc_header_read(h, n - 1, &len, &crc, &size) == ZC_HEADER, "cut");
  }
  n = zc_header_write(h, 300, 0);
  CHECK(n == 6 && h[0] == 0xac && h[1] == 0x02, "300 is ac 02");
  CHECK(zc_header_write(h, 0xffffffffffffffffu, 0) == 14, "10 + 4 bytes");
  memset(h, 0xff, sizeof h);
  CHECK(zc_header_read(h, sizeof h, &len, &crc, &size) == ZC_HEADER,
        "an endless LEB128");
  h[9] = 0x02;
  CHECK(zc_header_read(h, sizeof h, &len, &crc, &size) == ZC_HEADER,
        "a LEB128 past 2^64");
}

static void test_failalloc(void) {
  static unsigned char data[100000], packed[110000];
  size_t len;
  long at;
  int ok = 0;
  zc_out o;
  memset(data, 'x', sizeof data);
  zc_deflate(&hook, ZC_ZLIB, 6, data, sizeof data, packed, sizeof packed,
             &len);
  for (at = 1; at < 50 && !ok; at++) {
    zc_result r1, r2;
    size_t l2;
    unit_nallocs = 0;
    unit_fail_at = at;
    r1 = zc_deflate(&hook, ZC_ZLIB, 6, data, sizeof data, packed,
                    sizeof packed, &l2);
    unit_nallocs = 0;
    r2 = inflate_to(ZC_ZLIB, packed, len, sizeof data, &o);
    release(&o);
    CHECK((r1 == ZC_OK || r1 == ZC_MEMORY) && (r2 == ZC_OK || r2 == ZC_MEMORY),
          "failing at %ld: %s, %s", at, zc_strerror(r1), zc_strerror(r2));
    CHECK(unit_live_bytes == 0, "failing at %ld: %ld bytes leaked", at,
          unit_live_bytes);
    ok = r1 == ZC_OK && r2 == ZC_OK;
  }
  unit_fail_at = 0;
  CHECK(ok, "a run completes once enough allocations succeed");
}

int main(void) {
  test_example();
  test_round_trip();
  test_damage();
  test_bomb();
  test_header();
  test_failalloc();
  return UNIT_END();
}
