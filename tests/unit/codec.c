/*
** codec.c: unit tests of the codec engine (src/engine/codec.c): RFC 4648
** section 10's vectors for base64, base32, base32hex (through the
** alphabet argument) and base16; Crockford's alphabet on the base32hex
** vectors (the same 5-bit values); ISO-8859-1 on hand-made UTF-8.
** See LICENSE.
*/
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "unit.h"

static const char *const plain[7] = {"",      "f",     "fo",    "foo",
                                     "foob",  "fooba", "foobar"};

static void test_base64(void) {
  static const char *const b64[7] = {"",         "Zg==",     "Zm8=",
                                     "Zm9v",     "Zm9vYg==", "Zm9vYmE=",
                                     "Zm9vYmFy"};
  char out[64];
  unsigned char bin[64];
  size_t i, n;
  for (i = 0; i < 7; i++) {
    size_t len = strlen(plain[i]);
    n = codec_base64_encode(out, (const unsigned char *)plain[i], len);
    CHECK(n == strlen(b64[i]) && n == codec_base64_encode_max(len) &&
              memcmp(out, b64[i], n) == 0,
          "base64(\"%s\"): expected %s, got %.*s", plain[i], b64[i], (int)n,
          out);
    n = codec_base64_decode(bin, b64[i], strlen(b64[i]));
    CHECK(n == len && memcmp(bin, plain[i], n) == 0, "unbase64(%s)", b64[i]);
    /* padding optional, white space and line breaks skipped */
    memcpy(out, b64[i], strlen(b64[i]) + 1);
    if (strchr(out, '=')) *strchr(out, '=') = '\0';
    n = codec_base64_decode(bin, out, strlen(out));
    CHECK(n == len && memcmp(bin, plain[i], n) == 0, "unpadded %s", out);
  }
  n = codec_base64_decode(bin, " Zm9v\r\nYmFy\n", 13);
  CHECK(n == 6 && memcmp(bin, "foobar", 6) == 0, "white space skipped");
  n = codec_base64_decode(bin, "-_-_", 4);
  CHECK(n == 3 && bin[0] == 0xfb && bin[1] == 0xff && bin[2] == 0xbf,
        "the URL alphabet");
  n = codec_base64_decode(bin, "+/+/", 4);
  CHECK(n == 3 && bin[0] == 0xfb && bin[1] == 0xff && bin[2] == 0xbf,
        "the standard alphabet");
  n = codec_base64_decode(bin, "Zg==Zm8=", 8);
  CHECK(n == 3 && memcmp(bin, "ffo", 3) == 0, "groups after padding");
  n = codec_base64_decode(bin, "Z", 1);
  CHECK(n == 0, "one lone character gives nothing (got %zu)", n);
  CHECK(codec_base64_decode_max(4) >= 3 && codec_base64_decode_max(2) >= 1,
        "decode bound");
}

/* base32 via an alphabet, padding '=' stops decoding as outside it */
static void test_base32(void) {
  static const char *const b32[7] = {"",         "MY======", "MZXQ====",
                                     "MZXW6===", "MZXW6YQ=", "MZXW6YTB",
                                     "MZXW6YTBOI======"};
  static const char *const b32hex[7] = {"",         "CO======", "CPNG====",
                                        "CPNMU===", "CPNMUOG=", "CPNMUOJ1",
                                        "CPNMUOJ1E8======"};
  static const char rfc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  static const char hexa[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  char out[64], want[64];
  unsigned char bin[64];
  size_t i, j, n, len, k;
  for (i = 0; i < 7; i++) {
    len = strlen(plain[i]);
    k = strcspn(b32[i], "="); /* our encoder does not pad */
    n = codec_base32_encode(out, (const unsigned char *)plain[i], len, rfc, 32);
    CHECK(n == k && n == codec_base32_encode_max(len, 32) &&
              memcmp(out, b32[i], n) == 0,
          "base32(\"%s\"): expected %.*s, got %.*s", plain[i], (int)k, b32[i],
          (int)n, out);
    n = codec_base32_decode(bin, b32[i], strlen(b32[i]), rfc, 32);
    CHECK(n == len && memcmp(bin, plain[i], n) == 0, "unbase32(%s)", b32[i]);
    n = codec_base32_encode(out, (const unsigned char *)plain[i], len, hexa,
                            32);
    CHECK(n == k && memcmp(out, b32hex[i], n) == 0, "base32hex(\"%s\")",
          plain[i]);
    /* Crockford: the base32hex values, spelled with Crockford's digits */
    for (j = 0; j < k; j++)
      want[j] = codec_crockford[strchr(hexa, b32hex[i][j]) - hexa];
    n = codec_base32_encode(out, (const unsigned char *)plain[i], len,
                            codec_crockford, 32);
    CHECK(n == k && memcmp(out, want, n) == 0, "crockford(\"%s\"): %.*s",
          plain[i], (int)k, want);
    n = codec_base32_decode(bin, want, k, NULL, 0);
    CHECK(n == len && memcmp(bin, plain[i], n) == 0, "uncrockford(%.*s)",
          (int)k, want);
  }
  /* Crockford's decoding rules: case, I L O, blanks and dashes */
  n = codec_base32_decode(bin, "CSQPY-RK1E8", 11, NULL, 0);
  CHECK(n == 6 && memcmp(bin, "foobar", 6) == 0, "upper case and a dash");
  n = codec_base32_decode(bin, "csqp yrkie8", 11, NULL, 0);
  CHECK(n == 6 && memcmp(bin, "foobar", 6) == 0, "a blank, i as 1");
  n = codec_base32_decode(bin, "csqpyrkLe8", 10, NULL, 0);
  CHECK(n == 6 && memcmp(bin, "foobar", 6) == 0, "L as 1");
  n = codec_base32_decode(bin, "OOOO", 4, NULL, 0);
  CHECK(n == 2 && bin[0] == 0 && bin[1] == 0, "O as 0");
  n = codec_base32_decode(bin, "csqpu", 5, NULL, 0);
  CHECK(n == 2 && memcmp(bin, "fo", 2) == 0, "stops at u (got %zu)", n);
  /* other powers of two: 1 bit and 7 bits a character */
  n = codec_base32_encode(out, (const unsigned char *)"\xa5", 1, "01", 2);
  CHECK(n == 8 && memcmp(out, "10100101", 8) == 0, "binary alphabet");
  n = codec_base32_decode(bin, "10100101", 8, "01", 2);
  CHECK(n == 1 && bin[0] == 0xa5, "binary decode");
  CHECK(codec_base32_check("01", 2) == CODEC_OK, "2 characters");
  CHECK(codec_base32_check("012", 3) == CODEC_ALPHABET, "3 characters");
  CHECK(codec_base32_check("0", 1) == CODEC_ALPHABET, "1 character");
  CHECK(codec_base32_check("0123", 4) == CODEC_OK, "4 characters");
  CHECK(codec_base32_check("0120", 4) == CODEC_REPEATED, "a repeat");
  {
    char a128[128], a256[256];
    unsigned char all[256];
    for (i = 0; i < 128; i++) a128[i] = (char)(i + 128);
    for (i = 0; i < 256; i++) a256[i] = (char)i, all[i] = (unsigned char)i;
    CHECK(codec_base32_check(a128, 128) == CODEC_OK, "128 characters");
    CHECK(codec_base32_check(a256, 256) == CODEC_ALPHABET, "256 characters");
    {
      char enc[300];
      unsigned char dec[300];
      n = codec_base32_encode(enc, all, 256, a128, 128);
      CHECK(n == codec_base32_encode_max(256, 128) && n == (256 * 8 + 6) / 7,
            "7-bit length %zu", n);
      n = codec_base32_decode(dec, enc, n, a128, 128);
      CHECK(n == 256 && memcmp(dec, all, 256) == 0, "7-bit round trip");
    }
  }
}

static void test_hex(void) {
  static const char *const b16[7] = {"",         "66",         "666F",
                                     "666F6F",   "666F6F62",   "666F6F6261",
                                     "666F6F626172"};
  char out[64];
  unsigned char bin[64];
  size_t i, at = 99, len;
  for (i = 0; i < 7; i++) {
    len = strlen(plain[i]);
    codec_hex_encode(out, (const unsigned char *)plain[i], len);
    CHECK(strncasecmp(out, b16[i], 2 * len) == 0, "hex(\"%s\")", plain[i]);
    CHECK(codec_hex_decode(bin, b16[i], 2 * len, &at) == CODEC_OK &&
              memcmp(bin, plain[i], len) == 0, "unhex(%s)", b16[i]);
  }
  codec_hex_encode(out, (const unsigned char *)"\xab\xcd", 2);
  CHECK(memcmp(out, "abcd", 4) == 0, "lower case");
  CHECK(codec_hex_decode(bin, "aBcD", 4, &at) == CODEC_OK && bin[0] == 0xab &&
            bin[1] == 0xcd, "either case");
  CHECK(codec_hex_decode(bin, "abc", 3, &at) == CODEC_ODD, "odd");
  CHECK(codec_hex_decode(bin, "abzz", 4, &at) == CODEC_NOTHEX && at == 2,
        "z at 2 (at %zu)", at);
  CHECK(codec_hex_decode(bin, "a g0", 4, &at) == CODEC_NOTHEX && at == 1,
        "space at 1 (at %zu)", at);
}

static void latin1_fails(const char *s, int flags, codec_result want,
                         size_t want_at) {
  unsigned char out[32];
  size_t at = 99;
  codec_result r = codec_latin1_encode(out, s, strlen(s), flags, &at);
  CHECK(r == want && at == want_at, "latin1(%s, %d): expected %s at %zu, "
        "got %s at %zu", s, flags, codec_strerror(want), want_at,
        codec_strerror(r), at);
}

static void test_latin1(void) {
  unsigned char all[256], back[256];
  char utf8[512];
  size_t i, n, m;
  for (i = 0; i < 256; i++) all[i] = (unsigned char)i;
  n = codec_latin1_decode(utf8, all, 256);
  CHECK(n == 128 + 2 * 128, "UTF-8 of all bytes: %zu", n);
  CHECK(memcmp(utf8 + 0xe9 + (0xe9 - 0x80), "\xc3\xa9", 2) == 0, "e-acute");
  CHECK(codec_latin1_encode(back, utf8, n, 0, &m) == CODEC_OK && m == 256 &&
            memcmp(back, all, 256) == 0, "round trip of all bytes");
  n = codec_latin1_decode(utf8, (const unsigned char *)"caf\xe9", 4);
  CHECK(n == 5 && memcmp(utf8, "caf\xc3\xa9", 5) == 0, "caf\\xe9");
  latin1_fails("ab\xc4\x80", 0, CODEC_WIDE, 2);     /* U+0100 */
  latin1_fails("\xe2\x82\xac", 0, CODEC_WIDE, 0);   /* the euro sign */
  latin1_fails("\xf0\x9f\x98\x80", 0, CODEC_WIDE, 0);
  latin1_fails("a\x80", 0, CODEC_BADUTF8, 1);       /* stray */
  latin1_fails("\xc3", 0, CODEC_BADUTF8, 0);        /* truncated */
  latin1_fails("\xc0\x80", 0, CODEC_BADUTF8, 0);    /* overlong NUL */
  latin1_fails("\xc1\xbf", 0, CODEC_BADUTF8, 0);    /* overlong */
  latin1_fails("\xed\xa0\x80", 0, CODEC_BADUTF8, 0); /* a surrogate */
  latin1_fails("\xff", 0, CODEC_BADUTF8, 0);
  latin1_fails("a\tb", CODEC_WS, CODEC_FORBIDDEN, 1);
  latin1_fails("a\x01", CODEC_C0, CODEC_FORBIDDEN, 1);
  latin1_fails("a\x7f", CODEC_C0, CODEC_FORBIDDEN, 1);
  latin1_fails("\xc2\x85", CODEC_C1, CODEC_FORBIDDEN, 0);
  CHECK(codec_latin1_encode(back, "a\tb\n", 4, CODEC_C0 | CODEC_C1, &m) ==
            CODEC_OK && m == 4, "white space stays allowed under C0");
  CHECK(codec_latin1_encode(back, "\xc2\x85", 2, CODEC_C0, &m) == CODEC_OK &&
            m == 1 && back[0] == 0x85, "C1 allowed without its flag");
  CHECK(codec_latin1_encode(back, "", 0, 7, &m) == CODEC_OK && m == 0,
        "empty");
}

int main(void) {
  test_base64();
  test_base32();
  test_hex();
  test_latin1();
  return UNIT_END();
}
