/*
** strtod.c: text to double, correctly rounded and fast: Clinger's fast
** path, then a 128-bit product with a power of five (Eisel-Lemire), then
** an exact big-number comparison for what those cannot decide; hex
** exactly.  The contract is in strtod.h.
** See LICENSE.
*/
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h> /* strtod, defined here in the musl build */
#include <string.h>

#include "config.h"
#include "strtod.h"
#include "strtod_pow5.h"

typedef unsigned __int128 u128;

#define SIGN_BIT 0x8000000000000000u
#define INF_BITS 0x7ff0000000000000u
#define QNAN_BITS 0x7ff8000000000000u
#define MIN_BITS 0x0010000000000000u /* DBL_MIN, the least normal */
#define UNDECIDED (~(uint64_t)0)     /* no double has these bits here */
#define MANT_MAX ((uint64_t)1 << 53)

/* Where the number ends (NULL: nothing read), |x|'s bits, and whether
** errno must say ERANGE. */
typedef struct result {
  const char *end;
  uint64_t bits;
  int range;
} result;

static int isdig(int c) { return (unsigned)(c - '0') < 10u; }

static int hexval(int c) {
  if (isdig(c)) return c - '0';
  c |= 32;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The bits of m * 2^e, m <= 2^53 already rounded, e >= -1074 (m < 2^52
** only when e == -1074: a subnormal).  Sets *range on overflow. */
static uint64_t compose(uint64_t m, int64_t e, int *range) {
  if (m == MANT_MAX) m >>= 1, e++;
  if (m == 0) return 0;
  if (e + 1075 >= 2047) {
    *range = 1;
    return INF_BITS;
  }
  /* a normal m carries the exponent's implicit 1 into place */
  return ((uint64_t)(e + 1074) << 52) + m;
}

/* {==== decimal */

/* A decimal number as read: value = w * 10^e, plus the digits after the
** 19th (trunc: one of them is not 0). */
typedef struct dec {
  const char *rest;  /* just after the 19th significant digit, or NULL */
  const char *mend;  /* end of the digits and point */
  uint64_t w;        /* the first nd significant digits */
  int nd;            /* at most 19: w < 10^19 < 2^64 */
  int trunc;
  int64_t e;
} dec;

/* Digits at p into *w until *nd reaches 19 (two at a time where both are
** digits: p[1] exists when p[0] is one); returns where they stop. */
static inline const char *take19(const char *p, uint64_t *wp, int *ndp) {
  uint64_t w = *wp; /* in registers: not through the pointers */
  int nd = *ndp;
  for (; nd < 18 && isdig(p[0]) && isdig(p[1]); p += 2, nd += 2)
    w = w * 100 + (uint64_t)(p[0] * 10 + p[1] - 11 * '0');
  for (; nd < 19 && isdig(*p); p++, nd++) w = w * 10 + (uint64_t)(*p - '0');
  *wp = w, *ndp = nd;
  return p;
}

/* Reads digits [. digits] [e[+-]digits] at p into *d; returns the end, or
** NULL when there is no digit before the exponent. */
static const char *scan_dec(const char *p, dec *d) {
  const char *stop;
  uint64_t w = 0;
  int64_t e = 0;
  int any = 0, nd = 0, trunc = 0;
  d->rest = NULL;
  for (; *p == '0'; p++) any = 1;
  p = take19(p, &w, &nd);
  if (nd == 19) d->rest = p;
  for (; isdig(*p); p++) e++, trunc |= *p != '0';
  if (*p == '.') {
    p++;
    if (nd == 0)
      for (; *p == '0'; p++) any = 1, e--;
    stop = take19(p, &w, &nd);
    e -= stop - p, p = stop;
    if (nd == 19 && d->rest == NULL) d->rest = p;
    for (; isdig(*p); p++) trunc |= *p != '0';
  }
  if (!any && nd == 0) return NULL;
  d->w = w, d->nd = nd, d->trunc = trunc, d->mend = p;
  if ((*p | 32) == 'e') {
    const char *q = p + 1;
    int neg = 0;
    int64_t x = 0;
    if (*q == '+' || *q == '-') neg = *q++ == '-';
    if (isdig(*q)) {
      /* past 10^8 the value is 0 or infinite whatever the digits say */
      for (; isdig(*q); q++)
        if (x < 100000000) x = x * 10 + (*q - '0');
      e += neg ? -x : x;
      p = q;
    }
  }
  d->e = e;
  return p;
}

/* Clinger: w and 10^|e| both exact doubles, so one IEEE operation rounds
** correctly.  Returns 0 when it does not apply. */
static int clinger(const dec *d, double *x) {
  static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                               1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                               1e18, 1e19, 1e20, 1e21, 1e22};
  uint64_t w = d->w;
  int64_t e = d->e;
  if (d->trunc || w > MANT_MAX) return 0;
  if (e > 22 && e <= 22 + 15) { /* 1234e30: move zeros into w if exact */
    uint64_t z = (uint64_t)p10[e - 22];
    if (w > MANT_MAX / z) return 0;
    w *= z;
    e = 22;
  }
  if (e < -22 || e > 22) return 0;
  *x = e < 0 ? (double)w / p10[-e] : (double)w * p10[e];
  return 1;
}

/* The top 128 bits *h and the low 64 bits *l of (w << *lz) * 5^q's table
** entry, w normalised so its top bit is set. */
static void product(uint64_t w, int q, u128 *h, uint64_t *l, int *lz) {
  const uint64_t *t = strtod_pow5[q - STRTOD_POW5_MIN];
  uint64_t wn;
  u128 lo;
  *lz = __builtin_clzll(w);
  wn = w << *lz;
  lo = (u128)wn * t[1];
  *h = (u128)wn * t[0] + (uint64_t)(lo >> 64);
  *l = (uint64_t)lo;
}

/*
** Eisel-Lemire: w * 10^q (w != 0, q in the table's range) rounded to
** nearest, as bits, when the 128-bit product decides it; else UNDECIDED.
** Overflow gives INF_BITS.  The product P is exact for 0 <= q <= 55;
** elsewhere the table entry is rounded down by less than 1, so the true
** product lies in (P, P + w') and only a P just below a midpoint (the bits
** under the mantissa one short of half) can round either way.  Subnormal
** results are decided here only for q < -27 (then w * 10^q, w < 5^28, is
** never a dyadic number, so the result is inexact: *range) and when they
** stay below DBL_MIN (whose tininess needs the exact path).
*/
static uint64_t lemire(uint64_t w, int q, int *range) {
  u128 h, rem, half;
  uint64_t l, m;
  int lz, top, up, keep, drop;
  int64_t be;
  product(w, q, &h, &l, &lz);
  top = 126 + (int)(h >> 127); /* the leading bit of h */
  be = top + q - lz - 63 + STRTOD_POW5_EXP(q) + 1023;
  if (be <= 0 && q >= -27) return UNDECIDED;
  keep = be > 0 ? 53 : (int)(52 + be); /* bits in the result's mantissa */
  if (keep <= 0) { /* below 2^-1074: 0, or 2^-1074 from 2^-1075 up */
    *range = 1;
    return keep == 0;
  }
  drop = top + 1 - keep;
  m = (uint64_t)(h >> drop);
  rem = h & (((u128)1 << drop) - 1);
  half = (u128)1 << (drop - 1);
  if (q >= 0 && q <= 55) {
    up = rem > half || (rem == half && (l != 0 || (m & 1)));
  } else {
    if (rem == half - 1 && l + (w << lz) < l) return UNDECIDED;
    up = rem >= half;
  }
  m += (uint64_t)up;
  if (be <= 0) { /* subnormal, inexact */
    if (m >= MANT_MAX / 2) return UNDECIDED; /* DBL_MIN: tiny or not */
    *range = 1;
    return m;
  }
  if (m == MANT_MAX) m >>= 1, be++;
  if (be >= 2047) {
    *range = 1;
    return INF_BITS;
  }
  return ((uint64_t)be << 52) | (m & (MANT_MAX / 2 - 1));
}

/* }==== */

/* {==== the exact path: big integers */

/* Enough for 801 decimal digits (2661 bits) and for 2^55 * 5^1124 (the
** largest power of five: 801 digits after a first one at 10^-324). */
#define BIG_LIMBS 44
#define MAX_DIGITS 800 /* a midpoint between doubles has at most 767 */

typedef struct big {
  int n;
  uint64_t v[BIG_LIMBS];
} big;

static const uint64_t pow10_64[] = {
    1u,           10u,           100u,           1000u,
    10000u,       100000u,       1000000u,       10000000u,
    100000000u,   1000000000u,   10000000000u,   100000000000u,
    1000000000000u, 10000000000000u, 100000000000000u, 1000000000000000u,
    10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u};

/* 5^0 .. 5^27, the powers of five below 2^64 */
static const uint64_t pow5_64[] = {
    0x1u,          0x5u,          0x19u,         0x7du,
    0x271u,        0xc35u,        0x3d09u,       0x1312du,
    0x5f5e1u,      0x1dcd65u,     0x9502f9u,     0x2e90eddu,
    0xe8d4a51u,    0x48c27395u,   0x16bcc41e9u,  0x71afd498du,
    0x2386f26fc1u, 0xb1a2bc2ec5u, 0x3782dace9d9u, 0x1158e460913du,
    0x56bc75e2d631u,     0x1b1ae4d6e2ef5u,    0x878678326eac9u,
    0x2a5a058fc295edu,   0xd3c21bcecceda1u,   0x422ca8b0a00a425u,
    0x14adf4b7320334b9u, 0x6765c793fa10079du};

/* b = b * m + a.  A carry past BIG_LIMBS is dropped (the operands are
** bounded below it). */
static void big_muladd(big *b, uint64_t m, uint64_t a) {
  u128 c = a;
  int i;
  for (i = 0; i < b->n; i++) {
    c += (u128)b->v[i] * m;
    b->v[i] = (uint64_t)c;
    c >>= 64;
  }
  if (c && b->n < BIG_LIMBS) b->v[b->n++] = (uint64_t)c;
}

static void big_set(big *b, uint64_t x) {
  b->n = x != 0;
  b->v[0] = x;
}

static void big_pow5(big *b, int64_t n) {
  for (; n >= 27; n -= 27) big_muladd(b, pow5_64[27], 0);
  if (n) big_muladd(b, pow5_64[n], 0);
}

static int64_t big_bits(const big *b) {
  return b->n == 0 ? 0 : 64 * b->n - __builtin_clzll(b->v[b->n - 1]);
}

/* a * 2^s against b, s >= 0: -1, 0 or 1, without forming the shift. */
static int big_cmp_shl(const big *a, int64_t s, const big *b) {
  int64_t la = big_bits(a), lb = big_bits(b);
  int words, bits, i;
  if (la == 0 || lb == 0) return (la != 0) - (lb != 0);
  if (la + s != lb) return la + s < lb ? -1 : 1;
  words = (int)(s / 64), bits = (int)(s % 64);
  for (i = b->n - 1; i >= 0; i--) {
    int j = i - words;
    uint64_t x = 0;
    if (j >= 0 && j < a->n) x = a->v[j] << bits;
    if (bits && j >= 1 && j - 1 < a->n) x |= a->v[j - 1] >> (64 - bits);
    if (x != b->v[i]) return x < b->v[i] ? -1 : 1;
  }
  return 0;
}

/* 1 and their value in *v when the 8 bytes at p are all digits (SWAR:
** checked all at once, then pairs, fours and all eight combined). */
static int eight(const char *p, uint64_t *v) {
  const uint64_t hi = 0xf0f0f0f0f0f0f0f0u, pairs = 0x000000ff000000ffu;
  uint64_t x;
  memcpy(&x, p, 8); /* little-endian: the first digit lowest */
  if (((x & hi) | (((x + 0x0606060606060606u) & hi) >> 4)) !=
      0x3333333333333333u)
    return 0;
  x -= 0x3030303030303030u;
  x = x * 10 + (x >> 8);
  *v = ((x & pairs) * (100 + ((uint64_t)1000000 << 32)) +
        ((x >> 16) & pairs) * (1 + ((uint64_t)10000 << 32))) >>
       32;
  return 1;
}

/* The first MAX_DIGITS significant digits of d into *b, then a digit 1
** when a later digit is not 0 (that keeps every comparison with a
** midpoint exact); returns k with value ~ b * 10^k.  The first nd digits
** are d->w already; the rest go in 19 at a time, 8 at once where the
** bytes up to d->mend are all digits. */
static int64_t load_digits(const dec *d, big *b) {
  const char *p = d->rest, *end = d->mend;
  uint64_t chunk = 0, x;
  int cn = 0, k = d->nd, sticky = 0;
  big_set(b, d->w);
  while (p != NULL && p < end) {
    if (*p == '.') {
      p++;
      continue;
    }
    if (k == MAX_DIGITS) {
      for (; p < end && !sticky; p++) sticky = *p != '0' && *p != '.';
      break;
    }
    if (cn <= 11 && k <= MAX_DIGITS - 8 && end - p >= 8 && eight(p, &x)) {
      chunk = chunk * 100000000u + x;
      cn += 8, k += 8, p += 8;
    } else {
      chunk = chunk * 10 + (uint64_t)(*p++ - '0');
      cn++, k++;
    }
    if (cn == 19) {
      big_muladd(b, pow10_64[19], chunk);
      chunk = 0, cn = 0;
    }
  }
  if (cn) big_muladd(b, pow10_64[cn], chunk);
  if (sticky) big_muladd(b, 10, 1), k++;
  return d->e + d->nd - k;
}

/* The value against c * 2^f: -1, 0 or 1.  The value is D * 2^k, D
** already multiplied by 5^k, when k >= 0, else D * 2^k / P, P = 5^-k. */
static int against(const big *D, int64_t k, const big *P, uint64_t c,
                   int64_t f) {
  big y;
  if (c == 0) return 1; /* the value is not 0 */
  if (k >= 0) big_set(&y, c);
  else { /* D * 2^k against c * P * 2^f */
    y.n = P->n;
    memcpy(y.v, P->v, (size_t)P->n * sizeof P->v[0]);
    big_muladd(&y, c, 0);
  }
  return k >= f ? big_cmp_shl(D, k - f, &y) : -big_cmp_shl(&y, f - k, D);
}

/*
** A shortcut before the big numbers, for a numeral whose first 19 digits
** w * 10^q (-27 <= q <= 0) are a dyadic number with at least 54 bits,
** W * 2^q (5^-q divides w), followed by digits not all 0 (d->trunc): the
** rest adds less than 10^q <= 2^q, below W's last bit and so below half
** a unit of the result, so W rounds with a sticky bit: up from half on.
** That is 2^53 + 1 and the like (midpoints between doubles from 2^53 up)
** with a tail of decimals.  Else UNDECIDED.
*/
static uint64_t dyadic(uint64_t w, int q, int *range) {
  uint64_t p, W, m;
  int drop;
  if (q < -27 || q > 0) return UNDECIDED;
  p = pow5_64[-q];
  if (w % p != 0) return UNDECIDED;
  W = w / p;
  drop = 64 - __builtin_clzll(W) - 53;
  if (drop <= 0) return UNDECIDED;
  m = (W >> drop) + ((W >> (drop - 1)) & 1);
  return compose(m, q + drop, range);
}

/*
** The exact path: a candidate b0 = m * 2^E at or below the value, less
** than two units of the last place under it (the product truncated),
** then the value against the midpoint b0 + 1/2 unit decides between b0
** and the next double (ties to even).  For results up to DBL_MIN it also
** decides errno: ERANGE when the value is inexact and tiny after
** rounding (below DBL_MIN - 2^-1076, as x86-64's glibc has it).
*/
static uint64_t exact(const dec *d, int *range) {
  big D, P;
  u128 h;
  uint64_t l, m, bits;
  int lz, c, q = (int)d->e;
  int64_t e2, k, E, base;
  product(d->w, q, &h, &l, &lz);
  base = q - lz - 63 + STRTOD_POW5_EXP(q); /* value ~ h * 2^base */
  e2 = base + 126 + (int)(h >> 127);
  E = e2 - 52 < -1074 ? -1074 : e2 - 52;
  m = E - base >= 128 ? 0 : (uint64_t)(h >> (E - base));
  k = load_digits(d, &D);
  if (k >= 0) big_pow5(&D, k);
  else big_set(&P, 1), big_pow5(&P, -k);
  c = against(&D, k, &P, 2 * m + 1, E - 1);
  if (c > 0 || (c == 0 && (m & 1))) m++;
  bits = compose(m, E, range);
  if (bits <= MIN_BITS) {
    int inexact = c == 0 || against(&D, k, &P, m, E) != 0;
    int tiny = bits < MIN_BITS ||
               against(&D, k, &P, ((uint64_t)1 << 54) - 1, -1076) < 0;
    if (inexact && tiny) *range = 1;
  }
  return bits;
}

/* }==== */

static result decimal(const char *p) {
  result r = {NULL, 0, 0};
  dec d;
  double x;
  r.end = scan_dec(p, &d);
  if (r.end == NULL || d.w == 0) return r; /* nothing, or zero */
  if (clinger(&d, &x)) {
    memcpy(&r.bits, &x, sizeof x);
    return r;
  }
  if (d.e < STRTOD_POW5_MIN || d.e > STRTOD_POW5_MAX) {
    /* below 10^19 * 10^-343 < 2^-1075, or at least 10^309 */
    r.range = 1;
    r.bits = d.e < 0 ? 0 : INF_BITS;
    return r;
  }
  if (d.trunc) { /* between w and w + 1 units: decided if both agree */
    int r1 = 0, r2 = 0;
    r.bits = lemire(d.w, (int)d.e, &r1);
    if (r.bits == UNDECIDED || r1 ||
        r.bits != lemire(d.w + 1, (int)d.e, &r2) || r2)
      r.bits = UNDECIDED; /* errno of a subnormal: the exact path says */
  } else
    r.bits = lemire(d.w, (int)d.e, &r.range);
  if (r.bits == UNDECIDED && d.trunc)
    r.bits = dyadic(d.w, (int)d.e, &r.range);
  if (r.bits == UNDECIDED) r.range = 0, r.bits = exact(&d, &r.range);
  return r;
}

/* {==== hexadecimal */

/* m * 2^e rounded to keep bits (sticky: nonzero bits below m), as the
** rounded mantissa; *inexact says whether anything was lost. */
static uint64_t round_bits(uint64_t m, int sticky, int keep,
                           int *inexact) {
  int len = 64 - __builtin_clzll(m), sh = len - keep;
  uint64_t half, rest, r;
  if (sh <= 0) {
    *inexact = sticky;
    return m << -sh;
  }
  if (sh > 64) {
    *inexact = 1;
    return 0;
  }
  half = (uint64_t)1 << (sh - 1);
  rest = m & (half - 1);
  r = sh == 64 ? 0 : m >> sh;
  *inexact = (m & half) || rest || sticky;
  if ((m & half) && (rest || sticky || (r & 1))) r++;
  return r;
}

/*
** A subnormal from hex digits m (sticky: nonzero digits dropped after
** them), the leading bit of the value at 2^top (-1075 <= top < -1022),
** rounded as glibc rounds it, which is not always to nearest: its
** round_and_return cuts the digits to 53 bits first and, shifting them
** into place, forgets the 54th (neither rounding nor errno sees it), so
** 0x1.ffffffffffff98p-1023 gives 0x0.ffffffffffffcp-1022, not ...d (glibc
** 2.36, Debian 12's; its current source has the same code).  lua5.4 reads
** numerals with glibc, and moonbox must read them alike.  ERANGE when what
** glibc sees is inexact and the value tiny (53 bits, rounded, still below
** 2^-1022).
*/
static uint64_t subnormal(uint64_t m, int sticky, int top, int *range) {
  int len = 64 - __builtin_clzll(m), inexact, dummy;
  uint64_t m53, r;
  int more = sticky;
  if (len > 54) more |= (m & (((uint64_t)1 << (len - 54)) - 1)) != 0;
  if (len > 53) m53 = m >> (len - 53);
  else m53 = m << (53 - len);
  r = round_bits(m53, more, top + 1075, &inexact);
  if (inexact &&
      (top < -1023 || round_bits(m, sticky, 53, &dummy) != MANT_MAX))
    *range = 1;
  return compose(r, -1074, range);
}

/* 0x at p (a hex digit or a point follows, or not): "0x" alone is "0". */
static result hex(const char *p) {
  result r = {p + 1, 0, 0};
  const char *q = p + 2;
  uint64_t m = 0;
  int64_t e = 0, top, x = 0;
  int any = 0, sticky = 0, v, inexact;
  for (; (v = hexval(*q)) >= 0; q++, any = 1) {
    if (m >> 60) e += 4, sticky |= v;
    else m = m * 16 + (uint64_t)v;
  }
  if (*q == '.')
    for (q++; (v = hexval(*q)) >= 0; q++, any = 1) {
      if (m >> 60) sticky |= v;
      else m = m * 16 + (uint64_t)v, e -= 4;
    }
  if (!any) return r;
  r.end = q;
  if ((*q | 32) == 'p') {
    int neg = 0;
    q++;
    if (*q == '+' || *q == '-') neg = *q++ == '-';
    if (isdig(*q)) {
      for (; isdig(*q); q++)
        if (x < 100000000) x = x * 10 + (*q - '0');
      e += neg ? -x : x;
      r.end = q;
    }
  }
  if (m == 0) return r;
  top = e + 63 - __builtin_clzll(m); /* the value is in [2^top, 2^top+1) */
  if (top > 1023) {
    r.range = 1;
    r.bits = INF_BITS;
    return r;
  }
  if (top < -1075) {
    r.range = 1; /* below half the least subnormal */
    return r;
  }
  if (top >= -1022) {
    r.bits = compose(round_bits(m, sticky, 53, &inexact), top - 52, &r.range);
    return r;
  }
  r.bits = subnormal(m, sticky, (int)top, &r.range);
  return r;
}

/* }==== */

/* {==== inf and nan */

/* Matches the lower-case word w at p in any case: its length, else 0. */
static int word(const char *p, const char *w) {
  int i;
  for (i = 0; w[i]; i++)
    if ((p[i] | 32) != w[i]) return 0;
  return i;
}

/* glibc's NaN payload: strtoull(a, &end, 0) on a..b, which holds only
** letters, digits and '_'; *all when it reads all of them.  Sets *range
** when the number passes 64 bits (strtoull's ERANGE). */
static uint64_t payload(const char *a, const char *b, int *all,
                        int *range) {
  uint64_t x = 0;
  unsigned base = 10;
  int v;
  if (a < b && *a == '0') {
    base = 8;
    if ((a[1] | 32) == 'x' && a + 2 < b && hexval(a[2]) >= 0)
      base = 16, a += 2;
  }
  for (; a < b && (v = hexval(*a)) >= 0 && (unsigned)v < base; a++) {
    if (x > (UINT64_MAX - (unsigned)v) / base) *range = 1, x = UINT64_MAX;
    else x = x * base + (unsigned)v;
  }
  *all = a == b;
  return x;
}

static result special(const char *p) {
  result r = {NULL, 0, 0};
  const char *q;
  int all;
  uint64_t x;
  if (word(p, "inf")) {
    r.end = p + (word(p, "infinity") ? 8 : 3);
    r.bits = INF_BITS;
  } else if (word(p, "nan")) {
    r.end = p + 3;
    r.bits = QNAN_BITS;
    if (p[3] == '(') {
      for (q = p + 4; isdig(*q) || ((*q | 32) >= 'a' && (*q | 32) <= 'z') ||
                      *q == '_';
           q++)
        ;
      if (*q == ')') {
        x = payload(p + 4, q, &all, &r.range);
        if (all) r.bits |= x & 0x0007ffffffffffffu;
        r.end = q + 1;
      }
    }
  }
  return r;
}

/* }==== */

static double parse(const char *s, char **end) {
  const char *p = s;
  uint64_t sign = 0;
  result r;
  double x;
  while (*p == ' ' || (unsigned)(*p - '\t') < 5u) p++;
  if (*p == '-' || *p == '+') sign = *p++ == '-' ? SIGN_BIT : 0;
  if (p[0] == '0' && (p[1] | 32) == 'x') r = hex(p);
  else if (isdig(*p) || *p == '.') r = decimal(p);
  else r = special(p);
  if (r.end == NULL) r.end = s, sign = 0;
  if (end) *end = (char *)r.end;
  if (r.range) errno = ERANGE;
  r.bits |= sign;
  memcpy(&x, &r.bits, sizeof x);
  return x;
}

double strtod_exact(const char *s, char **end) { return parse(s, end); }

int strtod_own(void) { return MOONBOX_OWN_STRTOD; }

#if MOONBOX_OWN_STRTOD
double strtod(const char *restrict s, char **restrict end) {
  return parse(s, end);
}
#endif
