/*
** zipfs.c: a zip archive read as a read-only file system: one path
** normalisation, link entries followed, .args split. See LICENSE.
*/
#include <string.h>
#include <sys/stat.h>

#include "zipfs.h"

/* {==== names */

const char *zipfs_rest(const char *path) {
  const char *p = path;
  if (p == NULL || *p != '/') return NULL;
  for (;;) { /* empty, "." and ".." components before "zip": the root */
    size_t c;
    while (*p == '/') p++;
    c = strcspn(p, "/");
    if (c == 3 && memcmp(p, "zip", 3) == 0) return p + 3;
    if (!(c == 1 && p[0] == '.') && !(c == 2 && p[0] == '.' && p[1] == '.'))
      return NULL;
    p += c;
  }
}

/* Whether the last component of in[0..len) is empty, "." or "..". */
static int asks_dir(const char *in, size_t len) {
  size_t c = 0;
  while (c < len && in[len - 1 - c] != '/') c++;
  if (c == 0) return len > 0;
  return (c == 1 || c == 2) && in[len - 1] == '.' &&
         (c == 1 || in[len - 2] == '.');
}

/* Writing never overtakes reading: a component is written after a '/'
** already read past (or first, at the start), so out == in is safe. */
size_t zipfs_clean(char *out, const char *in, size_t len, unsigned *how) {
  size_t i = 0, n = 0;
  *how = asks_dir(in, len) ? ZIPFS_DIR : 0;
  while (i < len) {
    size_t c = 0;
    while (i + c < len && in[i + c] != '/') c++;
    if (c == 2 && in[i] == '.' && in[i + 1] == '.') {
      if (n == 0) *how |= ZIPFS_CLIMBED;
      while (n > 0 && out[n - 1] != '/') n--;
      if (n > 0) n--;
    } else if (c > 0 && !(c == 1 && in[i] == '.')) {
      if (n > 0) out[n++] = '/';
      memmove(out + n, in + i, c);
      n += c;
    }
    i += c + (i + c < len);
  }
  if (n > 0 && (*how & ZIPFS_DIR)) out[n++] = '/';
  return n;
}

size_t zipfs_link(char *out, size_t cap, const char *name, size_t nlen,
                  const char *text, size_t tlen) {
  size_t d = nlen, n;
  unsigned how;
  while (d > 0 && name[d - 1] != '/') d--; /* the link's directory, '/' */
  if (tlen == 0 || text[0] == '/' || d >= cap || tlen >= cap - d)
    return ZIPFS_FAIL;
  memmove(out, name, d);
  memmove(out + d, text, tlen);
  n = zipfs_clean(out, out, d + tlen, &how);
  if (how & ZIPFS_CLIMBED) return ZIPFS_FAIL;
  out[n] = '\0';
  return n;
}

/* }==== */

/* {==== lookups */

zip_result zipfs_target(zip *z, const zip_entry *e, char *out,
                        size_t *len) {
  char text[ZIPFS_NAME_MAX];
  zip_result r;
  if (e->size == 0 || e->size >= sizeof text) return ZIP_NOTFOUND;
  if ((r = zip_read(z, e, text)) != ZIP_OK) return r;
  *len = zipfs_link(out, ZIPFS_NAME_MAX, e->name, e->namelen, text,
                    (size_t)e->size);
  return *len == ZIPFS_FAIL ? ZIP_NOTFOUND : ZIP_OK;
}

zip_result zipfs_stat(zip *z, const char *name, size_t len,
                      const zip_entry **e, int *isdir) {
  char to[ZIPFS_NAME_MAX];
  zip_result r;
  int hops = 0;
  *e = NULL;
  *isdir = 0;
  if (z == NULL) return ZIP_NOEOCD;
  r = zip_stat(z, name, len, e, isdir);
  while (r == ZIP_OK && *e != NULL && !*isdir && S_ISLNK((*e)->mode)) {
    if (hops++ == ZIPFS_MAX_LINKS) r = ZIP_NOTFOUND; /* a loop */
    else if ((r = zipfs_target(z, *e, to, &len)) == ZIP_OK)
      r = zip_stat(z, to, len, e, isdir);
  }
  if (r != ZIP_OK) *e = NULL, *isdir = 0;
  return r;
}

zip_result zipfs_file(zip *z, const char *name, size_t len,
                      const zip_entry **e) {
  int isdir;
  zip_result r = zipfs_stat(z, name, len, e, &isdir);
  if (r == ZIP_OK && isdir) *e = NULL, r = ZIP_ISDIR;
  return r;
}

zip_result zipfs_readable(zip *z, const zip_entry *e, uint64_t limit) {
  zip_result r = zip_check(z, e);
  return r == ZIP_OK && e->size > limit ? ZIP_TOOBIG : r;
}

/* }==== */

/* {==== .args */

/* Cosmopolitan's rule: "\n" in a line stands for a newline. */
static char *decode(char *s) {
  char *r = s, *w = s;
  for (; *r; r++) {
    if (r[0] == '\\' && r[1] == 'n') *w++ = '\n', r++;
    else *w++ = *r;
  }
  *w = '\0';
  return s;
}

static int line_end(char c) {
  return c == '\n' || c == '\r';
}

size_t zipfs_args(char *text, size_t len, char **out) {
  size_t i = 0, n = 0;
  if (memchr(text, '\0', len) != NULL) return ZIPFS_FAIL;
  while (i < len) {
    size_t c = 0, next;
    while (i + c < len && !line_end(text[i + c])) c++;
    for (next = i + c; next < len && line_end(text[next]); next++) {}
    if (c > 0 && !(next == len && c == 3 && memcmp(text + i, "...", 3) == 0)) {
      if (out) {
        text[i + c] = '\0';
        out[n] = decode(text + i);
      }
      n++;
    }
    i = next;
  }
  return n;
}

int zipfs_arg_ok(const char *arg) {
  return strpbrk(arg, "\r\n") == NULL && strstr(arg, "\\n") == NULL;
}

/* }==== */
