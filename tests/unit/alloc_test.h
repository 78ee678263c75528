/*
** alloc_test.h: helpers shared by the allocator's unit tests (alloc.c,
** alloc_map.c): a byte pattern to fill blocks with and check, and the
** allocator's own consistency check as a test assertion.
** See LICENSE.
*/
#ifndef MOONBOX_ALLOC_TEST_H
#define MOONBOX_ALLOC_TEST_H

#include "alloc.h"
#include "unit.h"

static void fill(void *p, size_t n, unsigned seed) {
  unsigned char *b = p;
  size_t i;
  for (i = 0; i < n; i++)
    b[i] = (unsigned char)(seed + i * 31 + (i >> 8));
}

/* Returns the first index whose byte differs from the pattern, or n. */
static size_t intact(const void *p, size_t n, unsigned seed) {
  const unsigned char *b = p;
  size_t i;
  for (i = 0; i < n; i++)
    if (b[i] != (unsigned char)(seed + i * 31 + (i >> 8)))
      return i;
  return n;
}

static void check_state(ma_state *st, const char *when) {
  int line = 0;
  ma_result r = ma_check(st, &line);
  CHECK(r == MA_OK, "%s: expected a consistent state, ma_check said %s "
        "at alloc.c:%d", when, ma_strerror(r), line);
}

#endif
