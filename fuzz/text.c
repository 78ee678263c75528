/*
** fuzz/text.c: libFuzzer target for the text engine: the first byte picks
** the function (visualize, escape_literal, escape_html, indent,
** find_control, width, cp_width), the second its parameter where it has
** one, the rest is the text; each result must keep its contract in
** text.h. See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineedit_width.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef size_t (*produce_fn)(char *, const char *, size_t);

/* Runs f twice (measure, then write into exactly that many bytes) and
** returns the result, which the caller frees. */
static char *produce(produce_fn f, const char *s, size_t n, size_t *len) {
  char *out;
  *len = f(NULL, s, n);
  out = malloc(*len ? *len : 1);
  if (f(out, s, n) != *len) abort();
  return out;
}

static void check_utf8(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint32_t c;
    size_t k = lew_u8_decode((const unsigned char *)s + i, n - i, &c);
    if (k == 0) abort();
    i += k;
  }
}

static void check_ascii(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] < 0x20 || s[i] > 0x7e) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text, *out = NULL;
  size_t n, len, lines = 1, i;
  unsigned op, arg;
  if (size < 2) return 0;
  op = data[0] % 7;
  arg = data[1];
  n = size - 2;
  text = malloc(n ? n : 1); /* its own block: ASan sees overreads */
  memcpy(text, data + 2, n);
  switch (op) {
    case 0:
      out = produce(txt_visualize, text, n, &len);
      if (len > 6 * n) abort();
      check_utf8(out, len);
      break;
    case 1:
      out = produce(txt_escape_literal, text, n, &len);
      if (len > 6 * n) abort();
      check_ascii(out, len);
      break;
    case 2:
      out = produce(txt_escape_html, text, n, &len);
      if (len > 6 * n || len < n) abort();
      break;
    case 3:
      len = txt_indent(NULL, text, n, arg);
      out = malloc(len ? len : 1);
      if (txt_indent(out, text, n, arg) != len) abort();
      for (i = 0; i < n; i++) lines += text[i] == '\n';
      if (len < n || len > n + arg * lines) abort();
      break;
    case 4: {
      long at = txt_find_control(text, n, arg & 7);
      if (at < -1 || (at >= 0 && (size_t)at >= n)) abort();
      if ((arg & 7) == 0 && at != -1) abort();
      break;
    }
    case 5:
      if (txt_width(text, n, arg) > 8 * n) abort();
      break;
    default:
      for (i = 0; i + 4 <= n; i += 4) {
        int32_t c;
        int w;
        memcpy(&c, text + i, 4);
        w = txt_cp_width(c);
        if (w < -1 || w > 2) abort();
      }
  }
  free(out);
  free(text);
  return 0;
}
