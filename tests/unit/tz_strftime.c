/*
** tests/unit/tz_strftime.c: unit tests of the tz engine's formatter:
** every conversion of os.date against glibc's output, long %Z names, %z,
** unknown conversions and a sink that runs out of room. See LICENSE.
*/
#include <limits.h>
#include <stdint.h>

#include "tz.h"
#include "unit.h"

/* A fixed buffer as a sink: refuses a piece that does not fit whole. */
typedef struct buf {
  char s[1024];
  size_t len, cap;
  int calls, empty_calls;
} buf;

static int put(void *ud, const char *s, size_t n) {
  buf *b = ud;
  b->calls++;
  if (n == 0) b->empty_calls++;
  if (n > b->cap - b->len) return 1;
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
  return 0;
}

static void buf_init(buf *b, size_t cap) {
  memset(b, 0, sizeof *b);
  b->cap = cap < sizeof b->s ? cap : sizeof b->s - 1;
}

/* fmt formatted at t in zone z (NULL: UTC) into *b; the result code. */
static tz_result format(const tz_zone *z, int64_t t, const char *fmt,
                        buf *b, size_t *stop) {
  tz_tm tm;
  if (tz_localtime(z, t, &tm) != TZ_OK) return TZ_ERANGE;
  return tz_strftime(&tm, fmt, strlen(fmt), put, b, stop);
}

static tz_zone *posix(const char *s) {
  tz_zone *z = NULL;
  tz_result rc = tz_load_posix(&z, s, strlen(s), unit_alloc, NULL);
  CHECK(rc == TZ_OK, "TZ=%s: expected to load, got %s", s, tz_strerror(rc));
  return z;
}

/* Every conversion Lua 5.4's os.date accepts, E and O forms included. */
static const char all[] =
    "%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%m|%M|%n|%p|%r|%R|%S|"
    "%t|%T|%u|%U|%V|%w|%W|%x|%X|%y|%Y|%z|%Z|%%|%Ec|%EC|%Ex|%EX|%Ey|%EY|%Od|"
    "%Oe|%OH|%OI|%Om|%OM|%OS|%Ou|%OU|%OV|%Ow|%OW|%Oy";

/* The expected texts are glibc 2.36's: Debian's lua5.4, os.date("!" ..
** all, t). The times cover ISO weeks that belong to the year before
** (2005-01-01, 2021-01-01, year 0) and after (2024-12-31, 1969-12-31),
** Feb 29, afternoons, and negative years (%C, %y and %g rounding down). */
static const struct {
  int64_t t;
  const char *want;
} known[] = {
  {0LL,
   "Thu|Thursday|Jan|January|Thu Jan  1 00:00:00 1970|19|01|01/01/70| 1|"
   "1970-01-01|70|1970|Jan|00|12|001|01|00|\n|AM|12:00:00 AM|00:00|00|"
   "\t|00:00:00|4|00|01|4|00|01/01/70|00:00:00|70|1970|+0000|GMT|%|"
   "Thu Jan  1 00:00:00 1970|19|01/01/70|00:00:00|70|1970|01| 1|00|12|"
   "01|00|00|4|00|01|4|00|70"},
  {1709876543LL,
   "Fri|Friday|Mar|March|Fri Mar  8 05:42:23 2024|20|08|03/08/24| 8|"
   "2024-03-08|24|2024|Mar|05|05|068|03|42|\n|AM|05:42:23 AM|05:42|23|"
   "\t|05:42:23|5|09|10|5|10|03/08/24|05:42:23|24|2024|+0000|GMT|%|"
   "Fri Mar  8 05:42:23 2024|20|03/08/24|05:42:23|24|2024|08| 8|05|05|"
   "03|42|23|5|09|10|5|10|24"},
  {1609459200LL,
   "Fri|Friday|Jan|January|Fri Jan  1 00:00:00 2021|20|01|01/01/21| 1|"
   "2021-01-01|20|2020|Jan|00|12|001|01|00|\n|AM|12:00:00 AM|00:00|00|"
   "\t|00:00:00|5|00|53|5|00|01/01/21|00:00:00|21|2021|+0000|GMT|%|"
   "Fri Jan  1 00:00:00 2021|20|01/01/21|00:00:00|21|2021|01| 1|00|12|"
   "01|00|00|5|00|53|5|00|21"},
  {1735603200LL,
   "Tue|Tuesday|Dec|December|Tue Dec 31 00:00:00 2024|20|31|12/31/24|31|"
   "2024-12-31|25|2025|Dec|00|12|366|12|00|\n|AM|12:00:00 AM|00:00|00|"
   "\t|00:00:00|2|52|01|2|53|12/31/24|00:00:00|24|2024|+0000|GMT|%|"
   "Tue Dec 31 00:00:00 2024|20|12/31/24|00:00:00|24|2024|31|31|00|12|"
   "12|00|00|2|52|01|2|53|24"},
  {1104537600LL,
   "Sat|Saturday|Jan|January|Sat Jan  1 00:00:00 2005|20|01|01/01/05| 1|"
   "2005-01-01|04|2004|Jan|00|12|001|01|00|\n|AM|12:00:00 AM|00:00|00|"
   "\t|00:00:00|6|00|53|6|00|01/01/05|00:00:00|05|2005|+0000|GMT|%|"
   "Sat Jan  1 00:00:00 2005|20|01/01/05|00:00:00|05|2005|01| 1|00|12|"
   "01|00|00|6|00|53|6|00|05"},
  {-62198755200LL,
   "Fri|Friday|Jan|January|Fri Jan  1 00:00:00 -1|-1|01|01/01/99| 1|"
   "-1-01-01|98|-2|Jan|00|12|001|01|00|\n|AM|12:00:00 AM|00:00|00|\t|"
   "00:00:00|5|00|53|5|00|01/01/99|00:00:00|99|-1|+0000|GMT|%|"
   "Fri Jan  1 00:00:00 -1|-1|01/01/99|00:00:00|99|-1|01| 1|00|12|01|00|"
   "00|5|00|53|5|00|99"},
  {-62167219200LL,
   "Sat|Saturday|Jan|January|Sat Jan  1 00:00:00 0|0|01|01/01/00| 1|"
   "0-01-01|99|-1|Jan|00|12|001|01|00|\n|AM|12:00:00 AM|00:00|00|\t|"
   "00:00:00|6|00|52|6|00|01/01/00|00:00:00|00|0|+0000|GMT|%|"
   "Sat Jan  1 00:00:00 0|0|01/01/00|00:00:00|00|0|01| 1|00|12|01|00|00|"
   "6|00|52|6|00|00"},
  {-99999999999LL,
   "Thu|Thursday|Feb|February|Thu Feb 15 14:13:21 -1199|-12|15|02/15/01|"
   "15|-1199-02-15|01|-1199|Feb|14|02|046|02|13|\n|PM|02:13:21 PM|14:13|"
   "21|\t|14:13:21|4|06|07|4|07|02/15/01|14:13:21|01|-1199|+0000|GMT|%|"
   "Thu Feb 15 14:13:21 -1199|-12|02/15/01|14:13:21|01|-1199|15|15|14|"
   "02|02|13|21|4|06|07|4|07|01"},
  {951825600LL,
   "Tue|Tuesday|Feb|February|Tue Feb 29 12:00:00 2000|20|29|02/29/00|29|"
   "2000-02-29|00|2000|Feb|12|12|060|02|00|\n|PM|12:00:00 PM|12:00|00|"
   "\t|12:00:00|2|09|09|2|09|02/29/00|12:00:00|00|2000|+0000|GMT|%|"
   "Tue Feb 29 12:00:00 2000|20|02/29/00|12:00:00|00|2000|29|29|12|12|"
   "02|00|00|2|09|09|2|09|00"},
  {253402300799LL,
   "Fri|Friday|Dec|December|Fri Dec 31 23:59:59 9999|99|31|12/31/99|31|"
   "9999-12-31|99|9999|Dec|23|11|365|12|59|\n|PM|11:59:59 PM|23:59|59|"
   "\t|23:59:59|5|52|52|5|52|12/31/99|23:59:59|99|9999|+0000|GMT|%|"
   "Fri Dec 31 23:59:59 9999|99|12/31/99|23:59:59|99|9999|31|31|23|11|"
   "12|59|59|5|52|52|5|52|99"},
  {-1LL,
   "Wed|Wednesday|Dec|December|Wed Dec 31 23:59:59 1969|19|31|12/31/69|"
   "31|1969-12-31|70|1970|Dec|23|11|365|12|59|\n|PM|11:59:59 PM|23:59|"
   "59|\t|23:59:59|3|52|01|3|52|12/31/69|23:59:59|69|1969|+0000|GMT|%|"
   "Wed Dec 31 23:59:59 1969|19|12/31/69|23:59:59|69|1969|31|31|23|11|"
   "12|59|59|3|52|01|3|52|69"},
  /* year INT_MAX: the ISO year after it wraps, as glibc's int does */
  {67767976233532799LL,
   "2147483647|21474836|47|-2147483648|52|Tue Dec 31 23:59:59 2147483647"},
};

static void test_every_conversion(void) {
  size_t i, stop;
  buf b;
  for (i = 0; i < sizeof known / sizeof *known; i++) {
    const char *fmt = i + 1 < sizeof known / sizeof *known
                          ? all : "%Y|%C|%y|%G|%g|%c";
    tz_result rc;
    buf_init(&b, sizeof b.s);
    rc = format(NULL, known[i].t, fmt, &b, &stop);
    CHECK(rc == TZ_OK && stop == strlen(fmt), "t=%lld: expected OK, got %s",
          (long long)known[i].t, tz_strerror(rc));
    CHECK(strcmp(b.s, known[i].want) == 0,
          "t=%lld:\n expected %s\n got      %s", (long long)known[i].t,
          known[i].want, b.s);
  }
}

/* %Z prints a TZ string's name whole (glibc takes any length), up to
** TZ_ABBR_MAX; %z drops the seconds of an offset (New York's LMT). */
static void test_zone_names(void) {
  char s[TZ_ABBR_MAX + 64], want[TZ_ABBR_MAX + 64];
  tz_zone *z = posix("<ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij>-3:30");
  size_t stop;
  buf b;
  buf_init(&b, sizeof b.s);
  CHECK(format(z, 0, "%Z|%z|%c", &b, &stop) == TZ_OK &&
            !strcmp(b.s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij|+0330|"
                         "Thu Jan  1 03:30:00 1970"),
        "36-letter name: got %s", b.s);
  tz_free(z);
  memset(want, 'N', TZ_ABBR_MAX);
  strcpy(want + TZ_ABBR_MAX, "|-0330");
  snprintf(s, sizeof s, "<%.*sNNNN>3:30", TZ_ABBR_MAX, want);
  z = posix(s);
  buf_init(&b, sizeof b.s);
  CHECK(format(z, 0, "%Z|%z", &b, &stop) == TZ_OK && !strcmp(b.s, want),
        "a name past TZ_ABBR_MAX: expected %d N's, got %zu bytes", TZ_ABBR_MAX,
        b.len);
  tz_free(z);
  CHECK(tz_load_fixed(&z, "LMT", -17762, unit_alloc, NULL) == TZ_OK, "LMT");
  buf_init(&b, sizeof b.s);
  CHECK(format(z, 0, "%Z|%z", &b, &stop) == TZ_OK &&
            !strcmp(b.s, "LMT|-0456"), "-4:56:02: got %s", b.s);
  tz_free(z);
  CHECK(tz_load_fixed(&z, "", 3600, unit_alloc, NULL) == TZ_OK, "no name");
  buf_init(&b, sizeof b.s);
  CHECK(format(z, 0, "[%Z]", &b, &stop) == TZ_OK && !strcmp(b.s, "[]") &&
            b.empty_calls == 0, "empty %%Z: got %s, %d empty pieces", b.s,
        b.empty_calls);
  tz_free(z);
}

/* Unknown conversions stop with TZ_EFORMAT at the byte after the '%'
** (what Lua's error message quotes), the text before already given. */
static void test_unknown_conversions(void) {
  static const struct {
    const char *fmt, *before;
    size_t stop;
  } bad[] = {{"%Q", "", 1},        {"%Ez", "", 1},       {"%E", "", 1},
             {"%O", "", 1},        {"%", "", 1},         {"abc%", "abc", 4},
             {"%5d", "", 1},       {"%%%", "%", 3},      {"%Y %Oz", "1970 ", 4},
             {"x%E%", "x", 2},     {"%Ey%Ek", "70", 4}};
  size_t i, stop;
  buf b;
  for (i = 0; i < sizeof bad / sizeof *bad; i++) {
    tz_result rc;
    buf_init(&b, sizeof b.s);
    rc = format(NULL, 0, bad[i].fmt, &b, &stop);
    CHECK(rc == TZ_EFORMAT && stop == bad[i].stop &&
              !strcmp(b.s, bad[i].before),
          "\"%s\": expected EFORMAT at %zu after \"%s\", got %s at %zu after "
          "\"%s\"", bad[i].fmt, bad[i].stop, bad[i].before, tz_strerror(rc),
          stop, b.s);
  }
}

/* A sink that runs out of room stops the formatting at the piece it
** refused; text runs and NUL bytes in the format are copied whole. */
static void test_overflow(void) {
  tz_tm tm;
  size_t stop;
  tz_result rc;
  buf b;
  buf_init(&b, 9);
  rc = format(NULL, 0, "%Y-%m-%d %H:%M", &b, &stop);
  CHECK(rc == TZ_EOUTPUT && stop == 6 && !strcmp(b.s, "1970-01-"),
        "9 bytes: expected EOUTPUT at 6 after 1970-01-, got %s at %zu, %s",
        tz_strerror(rc), stop, b.s);
  buf_init(&b, 6);
  rc = format(NULL, 0, "%Y and more text", &b, &stop);
  CHECK(rc == TZ_EOUTPUT && stop == 2 && !strcmp(b.s, "1970"),
        "6 bytes: expected EOUTPUT at 2, got %s at %zu", tz_strerror(rc), stop);
  buf_init(&b, sizeof b.s);
  CHECK(tz_localtime(NULL, 0, &tm) == TZ_OK, "epoch");
  rc = tz_strftime(&tm, "a\0%Y\0b", 6, put, &b, &stop);
  CHECK(rc == TZ_OK && stop == 6 && b.len == 8 &&
            !memcmp(b.s, "a\0" "1970\0b", 8) && b.calls == 3,
        "NUL bytes: got %s, %zu bytes in %d pieces", tz_strerror(rc), b.len,
        b.calls);
  buf_init(&b, 0);
  rc = tz_strftime(&tm, "", 0, put, &b, &stop);
  CHECK(rc == TZ_OK && stop == 0 && b.calls == 0, "empty format: %s",
        tz_strerror(rc));
}

/* Fields out of range (not from tz_localtime): names print "?" as in
** glibc, numbers as computed, nothing read out of bounds. */
static void test_fields_out_of_range(void) {
  tz_tm tm;
  size_t stop;
  buf b;
  CHECK(tz_localtime(NULL, 0, &tm) == TZ_OK, "epoch");
  tm.wday = 9;
  tm.mon = -1;
  tm.yday = INT_MAX;
  tm.hour = INT_MIN;
  buf_init(&b, sizeof b.s);
  CHECK(tz_strftime(&tm, "%a %A %b %B %m %j", 17, put, &b, &stop) == TZ_OK &&
            !strcmp(b.s, "? ? ? ? 00 2147483648"),
        "out of range: got %s", b.s);
  buf_init(&b, sizeof b.s);
  CHECK(tz_strftime(&tm, "%u%U%w%W%V%G%I%p", 16, put, &b, &stop) == TZ_OK,
        "out of range weeks: got %s", b.s);
}

int main(void) {
  test_every_conversion();
  test_zone_names();
  test_unknown_conversions();
  test_overflow();
  test_fields_out_of_range();
  CHECK(unit_live_bytes == 0, "expected no live allocations, %ld bytes left",
        unit_live_bytes);
  return UNIT_END();
}
