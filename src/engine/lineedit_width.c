/*
** lineedit_width.c: UTF-8 decoding and display widths for the line editor.
** See LICENSE.
*/
#include "lineedit_int.h"
#include "lineedit_width.h"

/* The editor never asks the terminal where the cursor is (lineedit_term.c
** says why): it predicts every column from these widths, and a width the
** terminal disagrees with shifts the rest of the line by the difference. */

/* {==== UTF-8 */

/* Length of the valid UTF-8 sequence at s (1-4) with its code point in
** *cp, or 0 when s[0] does not start one.  Strict, as in RFC 3629: C0, C1
** and F5-FF never lead; overlong forms, surrogates and values past
** U+10FFFF are refused.  Refused bytes are kept and drawn one by one. */
size_t lew_u8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  static const uint32_t minv[5] = {0, 0, 0x80, 0x800, 0x10000};
  size_t len, i;
  uint32_t c;
  if (n == 0) return 0;
  c = s[0];
  if (c < 0x80) return *cp = c, 1;
  if (c < 0xc2 || c > 0xf4) return 0;
  len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
  if (len > n) return 0;
  c &= 0x3f >> (len - 1); /* the lead byte's 5, 4 or 3 payload bits */
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3f);
  }
  if (c < minv[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
    return 0;
  *cp = c;
  return len;
}

/* }==== */

/* {==== WIDTH TABLES */

/* Written for this editor from Unicode Character Database properties:
** closed ranges, sorted and disjoint, for a binary search.  Code points in
** neither table take one column, East Asian Width "A" (ambiguous: Greek,
** Cyrillic, box drawing) included, as terminals outside CJK setups draw
** them. */
typedef struct {
  uint32_t lo, hi;
} urange;

/* Zero columns.  Each range holds nonspacing or enclosing marks (Mn, Me)
** or format characters (Cf: zero-width space and joiners, direction marks,
** word joiner, BOM, tags), some blocks taken whole; except U+1160-U+11FF,
** Hangul medial vowels and final consonants, which a terminal stacks onto
** the leading consonant before them.  Partial: the general combining
** blocks, Cyrillic, Hebrew, Arabic, part of Devanagari, Thai; the marks of
** other scripts (Bengali, Tamil, Tibetan, ...) count one column here. */
static const urange zero_tab[] = {
  {0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x05bf, 0x05bf},
  {0x05c1, 0x05c2}, {0x05c4, 0x05c5}, {0x05c7, 0x05c7}, {0x0610, 0x061a},
  {0x064b, 0x065f}, {0x0670, 0x0670}, {0x06d6, 0x06dc}, {0x06df, 0x06e4},
  {0x06e7, 0x06e8}, {0x06ea, 0x06ed}, {0x0900, 0x0902}, {0x093c, 0x093c},
  {0x0941, 0x0948}, {0x094d, 0x094d}, {0x0e31, 0x0e31}, {0x0e34, 0x0e3a},
  {0x0e47, 0x0e4e}, {0x1160, 0x11ff}, {0x1ab0, 0x1aff}, {0x1dc0, 0x1dff},
  {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064}, {0x20d0, 0x20ff},
  {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f}, {0xfeff, 0xfeff}, {0xe0000, 0xe007f},
  {0xe0100, 0xe01ef},
};

/* Two columns: East Asian Width W (wide) and F (fullwidth); since Unicode
** 9.0, W includes every emoji with default emoji presentation (U+231A
** WATCH, ...).  CJK, Hangul, Yi, Kana, Tangut and Nushu blocks are taken
** whole, planes 2 and 3 too.  Checked against Unicode 14.0's
** EastAsianWidth.txt: each assigned code point listed is W or F except
** U+3248-U+324F (A); not listed are U+16FF0-1, U+18B00-U+18CD5, U+18D00-8
** (new in 13.0), U+1AFF0-E, U+1F6DD-F and U+1F7F0 (new in 14.0).  That is
** Unicode 12.1 plus the emoji of 13.0. */
static const urange wide_tab[] = {
  {0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec},
  {0x23f0, 0x23f0}, {0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615},
  {0x2648, 0x2653}, {0x267f, 0x267f}, {0x2693, 0x2693}, {0x26a1, 0x26a1},
  {0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5}, {0x26ce, 0x26ce},
  {0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
  {0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b},
  {0x2728, 0x2728}, {0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755},
  {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27b0, 0x27b0}, {0x27bf, 0x27bf},
  {0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55}, {0x2e80, 0x303e},
  {0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
  {0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19},
  {0xfe30, 0xfe6f}, {0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x16fe0, 0x16fe4},
  {0x17000, 0x18aff}, {0x1b000, 0x1b2ff}, {0x1f004, 0x1f004},
  {0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
  {0x1f200, 0x1f202}, {0x1f210, 0x1f23b}, {0x1f240, 0x1f248},
  {0x1f250, 0x1f251}, {0x1f260, 0x1f265}, {0x1f300, 0x1f320},
  {0x1f32d, 0x1f335}, {0x1f337, 0x1f37c}, {0x1f37e, 0x1f393},
  {0x1f3a0, 0x1f3ca}, {0x1f3cf, 0x1f3d3}, {0x1f3e0, 0x1f3f0},
  {0x1f3f4, 0x1f3f4}, {0x1f3f8, 0x1f43e}, {0x1f440, 0x1f440},
  {0x1f442, 0x1f4fc}, {0x1f4ff, 0x1f53d}, {0x1f54b, 0x1f54e},
  {0x1f550, 0x1f567}, {0x1f57a, 0x1f57a}, {0x1f595, 0x1f596},
  {0x1f5a4, 0x1f5a4}, {0x1f5fb, 0x1f64f}, {0x1f680, 0x1f6c5},
  {0x1f6cc, 0x1f6cc}, {0x1f6d0, 0x1f6d2}, {0x1f6d5, 0x1f6d7},
  {0x1f6eb, 0x1f6ec}, {0x1f6f4, 0x1f6fc}, {0x1f7e0, 0x1f7eb},
  {0x1f90c, 0x1f93a}, {0x1f93c, 0x1f945}, {0x1f947, 0x1f9ff},
  {0x1fa70, 0x1faff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

static int in_table(uint32_t c, const urange *t, size_t n) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c < t[mid].lo) hi = mid;
    else if (c > t[mid].hi) lo = mid + 1;
    else return 1;
  }
  return 0;
}

/* Columns of a printable code point (the caller handles controls).
** Nothing below U+0300 is wide or zero-width: ASCII skips the searches. */
int lew_cp_width(uint32_t c) {
  if (c < 0x300) return 1;
  if (in_table(c, zero_tab, TABLEN(zero_tab))) return 0;
  return in_table(c, wide_tab, TABLEN(wide_tab)) ? 2 : 1;
}

/* }==== */

/* {==== CURSOR STOPS */

/* Bytes of the unit at i: a valid character, else one stray byte. */
static size_t unit_len(const char *s, size_t n, size_t i) {
  uint32_t cp;
  size_t len = lew_u8_decode((const unsigned char *)s + i, n - i, &cp);
  return len ? len : 1;
}

/* len > 1: ASCII is never zero-width; a stray byte is drawn as \xNN. */
static int zero_width_at(const char *s, size_t n, size_t i) {
  uint32_t cp;
  size_t len = lew_u8_decode((const unsigned char *)s + i, n - i, &cp);
  return len > 1 && lew_cp_width(cp) == 0;
}

/* Valid sequences never overlap a lead byte, so looking back at most 3
** bytes for one that ends at i agrees with forward decoding. */
size_t lew_unit_back(const char *s, size_t i) {
  size_t k;
  for (k = 2; k <= 4 && k <= i; k++) {
    uint32_t cp;
    size_t at = i - k;
    if (lew_u8_decode((const unsigned char *)s + at, i - at, &cp) == k)
      return at;
  }
  return i - 1;
}

/* Cursor stops skip zero-width characters: they belong to their base. */
size_t lew_next_pos(const char *s, size_t n, size_t i) {
  if (i >= n) return n;
  i += unit_len(s, n, i);
  while (i < n && zero_width_at(s, n, i)) i += unit_len(s, n, i);
  return i;
}

size_t lew_prev_pos(const char *s, size_t n, size_t i) {
  while (i > 0) {
    i = lew_unit_back(s, i);
    if (!zero_width_at(s, n, i)) break;
  }
  return i;
}

/* }==== */

/* {==== TEXT AS DRAWN */

void lew_measure(const char *s, size_t n, size_t col, lew_unit *u) {
  uint32_t cp = 0;
  size_t len = lew_u8_decode((const unsigned char *)s, n, &cp);
  u->len = len ? len : 1;
  /* C1 controls are valid UTF-8, but terminals obey some (U+009B is CSI) */
  if (len == 0 || (cp >= 0x80 && cp < 0xa0))
    u->len = 1, u->w = 4, u->kind = LEW_HEX;
  else if (cp == '\n') u->w = 0, u->kind = LEW_NL;
  else if (cp == '\t') u->w = 8 - col % 8, u->kind = LEW_TAB;
  else if (cp < 0x20 || cp == 0x7f) u->w = 2, u->kind = LEW_CTRL;
  else u->w = (size_t)lew_cp_width(cp), u->kind = LEW_TEXT;
}

size_t lew_text_width(const char *s, size_t n) {
  size_t col = 0, i = 0;
  while (i < n) {
    lew_unit u;
    lew_measure(s + i, n - i, col, &u);
    col += u.w;
    i += u.len;
  }
  return col;
}

/* }==== */
