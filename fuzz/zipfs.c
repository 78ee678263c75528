/*
** zipfs.c: libFuzzer target for the archive file-system engine. The input
** is a path, a NUL byte, then an archive: the path is normalised (and the
** rule's promises checked), looked up and read through links; every entry
** is looked up too; the whole input is split as a .args. See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "zipfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What zipfs.h promises of zipfs_clean: never longer, a fixed point, a
** name the index keeps (or the root), and the index's names unchanged. */
static size_t clean_checked(char *out, const char *in, size_t len) {
  char again[ZIPFS_NAME_MAX];
  unsigned how, how2;
  size_t n = zipfs_clean(out, in, len, &how), m, base;
  if (n > len) abort();
  base = n > 0 && out[n - 1] == '/' ? n - 1 : n;
  if (base > 0 && !zip_name_ok(out, base)) abort();
  if (n <= sizeof again) {
    m = zipfs_clean(again, out, n, &how2);
    if (m != n || memcmp(again, out, n) != 0 || (how2 & ZIPFS_CLIMBED))
      abort();
  }
  if (zip_name_ok(in, len) && (n != len || memcmp(out, in, len) != 0))
    abort();
  return n;
}

/* Looks name up and reads what it leads to, when small. */
static void look(zip *z, const char *name, size_t len) {
  const zip_entry *e;
  int isdir;
  if (zipfs_stat(z, name, len, &e, &isdir) != ZIP_OK || e == NULL) return;
  if (zipfs_readable(z, e, 1u << 20) == ZIP_OK) {
    unsigned char *buf = malloc((size_t)e->size + 1);
    zip_read(z, e, buf);
    free(buf);
  }
  zipfs_file(z, name, len, &e);
}

static void archive(const uint8_t *data, size_t size, const char *name,
                    size_t len) {
  zip *z;
  const zip_entry *e;
  if (zip_open(&z, data, size, mem_libc, NULL) == ZIP_OK) {
    look(z, name, len);
    for (size_t i = 0; (e = zip_at(z, i)) != NULL && i < 256; i++)
      look(z, e->name, e->namelen);
  }
  zip_close(z);
}

static void args(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1), **out;
  size_t n;
  memcpy(text, data, size);
  n = zipfs_args(text, size, NULL);
  if (n != ZIPFS_FAIL && (out = malloc((n + 1) * sizeof *out)) != NULL) {
    if (zipfs_args(text, size, out) != n) abort();
    for (size_t i = 0; i < n; i++) zipfs_arg_ok(out[i]);
    free(out);
  }
  free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nul = memchr(data, 0, size);
  size_t plen = nul ? (size_t)(nul - data) : size;
  char *path = malloc(plen + 1), *name = malloc(plen + 1);
  size_t n;
  memcpy(path, data, plen);
  path[plen] = '\0';
  zipfs_rest(path);
  n = clean_checked(name, path, plen);
  if (nul) archive(nul + 1, size - plen - 1, name, n);
  args(data, size);
  free(path);
  free(name);
  return 0;
}
