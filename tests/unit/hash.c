/*
** hash.c: unit tests of the digest engine (src/engine/hash.c) on
** published vectors: RFC 1321 A.5 (MD5), FIPS 180-4's examples (SHA-1,
** SHA-2: "abc", the two-block messages, a million 'a'), BLAKE2b-256 of ""
** and "abc", HMAC from RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-2).
** See LICENSE.
*/
#include <string.h>

#include "hash.h"
#include "unit.h"

static void hex(char *out, const unsigned char *p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", p[i]);
  out[2 * n] = '\0';
}

static void check_digest(const hash_algo *a, const char *msg, size_t n,
                         const char *want) {
  unsigned char d[HASH_MAXSIZE];
  char got[2 * HASH_MAXSIZE + 1];
  CHECK(hash_digest(a, msg, n, d) == strlen(want) / 2, "%s size", a->name);
  hex(got, d, a->size);
  CHECK(strcmp(got, want) == 0,
        "%s(\"%.20s\"...%zu bytes): expected %s, got %s", a->name, msg, n,
        want, got);
}

#define DIGEST(a, msg, want) check_digest(&(a), msg, sizeof msg - 1, want)

static const char two_blocks[] =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char four_blocks[] =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
    "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static void test_md5(void) {
  DIGEST(hash_md5, "", "d41d8cd98f00b204e9800998ecf8427e");
  DIGEST(hash_md5, "a", "0cc175b9c0f1b6a831c399e269772661");
  DIGEST(hash_md5, "abc", "900150983cd24fb0d6963f7d28e17f72");
  DIGEST(hash_md5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0");
  DIGEST(hash_md5, "abcdefghijklmnopqrstuvwxyz",
         "c3fcd3d76192e4007dfb496cca67e13b");
  DIGEST(hash_md5,
         "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
         "d174ab98d277d9f5a5611c2c9f419d9f");
  DIGEST(hash_md5,
         "1234567890123456789012345678901234567890"
         "1234567890123456789012345678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a");
}

static void test_sha(void) {
  DIGEST(hash_sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
  DIGEST(hash_sha1, two_blocks, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  DIGEST(hash_sha224, "abc",
         "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  DIGEST(hash_sha224, two_blocks,
         "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525");
  DIGEST(hash_sha256, "abc",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  DIGEST(hash_sha256, two_blocks,
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  DIGEST(hash_sha384, "abc",
         "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
         "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  DIGEST(hash_sha384, four_blocks,
         "09330c33f71147e83d192fc782cd1b4753111b173b3b05d2"
         "2fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
  DIGEST(hash_sha512, "abc",
         "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  DIGEST(hash_sha512, four_blocks,
         "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
         "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
  DIGEST(hash_blake2b256, "",
         "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  DIGEST(hash_blake2b256, "abc",
         "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

/* A million 'a' fed in uneven pieces (1, 2, ... 200 bytes): the digest
** must not depend on how the input was cut. */
static void check_million(const hash_algo *a, const char *want) {
  static char chunk[200];
  unsigned char d[HASH_MAXSIZE];
  char got[2 * HASH_MAXSIZE + 1];
  size_t left = 1000000, k = 1;
  hash_ctx c;
  memset(chunk, 'a', sizeof chunk);
  hash_init(&c, a);
  while (left) {
    size_t take = k < left ? k : left;
    hash_update(&c, chunk, take);
    left -= take;
    k = k % 200 + 1;
  }
  hash_final(&c, d);
  hex(got, d, a->size);
  CHECK(strcmp(got, want) == 0, "%s(a million 'a'): expected %s, got %s",
        a->name, want, got);
}

static void test_million(void) {
  check_million(&hash_sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  check_million(&hash_sha224,
                "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67");
  check_million(&hash_sha256,
                "cdc76e5c9914fb9281a1c7e284d73e67"
                "f1809a48a497200e046d39ccc7112cd0");
}

static void check_hmac(const hash_algo *a, const char *key, size_t klen,
                       const char *msg, const char *want) {
  unsigned char d[HASH_MAXSIZE];
  char got[2 * HASH_MAXSIZE + 1];
  hash_hmac(a, key, klen, msg, strlen(msg), d);
  hex(got, d, a->size);
  CHECK(strcmp(got, want) == 0, "HMAC-%s(key of %zu bytes, \"%s\"): "
        "expected %s, got %s", a->name, klen, msg, want, got);
}

static void test_hmac(void) {
  char k0b[20], kaa[131];
  const char *hi = "Hi There", *jefe = "what do ya want for nothing?";
  const char *big = "Test Using Larger Than Block-Size Key - Hash Key First";
  memset(k0b, 0x0b, sizeof k0b);
  memset(kaa, 0xaa, sizeof kaa);
  /* RFC 2202, cases 1, 2 and 6 */
  check_hmac(&hash_md5, k0b, 16, hi, "9294727a3638bb1c13f48ef8158bfc9d");
  check_hmac(&hash_md5, "Jefe", 4, jefe, "750c783e6ab0b503eaa86e310a5db738");
  check_hmac(&hash_md5, kaa, 80, big, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
  check_hmac(&hash_sha1, k0b, 20, hi,
             "b617318655057264e28bc0b6fb378c8ef146be00");
  check_hmac(&hash_sha1, "Jefe", 4, jefe,
             "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  check_hmac(&hash_sha1, kaa, 80, big,
             "aa4ae5e15272d00e95705637ce8a3b55ed402112");
  /* RFC 4231, cases 1, 2 and 6 */
  check_hmac(&hash_sha224, k0b, 20, hi,
             "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22");
  check_hmac(&hash_sha256, k0b, 20, hi,
             "b0344c61d8db38535ca8afceaf0bf12b"
             "881dc200c9833da726e9376c2e32cff7");
  check_hmac(&hash_sha384, k0b, 20, hi,
             "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec6"
             "82aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6");
  check_hmac(&hash_sha512, k0b, 20, hi,
             "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
             "daa833b7d6b8a702038b274eaea3f4e4"
             "be9d914eeb61f1702e696c203a126854");
  check_hmac(&hash_sha224, "Jefe", 4, jefe,
             "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
  check_hmac(&hash_sha256, "Jefe", 4, jefe,
             "5bdcc146bf60754e6a042426089575c7"
             "5a003f089d2739839dec58b964ec3843");
  check_hmac(&hash_sha384, "Jefe", 4, jefe,
             "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47"
             "e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
  check_hmac(&hash_sha512, "Jefe", 4, jefe,
             "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
             "9758bf75c05a994a6d034f65f8f0e6fd"
             "caeab1a34d4a6b4b636e070a38bce737");
  check_hmac(&hash_sha256, kaa, 131, big,
             "60e431591ee0b67f0d8a26aacbf5b77f"
             "8e0bc6213728c5140546040f0ee37f54");
  check_hmac(&hash_sha512, kaa, 131, big,
             "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
             "6b56d037e05f2598bd0fd2215d6a1e52"
             "95e64f73f63f0aec8b915a985d786598");
}

static void test_find(void) {
  CHECK(hash_find("sha256", 6) == &hash_sha256, "sha256 (lower case)");
  CHECK(hash_find("MD5", 3) == &hash_md5, "MD5");
  CHECK(hash_find("SHA", 3) == &hash_sha1, "SHA means SHA1");
  CHECK(hash_find("Blake2b256", 10) == &hash_blake2b256, "BLAKE2B256");
  CHECK(hash_find("SHA384", 6) == &hash_sha384, "SHA384");
  CHECK(hash_find("SHA25", 5) == NULL, "a prefix is no name");
  CHECK(hash_find("SHA2566", 7) == NULL, "a longer name is none");
  CHECK(hash_find("SHA256\0", 7) == NULL, "a NUL inside is none");
  CHECK(hash_find("", 0) == NULL, "the empty name");
  CHECK(hash_find("MD4", 3) == NULL, "MD4 is not offered");
}

int main(void) {
  test_md5();
  test_sha();
  test_million();
  test_hmac();
  test_find();
  return UNIT_END();
}
