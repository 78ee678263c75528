/* bench/seed/seed.h: forced into lstate.c of a diagnostic build only, so
** the string-hash seed comes from MOONBOX_BENCH_SEED instead of time and
** addresses (Lua's luai_makeseed hook). See LICENSE. */
#include <stdlib.h>
#define luai_makeseed(L) \
  ((unsigned)(getenv("MOONBOX_BENCH_SEED") ? \
              strtoul(getenv("MOONBOX_BENCH_SEED"), NULL, 10) : 1))
