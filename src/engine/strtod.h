/*
** strtod.h: decimal and hexadecimal text to double, correctly rounded and
** fast, with glibc's results, errno and end pointer.
** See LICENSE.
*/
#ifndef MOONBOX_STRTOD_H
#define MOONBOX_STRTOD_H

/*
** strtod_exact(s, end): the C standard's strtod in the "C" locale, giving
** what glibc's gives bit for bit, errno and *end included:
**   - leading white space (space, \t \n \v \f \r), then an optional sign;
**   - a decimal number: digits with an optional '.', at least one digit,
**     then an optional exponent e|E [sign] digits (without a digit after
**     it, the 'e' is not read: "1e+" reads "1");
**   - a hexadecimal number: 0x|0X, hex digits with an optional '.', at
**     least one digit, an optional exponent p|P [sign] decimal digits (a
**     power of two); "0x" with no hex digit reads as "0";
**   - "inf" or "infinity", "nan" or "nan(chars)" (chars: letters, digits,
**     '_'), any case; the chars, when strtoull(chars, 0) reads all of them,
**     give the NaN's low 51 payload bits (glibc's rule).
** The value is rounded to nearest, ties to even, however many digits are
** given, with glibc's one exception: a hex significand of more than 53
** bits whose value is subnormal is rounded as if its 54th bit were 0.  Returns it with its sign (-0.0 for "-0"); on overflow returns
** +-HUGE_VAL and sets errno to ERANGE; when the result is 0 or subnormal
** and inexact (tininess after rounding, as glibc on x86-64) returns it
** and sets errno to ERANGE.  errno is otherwise left unchanged (but a
** NaN payload too large for 64 bits sets ERANGE, as glibc's strtoull does).
** When end is not NULL, *end is set just past the last character read,
** or to s when nothing was converted (then 0.0 comes back).
*/
double strtod_exact(const char *s, char **end);

/* 1 when strtod_exact is also the program's strtod (config.h's
** MOONBOX_OWN_STRTOD: the static musl build), else 0. */
int strtod_own(void);

#endif
