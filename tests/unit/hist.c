/*
** tests/unit/hist.c: the history store (src/engine/hist.c): where the
** file is, the escaped one-entry-per-line format, loading the newest
** 1 MiB, the atomic trim, never trimming through a symbolic link.
** See LICENSE.
*/
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "hist.h"
#include "lineedit.h"
#include "unit.h"

static char dir[64], path[PATH_MAX];

static const char *at(const char *name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

/* {==== helpers */

/* The file at name, whole (unit_alloc'd, NUL-terminated), or NULL. */
static char *slurp(const char *name, size_t *len) {
  char *data;
  if (file_read(at(name), SIZE_MAX, unit_alloc, NULL, &data, len) != FILE_OK)
    return NULL;
  return data;
}

static void drop(char *data, size_t len) {
  if (data) unit_alloc(NULL, data, len + 1, 0);
}

static size_t lines(const char *name) {
  size_t len, i, n = 0;
  char *d = slurp(name, &len);
  for (i = 0; d && i < len; i++) n += d[i] == '\n';
  drop(d, len);
  return n;
}

/* Writes lines "x = FIRST" .. "x = LAST" to name, mode 'mode'. */
static void numbered(const char *name, int first, int last, mode_t mode) {
  FILE *f = fopen(at(name), "w");
  int i;
  for (i = first; f && i <= last; i++) fprintf(f, "x = %d\n", i);
  if (f) fclose(f);
  chmod(at(name), mode);
}

/* Opens history file name (in dir) and loads it into a new editor. */
static le_editor *load(hist_file *h, const char *name) {
  le_editor *ed = le_new(0, 1, NULL, NULL, NULL);
  hist_init(h, at(name), NULL, NULL, unit_alloc, NULL);
  hist_load(h, ed);
  return ed;
}

/* Whether editor entry i is text. */
static int entry_is(le_editor *ed, size_t i, const char *text, size_t n) {
  size_t len;
  const char *s = le_history_get(ed, i, &len);
  return s && len == n && memcmp(s, text, n) == 0;
}

/* Whether a temporary file of a trim (NAME.tmp.XXXXXX) is left in dir. */
static int tmp_left(void) {
  DIR *d = opendir(dir);
  struct dirent *de;
  int found = 0;
  while (d && (de = readdir(d)) != NULL) found |= !!strstr(de->d_name, ".tmp.");
  if (d) closedir(d);
  return found;
}

/* }==== */

static void where(void) {
  hist_file h;
  char longname[PATH_MAX + 10];
  hist_init(&h, "/h/file", "/state", "/home", unit_alloc, NULL);
  CHECK(h.enabled && strcmp(h.path, "/h/file") == 0 && !h.mkdirs,
        "MOONBOX_HISTORY names the file (%s)", h.path);
  hist_init(&h, "", "/state", "/home", unit_alloc, NULL);
  CHECK(!h.enabled, "MOONBOX_HISTORY empty disables history");
  hist_init(&h, NULL, "/state", "/home", unit_alloc, NULL);
  CHECK(h.enabled && h.mkdirs && strcmp(h.path, "/state/moonbox/history") == 0,
        "XDG_STATE_HOME (%s)", h.path);
  hist_init(&h, NULL, "state", "/home", unit_alloc, NULL);
  CHECK(strcmp(h.path, "/home/.local/state/moonbox/history") == 0,
        "a relative XDG_STATE_HOME is ignored (%s)", h.path);
  hist_init(&h, NULL, NULL, "", unit_alloc, NULL);
  CHECK(!h.enabled, "no XDG_STATE_HOME, HOME empty: disabled");
  memset(longname, 'a', sizeof longname - 1);
  longname[0] = '/', longname[sizeof longname - 1] = '\0';
  hist_init(&h, longname, NULL, NULL, unit_alloc, NULL);
  CHECK(!h.enabled, "a path longer than PATH_MAX: disabled");
}

static void format(void) {
  static const char entry[] = "a\nb\\c\0d";
  static const char want[] = "a\\nb\\\\c\\0d\nsecond\n";
  hist_file h;
  le_editor *ed;
  char *d;
  size_t len;
  snprintf(path, sizeof path, "%s/state", dir);
  hist_init(&h, NULL, path, NULL, unit_alloc, NULL);
  hist_append(&h, entry, sizeof entry - 1);
  hist_append(&h, "second", 6);
  d = slurp("state/moonbox/history", &len);
  CHECK(d && len == sizeof want - 1 && memcmp(d, want, len) == 0,
        "escaped, one entry per line (got \"%s\")", d ? d : "(none)");
  drop(d, len);
  {
    struct stat f, s;
    CHECK(stat(at("state/moonbox/history"), &f) == 0 &&
              (f.st_mode & 0777) == 0600 &&
              stat(at("state/moonbox"), &s) == 0 && (s.st_mode & 0777) == 0700,
          "file made 0600, directories 0700");
  }
  ed = load(&h, "state/moonbox/history");
  CHECK(le_history_count(ed) == 2 && entry_is(ed, 0, entry, sizeof entry - 1)
            && entry_is(ed, 1, "second", 6),
        "entries decode back, oldest first");
  le_free(ed);
}

static void loading(void) {
  static const char text[] = "one\n\nx\\ty\nlast";
  hist_file h;
  le_editor *ed;
  FILE *f = fopen(at("plain"), "w");
  if (f) fputs(text, f), fclose(f);
  ed = load(&h, "plain");
  CHECK(le_history_count(ed) == 3 && entry_is(ed, 0, "one", 3) &&
            entry_is(ed, 1, "x\\ty", 4) && entry_is(ed, 2, "last", 4),
        "empty lines skipped, an unknown escape kept, a last line without "
        "newline counts (%zu entries)", le_history_count(ed));
  CHECK(h.entries == 3, "h.entries is what the file holds (%zu)", h.entries);
  le_free(ed);
}

/* Entries of 600,000 bytes: only the newest fits in 1 MiB; one of
** 2,000,000 bytes still loads, being the newest. */
static void newest_mebibyte(void) {
  hist_file h;
  le_editor *ed;
  size_t n = 600000;
  char *big = malloc(2000001);
  FILE *f = fopen(at("big"), "w");
  int i;
  for (i = 0; f && i < 3; i++) {
    memset(big, 'a' + i, n);
    fwrite(big, 1, n, f), fputc('\n', f);
  }
  if (f) fclose(f);
  ed = load(&h, "big");
  CHECK(le_history_count(ed) == 1 && le_history_get(ed, 0, NULL)[0] == 'c',
        "only the newest of 3 x 600 kB (%zu entries)", le_history_count(ed));
  le_free(ed);
  memset(big, 'z', 2000000);
  f = fopen(at("big"), "a");
  if (f) fwrite(big, 1, 2000000, f), fputc('\n', f), fclose(f);
  ed = load(&h, "big");
  CHECK(le_history_count(ed) == 1 && entry_is(ed, 0, big, 2000000),
        "a newest entry over 1 MiB still loads (%zu)", le_history_count(ed));
  le_free(ed);
  free(big);
}

static void trims(void) {
  hist_file h;
  le_editor *ed;
  struct stat st;
  numbered("long", 1, 1500, 0640);
  ed = load(&h, "long");
  CHECK(lines("long") == HIST_MAX && h.entries == HIST_MAX,
        "a load trims the file to %d entries (%zu)", HIST_MAX, lines("long"));
  CHECK(entry_is(ed, 0, "x = 501", 7) && le_history_count(ed) == HIST_MAX,
        "the newest %d are loaded", HIST_MAX);
  CHECK(stat(at("long"), &st) == 0 && (st.st_mode & 0777) == 0640,
        "the trimmed file keeps its permissions (%o)", st.st_mode & 0777);
  hist_append(&h, "new", 3);
  CHECK(lines("long") == HIST_MAX, "an append past %d trims again (%zu)",
        HIST_MAX, lines("long"));
  {
    size_t len;
    char *d = slurp("long", &len);
    CHECK(d && strncmp(d, "x = 502\n", 8) == 0 &&
              strcmp(d + len - 4, "new\n") == 0,
          "the oldest went, the new one is last");
    drop(d, len);
  }
  CHECK(!tmp_left(), "no temporary file left");
  le_free(ed);
}

static void through_link(void) {
  hist_file h;
  le_editor *ed;
  struct stat st;
  numbered("target", 1, 1500, 0600);
  if (symlink("target", at("link")) != 0) {
    printf("skipped: link case: symlink failed\n");
    return;
  }
  ed = load(&h, "link");
  CHECK(lines("target") == 1500, "a link is never trimmed (%zu)",
        lines("target"));
  CHECK(entry_is(ed, 0, "x = 501", 7), "its newest %d are loaded", HIST_MAX);
  hist_append(&h, "new", 3);
  CHECK(lines("target") == 1501 && lstat(at("link"), &st) == 0 &&
            S_ISLNK(st.st_mode),
        "appended through, still a link (%zu)", lines("target"));
  le_free(ed);
}

static void silent_failures(void) {
  hist_file h;
  le_editor *ed;
  struct stat st;
  mkdir(at("dir"), 0700);
  ed = load(&h, "dir");
  hist_append(&h, "x", 1);
  CHECK(le_history_count(ed) == 0, "a directory: nothing loaded");
  le_free(ed);
  numbered("huge", 1, 1500, 0600);
  truncate(at("huge"), (off_t)65 << 20); /* sparse: over 64 MiB */
  ed = load(&h, "huge");
  CHECK(le_history_count(ed) == 0 && stat(at("huge"), &st) == 0 &&
            st.st_size == (off_t)65 << 20,
        "a file over 64 MiB is neither read nor trimmed");
  le_free(ed);
  numbered("refused", 1, 1500, 0600);
  unit_nallocs = 0, unit_fail_at = 1;
  ed = load(&h, "refused");
  unit_fail_at = 0;
  CHECK(le_history_count(ed) == 0 && lines("refused") == 1500,
        "no memory for the file: nothing loaded, the file untouched");
  le_free(ed);
}

static void clean(void) {
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

int main(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%.40s/unit-hist.XXXXXX", tmp ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  where();
  format();
  loading();
  newest_mebibyte();
  trims();
  through_link();
  silent_failures();
  CHECK(unit_live_bytes == 0, "nothing leaked (%ld bytes)", unit_live_bytes);
  clean();
  return UNIT_END();
}
