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

static const char *argv0 = "";
static int opened = 0;
static zip *archive = NULL;
static const unsigned char *bytes = NULL;
static size_t nbytes = 0;
static char exe[PATH_MAX] = "";
static char error[PATH_MAX + 128] = "";

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

/* Opens the executable: returns a descriptor and fills 'exe'. */
static int open_exe(void) {
  unsigned long execfn = getauxval(AT_EXECFN);
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    if (n <= 0) strcpy(exe, "/proc/self/exe");
    return fd;
  }
  if (execfn && snprintf(exe, sizeof exe, "%s", (const char *)execfn) <
                    (int)sizeof exe) {
    fd = open(exe, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) return fd;
  }
  if (search_path(argv0, exe)) {
    fd = open(exe, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) return fd;
  }
  exe[0] = '\0';
  return -1;
}

static int map_exe(void) {
  struct stat st;
  void *p;
  int fd = open_exe();
  if (fd < 0) {
    snprintf(error, sizeof error, "cannot find this executable: %s",
             strerror(errno));
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

static void *zalloc(void *ud, void *ptr, size_t osize, size_t nsize) {
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
  r = zip_open(&archive, bytes, nbytes, zalloc, NULL);
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
  *size = nbytes;
  return bytes;
}
