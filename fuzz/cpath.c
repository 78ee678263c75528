/*
** fuzz/cpath.c: libFuzzer target for the path string engine: the input,
** cut at zero bytes into parts (a part "\1" is nil), goes through
** dirname, basename and join, whose results must keep their contracts.
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpath.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXPARTS 16

/* a span inside [s, s + n) or one of the engine's static "." and "/" */
static void check_span(const char *s, size_t n, const char *r, size_t len) {
  if (len == 1 && (memcmp(r, ".", 1) == 0 || memcmp(r, "/", 1) == 0))
    return;
  if (r < s || len > n || (size_t)(r - s) > n - len) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cpath_part parts[MAXPARTS];
  size_t n = 0, at = 0, i, len, total = 0, got;
  char *buf = malloc(size ? size : 1), *out;
  const char *r;
  memcpy(buf, data, size);
  while (at <= size && n < MAXPARTS) {
    const char *p = buf + at;
    size_t plen = 0;
    while (at + plen < size && p[plen] != '\0') plen++;
    parts[n].s = plen == 1 && p[0] == '\1' ? NULL : p;
    parts[n].len = plen;
    n++;
    at += plen + 1;
  }
  for (i = 0; i < n; i++) {
    r = cpath_dirname(parts[i].s, parts[i].s ? parts[i].len : 0, &len);
    if (parts[i].s) check_span(parts[i].s, parts[i].len, r, len);
    r = cpath_basename(parts[i].s, parts[i].s ? parts[i].len : 0, &len);
    if (parts[i].s) check_span(parts[i].s, parts[i].len, r, len);
    if (parts[i].s) total += parts[i].len + 1;
  }
  len = cpath_join(NULL, parts, n);
  if (len > total) abort();
  out = malloc(len ? len : 1); /* exactly the measured size: ASan checks */
  got = cpath_join(out, parts, n);
  if (got != len) abort();
  free(out);
  free(buf);
  return 0;
}
