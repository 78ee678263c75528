/*
** tests/unit/strtod.c: strtod_exact of src/engine/strtod.c against values
** that follow from arithmetic: the exact decimal expansions of doubles and
** of the midpoints between neighbours (built here with a big integer of
** the test's own), the C compiler's own reading of literals, and C's
** float.h limits; plus glibc's documented end-pointer, errno and NaN
** rules, and the power-of-five table recomputed. See LICENSE.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strtod.h"
#include "strtod_pow5.h"
#include "unit.h"

#define MIN_BITS 0x0010000000000000u
#define MAX_BITS 0x7fefffffffffffffu
#define INF_BITS 0x7ff0000000000000u

static uint64_t bits_of(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}

/* {==== a small big integer (limbs of 32 bits, least significant first) */
#define NL 200
typedef struct num {
  int n;
  uint32_t d[NL];
} num;

static void num_set(num *a, uint64_t x) {
  a->n = 0;
  for (; x; x >>= 32) a->d[a->n++] = (uint32_t)x;
}

/* a = a * m + c */
static void num_mul(num *a, uint32_t m, uint32_t c) {
  uint64_t carry = c;
  int i;
  for (i = 0; i < a->n; i++) {
    carry += (uint64_t)a->d[i] * m;
    a->d[i] = (uint32_t)carry;
    carry >>= 32;
  }
  if (carry) a->d[a->n++] = (uint32_t)carry;
}

/* a = a / m, returns the remainder */
static uint32_t num_div(num *a, uint32_t m) {
  uint64_t r = 0;
  int i;
  for (i = a->n - 1; i >= 0; i--) {
    r = (r << 32) | a->d[i];
    a->d[i] = (uint32_t)(r / m);
    r %= m;
  }
  while (a->n && a->d[a->n - 1] == 0) a->n--;
  return (uint32_t)r;
}

static int num_bits(const num *a) {
  return a->n ? 32 * (a->n - 1) + 32 - __builtin_clz(a->d[a->n - 1]) : 0;
}

/* a = hi * 2^64 + lo */
static void num_from128(num *a, uint64_t hi, uint64_t lo) {
  a->d[0] = (uint32_t)lo, a->d[1] = (uint32_t)(lo >> 32);
  a->d[2] = (uint32_t)hi, a->d[3] = (uint32_t)(hi >> 32);
  for (a->n = 4; a->n && a->d[a->n - 1] == 0;) a->n--;
}

/* bit i of a */
static int num_bit(const num *a, int i) {
  return i / 32 < a->n ? (int)(a->d[i / 32] >> (i % 32)) & 1 : 0;
}

/* The decimal digits of a into s (a is consumed); returns s. */
static char *num_str(num *a, char *s) {
  char tmp[NL * 10 + 1];
  int n = 0, i;
  do {
    uint32_t r = num_div(a, 10);
    tmp[n++] = (char)('0' + r);
  } while (a->n);
  for (i = 0; i < n; i++) s[i] = tmp[n - 1 - i];
  s[n] = 0;
  return s;
}
/* }==== */

/* "<digits>e<exp>": exactly m * 2^e. */
static char *dyadic(char *s, uint64_t m, int e) {
  num a;
  int i;
  num_set(&a, m);
  for (i = 0; i < e; i++) num_mul(&a, 2, 0);
  for (i = 0; i < -e; i++) num_mul(&a, 5, 0); /* m*5^-e * 10^e */
  num_str(&a, s);
  sprintf(s + strlen(s), "e%d", e < 0 ? e : 0);
  return s;
}

/* strtod_exact(s) must give want (bits), errno err, and read it all but
** the last `left` characters. */
static void expect(const char *s, uint64_t want, int err, size_t left,
                   int line) {
  char *end;
  double x;
  errno = 0;
  x = strtod_exact(s, &end);
  CHECK(bits_of(x) == want && errno == err &&
            end == s + strlen(s) - left,
        "line %d: \"%.60s%s\": want %016llx errno %d end -%zu, got %016llx "
        "errno %d end -%zu",
        line, s, strlen(s) > 60 ? "..." : "", (unsigned long long)want, err,
        left, (unsigned long long)bits_of(x), errno,
        strlen(s) - (size_t)(end - s));
}
#define EXPECT(s, want, err, left) expect(s, want, err, left, __LINE__)

/* The table: entry q is floor(5^q * 2^(127 - b)), b = floor(log2 5^q). */
static void table(void) {
  int q, bad = 0;
  for (q = STRTOD_POW5_MIN; q <= STRTOD_POW5_MAX && bad < 5; q++) {
    const uint64_t *t = strtod_pow5[q - STRTOD_POW5_MIN];
    num p;
    int i, b, len, ok;
    num_set(&p, 1);
    for (i = 0; i < abs(q); i++) num_mul(&p, 5, 0);
    len = num_bits(&p);
    b = q >= 0 ? len - 1 : -len;
    ok = STRTOD_POW5_EXP(q) == b && (t[0] >> 63) == 1;
    if (q >= 0) { /* the 128 bits under 5^q's leading one, rounded down */
      for (i = 0; i < 128; i++) {
        int want = len - 1 - i >= 0 ? num_bit(&p, len - 1 - i) : 0;
        int got = (int)((i < 64 ? t[0] >> (63 - i) : t[1] >> (127 - i)) & 1);
        ok &= want == got;
      }
    } else { /* t * 5^-q < 2^(127+len) <= (t + 1) * 5^-q */
      num t0, t1;
      num_from128(&t0, t[0], t[1]);
      t1 = t0;
      num_mul(&t1, 1, 1);
      for (i = 0; i < -q; i++) num_mul(&t0, 5, 0), num_mul(&t1, 5, 0);
      ok &= num_bits(&t0) <= 127 + len && num_bits(&t1) >= 128 + len;
    }
    CHECK(ok, "table entry %d is floor(5^%d * 2^(127 - %d))", q, q, b);
    bad += !ok;
  }
}

/* Doubles, the midpoints after them, and just off the midpoints. */
static void midpoints(void) {
  static const uint64_t fixed[] = {
      0, 1, 2, 3, 0x000fffffffffffffu, MIN_BITS, MIN_BITS + 1,
      0x3ff0000000000000u, 0x3fefffffffffffffu, 0x433fffffffffffffu,
      0x4340000000000000u, 0x3fb999999999999au, 0x7fefffffffffffffu,
      0x7fe0000000000000u, 0x0008000000000000u, 0x44b52d02c7e14af6u};
  static char s[4000], t[4200];
  uint64_t r = 88172645463325252u;
  int i;
  for (i = 0; i < 16 + 300; i++) {
    uint64_t b, m, even, bexp;
    int e, len;
    if (i < 16) b = fixed[i];
    else {
      r ^= r << 13, r ^= r >> 7, r ^= r << 17; /* xorshift64 */
      b = r & MAX_BITS;
      if (b > MAX_BITS) b = MAX_BITS;
      if (i % 3 == 0) b &= 0x003fffffffffffffu; /* subnormal or tiny */
    }
    bexp = b >> 52;
    m = (b & 0x000fffffffffffffu) | (bexp ? (uint64_t)1 << 52 : 0);
    e = bexp ? (int)bexp - 1075 : -1074;
    /* the double itself, exact: no errno, even when subnormal */
    EXPECT(dyadic(s, m, e), b, 0, 0);
    /* the midpoint: ties to even; tiny results or infinity: ERANGE */
    dyadic(s, 2 * m + 1, e - 1);
    even = (b & 1) ? b + 1 : b;
    EXPECT(s, even, (b < MIN_BITS || even == INF_BITS) ? ERANGE : 0, 0);
    /* a 1 after 900 more zeros: above the midpoint */
    len = (int)(strchr(s, 'e') - s);
    memcpy(t, s, (size_t)len);
    memset(t + len, '0', 900);
    sprintf(t + len + 900, "1e%d", atoi(s + len + 1) - 901);
    EXPECT(t, b + 1, (b < MIN_BITS || b + 1 == INF_BITS) ? ERANGE : 0, 0);
    /* the midpoint's last digit (a 5: the midpoint is odd * 2^k, k < 0)
    ** minus one, then 9s: below the midpoint */
    if (e - 1 < 0) {
      memcpy(t, s, (size_t)len);
      t[len - 1] = '4';
      memset(t + len, '9', 30);
      sprintf(t + len + 30, "e%d", atoi(s + len + 1) - 30);
      EXPECT(t, b, b < MIN_BITS ? ERANGE : 0, 0);
    }
  }
}

/* What C's float.h and the compiler's own reading of literals say. */
static void literals(void) {
  EXPECT("0.1", bits_of(0.1), 0, 0);
  EXPECT("12345.6789", bits_of(12345.6789), 0, 0);
  EXPECT("1e23", bits_of(1e23), 0, 0);
  EXPECT("8.98846567431158e307", bits_of(8.98846567431158e307), 0, 0);
  EXPECT("1.7976931348623157e308", bits_of(DBL_MAX), 0, 0);
  EXPECT("1.7976931348623158e308", bits_of(DBL_MAX), 0, 0);
  EXPECT("1.7976931348623159e308", INF_BITS, ERANGE, 0);
  EXPECT("-1e309", INF_BITS | 1ull << 63, ERANGE, 0);
  EXPECT("2.2250738585072014e-308", bits_of(DBL_MIN), 0, 0);
  EXPECT("2.2250738585072011e-308", 0x000fffffffffffffu, ERANGE, 0);
  /* rounds up to DBL_MIN but is tiny: below DBL_MIN - 2^-1076 */
  EXPECT("2.2250738585072012e-308", bits_of(DBL_MIN), ERANGE, 0);
  EXPECT("2.22507385850720139e-308", bits_of(DBL_MIN), 0, 0);
  EXPECT("4.9406564584124654e-324", 1, ERANGE, 0); /* DBL_TRUE_MIN */
  EXPECT("2.4703282292062328e-324", 1, ERANGE, 0);
  EXPECT("2.4703282292062327e-324", 0, ERANGE, 0); /* below 2^-1075 */
  EXPECT("1e-400", 0, ERANGE, 0);
  EXPECT("-1e-400", 1ull << 63, ERANGE, 0);
  EXPECT("0e-99999999999999999999", 0, 0, 0);
  EXPECT("0.000e999999", 0, 0, 0);
  EXPECT("1e-99999999999999999999", 0, ERANGE, 0);
  EXPECT("1e99999999999999999999", INF_BITS, ERANGE, 0);
  EXPECT("9007199254740993", 0x4340000000000000u, 0, 0);  /* 2^53+1: even */
  EXPECT("9007199254740995", 0x4340000000000002u, 0, 0);  /* 2^53+3: up */
  EXPECT("9007199254740993.000000000000000000000000001",
         0x4340000000000001u, 0, 0);
  /* midpoints whose first 19 digits are exact (dyadic), then a tail */
  EXPECT("4503599627370496.50000000000000000001", 0x4330000000000001u, 0, 0);
  EXPECT("4503599627370496.500000000000000000", 0x4330000000000000u, 0, 0);
  EXPECT("4503599627370497.5000000000000000001", 0x4330000000000002u, 0, 0);
  EXPECT("9007199254740995.0000000000000000001", 0x4340000000000002u, 0, 0);
  EXPECT("4611686018427388416.0000001", 0x43d0000000000001u, 0, 0);
  EXPECT("4611686018427388416", 0x43d0000000000000u, 0, 0);
  EXPECT("4611686018427388415.9999999", 0x43d0000000000000u, 0, 0);
  EXPECT("2305843009213694208.1e0", 0x43c0000000000001u, 0, 0);
  EXPECT("123456789012345678901234567890", bits_of(1.2345678901234568e29),
         0, 0);
  EXPECT("0.000000000000000000000000000000000000000000000000001234567890123"
         "4567890123",
         bits_of(1.2345678901234567890123e-51), 0, 0);
  EXPECT("1234567890123456789e-19", bits_of(0.1234567890123456789), 0, 0);
  EXPECT("7.2057594037927933e16", bits_of(7.2057594037927933e16), 0, 0);
}

/* 800 digits and more: every digit counts, however far. */
static void long_inputs(void) {
  static char s[12000];
  size_t n;
  strcpy(s, "1.");
  memset(s + 2, '0', 10000);
  strcpy(s + 10002, "1");
  EXPECT(s, 0x3ff0000000000000u, 0, 0);
  /* 2^53 + 1 + 10^-10000: above the midpoint */
  strcpy(s, "9007199254740993.");
  n = strlen(s);
  memset(s + n, '0', 10000);
  strcpy(s + n + 10000, "1");
  EXPECT(s, 0x4340000000000001u, 0, 0);
  s[n + 10000] = '0'; /* all zeros: the midpoint itself, to even */
  EXPECT(s, 0x4340000000000000u, 0, 0);
  /* 800 nines: 10^-300 and 10^-310 (subnormal, inexact) from below */
  memset(s, '9', 800);
  strcpy(s + 800, "e-1100");
  EXPECT(s, bits_of(1e-300), 0, 0);
  strcpy(s + 800, "e-1110");
  EXPECT(s, bits_of(1e-310), ERANGE, 0);
  memset(s, '9', 800);
  strcpy(s + 800, "e-800"); /* 1 - 10^-800 rounds to 1 */
  EXPECT(s, 0x3ff0000000000000u, 0, 0);
}

static void hex(void) {
  EXPECT("0x1p-1074", 1, 0, 0);
  EXPECT("0x1p-1075", 0, ERANGE, 0);
  EXPECT("0x1.0000000000001p-1075", 1, ERANGE, 0);
  EXPECT("0x1.8p-1074", 2, ERANGE, 0); /* 1.5 units: to even */
  EXPECT("0x1.4p-1074", 1, ERANGE, 0);
  EXPECT("0x1p-1076", 0, ERANGE, 0);
  EXPECT("0x1.fffffffffffffp-1023", MIN_BITS, ERANGE, 0);
  EXPECT("0x1.fffffffffffff8p-1023", MIN_BITS, 0, 0); /* not tiny */
  EXPECT("0x1.fffffffffffff7p-1023", MIN_BITS, ERANGE, 0);
  EXPECT("0x0.fffffffffffffp-1022", 0x000fffffffffffffu, 0, 0);
  /* glibc's subnormals from more than 53 bits: the 54th bit is ignored
  ** (its round_and_return), in the rounding and in errno */
  EXPECT("0x1.ffffffffffff98p-1023", 0x000ffffffffffffcu, ERANGE, 0);
  EXPECT("0x1.ffffffffffff99p-1023", 0x000ffffffffffffdu, ERANGE, 0);
  EXPECT("0x1.ffffffffffff88p-1024", 0x0007fffffffffffeu, 0, 0);
  EXPECT("0x1.ffffffffffffa8p-1023", 0x000ffffffffffffdu, 0, 0);
  EXPECT("0x1.00000000000008p-1075", 0, ERANGE, 0);
  EXPECT("0x1.00000000000009p-1075", 1, ERANGE, 0);
  EXPECT("0xcc5f893a94ec6.a8ap-1074", 0x000cc5f893a94ec7u, ERANGE, 0);
  EXPECT("0x1.fffffffffffff8p1023", INF_BITS, ERANGE, 0);
  EXPECT("0x1.fffffffffffff7ffp1023", MAX_BITS, 0, 0);
  EXPECT("0x1.00000000000008p0", 0x3ff0000000000000u, 0, 0);
  EXPECT("0x1.00000000000018p0", 0x3ff0000000000002u, 0, 0);
  EXPECT("0x1.000000000000080000000000000000001p0", 0x3ff0000000000001u, 0,
         0);
  EXPECT("0x10000000000000000000000000000000p-123", 0x4000000000000000u, 0,
         0);
  EXPECT("0x.000000000000000000000000000000000000001p156",
         0x3ff0000000000000u, 0, 0);
  EXPECT("0X1P+1", 0x4000000000000000u, 0, 0);
  EXPECT("0x.8", 0x3fe0000000000000u, 0, 0);
  EXPECT("-0x1p99999999999999999999", INF_BITS | 1ull << 63, ERANGE, 0);
  EXPECT("0x0p99999999999999999999", 0, 0, 0);
  EXPECT("0x1p", 0x3ff0000000000000u, 0, 1);
  EXPECT("0x1p-", 0x3ff0000000000000u, 0, 2);
  EXPECT("0x", 0, 0, 1);
  EXPECT("-0x", 1ull << 63, 0, 1);
  EXPECT("0x.p1", 0, 0, 4);
  EXPECT("0xg", 0, 0, 2);
  EXPECT("0x1.8g", 0x3ff8000000000000u, 0, 1);
}

/* Where reading stops, and the words. */
static void syntax(void) {
  EXPECT("", 0, 0, 0);
  EXPECT("1e", 0x3ff0000000000000u, 0, 1);
  EXPECT("1e+", 0x3ff0000000000000u, 0, 2);
  EXPECT("1E-2x", bits_of(0.01), 0, 1);
  EXPECT(".", 0, 0, 1);
  EXPECT("-.e1", 0, 0, 4);
  EXPECT("  \t\n\v\f\r+.5 ", 0x3fe0000000000000u, 0, 1);
  EXPECT("- 1", 0, 0, 3);
  EXPECT("+-1", 0, 0, 3);
  EXPECT("-0", 1ull << 63, 0, 0);
  EXPECT("1.2.3", bits_of(1.2), 0, 2);
  EXPECT("00012", 0x4028000000000000u, 0, 0);
  EXPECT("infinity", INF_BITS, 0, 0);
  EXPECT("-InFiNiTy!", INF_BITS | 1ull << 63, 0, 1);
  EXPECT("infinit", INF_BITS, 0, 4);
  EXPECT("INF", INF_BITS, 0, 0);
  EXPECT("in", 0, 0, 2);
  EXPECT("nan", 0x7ff8000000000000u, 0, 0);
  EXPECT("-NaN", 0xfff8000000000000u, 0, 0);
  EXPECT("nan(", 0x7ff8000000000000u, 0, 1);
  EXPECT("nan(abc", 0x7ff8000000000000u, 0, 4);
  EXPECT("nan()", 0x7ff8000000000000u, 0, 0);
  EXPECT("nan(-1)", 0x7ff8000000000000u, 0, 4);
  /* glibc: the chars as strtoull(chars, 0) give the payload's low bits */
  EXPECT("nan(123)", 0x7ff800000000007bu, 0, 0);
  EXPECT("nan(0x7)", 0x7ff8000000000007u, 0, 0);
  EXPECT("nan(077)", 0x7ff800000000003fu, 0, 0);
  EXPECT("nan(0x)", 0x7ff8000000000000u, 0, 0);
  EXPECT("nan(09)", 0x7ff8000000000000u, 0, 0);
  EXPECT("nan(1_)", 0x7ff8000000000000u, 0, 0);
  EXPECT("nan(0xffffffffffffffffffff)", 0x7fffffffffffffffu, ERANGE, 0);
  EXPECT("nan(99999999999999999999z)", 0x7ff8000000000000u, ERANGE, 0);
}

static void contract(void) {
  char *end = NULL;
  const char *s = "  1.5e3 and more";
  errno = 12345;
  CHECK(strtod_exact(s, NULL) == 1500.0 && errno == 12345,
        "a NULL end is fine and errno is left alone on success");
  CHECK(strtod_exact(s, &end) == 1500.0 && end == s + 7,
        "*end just past the number");
  /* in the musl build, the C library's strtod is this engine's (musl's
  ** own ignores a NaN's payload); the sanitizer build keeps glibc's */
#if defined(__GLIBC__)
  CHECK(strtod_own() == 0, "strtod_own() under glibc");
#else
  CHECK(strtod_own() == 1, "strtod_own() in the musl unit build");
#endif
  CHECK(bits_of(strtod("nan(5)", NULL)) == 0x7ff8000000000005u,
        "strtod is strtod_exact");
  CHECK(bits_of(atof("0x1p-1074")) == 1, "atof reaches it too");
}

int main(void) {
  table();
  midpoints();
  literals();
  long_inputs();
  hex();
  syntax();
  contract();
  return UNIT_END();
}
