/*
** tests/unit/cal.c: unit tests of the calendar engine: known dates, a
** day-by-day walk checked against a month table of its own, round trips
** near and far, negative years. See LICENSE.
*/
#include <stdint.h>

#include "cal.h"
#include "unit.h"

/* Dates whose day numbers come from elsewhere: Python's proleptic
** Gregorian date.toordinal() for years 1-9999, the Julian Day Number
** for -4713-11-24 (JD 0), and year 0 and -1 counted back from year 1. */
static const struct {
  int64_t year;
  int mon, mday;
  int64_t days;
  int wday, yday;
} known[] = {
  {1970, 0, 1, 0, 4, 0},           {1900, 0, 1, -25567, 1, 0},
  {2000, 2, 1, 11017, 3, 60},      {2024, 1, 29, 19782, 4, 59},
  {1582, 9, 15, -141427, 5, 287},  {9999, 11, 31, 2932896, 5, 364},
  {1, 0, 1, -719162, 1, 0},        {1980, 0, 1, 3652, 2, 0},
  {2107, 11, 31, 50402, 6, 364},   {0, 0, 1, -719528, 6, 0},
  {-1, 0, 1, -719893, 5, 0},       {-4713, 10, 24, -2440588, 1, 327},
};

static void test_known_dates(void) {
  size_t i;
  for (i = 0; i < sizeof known / sizeof *known; i++) {
    cal_date d;
    int64_t n = cal_days(known[i].year, known[i].mon, known[i].mday);
    CHECK(n == known[i].days, "%lld-%02d-%02d: expected day %lld, got %lld",
          (long long)known[i].year, known[i].mon + 1, known[i].mday,
          (long long)known[i].days, (long long)n);
    cal_date_of(known[i].days, &d);
    CHECK(d.year == known[i].year && d.mon == known[i].mon &&
              d.mday == known[i].mday && d.wday == known[i].wday &&
              d.yday == known[i].yday,
          "day %lld: expected %lld-%02d-%02d wday %d yday %d, got "
          "%lld-%02d-%02d wday %d yday %d", (long long)known[i].days,
          (long long)known[i].year, known[i].mon + 1, known[i].mday,
          known[i].wday, known[i].yday, (long long)d.year, d.mon + 1, d.mday,
          d.wday, d.yday);
  }
}

static int test_leap(int64_t y) {
  return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
}

/* The date after d, by this test's own month lengths. */
static void next_day(cal_date *d) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int mlen = len[d->mon] + (d->mon == 1 && test_leap(d->year));
  d->wday = (d->wday + 1) % 7;
  d->yday++;
  if (++d->mday <= mlen) return;
  d->mday = 1;
  if (++d->mon < 12) return;
  d->mon = 0;
  d->yday = 0;
  d->year++;
}

/* Every day from 3000 BC to AD 7000 (3.65 million days): each date is the
** one after the day before, and converts back to its day number. */
static void test_walk(void) {
  int64_t n, start = cal_days(-3000, 0, 1), end = cal_days(7000, 0, 1);
  long bad = 0;
  cal_date want, got;
  cal_date_of(start, &want);
  CHECK(want.year == -3000 && want.mon == 0 && want.mday == 1 &&
            want.yday == 0, "start: got %lld-%d-%d", (long long)want.year,
        want.mon + 1, want.mday);
  for (n = start; n < end; n++) {
    cal_date_of(n, &got);
    if (got.year != want.year || got.mon != want.mon ||
        got.mday != want.mday || got.yday != want.yday ||
        got.wday != want.wday || cal_days(got.year, got.mon, got.mday) != n ||
        cal_leap(got.year) != test_leap(got.year)) {
      if (bad++ < 5)
        CHECK(0, "day %lld: expected %lld-%02d-%02d (%d, %d), got "
                 "%lld-%02d-%02d (%d, %d)", (long long)n,
              (long long)want.year, want.mon + 1, want.mday, want.yday,
              want.wday, (long long)got.year, got.mon + 1, got.mday, got.yday,
              got.wday);
    }
    next_day(&want);
  }
  CHECK(bad == 0, "walk: %ld days wrong", bad);
}

/* Far days and years, both signs: round trips, and 400 years are always
** 146097 days. */
static void test_far(void) {
  static const int64_t days[] = {
      (int64_t)1 << 48, -((int64_t)1 << 48), ((int64_t)1 << 41) + 12345,
      -((int64_t)1 << 41) - 777, 67768036191676799LL / 86400, -719528 - 1};
  static const int64_t years[] = {(int64_t)1 << 40, -((int64_t)1 << 40),
                                  2147485547LL, -2147481748LL, -1, -401};
  size_t i;
  int m;
  for (i = 0; i < sizeof days / sizeof *days; i++) {
    cal_date d;
    cal_date_of(days[i], &d);
    CHECK(cal_days(d.year, d.mon, d.mday) == days[i] && d.mday >= 1 &&
              d.mday <= 31 && d.mon >= 0 && d.mon < 12 && d.wday >= 0 &&
              d.wday < 7 && d.yday == cal_yday(d.year, d.mon) + d.mday - 1,
          "day %lld: no round trip", (long long)days[i]);
  }
  for (i = 0; i < sizeof years / sizeof *years; i++)
    for (m = 0; m < 12; m++) {
      cal_date d;
      int64_t n = cal_days(years[i], m, 1);
      cal_date_of(n, &d);
      CHECK(d.year == years[i] && d.mon == m && d.mday == 1,
            "%lld-%02d-01: came back as %lld-%02d-%02d", (long long)years[i],
            m + 1, (long long)d.year, d.mon + 1, d.mday);
      CHECK(cal_days(years[i] + 400, m, 1) - n == 146097,
            "%lld-%02d: 400 years are not 146097 days", (long long)years[i],
            m + 1);
    }
}

/* Days past the month's end count on (a DOS date's February 31st), and
** the year's length and leap rule at the century years. */
static void test_rollover_and_lengths(void) {
  CHECK(cal_days(2023, 1, 31) == cal_days(2023, 2, 3), "2023-02-31");
  CHECK(cal_days(2024, 1, 31) == cal_days(2024, 2, 2), "2024-02-31");
  CHECK(cal_days(2024, 0, 0) == cal_days(2023, 11, 31), "2024-01-00");
  CHECK(cal_days(1999, 11, 32) == cal_days(2000, 0, 1), "1999-12-32");
  CHECK(cal_yday(1900, 12) == 365 && cal_yday(2000, 12) == 366 &&
            cal_yday(2100, 12) == 365 && cal_yday(-4, 12) == 366 &&
            cal_yday(-100, 12) == 365 && cal_yday(-400, 12) == 366,
        "year lengths at century years");
  CHECK(cal_yday(2024, 2) == 60 && cal_yday(2023, 2) == 59, "March 1st");
  CHECK(cal_floordiv(-1, 7) == -1 && cal_floordiv(-7, 7) == -1 &&
            cal_floordiv(-8, 7) == -2 && cal_floordiv(6, 7) == 0,
        "floor division");
  CHECK(cal_wday(-1) == 3 && cal_wday(-7) == 4 && cal_wday(3) == 0,
        "weekdays around 1970");
}

int main(void) {
  test_known_dates();
  test_walk();
  test_far();
  test_rollover_and_lengths();
  return UNIT_END();
}
