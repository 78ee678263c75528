/*
** tests/unit/tz.c: unit tests of the time-zone engine: TZif parsing and
** its rejections, TZ strings, localtime and glibc-style mktime.
** See LICENSE.
*/
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "tz.h"
#include "unit.h"

/* A v2 New York-like zone: EST/EDT around 2024 with transitions at
** 2024-03-10 07:00Z and 2024-11-03 06:00Z, v1 body holding only UTC,
** footer EST5EDT,M3.2.0,M11.1.0. Byte offsets used by the patches:
** 86 v2 timecnt, 90 v2 typecnt, 98 times, 114 indices, 116 types
** (6 bytes each), 128 chars, 136 footer. */
static const char ny_hex[] =
  "545a696632000000000000000000000000000000000000000000000000000000"
  "00000000000000010000000400000000000055544300545a6966320000000000"
  "0000000000000000000000000000000000000000000000000002000000020000"
  "00080000000065ed5a7000000000672711600100ffffb9b00000ffffc7c00104"
  "45535400454454000a455354354544542c4d332e322e302c4d31312e312e300a";

/* The same zone as a version 1 file (32-bit times, no footer). */
static const char v1_hex[] =
  "545a696600000000000000000000000000000000000000000000000000000000"
  "00000002000000020000000865ed5a70672711600100ffffb9b00000ffffc7c0"
  "01044553540045445400";

static size_t unhex(const char *h, uint8_t *out) {
  size_t n = 0;
  for (; h[0] && h[1]; h += 2) {
    unsigned v;
    sscanf(h, "%2x", &v);
    out[n++] = (uint8_t)v;
  }
  return n;
}

static tz_zone *load_hex(const char *h, tz_result want) {
  uint8_t b[256];
  size_t n = unhex(h, b);
  tz_zone *z = NULL;
  int where;
  tz_result rc = tz_load_tzif(&z, b, n, unit_alloc, NULL, &where);
  CHECK(rc == want, "expected %s, got %s (line %d)", tz_strerror(want),
        tz_strerror(rc), where);
  return z;
}

static tz_zone *posix(const char *s) {
  tz_zone *z = NULL;
  tz_result rc = tz_load_posix(&z, s, strlen(s), unit_alloc, NULL);
  CHECK(rc == TZ_OK, "TZ \"%s\": expected ok, got %s", s, tz_strerror(rc));
  return z;
}

/* localtime at t must give hh:mm:ss, offset, isdst and abbreviation. */
static void expect_local(const tz_zone *z, int64_t t, const char *hms,
                         int32_t off, int isdst, const char *abbr) {
  tz_tm tm;
  char got[48];
  tz_result rc = tz_localtime(z, t, &tm);
  CHECK(rc == TZ_OK, "t=%lld: expected ok, got %s", (long long)t,
        tz_strerror(rc));
  if (rc) return;
  snprintf(got, sizeof got, "%02d:%02d:%02d", tm.hour, tm.min, tm.sec);
  CHECK(strcmp(got, hms) == 0 && tm.gmtoff == off && tm.isdst == isdst &&
            strcmp(tm.abbr, abbr) == 0,
        "t=%lld: expected %s %d dst%d %s, got %s %d dst%d %s", (long long)t,
        hms, off, isdst, abbr, got, tm.gmtoff, tm.isdst, tm.abbr);
}

/* Patch one byte of the NY file and expect a result code. */
static void patched(size_t at, uint8_t v, size_t len, tz_result want) {
  uint8_t b[256];
  size_t n = unhex(ny_hex, b);
  tz_zone *z = NULL;
  int where;
  tz_result rc;
  if (at < n) b[at] = v;
  if (len) n = len;
  rc = tz_load_tzif(&z, b, n, unit_alloc, NULL, &where);
  CHECK(rc == want, "byte %zu=%02x len %zu: expected %s, got %s (line %d)",
        at, v, n, tz_strerror(want), tz_strerror(rc), where);
  tz_free(z);
}

static void test_tzif_reading(void) {
  tz_zone *z = load_hex(ny_hex, TZ_OK);
  expect_local(z, 0, "19:00:00", -18000, 0, "EST");   /* before first */
  expect_local(z, 1710053999, "01:59:59", -18000, 0, "EST");
  expect_local(z, 1710054000, "03:00:00", -14400, 1, "EDT");
  expect_local(z, 1730613599, "01:59:59", -14400, 1, "EDT");
  expect_local(z, 1730613600, "01:00:00", -18000, 0, "EST");
  /* after the last transition the footer rules: 2030-07-01 12:00Z */
  expect_local(z, 1909224000, "08:00:00", -14400, 1, "EDT");
  tz_free(z);
  z = load_hex(v1_hex, TZ_OK);
  expect_local(z, 1710054000, "03:00:00", -14400, 1, "EDT");
  expect_local(z, 1909224000, "07:00:00", -18000, 0, "EST"); /* no footer */
  tz_free(z);
}

static void test_tzif_rejections(void) {
  uint8_t b[8] = {'T', 'Z', 'i', 'f'};
  tz_zone *z = (tz_zone *)1;
  CHECK(tz_load_tzif(&z, b, 8, unit_alloc, NULL, NULL) == TZ_EMAGIC && !z,
        "8 bytes: expected not a TZif file and NULL zone");
  patched(0, 'X', 0, TZ_EMAGIC);          /* bad magic */
  patched(999, 0, 43, TZ_EMAGIC);         /* shorter than a header */
  patched(999, 0, 50, TZ_ETRUNC);         /* v1 body cut */
  patched(999, 0, 60, TZ_ETRUNC);         /* second header cut */
  patched(999, 0, 120, TZ_ETRUNC);        /* v2 body cut */
  patched(54, 'X', 0, TZ_ECORRUPT);       /* second magic */
  patched(4, '1', 0, TZ_ECORRUPT);        /* no version 1 exists */
  patched(32, 0xff, 0, TZ_ETRUNC);        /* absurd v1 timecnt */
  patched(86, 0xff, 0, TZ_ETRUNC);        /* absurd v2 timecnt */
  patched(93, 0, 0, TZ_ECORRUPT);         /* typecnt 0 */
  patched(90, 1, 0, TZ_ECORRUPT);         /* typecnt > 256 */
  patched(114, 2, 0, TZ_ECORRUPT);        /* type index out of range */
  patched(127, 8, 0, TZ_ECORRUPT);        /* abbreviation index */
  patched(135, 'X', 0, TZ_ECORRUPT);      /* abbreviation unterminated */
  patched(116, 0x7f, 0, TZ_ECORRUPT);     /* utoff of 2^31-ish */
  patched(126, 2, 0, TZ_ECORRUPT);        /* isdst neither 0 nor 1 */
  patched(110, 0x60, 0, TZ_ECORRUPT);     /* transitions out of order */
  patched(137, '!', 0, TZ_ECORRUPT);      /* garbage footer */
  patched(999, 0, 159, TZ_ECORRUPT);      /* footer not terminated */
  patched(999, 0, 136, TZ_OK);            /* footer absent: tolerated */
}

/* glibc takes TZ names whole at any length; kept up to TZ_ABBR_MAX. */
static void test_long_names(void) {
  char s[TZ_ABBR_MAX + 64], want[TZ_ABBR_MAX + 1], name[TZ_ABBR_MAX + 1];
  tz_zone *z = posix("ABCDEFGHIJKLMNOPQ5");
  expect_local(z, 0, "19:00:00", -18000, 0, "ABCDEFGHIJKLMNOPQ");
  tz_free(z);
  z = posix("<ABCDEFGHIJKLMNOPQRST>-3<ABCDEFGHIJKLMNOPQRSTUVWX>,J100,J200");
  expect_local(z, 0, "03:00:00", 10800, 0, "ABCDEFGHIJKLMNOPQRST");
  expect_local(z, 15552000, "04:00:00", 14400, 1, "ABCDEFGHIJKLMNOPQRSTUVWX");
  tz_free(z);
  memset(s, 'A', TZ_ABBR_MAX + 20);
  strcpy(s + TZ_ABBR_MAX + 20, "-3");
  memset(want, 'A', TZ_ABBR_MAX);
  want[TZ_ABBR_MAX] = '\0';
  z = posix(s);
  expect_local(z, 0, "03:00:00", 10800, 0, want);
  tz_free(z);
  CHECK(tz_posix_name(s, strlen(s), name) == TZ_ABBR_MAX &&
            strcmp(name, want) == 0,
        "fallback name of a name past TZ_ABBR_MAX: expected it cut");
  CHECK(tz_posix_name("<ABCDEFGHIJKLMNOPQRST>", 22, name) == 20 &&
            strcmp(name, "ABCDEFGHIJKLMNOPQRST") == 0,
        "fallback name of a long quoted name: expected it whole, got %s",
        name);
  CHECK(tz_posix_name("<ABCDEFGHIJKLMNOPQRST", 21, name) == 0 &&
            name[0] == '\0',
        "fallback name of a quoted name without '>': expected empty");
}

static void test_posix_strings(void) {
  static const char *bad[] = {"", "EST", "ES5", "5", "<+03", "<+0>-0",
    "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0",
    "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J5", "EST5EDT,366,5",
    "EST5EDT,M3.2.0/168,M11.1.0", "EST25", "EST5:60", "EST5EDT,M3.2.0,x",
    "EST5EDT,M3.2.0,M11.1.0junk",
    "EST5EDT,M3.2.0/,M11.1.0", "EST5EDT;M3.2.0"};
  size_t i;
  tz_zone *z;
  for (i = 0; i < sizeof bad / sizeof *bad; i++) {
    tz_result rc = tz_load_posix(&z, bad[i], strlen(bad[i]), unit_alloc, NULL);
    CHECK(rc == TZ_EPOSIX && !z, "TZ \"%s\": expected malformed, got %s",
          bad[i], tz_strerror(rc));
  }
  CHECK(tz_load_posix(&z, NULL, 0, unit_alloc, NULL) == TZ_EARG && !z,
        "NULL TZ string: TZ_EARG, as for the other loaders");
  test_long_names();
  z = posix("<+0330>-3:30");
  expect_local(z, 0, "03:30:00", 12600, 0, "+0330");
  tz_free(z);
  z = posix("JST-9");
  expect_local(z, 0, "09:00:00", 32400, 0, "JST");
  tz_free(z);
  z = posix("EST5EDT");   /* DST without rules: M3.2.0,M11.1.0 */
  expect_local(z, 1710054000, "03:00:00", -14400, 1, "EDT");
  expect_local(z, 1730613600, "01:00:00", -18000, 0, "EST");
  tz_free(z);
}

static void test_posix_rule_forms(void) {
  /* J60 is March 1st even in leap years; 60 counts Feb 29 */
  tz_zone *z = posix("AAA0BBB,J60/0,J300/0");
  expect_local(z, 1709251199, "23:59:59", 0, 0, "AAA"); /* 2024-02-29 */
  expect_local(z, 1709251200, "01:00:00", 3600, 1, "BBB");
  tz_free(z);
  z = posix("AAA0BBB,59/0,300/0");       /* zero-based: day 59 = Feb 29 */
  expect_local(z, 1709164800, "01:00:00", 3600, 1, "BBB");
  tz_free(z);
  /* negative and >24h times (v3): start Sat 23:00, end Mon 01:00 */
  z = posix("<-02>2<-01>,M3.5.0/-1,M10.5.0/25");
  expect_local(z, 1711846799, "22:59:59", -7200, 0, "-02"); /* 03-30 */
  expect_local(z, 1711846800, "00:00:00", -3600, 1, "-01");
  expect_local(z, 1730080799, "00:59:59", -3600, 1, "-01"); /* 10-28 */
  expect_local(z, 1730080800, "00:00:00", -7200, 0, "-02");
  tz_free(z);
  /* permanent DST written as a rule: DST also on Jan 1 00:00-05:00Z */
  z = posix("EST5EDT,0/0,J365/25");
  expect_local(z, 1704067200, "20:00:00", -14400, 1, "EDT");
  tz_free(z);
  /* southern hemisphere, DST across New Year */
  z = posix("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
  expect_local(z, 1704067200, "11:00:00", 39600, 1, "+11");
  expect_local(z, 1719792000, "10:30:00", 37800, 0, "+1030");
  tz_free(z);
}

/* mktime: fields in, expected instant and normalized local time out. */
static void expect_mktime(const tz_zone *z, int64_t y, int mon, int mday,
                          int h, int mi, int s, int isdst, int64_t want,
                          const char *norm) {
  tz_tm tm = {.year = y, .mon = mon, .mday = mday, .hour = h, .min = mi,
              .sec = s, .isdst = isdst};
  int64_t t = 0;
  char got[112 + TZ_ABBR_MAX];
  tz_result rc = tz_mktime(z, &tm, &t);
  CHECK(rc == TZ_OK, "mktime %lld-%d-%d: expected ok, got %s",
        (long long)y, mon + 1, mday, tz_strerror(rc));
  if (rc) return;
  snprintf(got, sizeof got, "%lld-%02d-%02d %02d:%02d:%02d %s",
           (long long)tm.year, tm.mon + 1, tm.mday, tm.hour, tm.min, tm.sec,
           tm.abbr);
  CHECK(t == want && strcmp(got, norm) == 0,
        "mktime: expected %lld %s, got %lld %s", (long long)want, norm,
        (long long)t, got);
}

static void test_mktime(void) {
  tz_zone *z = posix("EST5EDT,M3.2.0,M11.1.0");
  tz_tm tm = {.year = (int64_t)INT_MAX + 1901, .mday = 1, .isdst = -1};
  int64_t t;
  /* normalization: month 13, day 0, negative seconds */
  expect_mktime(z, 2023, 13, 1, 12, 0, 0, -1, 1706806800,
                "2024-02-01 12:00:00 EST");
  expect_mktime(z, 2024, 2, 0, 12, 0, 0, -1, 1709226000,
                "2024-02-29 12:00:00 EST");
  expect_mktime(z, 2024, 0, 1, 0, 0, -1, -1, 1704085199,
                "2023-12-31 23:59:59 EST");
  /* gap: 02:30 does not exist on 2024-03-10 */
  expect_mktime(z, 2024, 2, 10, 2, 30, 0, -1, 1710055800,
                "2024-03-10 03:30:00 EDT");
  expect_mktime(z, 2024, 2, 10, 2, 30, 0, 0, 1710055800,
                "2024-03-10 03:30:00 EDT");
  expect_mktime(z, 2024, 2, 10, 2, 30, 0, 1, 1710052200,
                "2024-03-10 01:30:00 EST");
  /* overlap: 01:30 happens twice on 2024-11-03 */
  expect_mktime(z, 2024, 10, 3, 1, 30, 0, -1, 1730611800,
                "2024-11-03 01:30:00 EDT");
  expect_mktime(z, 2024, 10, 3, 1, 30, 0, 0, 1730615400,
                "2024-11-03 01:30:00 EST");
  /* isdst hint against the zone: the DST difference is applied */
  expect_mktime(z, 2024, 6, 1, 12, 0, 0, 0, 1719853200,
                "2024-07-01 13:00:00 EDT");
  CHECK(tz_mktime(z, &tm, &t) == TZ_ERANGE, "year beyond int: expected "
        "out of range");
  tm.year = (int64_t)INT_MAX + 1900;
  tm.mon = 12;
  CHECK(tz_mktime(z, &tm, &t) == TZ_ERANGE, "normalized year beyond int: "
        "expected out of range");
  tz_free(z);
  /* NULL zone: timegm, isdst hint ignored */
  expect_mktime(NULL, 1970, 0, 1, 0, 0, 0, 1, 0, "1970-01-01 00:00:00 GMT");
  expect_mktime(NULL, 1900, 0, 1, 0, 0, 0, -1, -2208988800LL,
                "1900-01-01 00:00:00 GMT");
}

static void test_utc_and_ranges(void) {
  tz_tm tm;
  tz_zone *z;
  char name[TZ_ABBR_MAX + 1];
  expect_local(NULL, -1, "23:59:59", 0, 0, "GMT");
  CHECK(tz_localtime(NULL, INT64_MAX, &tm) == TZ_ERANGE,
        "INT64_MAX: expected out of range");
  CHECK(tz_localtime(NULL, 67768036191676799LL, &tm) == TZ_OK &&
            tm.year == (int64_t)INT_MAX + 1900,
        "last second of year INT_MAX+1900: expected ok");
  CHECK(tz_localtime(NULL, 67768036191676800LL, &tm) == TZ_ERANGE,
        "first second past it: expected out of range");
  CHECK(tz_load_fixed(&z, "UTC", 0, unit_alloc, NULL) == TZ_OK,
        "fixed UTC zone: expected ok");
  expect_local(z, 0, "00:00:00", 0, 0, "UTC");
  tz_free(z);
  CHECK(tz_load_fixed(&z, "X", 26 * 3600, unit_alloc, NULL) == TZ_ERANGE,
        "fixed offset of 26 h: expected out of range");
  CHECK(tz_posix_name("Europe/Nowhere", 14, name) == 6 &&
            strcmp(name, "Europe") == 0,
        "fallback name of Europe/Nowhere: expected Europe, got %s", name);
  CHECK(tz_posix_name("ab", 2, name) == 0 && name[0] == '\0',
        "fallback name of ab: expected empty, got %s", name);
  CHECK(tz_posix_name("<+05>x", 6, name) == 3 && !strcmp(name, "+05"),
        "fallback name of <+05>x: expected +05, got %s", name);
}

static void test_alloc_failure(void) {
  uint8_t b[256];
  size_t n = unhex(ny_hex, b);
  tz_zone *z = (tz_zone *)1;
  unit_nallocs = 0;
  unit_fail_at = 1; /* the first allocation fails */
  CHECK(tz_load_tzif(&z, b, n, unit_alloc, NULL, NULL) == TZ_ENOMEM && !z,
        "failing allocator: expected not enough memory and NULL zone");
  CHECK(tz_load_posix(&z, "UTC0", 4, unit_alloc, NULL) == TZ_ENOMEM && !z,
        "failing allocator, TZ string: expected not enough memory");
  unit_fail_at = 0;
  CHECK(unit_live_bytes == 0, "expected no live bytes, got %ld",
        unit_live_bytes);
  CHECK(strcmp(tz_strerror((tz_result)99), "unknown tz error") == 0,
        "unknown code: expected a generic message");
}

/* Every file in tests/corrupt/tz/ must be refused with the code its
** name starts with (ecorrupt-, etrunc-, emagic-). */
static void test_corrupt_corpus(void) {
  static const struct { const char *prefix; tz_result rc; } codes[] = {
    {"ecorrupt-", TZ_ECORRUPT}, {"etrunc-", TZ_ETRUNC},
    {"emagic-", TZ_EMAGIC}};
  DIR *d = opendir("tests/corrupt/tz");
  struct dirent *de;
  int files = 0;
  CHECK(d != NULL, "expected tests/corrupt/tz (run from the repo root)");
  while (d && (de = readdir(d)) != NULL) {
    char path[512];
    uint8_t b[4096];
    size_t n, i;
    FILE *f;
    tz_zone *z = NULL;
    tz_result want = TZ_OK, rc;
    for (i = 0; i < sizeof codes / sizeof *codes; i++)
      if (!strncmp(de->d_name, codes[i].prefix, strlen(codes[i].prefix)))
        want = codes[i].rc;
    if (want == TZ_OK) continue;
    snprintf(path, sizeof path, "tests/corrupt/tz/%s", de->d_name);
    if (!(f = fopen(path, "rb"))) continue;
    n = fread(b, 1, sizeof b, f);
    fclose(f);
    rc = tz_load_tzif(&z, b, n, unit_alloc, NULL, NULL);
    CHECK(rc == want && !z, "%s: expected %s, got %s", de->d_name,
          tz_strerror(want), tz_strerror(rc));
    tz_free(z);
    files++;
  }
  if (d) closedir(d);
  CHECK(files > 0, "expected files in tests/corrupt/tz, found none");
}

int main(void) {
  test_corrupt_corpus();
  test_tzif_reading();
  test_tzif_rejections();
  test_posix_strings();
  test_posix_rule_forms();
  test_mktime();
  test_utc_and_ranges();
  test_alloc_failure();
  CHECK(unit_live_bytes == 0, "leak: %ld bytes still live",
        unit_live_bytes);
  return UNIT_END();
}
