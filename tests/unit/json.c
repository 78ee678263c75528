/*
** json.c: unit tests of the JSON engine (src/engine/json.c): documents
** every parser must accept (y_), must reject (n_, with the error and its
** offset), and those RFC 8259 leaves to the parser (i_, with our choice);
** the token stream; the string and number formatters. Cases are written
** here in the categories of the JSONTestSuite. See LICENSE.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "unit.h"

/* Parses s[0..n) to its end; returns JSON_OK or the error (*off where). */
static json_err parse(const char *s, size_t n, size_t *off) {
  json_parser jp;
  json_token t;
  json_kind k;
  json_init(&jp, s, n, 64, unit_alloc, NULL);
  while ((k = json_next(&jp, &t)) != JSON_EOF && k != JSON_ERROR) {
  }
  *off = jp.err_off;
  return jp.err;
}

/* {==== y_: valid documents */

static void test_accept(void) {
  static const char *const y[] = {
      "[]", "{}", "[[]]", "[{}]", "0", "-0", "1", "-1", "12345", "1.5",
      "-1.5e10", "1E2", "1e+2", "1e-2", "0.0e0", "0e1", "true", "false",
      "null", "\"\"", "\"a\"", " [ ] ", "\t\r\n[\t\r\n1\t\r\n]\t\r\n",
      "[1,2,3]", "{\"a\":1}", "{\"a\":1,\"b\":[true,false,null]}",
      "{\"\":0}", "{\"a\":1,\"a\":2}", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
      "\"\\u0000\"", "\"\\u00e9\"", "\"\\uD834\\uDD1E\"", "\"\\uffff\"",
      "\"\\uFFFE\"", "\"\x7f\"", "\"\xc2\x80\"", "\"\xe2\x82\xac\"",
      "\"\xf0\x9f\x98\x80\"", "\"\xf4\x8f\xbf\xbf\"", "\"\xef\xbb\xbf\"",
      "123456789012345678901234567890", "-9223372036854775808",
      "9223372036854775807", "1e400", "-1e400", "1e-400",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
      "{\"a\":{\"b\":{\"c\":[1,{\"d\":\"e\"}]}}}", "\"/\"", "\"'\"",
      "[-0.0]", "[1.0e+00]", "\"a\\u0041b\""};
  size_t i, off;
  json_err e;
  for (i = 0; i < sizeof y / sizeof *y; i++) {
    e = parse(y[i], strlen(y[i]), &off);
    CHECK(e == JSON_OK, "y_ '%s': rejected: %s at %zu", y[i],
          json_strerror(e), off);
  }
  /* a zero byte inside a string must be escaped, but \u0000 is fine, and
  ** a document may end without a terminating zero: no over-read */
  e = parse("[1]x", 3, &off);
  CHECK(e == JSON_OK, "y_ '[1]' in 3 bytes: %s", json_strerror(e));
}

/* }==== */

/* {==== n_: invalid documents, the error and its offset */

static void test_reject(void) {
  static const struct {
    const char *s;
    json_err err;
    size_t off;
  } n[] = {
      {"", JSON_E_EOF, 0},            {"   ", JSON_E_EOF, 3},
      {"[", JSON_E_EOF, 1},           {"[1", JSON_E_EOF, 2},
      {"[1,", JSON_E_EOF, 3},         {"{", JSON_E_EOF, 1},
      {"{\"a\"", JSON_E_EOF, 4},      {"{\"a\":", JSON_E_EOF, 5},
      {"]", JSON_E_VALUE, 0},         {"}", JSON_E_VALUE, 0},
      {"[1,]", JSON_E_VALUE, 3},      {"[,1]", JSON_E_VALUE, 1},
      {"[1,,2]", JSON_E_VALUE, 3},    {"{\"a\":1,}", JSON_E_KEY, 7},
      {"{,}", JSON_E_KEY, 1},         {"{1:2}", JSON_E_KEY, 1},
      {"{'a':1}", JSON_E_KEY, 1},     {"{a:1}", JSON_E_KEY, 1},
      {"{\"a\" 1}", JSON_E_COLON, 5}, {"{\"a\",1}", JSON_E_COLON, 4},
      {"{\"a\":1 \"b\":2}", JSON_E_OBJECT, 7},
      {"{\"a\":1]", JSON_E_OBJECT, 6}, {"[1}", JSON_E_ARRAY, 2},
      {"[1 2]", JSON_E_ARRAY, 3},     {"[1]]", JSON_E_TRAILING, 3},
      {"1 2", JSON_E_TRAILING, 2},    {"{}{}", JSON_E_TRAILING, 2},
      {"\xef\xbb\xbf[]", JSON_E_VALUE, 0},
      {"tru", JSON_E_EOF, 3},         {"truE", JSON_E_LITERAL, 0},
      {"nul1", JSON_E_LITERAL, 0},    {"True", JSON_E_VALUE, 0},
      {"NaN", JSON_E_VALUE, 0},       {"Infinity", JSON_E_VALUE, 0},
      {"-Infinity", JSON_E_NUMBER, 1}, {"01", JSON_E_NUMBER, 1},
      {"-01", JSON_E_NUMBER, 2},      {"-", JSON_E_NUMBER, 1},
      {"- 1", JSON_E_NUMBER, 1},      {"+1", JSON_E_VALUE, 0},
      {".5", JSON_E_VALUE, 0},        {"1.", JSON_E_NUMBER, 2},
      {"1.e1", JSON_E_NUMBER, 2},     {"1e", JSON_E_NUMBER, 2},
      {"1e+", JSON_E_NUMBER, 3},      {"1E-x", JSON_E_NUMBER, 3},
      {"0x10", JSON_E_TRAILING, 1},   {"1.5.2", JSON_E_TRAILING, 3},
      {"[1e]", JSON_E_NUMBER, 3},     {"\"abc", JSON_E_STRING, 0},
      {"[\"a]", JSON_E_STRING, 1},    {"\"\\", JSON_E_STRING, 1},
      {"\"\\x41\"", JSON_E_ESCAPE, 1}, {"\"\\a\"", JSON_E_ESCAPE, 1},
      {"\"\\'\"", JSON_E_ESCAPE, 1},  {"\"\\u12\"", JSON_E_UESCAPE, 1},
      {"\"\\u12G4\"", JSON_E_UESCAPE, 1}, {"\"\\u", JSON_E_UESCAPE, 1},
      {"\"a\tb\"", JSON_E_CONTROL, 2}, {"\"\n\"", JSON_E_CONTROL, 1},
      {"\"\x1f\"", JSON_E_CONTROL, 1}, {"\"\xff\"", JSON_E_UTF8, 1},
      {"\"\x80\"", JSON_E_UTF8, 1},   {"\"\xc0\x80\"", JSON_E_UTF8, 1},
      {"\"\xc1\xbf\"", JSON_E_UTF8, 1}, {"\"\xe0\x80\x80\"", JSON_E_UTF8, 1},
      {"\"\xf0\x80\x80\x80\"", JSON_E_UTF8, 1},
      {"\"\xed\xa0\x80\"", JSON_E_UTF8, 1},
      {"\"\xf4\x90\x80\x80\"", JSON_E_UTF8, 1},
      {"\"\xf5\x80\x80\x80\"", JSON_E_UTF8, 1},
      {"\"ab\xe2\x82\"", JSON_E_UTF8, 3}, {"\"\xe2\x82", JSON_E_UTF8, 1},
      {"'a'", JSON_E_VALUE, 0},       {"[1]//", JSON_E_TRAILING, 3},
      {"/* */[]", JSON_E_VALUE, 0},   {"\x0c[]", JSON_E_VALUE, 0},
      {"[\xa0]", JSON_E_VALUE, 1},
  };
  size_t i, off;
  json_err e;
  for (i = 0; i < sizeof n / sizeof *n; i++) {
    e = parse(n[i].s, strlen(n[i].s), &off);
    CHECK(e == n[i].err && off == n[i].off,
          "n_ #%zu: expected '%s' at %zu, got '%s' at %zu", i,
          json_strerror(n[i].err), n[i].off, json_strerror(e), off);
  }
  /* a zero byte in a string is a control character */
  e = parse("\"a\0b\"", 5, &off);
  CHECK(e == JSON_E_CONTROL && off == 2, "zero byte: %s at %zu",
        json_strerror(e), off);
  e = parse("[1]\0", 4, &off);
  CHECK(e == JSON_E_TRAILING && off == 3, "[1] NUL: %s", json_strerror(e));
}

/* }==== */

/* {==== i_: what RFC 8259 leaves to the implementation, and our choice */

static void test_implementation(void) {
  size_t off;
  json_err e;
  char deep[JSON_DEPTH_MAX * 2 + 2];
  json_parser jp;
  json_token t;
  int i;
  /* lone surrogates: rejected, at the backslash */
  e = parse("[\"\\uD800\"]", 10, &off);
  CHECK(e == JSON_E_SURROGATE && off == 2, "lone high: %s at %zu",
        json_strerror(e), off);
  e = parse("\"\\uDC00\\uD800\"", 14, &off);
  CHECK(e == JSON_E_SURROGATE && off == 1, "reversed pair: %s",
        json_strerror(e));
  e = parse("\"\\uD800\\u0041\"", 14, &off);
  CHECK(e == JSON_E_SURROGATE && off == 1, "high then BMP: %s",
        json_strerror(e));
  /* nesting: the caller's limit, checked where the container opens */
  memset(deep, '[', 65);
  e = parse(deep, 65, &off);
  CHECK(e == JSON_E_DEPTH && off == 64, "65 '[' at depth 64: %s at %zu",
        json_strerror(e), off);
  memset(deep, '[', JSON_DEPTH_MAX);
  memset(deep + JSON_DEPTH_MAX, ']', JSON_DEPTH_MAX);
  json_init(&jp, deep, 2 * JSON_DEPTH_MAX, 1 << 30, unit_alloc, NULL);
  for (i = 0; json_next(&jp, &t) == JSON_ARRAY || t.kind == JSON_END; i++) {
  }
  CHECK(t.kind == JSON_EOF && i == 2 * JSON_DEPTH_MAX,
        "JSON_DEPTH_MAX levels (limit clamped): %d tokens, %s", i,
        json_strerror(jp.err));
  /* huge exponents: the nearest double, inf or 0 */
  json_init(&jp, "[1e400,-1e400,1e-400,-0]", 24, 8, unit_alloc, NULL);
  json_next(&jp, &t);
  CHECK(json_next(&jp, &t) == JSON_FLOAT && isinf(t.d) && t.d > 0, "1e400");
  CHECK(json_next(&jp, &t) == JSON_FLOAT && isinf(t.d) && t.d < 0, "-1e400");
  CHECK(json_next(&jp, &t) == JSON_FLOAT && t.d == 0, "1e-400");
  CHECK(json_next(&jp, &t) == JSON_INTEGER && t.i == 0, "-0 is integer 0");
}

/* }==== */

/* {==== tokens and values */

static void test_numbers(void) {
  static const struct {
    const char *s;
    json_kind kind;
    int64_t i;
    double d;
  } t[] = {
      {"0", JSON_INTEGER, 0, 0},
      {"-9223372036854775808", JSON_INTEGER, INT64_MIN, 0},
      {"9223372036854775807", JSON_INTEGER, INT64_MAX, 0},
      {"9223372036854775808", JSON_FLOAT, 0, 9223372036854775808.0},
      {"-9223372036854775809", JSON_FLOAT, 0, -9223372036854775809.0},
      {"18446744073709551616", JSON_FLOAT, 0, 18446744073709551616.0},
      {"1.0", JSON_FLOAT, 0, 1.0},
      {"1e2", JSON_FLOAT, 0, 100.0},
      {"0.1", JSON_FLOAT, 0, 0.1},
      {"2.2250738585072014e-308", JSON_FLOAT, 0, 2.2250738585072014e-308},
      {"5e-324", JSON_FLOAT, 0, 5e-324},
      {"1.7976931348623157e308", JSON_FLOAT, 0, 1.7976931348623157e308},
      {"-0.0", JSON_FLOAT, 0, -0.0},
  };
  size_t i;
  json_parser jp;
  json_token tok;
  for (i = 0; i < sizeof t / sizeof *t; i++) {
    json_init(&jp, t[i].s, strlen(t[i].s), 1, unit_alloc, NULL);
    json_kind k = json_next(&jp, &tok);
    CHECK(k == t[i].kind && (k == JSON_INTEGER ? tok.i == t[i].i
                                               : tok.d == t[i].d &&
                                                     signbit(tok.d) ==
                                                         signbit(t[i].d)),
          "%s: kind %d, i %lld, d %.17g", t[i].s, (int)k,
          (long long)tok.i, tok.d);
  }
}

/* A number literal of 1000 digits needs the hook; a failing hook gives
** JSON_E_NOMEM, and nothing stays allocated either way. */
static void test_long_number(void) {
  char s[1002];
  json_parser jp;
  json_token t;
  memset(s, '1', 1000);
  s[0] = '0', s[1] = '.';
  json_init(&jp, s, 1000, 1, unit_alloc, NULL);
  CHECK(json_next(&jp, &t) == JSON_FLOAT && fabs(t.d - 0.1111111111111111) < 1e-16,
        "1000-digit fraction: %.17g", t.d);
  CHECK(unit_live_bytes == 0, "live bytes %ld", unit_live_bytes);
  unit_nallocs = 0;
  unit_fail_at = 1;
  json_init(&jp, s, 1000, 1, unit_alloc, NULL);
  CHECK(json_next(&jp, &t) == JSON_ERROR && jp.err == JSON_E_NOMEM,
        "failing hook: %s", json_strerror(jp.err));
  unit_fail_at = 0;
  CHECK(unit_live_bytes == 0, "live bytes %ld", unit_live_bytes);
}

/* Random decimal literals (short and long mantissas, small and large
** exponents, leading zeros): the parser's value is strtod's. */
static void test_vs_strtod(void) {
  uint64_t r = 0x2545F4914F6CDD1Du;
  char s[64];
  int i, j, n, bad = 0;
  json_parser jp;
  json_token t;
  for (i = 0; i < 100000; i++) {
    r ^= r << 13, r ^= r >> 7, r ^= r << 17;
    n = 0;
    if (r & 1) s[n++] = '-';
    if (r & 2) s[n++] = '0'; /* 0.ddd */
    else
      for (j = 0; j < (int)(r >> 8 & 15) + 1; j++)
        s[n++] = (char)((j ? '0' : '1') + (r >> (12 + j * 3)) % (j ? 10 : 9));
    if (r & 6) {
      s[n++] = '.';
      for (j = 0; j < (int)(r >> 4 & 15) + 1; j++)
        s[n++] = (char)('0' + (r >> (13 + j * 3)) % 10);
    }
    if (r & 8) n += sprintf(s + n, "e%d", (int)((r >> 50) % 700) - 350);
    s[n] = 0;
    json_init(&jp, s, (size_t)n, 1, unit_alloc, NULL);
    if (json_next(&jp, &t) == JSON_ERROR) {
      if (bad++ < 5) fprintf(stderr, "rejected: %s\n", s);
      continue;
    }
    if (t.kind == JSON_FLOAT) {
      double want = strtod(s, NULL);
      if (memcmp(&want, &t.d, sizeof want) != 0 && bad++ < 5)
        fprintf(stderr, "%s: %.17g vs %.17g\n", s, t.d, want);
    } else if (t.kind != JSON_INTEGER || t.i != strtoll(s, NULL, 10))
      bad++;
  }
  CHECK(bad == 0, "%d literals differ from strtod", bad);
}

/* The decoded value of the one string document s. */
static int decoded(const char *s, const char *want, size_t wantlen) {
  json_parser jp;
  json_token t;
  char out[64];
  const char *got;
  json_init(&jp, s, strlen(s), 1, unit_alloc, NULL);
  if (json_next(&jp, &t) != JSON_STRING || t.len > sizeof out) return 0;
  got = t.raw;
  if (t.escaped) json_unescape(&t, out), got = out;
  return t.len == wantlen && memcmp(got, want, wantlen) == 0;
}

static void test_strings(void) {
  CHECK(decoded("\"abc\"", "abc", 3), "plain");
  CHECK(decoded("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8),
        "short escapes");
  CHECK(decoded("\"\\u0000x\"", "\0x", 2), "\\u0000");
  CHECK(decoded("\"\\u00e9\\u20AC\"", "\xc3\xa9\xe2\x82\xac", 5), "BMP");
  CHECK(decoded("\"\\ud83d\\ude00!\"", "\xf0\x9f\x98\x80!", 5), "pair");
  CHECK(decoded("\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf", 4), "U+10FFFF");
  CHECK(decoded("\"a\\nb\xc3\xa9\"", "a\nb\xc3\xa9", 5), "mixed");
}

/* The token kinds of a whole document, as letters. */
static void test_tokens(void) {
  const char *doc = " {\"a\" : [1, 2.5, \"s\", true, false, null, {}],"
                    " \"b\":{\"c\":[]}} ";
  const char *want = "OKAIDStfnOEEKOKAEEEZ";
  const char letters[] = "?nftIDSKAOEZ";
  char got[64];
  size_t n = 0;
  json_parser jp;
  json_token t;
  json_kind k;
  json_init(&jp, doc, strlen(doc), 8, unit_alloc, NULL);
  do {
    k = json_next(&jp, &t);
    got[n++] = letters[k];
  } while (k != JSON_EOF && k != JSON_ERROR && n < sizeof got - 1);
  got[n] = 0;
  CHECK(strcmp(got, want) == 0, "tokens: expected %s, got %s", want, got);
  CHECK(json_next(&jp, &t) == JSON_EOF, "EOF again");
}

/* }==== */

/* {==== the formatters */

/* A quoting case: n bytes in, the literal out. */
typedef struct qcase {
  const char *in;
  size_t n;
  const char *out;
} qcase;

static void check_quotes(const char *name,
                         size_t (*q)(char *, const char *, size_t),
                         const qcase *t, size_t count) {
  char out[128];
  size_t i, n;
  for (i = 0; i < count; i++) {
    n = q(out, t[i].in, t[i].n);
    CHECK(n == strlen(t[i].out) && memcmp(out, t[i].out, n) == 0 &&
              n <= 6 * t[i].n + 2,
          "%s #%zu: expected %s, got %.*s", name, i, t[i].out, (int)n, out);
  }
}

static void test_quote(void) {
  static const qcase t[] = {
      {"", 0, "\"\""},
      {"abc", 3, "\"abc\""},
      {"\"\\/", 3, "\"\\\"\\\\/\""},
      {"\b\f\n\r\t\v", 6, "\"\\b\\f\\n\\r\\t\\u000b\""},
      {"\0\x1f\x7f", 3, "\"\\u0000\\u001f\\u007f\""},
      {"\xc3\xa9\xe2\x82\xac", 5, "\"\\u00e9\\u20ac\""},
      {"\xf0\x9d\x84\x9e", 4, "\"\\ud834\\udd1e\""},
      /* overlong forms spell their character (the manual) */
      {"\xc0\x80\xc1\xbf\xe0\x81\x81", 7, "\"\\u0000\\u007fA\""},
      {"\xc0\xa2", 2, "\"\\\"\""},
      /* bytes that start no character are Latin-1, one at a time */
      {"\xff", 1, "\"\\u00ff\""},
      {"\xe1YO", 3, "\"\\u00e1YO\""},
      {"\x80\xbf", 2, "\"\\u0080\\u00bf\""},
      {"\xed\xa0\x80", 3, "\"\\u00ed\\u00a0\\u0080\""},
      {"\xf4\x90\x80\x80", 4, "\"\\u00f4\\u0090\\u0080\\u0080\""},
      {"\xe2\x82", 2, "\"\\u00e2\\u0082\""},
  };
  check_quotes("json_quote", json_quote, t, sizeof t / sizeof *t);
}

static void test_lua_quote(void) {
  static const qcase t[] = {
      {"hello", 5, "\"hello\""},
      {"\a\b\t\n\v\f\r\"\\", 9, "\"\\a\\b\\t\\n\\v\\f\\r\\\"\\\\\""},
      {"\0\x1b\x7f", 3, "\"\\x00\\x1b\\x7f\""},
      {"\xe2\x86\x92", 3, "\"\xe2\x86\x92\""},
      {"\xe2\x86", 2, "\"\\xe2\\x86\""},
      {"a\xff", 2, "\"a\\xff\""},
  };
  check_quotes("json_lua_quote", json_lua_quote, t, sizeof t / sizeof *t);
}

/* Known shortest forms (as Python's repr writes them). */
static void test_doubles(void) {
  static const struct {
    double x;
    const char *json, *lua;
  } t[] = {
      {0.0, "0.0", "0."},
      {-0.0, "-0.0", "-0."},
      {0.1, "0.1", "0.1"},
      {1.0, "1.0", "1."},
      {-2.5, "-2.5", "-2.5"},
      {100.0, "100.0", "100."},
      {1e6, "1000000.0", "1000000."},
      {1e-6, "1e-06", "0.000001"},
      {1e-12, "1e-12", "1e-12"},
      {0.0001, "0.0001", "0.0001"},
      {1e15, "1000000000000000.0", "1000000000000000."},
      {1e16, "1e+16", "10000000000000000."},
      {1e21, "1e+21", "1e21"},
      {1e300, "1e+300", "1e300"},
      {5e-324, "5e-324", "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308",
       "1.7976931348623157e308"},
      {2.2250738585072014e-308, "2.2250738585072014e-308",
       "2.2250738585072014e-308"},
      {0.30000000000000004, "0.30000000000000004", "0.30000000000000004"},
      {3.14, "3.14", "3.14"},
      {123456789012345680.0, "1.2345678901234568e+17",
       "123456789012345680."},
      {2.718281828459045, "2.718281828459045", "2.718281828459045"},
  };
  char out[JSON_NUMBER_MAX + 1];
  size_t i, n;
  for (i = 0; i < sizeof t / sizeof *t; i++) {
    n = json_format_double(out, t[i].x);
    out[n] = 0;
    CHECK(strcmp(out, t[i].json) == 0, "json %.17g: expected %s, got %s",
          t[i].x, t[i].json, out);
    n = json_lua_double(out, t[i].x);
    out[n] = 0;
    CHECK(strcmp(out, t[i].lua) == 0, "lua %.17g: expected %s, got %s",
          t[i].x, t[i].lua, out);
  }
  n = json_lua_double(out, NAN);
  CHECK(n == 3 && memcmp(out, "0/0", 3) == 0, "NaN");
  n = json_lua_double(out, -INFINITY);
  CHECK(n == 10 && memcmp(out, "-math.huge", 10) == 0, "-inf");
}

/* Random doubles (all bit patterns): the output reads back exactly and
** is never longer than %.17g's digits. */
static void test_round_trip(void) {
  char out[JSON_NUMBER_MAX + 1], ref[40];
  uint64_t s = 0x9E3779B97F4A7C15u, bits;
  double x, y;
  int i, bad = 0;
  size_t n;
  for (i = 0; i < 200000; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    bits = s;
    memcpy(&x, &bits, sizeof x);
    if (!isfinite(x)) continue;
    n = json_format_double(out, x);
    out[n] = 0;
    y = strtod(out, NULL);
    snprintf(ref, sizeof ref, "%.17g", x);
    if (memcmp(&x, &y, sizeof x) != 0 || n > strlen(ref) + 6) bad++;
    n = json_lua_double(out, x);
    out[n] = 0;
    if (strtod(out, NULL) != x) bad++;
  }
  CHECK(bad == 0, "%d doubles did not round-trip", bad);
}

static void test_integers(void) {
  static const struct {
    int64_t x;
    const char *lua;
  } t[] = {{0, "0"},
           {7000, "7000"},
           {255, "255"},
           {256, "0x0100"},
           {0x8000, "0x8000"},
           {0x10000, "0x00010000"},
           {0x100000000, "0x0000000100000000"},
           {0x4000000000000000, "0x4000000000000000"},
           {257, "257"},
           {-256, "-256"},
           {INT64_MAX, "9223372036854775807"},
           {INT64_MIN, "-9223372036854775807 - 1"}};
  char out[JSON_NUMBER_MAX + 1];
  size_t i, n;
  for (i = 0; i < sizeof t / sizeof *t; i++) {
    n = json_lua_integer(out, t[i].x);
    out[n] = 0;
    CHECK(strcmp(out, t[i].lua) == 0, "lua integer: expected %s, got %s",
          t[i].lua, out);
  }
  n = json_format_integer(out, INT64_MIN);
  out[n] = 0;
  CHECK(strcmp(out, "-9223372036854775808") == 0, "json INT64_MIN: %s", out);
}

static void test_utf8(void) {
  CHECK(json_utf8_valid("", 0), "empty");
  CHECK(json_utf8_valid("a\xc3\xa9\xf4\x8f\xbf\xbf", 7), "valid");
  CHECK(!json_utf8_valid("\xc0\x80", 2), "overlong");
  CHECK(!json_utf8_valid("\xed\xbf\xbf", 3), "surrogate");
  CHECK(!json_utf8_valid("\xe2\x82", 2), "truncated");
}

/* }==== */

int main(void) {
  test_accept();
  test_reject();
  test_implementation();
  test_numbers();
  test_long_number();
  test_vs_strtod();
  test_strings();
  test_tokens();
  test_quote();
  test_lua_quote();
  test_doubles();
  test_round_trip();
  test_integers();
  test_utf8();
  CHECK(unit_live_bytes == 0, "live bytes at the end: %ld", unit_live_bytes);
  return UNIT_END();
}
