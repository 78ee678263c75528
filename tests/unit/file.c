/*
** tests/unit/file.c: the whole-file reader (src/engine/file.c): contents
** and the NUL after them, limits, what is not a regular file (a FIFO is
** not waited on), a refusing allocator, nothing leaked. See LICENSE.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "unit.h"

static char dir[64], path[128];

static const char *at(const char *name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

static void put(const char *name, const char *text, size_t n) {
  FILE *f = fopen(at(name), "wb");
  if (f) fwrite(text, 1, n, f), fclose(f);
}

/* Reads name with limit max and checks the result; on FILE_OK, the
** bytes want[0..n) and the NUL after them. Frees what it got. */
static void expect(const char *name, size_t max, file_result want,
                   const char *text, size_t n) {
  char *data = (char *)1;
  size_t len = 99;
  file_result r = file_read(at(name), max, unit_alloc, NULL, &data, &len);
  CHECK(r == want, "%s: expected \"%s\", got \"%s\"", name,
        file_strerror(want), file_strerror(r));
  if (r == FILE_OK) {
    CHECK(len == n && memcmp(data, text, n) == 0 && data[n] == '\0',
          "%s: the %zu bytes written and a NUL (got %zu)", name, n, len);
    unit_alloc(NULL, data, len + 1, 0);
  } else {
    CHECK(data == NULL && len == 0, "%s: nothing returned on failure", name);
  }
}

static void contents(void) {
  static const char bin[] = "a\0b\nc\377";
  put("text", "hello\n", 6);
  expect("text", SIZE_MAX, FILE_OK, "hello\n", 6);
  put("empty", "", 0);
  expect("empty", SIZE_MAX, FILE_OK, "", 0);
  put("binary", bin, sizeof bin - 1);
  expect("binary", SIZE_MAX, FILE_OK, bin, sizeof bin - 1);
  expect("text", 6, FILE_OK, "hello\n", 6);
  expect("text", 5, FILE_TOOBIG, NULL, 0);
  expect("empty", 0, FILE_OK, "", 0);
}

static void not_files(void) {
  expect("missing", SIZE_MAX, FILE_ERRNO, NULL, 0);
  CHECK(errno == ENOENT, "a missing file leaves errno ENOENT (%d)", errno);
  mkdir(at("sub"), 0700);
  expect("sub", SIZE_MAX, FILE_NOTREG, NULL, 0);
  if (mkfifo(at("fifo"), 0600) == 0) /* no writer: a blocking open hangs */
    expect("fifo", SIZE_MAX, FILE_NOTREG, NULL, 0);
  else
    printf("skipped: FIFO case: mkfifo: %s\n", strerror(errno));
  if (symlink("text", at("link")) == 0)
    expect("link", SIZE_MAX, FILE_OK, "hello\n", 6);
}

/* Each allocation refused in turn: FILE_NOMEM, and nothing held. */
static void refusing_allocator(void) {
  long before = unit_live_bytes;
  unit_nallocs = 0, unit_fail_at = 1;
  expect("text", SIZE_MAX, FILE_NOMEM, NULL, 0);
  unit_fail_at = 0;
  CHECK(unit_live_bytes == before, "no bytes held (%ld)",
        unit_live_bytes - before);
}

/* file_read_upto of name with limit max: FILE_OK with want[0..n) in a
** block of exactly size bytes, or the failure 'fails'. Frees what it got. */
static void upto(const char *name, size_t max, const char *want, size_t n,
                 size_t size, file_result fails) {
  char *data = (char *)1;
  size_t len = 99, got = 99;
  file_result r = file_read_upto(name, max, unit_alloc, NULL, &data, &len,
                                 &got);
  file_result expect_r = want ? FILE_OK : fails;
  CHECK(r == expect_r, "upto %s: expected \"%s\", got \"%s\"", name,
        file_strerror(expect_r), file_strerror(r));
  if (r != FILE_OK) {
    CHECK(data == NULL && len == 0 && got == 0, "upto %s: nothing returned",
          name);
    return;
  }
  CHECK(len == n && (n == 0 || memcmp(data, want, n) == 0),
        "upto %s: %zu bytes (got %zu)", name, n, len);
  CHECK(got == size, "upto %s: a block of %zu bytes (got %zu)", name, size,
        got);
  unit_alloc(NULL, data, got, 0);
}

static void reading_upto(void) {
  static char zeros[10000];
  char text[160];
  long before = unit_live_bytes;
  snprintf(text, sizeof text, "%s", at("text"));
  upto(text, 4096, "hello\n", 6, 7, FILE_OK); /* size + 1: no regrowth */
  upto(text, 3, "hel", 3, 3, FILE_OK);         /* cut at max */
  upto(at("missing"), 4096, NULL, 0, 0, FILE_ERRNO);
  /* a device with no end and no size: cut at max after doubling 4096 */
  upto("/dev/zero", 10000, zeros, 10000, 10000, FILE_OK);
  upto("/dev/null", 100, zeros, 0, 100, FILE_OK);
  unit_nallocs = 0, unit_fail_at = 2; /* the first block, not its growth */
  upto("/dev/zero", 10000, NULL, 0, 0, FILE_NOMEM);
  unit_fail_at = 0;
  CHECK(unit_live_bytes == before, "upto: no bytes held (%ld)",
        unit_live_bytes - before);
}

static void messages(void) {
  file_result r;
  for (r = FILE_OK; r <= FILE_NOMEM; r++)
    CHECK(file_strerror(r) && *file_strerror(r), "a message for %d", r);
}

static void clean(void) {
  static const char *names[] = {"text", "empty", "binary", "fifo", "link"};
  size_t i;
  for (i = 0; i < sizeof names / sizeof *names; i++) unlink(at(names[i]));
  rmdir(at("sub"));
  rmdir(dir);
}

int main(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%.40s/unit-file.XXXXXX", tmp ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  contents();
  not_files();
  refusing_allocator();
  reading_upto();
  messages();
  CHECK(unit_live_bytes == 0, "nothing leaked (%ld bytes)", unit_live_bytes);
  clean();
  return UNIT_END();
}
