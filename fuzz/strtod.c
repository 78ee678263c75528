/*
** fuzz/strtod.c: libFuzzer target for the strtod engine, against glibc's
** strtod (this build links glibc, where strtod_exact is not the C
** library's): the same bits (NaN payloads and signs included), the same
** errno and the same end pointer, on a terminated copy of the input.
** The first byte picks how the rest becomes text:
**   even: as it is;
**   odd:  each byte picks a character of number syntax (digits mostly,
**         then . e E + - x p i n a ( ) and a space), so that long digit
**         strings, exponents and hex floats come often.
** See LICENSE.
*/
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strtod.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char alphabet[] = "0123456789012345678901234567890123456789"
                               "0000099999.eE+-xXpPaAfFinINfty()_ 0x1p";

static void compare(const char *s) {
  char *e1, *e2;
  double a, b;
  int err1, err2;
  errno = 0;
  a = strtod(s, &e1);
  err1 = errno;
  errno = 0;
  b = strtod_exact(s, &e2);
  err2 = errno;
  if (memcmp(&a, &b, sizeof a) != 0 || err1 != err2 || e1 != e2) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s;
  size_t i;
  if (size == 0) return 0;
  s = malloc(size); /* exact size: ASan sees a read past the end */
  for (i = 1; i < size; i++)
    s[i - 1] = data[0] & 1 ? alphabet[data[i] % (sizeof alphabet - 1)]
                           : (char)data[i];
  s[size - 1] = '\0';
  compare(s);
  free(s);
  return 0;
}
