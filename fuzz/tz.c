/*
** fuzz/tz.c: libFuzzer target for the tz engine's TZif reader; a zone
** that loads is then exercised by localtime, strftime and mktime.
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tz_strftime's sink: counts, keeps nothing. */
static int count(void *ud, const char *s, size_t n) {
  (void)s;
  *(size_t *)ud += n;
  return 0;
}

/* Every conversion os.date accepts: the formatter on each local time. */
static const char all[] =
    "%a%A%b%B%c%C%d%D%e%F%g%G%h%H%I%j%m%M%n%p%r%R%S%t%T%u%U%V%w%W%x%X%y"
    "%Y%z%Z%%%Ec%EC%Ex%EX%Ey%EY%Od%Oe%OH%OI%Om%OM%OS%Ou%OU%OV%Ow%OW%Oy";

/* Instants where bugs hide: extremes, the epoch, the 32-bit edges. */
static const int64_t probes[] = {
  INT64_MIN, -((int64_t)1 << 57) - 1, -67768040609740800LL, -2147483649LL,
  -1, 0, 1, 2147483647, 2147483648LL, 4133980800LL, 67768036191676799LL,
  ((int64_t)1 << 57), INT64_MAX};

/* Convert each probe, then feed the local fields back through mktime
** with each isdst hint, shifted into possible gaps. */
static void exercise(const tz_zone *z) {
  size_t i;
  int dst;
  for (i = 0; i < sizeof probes / sizeof *probes; i++) {
    tz_tm tm, in;
    int64_t t;
    size_t n = 0;
    if (tz_localtime(z, probes[i], &tm) != TZ_OK) continue;
    if (tz_strftime(&tm, all, sizeof all - 1, count, &n, NULL) != TZ_OK)
      abort();
    for (dst = -1; dst <= 1; dst++) {
      in = tm;
      in.min += 30;
      in.sec -= 61;
      in.isdst = dst;
      (void)tz_mktime(z, &in, &t);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tz_zone *z = NULL;
  int where;
  if (tz_load_tzif(&z, data, size, mem_libc, NULL, &where) == TZ_OK) {
    exercise(z);
    tz_free(z);
  }
  return 0;
}
