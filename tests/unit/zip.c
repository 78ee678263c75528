/*
** zip.c: unit tests of the zip reader engine (src/engine/zip.c).
** Run from the repository root: reads tests/data/zip and tests/corrupt/zip.
** See LICENSE.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "zip.h"

/* {==== HELPERS */

static unsigned char *unhex(const char *h, size_t *n) {
  size_t len = strlen(h) / 2;
  unsigned char *b = malloc(len + 1);
  for (size_t i = 0; i < len; i++) {
    unsigned v;
    sscanf(h + 2 * i, "%2x", &v);
    b[i] = (unsigned char)v;
  }
  *n = len;
  return b;
}

static unsigned char *load(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc((size_t)len + 1);
  *n = fread(b, 1, (size_t)len, f);
  fclose(f);
  return b;
}

/* Prepend junk (an "executable") without adjusting offsets, like cat. */
static unsigned char *prefix_junk(const unsigned char *b, size_t n,
                                  size_t junk) {
  unsigned char *out = malloc(junk + n);
  memset(out, 0x7f, junk);
  memcpy(out + junk, b, n);
  return out;
}

static void put_le16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
}

static void put_le32(unsigned char *p, uint32_t v) {
  put_le16(p, v & 0xffff);
  put_le16(p + 2, v >> 16);
}

/* Open, build the index and read entry name whole; returns the first
** failure, or ZIP_OK with the data in a malloc'd *out. */
static zip_result read_named(const unsigned char *b, size_t n,
                             const char *name, unsigned char **out,
                             size_t *outlen) {
  zip *z;
  const zip_entry *e;
  zip_result r = zip_open(&z, b, n, unit_alloc, NULL);
  if (out) *out = NULL;
  if (r == ZIP_OK) r = zip_find(z, name, strlen(name), &e);
  if (r == ZIP_OK) {
    unsigned char *buf = malloc(e->size + 1);
    r = zip_read(z, e, buf);
    if (out) *out = buf, *outlen = e->size;
    else free(buf);
  }
  zip_close(z);
  return r;
}

/* }==== */

/* {==== HAND-MADE ARCHIVES */

/* Python zipfile output: one stored entry "a.txt" = "hi\n". Local header
** at 0, central directory at 38 (51 bytes), end record at 89. */
static const char ONE[] =
    "504b0304140000000000000021007a7a6fed030000000300000005000000612e"
    "74787468690a504b01021403140000000000000021007a7a6fed030000000300"
    "0000050000000000000000000000a48100000000612e747874504b0506000000"
    "000100010033000000260000000000";

/* Two stored entries "a.txt" (local at 0) and "b/c.txt" (local at 38);
** central directory at 78: "a.txt" at 78, "b/c.txt" at 129; end at 182. */
static const char TWO[] =
    "504b0304140000000000000021007a7a6fed030000000300000005000000612e"
    "74787468690a504b030414000000000000002100bb14d1a60300000003000000"
    "07000000622f632e747874796f0a504b01021403140000000000000021007a7a"
    "6fed0300000003000000050000000000000000000000a48100000000612e7478"
    "74504b0102140314000000000000002100bb14d1a60300000003000000070000"
    "000000000000000000a48126000000622f632e747874504b0506000000000200"
    "0200680000004e0000000000";

/* One deflated entry "a.txt" = 1000 x 'a' (11 compressed bytes at 35);
** central directory at 46, end record at 97. */
static const char DEFL[] =
    "504b03041400000008000000210003da389a0b000000e803000005000000612e"
    "7478744b4c1c05a360140c770000504b010214031400000008000000210003da"
    "389a0b000000e8030000050000000000000000000000a48100000000612e7478"
    "74504b05060000000001000100330000002e0000000000";

typedef struct mutation {
  const char *what;
  const char *hex;
  size_t at;         /* byte to patch */
  int width;         /* 1, 2 or 4 bytes; 0 = truncate the input to at */
  uint32_t value;
  const char *name;  /* entry to read */
  zip_result expect; /* first failure of open / find / read */
} mutation;

static const mutation MUTATIONS[] = {
    {"intact one", ONE, 0, 1, 0x50, "a.txt", ZIP_OK},
    {"intact two", TWO, 0, 1, 0x50, "b/c.txt", ZIP_OK},
    {"intact deflate", DEFL, 0, 1, 0x50, "a.txt", ZIP_OK},
    {"empty input", ONE, 0, 0, 0, "a.txt", ZIP_NOEOCD},
    {"end record cut short", ONE, 110, 0, 0, "a.txt", ZIP_NOEOCD},
    {"bad end magic", ONE, 89, 1, 0x51, "a.txt", ZIP_NOEOCD},
    {"comment length past end", ONE, 109, 2, 5, "a.txt", ZIP_NOEOCD},
    {"cd size past end record", ONE, 101, 4, 90, "a.txt", ZIP_BADEOCD},
    {"cd offset wraps", ONE, 105, 4, 0xffffffff, "a.txt", ZIP_BADEOCD},
    {"cd offset lies", ONE, 105, 4, 37, "a.txt", ZIP_RANGE},
    {"multi-disk", ONE, 93, 2, 1, "a.txt", ZIP_BADEOCD},
    {"bad central magic", ONE, 38, 1, 0x51, "a.txt", ZIP_BADEOCD},
    {"count too high", ONE, 99, 2, 2, "a.txt", ZIP_COUNT},
    {"count zero", ONE, 99, 2, 0, "a.txt", ZIP_COUNT},
    {"cd size cuts header", ONE, 101, 4, 50, "a.txt", ZIP_BADCDIR},
    {"name length past cd", TWO, 129 + 28, 2, 60, "a.txt", ZIP_BADCDIR},
    {"extra length past cd", ONE, 38 + 30, 2, 1, "a.txt", ZIP_BADCDIR},
    {"local offset past cd", ONE, 38 + 42, 4, 39, "a.txt", ZIP_RANGE},
    {"local offset wraps", ONE, 38 + 42, 4, 0xfffffff0, "a.txt", ZIP_RANGE},
    {"csize past cd", ONE, 38 + 20, 4, 0x7fffffff, "a.txt", ZIP_RANGE},
    {"stored size differs", ONE, 38 + 24, 4, 4, "a.txt", ZIP_RATIO},
    {"overlapping entries", TWO, 129 + 42, 4, 20, "a.txt", ZIP_OVERLAP},
    {"same local header", TWO, 129 + 42, 4, 0, "a.txt", ZIP_OVERLAP},
    {"bad local magic", ONE, 0, 1, 0x51, "a.txt", ZIP_BADLOCAL},
    {"local name differs", ONE, 30, 1, 'b', "a.txt", ZIP_BADLOCAL},
    {"local name length", ONE, 26, 2, 4, "a.txt", ZIP_BADLOCAL},
    {"local method differs", ONE, 8, 2, 8, "a.txt", ZIP_BADLOCAL},
    {"local crc differs", ONE, 14, 1, 0, "a.txt", ZIP_BADLOCAL},
    {"local extra past data", ONE, 28, 2, 200, "a.txt", ZIP_RANGE},
    {"central crc differs", ONE, 38 + 16, 1, 0, "a.txt", ZIP_BADLOCAL},
    {"bad data byte", ONE, 36, 1, 'X', "a.txt", ZIP_BADCRC},
    {"method 12", ONE, 38 + 10, 2, 12, "a.txt", ZIP_METHOD},
    {"encrypted", ONE, 38 + 8, 2, 1, "a.txt", ZIP_ENCRYPTED},
    {"name with NUL skipped", ONE, 38 + 47, 1, 0, "a.txt", ZIP_NOTFOUND},
    {"absolute name skipped", ONE, 38 + 46, 1, '/', "a.txt", ZIP_NOTFOUND},
    {"dotdot name skipped", TWO, 129 + 46, 2, 0x2e2e, "b/c.txt",
     ZIP_NOTFOUND},
    /* no normalised path reaches these: skipped, not served */
    {"dot component skipped", TWO, 129 + 46, 2, 0x2f2e, "./c.txt",
     ZIP_NOTFOUND},
    {"empty component skipped", TWO, 129 + 48, 1, '/', "b//.txt",
     ZIP_NOTFOUND},
    {"bomb ratio", DEFL, 46 + 24, 4, 11 * 1032 + 1025, "a.txt", ZIP_RATIO},
    {"declared size short", DEFL, 46 + 24, 4, 999, "a.txt", ZIP_BADSIZE},
    {"declared size long", DEFL, 46 + 24, 4, 1001, "a.txt", ZIP_BADSIZE},
    {"deflate data corrupt", DEFL, 35, 1, 0xff, "a.txt", ZIP_BADDATA},
    {"deflate truncated", DEFL, 46 + 20, 4, 5, "a.txt", ZIP_BADDATA},
};

static void test_mutations(void) {
  for (size_t i = 0; i < sizeof MUTATIONS / sizeof *MUTATIONS; i++) {
    const mutation *m = &MUTATIONS[i];
    size_t n;
    unsigned char *b = unhex(m->hex, &n);
    if (m->width == 0) n = m->at;
    else if (m->width == 1) b[m->at] = (unsigned char)m->value;
    else if (m->width == 2) put_le16(b + m->at, m->value);
    else put_le32(b + m->at, m->value);
    zip_result r = read_named(b, n, m->name, NULL, NULL);
    CHECK(r == m->expect, "%s: expected %s, got %s", m->what,
          zip_strerror(m->expect), zip_strerror(r));
    free(b);
  }
}

/* A local header declaring a different name from the central one must be
** caught even when the lengths agree; the skipped-name count must show. */
static void test_skipped_count(void) {
  size_t n;
  unsigned char *b = unhex(TWO, &n);
  zip *z;
  b[129 + 46] = '/';
  zip_open(&z, b, n, unit_alloc, NULL);
  CHECK(zip_count(z) == 1, "expected 1 entry left, got %zu", zip_count(z));
  CHECK(zip_skipped(z) == 1, "expected 1 skipped, got %zu", zip_skipped(z));
  zip_close(z);
  free(b);
}

/* zip_check gives an unreadable entry's reason whatever size it
** declares (encrypted and unknown-method entries escape the ratio check),
** and OK for a readable one. */
static void test_check(void) {
  static const struct {
    const char *what;
    size_t at, width;
    uint32_t value;
    zip_result expect;
  } cases[] = {
      {"intact", 0, 0, 0, ZIP_OK},
      {"encrypted", 38 + 8, 2, 1, ZIP_ENCRYPTED},
      {"method 99", 38 + 10, 2, 99, ZIP_METHOD},
      {"bad local magic", 0, 1, 0x51, ZIP_BADLOCAL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t n;
    unsigned char *b = unhex(ONE, &n);
    zip *z;
    const zip_entry *e = NULL;
    if (cases[i].width == 1) b[cases[i].at] = (unsigned char)cases[i].value;
    if (cases[i].width == 2) put_le16(b + cases[i].at, cases[i].value);
    if (cases[i].width == 2) put_le32(b + 38 + 24, 0xfffffffe); /* 4 GiB */
    zip_result r = zip_open(&z, b, n, unit_alloc, NULL);
    if (r == ZIP_OK) r = zip_find(z, "a.txt", 5, &e);
    if (r == ZIP_OK) r = zip_check(z, e);
    CHECK(r == cases[i].expect, "zip_check %s: expected %s, got %s",
          cases[i].what, zip_strerror(cases[i].expect), zip_strerror(r));
    zip_close(z);
    free(b);
  }
}

/* }==== */

/* {==== REAL-TOOL ARCHIVES */

static char btxt[8192];

/* The content make.sh writes to a/b.txt. */
static size_t make_btxt(void) {
  size_t n = 0;
  for (int i = 0; i < 200; i++)
    n += (size_t)sprintf(btxt + n, "line %d of a compressible file\n", i);
  return n;
}

static void expect_content(zip *z, const char *arch, const char *name,
                           const char *want, size_t wantlen) {
  const zip_entry *e;
  zip_result r = zip_find(z, name, strlen(name), &e);
  CHECK(r == ZIP_OK, "%s: find %s: %s", arch, name, zip_strerror(r));
  if (r != ZIP_OK) return;
  unsigned char *buf = malloc(e->size + 1);
  r = zip_read(z, e, buf);
  CHECK(r == ZIP_OK && e->size == wantlen && !memcmp(buf, want, wantlen),
        "%s: %s: expected %zu bytes of content, got %s, %llu bytes", arch,
        name, wantlen, zip_strerror(r), (unsigned long long)e->size);
  free(buf);
}

/* Read entry e in 7-byte pieces through the streaming reader. */
static void expect_streamed(zip *z, const char *arch, const char *name,
                            const char *want, size_t wantlen) {
  const zip_entry *e;
  zip_stream *s;
  char buf[8192];
  size_t total = 0, got;
  zip_result r = zip_find(z, name, strlen(name), &e);
  if (r == ZIP_OK) r = zip_stream_open(z, e, &s);
  CHECK(r == ZIP_OK, "%s: stream open %s: %s", arch, name, zip_strerror(r));
  if (r != ZIP_OK) return;
  while ((r = zip_stream_read(s, buf + total, 7, &got)) == ZIP_OK && got)
    total += got;
  zip_stream_close(s);
  CHECK(r == ZIP_OK && total == wantlen && !memcmp(buf, want, wantlen),
        "%s: streamed %s: expected %zu bytes, got %s, %zu", arch, name,
        wantlen, zip_strerror(r), total);
}

/* The root of every make.sh tree lists "a/", then "empty/" if present,
** then "hello.txt"; "a/" lists "a/b.txt" and "a/c/". */
static void expect_tree(zip *z, const char *arch, int has_empty) {
  static const char *want[] = {"a/", "empty/", "hello.txt"};
  const char *name;
  size_t len, k = 0;
  const zip_entry *e;
  zip_dir d;
  zip_dir_open(z, "", 0, &d);
  while (zip_dir_next(&d, &name, &len, &e)) {
    if (k == 1 && !has_empty) k++;
    CHECK(k < 3 && len == strlen(want[k]) && !memcmp(name, want[k], len),
          "%s: root child %zu: expected %s, got %.*s", arch, k,
          k < 3 ? want[k] : "end", (int)len, name);
    k++;
  }
  CHECK(k == 3, "%s: expected 3 root children, got %zu", arch, k);
  int isdir;
  zip_result r = zip_stat(z, "a/c", 3, &e, &isdir);
  CHECK(r == ZIP_OK && isdir, "%s: a/c should be a directory: %s", arch,
        zip_strerror(r));
  r = zip_stat(z, "a/c/d.lua", 9, &e, &isdir);
  CHECK(r == ZIP_OK && !isdir && e->size == 21 && e->crc == 0xbcc6a27a &&
            e->mtime == 1709213862 && (e->mode & 0170000) == 0100000,
        "%s: a/c/d.lua metadata wrong: %s", arch, zip_strerror(r));
  r = zip_stat(z, "a/x", 3, &e, &isdir);
  CHECK(r == ZIP_NOTFOUND, "%s: a/x: expected not found, got %s", arch,
        zip_strerror(r));
}

static void check_tool_archive(const char *file, size_t junk, int adjusted) {
  char path[256];
  size_t n, blen = make_btxt();
  snprintf(path, sizeof path, "tests/data/zip/%s", file);
  unsigned char *raw = load(path, &n);
  CHECK(raw != NULL, "cannot read %s (run from the repository root)", path);
  if (raw == NULL) return;
  unsigned char *b = prefix_junk(raw, n, junk);
  zip *z;
  zip_result r = zip_open(&z, b, n + junk, unit_alloc, NULL);
  CHECK(r == ZIP_OK, "%s+%zu: open: %s", file, junk, zip_strerror(r));
  uint64_t base = adjusted ? 0 : junk;
  CHECK(r != ZIP_OK || zip_base(z) == base, "%s+%zu: expected base %llu, "
        "got %llu", file, junk, (unsigned long long)base,
        (unsigned long long)zip_base(z));
  if (r == ZIP_OK) {
    expect_content(z, file, "hello.txt", "hello, world\n", 13);
    expect_content(z, file, "a/b.txt", btxt, blen);
    expect_streamed(z, file, "a/b.txt", btxt, blen);
    expect_tree(z, file, strstr(file, "zip64") == NULL);
  }
  zip_close(z);
  free(b);
  free(raw);
}

static void test_tool_archives(void) {
  static const char *files[] = {"stored.zip", "deflated.zip", "zip64.zip"};
  for (int i = 0; i < 3; i++) {
    check_tool_archive(files[i], 0, 0);
    check_tool_archive(files[i], 4096, 0); /* cat exe app.zip */
  }
  check_tool_archive("prefixed-A.zip", 0, 1); /* zip -A */
  check_tool_archive("prefixed-A.zip", 100, 0);
}

static zip *open_file(const char *file, unsigned char **b) {
  char path[256];
  size_t n;
  zip *z;
  snprintf(path, sizeof path, "tests/data/zip/%s", file);
  *b = load(path, &n);
  CHECK(*b != NULL, "cannot read %s", path);
  zip_result r = zip_open(&z, *b ? *b : (unsigned char *)"", *b ? n : 0,
                          unit_alloc, NULL);
  CHECK(r == ZIP_OK, "%s: open: %s", file, zip_strerror(r));
  return z;
}

static void test_streamed_descriptors(void) {
  unsigned char *b;
  size_t blen = make_btxt();
  zip *z = open_file("streamed.zip", &b);
  expect_content(z, "streamed.zip", "-", btxt, blen);
  const zip_entry *e = zip_at(z, 0);
  CHECK(e && (e->flags & 8), "streamed.zip: expected data descriptor flag");
  zip_close(z);
  free(b);
  z = open_file("python-stream.zip", &b);
  static char piped[601];
  for (int i = 0; i < 100; i++) memcpy(piped + 6 * i, "piped ", 6);
  expect_content(z, "python-stream.zip", "piped.txt", piped, 600);
  expect_streamed(z, "python-stream.zip", "piped.txt", piped, 600);
  zip_close(z);
  free(b);
}

static void test_python_and_extras(void) {
  unsigned char *b;
  const zip_entry *e;
  int isdir;
  zip *z = open_file("python.zip", &b);
  zip_result r = zip_stat(z, "dir", 3, &e, &isdir);
  CHECK(r == ZIP_OK && isdir && e && e->mode == 040755 &&
            e->mtime == 1000000000,
        "python.zip: dir/ expected mode 040755 mtime 1e9, got %s",
        zip_strerror(r));
  r = zip_stat(z, "dir/stored.bin", 14, &e, &isdir);
  CHECK(r == ZIP_OK && e->mode == 0100600 && e->size == 256,
        "python.zip: dir/stored.bin expected mode 0100600 size 256");
  static char abc[3001];
  for (int i = 0; i < 1000; i++) memcpy(abc + 3 * i, "abc", 3);
  expect_content(z, "python.zip", "dir/deflated.txt", abc, 3000);
  expect_content(z, "python.zip", "top.txt", "top\n", 4);
  r = zip_read(z, zip_at(z, 0), abc);
  CHECK(r == ZIP_ISDIR, "reading dir/: expected ISDIR, got %s",
        zip_strerror(r));
  zip_close(z);
  free(b);
  z = open_file("extras.zip", &b);
  r = zip_find(z, "hello.txt", 9, &e);
  CHECK(r == ZIP_OK && e->mtime == 1709213862,
        "extras.zip: UT mtime expected 1709213862, got %lld",
        r == ZIP_OK ? (long long)e->mtime : -1LL);
  zip_close(z);
  free(b);
  z = open_file("comment.zip", &b);
  expect_content(z, "comment.zip", "hello.txt", "hello, world\n", 13);
  zip_close(z);
  free(b);
}

/* }==== */

/* {==== BIG AND HOSTILE */

/* 70,000 empty stored entries with no zip64 record: the 16-bit count in
** the end record wraps, as some writers leave it. */
static void test_many_entries(void) {
  enum { N = 70000, LREC = 30 + 6, CREC = 46 + 6 };
  size_t n = (size_t)N * (LREC + CREC) + 22;
  unsigned char *b = calloc(1, n), *c = b + (size_t)N * LREC;
  for (uint32_t i = 0; i < N; i++) {
    unsigned char *l = b + i * LREC, *h = c + i * CREC;
    char name[8];
    snprintf(name, sizeof name, "f%05u", (unsigned)i);
    put_le32(l, 0x04034b50);
    put_le16(l + 26, 6);
    memcpy(l + 30, name, 6);
    put_le32(h, 0x02014b50);
    put_le16(h + 28, 6);
    put_le32(h + 42, i * LREC);
    memcpy(h + 46, name, 6);
  }
  unsigned char *eocd = c + (size_t)N * CREC;
  put_le32(eocd, 0x06054b50);
  put_le16(eocd + 8, N & 0xffff);
  put_le16(eocd + 10, N & 0xffff);
  put_le32(eocd + 12, (uint32_t)N * CREC);
  put_le32(eocd + 16, (uint32_t)N * LREC);
  zip *z;
  const zip_entry *e;
  zip_open(&z, b, n, unit_alloc, NULL);
  CHECK(zip_count(z) == N, "expected %d entries, got %zu", N, zip_count(z));
  zip_result r = zip_find(z, "f69999", 6, &e);
  CHECK(r == ZIP_OK && e->size == 0, "f69999: %s", zip_strerror(r));
  char empty;
  r = r == ZIP_OK ? zip_read(z, e, &empty) : r;
  CHECK(r == ZIP_OK, "reading empty f69999: %s", zip_strerror(r));
  zip_close(z);
  put_le16(eocd + 10, 1); /* now the count lies */
  zip_open(&z, b, n, unit_alloc, NULL);
  r = zip_index(z);
  CHECK(r == ZIP_COUNT, "lying count: expected COUNT, got %s",
        zip_strerror(r));
  zip_close(z);
  free(b);
}

/* zip_has: one pass without an index; agrees with zip_find. */
static void test_has(void) {
  unsigned char *b;
  zip *z = open_file("deflated.zip", &b);
  CHECK(zip_has(z, "a/b.txt", 7) == 1, "a/b.txt should be found");
  CHECK(zip_has(z, "a/b.tx", 6) == 0, "a prefix is not a name");
  CHECK(zip_has(z, ".args", 5) == 0, "no .args in deflated.zip");
  CHECK(zip_has(z, "a/", 2) == 1, "directory entry a/ is a name");
  CHECK(zip_index(z) == ZIP_OK && zip_has(z, "hello.txt", 9) == 1,
        "after indexing, zip_has answers from the index");
  zip_close(z);
  free(b);
  CHECK(zip_has(NULL, "x", 1) == 0, "NULL archive has nothing");
}

/* Implied directories, the "a-x" before "a/" ordering trap, explicit
** directory entries listed once. */
static void test_implied_dirs(void) {
  size_t n;
  unsigned char *b = unhex(TWO, &n);
  zip *z;
  const zip_entry *e;
  int isdir;
  b[129 + 46] = 'a'; /* "b/c.txt" becomes "a/c.txt"; "a.txt" sorts first */
  b[38 + 30] = 'a';
  zip_open(&z, b, n, unit_alloc, NULL);
  zip_result r = zip_stat(z, "a", 1, &e, &isdir);
  CHECK(r == ZIP_OK && isdir && e == NULL,
        "a: expected implied directory, got %s isdir %d", zip_strerror(r),
        isdir);
  r = zip_stat(z, "a/", 2, &e, &isdir);
  CHECK(r == ZIP_OK && isdir, "a/: expected directory");
  r = zip_stat(z, "a.txt/", 6, &e, &isdir);
  CHECK(r == ZIP_NOTFOUND, "a.txt/: expected not found, got %s",
        zip_strerror(r));
  zip_dir d;
  const char *name;
  size_t len;
  zip_dir_open(z, "a/", 2, &d);
  int k = zip_dir_next(&d, &name, &len, &e);
  CHECK(k && len == 7 && !memcmp(name, "a/c.txt", 7), "a/ lists a/c.txt");
  CHECK(!zip_dir_next(&d, &name, &len, &e), "a/ lists one child");
  r = zip_dir_open(z, "a", 1, &d);
  CHECK(r == ZIP_NOTFOUND, "listing \"a\" without slash: expected "
        "NOTFOUND, got %s", zip_strerror(r));
  zip_close(z);
  free(b);
}

/* Every allocation failing in turn: NOMEM comes back, nothing leaks. */
static void test_alloc_failures(void) {
  size_t n;
  unsigned char *b = unhex(DEFL, &n);
  zip_result r = ZIP_NOMEM;
  for (unit_fail_at = 1; r == ZIP_NOMEM && unit_fail_at < 50; unit_fail_at++) {
    unit_nallocs = 0;
    r = read_named(b, n, "a.txt", NULL, NULL);
    CHECK(unit_live_bytes == 0, "failing alloc %ld: %ld bytes leaked", unit_fail_at,
          unit_live_bytes);
  }
  unit_fail_at = 0;
  CHECK(r == ZIP_OK, "after alloc failures: expected OK, got %s",
        zip_strerror(r));
  free(b);
}

/* Every file in tests/corrupt/zip is opened, listed and read fully; any
** result is fine as long as nothing crashes (the sanitizers watch). */
static void test_corrupt_corpus(void) {
  static const char *files[] = {
      "truncated-cd.zip", "lying-eocd.zip", "bad-crc.zip",
      "bomb-ratio.zip",   "overlap.zip",    "zip64-bad-extra.zip",
      "encrypted-huge.zip", "method-huge.zip", "unreachable-names.zip",
  };
  static const zip_result want[] = {
      ZIP_BADCDIR, ZIP_BADEOCD, ZIP_BADCRC,
      ZIP_RATIO,   ZIP_OVERLAP, ZIP_BADCDIR,
      ZIP_ENCRYPTED, ZIP_METHOD, ZIP_OK,
  };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[256];
    size_t n;
    snprintf(path, sizeof path, "tests/corrupt/zip/%s", files[i]);
    unsigned char *b = load(path, &n);
    CHECK(b != NULL, "cannot read %s", path);
    if (b == NULL) continue;
    zip *z;
    zip_result r = zip_open(&z, b, n, unit_alloc, NULL);
    if (r == ZIP_OK) r = zip_index(z);
    for (size_t k = 0; r == ZIP_OK && k < zip_count(z); k++) {
      const zip_entry *e = zip_at(z, k);
      unsigned char *buf;
      if (e->isdir) continue;
      r = zip_check(z, e); /* before allocating what it declares */
      if (r != ZIP_OK) break;
      buf = malloc(e->size + 1);
      r = zip_read(z, e, buf);
      free(buf);
    }
    if (strcmp(files[i], "unreachable-names.zip") == 0 && z)
      CHECK(zip_skipped(z) == 2 && zip_count(z) == 4,
            "%s: expected 2 skipped and 4 left, got %zu and %zu", files[i],
            zip_skipped(z), zip_count(z));
    CHECK(r == want[i], "%s: expected %s, got %s", files[i],
          zip_strerror(want[i]), zip_strerror(r));
    zip_close(z);
    free(b);
  }
}

/* }==== */

/* An archive with no entries: the index still allocates (one byte), and
   closing must free it with the size it was given. */
static void test_empty_archive(void) {
  static const unsigned char eocd[22] = {'P', 'K', 5, 6};
  zip *z;
  long before = unit_live_bytes;
  zip_result r = zip_open(&z, eocd, sizeof eocd, unit_alloc, NULL);
  CHECK(r == ZIP_OK, "empty archive opens: %s", zip_strerror(r));
  CHECK(zip_count(z) == 0, "empty archive has no entries");
  zip_close(z);
  CHECK(unit_live_bytes == before, "empty archive: %ld bytes left after close",
        unit_live_bytes - before);
}

int main(void) {
  test_empty_archive();
  test_mutations();
  test_skipped_count();
  test_check();
  test_tool_archives();
  test_streamed_descriptors();
  test_python_and_extras();
  test_many_entries();
  test_has();
  test_implied_dirs();
  test_alloc_failures();
  test_corrupt_corpus();
  CHECK(unit_live_bytes == 0, "expected no live allocations, %ld bytes left",
        unit_live_bytes);
  return UNIT_END();
}
