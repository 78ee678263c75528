/*
** hwyhash.h: HighwayHash (Alakuijala, Cox, Wassenberg, Google 2016), its
** 64-bit result, portable scalar code. See LICENSE.
*/
#ifndef MOONBOX_HWYHASH_H
#define MOONBOX_HWYHASH_H

#include <stddef.h>
#include <stdint.h>

/* hwy_hash64: the 64-bit HighwayHash of p[0..n) under the 256-bit key
** key[0..3] (p may be NULL when n is 0). Agrees with Google's reference
** implementation (highwayhash/highwayhash_test.cc's expected64 table). */
uint64_t hwy_hash64(const void *p, size_t n, const uint64_t key[4]);

#endif
