/* bench/seed/fixtime.c: LD_PRELOAD for Debian's lua5.4 in bench/seed/run:
** time() returns MOONBOX_BENCH_SEED, which with ASLR off (setarch -R)
** makes lua5.4's string-hash seed a function of that number. See LICENSE. */
#include <stdlib.h>
#include <time.h>

time_t time(time_t *t) {
  const char *s = getenv("MOONBOX_BENCH_SEED");
  time_t v = s ? (time_t)strtol(s, NULL, 10) : 1;
  if (t) *t = v;
  return v;
}
