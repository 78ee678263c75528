/*
** fuzz/json.c: libFuzzer target for the JSON engine. The first byte picks:
**   0: the rest is a document. When it is accepted, its tokens are written
**      out canonically (json_quote, the number formatters); that text must
**      be accepted and give the same canonical text again (the encoders'
**      round trip, checked in C).
**   1: the rest is a string: json_quote's output must parse back as one
**      string, equal to the input when the input is UTF-8;
**      json_lua_quote stays within its bound.
**   2: the rest is 8-byte doubles and integers: the formatters' output
**      reads back (strtod, strtoll) as the same value.
** See LICENSE.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct out {
  char *p;
  size_t len, cap;
} out;

static void put(out *o, const char *s, size_t n) {
  if (n > o->cap - o->len) {
    o->cap = (o->len + n) * 2 + 64;
    o->p = realloc(o->p, o->cap);
    if (o->p == NULL) abort();
  }
  memcpy(o->p + o->len, s, n);
  o->len += n;
}

static void put_string(out *o, const json_token *t) {
  char *dec = malloc(t->len + 1), *q = malloc(JSON_QUOTED_MAX(t->len));
  const char *s = t->raw;
  if (t->escaped) json_unescape(t, dec), s = dec;
  if (!json_utf8_valid(s, t->len)) abort(); /* the contract */
  put(o, q, json_quote(q, s, t->len));
  free(q);
  free(dec);
}

/* The canonical text of the document s[0..n), or 0 when it is rejected. */
static int canon(const char *s, size_t n, out *o) {
  json_parser jp;
  json_token t;
  json_kind k, prev = JSON_EOF;
  char num[JSON_NUMBER_MAX];
  json_init(&jp, s, n, 64, mem_libc, NULL);
  while ((k = json_next(&jp, &t)) != JSON_EOF) {
    if (k == JSON_ERROR) {
      if (jp.err_off > n) abort();
      return 0;
    }
    if (k != JSON_END && prev != JSON_EOF && prev != JSON_ARRAY &&
        prev != JSON_OBJECT && prev != JSON_KEY)
      put(o, ",", 1);
    switch (k) {
    case JSON_NULL: put(o, "null", 4); break;
    case JSON_TRUE: put(o, "true", 4); break;
    case JSON_FALSE: put(o, "false", 5); break;
    case JSON_INTEGER: put(o, num, json_format_integer(num, t.i)); break;
    case JSON_FLOAT:
      if (isinf(t.d)) put(o, t.d > 0 ? "1e999" : "-1e999", t.d > 0 ? 5 : 6);
      else put(o, num, json_format_double(num, t.d));
      break;
    case JSON_STRING: put_string(o, &t); break;
    case JSON_KEY:
      put_string(o, &t);
      put(o, ":", 1);
      break;
    case JSON_ARRAY: put(o, "[", 1); break;
    case JSON_OBJECT: put(o, "{", 1); break;
    case JSON_END: put(o, t.i ? "}" : "]", 1); break;
    default: abort();
    }
    prev = k;
  }
  return 1;
}

static void mode_document(const char *s, size_t n) {
  out a = {0}, b = {0};
  if (canon(s, n, &a)) {
    if (!canon(a.p ? a.p : "", a.len, &b)) abort();
    if (a.len != b.len || (a.len && memcmp(a.p, b.p, a.len) != 0)) abort();
  }
  free(a.p);
  free(b.p);
}

static void mode_string(const char *s, size_t n) {
  char *q = malloc(JSON_QUOTED_MAX(n)), *l = malloc(JSON_LUA_QUOTED_MAX(n));
  char *dec;
  size_t qn = json_quote(q, s, n);
  json_parser jp;
  json_token t;
  json_init(&jp, q, qn, 1, mem_libc, NULL);
  if (json_next(&jp, &t) != JSON_STRING) abort();
  if (json_next(&jp, &t) != JSON_EOF) abort();
  json_init(&jp, q, qn, 1, mem_libc, NULL);
  json_next(&jp, &t);
  dec = malloc(t.len + 1);
  if (t.escaped) json_unescape(&t, dec);
  else memcpy(dec, t.raw, t.len);
  if (json_utf8_valid(s, n) && (t.len != n || memcmp(dec, s, n) != 0))
    abort();
  if (json_lua_quote(l, s, n) > JSON_LUA_QUOTED_MAX(n)) abort();
  free(dec);
  free(l);
  free(q);
}

static void mode_numbers(const uint8_t *p, size_t n) {
  char buf[JSON_NUMBER_MAX + 1];
  double x, y;
  int64_t i;
  size_t len;
  for (; n >= 8; p += 8, n -= 8) {
    memcpy(&x, p, 8);
    memcpy(&i, p, 8);
    if (isfinite(x)) {
      len = json_format_double(buf, x);
      buf[len] = 0;
      y = strtod(buf, NULL);
      if (memcmp(&x, &y, 8) != 0 || !strpbrk(buf, ".e")) abort();
      len = json_lua_double(buf, x);
      buf[len] = 0;
      if (strtod(buf, NULL) != x) abort();
    }
    len = json_format_integer(buf, i);
    buf[len] = 0;
    if (strtoll(buf, NULL, 10) != i) abort();
    len = json_lua_integer(buf, i);
    buf[len] = 0;
    if (i != INT64_MIN && strtoll(buf, NULL, 0) != i) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *copy;
  if (size == 0) return 0;
  /* an exact-size copy, so that ASan sees any read past the end */
  copy = malloc(size - 1 ? size - 1 : 1);
  memcpy(copy, data + 1, size - 1);
  switch (data[0] % 3) {
  case 0: mode_document(copy, size - 1); break;
  case 1: mode_string(copy, size - 1); break;
  default: mode_numbers(data + 1, size - 1); break;
  }
  free(copy);
  return 0;
}
