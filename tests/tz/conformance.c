/*
** conformance.c: compares the tz engine with glibc's localtime_r/mktime
** zone by zone, at every transition +-1 s and at samples. Host program:
** build with the system gcc against glibc, not musl. See LICENSE.
*/
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tz.h"

#define DAY 86400
#define T1970 0
#define T2038 2145916800    /* 2038-01-01: the transition sweep ends */
#define T1900 (-2208988800LL)
#define T2101 4133980800LL

static const char *zonedir = "/usr/share/zoneinfo";
static long compared, mismatched, shown, max_shown = 20;
static const char *cur_zone;
static char cur_tz[4200];

static void mismatch(const char *what, long long t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#include <stdarg.h>
static void mismatch(const char *what, long long t, const char *fmt, ...) {
  va_list ap;
  mismatched++;
  if (shown++ >= max_shown) return;
  printf("MISMATCH %s %s t=%lld: ", cur_zone, what, t);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
}

static void use_tz(const char *tz) {
  setenv("TZ", tz, 1);
  tzset();
}

/* glibc's mktime starts its search from the offset its previous call
** found (a static); a call made under UTC resets that to 0, which is
** where the engine always starts. */
static time_t glibc_mktime(struct tm *tm) {
  struct tm prime = {.tm_year = 100, .tm_mday = 1, .tm_isdst = -1};
  use_tz("UTC0");
  mktime(&prime);
  use_tz(cur_tz);
  return mktime(tm);
}

static int same_tm(const struct tm *g, const tz_tm *e) {
  return g->tm_year + 1900LL == e->year && g->tm_mon == e->mon &&
         g->tm_mday == e->mday && g->tm_hour == e->hour &&
         g->tm_min == e->min && g->tm_sec == e->sec &&
         g->tm_wday == e->wday && g->tm_yday == e->yday &&
         g->tm_isdst == e->isdst && g->tm_gmtoff == e->gmtoff &&
         strcmp(g->tm_zone, e->abbr) == 0;
}

static void show(char *b, size_t n, const struct tm *g, const tz_tm *e) {
  snprintf(b, n,
           "glibc %d-%02d-%02d %02d:%02d:%02d w%d y%d dst%d %ld %s / "
           "engine %lld-%02d-%02d %02d:%02d:%02d w%d y%d dst%d %d %s",
           g->tm_year + 1900, g->tm_mon + 1, g->tm_mday, g->tm_hour,
           g->tm_min, g->tm_sec, g->tm_wday, g->tm_yday, g->tm_isdst,
           g->tm_gmtoff, g->tm_zone, (long long)e->year, e->mon + 1,
           e->mday, e->hour, e->min, e->sec, e->wday, e->yday, e->isdst,
           e->gmtoff, e->abbr);
}

static void to_engine(const struct tm *g, tz_tm *e) {
  memset(e, 0, sizeof *e);
  e->year = g->tm_year + 1900LL;
  e->mon = g->tm_mon;
  e->mday = g->tm_mday;
  e->hour = g->tm_hour;
  e->min = g->tm_min;
  e->sec = g->tm_sec;
  e->isdst = g->tm_isdst;
}

/* mktime on the same fields with both; compare result and fields. */
static void cmp_mktime(const tz_zone *z, const struct tm *in, long long t) {
  struct tm g = *in;
  tz_tm e;
  int64_t et;
  time_t gt;
  char b[400];
  int rc;
  to_engine(in, &e);
  gt = glibc_mktime(&g);
  rc = tz_mktime(z, &e, &et);
  compared++;
  if (gt == (time_t)-1 && rc != TZ_OK) return;
  if (rc != TZ_OK || gt != et || !same_tm(&g, &e)) {
    show(b, sizeof b, &g, &e);
    mismatch("mktime", t, "in %d-%02d-%02d %02d:%02d:%02d dst%d: glibc %lld"
             " engine %lld rc %d; %s", in->tm_year + 1900, in->tm_mon + 1,
             in->tm_mday, in->tm_hour, in->tm_min, in->tm_sec,
             in->tm_isdst, (long long)gt, (long long)et, rc, b);
  }
}

/* localtime at t, then mktime round trips with the given isdst, with
** isdst -1, and with fields shifted by `shift` minutes (gap/overlap). */
static void check(const tz_zone *z, long long t, int shift) {
  time_t tt = t;
  struct tm g, in;
  tz_tm e;
  char b[400];
  int dst;
  use_tz(cur_tz);
  if (!localtime_r(&tt, &g)) return;
  compared++;
  if (tz_localtime(z, t, &e) != TZ_OK || !same_tm(&g, &e)) {
    show(b, sizeof b, &g, &e);
    mismatch("localtime", t, "%s", b);
  }
  in = g;
  cmp_mktime(z, &in, t);
  in.tm_isdst = -1;
  cmp_mktime(z, &in, t);
  if (!shift) return;
  for (dst = -1; dst <= 1; dst++) {
    in = g;
    in.tm_min += shift;
    in.tm_isdst = dst;
    cmp_mktime(z, &in, t);
  }
  in = g;           /* seconds out of range: glibc adds them after */
  in.tm_sec += shift * 60;
  in.tm_isdst = -1;
  cmp_mktime(z, &in, t);
}

static int offset_at(const tz_zone *z, long long t, long *key) {
  tz_tm e;
  time_t tt = t;
  struct tm g;
  if (tz_localtime(z, t, &e) != TZ_OK || !localtime_r(&tt, &g)) return 0;
  key[0] = e.gmtoff * 4 + e.isdst * 2;
  key[1] = g.tm_gmtoff * 4 + g.tm_isdst * 2;
  key[2] = (long)e.abbr[0] << 16 | (long)(unsigned char)g.tm_zone[0];
  return 1;
}

/* Narrow [lo, hi] (different keys) to the first second of the change. */
static long long bisect(const tz_zone *z, long long lo, long long hi) {
  long klo[3], k[3];
  offset_at(z, lo, klo);
  while (hi - lo > 1) {
    long long mid = lo + (hi - lo) / 2;
    offset_at(z, mid, k);
    if (memcmp(k, klo, sizeof k) == 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/* Every change seen by either side between 1970 and 2037, found by a
** daily scan and bisection, checked at -1, 0, +1 s; plus samples. */
static void sweep(const tz_zone *z) {
  long long t, at;
  long prev[3], k[3];
  use_tz(cur_tz);
  offset_at(z, T1970, prev);
  for (t = T1970; t < T2038; t += DAY / 4) {
    if (!offset_at(z, t, k)) continue;
    if (memcmp(k, prev, sizeof k) != 0) {
      at = bisect(z, t - DAY / 4, t);
      check(z, at - 1, 30);
      check(z, at, 0);
      check(z, at + 1, 0);
      memcpy(prev, k, sizeof k);
    }
  }
  for (t = T1900; t < T1970; t += 7 * DAY + 3599) check(z, t, 0);
  for (t = T2038; t < T2101; t += 7 * DAY + 3599) check(z, t, 0);
}

static void *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  char *b = NULL;
  size_t n = 0, cap = 0, r;
  if (!f) return NULL;
  do {
    if (n == cap) b = realloc(b, cap = cap * 2 + 4096);
    r = fread(b + n, 1, cap - n, f);
    n += r;
  } while (r > 0);
  fclose(f);
  *size = n;
  return b;
}

static void run_zone(const char *name, const char *path) {
  size_t size;
  void *data = read_file(path, &size);
  tz_zone *z = NULL;
  int where = 0, rc;
  cur_zone = name;
  snprintf(cur_tz, sizeof cur_tz, ":%s", path);
  if (!data) {
    mismatch("open", 0, "cannot read %s", path);
    return;
  }
  rc = tz_load_tzif(&z, data, size, mem_libc, NULL, &where);
  free(data);
  compared++;
  if (rc != TZ_OK) {
    mismatch("load", 0, "%s (line %d)", tz_strerror(rc), where);
    return;
  }
  sweep(z);
  tz_free(z);
}

static int visit(const char *path, const struct stat *st, int flag,
                 struct FTW *ftw) {
  const char *rel = path + strlen(zonedir) + 1;
  char magic[4];
  FILE *f;
  (void)st;
  (void)ftw;
  if (flag != FTW_F) return 0;
  if (!strncmp(rel, "posix/", 6) || !strncmp(rel, "right/", 6)) return 0;
  if (!(f = fopen(path, "rb"))) return 0;
  if (fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0)
    run_zone(rel, path);
  fclose(f);
  return 0;
}

int main(int argc, char **argv) {
  int i = 1;
  char path[4096];
  if (getenv("TZDIR")) zonedir = getenv("TZDIR");
  if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
    max_shown = atol(argv[i + 1]);
    i += 2;
  }
  if (i == argc)
    nftw(zonedir, visit, 16, FTW_PHYS);
  for (; i < argc; i++) {
    snprintf(path, sizeof path, "%s/%s", zonedir, argv[i]);
    run_zone(argv[i], path);
  }
  printf("%ld compared, %ld mismatched\n", compared, mismatched);
  return mismatched != 0;
}
