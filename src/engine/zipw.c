/*
** zipw.c: write a zip archive deterministically (for moonbox --bundle).
** See LICENSE.
*/
#include <limits.h>
#include <string.h>

#include "zip.h"
#include "zlib.h"
#include "cal.h"
#include "zipw.h"

/* Record signatures (APPNOTE.TXT: local header 4.3.7, central header
** 4.3.12, end record 4.3.16, zip64 end record 4.3.14, zip64 locator
** 4.3.15). The writers below emit those records field by field, in the
** sections' order. */
#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_EOCD 0x06054b50u
#define SIG_EOCD64 0x06064b50u
#define SIG_LOC64 0x07064b50u

/* "Version made by" (4.4.2): high byte 3 = Unix, which is what makes
** unzip and zip.c take st_mode from the external attributes. */
#define MADE_BY 0x031e /* Unix, spec version 3.0 */
/* A 16- or 32-bit field of all ones means "see the zip64 record"
** (4.4.1.4, 4.5.3), so a value equal to the maximum already needs zip64:
** hence the >= comparisons with these below. */
#define MAX16 0xffffu
#define MAX32 0xffffffffu

/* What the central directory needs to remember of each entry. */
typedef struct went {
  uint64_t offset, csize, size; /* offset relative to the archive */
  size_t nameoff, namelen;      /* into w->names */
  uint32_t crc, mode;
  uint16_t method;
} went;

/* The writer owns ents, names, mem and tmp (grown through the hook,
** freed by zipw_free) and zlib's state; the output behind wud stays the
** caller's. status != ZIPW_OK is final. pos counts bytes of the archive,
** so it is also the next entry's archive-relative offset. */
struct zipw {
  mem_hook hook; /* the caller's allocator */
  zipw_write_fn write;
  void *wud;
  uint64_t base, pos; /* archive offset in the file; bytes written */
  uint16_t dosdate, dostime;
  zipw_result status; /* sticky failure */
  int finished;
  went *ents;
  size_t nents, entcap;
  char *names;
  size_t nameslen, namecap;
  unsigned char *mem; /* the archive, when kept in memory */
  size_t memlen, memcap;
  unsigned char *tmp; /* compressed data of the current entry */
  size_t tmpcap;
  int zinit;
  z_stream zs;
};

/* {==== BYTES AND MEMORY */

/* Little-endian stores (APPNOTE 4.4.1.1), each returning the byte after
** what it wrote so that a header is built by chaining them. */
static unsigned char *wr_le16(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
  return p + 2;
}

static unsigned char *wr_le32(unsigned char *p, uint32_t v) {
  return wr_le16(wr_le16(p, v & 0xffff), v >> 16);
}

static unsigned char *wr_le64(unsigned char *p, uint64_t v) {
  return wr_le32(wr_le32(p, (uint32_t)v), (uint32_t)(v >> 32));
}

/* A 32-bit field holding 0xffffffff means "see the zip64 extra". */
static uint32_t cap32(uint64_t v) {
  return v >= MAX32 ? MAX32 : (uint32_t)v;
}

/* Grow *p (holding *cap bytes) to at least need bytes, doubling from 256.
** Returns 1, or 0 with *p and *cap unchanged (the hook leaves the block
** alone when it fails). */
static int grow(zipw *w, void **p, size_t *cap, size_t need) {
  if (need <= *cap) return 1;
  size_t n = *cap ? *cap : 256;
  while (n < need) n = n > SIZE_MAX / 2 ? need : n * 2;
  void *q = w->hook.alloc(w->hook.ud, *p, *cap, n);
  if (q == NULL) return 0;
  *p = q;
  *cap = n;
  return 1;
}

static void release(zipw *w, void *p, size_t n) {
  if (p) w->hook.alloc(w->hook.ud, p, n, 0);
}

/* All output goes through here: to the write hook, or appended to mem.
** Returns ZIPW_OK, ZIPW_WRITE or ZIPW_NOMEM; the callers store that in
** status, which is what makes a failure sticky. */
static zipw_result emit(zipw *w, const void *buf, size_t len) {
  if (w->write) {
    if (len > 0 && w->write(w->wud, buf, len) != 0) return ZIPW_WRITE;
  } else {
    if (len > SIZE_MAX - w->memlen ||
        !grow(w, (void **)&w->mem, &w->memcap, w->memlen + len))
      return ZIPW_NOMEM;
    if (len > 0) memcpy(w->mem + w->memlen, buf, len);
    w->memlen += len;
  }
  w->pos += len;
  return ZIPW_OK;
}

/* }==== */

/* {==== TIME */

/* Unix time (UTC) to DOS date and time, clamped to what DOS can say: the
** year is 7 bits from 1980, so 1980-01-01 00:00:00 to 2107-12-31
** 23:59:58, in 2-second steps (seconds are rounded down). Layout: APPNOTE
** 4.4.6, the MS-DOS one; zip.c's dos_to_unix is the inverse. */
static void unix_to_dos(int64_t t, uint16_t *date, uint16_t *time) {
  const int64_t lo = 315532800, hi = 4354819198; /* 1980-01-01, 2107-12-31 */
  if (t < lo) t = lo;
  if (t > hi) t = hi;
  int64_t secs = t % 86400;
  cal_date d;
  cal_date_of(t / 86400, &d); /* t > 0: plain division is floor division */
  *date = (uint16_t)((d.year - 1980) << 9 | (d.mon + 1) << 5 | d.mday);
  *time = (uint16_t)(secs / 3600 << 11 | (secs / 60 % 60) << 5 |
                     (secs % 60) / 2);
}

/* }==== */

/* {==== ENTRIES */

/* The reader's rule (zip_name_ok): such names would be skipped there.
** Names over 65535 bytes are refused too: the name length field (4.4.10)
** is 16 bits. */
static int bad_name(const char *s, size_t n) {
  return n > MAX16 || !zip_name_ok(s, n);
}

/* One deflate state for all entries: level 9 costs ~270 KiB to set up,
** so it is reset between entries rather than rebuilt. Method 8 is raw
** deflate (windowBits -15, no zlib wrapper); window, memLevel 8 and the
** default strategy are fixed so that output depends only on the input and
** on the zlib version, which deps/deps.lock pins. */
static zipw_result deflate_start(zipw *w) {
  if (w->zinit) return deflateReset(&w->zs) == Z_OK ? ZIPW_OK : ZIPW_DEFLATE;
  w->zs.zalloc = zip_zalloc;
  w->zs.zfree = zip_zfree;
  w->zs.opaque = &w->hook;
  int rc = deflateInit2(&w->zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  if (rc == Z_MEM_ERROR) return ZIPW_NOMEM;
  if (rc != Z_OK) return ZIPW_DEFLATE;
  w->zinit = 1;
  return ZIPW_OK;
}

/* Deflate data into w->tmp, giving up (*csize = len, meaning "store") as
** soon as the output would not be smaller than the input. tmp gets
** len - 1 bytes, so a full buffer before Z_STREAM_END means no gain; the
** stream is then left half done, and deflateReset starts the next entry
** clean. avail_in/avail_out are 32-bit, so input and output go to zlib
** in pieces of at most UINT_MAX. Z_BUF_ERROR only says "no progress this
** call", which the full-buffer test settles. Returns ZIPW_OK, ZIPW_NOMEM
** or ZIPW_DEFLATE. */
static zipw_result shrink(zipw *w, const unsigned char *data, size_t len,
                          size_t *csize) {
  *csize = len;
  if (len < 2) return ZIPW_OK; /* deflate cannot win */
  zipw_result r = deflate_start(w);
  if (r != ZIPW_OK) return r;
  if (!grow(w, (void **)&w->tmp, &w->tmpcap, len - 1)) return ZIPW_NOMEM;
  size_t inleft = len, outleft = len - 1;
  w->zs.next_in = (Bytef *)data;
  w->zs.next_out = w->tmp;
  for (;;) {
    uInt in = inleft > UINT_MAX ? UINT_MAX : (uInt)inleft;
    uInt out = outleft > UINT_MAX ? UINT_MAX : (uInt)outleft;
    w->zs.avail_in = in;
    w->zs.avail_out = out;
    int rc = deflate(&w->zs, in == inleft ? Z_FINISH : Z_NO_FLUSH);
    inleft -= in - w->zs.avail_in;
    outleft -= out - w->zs.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) return ZIPW_DEFLATE;
    if (outleft == 0) return ZIPW_OK; /* no gain: store */
  }
  *csize = len - 1 - outleft;
  return ZIPW_OK;
}

/* Remember entry e and its name for the central directory. Called
** before the entry is written: if writing fails, the status is sticky
** and finish never reads the record. */
static zipw_result remember(zipw *w, const went *e, const char *name) {
  if (!grow(w, (void **)&w->ents, &w->entcap,
            (w->nents + 1) * sizeof *w->ents) ||
      !grow(w, (void **)&w->names, &w->namecap, w->nameslen + e->namelen))
    return ZIPW_NOMEM;
  memcpy(w->names + w->nameslen, name, e->namelen);
  w->ents[w->nents] = *e;
  w->ents[w->nents].nameoff = w->nameslen;
  w->nameslen += e->namelen;
  w->nents++;
  return ZIPW_OK;
}

/* The local header (4.3.7), with a zip64 extra field when a size needs
** it. The local zip64 field must hold both sizes as soon as one of them
** overflows (4.5.3), and a local header has no offset to extend. Version
** needed to extract (4.4.3.2): 10 stored, 20 deflate, 45 zip64. */
static zipw_result write_local(zipw *w, const went *e, const char *name) {
  unsigned char h[30 + 20], *p = h;
  int big = e->size >= MAX32 || e->csize >= MAX32;
  p = wr_le32(p, SIG_LOCAL);
  p = wr_le16(p, big ? 45 : e->method ? 20 : 10);
  p = wr_le16(p, 0);
  p = wr_le16(p, e->method);
  p = wr_le16(p, w->dostime);
  p = wr_le16(p, w->dosdate);
  p = wr_le32(p, e->crc);
  p = wr_le32(p, big ? MAX32 : (uint32_t)e->csize);
  p = wr_le32(p, big ? MAX32 : (uint32_t)e->size);
  p = wr_le16(p, (uint32_t)e->namelen);
  p = wr_le16(p, big ? 20 : 0);
  zipw_result r = emit(w, h, 30);
  if (r == ZIPW_OK) r = emit(w, name, e->namelen);
  if (r != ZIPW_OK || !big) return r;
  p = wr_le16(h, 1);
  p = wr_le16(p, 16);
  p = wr_le64(p, e->size);
  p = wr_le64(p, e->csize);
  return emit(w, h, 20);
}

/* unzip treats a mode without type bits as a plain file, so a
** directory must say S_IFDIR. */
static uint32_t full_mode(uint32_t mode, int isdir) {
  if ((mode & 0170000) == 0) mode |= isdir ? 040000 : 0100000;
  return mode;
}

/* Compress first, since the local header must carry the final sizes
** (no data descriptors: they make output depend on the writer's mode).
** namelen is at least 1 here (bad_name refused empty names). */
static zipw_result add_entry(zipw *w, const char *name, size_t namelen,
                             const unsigned char *data, size_t len,
                             uint32_t mode) {
  went e = {0};
  size_t csize;
  zipw_result r = shrink(w, data, len, &csize);
  if (r != ZIPW_OK) return r;
  e.offset = w->pos;
  e.size = len;
  e.csize = csize;
  e.namelen = namelen;
  e.method = csize < len ? 8 : 0;
  e.crc = (uint32_t)crc32_z(0, data, len);
  e.mode = full_mode(mode, name[namelen - 1] == '/');
  if ((r = remember(w, &e, name)) != ZIPW_OK ||
      (r = write_local(w, &e, name)) != ZIPW_OK)
    return r;
  return emit(w, e.method ? w->tmp : data, csize);
}

/* Name and data checks come before anything is written and do not set
** status: they are the caller's mistakes, and the writer stays usable. */
zipw_result zipw_add(zipw *w, const char *name, size_t namelen,
                     const void *data, size_t len, uint32_t mode) {
  if (w->status != ZIPW_OK) return w->status;
  if (w->finished) return ZIPW_STATE;
  if (bad_name(name, namelen)) return ZIPW_BADNAME;
  if (name[namelen - 1] == '/' && len > 0) return ZIPW_DIRDATA;
  w->status = add_entry(w, name, namelen, data, len, mode);
  return w->status;
}

/* }==== */

/* {==== DIRECTORY */

/* One central header; 64-bit values go to a zip64 extra field, in the
** order the format fixes: size, compressed size, offset. Unlike the local
** field, it holds only the values that overflow (4.5.3). The external
** attributes (4.4.15) carry st_mode in the high 16 bits and the DOS
** directory bit 0x10, as Info-ZIP writes them on Unix. The offset is
** file-relative: w->base is added here. */
static zipw_result write_central(zipw *w, const went *e) {
  unsigned char h[46 + 28], *p = h, *x = h + 46;
  uint64_t off = w->base + e->offset;
  int bs = e->size >= MAX32, bc = e->csize >= MAX32, bo = off >= MAX32;
  int xlen = (bs + bc + bo) * 8;
  p = wr_le32(p, SIG_CENTRAL);
  p = wr_le16(p, MADE_BY);
  p = wr_le16(p, xlen ? 45 : e->method ? 20 : 10);
  p = wr_le16(p, 0);
  p = wr_le16(p, e->method);
  p = wr_le16(p, w->dostime);
  p = wr_le16(p, w->dosdate);
  p = wr_le32(p, e->crc);
  p = wr_le32(p, cap32(e->csize));
  p = wr_le32(p, cap32(e->size));
  p = wr_le16(p, (uint32_t)e->namelen);
  p = wr_le16(p, xlen ? (uint32_t)xlen + 4 : 0);
  p = wr_le32(p, 0); /* comment length, disk number */
  p = wr_le16(p, 0); /* internal attributes */
  p = wr_le32(p, e->mode << 16 | ((e->mode & 0170000) == 040000 ? 0x10 : 0));
  wr_le32(p, cap32(off));
  if (xlen) {
    x = wr_le16(wr_le16(x, 1), (uint32_t)xlen);
    if (bs) x = wr_le64(x, e->size);
    if (bc) x = wr_le64(x, e->csize);
    if (bo) x = wr_le64(x, off);
  }
  zipw_result r = emit(w, h, 46);
  if (r == ZIPW_OK) r = emit(w, w->names + e->nameoff, e->namelen);
  return r != ZIPW_OK || !xlen ? r : emit(w, h + 46, (size_t)xlen + 4);
}

/* Zip64 end record and its locator, for what 16/32-bit fields can't say.
** The record (4.3.14) is 56 bytes, no extensible data; its size field
** counts what follows the first 12 bytes, so 44. The locator (4.3.15)
** points at the record with a file-relative offset, one disk in all. */
static zipw_result write_end64(zipw *w, uint64_t cdoff, uint64_t cdsize) {
  unsigned char h[56 + 20], *p = h;
  uint64_t at = w->base + w->pos;
  p = wr_le32(p, SIG_EOCD64);
  p = wr_le64(p, 44); /* size of the rest of this record */
  p = wr_le16(p, MADE_BY);
  p = wr_le16(p, 45);
  p = wr_le64(p, 0); /* this disk, directory's disk */
  p = wr_le64(p, w->nents);
  p = wr_le64(p, w->nents);
  p = wr_le64(p, cdsize);
  p = wr_le64(p, w->base + cdoff);
  p = wr_le32(p, SIG_LOC64);
  p = wr_le32(p, 0);
  p = wr_le64(p, at);
  wr_le32(p, 1);
  return emit(w, h, sizeof h);
}

/* The classic end record always closes the file: readers look for it
** first, and zip64 ones are added only when a field overflows. */
static zipw_result write_end(zipw *w, uint64_t cdoff, uint64_t cdsize) {
  unsigned char h[22], *p = h;
  uint64_t off = w->base + cdoff;
  zipw_result r = ZIPW_OK;
  if (w->nents >= MAX16 || off >= MAX32 || cdsize >= MAX32)
    r = write_end64(w, cdoff, cdsize);
  if (r != ZIPW_OK) return r;
  p = wr_le32(p, SIG_EOCD);
  p = wr_le32(p, 0); /* this disk, directory's disk */
  p = wr_le16(p, w->nents >= MAX16 ? MAX16 : (uint32_t)w->nents);
  p = wr_le16(p, w->nents >= MAX16 ? MAX16 : (uint32_t)w->nents);
  p = wr_le32(p, cap32(cdsize));
  p = wr_le32(p, cap32(off));
  wr_le16(p, 0); /* comment length */
  return emit(w, h, sizeof h);
}

/* Central headers in the order the entries were added, then the end
** records. cdoff is archive-relative; the writers add base. */
static zipw_result finish(zipw *w) {
  uint64_t cdoff = w->pos;
  for (size_t i = 0; i < w->nents; i++) {
    zipw_result r = write_central(w, &w->ents[i]);
    if (r != ZIPW_OK) return r;
  }
  return write_end(w, cdoff, w->pos - cdoff);
}

/* finished is set before writing: after a failure the output holds part
** of a directory, and a second attempt would append another. */
zipw_result zipw_finish(zipw *w) {
  if (w->status != ZIPW_OK) return w->status;
  if (w->finished) return ZIPW_STATE;
  w->finished = 1;
  w->status = finish(w);
  return w->status;
}

/* }==== */

/* {==== HANDLE */

/* The time is converted once: every entry carries the same stamp. */
zipw_result zipw_new(zipw **out, mem_alloc_fn alloc, void *ud,
                     zipw_write_fn write, void *wud, uint64_t base,
                     int64_t mtime) {
  zipw *w = alloc(ud, NULL, 0, sizeof *w);
  *out = w;
  if (w == NULL) return ZIPW_NOMEM;
  memset(w, 0, sizeof *w);
  w->hook.alloc = alloc;
  w->hook.ud = ud;
  w->write = write;
  w->wud = wud;
  w->base = base;
  unix_to_dos(mtime == -1 ? 0 : mtime, &w->dosdate, &w->dostime);
  return ZIPW_OK;
}

uint64_t zipw_size(const zipw *w) {
  return w->pos;
}

const void *zipw_data(const zipw *w, size_t *len) {
  int ok = w->write == NULL && w->finished && w->status == ZIPW_OK;
  *len = ok ? w->memlen : 0;
  return ok ? w->mem : NULL;
}

/* deflateEnd first: zlib frees its state through zip_zfree, which uses w. */
void zipw_free(zipw *w) {
  if (w == NULL) return;
  if (w->zinit) deflateEnd(&w->zs);
  release(w, w->ents, w->entcap);
  release(w, w->names, w->namecap);
  release(w, w->mem, w->memcap);
  release(w, w->tmp, w->tmpcap);
  release(w, w, sizeof *w);
}

const char *zipw_strerror(zipw_result r) {
  static const char *const msg[] = {
      "no error",
      "not enough memory",
      "write failed",
      "bad entry name (empty, too long, absolute, NUL or '..')",
      "directory entry with data",
      "archive already finished",
      "deflate failed",
  };
  if ((unsigned)r >= sizeof msg / sizeof *msg) return "unknown zipw error";
  return msg[r];
}

/* }==== */
