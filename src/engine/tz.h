/*
** tz.h: time-zone engine: TZif files and POSIX TZ strings, UTC <-> local.
** The manual of the engine; everything not declared here is static in tz.c.
** See LICENSE.
*/
#ifndef MOONBOX_TZ_H
#define MOONBOX_TZ_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* Longest abbreviation kept ("+0330", "CEST", "LMT"). Real data never
** goes past 6 characters, but glibc takes a TZ string's names whole at
** any length (TZ="<ABCDEFGHIJKLMNOPQRST>-3" shows all of it in %Z): a
** TZ name is cut only past this, its offsets and rules still used. A
** TZif abbreviation longer than this is rejected as corrupt. */
#define TZ_ABBR_MAX 255

/* Result codes. TZ_OK is 0 so `if (rc)` tests for failure. */
typedef enum tz_result {
  TZ_OK = 0,
  TZ_ENOMEM,    /* the allocator hook returned NULL */
  TZ_EMAGIC,    /* not a TZif file (short, or no "TZif" magic) */
  TZ_ETRUNC,    /* TZif file shorter than its counts say */
  TZ_ECORRUPT,  /* TZif file whose content lies (see tz_corrupt_line) */
  TZ_EPOSIX,    /* malformed POSIX TZ string */
  TZ_ERANGE,    /* time or year outside what can be represented */
  TZ_EARG,      /* NULL where an object was required */
  TZ_EFORMAT,   /* tz_strftime: a conversion it does not know */
  TZ_EOUTPUT    /* tz_strftime: the output sink refused the text */
} tz_result;

/* Broken-down time, shaped like C's struct tm with two differences:
** `year` is the full year (2024, not 124) and the abbreviation is copied
** into the struct, so it outlives the zone it came from. */
typedef struct tz_tm {
  int64_t year;   /* full year; year - 1900 always fits in an int */
  int mon;        /* month, 0-11 (any int on input to tz_mktime) */
  int mday;       /* day of month, 1-31 (any int on input) */
  int hour;       /* 0-23 (any int on input) */
  int min;        /* 0-59 (any int on input) */
  int sec;        /* 0-59 (any int on input; 60 is not produced) */
  int wday;       /* day of week, 0 = Sunday (output only) */
  int yday;       /* day of year, 0-365 (output only) */
  int isdst;      /* >0 DST, 0 standard; input to tz_mktime: <0 = decide */
  int32_t gmtoff; /* seconds east of UTC (output only) */
  char abbr[TZ_ABBR_MAX + 1]; /* NUL-terminated abbreviation (output) */
} tz_tm;

/* A loaded zone. Read-only after loading, so one zone may be used from
** several threads at once. A NULL zone means UTC everywhere below. */
typedef struct tz_zone tz_zone;

/* tz_load_tzif: parse a TZif file (RFC 8536 versions 1, 2, 3 and 4) held
** in memory.
**   data/size: the whole file; it is not kept, the caller may free it.
**   alloc/ud:  allocator hook (mem.h); the zone is one block from it.
** Version 2+ files are read from their 64-bit body and their POSIX TZ
** footer (which governs instants at or after the last transition, as in
** glibc). Leap-second records are checked for size and then ignored, as
** musl does: the files moonbox embeds have none.
**   where: if not NULL, receives the tz.c line of the check that
**          rejected the file (0 when none did), so a fuzz finding or a
**          rejected file points at the exact check.
** Returns TZ_OK and sets *out to a zone to free with tz_free; on
** TZ_EMAGIC, TZ_ETRUNC, TZ_ECORRUPT or TZ_ENOMEM *out is NULL and
** nothing stays allocated. */
tz_result tz_load_tzif(tz_zone **out, const void *data, size_t size,
                       mem_alloc_fn alloc, void *ud, int *where);

/* tz_load_posix: parse a POSIX TZ string ("EST5EDT,M3.2.0,M11.1.0",
** "<+0330>-3:30", "JST-9"). Accepted, as glibc accepts them: quoted and
** unquoted names of 3 characters or more (cut to TZ_ABBR_MAX); offsets hh[:mm[:ss]] with
** hh <= 24; rules Jn (1-365, Feb 29 never counted), n (0-365) and Mm.w.d;
** rule times /[+-]hh[:mm[:ss]] with hh <= 167 (TZif v3); DST offset
** defaulting to one hour ahead of standard; DST without rules meaning
** M3.2.0,M11.1.0 (glibc's default; glibc may instead read "posixrules"
** from the zone directory, which the caller can do with tz_load_tzif);
** a missing end rule meaning M11.1.0. The whole string must parse.
**   s/len: the string, without the leading ':' (that selects a file).
** Returns TZ_OK and *out, or TZ_EPOSIX / TZ_ENOMEM (TZ_EARG for a NULL s)
** with *out NULL.
**
** Fallback for a malformed TZ (what glibc does, measured on glibc 2.36):
** the zone becomes UTC with offset 0, isdst 0, and the abbreviation is
** the standard-time name if the string starts with a parseable one
** ("Europe/Nowhere" gives "Europe"), else the empty string ("ab", "5").
** Get that name with tz_posix_name and build the zone with tz_load_fixed.
** glibc also keeps partial results ("EST5EDT,garbage" keeps EST/EDT with
** zeroed rules); this engine does not imitate that. */
tz_result tz_load_posix(tz_zone **out, const char *s, size_t len,
                        mem_alloc_fn alloc, void *ud);

/* tz_posix_name: copy into name the leading standard-time name of TZ
** string s as glibc would parse it (cut to TZ_ABBR_MAX), or "" if there
** is none.
** Returns the name's length (0 .. TZ_ABBR_MAX). Never fails. */
size_t tz_posix_name(const char *s, size_t len,
                     char name[TZ_ABBR_MAX + 1]);

/* tz_load_fixed: a zone with one offset forever, no DST.
**   abbr:   abbreviation (truncated to TZ_ABBR_MAX), may be "".
**   gmtoff: seconds east of UTC, |gmtoff| < 26 hours else TZ_ERANGE.
** Returns TZ_OK and *out, or TZ_ERANGE / TZ_ENOMEM with *out NULL.
** tz_load_fixed(&z, "UTC", 0, ...) is the UTC zone of a `TZ=""`. */
tz_result tz_load_fixed(tz_zone **out, const char *abbr, int32_t gmtoff,
                        mem_alloc_fn alloc, void *ud);

/* tz_free: release a zone from any tz_load_*; NULL is allowed. */
void tz_free(tz_zone *zone);

/* tz_localtime: convert instant t (seconds since 1970-01-01 UTC) to the
** zone's local time, like localtime_r. zone NULL gives UTC with the
** abbreviation "GMT" (glibc's gmtime_r).
** Returns TZ_OK and fills *out completely; TZ_ERANGE when the local year
** minus 1900 does not fit in an int (glibc's EOVERFLOW), *out untouched. */
tz_result tz_localtime(const tz_zone *zone, int64_t t, tz_tm *out);

/* tz_mktime: convert local fields to an instant, like glibc's mktime
** (zone NULL: like timegm, which forces isdst to 0).
**   tm: in: year (year - 1900 must fit in an int), mon, mday, hour, min,
**       sec in any int range, isdst as a hint (<0: let the zone decide;
**       >=0: when the zone disagrees at that time, use the offset of a
**       time with the wanted isdst within ~7 years, else assume DST is
**       one hour ahead, as glibc 2.36 does).
**       out on success: normalized fields as tz_localtime gives them.
** Gaps (spring forward) and overlaps (fall back) are resolved by the
** same probing glibc 2.36 uses, started from offset 0 (glibc starts from
** the offset its previous mktime call found, so in an overlap with
** isdst < 0 glibc's answer can depend on earlier calls; a fresh glibc
** process agrees with this engine). Out-of-range seconds are applied
** after the search, as glibc does ("02:59:60" in a gap).
** Returns TZ_OK and *t; TZ_ERANGE when the input year or the result
** does not fit (its year - 1900 beyond int: glibc's EOVERFLOW; any such
** year also keeps the result inside int64); then *tm and *t are
** untouched. */
tz_result tz_mktime(const tz_zone *zone, tz_tm *tm, int64_t *t);

/* Output hook of tz_strftime: append the n bytes at s (n > 0; s is not
** NUL-terminated). Returns 0 to go on, anything else to stop (a full
** buffer): tz_strftime then returns TZ_EOUTPUT. */
typedef int (*tz_sink)(void *ud, const char *s, size_t n);

/* tz_strftime: format tm as glibc 2.36's strftime does in the C locale
** (English names, "%a %b %e %H:%M:%S %Y" for %c), for the conversions
** Lua 5.4's os.date accepts: %a %A %b %B %c %C %d %D %e %F %g %G %h %H
** %I %j %m %M %n %p %r %R %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%
** and the E/O forms %Ec %EC %Ex %EX %Ey %EY %Od %Oe %OH %OI %Om %OM %OS
** %Ou %OU %OV %Ow %OW %Oy, which mean the same as without the modifier.
** Years print unpadded at any size ("-44", "12345"); %C and %y round
** down for negative years; glibc's int year arithmetic is kept (a year
** past INT_MAX prints wrapped, as glibc prints it).
**   tm:       the time, its fields as tz_localtime fills them; year - 1900
**             must fit in an int (as for tz_tm), the int fields may hold
**             any value: a name out of range prints as "?", a number as
**             computed. %Z prints tm->abbr (up to TZ_ABBR_MAX
**             bytes), %z tm->gmtoff as +hhmm (seconds dropped).
**   fmt/len:  the format, counted (NUL bytes in it are copied as text).
**   sink/ud:  where the text goes, in pieces: each run of plain text and
**             each conversion's text in one call (an empty %Z makes
**             none); nothing is kept.
**   stop:     if not NULL, receives the offset in fmt where formatting
**             stopped: len on TZ_OK; on TZ_EFORMAT the byte after the
**             '%' of the unknown conversion; on TZ_EOUTPUT the start of
**             the piece the sink refused (its text run or its '%').
** Returns TZ_OK when all of fmt went to the sink; TZ_EFORMAT at a '%'
** followed by no conversion above (or by nothing), after the text before
** it was given to the sink; TZ_EOUTPUT when the sink returned non-zero.
** The engine allocates nothing and keeps no state: a caller building a
** string whose growth can fail should stop it through the sink. */
tz_result tz_strftime(const tz_tm *tm, const char *fmt, size_t len,
                      tz_sink sink, void *ud, size_t *stop);

/* tz_strerror: a static English message for a result code. */
const char *tz_strerror(tz_result code);

#endif
