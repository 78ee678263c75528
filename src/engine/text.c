/*
** text.c: control codes made visible or found, string literal and HTML
** escaping, indentation and display width of byte strings (text.h).
** See LICENSE.
*/
#include <string.h>

#include "lineedit_width.h"
#include "text.h"

/* {==== decoding and output */

/* Lenient decoding (text.h): the length of the unit at s (n > 0), its
** code point in *cp. */
static size_t dec(const unsigned char *s, size_t n, uint32_t *cp) {
  uint32_t c = s[0], v;
  size_t len, i;
  *cp = c;
  if (c < 0xc0 || c > 0xf7) return 1;
  len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
  if (len > n) return 1;
  v = c & (0x7fu >> len);
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 1;
    v = v << 6 | (s[i] & 0x3fu);
  }
  if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) v = 0xfffd;
  *cp = v;
  return len;
}

/* Where results go: out NULL only counts. */
typedef struct {
  char *out;
  size_t len;
} sink;

static void put(sink *w, const char *p, size_t k) {
  if (w->out) memcpy(w->out + w->len, p, k);
  w->len += k;
}

static void put_utf8(sink *w, uint32_t c) {
  char b[4];
  size_t k;
  if (c < 0x80) {
    b[0] = (char)c, k = 1;
  } else if (c < 0x800) {
    b[0] = (char)(0xc0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3f)), k = 2;
  } else if (c < 0x10000) {
    b[0] = (char)(0xe0 | c >> 12), b[1] = (char)(0x80 | (c >> 6 & 0x3f));
    b[2] = (char)(0x80 | (c & 0x3f)), k = 3;
  } else {
    b[0] = (char)(0xf0 | c >> 18), b[1] = (char)(0x80 | (c >> 12 & 0x3f));
    b[2] = (char)(0x80 | (c >> 6 & 0x3f)), b[3] = (char)(0x80 | (c & 0x3f));
    k = 4;
  }
  put(w, b, k);
}

/* \uXXXX, lowercase hex */
static void put_u16(sink *w, uint32_t u) {
  static const char hex[] = "0123456789abcdef";
  char b[6] = {'\\', 'u', hex[u >> 12 & 15], hex[u >> 8 & 15],
               hex[u >> 4 & 15], hex[u & 15]};
  put(w, b, 6);
}

/* }==== */

/* {==== visualize, escape, indent */

/* The visible stand-in for a bidirectional control or a line or
** paragraph separator, or 0. */
static uint32_t trojan(uint32_t c) {
  static const uint32_t from[] = {0x2028, 0x2029, 0x202a, 0x202b, 0x202c,
                                  0x202d, 0x202e, 0x2066, 0x2067, 0x2068,
                                  0x2069};
  static const uint32_t to[] = {0x21b5, 0x00b6, 0x27eb, 0x27ea, 0x21ee,
                                0x276f, 0x276e, 0x27e9, 0x27e8, 0x29fd,
                                0x21ef};
  size_t i;
  for (i = 0; i < sizeof from / sizeof from[0]; i++)
    if (from[i] == c) return to[i];
  return 0;
}

size_t txt_visualize(char *out, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  sink w = {out, 0};
  size_t i = 0;
  while (i < n) {
    uint32_t c, t;
    i += dec(p + i, n - i, &c);
    if (c >= 0x80 && c < 0xa0) {
      put_u16(&w, c);
      continue;
    }
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') c += 0x2400;
    else if (c == 0x7f) c = 0x2421;
    else if ((t = trojan(c)) != 0) c = t;
    put_utf8(&w, c);
  }
  return w.len;
}

/* The letter after '\' for an ASCII character c, 'u' for \u00XX, or 0 to
** copy it. */
static int literal_escape(uint32_t c) {
  switch (c) {
    case '\t': return 't';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\f': return 'f';
    case '\\': return '\\';
    case '/': return '/';
    case '"': return '"';
    case '&': case '\'': case '<': case '=': case '>': case 0x7f: return 'u';
    default: return c < 0x20 ? 'u' : 0;
  }
}

size_t txt_escape_literal(char *out, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  sink w = {out, 0};
  size_t i = 0;
  while (i < n) {
    uint32_t c;
    int e;
    char b[2];
    i += dec(p + i, n - i, &c);
    if (c >= 0x10000) { /* a UTF-16 surrogate pair */
      put_u16(&w, 0xd800 + ((c - 0x10000) >> 10));
      put_u16(&w, 0xdc00 + ((c - 0x10000) & 0x3ff));
      continue;
    }
    e = c < 0x80 ? literal_escape(c) : 'u';
    b[0] = e ? '\\' : (char)c;
    b[1] = (char)e;
    if (e == 'u') put_u16(&w, c);
    else put(&w, b, e ? 2 : 1);
  }
  return w.len;
}

size_t txt_escape_html(char *out, const char *s, size_t n) {
  sink w = {out, 0};
  size_t i;
  for (i = 0; i < n; i++) {
    switch (s[i]) {
      case '&': put(&w, "&amp;", 5); break;
      case '<': put(&w, "&lt;", 4); break;
      case '>': put(&w, "&gt;", 4); break;
      case '"': put(&w, "&quot;", 6); break;
      case '\'': put(&w, "&#39;", 5); break;
      default: put(&w, s + i, 1);
    }
  }
  return w.len;
}

size_t txt_indent(char *out, const char *s, size_t n, size_t spaces) {
  static const char blanks[64] = "                                "
                                 "                                ";
  sink w = {out, 0};
  while (n > 0) {
    const char *nl = memchr(s, '\n', n);
    size_t line = nl ? (size_t)(nl - s) + 1 : n, k;
    if (s[0] != '\r' && s[0] != '\n') {
      for (k = spaces; k > sizeof blanks; k -= sizeof blanks)
        put(&w, blanks, sizeof blanks);
      put(&w, blanks, k);
    }
    put(&w, s, line);
    s += line;
    n -= line;
  }
  return w.len;
}

/* }==== */

/* {==== control codes and widths */

static unsigned control_class(uint32_t c) {
  if (c == '\t' || c == '\n' || c == '\v' || c == '\r') return TXT_CTL_WS;
  if (c < 0x20 || c == 0x7f) return TXT_CTL_C0;
  if (c >= 0x80 && c < 0xa0) return TXT_CTL_C1;
  return 0;
}

long txt_find_control(const char *s, size_t n, unsigned flags) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    uint32_t c;
    size_t len = dec(p + i, n - i, &c);
    if (control_class(c) & flags) return (long)i;
    i += len;
  }
  return -1;
}

/* The bytes an escape sequence takes at p[0..n): from its ESC ('csi' 0),
** or from just past a C1 CSI ('csi' 1); see txt_width. */
static size_t escape_len(const unsigned char *p, size_t n, int csi) {
  size_t i = csi ? 0 : 1;
  if (!csi) {
    if (i >= n) return i;
    if (p[i] == ']') { /* OSC: to BEL or ST (ESC \) */
      for (i++; i < n; i++) {
        if (p[i] == 7) return i + 1;
        if (p[i] == 0x1b && i + 1 < n && p[i + 1] == '\\') return i + 2;
      }
      return n;
    }
    csi = p[i] == '[';
    if (csi) i++;
  }
  if (csi) {
    while (i < n && p[i] >= 0x20 && p[i] <= 0x3f) i++;
    return i < n && p[i] >= 0x40 && p[i] <= 0x7e ? i + 1 : i;
  }
  while (i < n && p[i] >= 0x20 && p[i] <= 0x2f) i++;
  return i < n && p[i] >= 0x30 && p[i] <= 0x7e ? i + 1 : i;
}

size_t txt_width(const char *s, size_t n, size_t col) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, total = 0;
  while (i < n) {
    uint32_t c;
    size_t len = lew_u8_decode(p + i, n - i, &c), w = 0;
    if (len == 0) {
      len = 1, w = 1; /* not UTF-8: one replacement character */
    } else if (c == 0x1b) {
      len = escape_len(p + i, n - i, 0);
    } else if (c == 0x9b) {
      len += escape_len(p + i + len, n - i - len, 1);
    } else if (c == '\t') {
      w = 8 - col % 8;
    } else if (c == '\n') {
      col = 0;
    } else if (!control_class(c)) {
      w = (size_t)lew_cp_width(c);
    }
    col += w;
    total += w;
    i += len;
  }
  return total;
}

int txt_cp_width(int64_t c) {
  if (c == 0) return 0;
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return -1;
  if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff) return -1;
  return lew_cp_width((uint32_t)c);
}

/* }==== */
