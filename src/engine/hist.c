/*
** hist.c: the line editor's history file: where it is, loading,
** appending, trimming. See LICENSE.
*/
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hist.h"

/* A history file larger than this is not read (nor trimmed). */
#define HIST_MAX_FILE (64u << 20)

/* {==== where */

static int set_path(hist_file *h, const char *a, const char *b) {
  int n = snprintf(h->path, sizeof h->path, "%s%s", a, b);
  h->enabled = n > 0 && (size_t)n < sizeof h->path;
  return h->enabled;
}

void hist_init(hist_file *h, const char *over, const char *state,
               const char *home, mem_alloc_fn alloc, void *ud) {
  memset(h, 0, sizeof *h);
  h->alloc = alloc;
  h->ud = ud;
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
  strcpy(dir, path); /* path fits: it came from an hist_file */
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

/* The whole file from h's allocator (free with unread), or NULL. */
static char *read_whole(const hist_file *h, size_t *size) {
  char *buf;
  if (file_read(h->path, HIST_MAX_FILE, h->alloc, h->ud, &buf, size) !=
      FILE_OK)
    return NULL;
  return buf;
}

static void unread(const hist_file *h, char *buf, size_t size) {
  h->alloc(h->ud, buf, size + 1, 0);
}

/* Entries in buf[0..size): lines with something on them, a last line
** without its newline included. */
static size_t count_entries(const char *buf, size_t size) {
  size_t i, start = 0, n = 0;
  for (i = 0; i < size; i++) {
    if (buf[i] != '\n') continue;
    n += i > start;
    start = i + 1;
  }
  return n + (start < size);
}

/* Where buf's entries after the first 'skip' begin. */
static size_t skip_entries(const char *buf, size_t size, size_t skip) {
  size_t i, start = 0;
  for (i = 0; i < size && skip > 0; i++) {
    if (buf[i] != '\n') continue;
    skip -= i > start;
    start = i + 1;
  }
  return start;
}

/* Where the newest entries of buf that together hold at most 'budget'
** bytes begin; the newest entry counts whatever its size. */
static size_t newest_within(const char *buf, size_t size, size_t budget) {
  size_t end = size, held = 0;
  for (;;) {
    size_t start = end; /* [start, end): one entry, perhaps empty */
    while (start > 0 && buf[start - 1] != '\n') start--;
    if (held > 0 && (held >= budget || end - start > budget - held))
      return end + 1; /* buf[end] is the newline before what is kept */
    held += end - start;
    if (start == 0) return 0;
    end = start - 1;
  }
}

/* Replaces the file at path by data[0..n) atomically: a new file beside
** it (same permissions), synced, renamed over it. On any failure the old
** file stays as it was. */
static int replace_file(const char *path, const char *data, size_t n) {
  char tmp[PATH_MAX];
  struct stat st;
  int fd, ok;
  if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= sizeof tmp ||
      stat(path, &st) != 0 || (fd = mkstemp(tmp)) < 0)
    return 0;
  ok = file_write(fd, data, n) == 0 && fchmod(fd, st.st_mode & 07777) == 0 &&
       fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  ok = ok && rename(tmp, path) == 0;
  if (!ok) unlink(tmp);
  return ok;
}

/*
** The trim: the file's own newest HIST_MAX entries, taken from the file's
** bytes in buf (never from the editor, which holds fewer when memory ran
** short), replace it atomically. A history path that is a symbolic link
** is never rewritten (the rename would put a plain file in the link's
** place, and writing through it would edit a file the user put
** elsewhere): it is only appended to, and grows. Sets h->entries to what
** the file holds afterwards.
*/
static int is_link(const char *path) {
  struct stat st;
  return lstat(path, &st) != 0 || S_ISLNK(st.st_mode); /* unsure: a link */
}

static void trim_buf(hist_file *h, const char *buf, size_t size) {
  size_t n = count_entries(buf, size), off;
  h->entries = n;
  if (n <= HIST_MAX || is_link(h->path)) return;
  off = skip_entries(buf, size, n - HIST_MAX);
  if (replace_file(h->path, buf + off, size - off)) h->entries = HIST_MAX;
}

/* The trim after an append: the file is read again. */
static void trim(hist_file *h) {
  size_t size;
  char *buf;
  if (is_link(h->path)) return; /* not worth reading: it stays */
  buf = read_whole(h, &size);
  if (buf == NULL) return; /* no memory, or too big: the file stays */
  trim_buf(h, buf, size);
  unread(h, buf, size);
}

/* Adds the newest entries of buf[0..size) to ed, decoding them in place:
** those that hold at most HIST_LOAD_BYTES together. */
static void add_entries(le_editor *ed, char *buf, size_t size) {
  size_t i, start;
  if (size > 0 && buf[size - 1] == '\n') size--;
  start = newest_within(buf, size, HIST_LOAD_BYTES);
  for (i = start; i < size; i++) { /* what does not fit is skipped */
    if (buf[i] != '\n') continue;
    if (i > start)
      le_history_add(ed, buf + start, decode(buf + start, i - start));
    start = i + 1;
  }
  if (start < size) /* a last line without its newline still counts */
    le_history_add(ed, buf + start, decode(buf + start, size - start));
}

void hist_load(hist_file *h, le_editor *ed) {
  size_t size;
  char *buf;
  le_history_set_max(ed, HIST_MAX);
  if (!h->enabled || (buf = read_whole(h, &size)) == NULL) return;
  trim_buf(h, buf, size); /* before decoding changes buf */
  add_entries(ed, buf, size);
  unread(h, buf, size);
}

void hist_append(hist_file *h, const char *line, size_t len) {
  int fd;
  if (!h->enabled) return;
  if (h->mkdirs) make_dirs(h->path);
  fd = open(h->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK,
            0600);
  if (fd < 0) return;
  write_entry(fd, line, len);
  close(fd);
  if (++h->entries > HIST_MAX) trim(h);
}

/* }==== */
