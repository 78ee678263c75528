/*
** unit.h: the tiny assertion kit shared by the C unit tests of engines.
** See LICENSE.
*/
#ifndef MOONBOX_UNIT_H
#define MOONBOX_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mem.h" /* -Isrc: argon2.mk builds without -Isrc/engine */

static int unit_failed, unit_passed;

/* CHECK(cond, what): count one check; on failure say what was expected. */
#define CHECK(cond, ...)                                                     \
  do {                                                                       \
    if (cond) unit_passed++;                                                 \
    else {                                                                   \
      unit_failed++;                                                         \
      fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__,       \
              #cond);                                                        \
      fprintf(stderr, __VA_ARGS__);                                          \
      fputc('\n', stderr);                                                   \
    }                                                                        \
  } while (0)

/* unit_alloc: the engines' memory hook (mem.h) for tests: mem_libc,
** failing from allocation number unit_fail_at on (0 = never), keeping
** unit_live_bytes so a test can check nothing leaked. */
static long unit_live_bytes, unit_nallocs, unit_fail_at;

static inline void *unit_alloc(void *ud, void *p, size_t osize,
                               size_t nsize) {
  void *q;
  if (nsize == 0) {
    if (p) unit_live_bytes -= (long)osize;
    return mem_libc(ud, p, osize, 0);
  }
  if (unit_fail_at && ++unit_nallocs >= unit_fail_at) return NULL;
  q = mem_libc(ud, p, osize, nsize);
  if (q) unit_live_bytes += (long)nsize - (long)(p ? osize : 0);
  return q;
}

/* UNIT_END(): print the count line and give main's exit status. */
#define UNIT_END()                                                           \
  (printf("%d passed, %d failed\n", unit_passed, unit_failed),               \
   unit_failed ? 1 : 0)

#endif
