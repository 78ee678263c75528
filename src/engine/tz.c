/*
** tz.c: time-zone engine: TZif and POSIX TZ parsing, UTC <-> local time.
** The contracts are in tz.h. See LICENSE.
*/
#include <limits.h>
#include <string.h>

#include "cal.h"
#include "tz.h"

#define DAY 86400
#define HOUR 3600

/* Beyond |t| = 2^57 s (4.5 billion years) no year fits in an int, so
** such instants are refused before any arithmetic that could wrap. */
#define T_LIMIT ((int64_t)1 << 57)

/* Every rejection of lying TZif content goes through here, recording
** the line of the check (SQLite's CORRUPT_BKPT habit). */
#define CORRUPT(ps) ((ps)->line = __LINE__, TZ_ECORRUPT)

/* One POSIX transition rule: kind 'J' (1-365, no Feb 29), 'n' (0-365)
** or 'M' (month.week.weekday); time is local seconds after midnight,
** 02:00 by default, -167 h to +167 h since TZif version 3 (RFC 8536
** section 3.3.1). */
typedef struct rule {
  char kind;
  int day, week, mon;
  int32_t time;
} rule;

/* A parsed POSIX TZ string. Index 0 is standard time, 1 is DST;
** r[0] switches to DST, r[1] back to standard time. */
typedef struct posix {
  char name[2][TZ_ABBR_MAX + 1];
  int32_t off[2];   /* seconds east of UTC */
  int hasdst;
  rule r[2];
} posix;

/* A local time type of a TZif file (RFC 8536 section 3.2: utoff, isdst,
** desigidx), off in seconds east of UTC. */
typedef struct ttype {
  int32_t off;
  uint32_t abbr;    /* index into chars */
  uint8_t isdst;
} ttype;

/* The zone is one allocation: this header, then the arrays it points to.
** ntypes == 0 marks a zone made from a TZ string alone. px is valid when
** hasposix is set: for a TZif zone it is the footer, which governs from
** the last transition on. alloc, ud and size are kept for tz_free; the
** loaded bytes are never referenced after loading. */
struct tz_zone {
  mem_alloc_fn alloc;
  void *ud;
  size_t size;
  uint32_t ntrans, ntypes;
  const int64_t *trans;
  const ttype *types;
  const uint8_t *idx;
  const char *chars;
  int hasposix;
  posix px;
};

/* {==== POSIX TZ STRINGS */

/* std offset [dst [offset] [,start[/time],end[/time]]] as in POSIX XBD
** 8.3, with glibc's leniencies and RFC 8536's rule-time extension. The
** offsets count west of UTC ("EST5" is UTC-5); posix stores them east.
** Parsing works on a counted string, since a TZif footer is not NUL-
** terminated in the file. The parse_* functions return 1 on success and
** 0 on a syntax error, possibly with partial output (callers drop it).
** pstate: s is the next unread byte, e the end; peek gives 0 at the end,
** which no production accepts. */
typedef struct pstate {
  const char *s, *e;
} pstate;

static int peek(const pstate *p) {
  return p->s < p->e ? (unsigned char)*p->s : 0;
}

static int is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int name_char(int c, int quoted) {
  return is_alpha(c) || (quoted && (is_digit(c) || c == '+' || c == '-'));
}

/* Copies the name characters at p (quoted or not) into out, cut to
** TZ_ABBR_MAX and NUL-terminated; returns how many there were. */
static size_t scan_name(pstate *p, int quoted, char *out) {
  size_t n = 0;
  for (; name_char(peek(p), quoted); n++, p->s++)
    if (n < TZ_ABBR_MAX) out[n] = *p->s;
  out[n < TZ_ABBR_MAX ? n : TZ_ABBR_MAX] = '\0';
  return n;
}

/* A zone name: <quoted> of alphanumerics and signs, or letters only;
** 3 characters at least (POSIX), any length as glibc takes it (kept up to
** TZ_ABBR_MAX, see tz.h). */
static int parse_name(pstate *p, char *out) {
  int quoted = peek(p) == '<';
  size_t n;
  p->s += quoted;
  n = scan_name(p, quoted, out);
  if (n < 3) return 0;
  if (quoted && peek(p) != '>') return 0;
  p->s += quoted;
  return 1;
}

/* Decimal number of at least one digit, at most max. Stopping as soon as
** max is passed keeps n from overflowing on a long run of digits. */
static int parse_num(pstate *p, int max, int *v) {
  int n = 0;
  if (!is_digit(peek(p))) return 0;
  while (is_digit(peek(p))) {
    n = n * 10 + (*p->s++ - '0');
    if (n > max) return 0;
  }
  *v = n;
  return 1;
}

/* [+-]hh[:mm[:ss]] in seconds, sign applied; hours at most hmax: 24 for
** offsets (POSIX), 167 for rule times, which lets Asia/Jerusalem's
** footer "IST-2IDT,M3.4.4/26,M10.5.0" say "Thursday, 26:00" for the
** Friday before the last Sunday. */
static int parse_hms(pstate *p, int hmax, int32_t *secs) {
  int neg = peek(p) == '-', h, m = 0, s = 0;
  if (neg || peek(p) == '+') p->s++;
  if (!parse_num(p, hmax, &h)) return 0;
  if (peek(p) == ':') {
    p->s++;
    if (!parse_num(p, 59, &m)) return 0;
    if (peek(p) == ':') {
      p->s++;
      if (!parse_num(p, 59, &s)) return 0;
    }
  }
  *secs = (h * HOUR + m * 60 + s) * (neg ? -1 : 1);
  return 1;
}

/* A default rule: Sunday of week `week` of month `mon`, at 02:00. */
static void set_rule(rule *r, int mon, int week) {
  r->kind = 'M';
  r->mon = mon;
  r->week = week;
  r->day = 0;
  r->time = 2 * HOUR;
}

/* One rule: Jn (1-365, Feb 29 never counted, so J60 is always March 1),
** n (0-365, Feb 29 counted) or Mm.w.d (week 5 = the last d of month m,
** d 0 = Sunday), then an optional /time, 02:00 if absent. */
static int parse_rule(pstate *p, rule *r) {
  int c = peek(p);
  r->time = 2 * HOUR;
  r->week = r->mon = 0;
  if (c == 'J' || is_digit(c)) {
    r->kind = c == 'J' ? 'J' : 'n';
    p->s += c == 'J';
    if (!parse_num(p, 365, &r->day)) return 0;
    if (r->kind == 'J' && r->day == 0) return 0;
  } else if (c == 'M') {
    p->s++;
    r->kind = 'M';
    if (!parse_num(p, 12, &r->mon) || r->mon < 1 || peek(p) != '.') return 0;
    p->s++;
    if (!parse_num(p, 5, &r->week) || r->week < 1 || peek(p) != '.')
      return 0;
    p->s++;
    if (!parse_num(p, 6, &r->day)) return 0;
  } else
    return 0;
  if (peek(p) != '/') return 1;
  p->s++;
  return parse_hms(p, 167, &r->time);
}

/* The part after the DST name: optional offset, then optional rules,
** with glibc's defaults for what is missing. The comma before each rule
** is optional, as in glibc's parse_rule (early printings of POSIX.1
** left it out), and a string may stop after either comma. */
static int parse_dst_rest(pstate *p, posix *px) {
  int c = peek(p);
  int32_t w;
  px->off[1] = px->off[0] + HOUR;
  if (c == '+' || c == '-' || is_digit(c)) {
    if (!parse_hms(p, 24, &w)) return 0;
    px->off[1] = -w;
  }
  set_rule(&px->r[0], 3, 2);
  set_rule(&px->r[1], 11, 1);
  if (peek(p) == ',') p->s++;
  if (p->s == p->e) return 1;
  if (!parse_rule(p, &px->r[0])) return 0;
  if (peek(p) == ',') p->s++;
  if (p->s == p->e) return 1;
  return parse_rule(p, &px->r[1]) && p->s == p->e;
}

/* A whole TZ string into *px, which is zeroed first; every byte of
** s[0..len) must be used. Without a DST name, hasdst stays 0 and the
** rules are unused. */
static int parse_posix(const char *s, size_t len, posix *px) {
  pstate p = {s, s + len};
  int32_t w;
  memset(px, 0, sizeof *px);
  if (!parse_name(&p, px->name[0]) || !parse_hms(&p, 24, &w)) return 0;
  px->off[0] = -w;   /* POSIX counts hours west; we count east */
  if (p.s == p.e) return 1;
  px->hasdst = 1;
  return parse_name(&p, px->name[1]) && parse_dst_rest(&p, px);
}

/* parse_name's grammar, but never failing: a name is cut past
** TZ_ABBR_MAX, a quoted one without its '>' gives "", and anything else
** unusable gives "". */
size_t tz_posix_name(const char *s, size_t len,
                     char name[TZ_ABBR_MAX + 1]) {
  pstate p = {s, s + len};
  int quoted = peek(&p) == '<';
  size_t n;
  p.s += quoted;
  n = scan_name(&p, quoted, name);
  if (n < 3 || (quoted && peek(&p) != '>')) {
    name[0] = '\0';
    return 0;
  }
  return n < TZ_ABBR_MAX ? n : TZ_ABBR_MAX;
}

/* }==== */

/* {==== ZONE BUILDING */

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Allocate a zone with room for the arrays; their pointers are set.
** Layout: header, int64 trans[ntrans] (8-aligned), ttype types[ntypes],
** uint8 idx[ntrans] (8-aligned), chars[nchars], then one NUL that ends
** chars even when nchars is 0. The sizes cannot wrap a 64-bit size_t:
** the counts are 32-bit and a TZif's were checked against its size.
** Returns NULL only when the hook does. */
static tz_zone *zone_new(uint32_t ntrans, uint32_t ntypes, uint32_t nchars,
                         mem_alloc_fn alloc, void *ud) {
  size_t o_trans = align8(sizeof(tz_zone));
  size_t o_types = o_trans + (size_t)ntrans * sizeof(int64_t);
  size_t o_idx = align8(o_types + (size_t)ntypes * sizeof(ttype));
  size_t o_chars = o_idx + ntrans;
  size_t size = o_chars + nchars + 1;
  char *b = alloc(ud, NULL, 0, size);
  tz_zone *z = (tz_zone *)b;
  if (!b) return NULL;
  memset(z, 0, sizeof *z);
  z->alloc = alloc;
  z->ud = ud;
  z->size = size;
  z->ntrans = ntrans;
  z->ntypes = ntypes;
  z->trans = (const int64_t *)(b + o_trans);
  z->types = (const ttype *)(b + o_types);
  z->idx = (const uint8_t *)(b + o_idx);
  z->chars = b + o_chars;
  b[size - 1] = '\0';
  return z;
}

/* A zone with no types: tz_localtime goes straight to the rules. */
tz_result tz_load_posix(tz_zone **out, const char *s, size_t len,
                        mem_alloc_fn alloc, void *ud) {
  posix px;
  tz_zone *z;
  *out = NULL;
  if (!s) return TZ_EARG;
  if (!parse_posix(s, len, &px)) return TZ_EPOSIX;
  z = zone_new(0, 0, 0, alloc, ud);
  if (!z) return TZ_ENOMEM;
  z->hasposix = 1;
  z->px = px;
  *out = z;
  return TZ_OK;
}

/* One type and no transitions: tz_localtime's "before the first
** transition" case picks that type for every instant. */
tz_result tz_load_fixed(tz_zone **out, const char *abbr, int32_t gmtoff,
                        mem_alloc_fn alloc, void *ud) {
  size_t n = abbr ? strlen(abbr) : 0;
  tz_zone *z;
  ttype *ty;
  *out = NULL;
  if (gmtoff <= -26 * HOUR || gmtoff >= 26 * HOUR) return TZ_ERANGE;
  if (n > TZ_ABBR_MAX) n = TZ_ABBR_MAX;
  z = zone_new(0, 1, (uint32_t)n, alloc, ud);
  if (!z) return TZ_ENOMEM;
  ty = (ttype *)z->types;
  ty->off = gmtoff;
  ty->abbr = 0;
  ty->isdst = 0;
  if (n) memcpy((char *)z->chars, abbr, n);
  ((char *)z->chars)[n] = '\0';
  *out = z;
  return TZ_OK;
}

void tz_free(tz_zone *zone) {
  if (zone) zone->alloc(zone->ud, zone, zone->size, 0);
}

/* }==== */

/* {==== TZIF FILES */

/* The counts of a TZif header (RFC 8536 section 3.1), at offsets 20 to
** 43 in this order: isutcnt, isstdcnt, leapcnt, timecnt, typecnt,
** charcnt. ver is the byte at offset 4: 0 for version 1, else '2'... */
typedef struct hdr {
  uint8_t ver;
  uint32_t isut, isstd, leap, time, type, chars;
} hdr;

/* The file being parsed, and the line of the check that refused it. */
typedef struct tstate {
  const uint8_t *p;
  size_t size;
  int line;
} tstate;

/* TZif integers are big-endian; times and offsets two's complement. */
static uint32_t rd_be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

static int64_t rd_be64(const uint8_t *p) {
  return (int64_t)((uint64_t)rd_be32(p) << 32 | rd_be32(p + 4));
}

/* Read the 44-byte header at off (the caller checked room); check its
** counts when its body is the one we use (a v2+ file's 32-bit body is
** only skipped, and slim files leave its counts at zero). The checks are
** RFC 8536 section 3.1's: typecnt and charcnt non-zero, isutcnt and
** isstdcnt either 0 or typecnt. Versions past '4' are let through: each
** new version so far kept the body's layout. */
static tz_result read_hdr(tstate *ts, size_t off, hdr *h, int used) {
  const uint8_t *p = ts->p + off;
  if (memcmp(p, "TZif", 4) != 0) return CORRUPT(ts);
  h->ver = p[4];
  h->isut = rd_be32(p + 20);
  h->isstd = rd_be32(p + 24);
  h->leap = rd_be32(p + 28);
  h->time = rd_be32(p + 32);
  h->type = rd_be32(p + 36);
  h->chars = rd_be32(p + 40);
  if (h->ver != 0 && (h->ver < '2' || h->ver > '9')) return CORRUPT(ts);
  if (!used) return TZ_OK;
  /* type indices are bytes: more than 256 types cannot all be used */
  if (h->type == 0 || h->type > 256 || h->chars == 0) return CORRUPT(ts);
  if (h->isut != 0 && h->isut != h->type) return CORRUPT(ts);
  if (h->isstd != 0 && h->isstd != h->type) return CORRUPT(ts);
  return TZ_OK;
}

/* Body size in 64 bits: 32-bit counts times small widths cannot wrap.
** The data block of RFC 8536 section 3.2: timecnt times of tsize bytes
** and as many one-byte type indices, typecnt 6-byte types, charcnt bytes
** of abbreviations, leapcnt records of tsize + 4, one byte per isstd and
** per isut indicator. */
static uint64_t body_size(const hdr *h, int tsize) {
  return (uint64_t)h->time * (tsize + 1) + (uint64_t)h->type * 6 +
         h->chars + (uint64_t)h->leap * (tsize + 4) + h->isstd + h->isut;
}

/* Check the local time type records and their abbreviations. A record
** is utoff (4 bytes, signed), isdst (1), desigidx (1). RFC 8536 section
** 3.2 says utoff SHOULD lie in -89999..93599 (over -25 h, under 26 h);
** this reader requires it, as no real zone comes near either limit. */
static tz_result check_types(tstate *ts, const uint8_t *p, const hdr *h) {
  const uint8_t *chars = p + (size_t)h->type * 6;
  uint32_t i;
  for (i = 0; i < h->type; i++, p += 6) {
    int32_t off = (int32_t)rd_be32(p);
    uint32_t a = p[5];
    const void *nul;
    if (off < -89999 || off > 93599) return CORRUPT(ts);  /* RFC 8536 */
    if (p[4] > 1) return CORRUPT(ts);
    if (a >= h->chars) return CORRUPT(ts);
    nul = memchr(chars + a, '\0', h->chars - a);
    if (!nul) return CORRUPT(ts);
    if ((size_t)((const uint8_t *)nul - (chars + a)) > TZ_ABBR_MAX)
      return CORRUPT(ts);
  }
  return TZ_OK;
}

static int64_t rd_time(const uint8_t *p, int tsize) {
  return tsize == 8 ? rd_be64(p) : (int64_t)(int32_t)rd_be32(p);
}

/* Check transitions: strictly ascending (RFC 8536 section 3.2, and what
** search() needs), type indices in range. */
static tz_result check_trans(tstate *ts, const uint8_t *p, const hdr *h,
                             int tsize) {
  const uint8_t *ix = p + (size_t)h->time * tsize;
  uint32_t i;
  for (i = 0; i < h->time; i++) {
    if (ix[i] >= h->type) return CORRUPT(ts);
    if (i > 0 && rd_time(p + (size_t)i * tsize, tsize) <=
                     rd_time(p + (size_t)(i - 1) * tsize, tsize))
      return CORRUPT(ts);
  }
  return TZ_OK;
}

/* The v2+ footer (RFC 8536 section 3.3): "\n" TZ string "\n" right
** after the body. An empty string means no rule (glibc ignores it too).
** Bytes after the second newline are not read. */
static tz_result read_footer(tstate *ts, size_t off, posix *px, int *has) {
  const uint8_t *p = ts->p + off, *nl;
  size_t left = ts->size - off;
  *has = 0;
  if (left == 0) return TZ_OK;   /* footer missing: tolerated as glibc */
  if (p[0] != '\n') return CORRUPT(ts);
  nl = memchr(p + 1, '\n', left - 1);
  if (!nl) return CORRUPT(ts);
  if (nl == p + 1) return TZ_OK;
  if (!parse_posix((const char *)p + 1, (size_t)(nl - p - 1), px))
    return CORRUPT(ts);
  *has = 1;
  return TZ_OK;
}

/* Copy a validated body into a new zone: version 1 times are 32-bit and
** sign-extended. Returns TZ_OK with *out set, or TZ_ENOMEM. */
static tz_result build(tz_zone **out, const uint8_t *p, const hdr *h,
                       int tsize, mem_alloc_fn alloc, void *ud) {
  tz_zone *z = zone_new(h->time, h->type, h->chars, alloc, ud);
  const uint8_t *ix = p + (size_t)h->time * tsize;
  const uint8_t *ty = ix + h->time;
  uint32_t i;
  if (!z) return TZ_ENOMEM;
  for (i = 0; i < h->time; i++)
    ((int64_t *)z->trans)[i] = rd_time(p + (size_t)i * tsize, tsize);
  memcpy((uint8_t *)z->idx, ix, h->time);
  for (i = 0; i < h->type; i++, ty += 6) {
    ttype *t = (ttype *)&z->types[i];
    t->off = (int32_t)rd_be32(ty);
    t->isdst = ty[4];
    t->abbr = ty[5];
  }
  memcpy((char *)z->chars, ty, h->chars);
  *out = z;
  return TZ_OK;
}

/* The whole parse. A version 1 file is read from its only body. A v2+
** file's 32-bit body is skipped after checking only that it fits, then
** come a second header, the 64-bit body and the footer. 44 is the header
** size; musl also refuses shorter files as not TZif. Leap second records
** are sized and not read; the isstd/isut indicators matter only for
** glibc's "posixrules" mechanism, so they are not read either. Returns
** TZ_EMAGIC, TZ_ETRUNC (a count points past the end), TZ_ECORRUPT (with
** ts->line) or TZ_ENOMEM; *out is set only on TZ_OK. */
static tz_result load(tstate *ts, tz_zone **out, mem_alloc_fn alloc, void *ud) {
  hdr h;
  size_t off = 44;
  int tsize = 4, has = 0;
  posix px;
  tz_result rc;
  uint64_t body;
  if (ts->size < 44 || memcmp(ts->p, "TZif", 4) != 0) return TZ_EMAGIC;
  if ((rc = read_hdr(ts, 0, &h, ts->p[4] == 0)) != TZ_OK) return rc;
  body = body_size(&h, 4);
  if (body > ts->size - off) return TZ_ETRUNC;
  if (h.ver != 0) {     /* skip the 32-bit body, use the 64-bit one */
    off += (size_t)body;
    if (44 > ts->size - off) return TZ_ETRUNC;
    if ((rc = read_hdr(ts, off, &h, 1)) != TZ_OK) return rc;
    off += 44;
    tsize = 8;
    body = body_size(&h, 8);
    if (body > ts->size - off) return TZ_ETRUNC;
    rc = read_footer(ts, off + (size_t)body, &px, &has);
    if (rc != TZ_OK) return rc;
  }
  if ((rc = check_trans(ts, ts->p + off, &h, tsize)) != TZ_OK) return rc;
  rc = check_types(ts, ts->p + off + (size_t)h.time * (tsize + 1), &h);
  if (rc != TZ_OK) return rc;
  if ((rc = build(out, ts->p + off, &h, tsize, alloc, ud)) != TZ_OK)
    return rc;
  (*out)->hasposix = has;
  if (has) (*out)->px = px;
  return TZ_OK;
}

tz_result tz_load_tzif(tz_zone **out, const void *data, size_t size,
                       mem_alloc_fn alloc, void *ud, int *where) {
  tstate ts = {data, size, 0};
  tz_result rc;
  *out = NULL;
  rc = data ? load(&ts, out, alloc, ud) : TZ_EARG;
  if (where) *where = ts.line;
  return rc;
}

/* }==== */

/* {==== UTC TO LOCAL */

/* Day number of a rule's day in year y. For M rules: the weekday of the
** month's first day, forward to the first wanted weekday, then whole
** weeks; week 5 steps back into the month, so it means "last". */
static int64_t rule_day(const rule *r, int64_t y) {
  int64_t d0 = cal_days(y, 0, 1);
  int leap = cal_leap(y), first, wd, d, ndays;
  if (r->kind == 'J') return d0 + r->day - 1 + (leap && r->day >= 60);
  if (r->kind == 'n') return d0 + r->day;
  first = cal_yday(y, r->mon - 1);
  ndays = cal_yday(y, r->mon) - first;
  wd = cal_wday(d0 + first);
  d = (r->day - wd + 7) % 7 + 7 * (r->week - 1);
  while (d >= ndays) d -= 7;   /* week 5 means "last" */
  return d0 + first + d;
}

/* Which of std (0) / DST (1) a TZ rule gives at t. The switches of the
** years around t are compared directly (not only t's own year, as glibc
** does), so rules whose switch crosses New Year are right too. At equal
** instants the later year wins, then the end rule of the same year:
** "0/0,J365/25" is DST all year, a start equal to its end is no DST.
** A start rule's time is in standard time and an end rule's in DST (the
** time then in force, per POSIX), hence off[k] for rule k. */
static int posix_which(const posix *px, int64_t t) {
  int64_t best = 0, y;
  int k, which = 0, found = 0;
  cal_date d;
  if (!px->hasdst) return 0;
  cal_date_of(cal_floordiv(t + px->off[0], DAY), &d);
  for (y = d.year - 1; y <= d.year + 1; y++)
    for (k = 0; k < 2; k++) {
      int64_t at = rule_day(&px->r[k], y) * DAY + px->r[k].time -
                   px->off[k];
      if (at <= t && (!found || at >= best)) {
        best = at;
        which = !k;
        found = 1;
      }
    }
  return which;
}

/* Index of the type in force before the first transition: glibc takes
** the first standard-time type (RFC 8536 would say type 0). It also uses
** that type for all times in a file with no transitions, where RFC 8536
** section 3.2 would use the footer: tz_localtime does as glibc does. */
static uint32_t first_std_type(const tz_zone *z) {
  uint32_t i;
  for (i = 0; i < z->ntypes; i++)
    if (!z->types[i].isdst) return i;
  return 0;
}

/* Largest i with trans[i] <= t; the caller made sure trans[0] <= t. */
static uint32_t search(const tz_zone *z, int64_t t) {
  uint32_t lo = 0, hi = z->ntrans;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (z->trans[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/* Broken-down local time of instant t at offset off. Returns TZ_ERANGE
** before writing anything when the year - 1900 does not fit in an int:
** neighbour() relies on a failed conversion leaving *out as it was. */
static tz_result fill(int64_t t, int32_t off, int isdst, const char *abbr,
                      tz_tm *out) {
  int64_t ls = t + off, days = cal_floordiv(ls, DAY);
  int64_t secs = ls - days * DAY;
  cal_date d;
  size_t n;
  cal_date_of(days, &d);
  if (d.year - 1900 > INT_MAX || d.year - 1900 < INT_MIN) return TZ_ERANGE;
  out->year = d.year;
  out->mon = d.mon;
  out->mday = d.mday;
  out->hour = (int)(secs / HOUR);
  out->min = (int)(secs / 60 % 60);
  out->sec = (int)(secs % 60);
  out->wday = d.wday;
  out->yday = d.yday;
  out->isdst = isdst;
  out->gmtoff = off;
  n = strnlen(abbr, TZ_ABBR_MAX); /* not strncpy: no padding to the end */
  memcpy(out->abbr, abbr, n);
  out->abbr[n] = '\0';
  return TZ_OK;
}

static tz_result posix_local(const posix *px, int64_t t, tz_tm *out) {
  int w = posix_which(px, t);
  return fill(t, px->off[w], w, px->name[w], out);
}

/* In a TZif zone: before the first transition, first_std_type(); from
** the last transition on, the footer if there is one (RFC 8536 section
** 3.2); otherwise the type of the last transition at or before t. */
tz_result tz_localtime(const tz_zone *z, int64_t t, tz_tm *out) {
  const ttype *ty;
  if (t > T_LIMIT || t < -T_LIMIT) return TZ_ERANGE;
  if (!z) return fill(t, 0, 0, "GMT", out);
  if (z->ntypes == 0) return posix_local(&z->px, t, out);
  if (z->ntrans == 0 || t < z->trans[0])
    ty = &z->types[first_std_type(z)];
  else if (z->hasposix && t >= z->trans[z->ntrans - 1])
    return posix_local(&z->px, t, out);
  else
    ty = &z->types[z->idx[search(z, t)]];
  return fill(t, ty->off, ty->isdst, z->chars + ty->abbr, out);
}

/* }==== */

/* {==== LOCAL TO UTC */

/* The search of glibc 2.36's mktime (__mktime_internal), followed step
** for step, constants included, because tests/tz compares results with
** glibc's: guess, convert, correct by the difference, and handle the
** cases where no instant has the wanted local time. */

/* Seconds since the epoch of a local date given as year/day-of-year,
** with fields in any range (as glibc's ydhms_diff accepts them). */
static int64_t ydhms(int64_t year, int64_t yday, int hour, int min,
                     int sec) {
  return (cal_days(year, 0, 1) + yday) * DAY + (int64_t)hour * HOUR +
         (int64_t)min * 60 + sec;
}

/* What tz_mktime was asked for, normalized to year + day of year. */
typedef struct want {
  int64_t year, yday;
  int hour, min, sec, isdst;
} want;

/* Seconds from the broken-down time *tm to the wanted one. */
static int64_t diff(const want *w, const tz_tm *tm) {
  return ydhms(w->year, w->yday, w->hour, w->min, w->sec) -
         ydhms(tm->year, tm->yday, tm->hour, tm->min, tm->sec);
}

/* Both known (>= 0) and different: a negative isdst matches anything. */
static int isdst_differ(int a, int b) {
  return (!a != !b) && a >= 0 && b >= 0;
}

/* Convert *t; when it is out of range, convert the in-range instant
** closest to it instead (bisection between 0 and *t), as glibc does. The
** midpoint is glibc's long_int_avg, which cannot overflow. Returns 1
** with *t and *tm set, or 0 when nothing between 0 and *t converts. */
static int ranged(const tz_zone *z, int64_t *t, tz_tm *tm) {
  int64_t ok = 0, bad = *t;
  int found = 0;
  tz_tm mid_tm;
  if (tz_localtime(z, *t, tm) == TZ_OK) return 1;
  for (;;) {
    int64_t mid = (ok >> 1) + (bad >> 1) + ((ok | bad) & 1);
    if (mid == ok || mid == bad) break;
    if (tz_localtime(z, mid, &mid_tm) == TZ_OK) {
      ok = mid;
      *tm = mid_tm;
      found = 1;
    } else
      bad = mid;
  }
  if (found) *t = ok;
  return found;
}

/* Probe for the instant whose local time is *w: Newton steps by the
** error, and a detected oscillation between two instants means a gap;
** glibc's stopping rule, kept identical so results agree. Returns 1 on
** a match (isdst still to be checked), 2 on a gap, 0 on failure. */
static int probe(const tz_zone *z, const want *w, int64_t *tp, tz_tm *tm) {
  int64_t t = ydhms(w->year, w->yday, w->hour, w->min, w->sec);
  int64_t t1 = t, t2 = t, dt;
  int probes = 6, dst2 = 0;
  for (;;) {
    if (!ranged(z, &t, tm)) return 0;
    dt = diff(w, tm);
    *tp = t;
    if (dt == 0) return 1;
    if (t == t1 && t != t2 &&
        (tm->isdst < 0 || (w->isdst < 0 ? dst2 <= (tm->isdst != 0)
                                         : (w->isdst != 0) !=
                                               (tm->isdst != 0))))
      return 2;
    if (--probes == 0) return 0;
    t1 = t2;
    t2 = t;
    t += dt;
    dst2 = tm->isdst != 0;
  }
}

/* The local time exists but with the other isdst: look outwards for an
** instant with the wanted isdst and reuse its offset; failing that,
** assume DST is one hour ahead. Stride, reach and fallback are glibc
** 2.36's (from the shortest and longest DST periods in tzdata). The
** stride, 601200 s (6 days 23 hours), is short enough not to step over
** any DST period; the reach is half of 457243200 s (about 14.5 years)
** plus a stride. Returns 1 with *tp and *tm set, 0 when a conversion
** fails. */
static int neighbour(const tz_zone *z, const want *w, int64_t *tp,
                     tz_tm *tm) {
  const int64_t stride = 601200, bound = 457243200 / 2 + 601200;
  int64_t delta;
  int dir;
  tz_tm otm;
  for (delta = stride; delta < bound; delta += stride)
    for (dir = -1; dir <= 1; dir += 2) {
      int64_t ot = *tp + delta * dir, gt;
      if (!ranged(z, &ot, &otm)) return 0;
      if (isdst_differ(w->isdst, otm.isdst)) continue;
      gt = ot + diff(w, &otm);
      if (tz_localtime(z, gt, tm) == TZ_OK) {
        *tp = gt;
        return 1;
      }
    }
  /* +1 h when standard time was wanted but DST found, -1 h reversed */
  *tp += HOUR * ((w->isdst == 0) - (tm->isdst == 0));
  return tz_localtime(z, *tp, tm) == TZ_OK;
}

/* Month is folded into the year first (mon may be any int, as in C).
** probe() gives 2 for a time in a gap: that answer stands whatever isdst
** was asked, as in glibc. zone NULL is timegm, which ignores isdst. */
tz_result tz_mktime(const tz_zone *z, tz_tm *in, int64_t *out) {
  want w;
  tz_tm tm;
  int64_t t;
  int mrem = in->mon % 12, neg = mrem < 0, rc, sec_req = in->sec;
  if (in->year - 1900 > INT_MAX || in->year - 1900 < INT_MIN)
    return TZ_ERANGE;
  w.year = in->year + in->mon / 12 - neg;
  w.yday = cal_yday(w.year, mrem + 12 * neg) + (int64_t)in->mday - 1;
  w.hour = in->hour;
  w.min = in->min;
  /* minutes are assumed to have 60 s while probing; the rest is added
  ** after, which is how glibc places "02:30:75" in a gap */
  w.sec = sec_req < 0 ? 0 : sec_req > 59 ? 59 : sec_req;
  w.isdst = z ? in->isdst : 0;
  rc = probe(z, &w, &t, &tm);
  if (rc == 0) return TZ_ERANGE;
  if (rc == 1 && isdst_differ(w.isdst, tm.isdst) &&
      !neighbour(z, &w, &t, &tm))
    return TZ_ERANGE;
  if (sec_req != tm.sec) {
    t += (int64_t)sec_req - w.sec;
    if (tz_localtime(z, t, &tm) != TZ_OK) return TZ_ERANGE;
  }
  *in = tm;
  *out = t;
  return TZ_OK;
}

/* }==== */

/* {==== MESSAGES */

const char *tz_strerror(tz_result code) {
  switch (code) {
  case TZ_OK: return "no error";
  case TZ_ENOMEM: return "not enough memory";
  case TZ_EMAGIC: return "not a TZif file";
  case TZ_ETRUNC: return "truncated TZif file";
  case TZ_ECORRUPT: return "corrupt TZif file";
  case TZ_EPOSIX: return "malformed TZ string";
  case TZ_ERANGE: return "time out of range";
  case TZ_EARG: return "missing argument";
  case TZ_EFORMAT: return "invalid conversion specifier";
  case TZ_EOUTPUT: return "output refused";
  }
  return "unknown tz error";
}

/* }==== */
