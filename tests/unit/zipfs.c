/*
** zipfs.c: unit tests of the archive file-system engine
** (src/engine/zipfs.c): the one ".." rule, link entries, .args.
** See LICENSE.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unit.h"
#include "zipfs.h"
#include "zipw.h"

/* {==== names */

static void test_rest(void) {
  static const struct { const char *path, *rest; } t[] = {
      {"/zip", ""},        {"/zip/", "/"},      {"/zip/a/b", "/a/b"},
      {"//zip/x", "/x"},   {"/./zip/x", "/x"},  {"/../zip/x", "/x"},
      {"/zipx", NULL},     {"zip/a", NULL},     {"/a/zip/x", NULL},
      {"", NULL},          {"/", NULL},         {"/.../zip", NULL},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    const char *r = zipfs_rest(t[i].path);
    CHECK(r == t[i].rest || (r && t[i].rest && strcmp(r, t[i].rest) == 0),
          "zipfs_rest(\"%s\"): expected %s, got %s", t[i].path,
          t[i].rest ? t[i].rest : "NULL", r ? r : "NULL");
  }
  CHECK(zipfs_rest(NULL) == NULL, "zipfs_rest(NULL)");
}

/* The one ".." rule: it takes back a component; at the root it stays. */
static void test_clean(void) {
  enum { D = ZIPFS_DIR, C = ZIPFS_CLIMBED };
  static const struct { const char *in, *out; unsigned how; } t[] = {
      {"", "", 0},
      {"/", "", D},
      {".", "", D},
      {"a/b", "a/b", 0},
      {"a//b/./c", "a/b/c", 0},
      {"/a/b/", "a/b/", D},
      {"a/../b", "b", 0},
      {"/a/../b/", "b/", D},
      {"a/b/..", "a/", D},
      {"a/.", "a/", D},
      {"x/..", "", D},
      {"..", "", D | C},
      {"../x", "x", C},
      {"/../../etc/passwd", "etc/passwd", C},
      {"a/../../b", "b", C},
      {"a/b/../../../c/./d", "c/d", C},
      {"..a/b../.c", "..a/b../.c", 0},
      {"a/...", "a/...", 0},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    char out[64], in[64];
    unsigned how = 99;
    size_t len = strlen(t[i].in);
    size_t n = zipfs_clean(out, t[i].in, len, &how);
    CHECK(n == strlen(t[i].out) && memcmp(out, t[i].out, n) == 0 &&
              how == t[i].how,
          "zipfs_clean(\"%s\"): expected \"%s\" how %u, got \"%.*s\" how %u",
          t[i].in, t[i].out, t[i].how, (int)n, out, how);
    memcpy(in, t[i].in, len);
    n = zipfs_clean(in, in, len, &how); /* in place */
    CHECK(n == strlen(t[i].out) && memcmp(in, t[i].out, n) == 0,
          "zipfs_clean in place (\"%s\"): got \"%.*s\"", t[i].in, (int)n,
          in);
  }
}

/* What the index keeps is what a normalised path reaches, and back. */
static void test_clean_agrees_with_index(void) {
  static const char *kept[] = {"a", "a/b.lua", "dir/", ".args", "..a",
                               "a/...", "x/y/z/"};
  static const char *skipped[] = {"", "/a", "a//b", "./x", "a/./b",
                                  "a/..", "../x"};
  for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
    char out[64];
    unsigned how;
    size_t len = strlen(kept[i]);
    size_t n = zipfs_clean(out, kept[i], len, &how);
    CHECK(zip_name_ok(kept[i], len), "zip_name_ok(\"%s\")", kept[i]);
    CHECK(n == len && memcmp(out, kept[i], n) == 0,
          "\"%s\" kept by the index is its own normal form, got \"%.*s\"",
          kept[i], (int)n, out);
  }
  for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++)
    CHECK(!zip_name_ok(skipped[i], strlen(skipped[i])),
          "zip_name_ok(\"%s\") should refuse it", skipped[i]);
  CHECK(!zip_name_ok("a\0b", 3), "zip_name_ok refuses a NUL byte");
}

static void test_link_names(void) {
  static const struct { const char *name, *text, *to; } t[] = {
      {"a/l", "real.txt", "a/real.txt"},
      {"d/l2", "../a/l1", "a/l1"},
      {"top", "x/./y", "x/y"},
      {"a/l", "sub/", "a/sub/"},
      {"a/b/l", "../../c", "c"},
      {"a/up", "../../x", NULL}, /* climbs: would be "x" as a path */
      {"up", "../x", NULL},
      {"a/abs", "/etc/passwd", NULL},
      {"a/empty", "", NULL},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    char out[64];
    size_t n = zipfs_link(out, sizeof out, t[i].name, strlen(t[i].name),
                          t[i].text, strlen(t[i].text));
    if (t[i].to == NULL)
      CHECK(n == ZIPFS_FAIL, "link %s -> \"%s\" leads nowhere, got \"%s\"",
            t[i].name, t[i].text, n == ZIPFS_FAIL ? "" : out);
    else
      CHECK(n != ZIPFS_FAIL && n == strlen(out) && strcmp(out, t[i].to) == 0,
            "link %s -> \"%s\": expected \"%s\", got \"%s\"", t[i].name,
            t[i].text, t[i].to, n == ZIPFS_FAIL ? "(fail)" : out);
  }
  char small[8];
  CHECK(zipfs_link(small, 7, "dir/l", 5, "abc", 3) == ZIPFS_FAIL,
        "\"dir/\" + \"abc\" + NUL does not fit in 7 bytes");
  CHECK(zipfs_link(small, 8, "dir/l", 5, "abc", 3) == 7 &&
            strcmp(small, "dir/abc") == 0,
        "it fits in 8: got \"%s\"", small);
}

/* }==== */

/* {==== lookups in an archive with link entries (written by zipw) */

static const struct { const char *name, *data; uint32_t mode; } files[] = {
    {"a/real.txt", "hello", S_IFREG | 0644},
    {"a/l1", "real.txt", S_IFLNK | 0777},
    {"d/l2", "../a/l1", S_IFLNK | 0777},
    {"a/l3", "l3", S_IFLNK | 0777},
    {"a/abs", "/etc/passwd", S_IFLNK | 0777},
    {"a/up", "../../x", S_IFLNK | 0777},
    {"x", "top x", S_IFREG | 0644},
    {"a/sub/f", "f", S_IFREG | 0644},
    {"a/dl", "sub", S_IFLNK | 0777},
    {"a/bad", "sub/../../../x", S_IFLNK | 0777},
    /* c0 -> c1 -> ... -> c8 -> x: nine links in a row */
    {"c0", "c1", S_IFLNK | 0777}, {"c1", "c2", S_IFLNK | 0777},
    {"c2", "c3", S_IFLNK | 0777}, {"c3", "c4", S_IFLNK | 0777},
    {"c4", "c5", S_IFLNK | 0777}, {"c5", "c6", S_IFLNK | 0777},
    {"c6", "c7", S_IFLNK | 0777}, {"c7", "c8", S_IFLNK | 0777},
    {"c8", "x", S_IFLNK | 0777},
};

static zipw *make_archive(const unsigned char **data, size_t *len) {
  zipw *w;
  zipw_result r = zipw_new(&w, unit_alloc, NULL, NULL, NULL, 0, -1);
  for (size_t i = 0; r == ZIPW_OK && i < sizeof files / sizeof *files; i++)
    r = zipw_add(w, files[i].name, strlen(files[i].name), files[i].data,
                 strlen(files[i].data), files[i].mode);
  if (r == ZIPW_OK) r = zipw_finish(w);
  CHECK(r == ZIPW_OK, "writing the test archive: %s", zipw_strerror(r));
  *data = zipw_data(w, len);
  return w;
}

/* The entry name zipfs_stat(path) ends at, or the failure. */
static const char *lands(zip *z, const char *path, zip_result *r,
                         int *isdir) {
  const zip_entry *e;
  *r = zipfs_stat(z, path, strlen(path), &e, isdir);
  return *r != ZIP_OK ? zip_strerror(*r) : e ? e->name : "(dir)";
}

static void test_stat(zip *z) {
  static const struct { const char *path, *to; int isdir; } t[] = {
      {"a/l1", "a/real.txt", 0},
      {"d/l2", "a/real.txt", 0},
      {"a/dl", "(dir)", 1},
      {"a/real.txt", "a/real.txt", 0},
      {"a", "(dir)", 1},
      {"", "(dir)", 1},
      {"c1", "x", 0}, /* eight links: still followed */
  };
  static const char *missing[] = {"a/l3", "a/abs", "a/up", "a/bad", "c0",
                                  "nothere", "a/real.txt/"};
  zip_result r;
  int isdir;
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    const char *to = lands(z, t[i].path, &r, &isdir);
    CHECK(r == ZIP_OK && strcmp(to, t[i].to) == 0 && isdir == t[i].isdir,
          "zipfs_stat(\"%s\"): expected %s, got %s (isdir %d)", t[i].path,
          t[i].to, to, isdir);
  }
  for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
    const char *to = lands(z, missing[i], &r, &isdir);
    CHECK(r == ZIP_NOTFOUND && isdir == 0,
          "zipfs_stat(\"%s\"): expected no such entry, got %s", missing[i],
          to);
  }
}

static void test_file_and_readable(zip *z) {
  const zip_entry *e = (const zip_entry *)1;
  zip_result r = zipfs_file(z, "a/dl", 4, &e);
  CHECK(r == ZIP_ISDIR && e == NULL, "zipfs_file of a link to a directory: "
        "%s", zip_strerror(r));
  r = zipfs_file(z, "", 0, &e);
  CHECK(r == ZIP_ISDIR, "zipfs_file of the root: %s", zip_strerror(r));
  r = zipfs_file(z, "d/l2", 4, &e);
  CHECK(r == ZIP_OK && e && e->size == 5, "zipfs_file(d/l2): %s",
        zip_strerror(r));
  if (r != ZIP_OK) return;
  r = zipfs_readable(z, e, 4);
  CHECK(r == ZIP_TOOBIG, "5 bytes over a limit of 4: %s", zip_strerror(r));
  r = zipfs_readable(z, e, 5);
  CHECK(r == ZIP_OK, "5 bytes within a limit of 5: %s", zip_strerror(r));
  r = zipfs_stat(NULL, "x", 1, &e, &(int){0});
  CHECK(r == ZIP_NOEOCD && e == NULL, "no archive: %s", zip_strerror(r));
}

static void test_lookups(void) {
  const unsigned char *data;
  size_t len;
  zipw *w = make_archive(&data, &len);
  zip *z;
  zip_result r = zip_open(&z, data, len, unit_alloc, NULL);
  CHECK(r == ZIP_OK, "opening the test archive: %s", zip_strerror(r));
  if (r == ZIP_OK) {
    test_stat(z);
    test_file_and_readable(z);
  }
  zip_close(z);
  zipw_free(w);
  CHECK(unit_live_bytes == 0, "%ld bytes leaked", unit_live_bytes);
}

/* }==== */

/* {==== .args */

static void test_args(void) {
  char text[] = "\n/zip/show.lua\r\n\nfixed\\nline\n...\n";
  char copy[sizeof text];
  char *out[4] = {NULL, NULL, NULL, NULL};
  size_t len = sizeof text - 1;
  memcpy(copy, text, sizeof text);
  size_t n = zipfs_args(text, len, NULL);
  CHECK(n == 2 && memcmp(text, copy, sizeof text) == 0,
        "counting: expected 2 and the text untouched, got %zu", n);
  n = zipfs_args(text, len, out);
  CHECK(n == 2 && strcmp(out[0], "/zip/show.lua") == 0 &&
            strcmp(out[1], "fixed\nline") == 0 && out[2] == NULL,
        "splitting: got %zu: \"%s\", \"%s\"", n, out[0] ? out[0] : "",
        out[1] ? out[1] : "");

  char mid[] = "a\n...\nb";
  n = zipfs_args(mid, sizeof mid - 1, out);
  CHECK(n == 3 && strcmp(out[1], "...") == 0,
        "a \"...\" that is not the last line is an argument: %zu", n);
  char last[] = "-e\nprint(1)\n...";
  n = zipfs_args(last, sizeof last - 1, out);
  CHECK(n == 2 && strcmp(out[1], "print(1)") == 0,
        "a last \"...\" without a newline is dropped too: %zu", n);
  char none[] = "\r\n\n...\n";
  CHECK(zipfs_args(none, sizeof none - 1, out) == 0, "only \"...\": none");
  char nul[] = "-e\nprint(1)\0\n";
  memcpy(copy, nul, sizeof nul);
  CHECK(zipfs_args(nul, sizeof nul - 1, out) == ZIPFS_FAIL &&
            memcmp(nul, copy, sizeof nul) == 0,
        "a NUL byte fails, text untouched");
  char one[4] = {'x', 'y', 'z', '!'}; /* text[len] is written */
  n = zipfs_args(one, 3, out);
  CHECK(n == 1 && strcmp(out[0], "xyz") == 0, "no final newline: %zu", n);

  CHECK(zipfs_arg_ok("/zip/main.lua"), "a plain name reads back");
  CHECK(!zipfs_arg_ok("a\nb") && !zipfs_arg_ok("a\rb") &&
            !zipfs_arg_ok("a\\nb"),
        "newline, carriage return and \\n do not read back");
}

/* }==== */

int main(void) {
  test_rest();
  test_clean();
  test_clean_agrees_with_index();
  test_link_names();
  test_lookups();
  test_args();
  return UNIT_END();
}
