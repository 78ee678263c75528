/*
** http.c: HTTP dates, reasons, tokens and repeatable headers. The
** contracts are in http.h. See LICENSE.
*/
#include "http.h"

#include <string.h>

#include "cal.h"

static const char http_wdays[] = "SunMonTueWedThuFriSat";
static const char http_months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* {==== dates */

static void http_2digits(char *p, int v) {
  p[0] = (char)('0' + v / 10);
  p[1] = (char)('0' + v % 10);
}

size_t http_format_date(int64_t t, char *out) {
  int64_t days, secs;
  cal_date d;
  int y;
  if (t < HTTP_DATE_MIN || t > HTTP_DATE_MAX) return 0;
  days = cal_floordiv(t, 86400);
  secs = t - days * 86400;
  cal_date_of(days, &d);
  y = (int)d.year;
  memcpy(out, http_wdays + 3 * d.wday, 3);
  memcpy(out + 3, ", 00 ", 5);
  http_2digits(out + 5, d.mday);
  memcpy(out + 8, http_months + 3 * d.mon, 3);
  out[11] = ' ';
  http_2digits(out + 12, y / 100);
  http_2digits(out + 14, y % 100);
  memcpy(out + 16, " 00:00:00 GMT", 14); /* with the terminating zero */
  http_2digits(out + 17, (int)(secs / 3600));
  http_2digits(out + 20, (int)(secs / 60 % 60));
  http_2digits(out + 23, (int)(secs % 60));
  return HTTP_DATE_LEN;
}

/* the number of the k digits at s, or -1 */
static int http_digits(const char *s, int k) {
  int v = 0;
  while (k-- > 0) {
    if (*s < '0' || *s > '9') return -1;
    v = v * 10 + (*s++ - '0');
  }
  return v;
}

/* the index of the 3-letter name at s in names (n of them), or -1 */
static int http_name(const char *s, const char *names, int n) {
  int i;
  for (i = 0; i < n; i++)
    if (memcmp(s, names + 3 * i, 3) == 0) return i;
  return -1;
}

int http_parse_date(const char *s, size_t n, int64_t *t) {
  int mday, mon, year, hh, mm, ss;
  if (n != HTTP_DATE_LEN || http_name(s, http_wdays, 7) < 0 ||
      memcmp(s + 3, ", ", 2) != 0 || s[7] != ' ' || s[11] != ' ' ||
      s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
      memcmp(s + 25, " GMT", 4) != 0)
    return 0;
  mday = http_digits(s + 5, 2);
  mon = http_name(s + 8, http_months, 12);
  year = http_digits(s + 12, 4);
  hh = http_digits(s + 17, 2);
  mm = http_digits(s + 20, 2);
  ss = http_digits(s + 23, 2);
  if (mon < 0 || year < 0 || mday < 1 ||
      mday > cal_yday(year, mon + 1) - cal_yday(year, mon) || hh < 0 ||
      hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
    return 0;
  *t = cal_days(year, mon, mday) * 86400 + hh * 3600 + mm * 60 + ss;
  return 1;
}

/* }==== */

/* {==== reasons, tokens, headers */

/* Reason phrases by code, sorted: the codes redbean names (their RFC
** 7231 phrases, before RFC 9110 renamed 413, 414, 416 and 422; nginx's
** 444 and 499; the 599 of some proxies), and 103 (RFC 8297) and 425
** (RFC 8470). */
static const struct {
  short code;
  const char *text;
} http_reasons[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {102, "Processing"},
    {103, "Early Hints"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {207, "Multi-Status"},
    {208, "Already Reported"},
    {226, "IM Used"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Payload Too Large"},
    {414, "Request-URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Requested Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {418, "I'm a teapot"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Entity"},
    {423, "Locked"},
    {424, "Failed Dependency"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {444, "Connection Closed Without Response"},
    {451, "Unavailable For Legal Reasons"},
    {499, "Client Closed Request"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
    {506, "Variant Also Negotiates"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {510, "Not Extended"},
    {511, "Network Authentication Required"},
    {599, "Network Connect Timeout Error"},
};

const char *http_reason(long code) {
  size_t lo = 0, hi = sizeof http_reasons / sizeof *http_reasons;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (http_reasons[mid].code < code) lo = mid + 1;
    else if (http_reasons[mid].code > code) hi = mid;
    else return http_reasons[mid].text;
  }
  return "";
}

int http_is_token(const char *s, size_t n) {
  size_t i;
  if (n == 0) return 0;
  for (i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
          (c >= 'A' && c <= 'Z') || (c && strchr("!#$%&'*+-.^_`|~", c))))
      return 0;
  }
  return 1;
}

static const char *const http_repeatable[] = {
    "Accept",
    "Accept-Charset",
    "Accept-Encoding",
    "Accept-Language",
    "Access-Control-Allow-Headers",
    "Access-Control-Allow-Methods",
    "Access-Control-Request-Headers",
    "Access-Control-Request-Methods",
    "Allow",
    "Cache-Control",
    "Content-Encoding",
    "Content-Language",
    "Expect",
    "If-Match",
    "If-None-Match",
    "Pragma",
    "Proxy-Authenticate",
    "Public",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
    "Vary",
    "Via",
    "WWW-Authenticate",
    "Warning",
    "X-Forwarded-For",
};

static int http_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* s[0, n) and the zero-terminated name are equal ignoring ASCII case */
static int http_same_name(const char *s, size_t n, const char *name) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!name[i] || http_lower((unsigned char)s[i]) != http_lower(name[i]))
      return 0;
  return name[n] == '\0';
}

int http_header_repeatable(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < sizeof http_repeatable / sizeof *http_repeatable; i++)
    if (http_same_name(s, n, http_repeatable[i])) return 1;
  return 0;
}

/* }==== */
