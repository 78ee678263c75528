/*
** cpath.c: path joining and splitting on byte strings, with the edge
** cases of Cosmopolitan's redbean manual (PATH MODULE). See LICENSE.
*/
#include <string.h>

#include "cpath.h"

static const char *span(const char *s, size_t n, size_t *len) {
  *len = n;
  return s;
}

const char *cpath_dirname(const char *p, size_t n, size_t *len) {
  if (n == 0) return span(".", 1, len);
  while (n > 0 && p[n - 1] == '/') n--; /* trailing slashes */
  if (n == 0) return span("/", 1, len);
  while (n > 0 && p[n - 1] != '/') n--; /* the final component */
  if (n == 0) return span(".", 1, len);
  while (n > 0 && p[n - 1] == '/') n--; /* the separating slashes */
  if (n == 0) return span("/", 1, len);
  return span(p, n, len);
}

const char *cpath_basename(const char *p, size_t n, size_t *len) {
  size_t i;
  if (n == 0) return span(".", 1, len);
  while (n > 1 && p[n - 1] == '/') n--;
  i = n - 1;
  while (i > 0 && p[i - 1] != '/') i--;
  return span(p + i, n - i, len);
}

/* Appends s[0..n) at out + at (when out is not NULL); returns the new
** length. */
static size_t put(char *out, size_t at, const char *s, size_t n) {
  if (out != NULL && n > 0) memcpy(out + at, s, n);
  return at + n;
}

/* Everything before the last part that starts with '/' is discarded, so
** the join starts there: the length then only grows, and out never needs
** more room than the result. */
size_t cpath_join(char *out, const cpath_part *parts, size_t n) {
  size_t i, at = 0, first = 0;
  int needslash = 0;
  for (i = 0; i < n; i++)
    if (parts[i].s != NULL && parts[i].len > 0 && parts[i].s[0] == '/')
      first = i;
  for (i = first; i < n; i++) {
    const char *s = parts[i].s;
    size_t len = parts[i].len;
    if (s == NULL) continue;
    if (len == 0) {
      if (needslash) at = put(out, at, "/", 1);
      needslash = 0;
      continue;
    }
    if (needslash && s[0] != '/') at = put(out, at, "/", 1);
    at = put(out, at, s, len);
    needslash = s[len - 1] != '/';
  }
  return at;
}
