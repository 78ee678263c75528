/*
** codec.h: byte-string codecs: base64, base32 with any power-of-two
** alphabet, hexadecimal, ISO-8859-1 <-> UTF-8. No allocation: the caller
** gives the output buffer, sized by the matching codec_*_max. See LICENSE.
*/
#ifndef MOONBOX_CODEC_H
#define MOONBOX_CODEC_H

#include <stddef.h>

typedef enum codec_result {
  CODEC_OK = 0,
  CODEC_ODD,        /* hex: an odd number of digits */
  CODEC_NOTHEX,     /* hex: a character that is not a hex digit */
  CODEC_BADUTF8,    /* latin1: malformed or overlong UTF-8 */
  CODEC_WIDE,       /* latin1: a character above U+00FF */
  CODEC_FORBIDDEN,  /* latin1: a control character the flags forbid */
  CODEC_ALPHABET,   /* base32: length not a power of two in 2..128 */
  CODEC_REPEATED    /* base32: a character twice in the alphabet */
} codec_result;

/* codec_strerror: a static English sentence for r. */
const char *codec_strerror(codec_result r);

/* {==== base64 (RFC 4648 section 4) */

/* The encoded size of n bytes (4 for every 3 started), or 0 when it
** would overflow size_t (only when n is 0 is the size really 0). */
size_t codec_base64_encode_max(size_t n);

/* Writes the padded standard encoding of src[0..n) to dst (at least
** codec_base64_encode_max(n) bytes) and returns its length. */
size_t codec_base64_encode(char *dst, const unsigned char *src, size_t n);

/* An upper bound of what n characters decode to. */
size_t codec_base64_decode_max(size_t n);

/* Decodes permissively: both the standard (+/) and the URL (-_)
** alphabets; any character outside them (white space, line breaks) is
** skipped; '=' ends a group of four, flushing the 2 or 3 characters
** seen (one lone character is dropped); a group unfinished at the end is
** flushed the same way, so padding is optional. Never fails. dst holds
** codec_base64_decode_max(n) bytes; returns the decoded length. */
size_t codec_base64_decode(unsigned char *dst, const char *src, size_t n);
/* }==== */

/* {==== base32 and its relatives */

/* Crockford's lower-case alphabet, the default of both directions. */
extern const char codec_crockford[33];

/* Checks an alphabet: its length a power of two in 2..128 (CODEC_OK,
** CODEC_ALPHABET) and no byte twice (CODEC_REPEATED). Each character
** then carries log2(len) bits. */
codec_result codec_base32_check(const char *alpha, size_t len);

/* The encoded size of n bytes with an alphabet of alen characters (a
** valid length), or 0 on overflow (and for n 0). */
size_t codec_base32_encode_max(size_t n, size_t alen);

/* Writes src[0..n) as characters of alpha (checked), most significant
** bits first, the last character's missing bits as zeros, no padding;
** returns the length written (codec_base32_encode_max). */
size_t codec_base32_encode(char *dst, const unsigned char *src, size_t n,
                           const char *alpha, size_t alen);

/* An upper bound of what n characters decode to (for any alphabet). */
size_t codec_base32_decode_max(size_t n);

/* Decodes src[0..n) up to the first character outside the alphabet;
** bits left over that make no whole byte are dropped. With alpha NULL,
** Crockford's rules: either case, I and L read as 1, O as 0, and blanks
** (space, tab, CR, LF) and '-' are skipped. Another alphabet (checked)
** matches its characters exactly and skips nothing. dst holds
** codec_base32_decode_max(n) bytes; returns the decoded length. */
size_t codec_base32_decode(unsigned char *dst, const char *src, size_t n,
                           const char *alpha, size_t alen);
/* }==== */

/* {==== hex */

/* Writes 2n lower-case hex digits of src[0..n) to dst. */
void codec_hex_encode(char *dst, const unsigned char *src, size_t n);

/* Decodes n hex digits of either case into n / 2 bytes at dst. Fails
** with CODEC_ODD or CODEC_NOTHEX (*at: the offending offset), dst then
** partly written. */
codec_result codec_hex_decode(unsigned char *dst, const char *src, size_t n,
                              size_t *at);
/* }==== */

/* {==== ISO-8859-1 */

/* Flags of codec_latin1_encode (Cosmopolitan's values): forbid the
** white-space controls \t \n \v \r; the other C0 controls and DEL (the
** four white-space ones stay allowed unless CODEC_WS is given too); the
** C1 controls U+0080..U+009F. */
#define CODEC_WS 1
#define CODEC_C0 2
#define CODEC_C1 4

/* Writes the UTF-8 of the ISO-8859-1 bytes src[0..n) (at most 2n bytes)
** and returns its length. */
size_t codec_latin1_decode(char *dst, const unsigned char *src, size_t n);

/* Converts the UTF-8 text src[0..n) to ISO-8859-1 at dst (at most n
** bytes), *len its length. Fails on malformed UTF-8 (stray continuation
** bytes, truncated or overlong sequences: CODEC_BADUTF8), on a character
** above U+00FF (CODEC_WIDE), on a character flags forbid
** (CODEC_FORBIDDEN); *len is then the byte offset of the culprit. */
codec_result codec_latin1_encode(unsigned char *dst, const char *src,
                                 size_t n, int flags, size_t *len);
/* }==== */

#endif
