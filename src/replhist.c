/*
** replhist.c: the REPL's history file: where it is, loading, appending.
** No Lua here: only the editor's history API and the file system.
** See LICENSE.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "replhist.h"

/* A history file larger than this is not read (nor trimmed). */
#define RH_MAX_FILE (64u << 20)

/* {==== where */

static int set_path(rh_file *h, const char *a, const char *b) {
  int n = snprintf(h->path, sizeof h->path, "%s%s", a, b);
  h->enabled = n > 0 && (size_t)n < sizeof h->path;
  return h->enabled;
}

void rh_init(rh_file *h) {
  const char *over = getenv("MOONBOX_HISTORY");
  const char *state = getenv("XDG_STATE_HOME");
  const char *home = getenv("HOME");
  memset(h, 0, sizeof *h);
  if (over) { /* set: empty disables, anything else is the file */
    if (*over) set_path(h, over, "");
    return;
  }
  h->mkdirs = 1;
  /* XDG: a relative XDG_STATE_HOME is invalid and must be ignored. */
  if (state && state[0] == '/') set_path(h, state, "/moonbox/history");
  else if (home && *home) set_path(h, home, "/.local/state/moonbox/history");
}

/* mkdir -p of the directory part of path, new directories 0700. */
static void make_dirs(const char *path) {
  char dir[PATH_MAX];
  char *p;
  strcpy(dir, path); /* path fits: it came from an rh_file */
  p = strrchr(dir, '/');
  if (p == NULL || p == dir) return;
  *p = '\0';
  for (p = dir + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    mkdir(dir, 0700); /* EEXIST and the rest: the open will tell */
    *p = '/';
  }
  mkdir(dir, 0700);
}

/* }==== */

/* {==== encoding: one entry per line */

/* Writes s[0..n) escaped, then a newline, in one write when it fits in
   the buffer (appends from two sessions then do not interleave). */
static int write_entry(int fd, const char *s, size_t n) {
  char buf[8192];
  size_t i, k = 0;
  for (i = 0; i <= n; i++) {
    char c = i < n ? s[i] : '\n';
    if (k + 2 > sizeof buf) {
      if (write(fd, buf, k) != (ssize_t)k) return 0;
      k = 0;
    }
    if (i < n && (c == '\\' || c == '\n' || c == '\0')) {
      buf[k++] = '\\';
      c = c == '\n' ? 'n' : c == '\0' ? '0' : '\\';
    }
    buf[k++] = c;
  }
  return write(fd, buf, k) == (ssize_t)k;
}

/* Decodes the line s[0..n) in place; returns the new length. An unknown
   escape keeps its backslash. */
static size_t decode(char *s, size_t n) {
  size_t i, k = 0;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\\' && i + 1 < n) {
      char e = s[i + 1];
      if (e == 'n' || e == '0' || e == '\\') {
        c = e == 'n' ? '\n' : e == '0' ? '\0' : '\\';
        i++;
      }
    }
    s[k++] = c;
  }
  return k;
}

/* }==== */

/* {==== reading and writing */

/* The whole file in a malloc'd buffer (caller frees), or NULL. */
static char *read_file(const char *path, size_t *size) {
  struct stat st;
  char *buf = NULL;
  size_t got = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return NULL;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      (size_t)st.st_size <= RH_MAX_FILE &&
      (buf = malloc((size_t)st.st_size + 1)) != NULL) {
    while (got < (size_t)st.st_size) {
      ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += (size_t)r;
    }
  }
  close(fd);
  *size = got;
  return buf;
}

/* Rewrites the file with the editor's entries (after a trim). */
static void rewrite(const rh_file *h, const le_editor *ed) {
  size_t i, n = le_history_count(ed);
  int fd = open(h->path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return;
  for (i = 0; i < n; i++) {
    size_t len;
    const char *s = le_history_get(ed, i, &len);
    if (!write_entry(fd, s, len)) break;
  }
  close(fd);
}

void rh_load(rh_file *h, le_editor *ed) {
  size_t size, i, start = 0, entries = 0;
  char *buf;
  le_history_set_max(ed, RH_MAX);
  if (!h->enabled || (buf = read_file(h->path, &size)) == NULL) return;
  for (i = 0; i < size; i++) {
    if (buf[i] != '\n') continue;
    if (i > start) {
      le_history_add(ed, buf + start, decode(buf + start, i - start));
      entries++;
    }
    start = i + 1;
  }
  if (start < size) /* a last line without its newline still counts */
    le_history_add(ed, buf + start, decode(buf + start, size - start));
  free(buf);
  h->entries = entries;
  if (entries > RH_MAX) rewrite(h, ed), h->entries = le_history_count(ed);
}

void rh_append(rh_file *h, const le_editor *ed, const char *line,
               size_t len) {
  int fd;
  if (!h->enabled) return;
  if (h->mkdirs) make_dirs(h->path);
  fd = open(h->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK,
            0600);
  if (fd < 0) return;
  write_entry(fd, line, len);
  close(fd);
  if (++h->entries > RH_MAX) rewrite(h, ed), h->entries = le_history_count(ed);
}

/* }==== */
