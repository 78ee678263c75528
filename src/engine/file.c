/*
** file.c: reading a whole file into memory, writing a whole buffer.
** See LICENSE.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

/* Reads exactly n bytes into buf; 0 with errno set when it cannot. */
static int read_exactly(int fd, char *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, buf + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return 0;
    if (r == 0) return errno = EIO, 0; /* the file shrank */
    got += (size_t)r;
  }
  return 1;
}

/* The file open at fd, whose size is checked against max first. */
static file_result read_fd(int fd, size_t max, mem_alloc_fn alloc, void *ud,
                           char **data, size_t *len) {
  struct stat st;
  size_t n;
  char *buf;
  if (fstat(fd, &st) != 0) return FILE_ERRNO;
  if (!S_ISREG(st.st_mode)) return FILE_NOTREG;
  /* n + 1 must not wrap either */
  if ((uintmax_t)st.st_size > max || (uintmax_t)st.st_size >= SIZE_MAX)
    return FILE_TOOBIG;
  n = (size_t)st.st_size;
  if ((buf = alloc(ud, NULL, 0, n + 1)) == NULL) return FILE_NOMEM;
  if (!read_exactly(fd, buf, n)) {
    int e = errno;
    alloc(ud, buf, n + 1, 0);
    errno = e;
    return FILE_ERRNO;
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return FILE_OK;
}

file_result file_read(const char *path, size_t max, mem_alloc_fn alloc,
                      void *ud, char **data, size_t *len) {
  file_result r;
  int fd, e;
  *data = NULL;
  *len = 0;
  fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return FILE_ERRNO;
  r = read_fd(fd, max, alloc, ud, data, len);
  e = errno;
  close(fd);
  errno = e;
  return r;
}

/* The first block for file_read_upto: a regular file's size and one byte
** (to read its end without growing), else 4096; never above max. */
static size_t first_block(int fd, size_t max) {
  struct stat st;
  size_t n = 4096;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      (uintmax_t)st.st_size < max)
    n = (size_t)st.st_size + 1;
  return n < max ? n : max;
}

/* Reads fd into *b (*size bytes, doubled up to max as needed) until the
** end, a read error or max bytes; FILE_NOMEM leaves *b to the caller. */
static file_result read_upto(int fd, size_t max, mem_alloc_fn alloc,
                             void *ud, char **b, size_t *len, size_t *size) {
  for (;;) {
    ssize_t r;
    if (*len == *size) {
      size_t more = *size > max / 2 ? max : *size * 2;
      char *nb;
      if (*len == max) return FILE_OK; /* cut */
      if ((nb = alloc(ud, *b, *size, more)) == NULL) return FILE_NOMEM;
      *b = nb;
      *size = more;
    }
    r = read(fd, *b + *len, *size - *len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return FILE_OK;
    *len += (size_t)r;
  }
}

file_result file_read_upto(const char *path, size_t max, mem_alloc_fn alloc,
                           void *ud, char **data, size_t *len, size_t *size) {
  file_result r = FILE_NOMEM;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  *data = NULL;
  *len = *size = 0;
  if (fd < 0) return FILE_ERRNO;
  *size = first_block(fd, max);
  if ((*data = alloc(ud, NULL, 0, *size)) != NULL)
    r = read_upto(fd, max, alloc, ud, data, len, size);
  close(fd);
  if (r != FILE_OK) {
    if (*data) alloc(ud, *data, *size, 0);
    *data = NULL;
    *len = *size = 0;
  }
  return r;
}

int file_write(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n > 0) {
    ssize_t w = write(fd, c, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = ENOSPC;
      return -1;
    }
    c += w, n -= (size_t)w;
  }
  return 0;
}

const char *file_strerror(file_result r) {
  switch (r) {
  case FILE_OK: return "no error";
  case FILE_ERRNO: return "cannot read the file";
  case FILE_NOTREG: return "not a regular file";
  case FILE_TOOBIG: return "file too large";
  case FILE_NOMEM: return "not enough memory";
  }
  return "unknown file error";
}
