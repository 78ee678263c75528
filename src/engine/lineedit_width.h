/*
** lineedit_width.h: the line editor's UTF-8 decoder and width tables, for
** whatever else measures text as a terminal draws it (cosmo's text
** functions). See LICENSE.
*/
#ifndef MOONBOX_LINEEDIT_WIDTH_H
#define MOONBOX_LINEEDIT_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/*
** lew_u8_decode: the length (1-4) of the valid UTF-8 sequence at s[0..n)
** with its code point in *cp, or 0 when s does not start one (n == 0
** included). Strict, as RFC 3629 says: C0, C1 and F5-FF never lead;
** overlong forms, surrogates and values past U+10FFFF are refused.
*/
size_t lew_u8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
** lew_cp_width: the columns a terminal gives the printable code point c:
** 0 for combining marks and format characters (and Hangul medial and final
** jamo), 2 for East Asian wide and fullwidth characters and emoji, 1 for
** everything else. Control characters are the caller's business (the
** answer for them is 1).
*/
int lew_cp_width(uint32_t c);

#endif
