/*
** archive.c: finding, mapping and opening the zip archive at the end of
** this executable, lazily; the one wording of its failures; .args as the
** process's argv. See LICENSE.
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

#include "config.h"
#include "archive.h"
#include "engine/mem.h"
#include "engine/zipfs.h"

/* .args bigger than this is refused rather than read at every start. */
#define ARGS_MAX (1 << 20)

static const char *argv0 = "";
static int opened = 0;
static zip *archive = NULL;
static const unsigned char *bytes = NULL;
static size_t nbytes = 0;
MOONBOX_COLD_BSS static char exe[PATH_MAX];
MOONBOX_COLD_BSS static char error[2 * PATH_MAX + 160];

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
MOONBOX_COLD_BSS static char why_path[PATH_MAX];

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

/* Opened through /proc/self/exe, the executable's name is read from that
** link when a message or archive_exe first needs it, not at every start
** (a readlink through /proc costs about 4 us here, 1% of `moonbox -e ''`). */
static int via_proc = 0;

static const char *exe_name(void) {
  if (via_proc && exe[0] == '\0') {
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    if (n <= 0) strcpy(exe, "/proc/self/exe");
  }
  return exe;
}

/* Opens the executable: returns a descriptor and fills 'exe', or leaves
** it to exe_name. */
static int open_exe(void) {
  unsigned long execfn = getauxval(AT_EXECFN);
  int fd = try_open("/proc/self/exe");
  if (fd >= 0) {
    via_proc = 1;
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
    snprintf(error, sizeof error, "cannot read %s", exe_name());
    close(fd);
    return 0;
  }
  p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    snprintf(error, sizeof error, "cannot map %s: %s", exe_name(),
             strerror(errno));
    return 0;
  }
  bytes = p;
  nbytes = (size_t)st.st_size;
  return 1;
}

/* {==== the one wording of failures */

static int result_errno(zip_result r) {
  switch (r) {
  case ZIP_NOTFOUND: return ENOENT;
  case ZIP_ISDIR: return EISDIR;
  case ZIP_NOMEM: return ENOMEM;
  case ZIP_TOOBIG: return EFBIG;
  case ZIP_ENCRYPTED: case ZIP_METHOD: return ENOTSUP;
  default: return EIO;
  }
}

/* r in words; line: the check in zip.c that declared the damage. */
static const char *wording(zip_result r, int line) {
  static char msg[160];
  switch (r) {
  case ZIP_NOTFOUND: case ZIP_ISDIR: case ZIP_NOMEM:
    return strerror(result_errno(r));
  case ZIP_ENCRYPTED: case ZIP_METHOD: case ZIP_TOOBIG:
    return zip_strerror(r); /* not damage: no check line to point at */
  default:
    snprintf(msg, sizeof msg, "%s (check at zip.c:%d)", zip_strerror(r),
             line);
    return msg;
  }
}

/* Only once archive_get has failed is there no archive to speak of. */
static int unusable(void) {
  return opened && archive == NULL;
}

int archive_errno(zip_result r) {
  return unusable() ? ENOENT : result_errno(r);
}

const char *archive_strerror(zip_result r) {
  return unusable() ? error : wording(r, archive ? zip_errline(archive) : 0);
}

/* }==== */

zip *archive_get(void) {
  zip_result r;
  if (opened) return archive;
  opened = 1;
  if (disabled()) {
    strcpy(error, "the archive is disabled (MOONBOX_NOZIP)");
    return NULL;
  }
  if (!map_exe()) return NULL;
  r = zip_open(&archive, bytes, nbytes, mem_libc, NULL);
  if (r != ZIP_OK) {
    snprintf(error, sizeof error, "%s: %s", exe_name(),
             wording(r, archive ? zip_errline(archive) : 0));
    zip_close(archive);
    archive = NULL;
  }
  return archive;
}

const char *archive_error(void) {
  return error;
}

const char *archive_exe(void) {
  return exe_name();
}

const unsigned char *archive_bytes(size_t *size) {
  if (bytes == NULL && map_exe() == 0 && !opened) error[0] = '\0';
  *size = nbytes;
  return bytes;
}

/* {==== .args */

/* The replaced argv and its text live as long as the process; kept here,
** they stay reachable, which is what leak checkers ask of such memory. */
static char **args_vec, *args_text;

/* Sets the error to "/zip/.args: " + what went wrong with code r (in the
** engine's words where nothing is damaged: "is a directory"). */
static int args_failed(zip_result r) {
  int plain = r == ZIP_NOTFOUND || r == ZIP_ISDIR || r == ZIP_NOMEM;
  snprintf(error, sizeof error, "/zip/.args: %s",
           plain ? zip_strerror(r) : wording(r, zip_errline(archive)));
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
  zip_result r;
  if (!archive_is_bundle() && !zip_has(z, ".args", 5)) return 1;
  r = zipfs_file(z, ".args", 5, e);
  return r == ZIP_OK ? 1 : args_failed(r);
}

/* argv[0] ("" when argc is 0: a kernel may pass an empty argv), the
** arguments of text[0..len) (zipfs_args), then argv[1..]. */
static int new_argv(char *text, size_t len, int *argc, char ***argv) {
  static char noname[] = "";
  size_t n = zipfs_args(text, len, NULL), k = 1, i;
  char **out;
  if (n == ZIPFS_FAIL) {
    snprintf(error, sizeof error, "/zip/.args: contains a NUL byte (an "
             "argument cannot hold one)");
    return 0;
  }
  out = malloc((n + 2 + (size_t)*argc) * sizeof *out);
  if (out == NULL) return args_failed(ZIP_NOMEM);
  out[0] = *argc > 0 && (*argv)[0] ? (*argv)[0] : noname;
  k += zipfs_args(text, len, out + 1);
  for (i = 1; i < (size_t)*argc; i++) out[k++] = (*argv)[i];
  out[k] = NULL;
  *argc = (int)k;
  *argv = args_vec = out;
  return 1;
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
  if (r != ZIP_OK || !new_argv(text, (size_t)e->size, argc, argv)) {
    free(text);
    return r != ZIP_OK ? args_failed(r) : 0;
  }
  args_text = text; /* lives on in the new argv */
  return 1;
}

/* }==== */
