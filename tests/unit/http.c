/*
** tests/unit/http.c: unit tests of the HTTP engine: IMF-fixdates of
** known instants (RFC 7231's example, values from Python's
** calendar.timegm), the range's ends, malformed dates byte by byte,
** reasons, tokens, repeatable headers. See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "unit.h"

static const struct {
  int64_t t;
  const char *s;
} known[] = {
    {784111777, "Sun, 06 Nov 1994 08:49:37 GMT"}, /* RFC 7231 7.1.1.1 */
    {1617032233, "Mon, 29 Mar 2021 15:37:13 GMT"}, /* the manual */
    {0, "Thu, 01 Jan 1970 00:00:00 GMT"},
    {-1, "Wed, 31 Dec 1969 23:59:59 GMT"},
    {951782400, "Tue, 29 Feb 2000 00:00:00 GMT"},
    {4107542400, "Mon, 01 Mar 2100 00:00:00 GMT"},
    {-2208988800, "Mon, 01 Jan 1900 00:00:00 GMT"},
    {-62135596800, "Mon, 01 Jan 0001 00:00:00 GMT"},
    {HTTP_DATE_MIN, "Sat, 01 Jan 0000 00:00:00 GMT"},
    {HTTP_DATE_MAX, "Fri, 31 Dec 9999 23:59:59 GMT"},
};

static void test_known(void) {
  char b[HTTP_DATE_LEN + 1];
  size_t i;
  for (i = 0; i < sizeof known / sizeof *known; i++) {
    int64_t t = 12345;
    memset(b, 0, sizeof b);
    CHECK(http_format_date(known[i].t, b) == HTTP_DATE_LEN &&
              !strcmp(b, known[i].s),
          "%lld: expected %s, got %s", (long long)known[i].t, known[i].s, b);
    CHECK(http_parse_date(known[i].s, HTTP_DATE_LEN, &t) && t == known[i].t,
          "%s: expected %lld, got %lld", known[i].s, (long long)known[i].t,
          (long long)t);
  }
  memset(b, 'x', sizeof b);
  CHECK(http_format_date(HTTP_DATE_MAX + 1, b) == 0 && b[0] == 'x', "max+1");
  CHECK(http_format_date(HTTP_DATE_MIN - 1, b) == 0 && b[0] == 'x', "min-1");
  CHECK(http_format_date(INT64_MIN, b) == 0, "INT64_MIN");
  CHECK(http_format_date(INT64_MAX, b) == 0, "INT64_MAX");
}

static void test_bad_dates(void) {
  static const char *const bad[] = {
      "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
      "sun, 06 Nov 1994 08:49:37 GMT",  "Sun, 06 NOV 1994 08:49:37 GMT",
      "Sun, 06 Nov 1994 08:49:37 gmt",  "Sun, 06 Nov 1994 24:00:00 GMT",
      "Sun, 06 Nov 1994 23:60:00 GMT",  "Sun, 06 Nov 1994 23:59:60 GMT",
      "Sun, 00 Nov 1994 08:49:37 GMT",  "Sun, 31 Apr 1994 08:49:37 GMT",
      "Sun, 29 Feb 1900 08:49:37 GMT",  "Sun, 29 Feb 2023 08:49:37 GMT",
      "Sun, 06 Nov 1994 08:49:37 GMT ", "Sun, 6 Nov 1994 08:49:37 GMT",
      "Sun, 06 Nov 1994 08-49-37 GMT",  "Sun, 06 Nov -994 08:49:37 GMT",
  };
  static const char good[] = "Sun, 06 Nov 1994 08:49:37 GMT";
  char s[HTTP_DATE_LEN];
  size_t i, k;
  int64_t t;
  for (i = 0; i < sizeof bad / sizeof *bad; i++)
    CHECK(!http_parse_date(bad[i], strlen(bad[i]), &t), "%s", bad[i]);
  /* each byte of a good date replaced by a byte that cannot stand there
  ** (a letter where a digit goes, and so on), read from an exact buffer */
  for (k = 0; k < HTTP_DATE_LEN; k++) {
    char *p = malloc(HTTP_DATE_LEN);
    memcpy(s, good, HTTP_DATE_LEN);
    s[k] = (s[k] >= '0' && s[k] <= '9') ? 'x' : (s[k] == ' ' ? '_' : '9');
    memcpy(p, s, HTTP_DATE_LEN);
    CHECK(!http_parse_date(p, HTTP_DATE_LEN, &t), "byte %zu changed", k);
    CHECK(!http_parse_date(p, k, &t), "cut at %zu", k);
    free(p);
  }
}

static void test_walk(void) {
  /* every day of 1999-2001 at 23:59:59, and back */
  int64_t t, got;
  char b[HTTP_DATE_LEN + 1];
  for (t = 915148799; t < 1009843200; t += 86400) {
    http_format_date(t, b);
    CHECK(http_parse_date(b, HTTP_DATE_LEN, &got) && got == t, "%s", b);
  }
}

static void test_reasons(void) {
  CHECK(!strcmp(http_reason(200), "OK"), "200");
  CHECK(!strcmp(http_reason(404), "Not Found"), "404");
  CHECK(!strcmp(http_reason(100), "Continue"), "100");
  CHECK(!strcmp(http_reason(599), "Network Connect Timeout Error"), "599");
  CHECK(!strcmp(http_reason(418), "I'm a teapot"), "418 (RFC 2324)");
  CHECK(!strcmp(http_reason(0), ""), "0");
  CHECK(!strcmp(http_reason(306), ""), "306 (unused)");
  CHECK(!strcmp(http_reason(-404), ""), "-404");
  CHECK(!strcmp(http_reason(100000), ""), "100000");
}

static void test_tokens(void) {
  int c;
  char s[1];
  for (c = 0; c < 256; c++) {
    int want = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z') ||
               (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
    s[0] = (char)c;
    CHECK(http_is_token(s, 1) == want, "byte %02x", c);
  }
  CHECK(!http_is_token("", 0), "empty");
  CHECK(http_is_token("Content-Type", 12), "Content-Type");
  CHECK(!http_is_token("a b", 3), "a b");
}

static void test_headers(void) {
  static const char *const yes[] = {"Accept", "accept", "ACCEPT-ENCODING",
                                    "Cache-Control", "te", "Via",
                                    "X-Forwarded-For", "WWW-Authenticate"};
  static const char *const no[] = {"Content-Type", "Set-Cookie", "Connection",
                                   "Host", "", "Accep", "Accepts", "Vary "};
  size_t i;
  for (i = 0; i < sizeof yes / sizeof *yes; i++)
    CHECK(http_header_repeatable(yes[i], strlen(yes[i])), "%s", yes[i]);
  for (i = 0; i < sizeof no / sizeof *no; i++)
    CHECK(!http_header_repeatable(no[i], strlen(no[i])), "%s", no[i]);
  CHECK(!http_header_repeatable("Vary\0", 5), "NUL after a name");
  CHECK(http_header_repeatable("Varying", 4), "n bounds the name");
}

int main(void) {
  test_known();
  test_bad_dates();
  test_walk();
  test_reasons();
  test_tokens();
  test_headers();
  return UNIT_END();
}
