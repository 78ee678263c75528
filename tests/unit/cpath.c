/*
** cpath.c: unit tests of the path string engine (src/engine/cpath.c):
** every example of the manual's PATH MODULE section and of Cosmopolitan's
** own path test. See LICENSE.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cpath.h"
#include "unit.h"

typedef const char *(*split_fn)(const char *, size_t, size_t *);

/* p NULL stands for Lua's nil. */
static void split(split_fn f, const char *name, const char *p,
                  const char *want) {
  size_t len;
  const char *got = f(p, p ? strlen(p) : 0, &len);
  CHECK(len == strlen(want) && memcmp(got, want, len) == 0,
        "%s(\"%s\"): expected \"%s\", got \"%.*s\"", name, p ? p : "nil",
        want, (int)len, got);
}

static void test_dirname(void) {
  static const char *const cases[][2] = {
      {".", "."},          {"..", "."},          {"/", "/"},
      {"usr", "."},        {"/usr/", "/"},       {"/usr/lib", "/usr"},
      {"/usr/lib/", "/usr"}, {"/usr/lib/foo.bar", "/usr/lib"},
      {"usr/lib", "usr"},  {"/usr//", "/"},      {"", "."},
      {"//usr//lib//", "//usr"}, {"a//b", "a"},  {"///", "/"}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    split(cpath_dirname, "dirname", cases[i][0], cases[i][1]);
  split(cpath_dirname, "dirname", NULL, ".");
}

static void test_basename(void) {
  static const char *const cases[][2] = {
      {".", "."},     {"..", ".."},   {"/", "/"},       {"usr", "usr"},
      {"/usr/", "usr"}, {"/usr/lib", "lib"}, {"/usr/lib/", "lib"},
      {"usr/lib", "lib"}, {"/usr", "usr"}, {"", "."},  {"foo/", "foo"},
      {"foo//", "foo"}, {"///", "/"},  {"0", "0"},      {"/foo/bar/", "bar"}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    split(cpath_basename, "basename", cases[i][0], cases[i][1]);
  split(cpath_basename, "basename", NULL, ".");
}

/* join of up to 6 parts given as strings; "\1" stands for nil. */
static void join(const char *want, int n, ...) {
  cpath_part parts[6];
  char out[64];
  size_t len, measured;
  int i;
  va_list ap;
  va_start(ap, n);
  for (i = 0; i < n; i++) {
    const char *s = va_arg(ap, const char *);
    parts[i].s = strcmp(s, "\1") == 0 ? NULL : s;
    parts[i].len = parts[i].s ? strlen(s) : 0;
  }
  va_end(ap);
  measured = cpath_join(NULL, parts, (size_t)n);
  memset(out, '#', sizeof out);
  len = cpath_join(out, parts, (size_t)n);
  CHECK(len == measured, "measured %zu, wrote %zu", measured, len);
  CHECK(len == strlen(want) && memcmp(out, want, len) == 0,
        "join: expected \"%s\", got \"%.*s\"", want, (int)len, out);
  CHECK(out[len] == '#', "join wrote past its result (\"%s\")", want);
}

#define NIL "\1"

static void test_join(void) {
  join("/", 2, "/", "/");
  join("/usr/lib", 2, "/usr", "lib");
  join("/usr/lib", 2, "/usr/", "lib");
  join("/lib", 2, "/usr/lib", "/lib");
  join("a", 1, "a");
  join("a/b/c", 3, "a", "b", "c");
  join("/c", 3, "a", "b", "/c");
  join("/b/c", 3, "a", "/b", "c");
  join("/c", 3, "a", "/b", "/c");
  join("./.", 2, ".", ".");
  join("./..", 2, ".", "..");
  join("../.", 2, "..", ".");
  join("./a", 2, ".", "a");
  join("c//c", 2, "c//", "c");
  join("a/.", 2, "a", ".");
  join("a/b", 2, "a/", "b");
  join("a/b/", 2, "a", "b/");
  join("/b", 2, "a", "/b");
  join("1/2/3", 3, "1", "2", "3");
  join("", 1, NIL);
  join("a", 2, "a", NIL);
  join("a", 2, NIL, "a");
  join("a/a", 3, "a", NIL, "a");
  join("a/a", 3, "a/", NIL, "a");
  join("", 1, "");
  join("", 2, "", "");
  join("b", 2, "", "b");
  join("a/", 2, "a", "");
  join("a/b", 3, "a", "", "b");
  join("a/b", 4, "a", "", "", "b");
  join("a/b/", 5, "a", "", "", "b", "");
  join("/x", 4, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NIL, "/x", NIL);
  join("/", 3, "a", "/", "");
  CHECK(cpath_join(NULL, NULL, 0) == 0, "no parts: empty");
}

int main(void) {
  test_dirname();
  test_basename();
  test_join();
  return UNIT_END();
}
