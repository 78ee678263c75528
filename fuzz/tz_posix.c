/*
** fuzz/tz_posix.c: libFuzzer target for the tz engine's POSIX TZ string
** parser; a zone that loads is exercised by localtime and mktime.
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int64_t probes[] = {
  INT64_MIN, -67768040609740800LL, -2208988800LL, -1, 0, 1704067199,
  1711846800, 1730080800, 4133980800LL, 67768036191676799LL, INT64_MAX};

static void exercise(const tz_zone *z) {
  size_t i;
  int dst;
  for (i = 0; i < sizeof probes / sizeof *probes; i++) {
    tz_tm tm, in;
    int64_t t;
    if (tz_localtime(z, probes[i], &tm) != TZ_OK) continue;
    for (dst = -1; dst <= 1; dst++) {
      in = tm;
      in.hour += 1;
      in.min -= 30;
      in.isdst = dst;
      (void)tz_mktime(z, &in, &t);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tz_zone *z = NULL;
  char name[TZ_ABBR_MAX + 1];
  /* the engine takes a length, so no NUL is needed: a copy without one
  ** lets ASan catch any read past the end */
  char *s = malloc(size ? size : 1);
  if (!s) return 0;
  memcpy(s, data, size);
  (void)tz_posix_name(s, size, name);
  if (tz_load_posix(&z, s, size, mem_libc, NULL) == TZ_OK) {
    exercise(z);
    tz_free(z);
  }
  free(s);
  return 0;
}
