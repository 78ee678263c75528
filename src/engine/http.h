/*
** http.h: small pieces of HTTP/1.1: dates in the IMF-fixdate form of
** RFC 7231, status reason phrases, tokens, and which header fields may
** repeat. See LICENSE.
*/
#ifndef MOONBOX_HTTP_H
#define MOONBOX_HTTP_H

#include <stddef.h>
#include <stdint.h>

/* Nothing here allocates, fails on memory or keeps state. */

/* The instants an IMF-fixdate can write: years 0000 to 9999 (proleptic
** Gregorian, UTC, no leap seconds). */
#define HTTP_DATE_MIN INT64_C(-62167219200) /* 0000-01-01 00:00:00 */
#define HTTP_DATE_MAX INT64_C(253402300799) /* 9999-12-31 23:59:59 */

/* http_format_date: t (seconds since 1970-01-01 00:00:00 UTC) as
** "Sun, 06 Nov 1994 08:49:37 GMT" into out (HTTP_DATE_LEN + 1 bytes,
** zero-terminated); returns HTTP_DATE_LEN, or 0 (out untouched) when t is
** outside [HTTP_DATE_MIN, HTTP_DATE_MAX]. */
#define HTTP_DATE_LEN 29
size_t http_format_date(int64_t t, char *out);

/* http_parse_date: s[0, n) read as an IMF-fixdate, exactly
** "Ddd, DD Mmm YYYY HH:MM:SS GMT" with the names case-sensitive as RFC
** 7231 writes them, a day that exists in that month, hours 00-23,
** minutes and seconds 00-59. The day name must be one of the seven but
** is not checked against the date (as most readers do). Returns 1 and
** the instant in *t, or 0 when s is not such a date. */
int http_parse_date(const char *s, size_t n, int64_t *t);

/* http_reason: the reason phrase of status code (a static string, e.g.
** "Not Found" for 404), or "" for a code without one. */
const char *http_reason(long code);

/* http_is_token: s[0, n) is an RFC 7230 token: one or more of the
** letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ */
int http_is_token(const char *s, size_t n);

/* http_header_repeatable: s[0, n) names (in any case) a standard header
** field whose value is a comma-separated list (RFC 7230 section 3.2.2),
** so that several lines of it join into one with ", ": Accept,
** Accept-Charset, Accept-Encoding, Accept-Language, Allow, Cache-Control,
** Content-Encoding, Content-Language, Expect, If-Match, If-None-Match,
** Pragma, Proxy-Authenticate, Public, TE, Trailer, Transfer-Encoding,
** Upgrade, Vary, Via, Warning, WWW-Authenticate, X-Forwarded-For, and
** Access-Control-Allow-Headers, -Allow-Methods, -Request-Headers,
** -Request-Methods. Connection is left out on purpose (as redbean
** does), and so is Set-Cookie (RFC 6265: never folded). */
int http_header_repeatable(const char *s, size_t n);

#endif
