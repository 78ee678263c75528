/*
** cal.c: the proleptic Gregorian calendar in day numbers. The contracts
** are in cal.h. See LICENSE.
*/
#include "cal.h"

/* Both directions are Howard Hinnant's algorithms ("chrono-Compatible
** Low-Level Date Algorithms"): years are counted from March 1st so that
** the leap day ends the year, 400 years (an era) are 146097 days, and
** 719468 is the day count from 0000-03-01 to 1970-01-01. */
#define ERA_DAYS 146097
#define EPOCH_SHIFT 719468

/* Days before each month, [leap][month]; [leap][12] is the year's
** length. */
static const int mon_start[2][13] = {
  {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
  {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};

int64_t cal_floordiv(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && a < 0);
}

int cal_leap(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int cal_yday(int64_t year, int mon) {
  return mon_start[cal_leap(year)][mon];
}

/* Day of the March-based year of month mon (March 0 .. February 11):
** (153 * m + 2) / 5 is the days before month m of such a year. */
int64_t cal_days(int64_t year, int mon, int64_t mday) {
  int64_t y = year - (mon < 2), era = cal_floordiv(y, 400);
  int64_t yoe = y - era * 400;                       /* 0..399 */
  int64_t m = mon < 2 ? mon + 10 : mon - 2;
  int64_t doy = (153 * m + 2) / 5 + mday - 1;
  return era * ERA_DAYS + yoe * 365 + yoe / 4 - yoe / 100 + doy -
         EPOCH_SHIFT;
}

int cal_wday(int64_t days) {
  int64_t a = days + 4; /* day 0 was a Thursday */
  return (int)(a - cal_floordiv(a, 7) * 7);
}

void cal_date_of(int64_t days, cal_date *out) {
  int64_t z = days + EPOCH_SHIFT, era = cal_floordiv(z, ERA_DAYS);
  int64_t doe = z - era * ERA_DAYS;                  /* 0..146096 */
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* from March 1 */
  int64_t m = (5 * doy + 2) / 153;                   /* 0 = March */
  out->mday = (int)(doy - (153 * m + 2) / 5 + 1);
  out->mon = (int)(m < 10 ? m + 2 : m - 10);
  out->year = yoe + era * 400 + (out->mon < 2);
  out->yday = cal_yday(out->year, out->mon) + out->mday - 1;
  out->wday = cal_wday(days);
}
