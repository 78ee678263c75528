/*
** argon2.c: RFC 9106 section 5 test vectors through the library as moonbox
** links it (the SIMD dispatcher included), with secret and associated data.
** See LICENSE.
*/
#include <stdint.h>
#include <string.h>

#include "argon2.h"
#include "unit.h"

/* RFC 9106 5.1-5.3: t=3, m=32 KiB, p=4, 32-byte tag, version 0x13. */
static const struct {
  const char *name;
  argon2_type type;
  const char *tag_hex;
} vectors[] = {
  {"argon2d", Argon2_d,
   "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"},
  {"argon2i", Argon2_i,
   "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"},
  {"argon2id", Argon2_id,
   "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"},
};

static void to_hex(const uint8_t *p, size_t n, char *dst) {
  static const char digits[] = "0123456789abcdef";
  size_t i;
  for (i = 0; i < n; i++) {
    dst[2 * i] = digits[p[i] >> 4];
    dst[2 * i + 1] = digits[p[i] & 15];
  }
  dst[2 * n] = '\0';
}

/* One RFC run; the context is filled field by field as section 5 lists. */
static int rfc_run(argon2_type type, uint8_t tag[32]) {
  uint8_t pwd[32], salt[16], secret[8], ad[12];
  argon2_context ctx;
  memset(pwd, 1, sizeof pwd);
  memset(salt, 2, sizeof salt);
  memset(secret, 3, sizeof secret);
  memset(ad, 4, sizeof ad);
  memset(&ctx, 0, sizeof ctx);
  ctx.out = tag, ctx.outlen = 32;
  ctx.pwd = pwd, ctx.pwdlen = sizeof pwd;
  ctx.salt = salt, ctx.saltlen = sizeof salt;
  ctx.secret = secret, ctx.secretlen = sizeof secret;
  ctx.ad = ad, ctx.adlen = sizeof ad;
  ctx.t_cost = 3, ctx.m_cost = 32, ctx.lanes = ctx.threads = 4;
  ctx.version = ARGON2_VERSION_13;
  return argon2_ctx(&ctx, type);
}

static void rfc9106_vectors(void) {
  size_t i;
  for (i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
    uint8_t tag[32];
    char hex[65];
    int rc = rfc_run(vectors[i].type, tag);
    CHECK(rc == ARGON2_OK, "%s: expected ARGON2_OK, got %d (%s)",
          vectors[i].name, rc, argon2_error_message(rc));
    to_hex(tag, sizeof tag, hex);
    CHECK(strcmp(hex, vectors[i].tag_hex) == 0, "%s: expected tag %s, got %s",
          vectors[i].name, vectors[i].tag_hex, hex);
  }
}

/* The reference's own encoded vector (test.c): salt "somesalt", t=2,
** m=2^16, p=1, argon2i; verify must accept it and refuse a wrong password. */
static void encoded_vector(void) {
  static const char enc[] = "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ"
                            "$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";
  char out[128];
  int rc = argon2i_hash_encoded(2, 1 << 16, 1, "password", 8, "somesalt", 8,
                                32, out, sizeof out);
  CHECK(rc == ARGON2_OK, "hash: expected ARGON2_OK, got %d", rc);
  CHECK(strcmp(out, enc) == 0, "expected %s, got %s", enc, out);
  rc = argon2_verify(enc, "password", 8, Argon2_i);
  CHECK(rc == ARGON2_OK, "verify: expected ARGON2_OK, got %d", rc);
  rc = argon2_verify(enc, "passwore", 8, Argon2_i);
  CHECK(rc == ARGON2_VERIFY_MISMATCH, "wrong password: expected %d, got %d",
        ARGON2_VERIFY_MISMATCH, rc);
}

int main(void) {
  rfc9106_vectors();
  encoded_vector();
  return UNIT_END();
}
