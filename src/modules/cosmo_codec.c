/*
** cosmo_codec.c: the cosmo functions that re-encode bytes: base64,
** base32, hex, ISO-8859-1 (engine/codec) and DEFLATE compression
** (engine/zcodec over zlib). See LICENSE.
*/
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "zlib.h"

#include "engine/codec.h"
#include "engine/zcodec.h"
#include "modules/cosmo.h"

/* Deflate's level when none is given: the manual's 7 */
#define DEFLATE_LEVEL 7

/* {==== the codecs */

/* -- EncodeBase64(binary:str) -> ascii:str   (nil gives nil) */
static int l_encodebase64(lua_State *L) {
  size_t n, max;
  const char *s;
  luaL_Buffer b;
  if (lua_isnoneornil(L, 1)) return lua_gettop(L);
  s = luaL_checklstring(L, 1, &n);
  max = codec_base64_encode_max(n);
  if (n && !max) return luaL_argerror(L, 1, "too long");
  luaL_pushresultsize(&b, codec_base64_encode(luaL_buffinitsize(L, &b, max),
                                              (const unsigned char *)s, n));
  return 1;
}

/* -- DecodeBase64(ascii:str) -> binary:str   (nil gives nil) */
static int l_decodebase64(lua_State *L) {
  size_t n;
  const char *s;
  luaL_Buffer b;
  unsigned char *out;
  if (lua_isnoneornil(L, 1)) return lua_gettop(L);
  s = luaL_checklstring(L, 1, &n);
  out = (unsigned char *)luaL_buffinitsize(L, &b, codec_base64_decode_max(n));
  luaL_pushresultsize(&b, codec_base64_decode(out, s, n));
  return 1;
}

/* The optional alphabet at argument 2: NULL (Crockford's) when absent or
** empty, else checked; its length in *len. */
static const char *opt_alphabet(lua_State *L, size_t *len) {
  const char *a = luaL_optlstring(L, 2, "", len);
  codec_result r;
  if (*len == 0) return NULL;
  if ((r = codec_base32_check(a, *len)) != CODEC_OK)
    luaL_argerror(L, 2, codec_strerror(r));
  return a;
}

/* -- EncodeBase32(binary:str[, alphabet:str]) -> ascii:str */
static int l_encodebase32(lua_State *L) {
  size_t n, alen, max;
  const char *s = luaL_checklstring(L, 1, &n);
  const char *a = opt_alphabet(L, &alen);
  luaL_Buffer b;
  if (!a) a = codec_crockford, alen = 32;
  max = codec_base32_encode_max(n, alen);
  if (n && !max) return luaL_argerror(L, 1, "too long");
  luaL_pushresultsize(&b, codec_base32_encode(luaL_buffinitsize(L, &b, max),
                                              (const unsigned char *)s, n, a,
                                              alen));
  return 1;
}

/* -- DecodeBase32(ascii:str[, alphabet:str]) -> binary:str */
static int l_decodebase32(lua_State *L) {
  size_t n, alen;
  const char *s = luaL_checklstring(L, 1, &n);
  const char *a = opt_alphabet(L, &alen);
  luaL_Buffer b;
  unsigned char *out =
      (unsigned char *)luaL_buffinitsize(L, &b, codec_base32_decode_max(n));
  luaL_pushresultsize(&b, codec_base32_decode(out, s, n, a, alen));
  return 1;
}

/* -- EncodeHex(binary:str) -> ascii:str   (lower case) */
static int l_encodehex(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  luaL_Buffer b;
  if (n > ((size_t)-1) / 2) return luaL_argerror(L, 1, "too long");
  codec_hex_encode(luaL_buffinitsize(L, &b, 2 * n), (const unsigned char *)s,
                   n);
  luaL_pushresultsize(&b, 2 * n);
  return 1;
}

/* -- DecodeHex(ascii:str) -> binary:str   (raises on an odd length or a
**    character that is no hex digit) */
static int l_decodehex(lua_State *L) {
  size_t n, at;
  const char *s = luaL_checklstring(L, 1, &n);
  luaL_Buffer b;
  codec_result r = codec_hex_decode(
      (unsigned char *)luaL_buffinitsize(L, &b, n / 2), s, n, &at);
  if (r != CODEC_OK) return luaL_argerror(L, 1, codec_strerror(r));
  luaL_pushresultsize(&b, n / 2);
  return 1;
}

/* -- DecodeLatin1(iso-8859-1:str) -> utf-8:str   (nil gives nil) */
static int l_decodelatin1(lua_State *L) {
  size_t n;
  const char *s;
  luaL_Buffer b;
  if (lua_isnoneornil(L, 1)) return lua_gettop(L);
  s = luaL_checklstring(L, 1, &n);
  if (n > ((size_t)-1) / 2) return luaL_argerror(L, 1, "too long");
  luaL_pushresultsize(&b, codec_latin1_decode(luaL_buffinitsize(L, &b, 2 * n),
                                              (const unsigned char *)s, n));
  return 1;
}

/* -- EncodeLatin1(utf-8:str[, flags:int]) -> iso-8859-1:str
**    flags: 1 forbids \t \n \v \r, 2 the other C0 controls and DEL, 4 the
**    C1 controls; raises on a character it cannot or may not encode. */
static int l_encodelatin1(lua_State *L) {
  size_t n, len;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_Integer flags = luaL_optinteger(L, 2, 0);
  luaL_Buffer b;
  codec_result r;
  const lua_Integer known = CODEC_WS | CODEC_C0 | CODEC_C1;
  luaL_argcheck(L, (flags & ~known) == 0, 2, "invalid control flags");
  r = codec_latin1_encode((unsigned char *)luaL_buffinitsize(L, &b, n), s, n,
                          (int)flags, &len);
  if (r != CODEC_OK) {
    return luaL_argerror(L, 1, lua_pushfstring(L, "%s at byte %I",
                                               codec_strerror(r),
                                               (lua_Integer)len + 1));
  }
  luaL_pushresultsize(&b, len);
  return 1;
}
/* }==== */

/* {==== compression */

/* A decompression's output, owned by a userdata until it is a string:
** a raise in between (out of memory) leaves it to __gc. */
typedef struct zbuf {
  mem_hook hook;
  zc_out out;
} zbuf;

static void zbuf_free(zbuf *z) {
  if (z->out.p) z->hook.alloc(z->hook.ud, z->out.p, z->out.cap, 0);
  memset(&z->out, 0, sizeof z->out);
}

static int zbuf_gc(lua_State *L) {
  zbuf_free(lua_touserdata(L, 1));
  return 0;
}

/* Pushes the bytes of z as a string and gives z's block back at once
** (the collector does not count it, so it must not wait for __gc). */
static void zbuf_push(lua_State *L, zbuf *z) {
  lua_pushlstring(L, (const char *)z->out.p, z->out.len);
  zbuf_free(z);
}

/* Pushes an empty zbuf (with the state's allocator as its hook). */
static zbuf *zbuf_new(lua_State *L) {
  zbuf *z = lua_newuserdatauv(L, sizeof *z, 0);
  memset(z, 0, sizeof *z);
  z->hook.alloc = lua_getallocf(L, &z->hook.ud);
  if (luaL_newmetatable(L, "moonbox.zbuf")) {
    lua_pushcfunction(L, zbuf_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return z;
}

static int check_level(lua_State *L, int arg, int dflt) {
  lua_Integer level = luaL_optinteger(L, arg, dflt);
  luaL_argcheck(L, level >= -1 && level <= 9, arg, "level not in -1..9");
  return (int)level;
}

/* Starts b with the head bytes h, then s[0..n) compressed in format fmt
** at level; *len gets the whole length. Raises when n is too large;
** returns zc_deflate's result. */
static zc_result compress_into(lua_State *L, luaL_Buffer *b,
                               const unsigned char *h, size_t head,
                               zc_format fmt, int level, const char *s,
                               size_t n, size_t *len) {
  size_t bound = zc_bound(n);
  mem_hook hook;
  zc_result r;
  char *out;
  if (!bound || bound > (size_t)-1 - head) luaL_argerror(L, 1, "too long");
  out = luaL_buffinitsize(L, b, head + bound);
  if (head) memcpy(out, h, head);
  hook.alloc = lua_getallocf(L, &hook.ud);
  r = zc_deflate(&hook, fmt, level, s, n, out + head, bound, len);
  *len += head;
  return r;
}

/* -- Deflate(uncompressed:str[, level:int]) -> compressed:str
**    | nil, message   (raw DEFLATE; level -1..9, 7 when absent; zlib
**    fails only when out of memory) */
static int l_deflate(lua_State *L) {
  size_t n, len = 0;
  const char *s = luaL_checklstring(L, 1, &n);
  int level = check_level(L, 2, DEFLATE_LEVEL);
  luaL_Buffer b;
  zc_result r = compress_into(L, &b, NULL, 0, ZC_RAW, level, s, n, &len);
  if (r != ZC_OK) {
    luaL_pushfail(L);
    lua_pushfstring(L, "deflate: %s", zc_strerror(r));
    return 2;
  }
  luaL_pushresultsize(&b, len);
  return 1;
}

/* -- Inflate(compressed:str, maxoutsize:int) -> uncompressed:str
**    | nil, message   (raw DEFLATE; never more than maxoutsize bytes) */
static int l_inflate(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_Integer max = luaL_checkinteger(L, 2);
  zbuf *z;
  zc_result r;
  luaL_argcheck(L, max >= 0, 2, "negative size");
  z = zbuf_new(L);
  r = zc_inflate(&z->hook, ZC_RAW, s, n, (size_t)max, &z->out);
  if (r != ZC_OK) {
    zbuf_free(z);
    luaL_pushfail(L);
    lua_pushfstring(L, "inflate: %s", zc_strerror(r));
    return 2;
  }
  zbuf_push(L, z);
  return 1;
}

/* -- Compress(data:str[, level:int[, raw:bool]]) -> str
**    the zlib format after a header (the size as a LEB128, the CRC-32 as
**    4 bytes little-endian); raw: the zlib format alone. Level -1..9,
**    zlib's default (-1) when absent. Raises on failure. */
static int l_compress(lua_State *L) {
  size_t n, len = 0, head = 0;
  const char *s = luaL_checklstring(L, 1, &n);
  int level = check_level(L, 2, Z_DEFAULT_COMPRESSION);
  unsigned char h[ZC_HEADER_MAX];
  luaL_Buffer b;
  zc_result r;
  if (!lua_toboolean(L, 3))
    head = zc_header_write(h, n, (uint32_t)crc32_z(0, (const Bytef *)s, n));
  r = compress_into(L, &b, h, head, ZC_ZLIB, level, s, n, &len);
  if (r != ZC_OK) return luaL_error(L, "%s", zc_strerror(r));
  luaL_pushresultsize(&b, len);
  return 1;
}

/* Inflates the zlib-format s[0..n) into a new zbuf (pushed), which must
** hold exactly want bytes; raises otherwise. */
static zbuf *uncompress_exact(lua_State *L, const char *s, size_t n,
                              uint64_t want) {
  zbuf *z = zbuf_new(L);
  size_t limit = want > (size_t)-1 ? (size_t)-1 : (size_t)want;
  zc_result r = zc_inflate(&z->hook, ZC_ZLIB, s, n, limit, &z->out);
  if (r == ZC_MEMORY) luaL_error(L, "not enough memory");
  if (r == ZC_OK && z->out.len != want) r = ZC_LENGTH;
  if (r != ZC_OK) luaL_error(L, "compressed value is corrupted (%s)",
                             zc_strerror(r));
  return z;
}

/* -- Uncompress(data:str[, size:int]) -> str
**    without size: Compress's format, whose size and CRC-32 are checked;
**    with size: the zlib format, which must give exactly size bytes.
**    Raises on anything else. */
static int l_uncompress(lua_State *L) {
  size_t n, head;
  const char *s = luaL_checklstring(L, 1, &n);
  uint64_t want;
  uint32_t crc;
  zbuf *z;
  if (lua_isnoneornil(L, 2)) {
    if (zc_header_read(s, n, &want, &crc, &head) != ZC_OK)
      return luaL_error(L, "%s", zc_strerror(ZC_HEADER));
    z = uncompress_exact(L, s + head, n - head, want);
    if (crc32_z(0, z->out.p, z->out.len) != crc)
      return luaL_error(L, "compressed value is corrupted (%s)",
                        zc_strerror(ZC_CRC));
  } else {
    lua_Integer size = luaL_checkinteger(L, 2);
    luaL_argcheck(L, size >= 0, 2, "negative size");
    z = uncompress_exact(L, s, n, (uint64_t)size);
  }
  zbuf_push(L, z);
  return 1;
}
/* }==== */

static const luaL_Reg funcs[] = {{"EncodeBase64", l_encodebase64},
                                 {"DecodeBase64", l_decodebase64},
                                 {"EncodeBase32", l_encodebase32},
                                 {"DecodeBase32", l_decodebase32},
                                 {"EncodeHex", l_encodehex},
                                 {"DecodeHex", l_decodehex},
                                 {"EncodeLatin1", l_encodelatin1},
                                 {"DecodeLatin1", l_decodelatin1},
                                 {"Deflate", l_deflate},
                                 {"Inflate", l_inflate},
                                 {"Compress", l_compress},
                                 {"Uncompress", l_uncompress},
                                 {NULL, NULL}};

void cosmo_open_codec(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
