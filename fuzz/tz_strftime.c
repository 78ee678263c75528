/*
** fuzz/tz_strftime.c: libFuzzer target for the tz engine's formatter:
** arbitrary formats over times from tz_localtime and over raw fields.
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The sink: copies into a buffer and refuses what does not fit, so the
** stop path runs too. */
typedef struct out {
  char b[512];
  size_t len;
} out;

static int put(void *ud, const char *s, size_t n) {
  out *o = ud;
  if (n == 0) abort(); /* the contract: no empty pieces */
  if (n > sizeof o->b - o->len) return 1;
  memcpy(o->b + o->len, s, n);
  o->len += n;
  return 0;
}

/* Formats fmt; the stop offset must lie inside it. */
static void run(const tz_tm *tm, const char *fmt, size_t len) {
  out o;
  size_t stop;
  o.len = 0;
  tz_result rc = tz_strftime(tm, fmt, len, put, &o, &stop);
  if (stop > len || (rc == TZ_OK && stop != len)) abort();
}

/* Input: 8 bytes of instant (little-endian), then the format. With
** 8 + sizeof(tz_tm) bytes or more, the fields are also taken raw from
** the bytes after the instant (any int values, as the contract allows;
** the year within tz_tm's range). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int64_t t = 0;
  tz_tm tm;
  char *fmt;
  size_t i, len;
  if (size < 8) return 0;
  for (i = 0; i < 8; i++) t |= (int64_t)((uint64_t)data[i] << (8 * i));
  len = size - 8;
  /* a copy without a NUL: ASan catches a read past the end */
  if ((fmt = malloc(len ? len : 1)) == NULL) return 0;
  memcpy(fmt, data + 8, len);
  if (tz_localtime(NULL, t, &tm) == TZ_OK) run(&tm, fmt, len);
  if (len >= sizeof tm) {
    memcpy(&tm, fmt, sizeof tm);
    tm.year = 1900 + (int64_t)(int32_t)tm.year; /* tz_tm's range */
    tm.abbr[TZ_ABBR_MAX] = '\0';
    run(&tm, fmt, len);
  }
  free(fmt);
  return 0;
}
