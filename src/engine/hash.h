/*
** hash.h: message digests (MD5, SHA-1, SHA-224/256/384/512, BLAKE2b-256)
** and HMAC over any of them, incremental or in one call. No allocation,
** no state outside the caller's hash_ctx. See LICENSE.
*/
#ifndef MOONBOX_HASH_H
#define MOONBOX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_MAXSIZE 64   /* the longest digest (SHA-512) */
#define HASH_MAXBLOCK 128 /* the longest block (SHA-384/512, BLAKE2b) */

typedef struct hash_ctx hash_ctx;

/* One algorithm: its name, digest and block sizes, and its steps (the
** caller uses hash_init, hash_update and hash_final, never these). */
typedef struct hash_algo {
  const char *name;
  size_t size, block;
  void (*init)(hash_ctx *c);
  void (*update)(hash_ctx *c, const unsigned char *p, size_t n);
  void (*final)(hash_ctx *c, unsigned char *out);
} hash_algo;

/* A digest in progress. Plain data: copy it to fork a computation. */
struct hash_ctx {
  const hash_algo *algo;
  union {
    uint32_t w[8];
    uint64_t d[8];
  } h;
  uint64_t total; /* bytes hashed so far */
  size_t used;    /* bytes waiting in buf */
  unsigned char buf[HASH_MAXBLOCK];
};

extern const hash_algo hash_md5, hash_sha1, hash_sha224, hash_sha256,
    hash_sha384, hash_sha512, hash_blake2b256;

/* hash_find: the algorithm named name[0..len), compared without regard
** to case: MD5, SHA1 (also SHA), SHA224, SHA256, SHA384, SHA512,
** BLAKE2B256. NULL for any other name. */
const hash_algo *hash_find(const char *name, size_t len);

/* hash_init: starts a digest of algo in c. */
void hash_init(hash_ctx *c, const hash_algo *algo);

/* hash_update: adds p[0..n) (p may be NULL when n is 0). */
void hash_update(hash_ctx *c, const void *p, size_t n);

/* hash_final: writes the algo->size bytes of the digest to out; c must be
** started again (hash_init) before it is used for another digest. */
void hash_final(hash_ctx *c, unsigned char *out);

/* hash_digest: the digest of p[0..n) in one call; returns algo->size. */
size_t hash_digest(const hash_algo *algo, const void *p, size_t n,
                   unsigned char *out);

/* hash_hmac: HMAC (RFC 2104) of p[0..n) under key[0..klen) with algo
** (a key longer than the block is hashed first); writes algo->size bytes
** to out and returns that size. */
size_t hash_hmac(const hash_algo *algo, const void *key, size_t klen,
                 const void *p, size_t n, unsigned char *out);

#endif
