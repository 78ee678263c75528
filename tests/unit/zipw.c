/*
** zipw.c: unit tests of the zip writer (src/engine/zipw.c), checked
** through our reader and through Info-ZIP's `unzip -t`.
** See LICENSE.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "zip.h"
#include "zipw.h"

/* {==== HELPERS */

/* A growing buffer behind the write hook; fails past `limit` bytes. */
typedef struct sink {
  unsigned char *b;
  size_t len, limit;
} sink;

static int sink_write(void *ud, const void *buf, size_t len) {
  sink *s = ud;
  if (len > s->limit - s->len) return -1;
  s->b = realloc(s->b, s->len + len);
  memcpy(s->b + s->len, buf, len);
  s->len += len;
  return 0;
}

static unsigned char rnd[5000], text[20000];

static void make_inputs(void) {
  uint32_t x = 12345;
  for (size_t i = 0; i < sizeof rnd; i++) {
    x = x * 1103515245u + 12345u;
    rnd[i] = (unsigned char)(x >> 16);
  }
  for (size_t i = 0; i < sizeof text; i++)
    text[i] = (unsigned char)"local x = require 'y'\n"[i % 22];
}

typedef struct input {
  const char *name;
  const unsigned char *data;
  size_t len;
  uint32_t mode, want_mode;
  uint16_t want_method;
} input;

static const input INPUTS[] = {
    {"a/", NULL, 0, 0755, 040755, 0},
    {"a/b.lua", text, sizeof text, 0644, 0100644, 8},
    {"a/rand.bin", rnd, sizeof rnd, 0600, 0100600, 0},
    {"empty.txt", NULL, 0, 0644, 0100644, 0},
    {"one.txt", (const unsigned char *)"x", 1, 0644, 0100644, 0},
    {"x.sh", text, 100, 0100755, 0100755, 8},
};
#define NINPUTS (sizeof INPUTS / sizeof *INPUTS)

/* Write INPUTS through a new writer; returns the first failure. */
static zipw_result build(zipw **w, sink *s, uint64_t base, int64_t mtime) {
  zipw_result r = zipw_new(w, unit_alloc, NULL, s ? sink_write : NULL, s,
                           base, mtime);
  for (size_t i = 0; r == ZIPW_OK && i < NINPUTS; i++) {
    const input *in = &INPUTS[i];
    r = zipw_add(*w, in->name, strlen(in->name), in->data, in->len,
                 in->mode);
  }
  return r == ZIPW_OK ? zipw_finish(*w) : r;
}

/* Run unzip -t on bytes b (written to a temporary file). */
static int unzip_ok(const unsigned char *b, size_t n) {
  char path[] = "/tmp/zipw-test-XXXXXX", cmd[128];
  int fd = mkstemp(path);
  if (fd < 0) return 0;
  int ok = write(fd, b, n) == (ssize_t)n;
  close(fd);
  snprintf(cmd, sizeof cmd, "unzip -tqq %s >/dev/null 2>&1", path);
  ok = ok && system(cmd) == 0;
  unlink(path);
  return ok;
}

/* }==== */

/* {==== TESTS */

/* Every input comes back through the reader with its bytes, mode,
** method and time. */
static void check_round_trip(const unsigned char *b, size_t n,
                             uint64_t want_base, int64_t want_mtime) {
  zip *z;
  zip_result r = zip_open(&z, b, n, unit_alloc, NULL);
  CHECK(r == ZIP_OK, "reader open: %s", zip_strerror(r));
  CHECK(zip_base(z) == want_base, "expected base %llu, got %llu",
        (unsigned long long)want_base, (unsigned long long)zip_base(z));
  CHECK(zip_count(z) == NINPUTS, "expected %zu entries, got %zu", NINPUTS,
        zip_count(z));
  for (size_t i = 0; i < NINPUTS; i++) {
    const input *in = &INPUTS[i];
    const zip_entry *e;
    r = zip_find(z, in->name, strlen(in->name), &e);
    CHECK(r == ZIP_OK, "%s: find: %s", in->name, zip_strerror(r));
    if (r != ZIP_OK) continue;
    CHECK(e->mode == in->want_mode && e->method == in->want_method &&
              e->mtime == want_mtime,
          "%s: expected mode %o method %u mtime %lld, got %o %u %lld",
          in->name, in->want_mode, in->want_method, (long long)want_mtime,
          e->mode, e->method, (long long)e->mtime);
    if (e->isdir) continue;
    unsigned char *buf = malloc(e->size + 1);
    r = zip_read(z, e, buf);
    CHECK(r == ZIP_OK && e->size == in->len &&
              (in->len == 0 || !memcmp(buf, in->data, in->len)),
          "%s: expected %zu bytes back, got %s", in->name, in->len,
          zip_strerror(r));
    free(buf);
  }
  zip_close(z);
}

static void test_round_trip_and_unzip(void) {
  zipw *w;
  size_t n;
  zipw_result r = build(&w, NULL, 0, -1);
  CHECK(r == ZIPW_OK, "build in memory: %s", zipw_strerror(r));
  const unsigned char *b = zipw_data(w, &n);
  CHECK(b != NULL && n == zipw_size(w), "in-memory data expected");
  if (b) {
    check_round_trip(b, n, 0, 315532800); /* 1980-01-01 00:00:00 */
    CHECK(unzip_ok(b, n), "unzip -t rejected the written archive");
  }
  zipw_free(w);
}

/* Same inputs, same bytes: twice in memory, once through the hook. */
static void test_determinism(void) {
  zipw *w1, *w2, *w3;
  sink s = {NULL, 0, SIZE_MAX};
  size_t n1, n2;
  build(&w1, NULL, 0, 1709213862);
  build(&w2, NULL, 0, 1709213862);
  build(&w3, &s, 0, 1709213862);
  const void *b1 = zipw_data(w1, &n1), *b2 = zipw_data(w2, &n2);
  CHECK(b1 && b2 && n1 == n2 && !memcmp(b1, b2, n1),
        "two runs: expected identical bytes (%zu and %zu)", n1, n2);
  CHECK(b1 && s.len == n1 && !memcmp(b1, s.b, n1),
        "hook output: expected the in-memory bytes (%zu), got %zu", n1,
        s.len);
  CHECK(zipw_data(w3, &n2) == NULL, "hook writer has no in-memory data");
  if (b1) check_round_trip(b1, n1, 0, 1709213862);
  zipw_free(w1);
  zipw_free(w2);
  zipw_free(w3);
  free(s.b);
}

/* With base = size of the "executable", offsets are file-relative as
** zip -A makes them: the reader finds base 0 and unzip is happy. */
static void test_base_offset(void) {
  enum { JUNK = 1000 };
  zipw *w;
  sink s = {NULL, 0, SIZE_MAX};
  sink_write(&s, rnd, JUNK);
  zipw_result r = build(&w, &s, JUNK, -1);
  CHECK(r == ZIPW_OK, "build after junk: %s", zipw_strerror(r));
  check_round_trip(s.b, s.len, 0, 315532800);
  CHECK(unzip_ok(s.b, s.len), "unzip -t rejected the prefixed archive");
  zipw_free(w);
  free(s.b);
}

static void test_bad_calls(void) {
  zipw *w;
  size_t n;
  zipw_new(&w, unit_alloc, NULL, NULL, NULL, 0, -1);
  static const char *bad[] = {"", "/abs", "..", "a/../b", "a/..",
                              "../x", "a//b", "./x", "a/./b", "a/."};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    zipw_result r = zipw_add(w, bad[i], strlen(bad[i]), "x", 1, 0644);
    CHECK(r == ZIPW_BADNAME, "name \"%s\": expected BADNAME, got %s",
          bad[i], zipw_strerror(r));
  }
  zipw_result r = zipw_add(w, "nul\0x", 5, "x", 1, 0644);
  CHECK(r == ZIPW_BADNAME, "name with NUL: got %s", zipw_strerror(r));
  r = zipw_add(w, "d/", 2, "x", 1, 0755);
  CHECK(r == ZIPW_DIRDATA, "dir with data: got %s", zipw_strerror(r));
  r = zipw_add(w, "..a", 3, "x", 1, 0644);
  CHECK(r == ZIPW_OK, "name \"..a\" is fine: got %s", zipw_strerror(r));
  CHECK(zipw_data(w, &n) == NULL, "no data before finish");
  zipw_finish(w);
  r = zipw_add(w, "late", 4, "x", 1, 0644);
  CHECK(r == ZIPW_STATE, "add after finish: got %s", zipw_strerror(r));
  r = zipw_finish(w);
  CHECK(r == ZIPW_STATE, "finish twice: got %s", zipw_strerror(r));
  zipw_free(w);
}

/* A failing write hook makes the writer fail, stickily. */
static void test_write_failure(void) {
  zipw *w;
  sink s = {NULL, 0, 100};
  zipw_result r = build(&w, &s, 0, -1);
  CHECK(r == ZIPW_WRITE, "short sink: expected WRITE, got %s",
        zipw_strerror(r));
  r = zipw_finish(w);
  CHECK(r == ZIPW_WRITE, "after failure: expected WRITE again, got %s",
        zipw_strerror(r));
  zipw_free(w);
  free(s.b);
}

/* 70,000 entries need the zip64 end records; reader and unzip agree. */
static void test_zip64_count(void) {
  enum { N = 70000 };
  zipw *w;
  size_t n;
  zipw_new(&w, unit_alloc, NULL, NULL, NULL, 0, -1);
  for (int i = 0; i < N; i++) {
    char name[16];
    int len = snprintf(name, sizeof name, "m/%05d.lua", i);
    zipw_add(w, name, (size_t)len, name, (size_t)len, 0644);
  }
  zipw_result r = zipw_finish(w);
  const unsigned char *b = zipw_data(w, &n);
  CHECK(r == ZIPW_OK && b, "70000 entries: %s", zipw_strerror(r));
  zip *z;
  const zip_entry *e;
  zip_open(&z, b, n, unit_alloc, NULL);
  CHECK(zip_count(z) == N, "expected %d entries, got %zu", N, zip_count(z));
  char buf[16];
  zip_find(z, "m/69999.lua", 11, &e);
  CHECK(e && zip_read(z, e, buf) == ZIP_OK && !memcmp(buf, "m/69999", 7),
        "m/69999.lua: expected its own name as content");
  CHECK(n >= 98 && !memcmp(b + n - 98, "PK\6\6", 4),
        "expected a zip64 end record before the locator and end record");
  zip_close(z);
  CHECK(b && unzip_ok(b, n), "unzip -t rejected the zip64 archive");
  zipw_free(w);
}

/* Every allocation failing in turn: NOMEM, then success; no leak. */
static void test_alloc_failures(void) {
  zipw_result r = ZIPW_NOMEM;
  for (unit_fail_at = 1; r == ZIPW_NOMEM && unit_fail_at < 200; unit_fail_at++) {
    zipw *w;
    unit_nallocs = 0;
    r = build(&w, NULL, 0, -1);
    zipw_free(w);
    CHECK(unit_live_bytes == 0, "failing alloc %ld: %ld bytes leaked", unit_fail_at,
          unit_live_bytes);
  }
  unit_fail_at = 0;
  CHECK(r == ZIPW_OK, "after alloc failures: expected OK, got %s",
        zipw_strerror(r));
}

/* }==== */

int main(void) {
  make_inputs();
  test_round_trip_and_unzip();
  test_determinism();
  test_base_offset();
  test_bad_calls();
  test_write_failure();
  test_zip64_count();
  test_alloc_failures();
  CHECK(unit_live_bytes == 0, "expected no live allocations, %ld bytes left",
        unit_live_bytes);
  return UNIT_END();
}
