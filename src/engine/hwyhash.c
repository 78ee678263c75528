/*
** hwyhash.c: HighwayHash-64 written from its description: four lanes of
** two 64-bit halves, 32-bit multiplies and a byte "zipper" shuffle per
** 32-byte packet, four permuted rounds to finish. See LICENSE.
*/
#include <string.h>

#include "hwyhash.h"

typedef struct hwy_state {
  uint64_t v0[4], v1[4], mul0[4], mul1[4];
} hwy_state;

static uint64_t rd_le64(const unsigned char *p) {
  uint64_t v = 0;
  int i;
  for (i = 7; i >= 0; i--) v = v << 8 | p[i];
  return v;
}

static uint64_t swap_halves(uint64_t x) { return x >> 32 | x << 32; }

static void hwy_reset(hwy_state *s, const uint64_t key[4]) {
  static const uint64_t init0[4] = {0xdbe6d5d5fe4cce2f, 0xa4093822299f31d0,
                                    0x13198a2e03707344, 0x243f6a8885a308d3};
  static const uint64_t init1[4] = {0x3bd39e10cb0ef593, 0xc0acf169b5f18a8c,
                                    0xbe5466cf34e90c6c, 0x452821e638d01377};
  int i;
  for (i = 0; i < 4; i++) {
    s->mul0[i] = init0[i];
    s->mul1[i] = init1[i];
    s->v0[i] = init0[i] ^ key[i];
    s->v1[i] = init1[i] ^ swap_halves(key[i]);
  }
}

/* The zipper merge: the 16 bytes of (lo, hi), lo's bytes first, are
** shuffled so that byte i of the result is byte order[i] of the input;
** the result's low half is added to *add_lo, its high half to *add_hi. */
static void zipper_add(uint64_t lo, uint64_t hi, uint64_t *add_lo,
                       uint64_t *add_hi) {
  static const unsigned char order[16] = {3,  12, 2, 5,  14, 1, 15, 0,
                                          11, 4,  10, 13, 9, 6, 8,  7};
  unsigned char in[16];
  uint64_t out[2] = {0, 0};
  int i;
  for (i = 0; i < 8; i++) {
    in[i] = (unsigned char)(lo >> 8 * i);
    in[8 + i] = (unsigned char)(hi >> 8 * i);
  }
  for (i = 0; i < 16; i++) out[i / 8] |= (uint64_t)in[order[i]] << 8 * (i % 8);
  *add_lo += out[0];
  *add_hi += out[1];
}

static void hwy_update(hwy_state *s, const uint64_t lanes[4]) {
  int i;
  for (i = 0; i < 4; i++) {
    s->v1[i] += s->mul0[i] + lanes[i];
    s->mul0[i] ^= (s->v1[i] & 0xffffffff) * (s->v0[i] >> 32);
    s->v0[i] += s->mul1[i];
    s->mul1[i] ^= (s->v0[i] & 0xffffffff) * (s->v1[i] >> 32);
  }
  zipper_add(s->v1[0], s->v1[1], &s->v0[0], &s->v0[1]);
  zipper_add(s->v1[2], s->v1[3], &s->v0[2], &s->v0[3]);
  zipper_add(s->v0[0], s->v0[1], &s->v1[0], &s->v1[1]);
  zipper_add(s->v0[2], s->v0[3], &s->v1[2], &s->v1[3]);
}

static void hwy_packet(hwy_state *s, const unsigned char *p) {
  uint64_t lanes[4];
  int i;
  for (i = 0; i < 4; i++) lanes[i] = rd_le64(p + 8 * i);
  hwy_update(s, lanes);
}

static uint32_t rol32(uint32_t x, unsigned n) {
  return n ? x << n | x >> (32 - n) : x;
}

/* The last 1..31 bytes: the count is mixed into v0 and rotates v1's
** 32-bit halves; the bytes go into a zero packet, whole 4-byte groups
** first, then the last 1..3 bytes (or, past 16, the last 4) at fixed
** places. */
static void hwy_remainder(hwy_state *s, const unsigned char *p, size_t n) {
  unsigned char packet[32] = {0};
  size_t whole = n & ~(size_t)3, tail = n & 3;
  int i;
  for (i = 0; i < 4; i++) {
    s->v0[i] += (uint64_t)n << 32 | n;
    s->v1[i] = (uint64_t)rol32((uint32_t)(s->v1[i] >> 32), (unsigned)n) << 32 |
               rol32((uint32_t)s->v1[i], (unsigned)n);
  }
  memcpy(packet, p, whole);
  if (n & 16) {
    memcpy(packet + 28, p + n - 4, 4);
  } else if (tail) {
    packet[16] = p[whole];
    packet[17] = p[whole + (tail >> 1)];
    packet[18] = p[n - 1];
  }
  hwy_packet(s, packet);
}

uint64_t hwy_hash64(const void *data, size_t n, const uint64_t key[4]) {
  const unsigned char *p = data;
  hwy_state s;
  int i;
  hwy_reset(&s, key);
  for (; n >= 32; p += 32, n -= 32) hwy_packet(&s, p);
  if (n) hwy_remainder(&s, p, n);
  for (i = 0; i < 4; i++) {
    uint64_t perm[4] = {swap_halves(s.v0[2]), swap_halves(s.v0[3]),
                        swap_halves(s.v0[0]), swap_halves(s.v0[1])};
    hwy_update(&s, perm);
  }
  return s.v0[0] + s.v1[0] + s.mul0[0] + s.mul1[0];
}
