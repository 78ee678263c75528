/*
** zip.c: read a zip archive held in a byte range in memory.
** See LICENSE.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "zlib.h"
#include "cal.h"
#include "zip.h"

/* Record signatures, and below them the sizes of the records' fixed
** parts, from APPNOTE.TXT: local header 4.3.7, central header 4.3.12,
** zip64 end record 4.3.14, zip64 locator 4.3.15, end record 4.3.16. The
** field offsets read further down (p + 26 and so on) are from the same
** sections. */
#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_EOCD 0x06054b50u
#define SIG_EOCD64 0x06064b50u
#define SIG_LOC64 0x07064b50u

#define EOCD_LEN 22
#define LOC64_LEN 20
#define EOCD64_LEN 56
#define CENTRAL_LEN 46
#define LOCAL_LEN 30

/* Deflate cannot expand more than 1032:1 (a 258-byte match in 2 bits);
** the slack covers tiny streams whose block headers dominate. */
#define MAX_RATIO 1032u
#define RATIO_SLACK 1024u

/* The handle. data is borrowed (the caller keeps it mapped); ents and
** names come from the hook and belong to the handle (drop_index frees
** them). status != ZIP_OK is final: every later call returns it. With
** status ZIP_OK and indexed 0 the index is not built yet, or its build
** ran out of memory and will be retried. */
struct zip {
  const unsigned char *data;
  size_t size;
  mem_hook mem;      /* the caller's allocator */
  zip_result status; /* sticky failure of open or of the index build */
  int line;          /* where CORRUPT fired last */
  uint64_t base;     /* archive start in data */
  uint64_t cdoff;    /* central directory offset, relative to base */
  uint64_t cdsize;
  uint64_t count;    /* entries the end record declares */
  int zip64;         /* count came from a zip64 end record */
  int indexed;
  zip_entry *ents;   /* sorted by name */
  size_t nents, cap; /* used, allocated */
  char *names;       /* all names, NUL-terminated, one block */
  size_t nameslen;
  size_t skipped;
};

/* One entry being read. in/inleft walk its compressed bytes inside data;
** outleft counts down from the declared size, so no sequence of calls
** delivers more than that size (the bound the ratio check relies on).
** zs holds zlib state only while zinit is set. */
struct zip_stream {
  zip *z;
  const zip_entry *e;
  const unsigned char *in; /* next compressed byte */
  uint64_t inleft;         /* compressed bytes not yet given to zlib */
  uint64_t outleft;        /* bytes still to deliver */
  uint32_t crc;
  zip_result status;
  int zinit; /* zlib stream initialised */
  int done;  /* every byte delivered and verified */
  z_stream zs;
};

/* CORRUPT(z, code): every rejection of outside bytes goes through here, so
** a fuzz finding or a bug report names the exact check (SQLite's idea). */
#define CORRUPT(z, code) corrupt_at((z), (code), __LINE__)

static zip_result corrupt_at(zip *z, zip_result code, int line) {
  z->line = line;
  return code;
}

/* {==== BYTES */

/* Zip integers are unsigned little-endian (APPNOTE 4.4.1.1). Callers
** have already checked that the bytes lie inside data. */
static uint16_t rd_le16(const unsigned char *p) {
  return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd_le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static uint64_t rd_le64(const unsigned char *p) {
  return (uint64_t)rd_le32(p) | (uint64_t)rd_le32(p + 4) << 32;
}

/* Does [off, off + len) lie within the data? */
static int in_data(const zip *z, uint64_t off, uint64_t len) {
  return off <= z->size && len <= z->size - off;
}

/* All memory goes through the caller's hook. mem_free must be given the
** size the block was allocated with: a size-class allocator (alloc.c)
** finds the block's class from it. */
static void *mem_new(zip *z, size_t n) {
  return z->mem.alloc(z->mem.ud, NULL, 0, n);
}

static void mem_free(zip *z, void *p, size_t n) {
  if (p) z->mem.alloc(z->mem.ud, p, n, 0);
}

/* zlib's zfree gives no size, so each block carries it in a header
** large enough to keep the payload aligned. */
typedef union zhead {
  size_t n;
  max_align_t align;
} zhead;

void *zip_zalloc(void *opaque, unsigned items, unsigned size) {
  mem_hook *m = opaque;
  size_t n = sizeof(zhead) + (size_t)items * size;
  zhead *h = m->alloc(m->ud, NULL, 0, n);
  if (h == NULL) return Z_NULL;
  h->n = n;
  return h + 1;
}

void zip_zfree(void *opaque, void *p) {
  mem_hook *m = opaque;
  zhead *h = (zhead *)p - 1;
  m->alloc(m->ud, h, h->n, 0);
}

/* }==== */

/* {==== TIME */

/* DOS date and time read as UTC (zip stores local time with no zone; a
** fixed reading keeps results independent of the host's zone). The MS-DOS
** layout (APPNOTE 4.4.6): date = year-1980 << 9 | month << 5 | day, time
** = hour << 11 | minute << 5 | second / 2. Nothing is rejected, since a
** bad date is not corruption of anything we depend on: month 0 or 13-15
** and day 0 are clamped, and other out-of-range values roll over (Feb 31
** is Mar 2 or 3, hour 24 the next day). */
static int64_t dos_to_unix(uint16_t date, uint16_t time) {
  unsigned mon = (date >> 5) & 15, day = date & 31;
  if (mon < 1) mon = 1;
  if (mon > 12) mon = 12;
  if (day < 1) day = 1;
  int64_t days = cal_days(1980 + (date >> 9), (int)mon - 1, day);
  return days * 86400 + (time >> 11) * 3600 + ((time >> 5) & 63) * 60 +
         (time & 31) * 2;
}

/* }==== */

/* {==== END RECORDS */

/* The end record nearest the end whose comment reaches exactly the end of
** the data; failing that, the nearest one whose comment fits (some tools
** pad after the archive). Returns its offset or -1. The comment length is
** 16 bits, so only the last 65535 + 22 bytes can hold the record; going
** backwards finds an outer archive's record before that of a zip stored
** inside it. */
static int64_t find_eocd(const zip *z) {
  if (z->size < EOCD_LEN) return -1;
  size_t last = z->size - EOCD_LEN;
  size_t stop = last > 0xffff ? last - 0xffff : 0;
  int64_t loose = -1;
  for (size_t i = last + 1; i-- > stop;) {
    const unsigned char *p = z->data + i;
    if (p[0] != 0x50 || rd_le32(p) != SIG_EOCD) continue;
    size_t clen = rd_le16(p + 20);
    if (clen == last - i) return (int64_t)i;
    if (clen < last - i && loose < 0) loose = (int64_t)i;
  }
  return loose;
}

/* The one cheap proof that a candidate base is right. */
static int central_sig_at(const zip *z, uint64_t pos) {
  return in_data(z, pos, 4) && rd_le32(z->data + pos) == SIG_CENTRAL;
}

/* Given where the central directory ends in the data (cdend: the end
** record, or the zip64 end record), choose the base (see zip.h). The
** computed base is wrong when anything sits between the directory and
** cdend; offsets from the start of data are then the only other reading
** tried. An empty archive (Python's
** zipfile closed with no entries writes one) has no header to prove a
** base. Returns ZIP_OK or ZIP_BADEOCD. */
static zip_result find_base(zip *z, uint64_t cdend) {
  uint64_t cdsize = z->cdsize, cdoff = z->cdoff;
  if (cdsize > cdend || cdoff > cdend - cdsize)
    return CORRUPT(z, ZIP_BADEOCD);
  z->base = cdend - cdsize - cdoff;
  if (z->count == 0 && cdsize == 0) return ZIP_OK; /* empty archive */
  if (central_sig_at(z, z->base + cdoff)) return ZIP_OK;
  z->base = 0;
  if (central_sig_at(z, cdoff) && cdsize <= cdend - cdoff) return ZIP_OK;
  return CORRUPT(z, ZIP_BADEOCD);
}

/* The zip64 end record: where the locator says, or (for archives whose
** offsets are relative to their own start) right before the locator. The
** locator's offset is at +8 (4.3.15). "Right before" assumes an empty
** extensible data sector, which is what Info-ZIP and Python write.
** Returns the record's offset in data, or -1. */
static int64_t find_eocd64(const zip *z, uint64_t loc) {
  uint64_t at = rd_le64(z->data + loc + 8);
  if (at <= loc && EOCD64_LEN <= loc - at &&
      rd_le32(z->data + at) == SIG_EOCD64)
    return (int64_t)at;
  if (loc >= EOCD64_LEN &&
      rd_le32(z->data + loc - EOCD64_LEN) == SIG_EOCD64)
    return (int64_t)(loc - EOCD64_LEN);
  return -1;
}

/* With a zip64 locator present its record is authoritative, even when
** the classic end record holds real values (zip -fz writes both).
** Fields (4.3.14): disk numbers at +16 and +20, total entries at +32
** (+24 counts this disk only), directory size at +40, offset at +48. */
static zip_result read_eocd64(zip *z, uint64_t loc) {
  int64_t at = find_eocd64(z, loc);
  if (at < 0) return CORRUPT(z, ZIP_BADEOCD);
  const unsigned char *p = z->data + at;
  if (rd_le32(p + 16) != 0 || rd_le32(p + 20) != 0)
    return CORRUPT(z, ZIP_BADEOCD); /* multi-disk */
  z->count = rd_le64(p + 32);
  z->cdsize = rd_le64(p + 40);
  z->cdoff = rd_le64(p + 48);
  z->zip64 = 1;
  return find_base(z, (uint64_t)at);
}

/* Everything zip_open does: end records, then the base. Multi-disk
** archives are refused: an executable is one "disk". A zip64 locator
** sits right before the classic end record when there is one. Classic
** fields (4.3.16): disks at +4 and +6, total entries at +10, directory
** size at +12 and offset at +16. */
static zip_result read_end(zip *z) {
  int64_t e = find_eocd(z);
  if (e < 0) return CORRUPT(z, ZIP_NOEOCD);
  const unsigned char *p = z->data + e;
  uint64_t loc = (uint64_t)e - LOC64_LEN;
  if (e >= LOC64_LEN && rd_le32(z->data + loc) == SIG_LOC64)
    return read_eocd64(z, loc);
  if (rd_le16(p + 4) != 0 || rd_le16(p + 6) != 0)
    return CORRUPT(z, ZIP_BADEOCD); /* multi-disk */
  z->count = rd_le16(p + 10);
  z->cdsize = rd_le32(p + 12);
  z->cdoff = rd_le32(p + 16);
  return find_base(z, (uint64_t)e);
}

/* }==== */

/* {==== INDEX */

/* One central header, parsed and bounds-checked. total is the header
** with its name, extra field and comment: the step to the next one. */
typedef struct central {
  const unsigned char *p;
  const unsigned char *name, *extra;
  size_t namelen, extralen, total;
} central;

/* left is what remains of the central directory: a header, its name,
** extra and comment must all fit in it. Lengths are at +28, +30, +32
** (4.3.12). Returns ZIP_OK or ZIP_BADCDIR; only p..p+total is read. */
static zip_result parse_central(zip *z, const unsigned char *p,
                                uint64_t left, central *c) {
  if (left < CENTRAL_LEN || rd_le32(p) != SIG_CENTRAL)
    return CORRUPT(z, ZIP_BADCDIR);
  c->p = p;
  c->namelen = rd_le16(p + 28);
  c->extralen = rd_le16(p + 30);
  c->total = CENTRAL_LEN + c->namelen + c->extralen + rd_le16(p + 32);
  if (c->total > left) return CORRUPT(z, ZIP_BADCDIR);
  c->name = p + CENTRAL_LEN;
  c->extra = c->name + c->namelen;
  return ZIP_OK;
}

/* Pass 1: count the headers in the central directory and their names. */
static zip_result count_central(zip *z, size_t *n, size_t *namebytes) {
  const unsigned char *p = z->data + z->base + z->cdoff;
  uint64_t left = z->cdsize;
  *n = *namebytes = 0;
  while (left > 0) {
    central c;
    zip_result r = parse_central(z, p, left, &c);
    if (r != ZIP_OK) return r;
    ++*n;
    *namebytes += c.namelen + 1;
    p += c.total;
    left -= c.total;
  }
  /* Writers without zip64 support let the 16-bit count wrap; accept
  ** that, as Info-ZIP's unzip does, but nothing else. */
  if (z->zip64 ? *n != z->count : (*n & 0xffff) != z->count)
    return CORRUPT(z, ZIP_COUNT);
  return ZIP_OK;
}

/* Apply the zip64 extended information extra field (APPNOTE 4.5.3): each
** 64-bit value is present only when its 32-bit field in the central
** header p holds 0xffffffff, in the order size, compressed size, local
** header offset (then a disk number we never need). x[0..n) is the
** field's data. Returns ZIP_BADCDIR when a flagged value is missing. */
static zip_result apply_zip64(zip *z, const unsigned char *x, size_t n,
                              zip_entry *e, const unsigned char *p) {
  uint64_t *field[3] = {&e->size, &e->csize, &e->offset};
  const unsigned char *raw[3] = {p + 24, p + 20, p + 42};
  for (int i = 0; i < 3; i++) {
    if (rd_le32(raw[i]) != 0xffffffffu) continue;
    if (n < 8) return CORRUPT(z, ZIP_BADCDIR);
    *field[i] = rd_le64(x);
    x += 8;
    n -= 8;
  }
  return ZIP_OK;
}

/* Walk the extra fields of a central header (id, length, data; 4.5.1):
** 0x0001 zip64 sizes, 0x5455 Info-ZIP extended timestamp, whose central
** copy holds only the modification time, present when flag bit 0 is set
** (Info-ZIP's extrafld.txt). It is read as a signed 32-bit time. Other
** ids are skipped; a tail of 1-3 bytes too short for a field header is
** ignored. Returns ZIP_OK or ZIP_BADCDIR. */
static zip_result read_extras(zip *z, const central *c, zip_entry *e) {
  const unsigned char *x = c->extra;
  size_t left = c->extralen;
  while (left >= 4) {
    uint16_t id = rd_le16(x), n = rd_le16(x + 2);
    if (n > left - 4) return CORRUPT(z, ZIP_BADCDIR);
    if (id == 0x0001) {
      zip_result r = apply_zip64(z, x + 4, n, e, c->p);
      if (r != ZIP_OK) return r;
    } else if (id == 0x5455 && n >= 5 && (x[4] & 1)) {
      e->mtime = (int32_t)rd_le32(x + 5);
    }
    x += 4 + n;
    left -= 4 + (size_t)n;
  }
  return ZIP_OK;
}

/* Names we refuse to serve (see zip.h): they could escape a directory if
** a caller ever extracted them, and cannot be looked up sanely: no lexical
** path reaches "./x" or "a//b" (paths are normalised before lookup), so
** listing them would show names nothing can open. */
int zip_name_ok(const char *name, size_t n) {
  size_t i = 0;
  if (n == 0 || memchr(name, 0, n) != NULL) return 0;
  while (i < n) { /* each component; a directory's final '/' ends one */
    size_t c = 0;
    while (i + c < n && name[i + c] != '/') c++;
    if (c == 0) return 0; /* "/a", "a//b" */
    if (name[i] == '.' && (c == 1 || (c == 2 && name[i + 1] == '.')))
      return 0;
    i += c + 1;
  }
  return 1;
}

/* Only Unix-made entries carry st_mode; others get sane defaults so the
** Lua side never has to guess. The high byte of "version made by" (+5,
** APPNOTE 4.4.2) is the host, 3 for Unix; the external attributes (+38,
** 4.4.15) then hold st_mode in their high 16 bits. Bit 0 of the low
** byte is the DOS read-only attribute. */
static uint32_t mode_of(const unsigned char *p, int isdir) {
  uint32_t ext = rd_le32(p + 38);
  if (p[5] == 3 && (ext >> 16) != 0) return ext >> 16; /* made on Unix */
  if (isdir) return 040755;
  return (ext & 1) ? 0100444 : 0100644;
}

/* Declared sizes must fit the data before the central directory, and a
** deflated size must be reachable from the compressed one. The local
** header's extra length is unknown until the entry is read (locate_data
** checks it), so only its fixed part and the name are counted here. */
static zip_result check_entry(zip *z, const zip_entry *e) {
  uint64_t end = z->cdoff;
  if (e->offset > end || LOCAL_LEN + e->namelen > end - e->offset ||
      e->csize > end - e->offset - LOCAL_LEN - e->namelen)
    return CORRUPT(z, ZIP_RANGE);
  if (e->flags & 1) return ZIP_OK; /* encrypted: sizes include a header */
  if (e->method == 0 && e->size != e->csize) return CORRUPT(z, ZIP_RATIO);
  if (e->method == 8 && e->csize < (UINT64_MAX - RATIO_SLACK) / MAX_RATIO &&
      e->size > e->csize * MAX_RATIO + RATIO_SLACK)
    return CORRUPT(z, ZIP_RATIO);
  return ZIP_OK;
}

/* Copy the name into the pool (NUL-terminated for the caller's
** convenience) and decode the fixed fields, then the extras. namelen is
** at least 1 (zip_name_ok refused empty names), so the test for a
** trailing '/' stays inside the name. Offsets are 4.3.12's. */
static zip_result fill_entry(zip *z, const central *c, zip_entry *e,
                             char *name) {
  const unsigned char *p = c->p;
  memcpy(name, c->name, c->namelen);
  name[c->namelen] = '\0';
  e->name = name;
  e->namelen = c->namelen;
  e->isdir = c->name[c->namelen - 1] == '/';
  e->flags = rd_le16(p + 8);
  e->method = rd_le16(p + 10);
  e->mtime = dos_to_unix(rd_le16(p + 14), rd_le16(p + 12));
  e->crc = rd_le32(p + 16);
  e->csize = rd_le32(p + 20);
  e->size = rd_le32(p + 24);
  e->offset = rd_le32(p + 42);
  e->mode = mode_of(p, e->isdir);
  zip_result r = read_extras(z, c, e);
  return r != ZIP_OK ? r : check_entry(z, e);
}

/* Pass 2: parse every central header into z->ents, skipping dangerous
** names. z->cap headers were counted in pass 1 and the name pool sized
** for all of them; a skipped name takes no room in it. */
static zip_result fill_index(zip *z) {
  const unsigned char *p = z->data + z->base + z->cdoff;
  uint64_t left = z->cdsize;
  char *name = z->names;
  for (size_t i = 0; i < z->cap; i++) {
    central c;
    zip_result r = parse_central(z, p, left, &c); /* passed in pass 1 */
    if (r != ZIP_OK) return r;
    p += c.total;
    left -= c.total;
    if (!zip_name_ok((const char *)c.name, c.namelen)) {
      z->skipped++;
      continue;
    }
    r = fill_entry(z, &c, &z->ents[z->nents], name);
    if (r != ZIP_OK) return r;
    name += c.namelen + 1;
    z->nents++;
  }
  return ZIP_OK;
}

/* qsort orders; ties in name break by offset so the later copy of a
** duplicated name ends up last and wins. */
static int by_offset(const void *a, const void *b) {
  const zip_entry *x = a, *y = b;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* memcmp order, a name before every longer name it begins: the order
** zip.h promises and the searches of LOOKUP depend on. */
static int name_cmp(const char *a, size_t alen, const char *b, size_t blen) {
  int c = memcmp(a, b, alen < blen ? alen : blen);
  if (c != 0) return c;
  return alen < blen ? -1 : alen > blen;
}

static int by_name(const void *a, const void *b) {
  const zip_entry *x = a, *y = b;
  int c = name_cmp(x->name, x->namelen, y->name, y->namelen);
  return c != 0 ? c : by_offset(a, b);
}

/* Entries in offset order must not share bytes: overlapping entries are
** how "better zip bombs" multiply their output. The local header's own
** name length is checked when the entry is read. With the spans
** [offset, offset + 30 + namelen + csize) disjoint, the compressed sizes
** add up to less than the archive, so the ratio check bounds the output
** of the whole archive, not just of each entry. */
static zip_result check_overlap(zip *z) {
  qsort(z->ents, z->nents, sizeof *z->ents, by_offset);
  for (size_t i = 1; i < z->nents; i++) {
    const zip_entry *a = &z->ents[i - 1];
    uint64_t end = a->offset + LOCAL_LEN + a->namelen + a->csize;
    if (end > z->ents[i].offset) return CORRUPT(z, ZIP_OVERLAP);
  }
  return ZIP_OK;
}

/* Sort by name and keep the last of each run of equal names. */
static void sort_names(zip *z) {
  size_t out = 0;
  qsort(z->ents, z->nents, sizeof *z->ents, by_name);
  for (size_t i = 0; i < z->nents; i++) {
    const zip_entry *e = &z->ents[i];
    if (i + 1 < z->nents &&
        name_cmp(e->name, e->namelen, e[1].name, e[1].namelen) == 0) {
      z->skipped++;
      continue;
    }
    z->ents[out++] = *e;
  }
  z->nents = out;
}

/* Back to "not indexed", so that a failed build leaves no memory. */
static void drop_index(zip *z) {
  /* the size build_index asked for: an empty index still got one byte */
  mem_free(z, z->ents, z->cap * sizeof *z->ents + (z->cap == 0));
  mem_free(z, z->names, z->nameslen);
  z->ents = NULL;
  z->names = NULL;
  z->nents = z->cap = z->nameslen = z->skipped = 0;
}

/* Two passes over the directory: count to allocate exactly once, then
** fill. The allocation is bounded by the directory's own size: each
** header takes at least 46 bytes of it and costs one 64-byte zip_entry,
** and the name pool (each name plus a NUL) is no larger than the
** directory. On failure the caller (zip_index) frees what was allocated. */
static zip_result build_index(zip *z) {
  size_t n, namebytes;
  zip_result r = count_central(z, &n, &namebytes);
  if (r != ZIP_OK) return r;
  if (n > SIZE_MAX / sizeof *z->ents) return ZIP_NOMEM;
  z->ents = mem_new(z, n * sizeof *z->ents + (n == 0));
  z->names = mem_new(z, namebytes + 1);
  z->cap = n;
  z->nameslen = namebytes + 1;
  if (z->ents == NULL || z->names == NULL) return ZIP_NOMEM;
  if ((r = fill_index(z)) != ZIP_OK || (r = check_overlap(z)) != ZIP_OK)
    return r;
  sort_names(z);
  return ZIP_OK;
}

/* Only ZIP_NOMEM leaves the handle retryable: a corrupt directory will
** be just as corrupt on the next call. */
zip_result zip_index(zip *z) {
  if (z->status != ZIP_OK || z->indexed) return z->status;
  zip_result r = build_index(z);
  if (r != ZIP_OK) {
    drop_index(z);
    if (r != ZIP_NOMEM) z->status = r;
    return r;
  }
  z->indexed = 1;
  return ZIP_OK;
}

/* }==== */

/* {==== LOOKUP */

/* First index i whose name is >= key, comparing only the first klen
** bytes of each name when prefix is set (so all names starting with key
** compare equal and i is the first of them). */
static size_t lower_bound(const zip *z, const char *key, size_t klen,
                          int prefix) {
  size_t lo = 0, hi = z->nents;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const zip_entry *e = &z->ents[mid];
    size_t n = prefix && e->namelen > klen ? klen : e->namelen;
    if (name_cmp(e->name, n, key, klen) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* First entry in [lo, hi) whose name does not start with key, given
** that those which do come first. */
static const zip_entry *skip_prefix(const zip_entry *lo, const zip_entry *hi,
                                    const char *key, size_t klen) {
  while (lo < hi) {
    const zip_entry *mid = lo + (hi - lo) / 2;
    if (mid->namelen >= klen && memcmp(mid->name, key, klen) == 0)
      lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Index one past the names starting with key, given that they start at
** index i. */
static size_t prefix_end(const zip *z, size_t i, const char *key,
                         size_t klen) {
  return (size_t)(skip_prefix(z->ents + i, z->ents + z->nents, key, klen) -
                  z->ents);
}

/* With the index built, a binary search. Before, one walk over the
** central directory that allocates nothing: the runtime asks for ".args"
** at every start and should not pay for an index it may never need. A
** malformed header ends the walk with 0 and leaves zip_errline as it was:
** only zip_index may declare the archive corrupt. */
int zip_has(zip *z, const char *name, size_t len) {
  const zip_entry *e;
  const unsigned char *p;
  uint64_t left;
  int line;
  if (z == NULL || z->status != ZIP_OK) return 0;
  if (z->indexed) return zip_find(z, name, len, &e) == ZIP_OK;
  p = z->data + z->base + z->cdoff;
  left = z->cdsize;
  line = z->line;
  while (left > 0) {
    central c;
    if (parse_central(z, p, left, &c) != ZIP_OK) {
      z->line = line; /* a probe does not declare the archive corrupt */
      return 0;
    }
    if (c.namelen == len && memcmp(c.name, name, len) == 0) return 1;
    p += c.total;
    left -= c.total;
  }
  return 0;
}

/* lower_bound without prefix mode stops on the name itself if present. */
zip_result zip_find(zip *z, const char *name, size_t len,
                    const zip_entry **e) {
  zip_result r = zip_index(z);
  *e = NULL;
  if (r != ZIP_OK) return r;
  size_t i = lower_bound(z, name, len, 0);
  if (i == z->nents) return ZIP_NOTFOUND;
  const zip_entry *c = &z->ents[i];
  if (c->namelen != len || memcmp(c->name, name, len) != 0)
    return ZIP_NOTFOUND;
  *e = c;
  return ZIP_OK;
}

/* Is there a directory "path/" (path given without its slash)? Any name
** starting with "path/" proves it; the entry "path/" itself sorts first
** among those. */
static int find_dir(const zip *z, const char *path, size_t len,
                    const zip_entry **e) {
  size_t i = lower_bound(z, path, len, 1);
  for (; i < z->nents; i++) {
    const zip_entry *c = &z->ents[i];
    if (c->namelen < len || memcmp(c->name, path, len) != 0) return 0;
    if (c->namelen == len) continue; /* the file "path" itself */
    if (c->name[len] > '/') return 0;
    if (c->name[len] < '/') { /* "path-x" sorts before "path/" */
      i = prefix_end(z, i, c->name, len + 1) - 1;
      continue;
    }
    *e = c->namelen == len + 1 ? c : NULL;
    return 1;
  }
  return 0;
}

/* A file wins over a directory of the same name (as "a" over "a/"),
** since only a trailing slash says the caller wants the directory. */
zip_result zip_stat(zip *z, const char *path, size_t len,
                    const zip_entry **e, int *isdir) {
  zip_result r = zip_index(z);
  *e = NULL;
  *isdir = 0;
  if (r != ZIP_OK) return r;
  if (len == 0) {
    *isdir = 1;
    return ZIP_OK;
  }
  if (path[len - 1] == '/') len--;
  else if (zip_find(z, path, len, e) == ZIP_OK) return ZIP_OK;
  if (len == 0 || !find_dir(z, path, len, e)) return ZIP_NOTFOUND;
  *isdir = 1;
  return ZIP_OK;
}

/* The listing is the contiguous range of names starting with prefix. */
zip_result zip_dir_open(zip *z, const char *prefix, size_t len, zip_dir *d) {
  zip_result r = zip_index(z);
  d->at = d->end = NULL;
  d->plen = len;
  if (r != ZIP_OK) return r;
  if (len > 0 && prefix[len - 1] != '/') return ZIP_NOTFOUND;
  size_t i = lower_bound(z, prefix, len, 1);
  d->at = z->ents + i;
  d->end = z->ents + prefix_end(z, i, prefix, len);
  return ZIP_OK;
}

/* All names in [at, end) start with the prefix; a child is the rest up
** to and including the next '/', and all names under one child directory
** are contiguous, so the listing jumps over them with one search. */
int zip_dir_next(zip_dir *d, const char **name, size_t *len,
                 const zip_entry **e) {
  if (d->at < d->end && d->at->namelen == d->plen) d->at++; /* dir itself */
  if (d->at >= d->end) return 0;
  const zip_entry *c = d->at;
  const char *rest = c->name + d->plen;
  const char *slash = memchr(rest, '/', c->namelen - d->plen);
  *name = c->name;
  if (slash == NULL) {
    *len = c->namelen;
    *e = c;
    d->at++;
    return 1;
  }
  *len = (size_t)(slash - c->name) + 1;
  *e = c->namelen == *len ? c : NULL;
  d->at = skip_prefix(d->at, d->end, c->name, *len);
  return 1;
}

/* }==== */

/* {==== READ */

/* Check entry e's local header against its central one and point *data
** at its compressed bytes. With a data descriptor (flag bit 3, 4.3.9:
** Info-ZIP writing to a pipe, Python's zipfile to an unseekable stream)
** the local CRC and sizes may be zero, so only name and method must
** agree. Sizes are never compared: zip64 ones live in the local extra.
** Local fields (4.3.7): method +8, CRC +14, name and extra lengths +26,
** +28. The local extra may be longer than the central one (Info-ZIP's
** local UT field also carries the access time), so the data starts after
** the local lengths. Returns ZIP_OK, ZIP_RANGE or ZIP_BADLOCAL. */
static zip_result locate_data(zip *z, const zip_entry *e,
                              const unsigned char **data) {
  uint64_t at = z->base + e->offset;
  if (!in_data(z, at, LOCAL_LEN)) return CORRUPT(z, ZIP_RANGE);
  const unsigned char *p = z->data + at;
  if (rd_le32(p) != SIG_LOCAL) return CORRUPT(z, ZIP_BADLOCAL);
  size_t nlen = rd_le16(p + 26), xlen = rd_le16(p + 28);
  if (nlen != e->namelen || rd_le16(p + 8) != e->method)
    return CORRUPT(z, ZIP_BADLOCAL);
  if (!(e->flags & 8) && rd_le32(p + 14) != e->crc)
    return CORRUPT(z, ZIP_BADLOCAL);
  uint64_t start = e->offset + LOCAL_LEN + nlen + xlen;
  if (start > z->cdoff || e->csize > z->cdoff - start)
    return CORRUPT(z, ZIP_RANGE);
  if (memcmp(p + LOCAL_LEN, e->name, nlen) != 0)
    return CORRUPT(z, ZIP_BADLOCAL);
  *data = z->data + z->base + start;
  return ZIP_OK;
}

/* The checks zip_read makes before producing any output, cheapest
** first; *data is where the entry's compressed bytes start. */
static zip_result entry_check(zip *z, const zip_entry *e,
                              const unsigned char **data) {
  if (z->status != ZIP_OK) return z->status;
  if (e->isdir) return ZIP_ISDIR;
  if (e->flags & 1) return ZIP_ENCRYPTED;
  if (e->method != 0 && e->method != 8) return ZIP_METHOD;
  return locate_data(z, e, data);
}

zip_result zip_check(zip *z, const zip_entry *e) {
  const unsigned char *data;
  zip_result r = entry_check(z, e, &data);
  if (r == ZIP_OK && e->size > SIZE_MAX) return ZIP_TOOBIG;
  return r;
}

/* Shared by zip_read (stream on the stack) and zip_stream_open: all
** checks that need no decompression happen here, before any output.
** Method 8 is raw deflate (windowBits -15: no zlib header or trailer; the
** zip's CRC-32 does the checking). Any inflateInit2 failure is reported
** as ZIP_NOMEM: the other one, a zlib version mismatch, cannot happen
** with the zlib linked in. On failure stream_end(s) is still safe. */
static zip_result stream_init(zip *z, const zip_entry *e, zip_stream *s) {
  memset(s, 0, sizeof *s);
  s->z = z;
  s->e = e;
  s->crc = (uint32_t)crc32(0, Z_NULL, 0);
  zip_result r = entry_check(z, e, &s->in);
  if (r != ZIP_OK) return r;
  s->inleft = e->csize;
  s->outleft = e->size;
  if (e->method == 0) return ZIP_OK;
  s->zs.zalloc = zip_zalloc;
  s->zs.zfree = zip_zfree;
  s->zs.opaque = &z->mem;
  if (inflateInit2(&s->zs, -15) != Z_OK) return ZIP_NOMEM;
  s->zinit = 1;
  return ZIP_OK;
}

/* Free zlib's state as soon as it is no longer needed. */
static void stream_end(zip_stream *s) {
  if (s->zinit) inflateEnd(&s->zs);
  s->zinit = 0;
}

/* Give zlib the next piece of input (avail_in is only 32 bits wide). */
static void feed(zip_stream *s) {
  uInt n = s->inleft > UINT_MAX ? UINT_MAX : (uInt)s->inleft;
  s->zs.next_in = (Bytef *)s->in;
  s->zs.avail_in = n;
  s->in += n;
  s->inleft -= n;
}

/* One inflate call into out[0..n), n > 0; *made is how much came out.
** Z_BUF_ERROR means no progress was possible: with room for output and
** all input fed, the deflate stream stops before its end. */
static zip_result inflate_step(zip_stream *s, unsigned char *out, uInt n,
                               uInt *made, int *ended) {
  if (s->zs.avail_in == 0 && s->inleft > 0) feed(s);
  s->zs.next_out = out;
  s->zs.avail_out = n;
  int rc = inflate(&s->zs, Z_NO_FLUSH);
  *made = n - s->zs.avail_out;
  *ended = rc == Z_STREAM_END;
  if (rc == Z_OK || rc == Z_STREAM_END) return ZIP_OK;
  if (rc == Z_MEM_ERROR) return ZIP_NOMEM;
  return CORRUPT(s->z, ZIP_BADDATA); /* data error or truncated input */
}

/* Fill buf[0..cap) exactly, cap <= outleft. */
static zip_result inflate_into(zip_stream *s, unsigned char *buf,
                               size_t cap) {
  while (cap > 0) {
    uInt made, n = cap > UINT_MAX ? UINT_MAX : (uInt)cap;
    int ended;
    zip_result r = inflate_step(s, buf, n, &made, &ended);
    if (r != ZIP_OK) return r;
    s->crc = (uint32_t)crc32(s->crc, buf, made);
    buf += made;
    cap -= made;
    if (ended && cap > 0) return CORRUPT(s->z, ZIP_BADSIZE); /* short */
  }
  return ZIP_OK;
}

/* All declared bytes are out: the deflate stream must end right here and
** the CRC must match. One byte of scratch space detects a longer stream
** without ever producing more than the declared size. Compressed bytes
** left after the stream's end (csize larger than the stream) are not
** looked at. */
static zip_result stream_finish(zip_stream *s) {
  int ended = 0;
  while (s->zinit && !ended) {
    unsigned char extra;
    uInt made;
    zip_result r = inflate_step(s, &extra, 1, &made, &ended);
    if (r != ZIP_OK) return r;
    if (made > 0) return CORRUPT(s->z, ZIP_BADSIZE); /* long */
  }
  stream_end(s);
  if (s->crc != s->e->crc) return CORRUPT(s->z, ZIP_BADCRC);
  return ZIP_OK;
}

/* Deliver min(cap, outleft) bytes, then finish if that was the last. */
static zip_result stream_pump(zip_stream *s, unsigned char *buf, size_t cap,
                              size_t *got) {
  zip_result r = ZIP_OK;
  if (cap > s->outleft) cap = (size_t)s->outleft;
  if (s->e->method == 0) {
    memcpy(buf, s->in, cap);
    s->crc = (uint32_t)crc32_z(s->crc, buf, cap);
    s->in += cap;
  } else {
    r = inflate_into(s, buf, cap);
  }
  *got = cap;
  s->outleft -= cap;
  if (r == ZIP_OK && s->outleft == 0) r = stream_finish(s);
  return r;
}

/* The whole entry in one pump: the stream lives on the stack. */
zip_result zip_read(zip *z, const zip_entry *e, void *buf) {
  zip_stream s;
  size_t got;
  if (e->size > SIZE_MAX) return ZIP_TOOBIG;
  zip_result r = stream_init(z, e, &s);
  if (r == ZIP_OK) r = stream_pump(&s, buf, (size_t)e->size, &got);
  stream_end(&s);
  return r;
}

zip_result zip_stream_open(zip *z, const zip_entry *e, zip_stream **out) {
  zip_stream *s = mem_new(z, sizeof *s);
  *out = NULL;
  if (s == NULL) return ZIP_NOMEM;
  zip_result r = stream_init(z, e, s);
  if (r != ZIP_OK) {
    stream_end(s);
    mem_free(z, s, sizeof *s);
    return r;
  }
  *out = s;
  return ZIP_OK;
}

/* cap 0 before the end also gives ZIP_OK with *got 0, which zip.h calls
** the end: callers ask for at least one byte. */
zip_result zip_stream_read(zip_stream *s, void *buf, size_t cap,
                           size_t *got) {
  *got = 0;
  if (s->status != ZIP_OK || s->done) return s->status;
  s->status = stream_pump(s, buf, cap, got);
  s->done = s->status == ZIP_OK && s->outleft == 0;
  return s->status;
}

void zip_stream_close(zip_stream *s) {
  if (s == NULL) return;
  stream_end(s);
  mem_free(s->z, s, sizeof *s);
}

/* }==== */

/* {==== HANDLE */

/* A failed open still returns the handle so that zip_errline can say
** which check refused the archive. */
zip_result zip_open(zip **out, const void *data, size_t size,
                    mem_alloc_fn alloc, void *ud) {
  zip *z = alloc(ud, NULL, 0, sizeof *z);
  *out = z;
  if (z == NULL) return ZIP_NOMEM;
  memset(z, 0, sizeof *z);
  z->data = data;
  z->size = size;
  z->mem.alloc = alloc;
  z->mem.ud = ud;
  z->status = read_end(z);
  return z->status;
}

void zip_close(zip *z) {
  if (z == NULL) return;
  drop_index(z);
  mem_free(z, z, sizeof *z);
}

uint64_t zip_base(const zip *z) {
  return z->base;
}

int zip_errline(const zip *z) {
  return z->line;
}

size_t zip_count(zip *z) {
  return zip_index(z) == ZIP_OK ? z->nents : 0;
}

const zip_entry *zip_at(zip *z, size_t i) {
  return i < zip_count(z) ? &z->ents[i] : NULL;
}

size_t zip_skipped(zip *z) {
  zip_index(z);
  return z->skipped;
}

const char *zip_strerror(zip_result r) {
  static const char *const msg[] = {
      "no error",
      "not enough memory",
      "no such file or directory in archive",
      "is a directory",
      "not a zip archive (no end of central directory)",
      "corrupt zip archive (end of central directory lies)",
      "corrupt zip archive (bad central directory header)",
      "corrupt zip archive (entry count disagrees)",
      "corrupt zip archive (offset or size past the end)",
      "corrupt zip archive (overlapping entries)",
      "corrupt zip archive (impossible compression ratio)",
      "corrupt zip archive (bad local header)",
      "unsupported compression method",
      "encrypted entries are not supported",
      "corrupt zip archive (bad deflate data)",
      "corrupt zip archive (data size differs from declared)",
      "corrupt zip archive (CRC-32 mismatch)",
      "entry too large for this process",
  };
  if ((unsigned)r >= sizeof msg / sizeof *msg) return "unknown zip error";
  return msg[r];
}

/* }==== */
