/*
** tz_strftime.c: the tz engine's formatter: strftime in the C locale, as
** glibc 2.36 writes it. The contract is in tz.h. See LICENSE.
*/
#include <limits.h>
#include <string.h>

#include "cal.h"
#include "tz.h"

/* {==== FORMATTING: strftime in the C locale, as glibc 2.36 writes it */

/* Longest text of one conversion: %Z (up to TZ_ABBR_MAX), or %c of the
** largest year (31 bytes). */
#define CONV_MAX (TZ_ABBR_MAX + 1 > 64 ? TZ_ABBR_MAX + 1 : 64)

/* Lua 5.4's L_STRFTIMEC99: one-letter conversions, then after "||" the
** two-letter ones with an E or O modifier. */
static const char conversions[] =
    "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
    "||" "EcECExEXEyEY" "OdOeOHOIOmOMOSOuOUOVOwOWOy";

static const char *const wday_name[] = {"Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const mon_name[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};

/* The length of the conversion at s (after '%', n bytes left), as Lua's
** checkoption finds it, or 0 when there is none. */
static size_t conv_len(const char *s, size_t n) {
  const char *o = conversions;
  size_t len = 1;
  for (; *o != '\0' && len <= n; o += len) {
    if (*o == '|') len++;
    else if (memcmp(s, o, len) == 0) return len;
  }
  return 0;
}

static int64_t floormod(int64_t a, int64_t b) {
  return a - cal_floordiv(a, b) * b;
}

/* glibc's year arithmetic is int: tm_year + 1900 wraps past INT_MAX. */
static int64_t wrap_int(int64_t v) {
  return v > INT_MAX ? v - ((int64_t)UINT_MAX + 1) : v;
}

/* v in decimal, at least width digits padded with pad ('0' or ' '). */
static size_t num(char *out, int64_t v, int width, char pad) {
  char d[24];
  size_t n = 0, k = 0;
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do d[n++] = (char)('0' + u % 10); while ((u /= 10) != 0);
  if (v < 0) out[k++] = '-';
  for (; (int)n < width; width--) out[k++] = pad;
  while (n > 0) out[k++] = d[--n];
  return k;
}

static size_t text(char *out, const char *s, size_t n) {
  memcpy(out, s, n);
  return n;
}

/* Entry i of a name table of n, whole or its first 3 letters; "?" out
** of range, as glibc prints it. */
static size_t name(char *out, const char *const *names, int n, int i,
                   int abbr) {
  if (i < 0 || i >= n) return text(out, "?", 1);
  return text(out, names[i], abbr ? 3 : strlen(names[i]));
}

/* Days since the Monday of ISO week 1 of the year of yday (glibc's
** iso_week_days): negative when yday is in the previous year's weeks. */
static int64_t iso_days(int64_t yday, int64_t wday) {
  int64_t big = (366 / 7 + 2) * 7;
  return yday - floormod(yday - wday + 4 + big, 7) + 3;
}

/* ISO 8601 week-based year offset (-1, 0, 1) and week number. */
static int iso_week(const tz_tm *tm, int64_t *week) {
  int adj = 0;
  int64_t d = iso_days(tm->yday, tm->wday), d2;
  if (d < 0) {
    adj = -1;
    d = iso_days((int64_t)tm->yday + 365 + cal_leap(tm->year - 1),
                 tm->wday);
  } else if ((d2 = iso_days((int64_t)tm->yday - 365 - cal_leap(tm->year),
                            tm->wday)) >= 0) {
    adj = 1;
    d = d2;
  }
  *week = d / 7 + 1;
  return adj;
}

static size_t conv(char *out, int c, const tz_tm *tm);

/* A composite conversion (%c, %D...): its parts, one after another. */
static size_t compose(char *out, const char *fmt, const tz_tm *tm) {
  size_t n = 0;
  for (; *fmt; fmt++)
    if (*fmt == '%') n += conv(out + n, *++fmt, tm);
    else out[n++] = *fmt;
  return n;
}

/* %z: +hhmm, seconds of the offset dropped (LMT -4:56:02 is -0456). */
static size_t offset(char *out, int32_t off) {
  int64_t a = off < 0 ? -(int64_t)off : off;
  size_t n = 1;
  out[0] = off < 0 ? '-' : '+';
  n += num(out + n, a / 3600, 2, '0');
  return n + num(out + n, a / 60 % 60, 2, '0');
}

/* The numbers behind the conversions, in 64 bits so that no field value
** can overflow. */
static int64_t hour12(const tz_tm *tm) {
  return floormod((int64_t)tm->hour + 11, 12) + 1;
}

static int64_t wday1(const tz_tm *tm) {
  return floormod((int64_t)tm->wday + 6, 7) + 1;
}

static int64_t week_sun(const tz_tm *tm) {
  return cal_floordiv((int64_t)tm->yday - tm->wday + 7, 7);
}

static int64_t week_mon(const tz_tm *tm) {
  return cal_floordiv((int64_t)tm->yday - (wday1(tm) - 1) + 7, 7);
}

/* %g %G %V: the ISO 8601 week-based year and week. */
static size_t iso(char *out, int c, const tz_tm *tm) {
  int64_t week, y = wrap_int(tm->year + iso_week(tm, &week));
  if (c == 'V') return num(out, week, 2, '0');
  return c == 'G' ? num(out, y, 1, '0') : num(out, floormod(y, 100), 2, '0');
}

/* One conversion c (the E and O modifiers change nothing in the C
** locale) into out, which holds CONV_MAX bytes. A dispatcher. */
static size_t conv(char *out, int c, const tz_tm *tm) {
  int64_t y = wrap_int(tm->year);
  switch (c) {
    case 'a': return name(out, wday_name, 7, tm->wday, 1);
    case 'A': return name(out, wday_name, 7, tm->wday, 0);
    case 'b': case 'h': return name(out, mon_name, 12, tm->mon, 1);
    case 'B': return name(out, mon_name, 12, tm->mon, 0);
    case 'c': return compose(out, "%a %b %e %H:%M:%S %Y", tm);
    case 'C': return num(out, cal_floordiv(y, 100), 1, '0');
    case 'd': return num(out, tm->mday, 2, '0');
    case 'D': case 'x': return compose(out, "%m/%d/%y", tm);
    case 'e': return num(out, tm->mday, 2, ' ');
    case 'F': return compose(out, "%Y-%m-%d", tm);
    case 'g': case 'G': case 'V': return iso(out, c, tm);
    case 'H': return num(out, tm->hour, 2, '0');
    case 'I': return num(out, hour12(tm), 2, '0');
    case 'j': return num(out, (int64_t)tm->yday + 1, 3, '0');
    case 'm': return num(out, (int64_t)tm->mon + 1, 2, '0');
    case 'M': return num(out, tm->min, 2, '0');
    case 'n': return text(out, "\n", 1);
    case 'p': return text(out, tm->hour < 12 ? "AM" : "PM", 2);
    case 'r': return compose(out, "%I:%M:%S %p", tm);
    case 'R': return compose(out, "%H:%M", tm);
    case 'S': return num(out, tm->sec, 2, '0');
    case 't': return text(out, "\t", 1);
    case 'T': case 'X': return compose(out, "%H:%M:%S", tm);
    case 'u': return num(out, wday1(tm), 1, '0');
    case 'U': return num(out, week_sun(tm), 2, '0');
    case 'w': return num(out, tm->wday, 1, '0');
    case 'W': return num(out, week_mon(tm), 2, '0');
    case 'y': return num(out, floormod(tm->year - 1900, 100), 2, '0');
    case 'Y': return num(out, y, 1, '0');
    case 'z': return offset(out, tm->gmtoff);
    case 'Z': return text(out, tm->abbr, strnlen(tm->abbr, TZ_ABBR_MAX));
    default: return text(out, "%", 1); /* '%%' */
  }
}

/* The conversion at fmt[*i] == '%' to the sink; *i moves past it. */
static tz_result put_conv(const tz_tm *tm, const char *fmt, size_t len,
                          size_t *i, tz_sink sink, void *ud) {
  char out[CONV_MAX];
  size_t n = conv_len(fmt + *i + 1, len - *i - 1), k;
  if (n == 0) {
    ++*i;
    return TZ_EFORMAT;
  }
  k = conv(out, fmt[*i + n], tm);
  if (k > 0 && sink(ud, out, k) != 0) return TZ_EOUTPUT;
  *i += n + 1;
  return TZ_OK;
}

/* Runs of plain text go to the sink whole, each conversion's text in one
** piece from a local buffer. */
tz_result tz_strftime(const tz_tm *tm, const char *fmt, size_t len,
                      tz_sink sink, void *ud, size_t *stop) {
  size_t i = 0;
  tz_result rc = TZ_OK;
  while (i < len && rc == TZ_OK) {
    const char *pct = memchr(fmt + i, '%', len - i);
    size_t j = pct ? (size_t)(pct - fmt) : len;
    if (j > i && sink(ud, fmt + i, j - i) != 0) rc = TZ_EOUTPUT;
    else if ((i = j) < len) rc = put_conv(tm, fmt, len, &i, sink, ud);
  }
  if (stop) *stop = i;
  return rc;
}

/* }==== */
