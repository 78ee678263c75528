/*
** luactype.h: the C library's ctype functions as inline code for Lua's own
** sources, in the static musl build only (the Makefile force-includes this
** file into them). See LICENSE.
**
** musl makes isalpha, isdigit, islower, isupper, isprint, isgraph and
** isspace macros, but tolower, toupper, isalnum, ispunct, iscntrl and
** isxdigit calls into libc.a, which LTO cannot inline: string.upper and
** string.lower paid a call per byte, and every %a/%w/%p... class in a
** pattern a call to tolower (lstrlib's match_class). glibc inlines them
** all. These give musl's answers exactly (its ctype knows only ASCII, in
** every locale it has: bytes above 127 and EOF are no letter and map to
** themselves). Measured: string.upper of 1.2 MB five times took 1.60x
** lua5.4's time before (hyperfine, 15 runs).
*/
#ifndef MOONBOX_LUACTYPE_H
#define MOONBOX_LUACTYPE_H

#include <ctype.h>

static inline int luactype_tolower(int c) {
  return (unsigned)c - 'A' < 26 ? c | 32 : c;
}
static inline int luactype_toupper(int c) {
  return (unsigned)c - 'a' < 26 ? c & 0x5f : c;
}
static inline int luactype_isalnum(int c) {
  return ((unsigned)c | 32) - 'a' < 26 || (unsigned)c - '0' < 10;
}
static inline int luactype_isxdigit(int c) {
  return (unsigned)c - '0' < 10 || ((unsigned)c | 32) - 'a' < 6;
}
static inline int luactype_iscntrl(int c) {
  return (unsigned)c < 0x20 || c == 0x7f;
}
static inline int luactype_ispunct(int c) {
  return (unsigned)c - 0x21 < 0x5e && !luactype_isalnum(c);
}

#define tolower(c) luactype_tolower(c)
#define toupper(c) luactype_toupper(c)
#define isalnum(c) luactype_isalnum(c)
#define isxdigit(c) luactype_isxdigit(c)
#define iscntrl(c) luactype_iscntrl(c)
#define ispunct(c) luactype_ispunct(c)

#endif
