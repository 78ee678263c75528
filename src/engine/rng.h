/*
** rng.h: the arithmetic of random numbers: Lemire's 128-bit Lehmer
** generator (Cosmopolitan's lemur64 and rand64), UUIDs of versions 4 and
** 7 (RFC 9562) from bytes the caller draws, and the Shannon entropy of
** bytes. The caller keeps every state. See LICENSE.
*/
#ifndef MOONBOX_RNG_H
#define MOONBOX_RNG_H

#include <stddef.h>
#include <stdint.h>

/* Cosmopolitan's lemur64 starts here (the first output is
** (RNG_LEMUR64_SEED * RNG_LEMUR64_MUL mod 2^128) >> 64). */
#define RNG_LEMUR64_SEED ((unsigned __int128)2131259787901769494u)
#define RNG_LEMUR64_MUL 15750249268501108917u

/* rng_lemur64: multiplies *state by RNG_LEMUR64_MUL (mod 2^128) and
** returns the new state's high 64 bits. Not for cryptography. */
uint64_t rng_lemur64(unsigned __int128 *state);

/* rng_uuid_text: writes the 36 characters of the UUID b[0..16)
** (lower-case hex, dashes after bytes 4, 6, 8 and 10); no NUL. */
void rng_uuid_text(char out[36], const unsigned char b[16]);

/* rng_uuid_v4: turns 16 random bytes into a version 4 UUID in place
** (version nibble 4, variant bits 10). */
void rng_uuid_v4(unsigned char b[16]);

/* The last version 7 UUID's time, which the next must exceed. */
typedef struct rng_v7 {
  uint64_t ms;     /* Unix time in milliseconds */
  unsigned frac;   /* the 12 bits of rand_a: 1/4096 ms steps */
} rng_v7;

/* rng_uuid_v7: makes a version 7 UUID in b: 48 bits of ms (Unix time in
** milliseconds), then 12 bits of frac (the fraction of that millisecond,
** 0..4095, RFC 9562 section 6.2 method 3) in rand_a, then the variant and
** 62 bits of rnd[0..8). When (ms, frac) is not past *last (the clock
** stood still or went back), *last plus one step is used instead, so that
** the UUIDs of one rng_v7 strictly increase. *last is updated. */
void rng_uuid_v7(unsigned char b[16], rng_v7 *last, uint64_t ms,
                 unsigned frac, const unsigned char rnd[8]);

/* rng_entropy: the Shannon entropy of the bytes p[0..n) in bits per byte
** (0 for no bytes, 8 at most). */
double rng_entropy(const void *p, size_t n);

#endif
