/*
** json.h: a strict RFC 8259 JSON reader (a pull parser: one token per
** call, no recursion, no memory held between calls) and the pieces of the
** encoders: string escaping, shortest round-trip number formatting, and
** the Lua-literal forms EncodeLua writes. See LICENSE.
*/
#ifndef MOONBOX_JSON_H
#define MOONBOX_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* The deepest nesting json_init accepts (containers inside containers). */
#define JSON_DEPTH_MAX 4096

/* What json_next returns. */
typedef enum json_kind {
  JSON_ERROR = 0, /* see jp->err and jp->err_off; the parser stays stopped */
  JSON_NULL,
  JSON_FALSE,
  JSON_TRUE,
  JSON_INTEGER, /* tok->i: an integer literal that fits in int64_t */
  JSON_FLOAT,   /* tok->d: any other number (may be +-inf on overflow) */
  JSON_STRING,  /* a string value: see json_token */
  JSON_KEY,     /* an object member's name, same fields as JSON_STRING */
  JSON_ARRAY,   /* '[': the values up to the matching JSON_END follow */
  JSON_OBJECT,  /* '{': KEY, value pairs up to the matching JSON_END */
  JSON_END,     /* ']' or '}' closing the innermost open container:
                   tok->i is 1 for an object, 0 for an array */
  JSON_EOF      /* the document is complete (only whitespace followed) */
} json_kind;

/* Why parsing stopped (jp->err); json_strerror names each. */
typedef enum json_err {
  JSON_OK = 0,
  JSON_E_EOF,      /* the input ended inside the document */
  JSON_E_VALUE,    /* a value was expected here */
  JSON_E_LITERAL,  /* a word other than true, false, null */
  JSON_E_TRAILING, /* something other than whitespace after the document */
  JSON_E_KEY,      /* an object key that is not a string */
  JSON_E_COLON,    /* no ':' after an object key */
  JSON_E_ARRAY,    /* neither ',' nor ']' after an array element */
  JSON_E_OBJECT,   /* neither ',' nor '}' after an object member */
  JSON_E_NUMBER,   /* a number that breaks the grammar (01, 1., -, 1e) */
  JSON_E_ESCAPE,   /* a backslash not followed by one of "\/bfnrtu */
  JSON_E_UESCAPE,  /* \u not followed by four hexadecimal digits */
  JSON_E_SURROGATE, /* a \u escape of a UTF-16 surrogate not in a pair */
  JSON_E_CONTROL,  /* a byte below 0x20 inside a string */
  JSON_E_UTF8,     /* bytes in a string that are not UTF-8 (RFC 3629) */
  JSON_E_STRING,   /* the input ended inside a string */
  JSON_E_DEPTH,    /* containers nested deeper than the caller allowed */
  JSON_E_NOMEM     /* the memory hook failed (a number over 64 bytes) */
} json_err;

/* One token. For JSON_STRING and JSON_KEY: raw points at the bytes
** between the quotes in the input (rawlen of them) and len is the length
** of the decoded value. When escaped is 0 the decoded value is raw itself
** (len == rawlen); otherwise json_unescape writes it. The decoded value is
** always valid UTF-8 (it may hold zero bytes, from \u0000). */
typedef struct json_token {
  json_kind kind;
  int escaped;
  int64_t i;
  double d;
  const char *raw;
  size_t rawlen, len;
  size_t off; /* 0-based byte offset in the input where the token starts */
} json_token;

/* The parser's state: a plain struct the caller owns (on its stack, in a
** userdata); it holds no memory of its own. Fields are private except
** err, err_off and err_line. */
typedef struct json_parser {
  const unsigned char *start, *p, *end;
  mem_alloc_fn alloc;
  void *ud;
  int state, depth, maxdepth;
  json_err err;
  size_t err_off; /* 0-based offset of the byte at fault (len at the end) */
  int err_line;   /* the line of json.c whose check failed (debugging) */
  unsigned char objects[JSON_DEPTH_MAX / 8]; /* bit per level: 1 = object */
} json_parser;

/*
** json_init: get ready to read the document s[0..n) (it need not end with
** a zero byte; it must stay in place while the parser is used).
** maxdepth: how many containers may be open at once, 1..JSON_DEPTH_MAX
** (values outside are clamped). alloc/ud: the memory hook (mem.h), used
** only inside json_next, for a number literal longer than 64 bytes, and
** given back before json_next returns.
*/
void json_init(json_parser *jp, const char *s, size_t n, int maxdepth,
               mem_alloc_fn alloc, void *ud);

/*
** json_next: the next token of the document, in document order; a
** document is exactly one value (any JSON value, scalars included)
** with optional whitespace (space, tab, CR, LF) around it. Returns its
** kind, JSON_EOF once the document is complete, or JSON_ERROR when the
** input is not JSON (or the hook failed): jp->err says why and
** jp->err_off where. After JSON_EOF or JSON_ERROR it returns the same
** again. Numbers: an integer literal (no fraction, no exponent) in the
** int64_t range is JSON_INTEGER; every other number is JSON_FLOAT, the
** nearest double (+-inf beyond the range, 0 or a subnormal below it).
** Duplicate keys are reported as they come (the caller decides; the Lua
** binding keeps the last).
*/
json_kind json_next(json_parser *jp, json_token *tok);

/*
** json_unescape: write the decoded value of a JSON_STRING or JSON_KEY
** token whose escaped flag is set: out must hold tok->len bytes. Valid
** only for tokens json_next returned (it does not check again).
*/
void json_unescape(const json_token *tok, char *out);

/* json_strerror: a static message for an error code ("unexpected
** character", ...). */
const char *json_strerror(json_err err);

/* {==== the encoders' pieces */

/* JSON_QUOTED_MAX(n): bytes json_quote may write for n input bytes. */
#define JSON_QUOTED_MAX(n) ((n) * 6 + 2)

/*
** json_quote: s[0..n) as a JSON string literal with its quotes, in ASCII:
** '"' and '\\' escaped, \b \f \n \r \t for those controls, \u00XX for the
** other bytes below 0x20 and for 0x7F, \uXXXX (lowercase hex, a surrogate
** pair above U+FFFF) for every other character. s is read as UTF-8;
** overlong forms are decoded to the character they spell; a byte that
** does not start a sequence decoding to a Unicode scalar value is taken
** as Latin-1 (\u00XX) on its own. The result always parses back.
** out: at least JSON_QUOTED_MAX(n) bytes. Returns the bytes written.
*/
size_t json_quote(char *out, const char *s, size_t n);

/* Size of the buffers the number formatters below take. */
#define JSON_NUMBER_MAX 32

/*
** json_format_double: the shortest decimal that reads back (strtod) as
** exactly x, in the form Python's repr uses: a fraction when the decimal
** exponent is in -4..15 ("0.1", "100.0", "-0.0"), otherwise an exponent
** ("1e+16", "5e-324", "1.5e-05"); always with a '.' or an 'e', so a
** reader tells it from an integer. x must be finite. Writes and returns
** the length (no terminating zero).
*/
size_t json_format_double(char out[JSON_NUMBER_MAX], double x);

/* json_format_integer: x in decimal; returns the length. */
size_t json_format_integer(char out[JSON_NUMBER_MAX], int64_t x);

/*
** json_lua_double: x as a Lua expression giving x back: shortest digits,
** a fraction when the decimal exponent is in -6..20 with a trailing '.'
** when integral ("1000000.", "0.000001", "-0."), otherwise an exponent
** ("1e-12", "1e21"); "0/0" for NaN, "math.huge" and "-math.huge" for
** the infinities. Returns the length.
*/
size_t json_lua_double(char out[JSON_NUMBER_MAX], double x);

/*
** json_lua_integer: x as a Lua expression: decimal, except that a power
** of two from 256 up is hexadecimal padded to 4, 8 or 16 digits
** ("0x0100", "0x00010000"), and the smallest integer, which has no
** literal, is "-9223372036854775807 - 1". Returns the length.
*/
size_t json_lua_integer(char out[JSON_NUMBER_MAX], int64_t x);

/* JSON_LUA_QUOTED_MAX(n): bytes json_lua_quote may write. */
#define JSON_LUA_QUOTED_MAX(n) ((n) * 4 + 2)

/*
** json_lua_quote: s[0..n) as a Lua string literal in double quotes that
** Lua's load reads back as the same bytes: \a \b \t \n \v \f \r \" \\
** escapes, \xHH for the other controls and 0x7F; bytes from 0x80 kept
** as they are when all of s is UTF-8, else \xHH too. Returns the length.
*/
size_t json_lua_quote(char *out, const char *s, size_t n);

/* json_utf8_valid: 1 when s[0..n) is UTF-8 (RFC 3629: no overlong form,
** no surrogate, nothing above U+10FFFF), else 0. */
int json_utf8_valid(const char *s, size_t n);

/* }==== */

#endif
