/*
** rng.c: Lehmer steps, UUID layouts and a byte-entropy measure.
** See LICENSE.
*/
#include <math.h>
#include <string.h>

#include "rng.h"

uint64_t rng_lemur64(unsigned __int128 *state) {
  *state *= RNG_LEMUR64_MUL;
  return (uint64_t)(*state >> 64);
}

void rng_uuid_text(char out[36], const unsigned char b[16]) {
  static const char digits[] = "0123456789abcdef";
  int i, k = 0;
  for (i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out[k++] = '-';
    out[k++] = digits[b[i] >> 4];
    out[k++] = digits[b[i] & 15];
  }
}

void rng_uuid_v4(unsigned char b[16]) {
  b[6] = (unsigned char)(0x40 | (b[6] & 0x0f));
  b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
}

void rng_uuid_v7(unsigned char b[16], rng_v7 *last, uint64_t ms,
                 unsigned frac, const unsigned char rnd[8]) {
  int i;
  frac &= 0xfff;
  ms &= 0xffffffffffffu;
  if (ms < last->ms || (ms == last->ms && frac <= last->frac)) {
    ms = last->ms;
    frac = last->frac + 1;
    if (frac > 0xfff) frac = 0, ms = (ms + 1) & 0xffffffffffffu;
  }
  last->ms = ms;
  last->frac = frac;
  for (i = 0; i < 6; i++) b[i] = (unsigned char)(ms >> (40 - 8 * i));
  b[6] = (unsigned char)(0x70 | frac >> 8);
  b[7] = (unsigned char)frac;
  memcpy(b + 8, rnd, 8);
  b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
}

double rng_entropy(const void *data, size_t n) {
  const unsigned char *p = data;
  size_t count[256] = {0}, i;
  double e = 0;
  for (i = 0; i < n; i++) count[p[i]]++;
  for (i = 0; i < 256; i++) {
    if (count[i]) {
      double f = (double)count[i] / (double)n;
      e -= f * log2(f);
    }
  }
  return e;
}
