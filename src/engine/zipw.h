/*
** zipw.h: write a zip archive deterministically (for moonbox --bundle).
** See LICENSE.
*/
#ifndef MOONBOX_ZIPW_H
#define MOONBOX_ZIPW_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/*
** The same entries given in the same order with the same options always
** give the same bytes: every entry carries one fixed timestamp, no extra
** fields are written except zip64 ones when a size or offset needs them,
** deflate runs at level 9 with fixed parameters, and an entry is stored
** instead whenever deflate would not make it smaller.
**
** Entries are written in the order added; the caller sorts them (and
** keeps names unique: the writer does not check for duplicates). Data is
** given whole, so no data descriptors are ever needed.
**
** Offsets: the caller passes `base`, the byte offset at which the archive
** will sit in the final file (the size of the executable it is appended
** to), and every offset written is file-relative, as `zip -A` makes
** them. Pass 0 for a stand-alone archive. The reader (zip.h) accepts
** either kind.
**
** Each entry is "made by Unix" (version made by 3.0) with its st_mode in
** the high 16 bits of the external attributes, so unzip and our reader
** restore the permission bits.
*/

/* Output hook: write all len bytes of buf; return 0 on success, anything
** else on failure (the writer then fails with ZIPW_WRITE; the caller
** keeps errno or whatever else it needs in wud). */
typedef int (*zipw_write_fn)(void *wud, const void *buf, size_t len);

typedef enum zipw_result {
  ZIPW_OK = 0,
  ZIPW_NOMEM,   /* the allocator said no */
  ZIPW_WRITE,   /* the output hook reported a failure */
  ZIPW_BADNAME, /* name too long or one the reader skips (zip_name_ok):
                   empty, absolute, with NUL, "..", "." or "a//b" */
  ZIPW_DIRDATA, /* a directory name (ending in '/') with data */
  ZIPW_STATE,   /* zipw_add after zipw_finish, or finish twice */
  ZIPW_DEFLATE  /* zlib failed unexpectedly */
} zipw_result;

typedef struct zipw zipw;

/*
** zipw_new: start an archive.
** alloc/ud: memory hook for the writer, its index and zlib's state.
** write/wud: output hook; NULL keeps the archive in memory instead (get
** it with zipw_data after zipw_finish).
** base: offset of the archive in the final file (see above).
** mtime: Unix time stamped on every entry as a DOS date and time read as
** UTC (clamped to 1980..2107, seconds rounded down to even); -1 means
** 1980-01-01 00:00:00, the DOS epoch.
** Result: ZIPW_OK and *out the writer, or ZIPW_NOMEM and *out NULL.
*/
zipw_result zipw_new(zipw **out, mem_alloc_fn alloc, void *ud,
                     zipw_write_fn write, void *wud, uint64_t base,
                     int64_t mtime);

/*
** zipw_add: compress (deflate level 9, or store if that does not shrink
** it) and write one entry: name[0..namelen), data[0..len) (data may be
** NULL when len is 0), Unix st_mode. A name ending in '/' is a directory
** and must have no data; when mode has no file type bits, S_IFDIR or
** S_IFREG is added accordingly.
** Result: ZIPW_OK; ZIPW_BADNAME or ZIPW_DIRDATA (nothing written, the
** writer stays usable); ZIPW_NOMEM, ZIPW_WRITE, ZIPW_DEFLATE (sticky:
** the output is incomplete and every later call returns the same code);
** ZIPW_STATE after zipw_finish.
*/
zipw_result zipw_add(zipw *w, const char *name, size_t namelen,
                     const void *data, size_t len, uint32_t mode);

/*
** zipw_finish: write the central directory and the end records (zip64
** ones only when more than 65534 entries or offsets past 4 GiB need
** them). Result: ZIPW_OK, a sticky failure as above, or ZIPW_STATE if
** called twice.
*/
zipw_result zipw_finish(zipw *w);

/* zipw_size: bytes of archive written so far. */
uint64_t zipw_size(const zipw *w);

/* zipw_data: the archive when kept in memory (write hook NULL) and
** finished, else NULL. *len gets its size. The bytes belong to w and
** live until zipw_free. */
const void *zipw_data(const zipw *w, size_t *len);

/* zipw_free: free the writer and everything it holds. NULL is fine. */
void zipw_free(zipw *w);

/* zipw_strerror: a static English message for code r; never NULL. */
const char *zipw_strerror(zipw_result r);

#endif
