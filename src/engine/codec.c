/*
** codec.c: base64, base32 (any power-of-two alphabet), hex and
** ISO-8859-1 codecs over caller-given buffers. See LICENSE.
*/
#include <stdint.h>
#include <string.h>

#include "codec.h"

const char codec_crockford[33] = "0123456789abcdefghjkmnpqrstvwxyz";

static const char b64_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const char *codec_strerror(codec_result r) {
  switch (r) {
  case CODEC_OK: return "no error";
  case CODEC_ODD: return "hex string length uneven";
  case CODEC_NOTHEX: return "hex string has non-hex character";
  case CODEC_BADUTF8: return "invalid UTF-8";
  case CODEC_WIDE: return "character above U+00FF";
  case CODEC_FORBIDDEN: return "forbidden control character";
  case CODEC_ALPHABET:
    return "alphabet length is not a power of 2 in range 2..128";
  case CODEC_REPEATED: return "alphabet has a repeated character";
  }
  return "unknown codec error";
}

/* {==== base64 */

size_t codec_base64_encode_max(size_t n) {
  size_t groups = n / 3 + (n % 3 != 0);
  return groups > SIZE_MAX / 4 ? 0 : groups * 4;
}

size_t codec_base64_encode(char *dst, const unsigned char *src, size_t n) {
  char *q = dst;
  while (n > 0) {
    uint32_t w = (uint32_t)src[0] << 16;
    size_t take = n < 3 ? n : 3;
    if (take > 1) w |= (uint32_t)src[1] << 8;
    if (take > 2) w |= src[2];
    q[0] = b64_chars[w >> 18 & 63];
    q[1] = b64_chars[w >> 12 & 63];
    q[2] = take > 1 ? b64_chars[w >> 6 & 63] : '=';
    q[3] = take > 2 ? b64_chars[w & 63] : '=';
    q += 4;
    src += take;
    n -= take;
  }
  return (size_t)(q - dst);
}

size_t codec_base64_decode_max(size_t n) { return n / 4 * 3 + 3; }

/* The sextet of c in either alphabet, -1 outside them, -2 for '='. */
static int b64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return c == '=' ? -2 : -1;
}

/* Writes the whole bytes of k sextets held in w (k 2 or 3; 0 or 1 give
** nothing) and returns how many. */
static size_t b64_flush(unsigned char *q, uint32_t w, int k) {
  if (k < 2) return 0;
  w <<= 6 * (4 - k);
  q[0] = (unsigned char)(w >> 16);
  if (k == 2) return 1;
  q[1] = (unsigned char)(w >> 8);
  if (k == 3) return 2;
  q[2] = (unsigned char)w;
  return 3;
}

size_t codec_base64_decode(unsigned char *dst, const char *src, size_t n) {
  unsigned char *q = dst;
  uint32_t w = 0;
  int k = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    int v = b64_value((unsigned char)src[i]);
    if (v == -1) continue;
    if (v == -2) {
      q += b64_flush(q, w, k);
      w = 0;
      k = 0;
      continue;
    }
    w = w << 6 | (uint32_t)v;
    if (++k == 4) {
      q += b64_flush(q, w, 4);
      w = 0;
      k = 0;
    }
  }
  q += b64_flush(q, w, k);
  return (size_t)(q - dst);
}
/* }==== */

/* {==== base32 */

static int log2_of(size_t len) {
  int b = 0;
  while ((size_t)1 << b < len) b++;
  return b;
}

codec_result codec_base32_check(const char *alpha, size_t len) {
  unsigned char seen[256] = {0};
  size_t i;
  if (len < 2 || len > 128 || (len & (len - 1)) != 0) return CODEC_ALPHABET;
  for (i = 0; i < len; i++) {
    if (seen[(unsigned char)alpha[i]]++) return CODEC_REPEATED;
  }
  return CODEC_OK;
}

size_t codec_base32_encode_max(size_t n, size_t alen) {
  size_t bits = (size_t)log2_of(alen);
  if (n > SIZE_MAX / 8) return 0;
  return (n * 8 + bits - 1) / bits;
}

size_t codec_base32_encode(char *dst, const unsigned char *src, size_t n,
                           const char *alpha, size_t alen) {
  int bits = log2_of(alen), have = 0;
  uint32_t acc = 0, mask = (uint32_t)alen - 1;
  size_t i, m = 0;
  for (i = 0; i < n; i++) {
    acc = (acc << 8 | src[i]) & 0x7fff; /* at most 7 + 8 bits matter */
    have += 8;
    while (have >= bits) {
      have -= bits;
      dst[m++] = alpha[acc >> have & mask];
    }
  }
  if (have > 0) dst[m++] = alpha[acc << (bits - have) & mask];
  return m;
}

size_t codec_base32_decode_max(size_t n) { return n - n / 8; }

/* Crockford's value of c: 0..31, -2 for what is skipped, -1 to stop. */
static int crockford_value(unsigned char c) {
  const char *p;
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-') return -2;
  if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
  if (c == 'i' || c == 'l') return 1;
  if (c == 'o') return 0;
  if (c == '\0' || !(p = memchr(codec_crockford, c, 32))) return -1;
  return (int)(p - codec_crockford);
}

size_t codec_base32_decode(unsigned char *dst, const char *src, size_t n,
                           const char *alpha, size_t alen) {
  signed char map[256];
  int bits, have = 0;
  uint32_t acc = 0;
  size_t i, m = 0;
  if (alpha) {
    memset(map, -1, sizeof map);
    for (i = 0; i < alen; i++) map[(unsigned char)alpha[i]] = (signed char)i;
    bits = log2_of(alen);
  } else {
    for (i = 0; i < 256; i++)
      map[i] = (signed char)crockford_value((unsigned char)i);
    bits = 5;
  }
  for (i = 0; i < n; i++) {
    int v = map[(unsigned char)src[i]];
    if (v == -2) continue;
    if (v == -1) break;
    acc = (acc << bits | (uint32_t)v) & 0x7fff;
    have += bits;
    if (have >= 8) {
      have -= 8;
      dst[m++] = (unsigned char)(acc >> have);
    }
  }
  return m;
}
/* }==== */

/* {==== hex */

void codec_hex_encode(char *dst, const unsigned char *src, size_t n) {
  static const char digits[] = "0123456789abcdef";
  size_t i;
  for (i = 0; i < n; i++) {
    dst[2 * i] = digits[src[i] >> 4];
    dst[2 * i + 1] = digits[src[i] & 15];
  }
}

static int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

codec_result codec_hex_decode(unsigned char *dst, const char *src, size_t n,
                              size_t *at) {
  size_t i;
  if (n % 2) {
    *at = n;
    return CODEC_ODD;
  }
  for (i = 0; i < n; i += 2) {
    int hi = hex_value((unsigned char)src[i]);
    int lo = hex_value((unsigned char)src[i + 1]);
    if (hi < 0 || lo < 0) {
      *at = hi < 0 ? i : i + 1;
      return CODEC_NOTHEX;
    }
    dst[i / 2] = (unsigned char)(hi << 4 | lo);
  }
  return CODEC_OK;
}
/* }==== */

/* {==== ISO-8859-1 */

size_t codec_latin1_decode(char *dst, const unsigned char *src, size_t n) {
  size_t i, m = 0;
  for (i = 0; i < n; i++) {
    if (src[i] < 0x80) {
      dst[m++] = (char)src[i];
    } else {
      dst[m++] = (char)(0xc0 | src[i] >> 6);
      dst[m++] = (char)(0x80 | (src[i] & 0x3f));
    }
  }
  return m;
}

/* Reads one UTF-8 character at s[0..n) (n >= 1) into *cp; returns its
** length, or 0 when malformed (truncated, stray continuation byte,
** overlong, a surrogate, above U+10FFFF). */
static size_t utf8_read(const unsigned char *s, size_t n, uint32_t *cp) {
  static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
  size_t len, i;
  uint32_t c = s[0];
  if (c < 0x80) len = 1;
  else if (c >= 0xc0 && c < 0xe0) len = 2, c &= 0x1f;
  else if (c >= 0xe0 && c < 0xf0) len = 3, c &= 0x0f;
  else if (c >= 0xf0 && c < 0xf8) len = 4, c &= 0x07;
  else return 0;
  if (len > n) return 0;
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    c = c << 6 | (s[i] & 0x3f);
  }
  if (c < least[len] || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
    return 0;
  *cp = c;
  return len;
}

/* Whether flags forbid the character c (0..0xff). */
static int forbidden(uint32_t c, int flags) {
  if (c == '\t' || c == '\n' || c == '\v' || c == '\r')
    return (flags & CODEC_WS) != 0;
  if (c < 0x20 || c == 0x7f) return (flags & CODEC_C0) != 0;
  if (c >= 0x80 && c < 0xa0) return (flags & CODEC_C1) != 0;
  return 0;
}

codec_result codec_latin1_encode(unsigned char *dst, const char *src,
                                 size_t n, int flags, size_t *len) {
  const unsigned char *s = (const unsigned char *)src;
  size_t i = 0, m = 0, k;
  uint32_t c;
  while (i < n) {
    if (!(k = utf8_read(s + i, n - i, &c))) {
      *len = i;
      return CODEC_BADUTF8;
    }
    if (c > 0xff || forbidden(c, flags)) {
      *len = i;
      return c > 0xff ? CODEC_WIDE : CODEC_FORBIDDEN;
    }
    dst[m++] = (unsigned char)c;
    i += k;
  }
  *len = m;
  return CODEC_OK;
}
/* }==== */
