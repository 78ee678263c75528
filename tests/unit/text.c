/*
** text.c: unit tests of the text engine (src/engine/text.c): each
** function on hand-made byte strings written as hex escapes, the expected
** bytes worked out from Unicode's code charts and the rules in text.h.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "unit.h"

typedef size_t (*produce_fn)(char *, const char *, size_t);

/* f over in (n bytes) must give want; the measuring call must agree. */
static void produce(produce_fn f, const char *name, const char *in, size_t n,
                    const char *want) {
  size_t len = f(NULL, in, n), got;
  char *out = malloc(len ? len : 1); /* exactly the measured size */
  got = f(out, in, n);
  CHECK(got == len, "%s: measured %zu, wrote %zu", name, len, got);
  CHECK(got == strlen(want) && memcmp(out, want, got) == 0,
        "%s(\"%s\"): expected \"%s\", got \"%.*s\"", name, in, want,
        (int)got, out);
  free(out);
}

#define VIS(in, want) produce(txt_visualize, "visualize", in, sizeof in - 1, want)
#define LIT(in, want) \
  produce(txt_escape_literal, "escape_literal", in, sizeof in - 1, want)

static void test_visualize(void) {
  VIS("a\x01" "b", "a\xe2\x90\x81" "b"); /* U+2401 */
  VIS("\t\r\n", "\t\r\n");
  VIS("\x00", "\xe2\x90\x80");           /* U+2400 */
  VIS("\x1b[0m", "\xe2\x90\x9b[0m");     /* U+241B */
  VIS("\x7f", "\xe2\x90\xa1");           /* U+2421 */
  VIS("\xc2\x85", "\\u0085");            /* C1 NEL */
  VIS("\x85", "\\u0085");                /* stray byte as ISO-8859-1 */
  VIS("\xc2\x9f\xc2\xa0", "\\u009f\xc2\xa0");
  VIS("\xe9t\xe9", "\xc3\xa9t\xc3\xa9"); /* ISO-8859-1 e-acute */
  VIS("\xc0\x80", "\xe2\x90\x80");       /* overlong NUL */
  VIS("\xc1\x81", "A");                  /* overlong A */
  VIS("\xe0\x81\x81", "A");          /* overlong, 3 bytes */
  VIS("\xe2\x80\xae", "\xe2\x9d\xae");   /* U+202E -> U+276E */
  VIS("\xe2\x80\xa8", "\xe2\x86\xb5");   /* U+2028 -> U+21B5 */
  VIS("\xe2\x80\xa9", "\xc2\xb6");       /* U+2029 -> U+00B6 */
  VIS("\xe2\x81\xa6", "\xe2\x9f\xa9");   /* U+2066 -> U+27E9 */
  VIS("\xe2\x81\xa9", "\xe2\x87\xaf");   /* U+2069 -> U+21EF */
  VIS("\xed\xa0\x80", "\xef\xbf\xbd");   /* a surrogate */
  VIS("\xf4\x90\x80\x80", "\xef\xbf\xbd"); /* past U+10FFFF */
  VIS("\xe2\x82", "\xc3\xa2\\u0082");    /* cut short: two bytes */
  VIS("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
  VIS("\xf8\x88\x80\x80\x80", "\xc3\xb8\\u0088\\u0080\\u0080\\u0080");
  VIS("", "");
}

static void test_literal(void) {
  LIT("a\"b\\c/d", "a\\\"b\\\\c\\/d");
  LIT("\t\n\r\f\b\v", "\\t\\n\\r\\f\\u0008\\u000b");
  LIT("<&'=>", "\\u003c\\u0026\\u0027\\u003d\\u003e");
  LIT("plain text ~!?", "plain text ~!?");
  LIT("\xc3\xa9", "\\u00e9");
  LIT("\xe9", "\\u00e9");
  LIT("\xe2\x82\xac", "\\u20ac");        /* euro sign */
  LIT("\xf0\x9f\x98\x80", "\\ud83d\\ude00");
  LIT("\xf4\x8f\xbf\xbf", "\\udbff\\udfff");
  LIT("\xc0\x80", "\\u0000");
  LIT("\x00\x7f", "\\u0000\\u007f");
  LIT("\xed\xbf\xbf", "\\ufffd");
}

static void test_html(void) {
  produce(txt_escape_html, "escape_html", "<a href=\"x\">'&'</a>", 19,
          "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  produce(txt_escape_html, "escape_html", "\xe9z", 2, "\xe9z");
}

static void indent(const char *in, size_t spaces, const char *want) {
  size_t n = strlen(in), len = txt_indent(NULL, in, n, spaces);
  char *out = malloc(len ? len : 1);
  CHECK(txt_indent(out, in, n, spaces) == len, "indent: measure");
  CHECK(len == strlen(want) && memcmp(out, want, len) == 0,
        "indent(\"%s\", %zu): expected \"%s\", got \"%.*s\"", in, spaces,
        want, (int)len, out);
  free(out);
}

static void test_indent(void) {
  char many[140];
  indent("a\nb", 2, "  a\n  b");
  indent("a\n\nb\n", 1, " a\n\n b\n");
  indent("", 3, "");
  indent("\r\nx", 1, "\r\n x");
  indent("x", 0, "x");
  memset(many, ' ', 130);
  strcpy(many + 130, "x\n");
  indent("x\n", 130, many);
}

static void test_control(void) {
  static const struct {
    const char *s;
    size_t n;
    unsigned flags;
    long want;
  } cases[] = {
      {"abc", 3, 7, -1},           {"a\tb", 3, TXT_CTL_C0, -1},
      {"a\tb", 3, TXT_CTL_WS, 1},  {"a\x0c", 2, TXT_CTL_WS, -1},
      {"a\x0c", 2, TXT_CTL_C0, 1}, {"ab\x7f", 3, TXT_CTL_C0, 2},
      {"a\xc2\x85", 3, TXT_CTL_C1, 1}, {"a\xc2\x85", 3, TXT_CTL_C0, -1},
      {"a\x85", 2, TXT_CTL_C1, 1}, {"\xc0\x81", 2, TXT_CTL_C0, 0},
      {"\xc3\xa9\x00", 3, TXT_CTL_C0, 2}, {"a\x01", 2, 0, -1},
      {"\xe2\x80\xae", 3, 7, -1},  {"", 0, 7, -1}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    long got = txt_find_control(cases[i].s, cases[i].n, cases[i].flags);
    CHECK(got == cases[i].want, "find_control case %zu: expected %ld, got %ld",
          i, cases[i].want, got);
  }
}

static void test_width(void) {
  static const struct {
    const char *s;
    size_t n, col, want;
  } cases[] = {
      {"abc", 3, 0, 3},
      {"\xe4\xb8\xad\xe6\x96\x87", 6, 0, 4},   /* two CJK ideographs */
      {"e\xcc\x81", 3, 0, 1},                  /* e + combining acute */
      {"\x1b[31mred\x1b[0m", 12, 0, 3},
      {"\x1b[38;5;208mX", 12, 0, 1},
      {"\t", 1, 0, 8},
      {"ab\t", 3, 0, 8},
      {"\t", 1, 3, 5},
      {"a\nb\tc", 5, 0, 10},
      {"\x01\x7f\n\r", 4, 0, 0},
      {"\xff", 1, 0, 1},
      {"\xe2\x82", 2, 0, 2},
      {"\xc2\x9b" "31mx", 6, 0, 1},            /* C1 CSI */
      {"\xc2\x85x", 3, 0, 1},
      {"\x1b]0;title\x07x", 12, 0, 1},
      {"\x1b]0;t\x1b\\x", 9, 0, 1},
      {"\x1b" "cx", 3, 0, 1},
      {"\x1b(Bx", 4, 0, 1},
      {"\x1b", 1, 0, 0},
      {"\x1b[", 2, 0, 0},
      {"\xf0\x9f\x98\x80", 4, 0, 2},
      {"\xe2\x80\x8b", 3, 0, 0},               /* zero-width space */
      {"", 0, 5, 0}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t got = txt_width(cases[i].s, cases[i].n, cases[i].col);
    CHECK(got == cases[i].want, "width case %zu: expected %zu, got %zu", i,
          cases[i].want, got);
  }
}

static void test_cp_width(void) {
  static const struct {
    int64_t c;
    int want;
  } cases[] = {{0, 0},      {'a', 1},       {0x4e2d, 2},   {0x301, 0},
               {1, -1},     {0x7f, -1},     {0x85, -1},    {0xa0, 1},
               {0xd800, -1}, {0x110000, -1}, {-1, -1},     {0x1f600, 2}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int got = txt_cp_width(cases[i].c);
    CHECK(got == cases[i].want, "cp_width(%lld): expected %d, got %d",
          (long long)cases[i].c, cases[i].want, got);
  }
}

int main(void) {
  test_visualize();
  test_literal();
  test_html();
  test_indent();
  test_control();
  test_width();
  test_cp_width();
  return UNIT_END();
}
