/*
** zip.h: read a zip archive held in a byte range in memory.
** See LICENSE.
*/
#ifndef MOONBOX_ZIP_H
#define MOONBOX_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/*
** The archive is a read-only byte range (typically our own executable,
** mapped): nothing is copied out of it except the names, and nothing is
** ever read outside [data, data + size). The range must stay mapped and
** unchanged until zip_close.
**
** Where the archive starts. An archive appended to another file (an ELF)
** stores offsets either relative to the file start (`zip -A`, or `zip`
** adding to an existing binary) or relative to its own start (plain
** `cat exe app.zip > out`). The reader computes
**   base = (end of central directory) - (cd size) - (cd offset)
** which is 0 in the first case and the archive's start in the second, and
** accepts it only if a central header signature sits at base + cd offset;
** if not, it tries base 0. Every offset in zip_entry is relative to base.
**
** Names are byte strings, compared with memcmp; nothing is normalised,
** except that a name ending in '/' is a directory. Entries whose name is
** dangerous or unreachable by a normalised path -- empty, starting with
** '/', containing a NUL byte, a ".." or "." component or an empty one
** ("a//b") -- are SKIPPED when the index is built: they cannot be looked
** up or listed, and zip_skipped counts them. When two entries have the
** same name, the one with the larger local header offset (the later one)
** wins and the other counts as skipped.
**
** Structural corruption, by contrast, fails the whole archive with a code
** naming the problem: missing or lying end record, offsets or sizes past
** the end, overlapping entries, declared sizes that deflate cannot reach
** from the compressed size (the zip bomb defence: an entry's declared size
** can be at most 1032 times its compressed size plus a little, and reads
** never produce more than the declared size).
*/

/* The memory hook is mem.h's mem_alloc_fn. */

typedef enum zip_result {
  ZIP_OK = 0,
  ZIP_NOMEM,     /* the allocator said no */
  ZIP_NOTFOUND,  /* no entry or directory by that name */
  ZIP_ISDIR,     /* asked to read a directory */
  ZIP_NOEOCD,    /* no end of central directory record: not a zip */
  ZIP_BADEOCD,   /* end record (or zip64 end record) lies */
  ZIP_BADCDIR,   /* central directory header truncated or malformed */
  ZIP_COUNT,     /* entry count disagrees with the central directory */
  ZIP_RANGE,     /* offset or size points past the archive */
  ZIP_OVERLAP,   /* two entries' data overlap */
  ZIP_RATIO,     /* declared size impossible for the compressed size */
  ZIP_BADLOCAL,  /* local header missing or disagrees with central */
  ZIP_METHOD,    /* compression method other than stored or deflate */
  ZIP_ENCRYPTED, /* entry is encrypted */
  ZIP_BADDATA,   /* deflate stream corrupt or truncated */
  ZIP_BADSIZE,   /* data longer or shorter than the declared size */
  ZIP_BADCRC,    /* CRC-32 of the data differs from the declared one */
  ZIP_TOOBIG     /* entry larger than this process can address */
} zip_result;

/* One entry's metadata. Lives in the archive's index: valid until
** zip_close. */
typedef struct zip_entry {
  const char *name; /* NUL-terminated copy of the name, owned by the zip */
  size_t namelen;   /* bytes in name, not counting the NUL */
  uint64_t size;    /* uncompressed size (zip64 extra field applied) */
  uint64_t csize;   /* compressed size */
  uint64_t offset;  /* local header offset, relative to the archive base */
  int64_t mtime;    /* Unix time: UT extra field (0x5455) if present, else
                       the DOS date and time read as UTC */
  uint32_t crc;     /* declared CRC-32 */
  uint32_t mode;    /* Unix st_mode: from the external attributes when
                       made on Unix and non-zero, else 0100644 for a file
                       (0100444 if the DOS read-only bit is set) and
                       040755 for a directory */
  uint16_t method;  /* 0 stored, 8 deflate, anything else unreadable */
  uint16_t flags;   /* general purpose bit flags (bit 0 encrypted, bit 3
                       data descriptor, bit 11 UTF-8 name) */
  int isdir;        /* 1 if the name ends with '/' */
} zip_entry;

typedef struct zip zip;
typedef struct zip_stream zip_stream;

/* A directory listing in progress; fill with zip_dir_open. Plain data, no
** resources: drop it at any time. Invalid after zip_close. */
typedef struct zip_dir {
  const zip_entry *at, *end; /* remaining range of the index */
  size_t plen;               /* length of the listed prefix */
} zip_dir;

/*
** zip_open: find the end of central directory in [data, data + size) and
** where the archive starts. Cheap: reads at most the last 64 KiB plus a
** few records; the index is built on first use (zip_index, zip_find,
** zip_stat, zip_dir_open, zip_at, zip_count do it implicitly).
** alloc/ud: the memory hook, used for everything the reader allocates
** (including zlib's state, through wrappers).
** Result: ZIP_OK and *out is a new handle. ZIP_NOMEM and *out is NULL.
** Any other code (ZIP_NOEOCD, ZIP_BADEOCD, ZIP_RANGE...) and *out is a
** handle in a failed state: every call on it returns that same code and
** zip_errline tells which check failed. Either way, zip_close(*out).
*/
zip_result zip_open(zip **out, const void *data, size_t size,
                    mem_alloc_fn alloc, void *ud);

/* zip_close: free the handle, its index and names. NULL is fine. Any
** zip_stream opened from it must be closed first. */
void zip_close(zip *z);

/* zip_base: the byte offset in data where the archive starts (0 when its
** offsets are relative to the start of data, as `zip -A` writes). */
uint64_t zip_base(const zip *z);

/* zip_errline: the source line of the check that declared the archive or
** the last entry read corrupt, 0 if none. For bug reports and fuzzing. */
int zip_errline(const zip *z);

/* zip_index: build the index now if not built yet. Returns ZIP_OK, or the
** sticky failure of open or of the index build (ZIP_NOMEM is not sticky:
** a later call retries). */
zip_result zip_index(zip *z);

/* zip_count: entries in the index (sorted by name with memcmp), 0 if the
** index cannot be built. zip_at(z, i) is the i-th, NULL when i is out of
** range. zip_skipped: entries dropped for dangerous or duplicate names. */
size_t zip_count(zip *z);
const zip_entry *zip_at(zip *z, size_t i);
size_t zip_skipped(zip *z);

/*
** zip_find: the entry named exactly name[0..len) (a directory only if
** the name given ends with '/'). O(log n).
** Result: ZIP_OK and *e set; ZIP_NOTFOUND and *e = NULL; or the archive's
** failure code.
*/
zip_result zip_find(zip *z, const char *name, size_t len,
                    const zip_entry **e);

/*
** zip_has: whether some central directory header is named exactly
** name[0..len), found by one pass over the directory that allocates
** nothing and builds no index (so a program can ask at every start, cheaply,
** whether an optional entry such as ".args" exists). 0 as well when the
** archive failed or the directory is malformed; the name may still be
** skipped by the index (dangerous or duplicate): zip_find has the last
** word.
*/
int zip_has(zip *z, const char *name, size_t len);

/*
** zip_stat: what path[0..len) is. "" is the root directory. "a/b" is the
** file "a/b" if there is one, else the directory "a/b/" if any entry is
** named "a/b/" or starts with "a/b/" (directories implied by names exist).
** A path ending in '/' names only a directory.
** Result: ZIP_OK with *isdir set and *e = the entry, or NULL for a
** directory with no entry of its own (implied, or the root);
** ZIP_NOTFOUND; or the archive's failure code.
*/
zip_result zip_stat(zip *z, const char *path, size_t len,
                    const zip_entry **e, int *isdir);

/*
** zip_dir_open: start listing the immediate children of directory
** prefix[0..len), which is "" for the root or must end with '/'.
** Result: ZIP_OK (the listing may be empty if the directory does not
** exist: zip_stat tells); ZIP_NOTFOUND if a non-empty prefix does not end
** with '/'; or the archive's failure code (then *d lists nothing).
*/
zip_result zip_dir_open(zip *z, const char *prefix, size_t len, zip_dir *d);

/*
** zip_dir_next: the next child, in name order, each exactly once. *name
** points into the index (not NUL-terminated) at the child's full path
** (prefix included), *len its length: a subdirectory ends with '/'. *e is
** the child's own entry, or NULL for a directory implied by deeper names.
** Returns 1 with a child, 0 when the listing is over.
*/
int zip_dir_next(zip_dir *d, const char **name, size_t *len,
                 const zip_entry **e);

/*
** zip_read: decompress entry e (from this zip) whole into buf, which holds
** e->size bytes, checking the local header, the sizes and the CRC-32.
** Result: ZIP_OK; ZIP_ISDIR; ZIP_METHOD; ZIP_ENCRYPTED; ZIP_TOOBIG;
** ZIP_BADLOCAL; ZIP_RANGE; ZIP_BADDATA; ZIP_BADSIZE; ZIP_BADCRC;
** ZIP_NOMEM. On failure buf holds garbage. Never writes past e->size
** bytes. The zip stays usable.
*/
zip_result zip_read(zip *z, const zip_entry *e, void *buf);

/*
** zip_check: whether zip_read of e could start: the checks it makes
** before producing any output (archive state, directory, encryption,
** method, local header, size addressable). Call it before allocating
** e->size bytes, so that an entry that cannot be read says why instead of
** asking for memory it will never fill. Result: ZIP_OK or one of
** zip_read's codes (ZIP_ISDIR, ZIP_ENCRYPTED, ZIP_METHOD, ZIP_BADLOCAL,
** ZIP_RANGE, ZIP_TOOBIG, or the archive's failure).
*/
zip_result zip_check(zip *z, const zip_entry *e);

/*
** zip_stream_open: start reading entry e piecewise (for big entries the
** caller does not want to hold twice). Same checks and results as
** zip_read for the local header. On ZIP_OK *s must be closed with
** zip_stream_close; on failure *s is NULL.
*/
zip_result zip_stream_open(zip *z, const zip_entry *e, zip_stream **s);

/*
** zip_stream_read: put up to cap bytes of the entry's data in buf, *got
** how many. ZIP_OK with *got 0 means the end (sizes and CRC verified).
** The size and CRC checks happen on the call that delivers the last
** bytes: a failure then (ZIP_BADSIZE, ZIP_BADCRC, ZIP_BADDATA, ZIP_NOMEM)
** means everything read so far is suspect. After a failure the stream
** returns the same code until closed.
*/
zip_result zip_stream_read(zip_stream *s, void *buf, size_t cap,
                           size_t *got);

/* zip_stream_close: free the stream. NULL is fine. */
void zip_stream_close(zip_stream *s);

/* zip_name_ok: 1 when name[0..len) is a name the index keeps, 0 when it
** is one it skips (see the top of this file): empty, starting with '/',
** holding a NUL byte, or with an empty, "." or ".." component ("a//b",
** "./x", "a/../b"). A final '/' (a directory) is fine. zipw refuses to
** write what this refuses, and every name zipfs_clean makes passes it. */
int zip_name_ok(const char *name, size_t len);

/* zip_strerror: a static English message for code r; never NULL. */
const char *zip_strerror(zip_result r);

/*
** zip_zalloc, zip_zfree: zlib's zalloc and zfree (a z_stream's fields) over
** the mem_hook given as the stream's opaque, for the zip reader and
** writer. zfree gives no size, so each block carries it in a header.
** zip_zalloc returns NULL when the hook refuses.
*/
void *zip_zalloc(void *opaque, unsigned items, unsigned size);
void zip_zfree(void *opaque, void *p);

#endif
