/*
** url.h: URLs as Cosmopolitan's redbean reads and writes them: a
** permissive parser into percent-decoded fields, the inverse encoder,
** escaping per component (RFC 3986), and the checks of hosts, ports and
** paths a server makes before using them. See LICENSE.
*/
#ifndef MOONBOX_URL_H
#define MOONBOX_URL_H

#include <stddef.h>

/* Nothing here allocates or keeps state: the caller gives the output
** memory, sized by the url_*size functions. */

/* Flags of url_parse (the values of redbean's kUrlPlus, kUrlLatin1). */
#define URL_PLUS 1   /* '+' in the query is a space */
#define URL_LATIN1 2 /* bytes >= 0x80 of the input are ISO-8859-1: each
                     ** becomes its 2-byte UTF-8 form; percent-escaped
                     ** bytes are left as they are */

/* A field: bytes [off, off + len) of the caller's output buffer, or
** absent (present == 0, off and len 0). */
typedef struct url_span {
  size_t off, len;
  int present;
} url_span;

/* A query parameter "key=val" (val absent when there was no '='). */
typedef struct url_param {
  url_span key, val;
} url_param;

typedef struct url_parts {
  url_span scheme, user, pass, host, port, path, fragment;
  size_t nparams; /* parameters written to the caller's array */
} url_parts;

/* url_bufsize: bytes url_parse, url_parse_params and url_parse_host need
** for an input of n bytes under flags (at most 2n). */
size_t url_bufsize(size_t n, int flags);

/* url_maxparams: the most parameters s[0, n) can hold (1 + its '&'s). */
size_t url_maxparams(const char *s, size_t n);

/* url_parse: splits the URL s[0, n) and percent-decodes every field but
** the scheme into out (url_bufsize(n, flags) bytes); its parameters go
** to params (url_maxparams(s, n) entries). It never fails: every byte
** of the input ends up in one field or is a delimiter.
**   scheme   ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") before the first
**            ':', kept as written; absent otherwise.
**   user, pass, host, port: only after "//" (at the start or right after
**            the scheme), up to the next '/', '?' or '#'. The userinfo
**            ends at the last '@' and splits at its first ':'. A host
**            "[...]" loses its brackets and may be followed by ":port";
**            otherwise a host with exactly one ':' splits into host and
**            port, one with more (a bare IPv6 address) is all host.
**   path     always present, maybe empty. After "scheme:" not followed
**            by '/' (an opaque part such as "mailto:a?b"), the path runs
**            to '#' and takes any '?' with it.
**   params   the query after '?', cut at '&'; each non-empty piece is
**            key=val at its first '=', or a key alone. Empty pieces are
**            skipped.
**   fragment after the first '#', present when there is one.
** A '%' not followed by two hex digits stays a '%'. */
void url_parse(const char *s, size_t n, int flags, char *out, url_parts *u,
               url_param *params);

/* url_parse_params: the parameters of s[0, n) read as a query (HTML's
** application/x-www-form-urlencoded: '+' is a space) into out
** (url_bufsize(n, 0) bytes) and params (url_maxparams(s, n) entries);
** returns how many. */
size_t url_parse_params(const char *s, size_t n, char *out,
                        url_param *params);

/* url_parse_host: s[0, n) read as an HTTP Host header "host[:port]"
** (ISO-8859-1, so URL_LATIN1, split as url_parse splits an authority)
** into u->host and u->port (and u->user, u->pass if there is an '@');
** out holds url_bufsize(n, URL_LATIN1) bytes. */
void url_parse_host(const char *s, size_t n, char *out, url_parts *u);

/* The components url_escape escapes for. Letters and digits are always
** kept; each component keeps these too, and writes every other byte as
** %XX (upper-case hex):
**   URL_ESC_AUTHORITY  - . _ ~ ! $ & ' ( ) * + , ; =   (user, pass, host)
**   URL_ESC_IP         the same and ':'                (inside [...])
**   URL_ESC_PATH       the same as IP and '@' '/'
**   URL_ESC_SEGMENT    PATH without '/'
**   URL_ESC_PARAM      - . * _                         (query key, value)
**   URL_ESC_FRAGMENT   PATH and '?' */
typedef enum url_esc {
  URL_ESC_AUTHORITY,
  URL_ESC_IP,
  URL_ESC_PATH,
  URL_ESC_SEGMENT,
  URL_ESC_PARAM,
  URL_ESC_FRAGMENT
} url_esc;

/* url_escape: s[0, n) escaped for component c into out; out NULL only
** measures. Returns the length (at most 3n). */
size_t url_escape(char *out, const char *s, size_t n, url_esc c);

/* A field for url_encode: p NULL is absent. */
typedef struct url_str {
  const char *p;
  size_t n;
} url_str;

typedef struct url_fields {
  url_str scheme, user, pass, host, port, path, fragment;
  const url_str *params; /* nparams pairs: params[2i] key, [2i+1] value */
  size_t nparams;
} url_fields;

/* url_encode: the URL of f written into out (out NULL only measures);
** returns its length. The inverse of url_parse: for any parse result,
** url_parse of the encoding gives the same fields. The scheme is written
** as it is (an empty one not at all); "//" and the authority come when
** host is present (user, pass and port are ignored without it); a host
** holding ':' is bracketed; a path after a host gets a leading '/'; a
** path that would read as an authority ("//x" without host) or a scheme
** ("a:b" without scheme or host) has that '/' or ':' escaped; '?' comes
** when there is at least one parameter (a key with an absent value is
** written without '='); '#' when fragment is present. */
size_t url_encode(char *out, const url_fields *f);

/* url_acceptable_host: s[0, n) may be used as a host: empty; or a
** dotted quad of four parts 0-255; or, when it holds a character other
** than digits and dots, at most 253 bytes of [-_0-9A-Za-z.] with no
** empty label except a final one (a trailing dot). */
int url_acceptable_host(const char *s, size_t n);

/* url_acceptable_port: s[0, n) is empty or decimal digits of at most
** 65535. */
int url_acceptable_port(const char *s, size_t n);

/* url_reasonable_path: no segment of s[0, n) is "." or "..". Segments
** are cut at '/' and '\', and a UTF-8 sequence (overlong forms
** included, so "\xC0\xAE" is a '.') counts as the character it
** encodes. */
int url_reasonable_path(const char *s, size_t n);

/* url_acceptable_path: as url_reasonable_path, and moreover no segment
** starts with '.' (no hidden files) except the first one of a path that
** starts "/.well-known/", and no segment is empty ("//") other than the
** first of an absolute path and the last after a final '/'. */
int url_acceptable_path(const char *s, size_t n);

#endif
