/*
** zcodec.c: zlib's deflate and inflate behind one-call functions with a
** memory hook and an output limit. See LICENSE.
*/
#include <limits.h>
#include <string.h>

#include "zlib.h"

#include "zcodec.h"
#include "zip.h" /* zip_zalloc, zip_zfree: zlib over a mem_hook */

/* zlib counts in uInt: longer buffers go through in slices */
#define SLICE ((size_t)UINT_MAX)

const char *zc_strerror(zc_result r) {
  switch (r) {
  case ZC_OK: return "no error";
  case ZC_MEMORY: return "not enough memory";
  case ZC_LEVEL: return "compression level not in -1..9";
  case ZC_CORRUPT: return "compressed data is corrupt";
  case ZC_TRUNCATED: return "compressed data is truncated";
  case ZC_TOOBIG: return "uncompressed data exceeds the size limit";
  case ZC_HEADER: return "compressed value too short to be valid";
  case ZC_LENGTH: return "uncompressed size differs from the one announced";
  case ZC_CRC: return "uncompressed data fails its CRC-32 check";
  }
  return "unknown compression error";
}

size_t zc_bound(size_t n) {
  /* compressBound's formula plus the zlib header and trailer */
  size_t extra = (n >> 12) + (n >> 14) + (n >> 25) + 13 + 6;
  return n > (size_t)-1 - extra ? 0 : n + extra;
}

static void stream_init(z_stream *z, const mem_hook *hook) {
  memset(z, 0, sizeof *z);
  z->zalloc = zip_zalloc;
  z->zfree = zip_zfree;
  z->opaque = (voidpf)hook;
}

/* Moves the next slice of the remaining input and output into z. */
static void feed(z_stream *z, const unsigned char **in, size_t *n) {
  if (z->avail_in == 0 && *n > 0) {
    size_t take = *n < SLICE ? *n : SLICE;
    z->next_in = (Bytef *)*in;
    z->avail_in = (uInt)take;
    *in += take;
    *n -= take;
  }
}

zc_result zc_deflate(const mem_hook *hook, zc_format fmt, int level,
                     const void *in, size_t n, void *out, size_t cap,
                     size_t *len) {
  const unsigned char *ip = in;
  unsigned char *op = out;
  z_stream z;
  int rc;
  if (level < -1 || level > 9) return ZC_LEVEL;
  stream_init(&z, hook);
  rc = deflateInit2(&z, level, Z_DEFLATED, fmt == ZC_RAW ? -15 : 15, 8,
                    Z_DEFAULT_STRATEGY);
  if (rc != Z_OK) return rc == Z_MEM_ERROR ? ZC_MEMORY : ZC_LEVEL;
  do {
    feed(&z, &ip, &n);
    if (z.avail_out == 0) {
      size_t take = cap < SLICE ? cap : SLICE;
      z.next_out = op;
      z.avail_out = (uInt)take;
      op += take;
      cap -= take;
    }
    rc = deflate(&z, n == 0 ? Z_FINISH : Z_NO_FLUSH);
  } while (rc == Z_OK || (rc == Z_BUF_ERROR && (z.avail_out == 0 && cap)));
  *len = (size_t)(op - (unsigned char *)out) - z.avail_out;
  deflateEnd(&z);
  return rc == Z_STREAM_END ? ZC_OK : ZC_MEMORY;
}

/* Gives out room for more output within limit: first the larger of
** 64 KiB and hint, then twice as much each time. ZC_TOOBIG when out is
** already limit bytes long. */
static zc_result grow(const mem_hook *hook, zc_out *out, size_t limit,
                      size_t hint) {
  size_t want;
  unsigned char *p;
  if (out->cap >= limit) return ZC_TOOBIG;
  if (out->cap == 0) want = hint > 65536 ? hint : 65536;
  else want = out->cap > limit / 2 ? limit : out->cap * 2;
  if (want > limit) want = limit;
  p = hook->alloc(hook->ud, out->p, out->cap, want);
  if (!p) return ZC_MEMORY;
  out->p = p;
  out->cap = want;
  return ZC_OK;
}

/* What one inflate call's return code means: a result, or -1 to go on
** (left: input bytes not yet fed to z). */
static int inflate_status(int rc, const z_stream *z, size_t left) {
  if (rc == Z_STREAM_END) return ZC_OK;
  if (rc == Z_MEM_ERROR) return ZC_MEMORY;
  if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR)
    return ZC_CORRUPT;
  if (z->avail_in == 0 && left == 0 && z->avail_out != 0) return ZC_TRUNCATED;
  return -1;
}

/* The output is full at the limit: the data is too big only if it has
** one more byte to give, else its end (or its fault) decides. */
static zc_result probe(z_stream *z, const unsigned char **ip, size_t *n) {
  unsigned char extra;
  int status;
  do {
    feed(z, ip, n);
    z->next_out = &extra;
    z->avail_out = 1;
    status = inflate_status(inflate(z, Z_NO_FLUSH), z, *n);
    if (z->avail_out == 0) return ZC_TOOBIG;
  } while (status < 0);
  return (zc_result)status;
}

zc_result zc_inflate(const mem_hook *hook, zc_format fmt, const void *in,
                     size_t n, size_t limit, zc_out *out) {
  const unsigned char *ip = in;
  size_t hint = n < limit / 4 ? n * 4 : limit;
  z_stream z;
  int status = -1;
  stream_init(&z, hook);
  if (inflateInit2(&z, fmt == ZC_RAW ? -15 : 15) != Z_OK) return ZC_MEMORY;
  while (status < 0) {
    size_t room;
    feed(&z, &ip, &n);
    if (out->len == out->cap) {
      status = grow(hook, out, limit, hint);
      if (status == ZC_TOOBIG) status = probe(&z, &ip, &n);
      if (status != ZC_OK || out->len == out->cap) break;
    }
    room = out->cap - out->len < SLICE ? out->cap - out->len : SLICE;
    z.next_out = out->p + out->len;
    z.avail_out = (uInt)room;
    status = inflate_status(inflate(&z, Z_NO_FLUSH), &z, n);
    out->len += room - z.avail_out;
  }
  inflateEnd(&z);
  return (zc_result)status;
}

size_t zc_header_write(unsigned char *out, uint64_t len, uint32_t crc) {
  size_t k = 0;
  int i;
  do {
    out[k] = (unsigned char)(len & 127);
    len >>= 7;
    if (len) out[k] |= 128;
    k++;
  } while (len);
  for (i = 0; i < 4; i++) out[k++] = (unsigned char)(crc >> 8 * i);
  return k;
}

zc_result zc_header_read(const void *in, size_t n, uint64_t *len,
                         uint32_t *crc, size_t *size) {
  const unsigned char *p = in;
  uint64_t v = 0;
  size_t k = 0;
  int i;
  for (;;) {
    if (k == n || k == 10) return ZC_HEADER;
    if (k == 9 && p[k] > 1) return ZC_HEADER; /* bits past 2^64 */
    v |= (uint64_t)(p[k] & 127) << 7 * k;
    if (!(p[k++] & 128)) break;
  }
  if (n - k < 4) return ZC_HEADER;
  *crc = 0;
  for (i = 0; i < 4; i++) *crc |= (uint32_t)p[k + i] << 8 * i;
  *len = v;
  *size = k + 4;
  return ZC_OK;
}
