/*
** unit.h: the tiny assertion kit shared by the C unit tests of engines.
** See LICENSE.
*/
#ifndef MOONBOX_UNIT_H
#define MOONBOX_UNIT_H

#include <stdio.h>
#include <string.h>

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

/* UNIT_END(): print the count line and give main's exit status. */
#define UNIT_END()                                                           \
  (printf("%d passed, %d failed\n", unit_passed, unit_failed),               \
   unit_failed ? 1 : 0)

#endif
