/*
** text.h: the text helpers of Cosmopolitan's redbean manual on byte
** strings: control codes made visible or found, JavaScript string literal
** and HTML escaping, line indentation, monospace display width.
** See LICENSE.
*/
#ifndef MOONBOX_TEXT_H
#define MOONBOX_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
** How these functions read UTF-8 ("lenient" decoding, as the manual's
** VisualizeControlCodes and EscapeLiteral do): a lead byte C0-F7 followed
** by its continuation bytes is one code point, overlong forms included
** (so C0 80 is U+0000: they come out canonical); any other byte, and a
** lead byte whose sequence is cut short, stands for itself as an
** ISO-8859-1 code point (byte E9 alone is U+00E9). A sequence decoding to
** a surrogate (D800-DFFF) or past U+10FFFF stands for U+FFFD.
**
** The functions that produce text take out == NULL to only measure: call
** once to size a buffer, again to fill it; both calls return the same
** length. No NUL is added. None allocates.
*/

/*
** txt_visualize: s[0..n) with control codes and "trojan source"
** characters made visible: C0 controls other than tab, CR and LF become
** their Control Pictures (U+2400 + c; DEL is U+2421); C1 controls
** (U+0080-U+009F) become the six characters \u00XX (lowercase hex); the
** bidirectional controls U+202A-U+202E and U+2066-U+2069 and the line and
** paragraph separators U+2028, U+2029 become arrows and brackets
** (U+27EB, U+27EA, U+21EE, U+276F, U+276E, U+27E9, U+27E8, U+29FD,
** U+21EF, U+21B5, U+00B6). Everything else is re-encoded as UTF-8, so the
** result is always valid UTF-8. The result never exceeds 6 * n bytes.
*/
size_t txt_visualize(char *out, const char *s, size_t n);

/*
** txt_escape_literal: s[0..n) as the inside of a JavaScript or JSON
** string literal: \t \n \r \f \\ \/ \" for those characters; \uXXXX
** (lowercase hex, UTF-16 surrogate pairs past U+FFFF) for every other
** control code, for & ' < = > (so the text is safe inside HTML too) and
** for all non-ASCII code points. The result is printable ASCII and never
** exceeds 6 * n bytes.
*/
size_t txt_escape_literal(char *out, const char *s, size_t n);

/*
** txt_escape_html: s[0..n) with & < > " ' as &amp; &lt; &gt; &quot; &#39;;
** other bytes are copied. Never more than 6 * n bytes.
*/
size_t txt_escape_html(char *out, const char *s, size_t n);

/*
** txt_indent: s[0..n) with 'spaces' spaces put before each line, except
** empty lines (those starting with CR or LF) and the empty rest after a
** final LF. Returns the result's length: n plus spaces per indented line.
*/
size_t txt_indent(char *out, const char *s, size_t n, size_t spaces);

/* Flags of txt_find_control: what counts as a control code. */
#define TXT_CTL_WS 1 /* tab, LF, VT, CR (not FF) */
#define TXT_CTL_C0 2 /* U+0000-U+001F but those four, and DEL */
#define TXT_CTL_C1 4 /* U+0080-U+009F */

/*
** txt_find_control: the byte offset in s[0..n) where the first code point
** of a class in 'flags' starts (lenient decoding: a stray byte 85 is the
** C1 control U+0085, C0 81 is U+0001), or -1 when there is none.
*/
long txt_find_control(const char *s, size_t n, unsigned flags);

/*
** txt_width: the columns s[0..n) takes on a terminal, from column col
** (which only places tab stops): printable characters by lew_cp_width
** (0, 1 or 2; strict UTF-8 decoding), each byte that is not valid UTF-8
** 1 (a terminal draws one replacement character); a tab moves to the next
** multiple of 8; newline resets the column for tabs and, like every other
** C0 and C1 control and DEL, takes 0; escape sequences take 0 (ESC [
** parameters final, ESC ] ... BEL or ESC \, ESC intermediates final, and
** the C1 CSI U+009B). Returns the sum over all lines.
*/
size_t txt_width(const char *s, size_t n, size_t col);

/*
** txt_cp_width: wcwidth(3) of code point c: 0 for U+0000, -1 for other
** controls (C0, DEL, C1) and for what is not a code point (surrogates,
** past U+10FFFF), else lew_cp_width(c).
*/
int txt_cp_width(int64_t c);

#endif
