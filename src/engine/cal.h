/*
** cal.h: the proleptic Gregorian calendar in day numbers (days since
** 1970-01-01): leap years, dates to days and back, weekdays.
** See LICENSE.
*/
#ifndef MOONBOX_CAL_H
#define MOONBOX_CAL_H

#include <stdint.h>

/* Every function here is exact for |year| <= 2^40 and |days| <= 2^48
** (some 770 billion years: far past what any caller needs; the tz
** engine's instants stop at 2^57 seconds, 2^41 days); nothing fails,
** allocates or keeps state. Years are astronomical: year 0 is 1 BC,
** year -1 is 2 BC. */

/* A date: what cal_date_of gives. */
typedef struct cal_date {
  int64_t year;
  int mon;  /* 0-11 */
  int mday; /* 1-31 */
  int yday; /* 0-365, days since January 1st */
  int wday; /* 0-6, 0 = Sunday */
} cal_date;

/* cal_floordiv: a / b rounded towards minus infinity (C rounds towards
** zero), for instants and days before 1970. b must be > 0. */
int64_t cal_floordiv(int64_t a, int64_t b);

/* cal_leap: 1 when year has a February 29th, else 0. */
int cal_leap(int64_t year);

/* cal_yday: days of year before month mon (0-11) of year, so
** cal_yday(y, m + 1) - cal_yday(y, m) is month m's length; mon 12 gives
** the year's length (365 or 366). */
int cal_yday(int64_t year, int mon);

/* cal_days: the day number of day mday of month mon (0-11) of year.
** mday may be any value and counts on from the month's first day:
** February 31st is March 2nd or 3rd, day 0 the month's eve. */
int64_t cal_days(int64_t year, int mon, int64_t mday);

/* cal_wday: the weekday of day number days, 0 = Sunday. */
int cal_wday(int64_t days);

/* cal_date_of: the date of day number days into *out, every field set. */
void cal_date_of(int64_t days, cal_date *out);

#endif
