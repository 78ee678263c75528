/*
** tests/unit/url.c: unit tests of the URL engine: parses written out
** field by field (RFC 3986's examples among them), escapes, encodes,
** the host, port and path checks, and hostile inputs parsed from buffers
** of exactly their size. See LICENSE.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "url.h"

/* the fields of a parse as one line: name=value, '-' for absent, and the
** parameters as k=v or k (no '='); bytes outside 0x21-0x7e as \xHH */
static void put(char **w, url_span sp, const char *buf, const char *name) {
  size_t i;
  *w += sprintf(*w, " %s", name);
  if (!sp.present) {
    *w += sprintf(*w, "-");
    return;
  }
  **w = '=', (*w)++;
  for (i = 0; i < sp.len; i++) {
    unsigned char c = (unsigned char)buf[sp.off + i];
    if (c > 0x20 && c < 0x7f && c != '\\') *(*w)++ = (char)c;
    else *w += sprintf(*w, "\\x%02X", c);
  }
  **w = '\0';
}

/* parse s (copied to exactly n bytes, output exactly url_bufsize) */
static char *show(const char *s, size_t n, int flags, char *line) {
  char *in = malloc(n ? n : 1), *out, *w = line;
  url_param *params = malloc(url_maxparams(s, n) * sizeof *params);
  url_parts u;
  size_t i;
  memcpy(in, s, n);
  out = malloc(url_bufsize(n, flags) ? url_bufsize(n, flags) : 1);
  url_parse(in, n, flags, out, &u, params);
  *w = '\0';
  put(&w, u.scheme, out, "s");
  put(&w, u.user, out, "u");
  put(&w, u.pass, out, "pw");
  put(&w, u.host, out, "h");
  put(&w, u.port, out, "po");
  put(&w, u.path, out, "pa");
  for (i = 0; i < u.nparams; i++) {
    put(&w, params[i].key, out, "k");
    if (params[i].val.present) put(&w, params[i].val, out, "v");
  }
  put(&w, u.fragment, out, "f");
  free(in), free(out), free(params);
  return line + 1;
}

static void test_parse(void) {
  static const struct {
    const char *in;
    int flags;
    const char *want;
  } cases[] = {
      /* RFC 3986 section 1.1.2's examples */
      {"ftp://ftp.is.co.za/rfc/rfc1808.txt", 0,
       "s=ftp u- pw- h=ftp.is.co.za po- pa=/rfc/rfc1808.txt f-"},
      {"http://www.ietf.org/rfc/rfc2396.txt", 0,
       "s=http u- pw- h=www.ietf.org po- pa=/rfc/rfc2396.txt f-"},
      {"ldap://[2001:db8::7]/c=GB?objectClass?one", 0,
       "s=ldap u- pw- h=2001:db8::7 po- pa=/c=GB k=objectClass?one f-"},
      {"mailto:John.Doe@example.com", 0,
       "s=mailto u- pw- h- po- pa=John.Doe@example.com f-"},
      {"news:comp.infosystems.www.servers.unix", 0,
       "s=news u- pw- h- po- pa=comp.infosystems.www.servers.unix f-"},
      {"tel:+1-816-555-1212", 0, "s=tel u- pw- h- po- pa=+1-816-555-1212 f-"},
      {"telnet://192.0.2.16:80/", 0,
       "s=telnet u- pw- h=192.0.2.16 po=80 pa=/ f-"},
      {"urn:oasis:names:specification:docbook:dtd:xml:4.1.2", 0,
       "s=urn u- pw- h- po- pa=oasis:names:specification:docbook:dtd:xml:"
       "4.1.2 f-"},
      /* the manual's example and the flags */
      {"/?a=b&c", 0, "s- u- pw- h- po- pa=/ k=a v=b k=c f-"},
      {"?a=1+2", 0, "s- u- pw- h- po- pa= k=a v=1+2 f-"},
      {"?a=1+2", URL_PLUS, "s- u- pw- h- po- pa= k=a v=1\\x202 f-"},
      {"/\xe9%E9", URL_LATIN1, "s- u- pw- h- po- pa=/\\xC3\\xA9\\xE9 f-"},
      {"/\xe9", 0, "s- u- pw- h- po- pa=/\\xE9 f-"},
      /* authority */
      {"http://u:p:q@h:1/", 0, "s=http u=u pw=p:q h=h po=1 pa=/ f-"},
      {"//a@b@c", 0, "s- u=a@b pw- h=c po- pa= f-"},
      {"//@:", 0, "s- u= pw- h= po= pa= f-"},
      {"//::1", 0, "s- u- pw- h=::1 po- pa= f-"},
      {"//[::1]", 0, "s- u- pw- h=::1 po- pa= f-"},
      {"//[::1]:", 0, "s- u- pw- h=::1 po= pa= f-"},
      {"//[::1]x", 0, "s- u- pw- h=[::1]x po- pa= f-"},
      {"//[::1", 0, "s- u- pw- h=[::1 po- pa= f-"},
      {"//h%3A1", 0, "s- u- pw- h=h:1 po- pa= f-"},
      {"///", 0, "s- u- pw- h= po- pa=/ f-"},
      {"//", 0, "s- u- pw- h= po- pa= f-"},
      /* schemes, opaque parts, paths */
      {"a:b?c#d", 0, "s=a u- pw- h- po- pa=b?c f=d"},
      {"a:/b?c#d", 0, "s=a u- pw- h- po- pa=/b k=c f=d"},
      {"a:", 0, "s=a u- pw- h- po- pa= f-"},
      {":a", 0, "s- u- pw- h- po- pa=:a f-"},
      {"1a:b", 0, "s- u- pw- h- po- pa=1a:b f-"},
      {"a%3A:b", 0, "s- u- pw- h- po- pa=a::b f-"},
      {"/a:b", 0, "s- u- pw- h- po- pa=/a:b f-"},
      {"%", 0, "s- u- pw- h- po- pa=% f-"},
      {"%4", 0, "s- u- pw- h- po- pa=%4 f-"},
      {"%4g%41", 0, "s- u- pw- h- po- pa=%4gA f-"},
      {"", 0, "s- u- pw- h- po- pa= f-"},
      /* queries and fragments */
      {"?", 0, "s- u- pw- h- po- pa= f-"},
      {"?&&", 0, "s- u- pw- h- po- pa= f-"},
      {"?=", 0, "s- u- pw- h- po- pa= k= v= f-"},
      {"?a==b&c", 0, "s- u- pw- h- po- pa= k=a v==b k=c f-"},
      {"#", 0, "s- u- pw- h- po- pa= f="},
      {"#a#b?c", 0, "s- u- pw- h- po- pa= f=a#b?c"},
      {"?#", 0, "s- u- pw- h- po- pa= f="},
  };
  char line[1024];
  size_t i;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *got = show(cases[i].in, strlen(cases[i].in), cases[i].flags,
                           line);
    CHECK(!strcmp(got, cases[i].want), "%s:\n  expected %s\n  got      %s",
          cases[i].in, cases[i].want, got);
  }
  /* NUL bytes are data, not ends */
  CHECK(!strcmp(show("/\0?\0=\0#\0", 8, 0, line),
                "s- u- pw- h- po- pa=/\\x00 k=\\x00 v=\\x00 f=\\x00"),
        "%s", line + 1);
}

static void test_escape(void) {
  static const struct {
    url_esc c;
    const char *in, *want;
  } cases[] = {
      {URL_ESC_PATH, "/a b/c?d#e%", "/a%20b/c%3Fd%23e%25"},
      {URL_ESC_SEGMENT, "a/b:c@d", "a%2Fb:c@d"},
      {URL_ESC_PARAM, "a b&c=d~e*f+", "a%20b%26c%3Dd%7Ee*f%2B"},
      {URL_ESC_FRAGMENT, "a?b/c#d", "a?b/c%23d"},
      {URL_ESC_AUTHORITY, "u:p@h[1]", "u%3Ap%40h%5B1%5D"},
      {URL_ESC_IP, "::1%eth0", "::1%25eth0"},
      {URL_ESC_PATH, "\xff\x01", "%FF%01"},
      {URL_ESC_PATH, "", ""},
  };
  char out[64];
  size_t i;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t n = strlen(cases[i].in), len = url_escape(NULL, cases[i].in, n,
                                                     cases[i].c);
    size_t got = url_escape(out, cases[i].in, n, cases[i].c);
    out[got] = '\0';
    CHECK(len == got && !strcmp(out, cases[i].want), "%s: expected %s, got %s",
          cases[i].in, cases[i].want, out);
  }
  CHECK(url_escape(NULL, "\0", 1, URL_ESC_PATH) == 3, "NUL is escaped");
}

#define S(x) {x, sizeof x - 1}
#define NONE {NULL, 0}

static void test_encode(void) {
  static const url_str params[] = {S("q"), S("a b"), S("k"), NONE};
  struct {
    url_fields f;
    const char *want;
  } cases[] = {
      {{S("http"), S("u"), S("p"), S("h"), S("80"), S("/x"), S("f"), params,
        2},
       "http://u:p@h:80/x?q=a%20b&k#f"},
      {{NONE, NONE, NONE, S("::1"), NONE, NONE, NONE, NULL, 0}, "//[::1]"},
      {{NONE, NONE, NONE, S("h"), NONE, S("p"), NONE, NULL, 0}, "//h/p"},
      {{NONE, NONE, NONE, NONE, NONE, S("//p"), NONE, NULL, 0}, "/%2Fp"},
      {{NONE, NONE, NONE, NONE, NONE, S("a:b/c:d"), NONE, NULL, 0},
       "a%3Ab/c:d"},
      {{S("s"), NONE, NONE, NONE, NONE, S("a:b"), NONE, NULL, 0}, "s:a:b"},
      {{S(""), S("u"), NONE, NONE, S("1"), S("/"), S(""), NULL, 0}, "/#"},
      {{NONE, NONE, S("p"), S(""), NONE, NONE, NONE, NULL, 0}, "//:p@"},
  };
  char out[128];
  size_t i;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t len = url_encode(NULL, &cases[i].f), got;
    got = url_encode(out, &cases[i].f);
    out[got] = '\0';
    CHECK(len == got && !strcmp(out, cases[i].want),
          "case %zu: expected %s, got %s", i, cases[i].want, out);
  }
}

static void test_checks(void) {
  static const char *const hosts_ok[] = {
      "", "1.2.3.4", "1.2.3.4.arpa", "localservice", "hello.example",
      "_hello.example", "-hello.example", "hi-there.example", "a.", "0.0.0.0"};
  static const char *const hosts_bad[] = {
      "::1", "1.2.3", "1.2.3.4.5", ".hi.example", "hi..example", "1.2.3.256",
      "1.2.3.4.", "a b", "a/b", "a:80", "\xc3\xa9", "1.2.3.1000"};
  static const char *const ports_ok[] = {"", "0", "65535", "00080"};
  static const char *const ports_bad[] = {"-1", "65536", "https", "1 ",
                                          "99999999999999999999999"};
  char big[300];
  size_t i;
  for (i = 0; i < sizeof hosts_ok / sizeof *hosts_ok; i++)
    CHECK(url_acceptable_host(hosts_ok[i], strlen(hosts_ok[i])), "%s",
          hosts_ok[i]);
  for (i = 0; i < sizeof hosts_bad / sizeof *hosts_bad; i++)
    CHECK(!url_acceptable_host(hosts_bad[i], strlen(hosts_bad[i])), "%s",
          hosts_bad[i]);
  memset(big, 'a', sizeof big);
  CHECK(url_acceptable_host(big, 253), "253 bytes");
  CHECK(!url_acceptable_host(big, 254), "254 bytes");
  for (i = 0; i < sizeof ports_ok / sizeof *ports_ok; i++)
    CHECK(url_acceptable_port(ports_ok[i], strlen(ports_ok[i])), "%s",
          ports_ok[i]);
  for (i = 0; i < sizeof ports_bad / sizeof *ports_bad; i++)
    CHECK(!url_acceptable_port(ports_bad[i], strlen(ports_bad[i])), "%s",
          ports_bad[i]);
}

static void test_paths(void) {
  static const struct {
    const char *path;
    int reasonable, acceptable;
  } cases[] = {
      {"", 1, 1},          {"/", 1, 1},          {"/a/b", 1, 1},
      {"/a/b/", 1, 1},     {".", 0, 0},          {"..", 0, 0},
      {"/.", 0, 0},        {"/..", 0, 0},        {"/a/./b", 0, 0},
      {"/a/../b", 0, 0},   {"a/..", 0, 0},       {"/a//b", 1, 0},
      {"//", 1, 0},        {"/.git", 1, 0},      {"/a/.b", 1, 0},
      {"/...", 1, 0},      {"/a..b", 1, 1},      {"/.well-known/x", 1, 1},
      {"/.well-known", 1, 0}, {"/a\\..", 0, 0},  {"/a\\\\b", 1, 0},
      {"/\xc0\xae", 0, 0}, {"/\xc0\xae\xc0\xae/", 0, 0},
      {"/\xe0\x80\xae", 0, 0}, {"/\xf0\x80\x80\xae", 0, 0},
      {"/a\xc0\xaf\xc0\xaf", 1, 0}, {"/\xc0", 1, 1}, {"/\xc0.", 1, 1},
      {"/\xc3\xa9", 1, 1},
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t n = strlen(cases[i].path);
    CHECK(url_reasonable_path(cases[i].path, n) == cases[i].reasonable,
          "reasonable %s", cases[i].path);
    CHECK(url_acceptable_path(cases[i].path, n) == cases[i].acceptable,
          "acceptable %s", cases[i].path);
  }
}

/* hostile: every 1- and 2-byte input and long runs of delimiters parse
** within their buffers (the sanitizer build checks the bounds) */
static void test_hostile(void) {
  static const char runs[] = "%[]@:/?#&=+\xff";
  char s[2], line[4096];
  unsigned a, b, k;
  for (a = 0; a < 256; a++) {
    s[0] = (char)a;
    show(s, 1, URL_LATIN1 | URL_PLUS, line);
    for (b = 0; b < 256; b += 3) {
      s[1] = (char)b;
      show(s, 2, URL_LATIN1, line);
    }
  }
  for (k = 0; k < sizeof runs - 1; k++) {
    char r[300];
    memset(r, runs[k], sizeof r);
    show(r, sizeof r, URL_LATIN1 | URL_PLUS, line);
    CHECK(url_reasonable_path(r, sizeof r) || runs[k] == '.', "run %c",
          runs[k]);
  }
  CHECK(url_maxparams("&&&", 3) == 4, "maxparams");
}

int main(void) {
  test_parse();
  test_escape();
  test_encode();
  test_checks();
  test_paths();
  test_hostile();
  return UNIT_END();
}
