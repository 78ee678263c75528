/*
** url.c: URL parsing, encoding, escaping and checks. The contracts are
** in url.h. See LICENSE.
*/
#include "url.h"

#include <string.h>

/* {==== parsing */

/* The output cursor of a parse: decoded bytes go to out[len...]. */
typedef struct url_out {
  char *out;
  size_t len;
  int flags;
} url_out;

static int url_hex(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* first index in [i, e) of a byte of set, else e */
static size_t url_find(const char *s, size_t i, size_t e, const char *set) {
  while (i < e && (s[i] == '\0' || !strchr(set, s[i]))) i++;
  return i;
}

/* s[a, b) percent-decoded (and '+' and Latin-1 as the flags say) as a
** present span of the output */
static url_span url_decode(url_out *o, const char *s, size_t a, size_t b,
                           int plus) {
  url_span sp;
  sp.off = o->len;
  sp.present = 1;
  while (a < b) {
    unsigned char c = (unsigned char)s[a++];
    int hi, lo;
    if (c == '%' && b - a >= 2 && (hi = url_hex(s[a])) >= 0 &&
        (lo = url_hex(s[a + 1])) >= 0) {
      c = (unsigned char)(hi << 4 | lo);
      a += 2;
    } else if (c == '+' && plus) {
      c = ' ';
    } else if (c >= 0x80 && (o->flags & URL_LATIN1)) {
      o->out[o->len++] = (char)(0xC0 | c >> 6);
      c = 0x80 | (c & 0x3F);
    }
    o->out[o->len++] = (char)c;
  }
  sp.len = o->len - sp.off;
  return sp;
}

/* the pieces of the query s[a, b) into params; returns how many */
static size_t url_query(url_out *o, const char *s, size_t a, size_t b,
                        int plus, url_param *params) {
  size_t np = 0;
  while (a < b) {
    size_t e = a, eq;
    while (e < b && s[e] != '&') e++;
    if (e > a) {
      eq = a;
      while (eq < e && s[eq] != '=') eq++;
      memset(&params[np], 0, sizeof params[np]);
      params[np].key = url_decode(o, s, a, eq, plus);
      if (eq < e) params[np].val = url_decode(o, s, eq + 1, e, plus);
      np++;
    }
    a = e + 1;
  }
  return np;
}

static size_t url_count(const char *s, size_t a, size_t b, char c) {
  size_t k = 0;
  for (; a < b; a++) k += s[a] == c;
  return k;
}

/* host[:port] at s[h, b) (see url.h for the rules) */
static void url_hostport(url_out *o, const char *s, size_t h, size_t b,
                         url_parts *u) {
  size_t r, c;
  if (h < b && s[h] == '[') {
    r = h + 1;
    while (r < b && s[r] != ']') r++;
    if (r < b && (r + 1 == b || s[r + 1] == ':')) {
      u->host = url_decode(o, s, h + 1, r, 0);
      if (r + 1 < b) u->port = url_decode(o, s, r + 2, b, 0);
      return;
    }
  }
  if (url_count(s, h, b, ':') == 1) {
    c = h;
    while (s[c] != ':') c++;
    u->host = url_decode(o, s, h, c, 0);
    u->port = url_decode(o, s, c + 1, b, 0);
  } else {
    u->host = url_decode(o, s, h, b, 0);
  }
}

/* the authority s[a, b): [user[:pass]@]hostport */
static void url_authority(url_out *o, const char *s, size_t a, size_t b,
                          url_parts *u) {
  size_t at = b, c;
  while (at > a && s[at - 1] != '@') at--;
  if (at > a) { /* s[at - 1] is the last '@' */
    c = a;
    while (c < at - 1 && s[c] != ':') c++;
    u->user = url_decode(o, s, a, c, 0);
    if (c < at - 1) u->pass = url_decode(o, s, c + 1, at - 1, 0);
    a = at;
  }
  url_hostport(o, s, a, b, u);
}

static int url_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int url_alnum(int c) {
  return url_alpha(c) || (c >= '0' && c <= '9');
}

/* the length of a scheme and its ':' at the start of s, else 0 */
static size_t url_scheme_len(const char *s, size_t n) {
  size_t j = 1;
  if (n == 0 || !url_alpha(s[0])) return 0;
  while (j < n && (url_alnum(s[j]) || s[j] == '+' || s[j] == '-' ||
                   s[j] == '.'))
    j++;
  return j < n && s[j] == ':' ? j : 0;
}

size_t url_bufsize(size_t n, int flags) {
  return flags & URL_LATIN1 ? 2 * n : n;
}

size_t url_maxparams(const char *s, size_t n) {
  return 1 + url_count(s, 0, n, '&');
}

void url_parse(const char *s, size_t n, int flags, char *out, url_parts *u,
               url_param *params) {
  url_out o = {out, 0, flags};
  size_t i = 0, e, k;
  int opaque = 0;
  memset(u, 0, sizeof *u);
  if ((k = url_scheme_len(s, n)) > 0) {
    u->scheme = url_decode(&o, s, 0, k, 0); /* letters, digits, +-. only */
    i = k + 1;
  }
  if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
    e = url_find(s, i + 2, n, "/?#");
    url_authority(&o, s, i + 2, e, u);
    i = e;
  } else if (k > 0 && (i == n || s[i] != '/')) {
    opaque = 1;
  }
  e = url_find(s, i, n, opaque ? "#" : "?#");
  u->path = url_decode(&o, s, i, e, 0);
  i = e;
  if (i < n && s[i] == '?') {
    e = url_find(s, i + 1, n, "#");
    u->nparams = url_query(&o, s, i + 1, e, flags & URL_PLUS, params);
    i = e;
  }
  if (i < n) u->fragment = url_decode(&o, s, i + 1, n, 0);
}

size_t url_parse_params(const char *s, size_t n, char *out,
                        url_param *params) {
  url_out o = {out, 0, 0};
  return url_query(&o, s, 0, n, 1, params);
}

void url_parse_host(const char *s, size_t n, char *out, url_parts *u) {
  url_out o = {out, 0, URL_LATIN1};
  memset(u, 0, sizeof *u);
  url_authority(&o, s, 0, n, u);
}

/* }==== */

/* {==== escaping and encoding */

/* the punctuation each component keeps besides letters and digits */
static const char *const url_keep[] = {
    "-._~!$&'()*+,;=",       /* URL_ESC_AUTHORITY */
    "-._~!$&'()*+,;=:",      /* URL_ESC_IP */
    "-._~!$&'()*+,;=:@/",    /* URL_ESC_PATH */
    "-._~!$&'()*+,;=:@",     /* URL_ESC_SEGMENT */
    "-.*_",                  /* URL_ESC_PARAM */
    "-._~!$&'()*+,;=:@/?",   /* URL_ESC_FRAGMENT */
};

static int url_kept(int c, url_esc k) {
  return url_alnum(c) || (c != 0 && strchr(url_keep[k], c) != NULL);
}

/* An output being written or measured (out NULL). */
typedef struct url_w {
  char *out;
  size_t len;
} url_w;

static void url_put(url_w *w, int c) {
  if (w->out) w->out[w->len] = (char)c;
  w->len++;
}

static void url_put_esc(url_w *w, int c) {
  static const char hex[] = "0123456789ABCDEF";
  url_put(w, '%');
  url_put(w, hex[(unsigned char)c >> 4]);
  url_put(w, hex[c & 15]);
}

static void url_put_str(url_w *w, url_str v, url_esc k) {
  size_t i;
  for (i = 0; i < v.n; i++) {
    unsigned char c = (unsigned char)v.p[i];
    if (url_kept(c, k)) url_put(w, c);
    else url_put_esc(w, c);
  }
}

size_t url_escape(char *out, const char *s, size_t n, url_esc c) {
  url_w w = {out, 0};
  url_str v = {s, n};
  url_put_str(&w, v, c);
  return w.len;
}

/* the path: escaped as a path, and, without a host, so that it cannot
** read as an authority ("//") or, without a scheme either, start with a
** scheme (a ':' before the first '/') */
static void url_put_path(url_w *w, const url_fields *f) {
  size_t i;
  int first = 1; /* still in the first segment */
  for (i = 0; i < f->path.n; i++) {
    unsigned char c = (unsigned char)f->path.p[i];
    int esc = !url_kept(c, URL_ESC_PATH);
    if (c == '/') first = 0;
    if (!f->host.p && i == 1 && c == '/' && f->path.p[0] == '/') esc = 1;
    if (!f->host.p && !f->scheme.n && first && c == ':') esc = 1;
    if (esc) url_put_esc(w, c);
    else url_put(w, c);
  }
}

static void url_put_authority(url_w *w, const url_fields *f) {
  url_str empty = {"", 0};
  url_put(w, '/');
  url_put(w, '/');
  if (f->user.p || f->pass.p) {
    url_put_str(w, f->user.p ? f->user : empty, URL_ESC_AUTHORITY);
    if (f->pass.p) {
      url_put(w, ':');
      url_put_str(w, f->pass, URL_ESC_AUTHORITY);
    }
    url_put(w, '@');
  }
  if (memchr(f->host.p, ':', f->host.n)) {
    url_put(w, '[');
    url_put_str(w, f->host, URL_ESC_IP);
    url_put(w, ']');
  } else {
    url_put_str(w, f->host, URL_ESC_AUTHORITY);
  }
  if (f->port.p) {
    url_put(w, ':');
    url_put_str(w, f->port, URL_ESC_AUTHORITY);
  }
  if (f->path.n && f->path.p[0] != '/') url_put(w, '/');
}

size_t url_encode(char *out, const url_fields *f) {
  url_w w = {out, 0};
  size_t i;
  if (f->scheme.p && f->scheme.n) {
    for (i = 0; i < f->scheme.n; i++) url_put(&w, f->scheme.p[i]);
    url_put(&w, ':');
  }
  if (f->host.p) url_put_authority(&w, f);
  if (f->path.p) url_put_path(&w, f);
  for (i = 0; i < f->nparams; i++) {
    url_put(&w, i ? '&' : '?');
    url_put_str(&w, f->params[2 * i], URL_ESC_PARAM);
    if (f->params[2 * i + 1].p) {
      url_put(&w, '=');
      url_put_str(&w, f->params[2 * i + 1], URL_ESC_PARAM);
    }
  }
  if (f->fragment.p) {
    url_put(&w, '#');
    url_put_str(&w, f->fragment, URL_ESC_FRAGMENT);
  }
  return w.len;
}

/* }==== */

/* {==== checks */

int url_acceptable_port(const char *s, size_t n) {
  long v = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
    if (v > 65535) return 0;
  }
  return 1;
}

/* a dotted quad of four parts 0-255 (leading zeros allowed: a host name
** is compared as written, not read as a number) */
static int url_quad(const char *s, size_t n) {
  size_t i, dots = 0, digits = 0;
  int v = 0;
  for (i = 0; i < n; i++) {
    if (s[i] == '.') {
      if (!digits) return 0;
      dots++, digits = 0, v = 0;
    } else {
      v = v * 10 + (s[i] - '0');
      if (++digits > 3 || v > 255) return 0;
    }
  }
  return dots == 3 && digits > 0;
}

int url_acceptable_host(const char *s, size_t n) {
  size_t i;
  int name = 0;
  if (n == 0) return 1;
  if (n > 253) return 0;
  for (i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (c == '.') {
      if (i == 0 || s[i - 1] == '.') return 0;
    } else if (url_alpha(c) || c == '-' || c == '_') {
      name = 1;
    } else if (c < '0' || c > '9') {
      return 0;
    }
  }
  return name || url_quad(s, n);
}

/* the character at s[*i] (a whole UTF-8 sequence, overlong or not, when
** its continuation bytes are all there), *i moved past it */
static unsigned long url_char(const char *s, size_t n, size_t *i) {
  unsigned char c = (unsigned char)s[(*i)++];
  size_t len, k;
  unsigned long v;
  if (c < 0xC0) return c;
  len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : c < 0xFC ? 5 : 6;
  v = c & (0x7F >> len);
  if (len - 1 > n - *i) return c;
  for (k = 0; k < len - 1; k++) {
    unsigned char d = (unsigned char)s[*i + k];
    if ((d & 0xC0) != 0x80) return c;
    v = v << 6 | (d & 0x3F);
  }
  *i += len - 1;
  return v;
}

/* A segment of a path: its first two characters (0 past its end), its
** length in characters, its index, whether it is the last one. */
typedef struct url_seg {
  unsigned long a, b;
  size_t len, index;
  int last;
} url_seg;

typedef int (*url_seg_fn)(const url_seg *g, const char *s, size_t n);

/* fn on each segment of s[0, n) (cut at '/' and backslash) until it says 0 */
static int url_segments(const char *s, size_t n, url_seg_fn fn) {
  url_seg g = {0, 0, 0, 0, 0};
  size_t i = 0;
  while (i < n) {
    unsigned long c = url_char(s, n, &i);
    if (c == '/' || c == '\\') {
      if (!fn(&g, s, n)) return 0;
      g.a = g.b = 0, g.len = 0, g.index++;
    } else {
      if (g.len == 0) g.a = c;
      else if (g.len == 1) g.b = c;
      g.len++;
    }
  }
  g.last = 1;
  return fn(&g, s, n);
}

static int url_seg_reasonable(const url_seg *g, const char *s, size_t n) {
  (void)s, (void)n;
  return !(g->a == '.' && (g->len == 1 || (g->len == 2 && g->b == '.')));
}

static int url_seg_acceptable(const url_seg *g, const char *s, size_t n) {
  if (g->len == 0) return g->index == 0 || g->last;
  if (g->a != '.') return 1;
  return g->index == 1 && n >= 13 && memcmp(s, "/.well-known/", 13) == 0;
}

int url_reasonable_path(const char *s, size_t n) {
  return url_segments(s, n, url_seg_reasonable);
}

int url_acceptable_path(const char *s, size_t n) {
  return url_segments(s, n, url_seg_acceptable);
}

/* }==== */
