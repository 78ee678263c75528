/*
** tests/unit/memcopy.c: memcpy and memmove of src/engine/memcopy.c against
** a byte-at-a-time reference, every length to 300 and some long ones, at
** every alignment, overlapping both ways. See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memcopy.h"
#include "unit.h"

#define AREA 20000

/* Through volatile pointers so GCC cannot inline its own copies. */
static void *(*volatile cpy)(void *restrict, const void *restrict,
                             size_t) = memcpy;
static void *(*volatile mov)(void *, const void *, size_t) = memmove;

static unsigned char buf[AREA], want[AREA];

static void fill(unsigned seed) {
  size_t i;
  for (i = 0; i < AREA; i++)
    want[i] = buf[i] = (unsigned char)(seed * 7 + i * 13 + (i >> 8));
}

/* The reference: one byte at a time, through a copy for overlap. */
static void ref_move(size_t d, size_t s, size_t n) {
  static unsigned char tmp[AREA];
  volatile unsigned char *t = tmp;
  size_t i;
  for (i = 0; i < n; i++) t[i] = want[s + i];
  for (i = 0; i < n; i++) want[d + i] = t[i];
}

/* Returns 1 when buf equals want everywhere (outside the copy too). */
static int same(void) { return memcmp(buf, want, AREA) == 0; }

static void one(size_t d, size_t s, size_t n, int overlap) {
  void *r;
  fill((unsigned)(d + s + n));
  ref_move(d, s, n);
  r = overlap ? mov(buf + d, buf + s, n) : cpy(buf + d, buf + s, n);
  CHECK(r == buf + d, "%s returns its destination",
        overlap ? "memmove" : "memcpy");
  CHECK(same(), "%s(buf+%zu, buf+%zu, %zu) copies exactly n bytes",
        overlap ? "memmove" : "memcpy", d, s, n);
}

static void lengths(const size_t *ns, size_t count) {
  size_t k, a, b;
  for (k = 0; k < count; k++) {
    size_t n = ns[k];
    for (a = 0; a < 16; a += 3)
      for (b = 0; b < 16; b += 5) {
        one(64 + a, 64 + n + 64 + b, n, 0); /* apart, forward */
        one(64 + n + 64 + b, 64 + a, n, 0); /* apart, backward */
        one(100 + a, 100 + b + n / 3, n, 1); /* overlap, d before s */
        one(100 + b + n / 3, 100 + a, n, 1); /* overlap, d after s */
        one(100 + a, 100 + a, n, 1);         /* the same area */
      }
  }
}

int main(void) {
  static const size_t longs[] = {1000, 4095, 4096, 4097, 5000, 6143};
  size_t n, ns[301];
  for (n = 0; n <= 300; n++) ns[n] = n;
  lengths(ns, 301);
  lengths(longs, sizeof longs / sizeof longs[0]);
  printf("memcopy: %s memcpy and memmove\n",
         memcopy_own() ? "moonbox's own" : "the C library's");
  return UNIT_END();
}
