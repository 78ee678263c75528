/*
** rng.c: unit tests of src/engine/rng.c: the Lehmer step against the
** 128-bit product written out by hand, the UUID layouts of RFC 9562
** (version and variant bits, v7's big-endian millisecond time, strictly
** increasing values when the clock stands still or goes back), and
** entropies whose values are known exactly. See LICENSE.
*/
#include <math.h>
#include <string.h>

#include "rng.h"
#include "unit.h"

/* a * b mod 2^128 from 32-bit limbs: an independent product */
static void mul128(uint32_t a[4], uint64_t b) {
  uint32_t bl[2] = {(uint32_t)b, (uint32_t)(b >> 32)}, r[4] = {0};
  int i, j;
  for (i = 0; i < 4; i++) {
    uint64_t carry = 0;
    for (j = 0; j < 2 && i + j < 4; j++) {
      uint64_t t = (uint64_t)a[i] * bl[j] + r[i + j] + carry;
      r[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    for (j = i + 2; j < 4 && carry; j++) {
      uint64_t t = (uint64_t)r[j] + carry;
      r[j] = (uint32_t)t;
      carry = t >> 32;
    }
  }
  memcpy(a, r, sizeof r);
}

static void test_lemur(void) {
  unsigned __int128 s = RNG_LEMUR64_SEED;
  uint64_t seed = 2131259787901769494u;
  uint32_t limbs[4] = {(uint32_t)seed, (uint32_t)(seed >> 32), 0, 0};
  int k;
  for (k = 0; k < 1000; k++) {
    uint64_t got = rng_lemur64(&s), want;
    mul128(limbs, RNG_LEMUR64_MUL);
    want = (uint64_t)limbs[3] << 32 | limbs[2];
    if (got != want) {
      CHECK(got == want, "step %d: expected %016llx, got %016llx", k,
            (unsigned long long)want, (unsigned long long)got);
      return;
    }
  }
  CHECK(1, "1000 steps agree");
}

static void test_uuid(void) {
  unsigned char b[16], rnd[8];
  char text[37];
  rng_v7 last = {0, 0};
  uint64_t ms = 0x0123456789abu;
  int i;
  memset(b, 0xff, 16);
  rng_uuid_v4(b);
  rng_uuid_text(text, b);
  text[36] = '\0';
  CHECK(strcmp(text, "ffffffff-ffff-4fff-bfff-ffffffffffff") == 0, "v4 bits "
        "set: %s", text);
  memset(b, 0, 16);
  rng_uuid_v4(b);
  rng_uuid_text(text, b);
  CHECK(strcmp(text, "00000000-0000-4000-8000-000000000000") == 0, "v4 bits "
        "cleared: %s", text);
  memset(rnd, 0xff, 8);
  rng_uuid_v7(b, &last, ms, 0xabc, rnd);
  rng_uuid_text(text, b);
  CHECK(strcmp(text, "01234567-89ab-7abc-bfff-ffffffffffff") == 0, "v7: %s",
        text);
  /* the same instant again, then an earlier one: one step past the last */
  rng_uuid_v7(b, &last, ms, 0xabc, rnd);
  rng_uuid_text(text, b);
  CHECK(strcmp(text, "01234567-89ab-7abd-bfff-ffffffffffff") == 0,
        "v7 same time: %s", text);
  rng_uuid_v7(b, &last, ms - 5, 0, rnd);
  rng_uuid_text(text, b);
  CHECK(strcmp(text, "01234567-89ab-7abe-bfff-ffffffffffff") == 0,
        "v7 clock back: %s", text);
  /* the fraction carries into the millisecond */
  last.frac = 0xfff;
  memset(rnd, 0, 8);
  rng_uuid_v7(b, &last, ms, 0, rnd);
  rng_uuid_text(text, b);
  CHECK(strcmp(text, "01234567-89ac-7000-8000-000000000000") == 0,
        "v7 carry: %s", text);
  for (i = 0; i < 100; i++) {
    char prev[37];
    memcpy(prev, text, 37);
    rng_uuid_v7(b, &last, ms + 1, 7, rnd);
    rng_uuid_text(text, b);
    CHECK(strcmp(prev, text) < 0, "increasing: %s then %s", prev, text);
  }
}

static void test_entropy(void) {
  unsigned char all[256];
  int i;
  for (i = 0; i < 256; i++) all[i] = (unsigned char)i;
  CHECK(rng_entropy("", 0) == 0, "nothing");
  CHECK(rng_entropy("aaaa", 4) == 0, "one symbol");
  CHECK(rng_entropy("abab", 4) == 1, "two symbols evenly");
  CHECK(rng_entropy("abcd", 4) == 2, "four symbols evenly");
  CHECK(rng_entropy(all, 256) == 8, "every byte once");
  CHECK(fabs(rng_entropy("aab", 3) - (log2(3) - 2.0 / 3)) < 1e-12,
        "a, a, b: log2(3) - 2/3");
}

int main(void) {
  test_lemur();
  test_uuid();
  test_entropy();
  return UNIT_END();
}
