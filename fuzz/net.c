/*
** fuzz/net.c: libFuzzer target for the ip, url and http engines. The
** first byte picks the parser, the rest is its input: 0 URL (the second
** byte's low bits are the flags), 1 query parameters, 2 Host header,
** 3 IPv4 address, 4 HTTP date, 5 escapes, tokens, headers and the path,
** host and port checks. Each result must keep its contract: spans inside
** the output, parses that re-encode to the same fields, canonical
** round trips. See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "ip.h"
#include "url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A parse held in its own exact-size allocations. */
typedef struct parse {
  char *buf;
  size_t size;
  url_parts u;
  url_param *params;
} parse;

static void check_span(const parse *p, url_span sp) {
  if (!sp.present) {
    if (sp.off || sp.len) abort();
    return;
  }
  if (sp.off > p->size || sp.len > p->size - sp.off) abort();
}

static void check_parse(const parse *p, size_t maxparams) {
  size_t i;
  const url_span *f[] = {&p->u.scheme, &p->u.user, &p->u.pass, &p->u.host,
                         &p->u.port, &p->u.path, &p->u.fragment};
  for (i = 0; i < sizeof f / sizeof *f; i++) check_span(p, *f[i]);
  if (!p->u.path.present || p->u.nparams > maxparams) abort();
  if (p->u.pass.present && !p->u.user.present) abort();
  if ((p->u.user.present || p->u.port.present) && !p->u.host.present) abort();
  for (i = 0; i < p->u.nparams; i++) {
    check_span(p, p->params[i].key);
    check_span(p, p->params[i].val);
    if (!p->params[i].key.present) abort();
  }
}

static void do_parse(parse *p, const char *s, size_t n, int flags) {
  size_t np = url_maxparams(s, n);
  p->size = url_bufsize(n, flags);
  p->buf = malloc(p->size ? p->size : 1);
  p->params = malloc(np * sizeof *p->params);
  url_parse(s, n, flags, p->buf, &p->u, p->params);
  check_parse(p, np);
}

static void done(parse *p) {
  free(p->buf);
  free(p->params);
}

static url_str str(const parse *p, url_span sp) {
  url_str v = {sp.present ? p->buf + sp.off : NULL, sp.len};
  return v;
}

static int same(const parse *a, url_span x, const parse *b, url_span y) {
  return x.present == y.present && x.len == y.len &&
         memcmp(a->buf + x.off, b->buf + y.off, x.len) == 0;
}

/* the URL of a parse, in an exact-size allocation (*len bytes) */
static char *encode(const parse *p, size_t *len) {
  url_fields f;
  url_str *pairs = malloc(2 * p->u.nparams * sizeof *pairs + 1);
  char *out;
  size_t i;
  for (i = 0; i < p->u.nparams; i++) {
    pairs[2 * i] = str(p, p->params[i].key);
    pairs[2 * i + 1] = str(p, p->params[i].val);
  }
  f.scheme = str(p, p->u.scheme), f.user = str(p, p->u.user);
  f.pass = str(p, p->u.pass), f.host = str(p, p->u.host);
  f.port = str(p, p->u.port), f.path = str(p, p->u.path);
  f.fragment = str(p, p->u.fragment);
  f.params = pairs, f.nparams = p->u.nparams;
  *len = url_encode(NULL, &f);
  out = malloc(*len ? *len : 1);
  if (url_encode(out, &f) != *len) abort();
  free(pairs);
  return out;
}

/* parse, encode, parse again: the fields must not change, and the second
** encoding must be the first */
static void fuzz_url(const char *s, size_t n, int flags) {
  parse a, b, c;
  size_t len, len2, i;
  char *e, *e2;
  const url_span *fa[7], *fb[7];
  do_parse(&a, s, n, flags);
  e = encode(&a, &len);
  do_parse(&b, e, len, flags & URL_PLUS);
  fa[0] = &a.u.scheme, fa[1] = &a.u.user, fa[2] = &a.u.pass;
  fa[3] = &a.u.host, fa[4] = &a.u.port, fa[5] = &a.u.path;
  fa[6] = &a.u.fragment;
  fb[0] = &b.u.scheme, fb[1] = &b.u.user, fb[2] = &b.u.pass;
  fb[3] = &b.u.host, fb[4] = &b.u.port, fb[5] = &b.u.path;
  fb[6] = &b.u.fragment;
  /* scheme + empty path + parameters and no host cannot be written */
  if (!(a.u.scheme.present && !a.u.host.present && a.u.path.len == 0 &&
        a.u.nparams > 0)) {
    for (i = 0; i < 7; i++)
      if (!same(&a, *fa[i], &b, *fb[i])) abort();
    if (a.u.nparams != b.u.nparams) abort();
    for (i = 0; i < a.u.nparams; i++)
      if (!same(&a, a.params[i].key, &b, b.params[i].key) ||
          !same(&a, a.params[i].val, &b, b.params[i].val))
        abort();
    e2 = encode(&b, &len2);
    if (len2 != len || memcmp(e, e2, len)) abort();
    free(e2);
  }
  do_parse(&c, s, n, 0); /* other flags: still within bounds */
  done(&c);
  free(e);
  done(&a);
  done(&b);
}

static void fuzz_params(const char *s, size_t n) {
  parse p;
  size_t np = url_maxparams(s, n), i;
  p.size = url_bufsize(n, 0);
  p.buf = malloc(p.size ? p.size : 1);
  p.params = malloc(np * sizeof *p.params);
  memset(&p.u, 0, sizeof p.u);
  p.u.path.present = 1;
  p.u.nparams = url_parse_params(s, n, p.buf, p.params);
  check_parse(&p, np);
  for (i = 0; i < p.u.nparams; i++) /* '+' became a space */
    if (memchr(p.buf + p.params[i].key.off, '+', p.params[i].key.len) &&
        !memchr(s, '%', n))
      abort();
  done(&p);
}

static void fuzz_host(const char *s, size_t n) {
  parse p;
  p.size = url_bufsize(n, URL_LATIN1);
  p.buf = malloc(p.size ? p.size : 1);
  p.params = NULL;
  url_parse_host(s, n, p.buf, &p.u);
  p.u.path.present = 1;
  if (!p.u.host.present) abort();
  check_parse(&p, 0);
  done(&p);
}

/* only canonical quads parse, so formatting gives the input back */
static void fuzz_ip(const char *s, size_t n) {
  char b[IP_FORMAT_MAX];
  int64_t ip = ip_parse(s, n);
  uint32_t x;
  if (ip >= 0) {
    if (ip > 0xffffffff || ip_format((uint32_t)ip, b) != n || memcmp(b, s, n))
      abort();
  }
  if (n >= 4) {
    memcpy(&x, s, 4);
    if (ip_parse(b, ip_format(x, b)) != (int64_t)x) abort();
    if (ip_is_public(x) && (ip_is_private(x) || ip_is_loopback(x))) abort();
    if (!ip_category(x)) abort();
  }
}

/* a parsed date formats back to its input but for the day name; an
** instant in range formats to a date that parses back to it */
static void fuzz_date(const char *s, size_t n) {
  char b[HTTP_DATE_LEN + 1];
  int64_t t, u;
  if (http_parse_date(s, n, &t)) {
    if (http_format_date(t, b) != HTTP_DATE_LEN || n != HTTP_DATE_LEN ||
        memcmp(b + 3, s + 3, n - 3))
      abort();
  }
  if (n >= 8) {
    memcpy(&t, s, 8);
    if (http_format_date(t, b) == HTTP_DATE_LEN) {
      if (!http_parse_date(b, HTTP_DATE_LEN, &u) || u != t) abort();
    } else if (t >= HTTP_DATE_MIN && t <= HTTP_DATE_MAX) {
      abort();
    }
  }
}

/* escaping then parsing gives the component back; the checks agree */
static void fuzz_misc(const char *s, size_t n) {
  size_t len = url_escape(NULL, s, n, URL_ESC_SEGMENT), got;
  char *e = malloc(len + 1);
  parse p;
  e[0] = '/';
  if ((got = url_escape(e + 1, s, n, URL_ESC_SEGMENT)) != len) abort();
  do_parse(&p, e, len + 1, 0);
  if (p.u.path.len != n + 1 || memcmp(p.buf + p.u.path.off + 1, s, n))
    abort();
  done(&p);
  free(e);
  if (url_acceptable_path(s, n) && !url_reasonable_path(s, n)) abort();
  if (url_acceptable_port(s, n))
    for (got = 0; got < n; got++)
      if (s[got] < '0' || s[got] > '9') abort();
  if (url_acceptable_host(s, n) && n > 253) abort();
  if (http_is_token(s, n) && (n == 0 || memchr(s, ' ', n))) abort();
  (void)http_header_repeatable(s, n);
  if (n >= 2) (void)http_reason((long)(unsigned char)s[0] << 8 | s[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s;
  size_t n;
  if (size < 1) return 0;
  n = size - 1;
  s = malloc(n ? n : 1); /* exactly the input: ASan sees overreads */
  memcpy(s, data + 1, n);
  switch (data[0] % 6) {
    case 0:
      if (n > 0) fuzz_url(s + 1, n - 1, s[0] & (URL_PLUS | URL_LATIN1));
      break;
    case 1: fuzz_params(s, n); break;
    case 2: fuzz_host(s, n); break;
    case 3: fuzz_ip(s, n); break;
    case 4: fuzz_date(s, n); break;
    default: fuzz_misc(s, n); break;
  }
  free(s);
  return 0;
}
