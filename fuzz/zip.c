/*
** zip.c: libFuzzer target for the zip reader: open the input as an
** archive, stat and list every directory, read every entry both ways.
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* List dir and recurse into its subdirectories (depth is bounded by the
** name length, itself at most 65535). */
static void list(zip *z, const char *prefix, size_t len) {
  zip_dir d;
  const char *name;
  size_t n;
  const zip_entry *e;
  int isdir;
  if (zip_dir_open(z, prefix, len, &d) != ZIP_OK) return;
  while (zip_dir_next(&d, &name, &n, &e)) {
    zip_stat(z, name, n, &e, &isdir);
    if (n > 0 && name[n - 1] == '/') list(z, name, n);
  }
}

/* Read e whole (when small enough to allocate) and streamed. */
static void read_entry(zip *z, const zip_entry *e) {
  static unsigned char chunk[4096];
  zip_stream *s;
  size_t got;
  if (e->size <= (1u << 24)) {
    unsigned char *buf = malloc(e->size + 1);
    zip_read(z, e, buf);
    free(buf);
  }
  if (zip_stream_open(z, e, &s) != ZIP_OK) return;
  while (zip_stream_read(s, chunk, sizeof chunk, &got) == ZIP_OK && got > 0)
    ;
  zip_stream_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  zip *z;
  const zip_entry *e;
  if (zip_open(&z, data, size, mem_libc, NULL) == ZIP_OK) {
    list(z, "", 0);
    for (size_t i = 0; (e = zip_at(z, i)) != NULL; i++) {
      zip_find(z, e->name, e->namelen, &e);
      read_entry(z, e);
    }
  }
  zip_strerror(zip_errline(z) ? ZIP_BADDATA : ZIP_OK);
  zip_close(z);
  return 0;
}
