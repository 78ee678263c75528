/*
** json.c: a strict RFC 8259 JSON pull parser, and the string and number
** formatters of the JSON and Lua-literal encoders. See LICENSE.
*/
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* {==== the parser */

/* What the parser expects next. */
enum {
  S_VALUE,        /* a value: the document's, after ':', after ',' in [] */
  S_ARRAY_FIRST,  /* after '[': a value or ']' */
  S_OBJECT_FIRST, /* after '{': a key or '}' */
  S_KEY,          /* after ',' in an object: a key */
  S_COLON,        /* after a key */
  S_AFTER,        /* after a value: ',', the closer, or the end */
  S_DONE,
  S_FAILED
};

/* Bytes that need no attention inside a string: ' ' to 0x7F except '"'
** and '\\'. */
static const unsigned char plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

void json_init(json_parser *jp, const char *s, size_t n, int maxdepth,
               mem_alloc_fn alloc, void *ud) {
  jp->start = jp->p = (const unsigned char *)s;
  jp->end = jp->start + n;
  jp->alloc = alloc;
  jp->ud = ud;
  jp->state = S_VALUE;
  jp->depth = 0;
  jp->maxdepth = maxdepth < 1 ? 1 : maxdepth > JSON_DEPTH_MAX ? JSON_DEPTH_MAX
                                                              : maxdepth;
  jp->err = JSON_OK;
  jp->err_off = 0;
  jp->err_line = 0;
}

/* Every rejection goes through FAIL, which records the engine's line of
** the failing check in jp->err_line (SQLite's CORRUPT_BKPT habit): a
** fuzzer's finding or a rejected document points at the exact check. */
#define FAIL(jp, err, at) fail((jp), (err), (at), __LINE__)

static json_kind fail(json_parser *jp, json_err err, const unsigned char *at,
                      int line) {
  jp->err = err;
  jp->err_line = line;
  jp->err_off = (size_t)(at - jp->start);
  jp->state = S_FAILED;
  return JSON_ERROR;
}

/* Length of the UTF-8 sequence at s (before e), or 0 if it is not one
** (RFC 3629's table: no overlong form, no surrogate, up to U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, const unsigned char *e) {
  unsigned c = s[0], lo = 0x80, hi = 0xBF;
  size_t n = (size_t)(e - s), i, len;
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) len = 2;
  else if (c < 0xF0) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c < 0xF5) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else
    return 0;
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (i = 2; i < len; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  return len;
}

int json_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  size_t k;
  while (p < e) {
    if (*p < 0x80) {
      p++;
      continue;
    }
    if ((k = utf8_seq(p, e)) == 0) return 0;
    p += k;
  }
  return 1;
}

static int hexval(unsigned c) {
  if (c - '0' < 10) return (int)(c - '0');
  c |= 0x20;
  if (c - 'a' < 6) return (int)(c - 'a' + 10);
  return -1;
}

/* The code unit of the 4 hex digits at s (e is the end), or -1. */
static long hex4(const unsigned char *s, const unsigned char *e) {
  long v = 0;
  int i, h;
  if (e - s < 4) return -1;
  for (i = 0; i < 4; i++) {
    if ((h = hexval(s[i])) < 0) return -1;
    v = v << 4 | h;
  }
  return v;
}

static size_t utf8_len(long cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* The escape at q ('\\'): checks it, sets *raw to its length in the
** input and *out to the length of what it decodes to. Returns JSON_OK or
** the error (at q). */
static json_err escape_at(const unsigned char *q, const unsigned char *e,
                          size_t *raw, size_t *out) {
  long hi, lo;
  if (e - q < 2) return JSON_E_STRING;
  switch (q[1]) {
  case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r':
  case 't':
    *raw = 2, *out = 1;
    return JSON_OK;
  case 'u':
    break;
  default:
    return JSON_E_ESCAPE;
  }
  if ((hi = hex4(q + 2, e)) < 0) return JSON_E_UESCAPE;
  if (hi >= 0xDC00 && hi <= 0xDFFF) return JSON_E_SURROGATE;
  if (hi < 0xD800 || hi > 0xDBFF) {
    *raw = 6, *out = utf8_len(hi);
    return JSON_OK;
  }
  if (e - q < 12 || q[6] != '\\' || q[7] != 'u' ||
      (lo = hex4(q + 8, e)) < 0xDC00 || lo > 0xDFFF)
    return JSON_E_SURROGATE;
  *raw = 12, *out = 4;
  return JSON_OK;
}

/* The string whose opening quote is at jp->p: checks it and fills tok. */
static json_kind scan_string(json_parser *jp, json_token *tok,
                             json_kind kind) {
  const unsigned char *q = jp->p + 1, *e = jp->end;
  size_t shrink = 0, raw, out, k;
  json_err err;
  tok->escaped = 0;
  for (;;) {
    while (q < e && plain[*q]) q++;
    if (q == e) return FAIL(jp, JSON_E_STRING, jp->p);
    if (*q == '"') break;
    if (*q == '\\') {
      if ((err = escape_at(q, e, &raw, &out)) != JSON_OK)
        return FAIL(jp, err, q);
      tok->escaped = 1;
      shrink += raw - out;
      q += raw;
    } else if (*q < 0x20) {
      return FAIL(jp, JSON_E_CONTROL, q);
    } else {
      if ((k = utf8_seq(q, e)) == 0) return FAIL(jp, JSON_E_UTF8, q);
      q += k;
    }
  }
  tok->kind = kind;
  tok->raw = (const char *)jp->p + 1;
  tok->rawlen = (size_t)(q - jp->p - 1);
  tok->len = tok->rawlen - shrink;
  jp->p = q + 1;
  return kind;
}

/* strtod on t[0..n), which is a JSON number (so strtod reads all of it):
** copied to have a terminating zero. */
static json_kind to_double(json_parser *jp, json_token *tok,
                           const unsigned char *t, size_t n) {
  char small[65], *buf = small;
  if (n >= sizeof small) {
    buf = jp->alloc(jp->ud, NULL, 0, n + 1);
    if (buf == NULL) return FAIL(jp, JSON_E_NOMEM, t);
  }
  memcpy(buf, t, n);
  buf[n] = '\0';
  tok->d = strtod(buf, NULL);
  if (buf != small) jp->alloc(jp->ud, buf, n + 1, 0);
  tok->kind = JSON_FLOAT;
  return JSON_FLOAT;
}

static int isdig(const unsigned char *q, const unsigned char *e) {
  return q < e && (unsigned)(*q - '0') < 10u;
}

/* Clinger's fast path: when the significant digits of the number at
** d..e (already checked: digits, '.', exponent) make an integer m of at
** most 2^53 and the decimal exponent k is within 22, m and 10^k are
** exact doubles and one multiplication or division rounds correctly.
** Returns 1 and the value in *x, or 0 (then strtod decides). */
static int fast_double(const unsigned char *d, const unsigned char *e,
                       double *x) {
  static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                               1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                               1e18, 1e19, 1e20, 1e21, 1e22};
  uint64_t m = 0;
  int nd = 0, k = 0, ex = 0, exneg = 0, frac = 0;
  for (; d < e && *d != 'e' && *d != 'E'; d++) {
    if (*d == '.') {
      frac = 1;
      continue;
    }
    if (m == 0 && *d == '0') { /* a leading zero is not significant */
      k -= frac;
      continue;
    }
    if (++nd > 19) return 0;
    m = m * 10 + (unsigned)(*d - '0');
    k -= frac;
  }
  if (d < e) { /* the exponent */
    d++;
    if (*d == '+' || *d == '-') exneg = *d++ == '-';
    for (; d < e; d++) {
      if (ex > 1000) return 0;
      ex = ex * 10 + (*d - '0');
    }
  }
  k += exneg ? -ex : ex;
  if (m > (uint64_t)1 << 53) return 0;
  if (m == 0) *x = 0;
  else if (k < -22 || k > 22) return 0;
  else *x = k < 0 ? (double)m / p10[-k] : (double)m * p10[k];
  return 1;
}

/* The number at jp->p (a '-' or a digit). */
static json_kind scan_number(json_parser *jp, json_token *tok) {
  const unsigned char *s = jp->p, *q = s, *e = jp->end, *d;
  int neg = 0, isfloat = 0;
  uint64_t v = 0, lim;
  if (*q == '-') neg = 1, q++;
  d = q;
  if (!isdig(q, e)) return FAIL(jp, JSON_E_NUMBER, q);
  if (*q == '0') {
    if (isdig(++q, e)) return FAIL(jp, JSON_E_NUMBER, q);
  } else
    while (isdig(q, e)) q++;
  if (q < e && *q == '.') {
    if (!isdig(++q, e)) return FAIL(jp, JSON_E_NUMBER, q);
    while (isdig(q, e)) q++;
    isfloat = 1;
  }
  if (q < e && (*q == 'e' || *q == 'E')) {
    q++;
    if (q < e && (*q == '+' || *q == '-')) q++;
    if (!isdig(q, e)) return FAIL(jp, JSON_E_NUMBER, q);
    while (isdig(q, e)) q++;
    isfloat = 1;
  }
  jp->p = q;
  if (!isfloat) {
    lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; d < q; d++) {
      unsigned dig = (unsigned)(*d - '0');
      if (v > (lim - dig) / 10) break; /* v * 10 + dig > lim */
      v = v * 10 + dig;
    }
    if (d == q) {
      tok->kind = JSON_INTEGER;
      tok->i = neg ? (int64_t)(0 - v) : (int64_t)v;
      return JSON_INTEGER;
    }
  }
  if (fast_double(s + neg, q, &tok->d)) {
    if (neg) tok->d = -tok->d;
    tok->kind = JSON_FLOAT;
    return JSON_FLOAT;
  }
  return to_double(jp, tok, s, (size_t)(q - s));
}

/* true, false or null at jp->p. */
static json_kind scan_word(json_parser *jp, json_token *tok) {
  static const struct {
    const char *w;
    size_t n;
    json_kind kind;
  } words[] = {{"true", 4, JSON_TRUE}, {"false", 5, JSON_FALSE},
               {"null", 4, JSON_NULL}};
  size_t i, left = (size_t)(jp->end - jp->p);
  for (i = 0; i < 3; i++) {
    if (words[i].w[0] != *jp->p) continue;
    if (left >= words[i].n && memcmp(jp->p, words[i].w, words[i].n) == 0) {
      jp->p += words[i].n;
      return tok->kind = words[i].kind;
    }
    if (left < words[i].n && memcmp(jp->p, words[i].w, left) == 0)
      return FAIL(jp, JSON_E_EOF, jp->end);
  }
  return FAIL(jp, JSON_E_LITERAL, jp->p);
}

static int is_object(const json_parser *jp, int level) {
  return jp->objects[level >> 3] >> (level & 7) & 1;
}

static json_kind open_container(json_parser *jp, json_token *tok, int obj) {
  int d = jp->depth;
  if (d >= jp->maxdepth) return FAIL(jp, JSON_E_DEPTH, jp->p);
  if (obj) jp->objects[d >> 3] |= (unsigned char)(1u << (d & 7));
  else jp->objects[d >> 3] &= (unsigned char)~(1u << (d & 7));
  jp->depth = d + 1;
  jp->p++;
  jp->state = obj ? S_OBJECT_FIRST : S_ARRAY_FIRST;
  return tok->kind = obj ? JSON_OBJECT : JSON_ARRAY;
}

static json_kind close_container(json_parser *jp, json_token *tok) {
  jp->p++;
  jp->depth--;
  tok->i = is_object(jp, jp->depth);
  jp->state = S_AFTER;
  return tok->kind = JSON_END;
}

/* A value starting at jp->p (not at the end). */
static json_kind scan_value(json_parser *jp, json_token *tok) {
  unsigned c = *jp->p;
  if (c == '[' || c == '{') return open_container(jp, tok, c == '{');
  jp->state = S_AFTER;
  if (c == '"') return scan_string(jp, tok, JSON_STRING);
  if (c == '-' || (c - '0') < 10u) return scan_number(jp, tok);
  if (c == 't' || c == 'f' || c == 'n') return scan_word(jp, tok);
  return FAIL(jp, JSON_E_VALUE, jp->p);
}

/* After a value inside a container: ',' or the closer. */
static json_kind after_value(json_parser *jp, json_token *tok) {
  int obj = is_object(jp, jp->depth - 1);
  if (*jp->p == ',') {
    jp->p++;
    jp->state = obj ? S_KEY : S_VALUE;
    return JSON_ERROR; /* no token yet: json_next goes on */
  }
  if (*jp->p == (obj ? '}' : ']')) return close_container(jp, tok);
  return FAIL(jp, obj ? JSON_E_OBJECT : JSON_E_ARRAY, jp->p);
}

/* The state machine: one token per call (a dispatcher, hence its size). */
json_kind json_next(json_parser *jp, json_token *tok) {
  json_kind k;
  for (;;) {
    while (jp->p < jp->end && (*jp->p == ' ' || *jp->p == '\n' ||
                               *jp->p == '\r' || *jp->p == '\t'))
      jp->p++;
    tok->off = (size_t)(jp->p - jp->start);
    if (jp->state == S_DONE) return tok->kind = JSON_EOF;
    if (jp->state == S_FAILED) return tok->kind = JSON_ERROR;
    if (jp->p == jp->end) {
      if (jp->state != S_AFTER || jp->depth > 0)
        return FAIL(jp, JSON_E_EOF, jp->p);
      jp->state = S_DONE;
      return tok->kind = JSON_EOF;
    }
    switch (jp->state) {
    case S_AFTER:
      if (jp->depth == 0) return FAIL(jp, JSON_E_TRAILING, jp->p);
      if ((k = after_value(jp, tok)) != JSON_ERROR || jp->state == S_FAILED)
        return k;
      continue;
    case S_COLON:
      if (*jp->p != ':') return FAIL(jp, JSON_E_COLON, jp->p);
      jp->p++;
      jp->state = S_VALUE;
      continue;
    case S_OBJECT_FIRST:
      if (*jp->p == '}') return close_container(jp, tok);
      /* fall through */
    case S_KEY:
      if (*jp->p != '"') return FAIL(jp, JSON_E_KEY, jp->p);
      jp->state = S_COLON;
      return scan_string(jp, tok, JSON_KEY);
    case S_ARRAY_FIRST:
      if (*jp->p == ']') return close_container(jp, tok);
      /* fall through */
    default:
      return scan_value(jp, tok);
    }
  }
}

/* Writes cp as UTF-8 at out; returns the length. */
static size_t put_utf8(char *out, long cp) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | cp >> 6);
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | cp >> 12);
    o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | cp >> 18);
  o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
  o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

void json_unescape(const json_token *tok, char *out) {
  const unsigned char *q = (const unsigned char *)tok->raw;
  const unsigned char *e = q + tok->rawlen, *bs;
  long cp, lo;
  while (q < e) {
    bs = memchr(q, '\\', (size_t)(e - q));
    if (bs == NULL) bs = e;
    memcpy(out, q, (size_t)(bs - q));
    out += bs - q;
    if ((q = bs) == e) break;
    switch (q[1]) {
    case 'b': *out++ = '\b'; break;
    case 'f': *out++ = '\f'; break;
    case 'n': *out++ = '\n'; break;
    case 'r': *out++ = '\r'; break;
    case 't': *out++ = '\t'; break;
    case 'u':
      cp = hex4(q + 2, e);
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        lo = hex4(q + 8, e);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        q += 6;
      }
      out += put_utf8(out, cp);
      q += 4;
      break;
    default: *out++ = (char)q[1]; break; /* " \ / */
    }
    q += 2;
  }
}

const char *json_strerror(json_err err) {
  switch (err) {
  case JSON_OK: return "no error";
  case JSON_E_EOF: return "unexpected end of input";
  case JSON_E_VALUE: return "unexpected character (a value was expected)";
  case JSON_E_LITERAL: return "invalid literal (true, false or null?)";
  case JSON_E_TRAILING: return "junk after the value";
  case JSON_E_KEY: return "object key must be a string";
  case JSON_E_COLON: return "expected ':' after object key";
  case JSON_E_ARRAY: return "expected ',' or ']' in array";
  case JSON_E_OBJECT: return "expected ',' or '}' in object";
  case JSON_E_NUMBER: return "invalid number";
  case JSON_E_ESCAPE: return "invalid escape in string";
  case JSON_E_UESCAPE: return "invalid \\u escape (four hex digits needed)";
  case JSON_E_SURROGATE: return "unpaired UTF-16 surrogate in \\u escape";
  case JSON_E_CONTROL: return "control character in string";
  case JSON_E_UTF8: return "invalid UTF-8 in string";
  case JSON_E_STRING: return "unterminated string";
  case JSON_E_DEPTH: return "too deeply nested";
  case JSON_E_NOMEM: return "out of memory";
  }
  return "unknown error";
}

/* }==== */

/* {==== strings */

static const char hexdig[] = "0123456789abcdef";

/* \u and 4 lowercase hex digits of u at out; returns 6. */
static size_t put_u(char *out, long u) {
  out[0] = '\\';
  out[1] = 'u';
  out[2] = hexdig[u >> 12 & 15];
  out[3] = hexdig[u >> 8 & 15];
  out[4] = hexdig[u >> 4 & 15];
  out[5] = hexdig[u & 15];
  return 6;
}

/* The character of a (possibly overlong) UTF-8 sequence at s, its length
** in *len; -1 (and *len 1) when s does not start one that decodes to a
** Unicode scalar value. */
static long lenient_utf8(const unsigned char *s, const unsigned char *e,
                         size_t *len) {
  unsigned c = s[0];
  size_t n, i;
  long cp;
  *len = 1;
  if (c < 0xC0 || c > 0xF7) return -1;
  n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if ((size_t)(e - s) < n) return -1;
  cp = c & (0x7F >> n);
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return -1;
    cp = cp << 6 | (s[i] & 0x3F);
  }
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return -1;
  *len = n;
  return cp;
}

/* One character (cp < 0x80 included) as JSON at out; returns the length. */
static size_t quote_char(char *out, long cp) {
  static const char shorts[] = "btnvfr"; /* 8..13; \v has no JSON form */
  if (cp >= 0x20 && cp < 0x7F) {
    if (cp == '"' || cp == '\\') {
      out[0] = '\\';
      out[1] = (char)cp;
      return 2;
    }
    out[0] = (char)cp;
    return 1;
  }
  if (cp >= 8 && cp <= 13 && cp != 11) {
    out[0] = '\\';
    out[1] = shorts[cp - 8];
    return 2;
  }
  if (cp < 0x10000) return put_u(out, cp);
  cp -= 0x10000;
  put_u(out, 0xD800 + (cp >> 10));
  return 6 + put_u(out + 6, 0xDC00 + (cp & 0x3FF));
}

size_t json_quote(char *out, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *e = p + n, *run;
  char *o = out;
  size_t len;
  long cp;
  *o++ = '"';
  while (p < e) {
    run = p;
    while (p < e && plain[*p] && *p != 0x7F) p++;
    memcpy(o, run, (size_t)(p - run));
    o += p - run;
    if (p == e) break;
    if (*p < 0x80) cp = *p, len = 1;
    else if ((cp = lenient_utf8(p, e, &len)) < 0) cp = *p; /* Latin-1 */
    o += quote_char(o, cp);
    p += len;
  }
  *o++ = '"';
  return (size_t)(o - out);
}

size_t json_lua_quote(char *out, const char *s, size_t n) {
  static const char named[14] = {0, 0, 0, 0, 0, 0, 0, 'a', 'b', 't', 'n',
                                 'v', 'f', 'r'};
  const unsigned char *p = (const unsigned char *)s;
  int raw8 = json_utf8_valid(s, n);
  char *o = out;
  size_t i;
  *o++ = '"';
  for (i = 0; i < n; i++) {
    unsigned c = p[i];
    if (c == '"' || c == '\\') {
      *o++ = '\\';
      *o++ = (char)c;
    } else if (c < 14 && named[c]) {
      *o++ = '\\';
      *o++ = named[c];
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && !raw8)) {
      *o++ = '\\';
      *o++ = 'x';
      *o++ = hexdig[c >> 4];
      *o++ = hexdig[c & 15];
    } else
      *o++ = (char)c;
  }
  *o++ = '"';
  return (size_t)(o - out);
}

/* }==== */

/* {==== numbers */

/* strtod of the %e output in buf, through the fast path when it applies
** (a C locale's '.': anything else goes to strtod). */
static double read_back(const char *buf) {
  double y;
  size_t n = strlen(buf);
  if ((buf[1] == '.' || buf[1] == 'e') &&
      fast_double((const unsigned char *)buf, (const unsigned char *)buf + n,
                  &y))
    return y;
  return strtod(buf, NULL);
}

/* The shortest decimal digits that read back as x (finite, > 0): into
** dig (no dot, no trailing zero), returns their count, *e10 the decimal
** exponent of the first. For a normal double, rounding to 15 digits
** already gives the shortest form when one of 15 digits or fewer exists
** (a double's half-ulp is below half a unit in the 15th digit), so only
** 16 and 17 need trying after it; subnormals have fewer digits and start
** from 1. */
static int shortest(double x, char dig[18], int *e10) {
  char buf[40];
  int prec, n = 0;
  const char *s;
  for (prec = x < DBL_MIN ? 1 : 15; prec < 17; prec++) {
    snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
    if (read_back(buf) == x) break;
  }
  if (prec == 17) snprintf(buf, sizeof buf, "%.16e", x);
  s = buf;
  dig[n++] = *s++;
  if (*s != 'e') /* the decimal point, whatever the locale spells it */
    for (s++; *s >= '0' && *s <= '9'; s++) dig[n++] = *s;
  *e10 = atoi(s + 1);
  while (n > 1 && dig[n - 1] == '0') n--;
  return n;
}

/* Fixed notation of dig[0..n) with exponent e10 at o; a fraction of "0"
** when integral and zero is set, else just the point. */
static char *fixed(char *o, const char *dig, int n, int e10, int zero) {
  int i;
  if (e10 < 0) {
    *o++ = '0';
    *o++ = '.';
    for (i = -1; i > e10; i--) *o++ = '0';
    memcpy(o, dig, (size_t)n);
    return o + n;
  }
  for (i = 0; i <= e10; i++) *o++ = i < n ? dig[i] : '0';
  *o++ = '.';
  if (n > e10 + 1) {
    memcpy(o, dig + e10 + 1, (size_t)(n - e10 - 1));
    o += n - e10 - 1;
  } else if (zero)
    *o++ = '0';
  return o;
}

/* Exponent notation at o: d[.ddd]e[+-]XX; plus adds '+', pad2 makes at
** least two exponent digits (Python's form). */
static char *expo(char *o, const char *dig, int n, int e10, int plus,
                  int pad2) {
  *o++ = dig[0];
  if (n > 1) {
    *o++ = '.';
    memcpy(o, dig + 1, (size_t)(n - 1));
    o += n - 1;
  }
  *o++ = 'e';
  if (e10 < 0) *o++ = '-', e10 = -e10;
  else if (plus) *o++ = '+';
  return o + sprintf(o, pad2 ? "%02d" : "%d", e10);
}

/* A finite x in shortest digits: a fraction when the decimal exponent
** is in lo..hi-1, else an exponent; json picks Python's spelling (".0"
** when integral, "e+XX"), otherwise Lua's (a bare ".", "eX"). zero: what
** follows the sign for 0. */
static size_t shortest_form(char *out, double x, int lo, int hi, int json,
                            const char *zero) {
  char dig[18], *o = out;
  int n, e10;
  if (signbit(x)) *o++ = '-', x = -x;
  if (x == 0) {
    memcpy(o, zero, strlen(zero));
    return (size_t)(o - out) + strlen(zero);
  }
  n = shortest(x, dig, &e10);
  if (e10 >= lo && e10 < hi) o = fixed(o, dig, n, e10, json);
  else o = expo(o, dig, n, e10, json, json);
  return (size_t)(o - out);
}

size_t json_format_double(char out[JSON_NUMBER_MAX], double x) {
  return shortest_form(out, x, -4, 16, 1, "0.0");
}

size_t json_format_integer(char out[JSON_NUMBER_MAX], int64_t x) {
  return (size_t)snprintf(out, JSON_NUMBER_MAX, "%lld", (long long)x);
}

size_t json_lua_double(char out[JSON_NUMBER_MAX], double x) {
  if (isnan(x)) return (size_t)sprintf(out, "0/0");
  if (isinf(x)) return (size_t)sprintf(out, "%smath.huge", x < 0 ? "-" : "");
  return shortest_form(out, x, -6, 21, 0, "0.");
}

size_t json_lua_integer(char out[JSON_NUMBER_MAX], int64_t x) {
  uint64_t u = (uint64_t)x;
  if (x == INT64_MIN)
    return (size_t)sprintf(out, "-9223372036854775807 - 1");
  if (x >= 256 && (u & (u - 1)) == 0)
    return (size_t)sprintf(out, "0x%0*llx",
                           u <= 0xFFFF ? 4 : u <= 0xFFFFFFFF ? 8 : 16,
                           (unsigned long long)u);
  return json_format_integer(out, x);
}

/* }==== */
