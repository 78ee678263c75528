/*
** hash.c: MD5 (RFC 1321), SHA-1 and SHA-2 (FIPS 180-4), BLAKE2b-256
** (RFC 7693) and HMAC (RFC 2104), written from those specifications.
** See LICENSE.
*/
#include <string.h>

#include "hash.h"

typedef void (*block_fn)(hash_ctx *c, const unsigned char *p);

static uint32_t rol32(uint32_t x, int n) { return x << n | x >> (32 - n); }
static uint32_t ror32(uint32_t x, int n) { return x >> n | x << (32 - n); }
static uint64_t ror64(uint64_t x, int n) { return x >> n | x << (64 - n); }

static uint32_t rd_le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}
static uint32_t rd_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         (uint32_t)p[3];
}
static uint64_t rd_le64(const unsigned char *p) {
  return (uint64_t)rd_le32(p + 4) << 32 | rd_le32(p);
}
static uint64_t rd_be64(const unsigned char *p) {
  return (uint64_t)rd_be32(p) << 32 | rd_be32(p + 4);
}
static void wr_le32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
  p[2] = (unsigned char)(v >> 16);
  p[3] = (unsigned char)(v >> 24);
}
static void wr_be32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}
static void wr_be64(unsigned char *p, uint64_t v) {
  wr_be32(p, (uint32_t)(v >> 32));
  wr_be32(p + 4, (uint32_t)v);
}
static void wr_le64(unsigned char *p, uint64_t v) {
  wr_le32(p, (uint32_t)v);
  wr_le32(p + 4, (uint32_t)(v >> 32));
}

/* {==== the Merkle-Damgard family: MD5, SHA-1, SHA-2 */

/* Feeds p[0..n) through the block function, whole blocks straight from
** the input, the rest kept in c->buf. */
static void md_update(hash_ctx *c, const unsigned char *p, size_t n,
                      size_t block, block_fn f) {
  c->total += n;
  if (c->used) {
    size_t take = block - c->used < n ? block - c->used : n;
    memcpy(c->buf + c->used, p, take);
    c->used += take;
    p += take;
    n -= take;
    if (c->used < block) return;
    f(c, c->buf);
    c->used = 0;
  }
  for (; n >= block; p += block, n -= block) f(c, p);
  if (n) memcpy(c->buf, p, n);
  c->used = n;
}

/* The padding: 0x80, zeros, then the length in bits in the block's last
** lenbytes bytes (8 or 16), little-endian for MD5 (le), else big. */
static void md_pad(hash_ctx *c, size_t block, size_t lenbytes, int le,
                   block_fn f) {
  uint64_t bits = c->total << 3, high = c->total >> 61;
  c->buf[c->used++] = 0x80;
  if (c->used > block - lenbytes) {
    memset(c->buf + c->used, 0, block - c->used);
    f(c, c->buf);
    c->used = 0;
  }
  memset(c->buf + c->used, 0, block - c->used);
  if (le) {
    wr_le64(c->buf + block - 8, bits);
  } else {
    wr_be64(c->buf + block - 8, bits);
    if (lenbytes == 16) wr_be64(c->buf + block - 16, high);
  }
  f(c, c->buf);
  c->used = 0;
}
/* }==== */

/* {==== MD5 */

static const uint32_t md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
    0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
    0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
    0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
    0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
    0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
    0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
    0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

/* the left rotations of each round, four per round */
static const unsigned char md5_r[4][4] = {
    {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

static void md5_block(hash_ctx *c, const unsigned char *p) {
  uint32_t x[16], a = c->h.w[0], b = c->h.w[1], d = c->h.w[3];
  uint32_t cc = c->h.w[2], f, t;
  int i, g;
  for (i = 0; i < 16; i++) x[i] = rd_le32(p + 4 * i);
  for (i = 0; i < 64; i++) {
    switch (i / 16) {
    case 0: f = (b & cc) | (~b & d), g = i; break;
    case 1: f = (d & b) | (~d & cc), g = (5 * i + 1) % 16; break;
    case 2: f = b ^ cc ^ d, g = (3 * i + 5) % 16; break;
    default: f = cc ^ (b | ~d), g = 7 * i % 16; break;
    }
    t = d;
    d = cc;
    cc = b;
    b += rol32(a + f + md5_k[i] + x[g], md5_r[i / 16][i % 4]);
    a = t;
  }
  c->h.w[0] += a;
  c->h.w[1] += b;
  c->h.w[2] += cc;
  c->h.w[3] += d;
}

static void md5_init(hash_ctx *c) {
  static const uint32_t iv[4] = {0x67452301, 0xefcdab89, 0x98badcfe,
                                 0x10325476};
  memcpy(c->h.w, iv, sizeof iv);
}
static void md5_update(hash_ctx *c, const unsigned char *p, size_t n) {
  md_update(c, p, n, 64, md5_block);
}
static void md5_final(hash_ctx *c, unsigned char *out) {
  int i;
  md_pad(c, 64, 8, 1, md5_block);
  for (i = 0; i < 4; i++) wr_le32(out + 4 * i, c->h.w[i]);
}
/* }==== */

/* {==== SHA-1 */

static void sha1_block(hash_ctx *c, const unsigned char *p) {
  uint32_t w[80], v[5], f, k, t;
  int i;
  for (i = 0; i < 16; i++) w[i] = rd_be32(p + 4 * i);
  for (; i < 80; i++)
    w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  memcpy(v, c->h.w, sizeof v);
  for (i = 0; i < 80; i++) {
    if (i < 20) f = (v[1] & v[2]) | (~v[1] & v[3]), k = 0x5a827999;
    else if (i < 40) f = v[1] ^ v[2] ^ v[3], k = 0x6ed9eba1;
    else if (i < 60)
      f = (v[1] & v[2]) | (v[1] & v[3]) | (v[2] & v[3]), k = 0x8f1bbcdc;
    else f = v[1] ^ v[2] ^ v[3], k = 0xca62c1d6;
    t = rol32(v[0], 5) + f + v[4] + k + w[i];
    v[4] = v[3];
    v[3] = v[2];
    v[2] = rol32(v[1], 30);
    v[1] = v[0];
    v[0] = t;
  }
  for (i = 0; i < 5; i++) c->h.w[i] += v[i];
}

static void sha1_init(hash_ctx *c) {
  static const uint32_t iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe,
                                 0x10325476, 0xc3d2e1f0};
  memcpy(c->h.w, iv, sizeof iv);
}
static void sha1_update(hash_ctx *c, const unsigned char *p, size_t n) {
  md_update(c, p, n, 64, sha1_block);
}
static void sha1_final(hash_ctx *c, unsigned char *out) {
  int i;
  md_pad(c, 64, 8, 0, sha1_block);
  for (i = 0; i < 5; i++) wr_be32(out + 4 * i, c->h.w[i]);
}
/* }==== */

/* {==== SHA-224 and SHA-256 */

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

/* One round on the eight working words, named by their role in this
** round: the caller rotates the names instead of moving the values. */
static inline void sha256_round(uint32_t a, uint32_t b, uint32_t c,
                                uint32_t *d, uint32_t e, uint32_t f,
                                uint32_t g, uint32_t *h, uint32_t kw) {
  uint32_t t1 = *h + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
                ((e & f) ^ (~e & g)) + kw;
  *d += t1;
  *h = t1 + (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
       ((a & b) ^ (a & c) ^ (b & c));
}

static void sha256_block(hash_ctx *c, const unsigned char *p) {
  uint32_t w[64], a, b, cc, d, e, f, g, h;
  int i;
  for (i = 0; i < 16; i++) w[i] = rd_be32(p + 4 * i);
  for (; i < 64; i++) {
    uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ w[i - 15] >> 3;
    uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ w[i - 2] >> 10;
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  a = c->h.w[0], b = c->h.w[1], cc = c->h.w[2], d = c->h.w[3];
  e = c->h.w[4], f = c->h.w[5], g = c->h.w[6], h = c->h.w[7];
  for (i = 0; i < 64; i += 8) {
    sha256_round(a, b, cc, &d, e, f, g, &h, sha256_k[i] + w[i]);
    sha256_round(h, a, b, &cc, d, e, f, &g, sha256_k[i + 1] + w[i + 1]);
    sha256_round(g, h, a, &b, cc, d, e, &f, sha256_k[i + 2] + w[i + 2]);
    sha256_round(f, g, h, &a, b, cc, d, &e, sha256_k[i + 3] + w[i + 3]);
    sha256_round(e, f, g, &h, a, b, cc, &d, sha256_k[i + 4] + w[i + 4]);
    sha256_round(d, e, f, &g, h, a, b, &cc, sha256_k[i + 5] + w[i + 5]);
    sha256_round(cc, d, e, &f, g, h, a, &b, sha256_k[i + 6] + w[i + 6]);
    sha256_round(b, cc, d, &e, f, g, h, &a, sha256_k[i + 7] + w[i + 7]);
  }
  c->h.w[0] += a, c->h.w[1] += b, c->h.w[2] += cc, c->h.w[3] += d;
  c->h.w[4] += e, c->h.w[5] += f, c->h.w[6] += g, c->h.w[7] += h;
}

static void sha224_init(hash_ctx *c) {
  static const uint32_t iv[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17,
                                 0xf70e5939, 0xffc00b31, 0x68581511,
                                 0x64f98fa7, 0xbefa4fa4};
  memcpy(c->h.w, iv, sizeof iv);
}
static void sha256_init(hash_ctx *c) {
  static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                 0xa54ff53a, 0x510e527f, 0x9b05688c,
                                 0x1f83d9ab, 0x5be0cd19};
  memcpy(c->h.w, iv, sizeof iv);
}
static void sha256_update(hash_ctx *c, const unsigned char *p, size_t n) {
  md_update(c, p, n, 64, sha256_block);
}
/* SHA-224 is SHA-256 with its own start, cut to 7 words */
static void sha256_final(hash_ctx *c, unsigned char *out) {
  size_t i;
  md_pad(c, 64, 8, 0, sha256_block);
  for (i = 0; i < c->algo->size / 4; i++) wr_be32(out + 4 * i, c->h.w[i]);
}
/* }==== */

/* {==== SHA-384 and SHA-512 */

static const uint64_t sha512_k[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc, 0x3956c25bf348b538, 0x59f111f1b605d019,
    0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242,
    0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65, 0x2de92c6f592b0275,
    0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f,
    0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc,
    0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6,
    0x92722c851482353b, 0xa2bfe8a14cf10364, 0xa81a664bbc423001,
    0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc,
    0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915,
    0xc67178f2e372532b, 0xca273eceea26619c, 0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba,
    0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec, 0x6c44198c4a475817};

/* SHA-512's start, also BLAKE2b's */
static const uint64_t sha512_iv[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

/* sha256_round's 64-bit twin */
static inline void sha512_round(uint64_t a, uint64_t b, uint64_t c,
                                uint64_t *d, uint64_t e, uint64_t f,
                                uint64_t g, uint64_t *h, uint64_t kw) {
  uint64_t t1 = *h + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) +
                ((e & f) ^ (~e & g)) + kw;
  *d += t1;
  *h = t1 + (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) +
       ((a & b) ^ (a & c) ^ (b & c));
}

static void sha512_block(hash_ctx *c, const unsigned char *p) {
  uint64_t w[80], a, b, cc, d, e, f, g, h;
  int i;
  for (i = 0; i < 16; i++) w[i] = rd_be64(p + 8 * i);
  for (; i < 80; i++) {
    uint64_t s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^ w[i - 15] >> 7;
    uint64_t s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^ w[i - 2] >> 6;
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  a = c->h.d[0], b = c->h.d[1], cc = c->h.d[2], d = c->h.d[3];
  e = c->h.d[4], f = c->h.d[5], g = c->h.d[6], h = c->h.d[7];
  for (i = 0; i < 80; i += 8) {
    sha512_round(a, b, cc, &d, e, f, g, &h, sha512_k[i] + w[i]);
    sha512_round(h, a, b, &cc, d, e, f, &g, sha512_k[i + 1] + w[i + 1]);
    sha512_round(g, h, a, &b, cc, d, e, &f, sha512_k[i + 2] + w[i + 2]);
    sha512_round(f, g, h, &a, b, cc, d, &e, sha512_k[i + 3] + w[i + 3]);
    sha512_round(e, f, g, &h, a, b, cc, &d, sha512_k[i + 4] + w[i + 4]);
    sha512_round(d, e, f, &g, h, a, b, &cc, sha512_k[i + 5] + w[i + 5]);
    sha512_round(cc, d, e, &f, g, h, a, &b, sha512_k[i + 6] + w[i + 6]);
    sha512_round(b, cc, d, &e, f, g, h, &a, sha512_k[i + 7] + w[i + 7]);
  }
  c->h.d[0] += a, c->h.d[1] += b, c->h.d[2] += cc, c->h.d[3] += d;
  c->h.d[4] += e, c->h.d[5] += f, c->h.d[6] += g, c->h.d[7] += h;
}

static void sha384_init(hash_ctx *c) {
  static const uint64_t iv[8] = {
      0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
      0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
      0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
  memcpy(c->h.d, iv, sizeof iv);
}
static void sha512_init(hash_ctx *c) {
  memcpy(c->h.d, sha512_iv, sizeof sha512_iv);
}
static void sha512_update(hash_ctx *c, const unsigned char *p, size_t n) {
  md_update(c, p, n, 128, sha512_block);
}
/* SHA-384 is SHA-512 with its own start, cut to 6 words */
static void sha512_final(hash_ctx *c, unsigned char *out) {
  size_t i;
  md_pad(c, 128, 16, 0, sha512_block);
  for (i = 0; i < c->algo->size / 8; i++) wr_be64(out + 8 * i, c->h.d[i]);
}
/* }==== */

/* {==== BLAKE2b-256 (RFC 7693, unkeyed, 32-byte digest) */

static const unsigned char blake2b_sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};

/* the mixing function G on v[a], v[b], v[c], v[d] with words x, y */
static void blake2b_g(uint64_t *v, int a, int b, int c, int d, uint64_t x,
                      uint64_t y) {
  v[a] += v[b] + x;
  v[d] = ror64(v[d] ^ v[a], 32);
  v[c] += v[d];
  v[b] = ror64(v[b] ^ v[c], 24);
  v[a] += v[b] + y;
  v[d] = ror64(v[d] ^ v[a], 16);
  v[c] += v[d];
  v[b] = ror64(v[b] ^ v[c], 63);
}

/* Compresses the block p, c->total bytes counted so far (this block's
** included), last when it is the final block. */
static void blake2b_block(hash_ctx *c, const unsigned char *p, int last) {
  uint64_t m[16], v[16];
  int i, r;
  for (i = 0; i < 16; i++) m[i] = rd_le64(p + 8 * i);
  memcpy(v, c->h.d, 8 * sizeof v[0]);
  memcpy(v + 8, sha512_iv, 8 * sizeof v[0]);
  v[12] ^= c->total; /* the counter's high word stays 0 below 2^64 bytes */
  if (last) v[14] = ~v[14];
  for (r = 0; r < 12; r++) {
    const unsigned char *s = blake2b_sigma[r % 10];
    blake2b_g(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    blake2b_g(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    blake2b_g(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    blake2b_g(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    blake2b_g(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    blake2b_g(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    blake2b_g(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    blake2b_g(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (i = 0; i < 8; i++) c->h.d[i] ^= v[i] ^ v[i + 8];
}

static void blake2b256_init(hash_ctx *c) {
  memcpy(c->h.d, sha512_iv, sizeof sha512_iv);
  c->h.d[0] ^= 0x01010000 | 32; /* fanout 1, depth 1, no key, 32 bytes */
}

/* The last block must be compressed with the final flag, so a full
** buffer waits until more input proves it is not the last. */
static void blake2b256_update(hash_ctx *c, const unsigned char *p,
                              size_t n) {
  while (n > 0) {
    size_t take;
    if (c->used == 128) {
      c->total += 128;
      blake2b_block(c, c->buf, 0);
      c->used = 0;
    }
    take = 128 - c->used < n ? 128 - c->used : n;
    memcpy(c->buf + c->used, p, take);
    c->used += take;
    p += take;
    n -= take;
  }
}

static void blake2b256_final(hash_ctx *c, unsigned char *out) {
  int i;
  c->total += c->used;
  memset(c->buf + c->used, 0, 128 - c->used);
  blake2b_block(c, c->buf, 1);
  for (i = 0; i < 4; i++) wr_le64(out + 8 * i, c->h.d[i]);
}
/* }==== */

/* {==== the interface */

const hash_algo hash_md5 = {"MD5", 16, 64, md5_init, md5_update, md5_final};
const hash_algo hash_sha1 = {"SHA1", 20, 64, sha1_init, sha1_update,
                             sha1_final};
const hash_algo hash_sha224 = {"SHA224", 28, 64, sha224_init, sha256_update,
                               sha256_final};
const hash_algo hash_sha256 = {"SHA256", 32, 64, sha256_init, sha256_update,
                               sha256_final};
const hash_algo hash_sha384 = {"SHA384", 48, 128, sha384_init,
                               sha512_update, sha512_final};
const hash_algo hash_sha512 = {"SHA512", 64, 128, sha512_init,
                               sha512_update, sha512_final};
const hash_algo hash_blake2b256 = {"BLAKE2B256", 32, 128, blake2b256_init,
                                   blake2b256_update, blake2b256_final};

static int same_name(const char *a, const char *b, size_t len) {
  size_t i;
  for (i = 0; i < len; i++) {
    unsigned char x = (unsigned char)a[i];
    if (x >= 'a' && x <= 'z') x = (unsigned char)(x - 'a' + 'A');
    if (x != (unsigned char)b[i] || b[i] == '\0') return 0;
  }
  return b[len] == '\0';
}

const hash_algo *hash_find(const char *name, size_t len) {
  static const hash_algo *const all[] = {
      &hash_md5,    &hash_sha1,   &hash_sha224,     &hash_sha256,
      &hash_sha384, &hash_sha512, &hash_blake2b256, NULL};
  size_t i;
  if (same_name(name, "SHA", len)) return &hash_sha1;
  for (i = 0; all[i]; i++) {
    if (same_name(name, all[i]->name, len)) return all[i];
  }
  return NULL;
}

void hash_init(hash_ctx *c, const hash_algo *algo) {
  memset(c, 0, sizeof *c);
  c->algo = algo;
  algo->init(c);
}

void hash_update(hash_ctx *c, const void *p, size_t n) {
  if (n) c->algo->update(c, p, n);
}

void hash_final(hash_ctx *c, unsigned char *out) { c->algo->final(c, out); }

size_t hash_digest(const hash_algo *algo, const void *p, size_t n,
                   unsigned char *out) {
  hash_ctx c;
  hash_init(&c, algo);
  hash_update(&c, p, n);
  hash_final(&c, out);
  return algo->size;
}

size_t hash_hmac(const hash_algo *algo, const void *key, size_t klen,
                 const void *p, size_t n, unsigned char *out) {
  unsigned char k[HASH_MAXBLOCK] = {0}, pad[HASH_MAXBLOCK];
  unsigned char inner[HASH_MAXSIZE];
  hash_ctx c;
  size_t i;
  if (klen > algo->block) hash_digest(algo, key, klen, k);
  else if (klen) memcpy(k, key, klen);
  for (i = 0; i < algo->block; i++) pad[i] = k[i] ^ 0x36;
  hash_init(&c, algo);
  hash_update(&c, pad, algo->block);
  hash_update(&c, p, n);
  hash_final(&c, inner);
  for (i = 0; i < algo->block; i++) pad[i] = k[i] ^ 0x5c;
  hash_init(&c, algo);
  hash_update(&c, pad, algo->block);
  hash_update(&c, inner, algo->size);
  hash_final(&c, out);
  return algo->size;
}
/* }==== */
