/*
** archive.c: finding, mapping and opening the zip archive at the end of
** this executable, lazily. See LICENSE.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"

/* .args bigger than this is refused rather than read at every start. */
#define ARGS_MAX (1 << 20)

static const char *argv0 = "";
static int opened = 0;
static zip *archive = NULL;
static const unsigned char *bytes = NULL;
static size_t nbytes = 0;
static char exe[PATH_MAX] = "";
static char error[2 * PATH_MAX + 160] = "";

/* {==== the bundle marker */

/* --bundle sets 'flag' in the ELF part it writes when the new archive
** holds a .args: the executable is then an app, and knows it without
** reading its archive (which it may be unable to read). It sits in a
** section of its own (`objdump -s -j .moonbox FILE` shows it) and is found
** in a file by its magic text, which appears nowhere else in the ELF:
** code never spells it, it only reads this object. volatile: the value
** is the file's, patched after the link, never the compiler's. */
struct marker {
  char magic[24];
  char flag; /* 1: a bundled app; 0: the runtime or a bundle without .args */
};
__attribute__((section(".moonbox"), used)) static volatile const struct
    marker marker = {"moonbox:bundle-marker:v1", 0};

int archive_is_bundle(void) {
  return marker.flag == 1;
}

long archive_marker(const unsigned char *elf, size_t size) {
  char magic[sizeof marker.magic];
  size_t i;
  long at = -1;
  for (i = 0; i < sizeof magic; i++) magic[i] = marker.magic[i];
  for (i = 0; size > sizeof marker && i <= size - sizeof marker; i++) {
    if (elf[i] != (unsigned char)magic[0] ||
        memcmp(elf + i, magic, sizeof magic) != 0)
      continue;
    if (at >= 0) return -1; /* twice: which one is ours? */
    at = (long)(i + sizeof magic);
  }
  return at;
}

/* }==== */

void archive_init(const char *a0) {
  argv0 = a0 ? a0 : "";
}

static int disabled(void) {
  const char *a = getenv("MOONBOX_NOZIP");
  const char *b = getenv("COSMOPOLITAN_DISABLE_ZIPOS");
  return (a && strcmp(a, "1") == 0) || (b && strcmp(b, "1") == 0);
}

/* argv[0] with a slash names the file; without one, PATH is searched as
** execvp would have. */
static int search_path(const char *name, char *out) {
  const char *p = getenv("PATH");
  size_t n = strlen(name);
  if (strchr(name, '/')) return snprintf(out, PATH_MAX, "%s", name) < PATH_MAX;
  if (p == NULL || *name == '\0') return 0;
  while (*p) {
    size_t d = strcspn(p, ":");
    if (d + 1 + n < PATH_MAX) {
      memcpy(out, d ? p : ".", d ? d : 1);
      out[d ? d : 1] = '/';
      memcpy(out + (d ? d : 1) + 1, name, n + 1);
      if (access(out, X_OK) == 0) return 1;
    }
    p += d + (p[d] == ':');
  }
  return 0;
}

/* Why the executable could not be opened: the first failure that is more
** than "no such file" (no /proc is the usual case, and says little). */
static int why_errno;
static char why_path[PATH_MAX];

static int try_open(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 && (why_errno == 0 || why_errno == ENOENT)) {
    why_errno = errno;
    snprintf(why_path, sizeof why_path, "%s", path);
  }
  return fd;
}

/* Started through a descriptor (fexecve, execveat with AT_EMPTY_PATH), the
** kernel names the program /dev/fd/N. Without /proc that name leads
** nowhere, but descriptor N itself is still open unless it was
** close-on-exec: at start nothing else can hold that number, so a regular
** file there is this executable. Returns our own copy of it, or -1. */
static int inherited_fd(const char *execfn) {
  struct stat st;
  char *end;
  long n;
  int fd;
  if (strncmp(execfn, "/dev/fd/", 8) != 0 || execfn[8] == '\0') return -1;
  errno = 0;
  n = strtol(execfn + 8, &end, 10);
  if (*end != '\0' || errno || n < 0 || n > INT_MAX) return -1;
  fd = fcntl((int)n, F_DUPFD_CLOEXEC, 0);
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) return fd;
  snprintf(why_path, sizeof why_path, "/dev/fd/%ld (started through "
           "descriptor %ld, now %s)", n, n, fd < 0 ? "closed" : "not a file");
  why_errno = 0;
  if (fd >= 0) close(fd);
  return -1;
}

/* Opens the executable: returns a descriptor and fills 'exe'. */
static int open_exe(void) {
  unsigned long execfn = getauxval(AT_EXECFN);
  int fd = try_open("/proc/self/exe");
  if (fd >= 0) {
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    if (n <= 0) strcpy(exe, "/proc/self/exe");
    return fd;
  }
  if (execfn && snprintf(exe, sizeof exe, "%s", (const char *)execfn) <
                    (int)sizeof exe) {
    if ((fd = try_open(exe)) >= 0 || (fd = inherited_fd(exe)) >= 0)
      return fd;
  }
  if (search_path(argv0, exe) && (fd = try_open(exe)) >= 0) return fd;
  exe[0] = '\0';
  return -1;
}

static int map_exe(void) {
  struct stat st;
  void *p;
  int fd;
  if (bytes != NULL) return 1;
  fd = open_exe();
  if (fd < 0) {
    snprintf(error, sizeof error, "cannot open this executable: %s%s%s",
             why_path[0] ? why_path : "not found",
             why_errno ? ": " : "", why_errno ? strerror(why_errno) : "");
    return 0;
  }
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    snprintf(error, sizeof error, "cannot read %s", exe);
    close(fd);
    return 0;
  }
  p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    snprintf(error, sizeof error, "cannot map %s: %s", exe, strerror(errno));
    return 0;
  }
  bytes = p;
  nbytes = (size_t)st.st_size;
  return 1;
}

void *archive_heap(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, nsize);
}

zip *archive_get(void) {
  zip_result r;
  if (opened) return archive;
  opened = 1;
  if (disabled()) {
    strcpy(error, "the archive is disabled (MOONBOX_NOZIP)");
    return NULL;
  }
  if (!map_exe()) return NULL;
  r = zip_open(&archive, bytes, nbytes, archive_heap, NULL);
  if (r != ZIP_OK) {
    snprintf(error, sizeof error, "%s: %s (check at zip.c:%d)", exe,
             zip_strerror(r), archive ? zip_errline(archive) : 0);
    zip_close(archive);
    archive = NULL;
  }
  return archive;
}

const char *archive_error(void) {
  return error;
}

const char *archive_exe(void) {
  return exe;
}

const unsigned char *archive_bytes(size_t *size) {
  if (bytes == NULL && map_exe() == 0 && !opened) error[0] = '\0';
  *size = nbytes;
  return bytes;
}

/* {==== symbolic links */

int archive_join(char *out, const char *dir, size_t dlen, const char *rel,
                 size_t rlen) {
  size_t n = 0, k;
  const char *parts[2] = {dir, rel};
  size_t lens[2] = {dlen, rlen};
  int i;
  for (i = 0; i < 2; i++) {
    const char *p = parts[i], *e = p + lens[i];
    while (p < e) {
      for (k = 0; p + k < e && p[k] != '/'; k++) {}
      if (k == 2 && p[0] == '.' && p[1] == '.') {
        if (n == 0) return 0;
        while (n > 0 && out[n - 1] != '/') n--;
        if (n > 0) n--;
      } else if (k > 0 && !(k == 1 && p[0] == '.')) {
        if (n + 1 + k >= PATH_MAX) return 0;
        if (n > 0) out[n++] = '/';
        memcpy(out + n, p, k);
        n += k;
      }
      p += k + (p + k < e);
    }
  }
  out[n] = '\0';
  return 1;
}

/* The name link entry e leads to, into out (PATH_MAX bytes). */
static zip_result link_target(zip *z, const zip_entry *e, char *out) {
  char text[PATH_MAX];
  const char *slash;
  zip_result r;
  if (e->size == 0 || e->size >= sizeof text) return ZIP_NOTFOUND;
  if ((r = zip_read(z, e, text)) != ZIP_OK) return r;
  if (text[0] == '/') return ZIP_NOTFOUND; /* outside the archive */
  slash = strrchr(e->name, '/');
  if (!archive_join(out, e->name, slash ? (size_t)(slash - e->name) : 0,
                    text, (size_t)e->size))
    return ZIP_NOTFOUND;
  return ZIP_OK;
}

zip_result archive_stat(const char *path, size_t len, const zip_entry **e,
                        int *isdir) {
  zip *z = archive_get();
  char name[PATH_MAX];
  zip_result r;
  int hops = 0;
  *e = NULL;
  *isdir = 0;
  if (z == NULL) return ZIP_NOEOCD;
  r = zip_stat(z, path, len, e, isdir);
  while (r == ZIP_OK && *e != NULL && !*isdir && S_ISLNK((*e)->mode)) {
    if (hops++ == ARCHIVE_MAX_LINKS) r = ZIP_NOTFOUND; /* a loop */
    else if ((r = link_target(z, *e, name)) == ZIP_OK)
      r = zip_stat(z, name, strlen(name), e, isdir);
  }
  if (r != ZIP_OK) *e = NULL, *isdir = 0;
  return r;
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

/* Builds the new argv from text (NUL-terminated, modified in place). With
** argc 0 (a kernel may pass an empty argv) argv[0] becomes "". */
static int split_args(char *text, int *argc, char ***argv) {
  static char noname[] = "";
  size_t cap = 2 + (size_t)*argc, n = 0, i;
  char *p, **out;
  for (p = text; *p; p++) cap += *p == '\n' || *p == '\r';
  out = malloc(cap * sizeof *out);
  if (out == NULL) return 0;
  out[n++] = *argc > 0 && (*argv)[0] ? (*argv)[0] : noname;
  for (p = text; *p;) {
    size_t len = strcspn(p, "\r\n");
    char *next = p + len + (p[len] != '\0');
    p[len] = '\0';
    next += strspn(next, "\r\n");
    /* a last "..." marks where the user's arguments go: they come last
    ** with or without it */
    if (len > 0 && !(*next == '\0' && strcmp(p, "...") == 0))
      out[n++] = decode(p);
    p = next;
  }
  for (i = 1; i < (size_t)*argc; i++) out[n++] = (*argv)[i];
  out[n] = NULL;
  *argc = (int)n;
  *argv = out;
  return 1;
}

/* The replaced argv and its text live as long as the process; kept here,
** they stay reachable, which is what leak checkers ask of such memory. */
static char **args_vec, *args_text;

/* Sets the error to "/zip/.args: " + what went wrong with code r. */
static int args_failed(zip *z, zip_result r) {
  int line = r == ZIP_NOTFOUND || r == ZIP_ISDIR ? 0 : zip_errline(z);
  snprintf(error, sizeof error, "/zip/.args: %s", zip_strerror(r));
  if (line)
    snprintf(error + strlen(error), sizeof error - strlen(error),
             " (check at zip.c:%d)", line);
  return 0;
}

/* A bundled app never runs as a plain interpreter: it stops, saying why
** its archive is out of reach. */
static int app_unreadable(void) {
  char why[sizeof error];
  memcpy(why, error, sizeof why);
  snprintf(error, sizeof error, "cannot read this bundled app's archive: "
           "%.*s", (int)sizeof error - 64, why);
  return 0;
}

/* The .args entry, links followed as every /zip/ read follows them. An
** app (the marker set) must have one: so must an archive whose directory
** names one, even if the index then cannot be built (fail closed). */
static int find_args(zip *z, const zip_entry **e) {
  int isdir;
  zip_result r;
  if (!archive_is_bundle() && !zip_has(z, ".args", 5)) return 1;
  r = archive_stat(".args", 5, e, &isdir);
  if (r == ZIP_OK && isdir) r = ZIP_ISDIR;
  return r == ZIP_OK ? 1 : args_failed(z, r);
}

int archive_args(int *argc, char ***argv) {
  const zip_entry *e = NULL;
  zip *z;
  char *text;
  zip_result r;
  if (disabled()) return 1; /* the user's explicit choice, apps included */
  if ((z = archive_get()) == NULL)
    return archive_is_bundle() ? app_unreadable() : 1;
  if (!find_args(z, &e)) return 0;
  if (e == NULL) return 1; /* no .args */
  if (e->size > ARGS_MAX) {
    snprintf(error, sizeof error, "/zip/.args: larger than %d bytes",
             ARGS_MAX);
    return 0;
  }
  text = malloc((size_t)e->size + 1);
  r = text ? zip_read(z, e, text) : ZIP_NOMEM;
  if (r != ZIP_OK) {
    free(text);
    return args_failed(z, r);
  }
  text[e->size] = '\0';
  if (memchr(text, '\0', (size_t)e->size) != NULL) {
    free(text);
    snprintf(error, sizeof error, "/zip/.args: contains a NUL byte (an "
             "argument cannot hold one)");
    return 0;
  }
  if (!split_args(text, argc, argv)) {
    free(text);
    return args_failed(z, ZIP_NOMEM);
  }
  args_vec = *argv, args_text = text; /* live on in the new argv */
  return 1;
}

/* }==== */
