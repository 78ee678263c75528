/*
** zcodec.h: one-call DEFLATE compression and bounded decompression over
** zlib (raw DEFLATE or the zlib format), and the length-and-CRC header of
** Cosmopolitan's Compress. See LICENSE.
*/
#ifndef MOONBOX_ZCODEC_H
#define MOONBOX_ZCODEC_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

typedef enum zc_result {
  ZC_OK = 0,
  ZC_MEMORY,    /* the memory hook refused */
  ZC_LEVEL,     /* a level outside -1..9 */
  ZC_CORRUPT,   /* the compressed data is invalid */
  ZC_TRUNCATED, /* the compressed data ends before its end mark */
  ZC_TOOBIG,    /* the data decompresses to more than the limit */
  ZC_HEADER,    /* Compress's header is missing or malformed */
  ZC_LENGTH,    /* the data does not decompress to the size announced */
  ZC_CRC        /* the CRC-32 of the result differs from the header's */
} zc_result;

typedef enum zc_format {
  ZC_RAW, /* bare DEFLATE (RFC 1951), as in zip files */
  ZC_ZLIB /* zlib's format (RFC 1950): header, DEFLATE, Adler-32 */
} zc_format;

/* zc_strerror: a static English sentence for r. */
const char *zc_strerror(zc_result r);

/* zc_bound: the most zc_deflate can write for n input bytes (either
** format), or 0 when that overflows size_t. */
size_t zc_bound(size_t n);

/* zc_deflate: compresses in[0..n) at level (-1 is zlib's default, 6;
** 0..9) into out, which holds cap >= zc_bound(n) bytes; *len gets the
** size written. zlib's working memory comes from hook and is given back
** before the return. ZC_OK, ZC_LEVEL, ZC_MEMORY. */
zc_result zc_deflate(const mem_hook *hook, zc_format fmt, int level,
                     const void *in, size_t n, void *out, size_t cap,
                     size_t *len);

/* A growing output block owned by the caller: p (cap bytes from the
** hook, NULL when cap is 0) holds len bytes. Give it back with
** hook->alloc(hook->ud, p, cap, 0) whatever zc_inflate returned. */
typedef struct zc_out {
  unsigned char *p;
  size_t len, cap;
} zc_out;

/* zc_inflate: decompresses in[0..n) into out (start it zeroed), which
** grows as needed but never past limit bytes. ZC_OK when the stream's
** end mark was reached (bytes after it are ignored); ZC_TOOBIG when the
** data would produce more than limit bytes (a decompression bomb stops
** there); ZC_TRUNCATED when the input ends first; ZC_CORRUPT; ZC_MEMORY.
** On failure out->len bytes were produced (and may be freed). */
zc_result zc_inflate(const mem_hook *hook, zc_format fmt, const void *in,
                     size_t n, size_t limit, zc_out *out);

/* Compress's header: the uncompressed size as an unsigned LEB128 (7 bits
** a byte, low bits first, 1..10 bytes), then its CRC-32 as 4 bytes
** little-endian, then the zlib-format data. */
#define ZC_HEADER_MAX 14

/* zc_header_write: writes the header of len bytes whose CRC-32 is crc to
** out (ZC_HEADER_MAX bytes); returns its size. */
size_t zc_header_write(unsigned char *out, uint64_t len, uint32_t crc);

/* zc_header_read: reads the header at in[0..n): *len, *crc, and *size
** (the header's bytes). ZC_HEADER when it is cut short or its LEB128 is
** longer than 10 bytes or above 2^64 - 1. */
zc_result zc_header_read(const void *in, size_t n, uint64_t *len,
                         uint32_t *crc, size_t *size);

#endif
