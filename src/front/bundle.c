/*
** bundle.c: `moonbox --bundle -o OUT [--main SCRIPT] PATH...`: this
** runtime's ELF part plus a new, deterministic archive. See LICENSE.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "runtime/archive.h"
#include "bundle.h"
#include "engine/mem.h"
#include "engine/elfimage.h"
#include "engine/file.h"
#include "engine/zip.h"
#include "engine/zipfs.h"
#include "engine/zipw.h"

/* One future entry. Exactly one source: rt (an entry of our archive),
** file (a path on disk), text (the .args we make), or none (directory).
** A file that is a symbolic link on disk also has link, its text, until
** settle_links decides whether it is stored as a link or as a copy. */
typedef struct Item {
  char *name; /* entry name (malloc'd); a directory ends with '/' */
  size_t len;
  const zip_entry *rt;
  char *file; /* malloc'd */
  char *text; /* malloc'd */
  char *link; /* malloc'd */
  dev_t dev;  /* file's identity on disk, links followed */
  ino_t ino;
  uint32_t mode;
  size_t order; /* when added: of two equal names the later wins */
} Item;

typedef struct Bundle {
  Item *items;
  size_t n, cap;
  const char *progname;
  const char *out; /* -o OUT */
  int out_exists;  /* 1: OUT is a regular file now, identified below */
  dev_t out_dev;
  ino_t out_ino;
  zip *rt; /* this runtime's archive, whose entries items' rt are */
} Bundle;

static int complain(Bundle *b, const char *what, const char *why) {
  fprintf(stderr, "%s: --bundle: %s%s%s\n", b->progname, what,
          why ? ": " : "", why ? why : "");
  return 0;
}

static void free_items(Bundle *b) {
  size_t i;
  for (i = 0; i < b->n; i++) {
    free(b->items[i].name);
    free(b->items[i].file);
    free(b->items[i].text);
    free(b->items[i].link);
  }
  free(b->items);
}

/* Appends an item with a copy of name[0..len) (+ '/' when dir). */
static Item *add_item(Bundle *b, const char *name, size_t len, int dir) {
  Item *it;
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 64;
    Item *p = realloc(b->items, cap * sizeof *p);
    if (p == NULL) return NULL;
    b->items = p;
    b->cap = cap;
  }
  it = &b->items[b->n];
  memset(it, 0, sizeof *it);
  it->name = malloc(len + 2);
  if (it->name == NULL) return NULL;
  memcpy(it->name, name, len);
  if (dir) it->name[len++] = '/';
  it->name[len] = '\0';
  it->len = len;
  it->order = b->n++;
  return it;
}

/* {==== collecting entries */

/* The entry name for a command-line path, made as every /zip/ name is
** (zipfs_clean): "./lib//a.lua" is "lib/a.lua", "lib/../a.lua" is
** "a.lua", "." is "" (the root), "lib/" is "lib". Writes into out (as
** long as path); 0 when the path is absolute or climbs above the current
** directory (ZIPFS_CLIMBED): no entry name could say where it leads. */
static int clean_name(const char *path, char *out, size_t *len) {
  unsigned how;
  if (*path == '/') return 0;
  *len = zipfs_clean(out, path, strlen(path), &how);
  if (*len > 0 && out[*len - 1] == '/') (*len)--;
  out[*len] = '\0';
  return !(how & ZIPFS_CLIMBED);
}

static int add_tree(Bundle *b, const char *path, const char *name,
                    size_t len, int top);

static int add_dir(Bundle *b, const char *path, const char *name,
                   size_t len) {
  DIR *d = opendir(path);
  struct dirent *de;
  int ok = 1;
  if (d == NULL) return complain(b, path, strerror(errno));
  Item *it = len > 0 ? add_item(b, name, len, 1) : NULL;
  if (len > 0 && it == NULL) ok = complain(b, path, "out of memory");
  if (it) it->mode = S_IFDIR | 0755;
  while (ok && (errno = 0, de = readdir(d)) != NULL) {
    size_t pl = strlen(path), cl = strlen(de->d_name);
    char *cp, *cn;
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
      continue;
    cp = malloc(pl + cl + 2);
    cn = malloc(len + cl + 2);
    if (cp && cn) {
      snprintf(cp, pl + cl + 2, "%s/%s", path, de->d_name);
      snprintf(cn, len + cl + 2, "%.*s%s%s", (int)len, name, len ? "/" : "",
               de->d_name);
      ok = add_tree(b, cp, cn, strlen(cn), 0);
    } else {
      ok = complain(b, path, "out of memory");
    }
    free(cp);
    free(cn);
  }
  if (ok && errno != 0) ok = complain(b, path, strerror(errno));
  closedir(d);
  return ok;
}

/* When file item it is a symbolic link with a relative text, keeps the
** text (an absolute one leaves the tree: the file is copied). */
static int read_link(Bundle *b, Item *it) {
  char text[PATH_MAX];
  struct stat st;
  ssize_t n;
  if (lstat(it->file, &st) != 0 || !S_ISLNK(st.st_mode)) return 1;
  n = readlink(it->file, text, sizeof text);
  if (n <= 0 || (size_t)n >= sizeof text || text[0] == '/') return 1;
  if ((it->link = malloc((size_t)n + 1)) == NULL)
    return complain(b, it->file, "out of memory");
  memcpy(it->link, text, (size_t)n);
  it->link[n] = '\0';
  return 1;
}

/* Whether the file at path starts as an executable does (ELF magic). */
static int is_elf(const char *path) {
  char magic[4];
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  ssize_t n = fd < 0 ? -1 : read(fd, magic, sizeof magic);
  if (fd >= 0) close(fd);
  return n == 4 && memcmp(magic, "\177ELF", 4) == 0;
}

/* The file at path (top: named on the command line) is OUT itself.
** Writing OUT would replace this input: refused, unless OUT was met in
** a directory and is an executable, a bundle from an earlier run, which
** is left out (so re-running "-o app.bin ." does not pack app.bin into
** itself) with a notice. Returns 1 (skip it) or 0 (refused). */
static int meet_out(Bundle *b, const char *path, int top) {
  if (!top && is_elf(path)) {
    fprintf(stderr, "%s: --bundle: %s: not packed: it is the output file "
            "(-o %s)\n", b->progname, path, b->out);
    return 1;
  }
  return complain(b, path, "is the output file (-o): writing it would "
                           "replace this input");
}

static int add_tree(Bundle *b, const char *path, const char *name,
                    size_t len, int top) {
  struct stat st;
  Item *it;
  if (stat(path, &st) != 0) return complain(b, path, strerror(errno));
  if (S_ISDIR(st.st_mode)) return add_dir(b, path, name, len);
  if (!S_ISREG(st.st_mode))
    return complain(b, path, "not a regular file or directory");
  if (b->out_exists && st.st_dev == b->out_dev && st.st_ino == b->out_ino)
    return meet_out(b, path, top);
  if (len == 0) return complain(b, path, "names no file");
  it = add_item(b, name, len, 0);
  if (it == NULL || (it->file = strdup(path)) == NULL)
    return complain(b, path, "out of memory");
  it->mode = S_IFREG | (st.st_mode & 0755);
  it->dev = st.st_dev;
  it->ino = st.st_ino;
  return read_link(b, it);
}

static int add_arg(Bundle *b, const char *path) {
  char *name = malloc(strlen(path) + 1);
  size_t len;
  int ok;
  if (name == NULL) return complain(b, path, "out of memory");
  if (!clean_name(path, name, &len))
    ok = complain(b, path, "must be a relative path that stays below the "
                           "current directory");
  else
    ok = add_tree(b, path, name, len, 1);
  free(name);
  return ok;
}

/* This runtime's own entries (none when it has no archive). */
static int add_runtime(Bundle *b) {
  zip *z = archive_get();
  size_t i, n;
  zip_result r;
  if (z == NULL) return 1;
  r = zip_index(z);
  if (r != ZIP_OK) return complain(b, archive_exe(), archive_strerror(r));
  b->rt = z;
  n = zip_count(z);
  for (i = 0; i < n; i++) {
    const zip_entry *e = zip_at(z, i);
    Item *it = add_item(b, e->name, e->namelen, 0);
    if (it == NULL) return complain(b, "runtime entries", "out of memory");
    it->rt = e;
    it->mode = e->mode;
  }
  return 1;
}

static int by_name(const void *x, const void *y) {
  const Item *a = x, *c = y;
  int d = memcmp(a->name, c->name, a->len < c->len ? a->len : c->len);
  if (d != 0) return d;
  if (a->len != c->len) return a->len < c->len ? -1 : 1;
  return a->order < c->order ? -1 : a->order > c->order;
}

/* Sorts by name and keeps the last added of equal names. */
static void sort_unique(Bundle *b) {
  size_t i, k = 0;
  qsort(b->items, b->n, sizeof *b->items, by_name);
  for (i = 0; i < b->n; i++) {
    Item *it = &b->items[i];
    if (i + 1 < b->n && it->len == it[1].len &&
        memcmp(it->name, it[1].name, it->len) == 0) {
      free(it->name), free(it->file), free(it->text), free(it->link);
      continue;
    }
    b->items[k++] = *it;
  }
  b->n = k;
}

/* The item named name[0..len) (items sorted and unique), or NULL. */
static const Item *find_item(const Bundle *b, const char *name, size_t len) {
  size_t lo = 0, hi = b->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const Item *it = &b->items[mid];
    int d = memcmp(it->name, name, it->len < len ? it->len : len);
    if (d == 0 && it->len == len) return it;
    if (d < 0 || (d == 0 && it->len < len)) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

/* Whether link item it can be stored as a link: the names its text leads
** to, link after link (zipfs_link, as zipfs_stat follows them), end at a
** file from disk that is the very file the link reaches there (same
** device and inode). Links through linked directories can make the two
** differ. */
static int link_holds(const Bundle *b, const Item *it) {
  char name[ZIPFS_NAME_MAX];
  const Item *t = it;
  int hops;
  for (hops = 0; hops < ZIPFS_MAX_LINKS && t->link; hops++) {
    size_t n = zipfs_link(name, sizeof name, t->name, t->len, t->link,
                          strlen(t->link));
    if (n == ZIPFS_FAIL) return 0;
    t = find_item(b, name, n);
    if (t == NULL || t->file == NULL || t->dev != it->dev ||
        t->ino != it->ino)
      return 0;
  }
  return t->link == NULL;
}

/* Links whose target is in the bundle become link entries; the others
** are stored as copies of the file they point at. */
static void settle_links(Bundle *b) {
  size_t i;
  for (i = 0; i < b->n; i++) {
    Item *it = &b->items[i];
    if (it->link == NULL) continue;
    if (link_holds(b, it)) {
      it->mode = S_IFLNK | 0777;
    } else {
      free(it->link);
      it->link = NULL;
    }
  }
}

/* .args running /zip/SCRIPT, which must be one of the files. Its line
** cannot hold a newline or a carriage return, and "\\n" there would be
** read back as a newline: such names are refused here rather than
** written into a .args that fails at every start. */
static int add_main(Bundle *b, const char *script) {
  char *name;
  size_t len, i;
  int found = 0;
  Item *it;
  if (!zipfs_arg_ok(script))
    return complain(b, "--main", "a script name holding a newline, a "
                    "carriage return or \"\\n\" cannot go in .args");
  name = malloc(strlen(script) + 1);
  if (name == NULL || !clean_name(script, name, &len)) {
    free(name);
    return complain(b, script, "--main needs a relative path");
  }
  for (i = 0; i < b->n && !found; i++)
    found = b->items[i].len == len && memcmp(b->items[i].name, name, len) == 0;
  it = found ? add_item(b, ".args", 5, 0) : NULL;
  if (it) it->text = malloc(len + 16);
  if (it && it->text) {
    snprintf(it->text, len + 16, "/zip/%s\n...\n", name);
    it->mode = S_IFREG | 0644;
  }
  free(name);
  if (!found) return complain(b, script, "--main names no bundled file");
  return it && it->text ? 1 : complain(b, script, "out of memory");
}

/* }==== */

/* {==== writing */

typedef struct Out {
  int fd;
  int err; /* errno of the first failed write */
} Out;

static int write_all(void *ud, const void *buf, size_t len) {
  Out *o = ud;
  if (file_write(o->fd, buf, len) == 0) return 0;
  o->err = errno;
  return -1;
}

/* The data of one item, malloc'd (or NULL with len 0 for a directory). */
static int item_data(Bundle *b, const Item *it, char **data, size_t *len) {
  file_result fr;
  zip_result r;
  *data = NULL;
  *len = 0;
  if (it->link || it->text) { /* a link's data is its text */
    const char *t = it->link ? it->link : it->text;
    *len = strlen(t);
    *data = malloc(*len + 1);
    if (*data) memcpy(*data, t, *len);
    return *data ? 1 : complain(b, it->name, "out of memory");
  }
  if (it->file) { /* mem_libc is the C heap: free() frees it */
    fr = file_read(it->file, SIZE_MAX, mem_libc, NULL, data, len);
    if (fr == FILE_OK) return 1;
    return complain(b, it->file, fr == FILE_ERRNO ? strerror(errno)
                                 : fr == FILE_NOMEM ? strerror(ENOMEM)
                                 : file_strerror(fr));
  }
  if (it->rt == NULL || it->rt->isdir) return 1;
  *data = malloc((size_t)it->rt->size + 1);
  if (*data == NULL) return complain(b, it->name, "out of memory");
  *len = (size_t)it->rt->size;
  r = zip_read(b->rt, it->rt, *data);
  return r == ZIP_OK ? 1 : complain(b, it->name, archive_strerror(r));
}

static int write_archive(Bundle *b, Out *o, size_t base) {
  zipw *w = NULL;
  zipw_result r = zipw_new(&w, mem_libc, NULL, write_all, o, base, -1);
  size_t i;
  for (i = 0; r == ZIPW_OK && i < b->n; i++) {
    char *data;
    size_t len;
    if (!item_data(b, &b->items[i], &data, &len)) {
      zipw_free(w);
      return 0;
    }
    r = zipw_add(w, b->items[i].name, b->items[i].len, data, len,
                 b->items[i].mode);
    free(data);
    if (r != ZIPW_OK) complain(b, b->items[i].name, zipw_strerror(r));
  }
  if (r == ZIPW_OK) r = zipw_finish(w);
  zipw_free(w);
  if (r == ZIPW_WRITE) return 0; /* the caller reports o->err */
  return r == ZIPW_OK ? 1 : complain(b, "archive", zipw_strerror(r));
}

/* The ELF part, its bundle marker saying whether OUT is an app (a .args
** in its archive): an app that cannot read its archive must know it is
** one (archive.h, archive_is_bundle). */
static int write_elf(Bundle *b, Out *o, const unsigned char *exe,
                     size_t elf) {
  long at = archive_marker(exe, elf);
  unsigned char app = find_item(b, ".args", 5) != NULL;
  if (at < 0) {
    complain(b, "cannot find the bundle marker in this executable's ELF "
             "part", archive_exe());
    return 0;
  }
  return write_all(o, exe, (size_t)at) == 0 && write_all(o, &app, 1) == 0 &&
         write_all(o, exe + at + 1, elf - (size_t)at - 1) == 0;
}

/* }==== */

/* {==== the temporary file and signals */

/* The temporary file's name, for the signal handler: armed only while
** the file exists under that name, changed with the signals blocked. */
MOONBOX_COLD_BSS static char tmp_path[PATH_MAX];
static volatile sig_atomic_t tmp_armed;
static const int stops[] = {SIGINT, SIGTERM, SIGHUP};
#define NSTOPS (sizeof stops / sizeof stops[0])

/* Async-signal-safe: remove the temporary file, then die by the signal
** as if no handler had been there (it is blocked until we return). */
static void on_stop(int sig) {
  if (tmp_armed) unlink(tmp_path);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Catches the stopping signals that are not ignored (nohup keeps SIGHUP
** ignored, and so do we); old gets what was there. */
static void catch_stops(struct sigaction *old) {
  struct sigaction sa;
  size_t i;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  for (i = 0; i < NSTOPS; i++) {
    sigaction(stops[i], NULL, &old[i]);
    if (old[i].sa_handler != SIG_IGN) sigaction(stops[i], &sa, NULL);
  }
}

static void release_stops(const struct sigaction *old) {
  size_t i;
  for (i = 0; i < NSTOPS; i++) sigaction(stops[i], &old[i], NULL);
}

/* Blocks (1) or unblocks (0) the stopping signals. */
static void hold_stops(int hold) {
  static sigset_t old;
  sigset_t set;
  size_t i;
  if (!hold) {
    sigprocmask(SIG_SETMASK, &old, NULL);
    return;
  }
  sigemptyset(&set);
  for (i = 0; i < NSTOPS; i++) sigaddset(&set, stops[i]);
  sigprocmask(SIG_BLOCK, &set, &old);
}

/* mkstemp of OUT.tmp.XXXXXX in tmp_path, armed for the handler. */
static int make_tmp(const char *out) {
  int fd;
  hold_stops(1);
  snprintf(tmp_path, sizeof tmp_path, "%s.tmp.XXXXXX", out);
  fd = mkstemp(tmp_path);
  tmp_armed = fd >= 0;
  hold_stops(0);
  return fd;
}

/* Renames the temporary file to OUT (ok) or removes it; disarmed after. */
static int settle_tmp(const char *out, int ok, Out *o) {
  hold_stops(1);
  if (ok && rename(tmp_path, out) != 0) o->err = errno, ok = 0;
  if (!ok) unlink(tmp_path);
  tmp_armed = 0;
  hold_stops(0);
  return ok;
}

/* }==== */

/* {==== the output file */

/* Writes OUT through a temporary file beside it, removed on any failure
** and on SIGINT, SIGTERM or SIGHUP. */
static int write_out(Bundle *b, const char *out) {
  size_t n, elf;
  const unsigned char *exe = archive_bytes(&n);
  struct sigaction old[NSTOPS];
  Out o = {-1, 0};
  int ok;
  if (exe == NULL || elf_image_size(exe, n, &elf) != ELF_OK)
    return complain(b, "cannot read this executable's ELF part",
                    exe ? archive_exe() : archive_error());
  if (strlen(out) + sizeof ".tmp.XXXXXX" > sizeof tmp_path)
    return complain(b, out, strerror(ENAMETOOLONG));
  catch_stops(old);
  o.fd = make_tmp(out);
  if (o.fd < 0) {
    ok = complain(b, out, strerror(errno));
    release_stops(old);
    return ok;
  }
  ok = write_elf(b, &o, exe, elf) && write_archive(b, &o, elf);
  if (ok && fchmod(o.fd, 0755) != 0) o.err = errno, ok = 0;
  if (close(o.fd) != 0 && ok) o.err = errno, ok = 0;
  ok = settle_tmp(out, ok, &o);
  if (!ok && o.err) complain(b, out, strerror(o.err));
  release_stops(old);
  return ok;
}

/* OUT may be replaced only when it is missing or a regular file: the
** rename would turn /dev/null, a FIFO, a device node or a symbolic link
** into a plain file. An existing OUT is remembered, so that it is never
** read as an input. */
static int check_out(Bundle *b, const char *out) {
  struct stat st;
  b->out = out;
  if (lstat(out, &st) != 0) return 1; /* missing; other errors show later */
  if (!S_ISREG(st.st_mode))
    return complain(b, out, "exists and is not a regular file: not "
                            "replaced");
  b->out_exists = 1;
  b->out_dev = st.st_dev;
  b->out_ino = st.st_ino;
  return 1;
}

/* }==== */

static int usage(Bundle *b, const char *bad) {
  fprintf(stderr, "%s: --bundle: %s\nusage: %s --bundle -o OUT "
          "[--main SCRIPT] PATH...\n", b->progname, bad, b->progname);
  return 1;
}

int bundle_main(int argc, char **argv, const char *progname) {
  Bundle b = {NULL, 0, 0, progname, NULL, 0, 0, 0, NULL};
  const char *out = NULL, *script = NULL;
  int i, ok, opts = 1;
  for (i = 2; i < argc; i++) {
    if (opts && strcmp(argv[i], "--") == 0) opts = 0;
    else if (opts && (strcmp(argv[i], "-o") == 0 ||
                      strcmp(argv[i], "--main") == 0)) {
      if (i + 1 == argc) return usage(&b, "an option needs an argument");
      if (argv[i][1] == 'o') out = argv[++i];
      else script = argv[++i];
    } else if (opts && argv[i][0] == '-' && argv[i][1] != '\0') {
      return usage(&b, "unknown option");
    }
  }
  if (out == NULL) return usage(&b, "no output file (-o OUT)");
  ok = check_out(&b, out) && add_runtime(&b);
  for (i = 2, opts = 1; ok && i < argc; i++) {
    if (opts && strcmp(argv[i], "--") == 0) opts = 0;
    else if (opts && (strcmp(argv[i], "-o") == 0 ||
                      strcmp(argv[i], "--main") == 0)) i++;
    else ok = add_arg(&b, argv[i]);
  }
  if (ok && script) ok = add_main(&b, script);
  if (ok) sort_unique(&b);
  if (ok) settle_links(&b);
  if (ok) ok = write_out(&b, out);
  free_items(&b);
  return ok ? 0 : 1;
}
