/*
** file.h: reading a whole file into memory and writing a whole buffer,
** in one place for every caller (the history store, --bundle, TZ=FILE).
** No Lua. See LICENSE.
*/
#ifndef MOONBOX_FILE_H
#define MOONBOX_FILE_H

#include <stddef.h>

#include "mem.h"

/* What file_read gave; file_strerror names each. */
typedef enum {
  FILE_OK = 0,
  FILE_ERRNO,  /* open, fstat or read failed: errno says why */
  FILE_NOTREG, /* not a regular file (a directory, a FIFO, a device) */
  FILE_TOOBIG, /* larger than the caller's limit */
  FILE_NOMEM   /* the allocator refused the block */
} file_result;

/*
** file_read: the bytes of the regular file at path (links followed), read
** whole. The file is opened non-blocking, so a FIFO or a device put in
** its place is refused (FILE_NOTREG) and never waited on. max is the
** largest size accepted (SIZE_MAX: no limit of our own); a larger file
** gives FILE_TOOBIG without being read.
** On FILE_OK, *data is a block of *len + 1 bytes from alloc(ud, ...), its
** last byte '\0' after the file's *len bytes; the caller owns it and
** frees it with alloc(ud, *data, *len + 1, 0). On any other result
** nothing is allocated, *data is NULL and *len 0. FILE_ERRNO leaves errno
** set: EIO for a file that ended before the size fstat gave.
*/
file_result file_read(const char *path, size_t max, mem_alloc_fn alloc,
                      void *ud, char **data, size_t *len);

/*
** file_read_upto: the first max bytes (max >= 1) of whatever path opens
** to -- a regular file, a device, a pipe -- read until its end, a read
** error (which reads as the end) or max bytes, whichever comes first; so
** a path like /dev/zero cannot make it read forever. Meant for inputs the
** user names, read by what they hold rather than by their kind (TZ=FILE).
** The block starts at the regular file's size + 1 (else 4096 bytes) and
** doubles up to max, so it takes no more memory than the bytes need.
** On FILE_OK, *data is a block of *size bytes from alloc(ud, ...) holding
** the *len bytes read (no terminating '\0'); the caller frees it with
** alloc(ud, *data, *size, 0). FILE_ERRNO: the path could not be opened
** (errno says why); FILE_NOMEM: the allocator refused a block. On either,
** nothing is allocated, *data is NULL and *len and *size are 0.
*/
file_result file_read_upto(const char *path, size_t max, mem_alloc_fn alloc,
                           void *ud, char **data, size_t *len, size_t *size);

/*
** file_write: writes p[0..n) to descriptor fd whole, going on after short
** writes and EINTR. Returns 0, or -1 with errno set (ENOSPC for a write
** that wrote nothing); part of the bytes may have been written then.
*/
int file_write(int fd, const void *p, size_t n);

/* file_strerror: a static message for result r (never NULL). */
const char *file_strerror(file_result r);

#endif
