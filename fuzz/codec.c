/*
** fuzz/codec.c: libFuzzer target for the decoders of outside bytes in
** cosmo's codec group. The first byte picks one: base64, base32 (default
** or a derived alphabet), hex, ISO-8859-1/UTF-8, raw DEFLATE, zlib, or
** Compress's format; each must stay in bounds, and what decodes must
** survive encode-then-decode unchanged. See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "zcodec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const mem_hook hook = {mem_libc, NULL};

/* a copy in a block of exactly n bytes, so ASan sees any overread */
static unsigned char *dup_exact(const void *p, size_t n) {
  unsigned char *q = malloc(n ? n : 1);
  if (n) memcpy(q, p, n);
  return q;
}

static void must(int ok) {
  if (!ok) abort();
}

static void fuzz_base64(const unsigned char *p, size_t n) {
  unsigned char *d = malloc(codec_base64_decode_max(n));
  size_t dn = codec_base64_decode(d, (const char *)p, n);
  char *e = malloc(codec_base64_encode_max(dn) + 1);
  size_t en = codec_base64_encode(e, d, dn);
  unsigned char *back = malloc(codec_base64_decode_max(en));
  must(dn <= codec_base64_decode_max(n));
  must(codec_base64_decode(back, e, en) == dn && memcmp(back, d, dn) == 0);
  free(d), free(e), free(back);
}

/* the alphabet: 2^k distinct bytes taken from the input's first byte on */
static void fuzz_base32(const unsigned char *p, size_t n) {
  char alpha[128];
  size_t alen = 0, dn, en;
  const char *a = NULL;
  unsigned char *d, *back;
  char *e;
  if (n && p[0] & 1) {
    size_t want = (size_t)2 << (p[0] >> 1) % 7, i;
    for (i = 0; alen < want && i < 256; i++)
      alpha[alen++] = (char)(p[0] + 37 * i);
    a = alpha;
    must(codec_base32_check(a, alen) == CODEC_OK);
  }
  d = malloc(codec_base32_decode_max(n) + 1);
  dn = codec_base32_decode(d, (const char *)p, n, a, alen);
  must(dn <= codec_base32_decode_max(n));
  e = malloc(codec_base32_encode_max(dn, a ? alen : 32) + 1);
  en = codec_base32_encode(e, d, dn, a ? a : codec_crockford, a ? alen : 32);
  back = malloc(codec_base32_decode_max(en) + 1);
  must(codec_base32_decode(back, e, en, a, alen) == dn &&
       memcmp(back, d, dn) == 0);
  free(d), free(e), free(back);
}

static void fuzz_hex(const unsigned char *p, size_t n) {
  unsigned char *d = malloc(n / 2 + 1);
  char *e = malloc(n + 1);
  size_t at, i;
  if (codec_hex_decode(d, (const char *)p, n, &at) == CODEC_OK) {
    codec_hex_encode(e, d, n / 2);
    for (i = 0; i < n; i++)
      must(e[i] == (p[i] >= 'A' && p[i] <= 'F' ? p[i] + 32 : p[i]));
  } else {
    must(at <= n);
  }
  free(d), free(e);
}

static void fuzz_latin1(const unsigned char *p, size_t n) {
  unsigned char *l = malloc(n + 1);
  char *u = malloc(2 * n + 1);
  int flags = n ? p[0] & 7 : 0;
  size_t len, un;
  if (codec_latin1_encode(l, (const char *)p, n, flags, &len) == CODEC_OK) {
    must(len <= n);
    un = codec_latin1_decode(u, l, len);
    must(un == n && memcmp(u, p, n) == 0); /* only canonical UTF-8 passes */
  } else {
    must(len < n);
  }
  un = codec_latin1_decode(u, p, n);
  must(codec_latin1_encode(l, u, un, 0, &len) == CODEC_OK && len == n &&
       memcmp(l, p, n) == 0);
  free(l), free(u);
}

/* inflate under a limit from the first byte; what comes out must deflate
** and inflate back to itself */
static void fuzz_inflate(zc_format fmt, const unsigned char *p, size_t n) {
  size_t limit = n ? (size_t)(p[0] & 63) << 8 : 0, len;
  zc_out out = {0}, again = {0};
  zc_result r = zc_inflate(&hook, fmt, p, n, limit, &out);
  must(out.len <= limit && out.len <= out.cap);
  if (r == ZC_OK) {
    unsigned char *packed = malloc(zc_bound(out.len));
    must(zc_deflate(&hook, fmt, 1, out.p, out.len, packed,
                    zc_bound(out.len), &len) == ZC_OK);
    must(zc_inflate(&hook, fmt, packed, len, out.len, &again) == ZC_OK &&
         again.len == out.len &&
         (!out.len || !memcmp(again.p, out.p, out.len)));
    free(packed);
    free(again.p);
  }
  free(out.p);
}

static void fuzz_compress_format(const unsigned char *p, size_t n) {
  uint64_t want;
  uint32_t crc;
  size_t head;
  zc_out out = {0};
  if (zc_header_read(p, n, &want, &crc, &head) != ZC_OK) return;
  must(head <= n && head <= ZC_HEADER_MAX);
  if (want > (1 << 20)) want = 1 << 20;
  zc_inflate(&hook, ZC_ZLIB, p + head, n - head, (size_t)want, &out);
  must(out.len <= want);
  free(out.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned char *p;
  if (size == 0) return 0;
  p = dup_exact(data + 1, size - 1);
  switch (data[0] % 7) {
  case 0: fuzz_base64(p, size - 1); break;
  case 1: fuzz_base32(p, size - 1); break;
  case 2: fuzz_hex(p, size - 1); break;
  case 3: fuzz_latin1(p, size - 1); break;
  case 4: fuzz_inflate(ZC_RAW, p, size - 1); break;
  case 5: fuzz_inflate(ZC_ZLIB, p, size - 1); break;
  default: fuzz_compress_format(p, size - 1); break;
  }
  free(p);
  return 0;
}
