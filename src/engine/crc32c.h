/*
** crc32c.h: the Castagnoli CRC-32 (iSCSI, RFC 3720), reflected, with
** zlib's crc32 convention for chaining. See LICENSE.
*/
#ifndef MOONBOX_CRC32C_H
#define MOONBOX_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* crc32c_update: the CRC-32C of p[0..n) continuing from crc, the value
** an earlier call returned (0 to start): crc32c_update(crc32c_update(0,
** a), b) is the CRC of a followed by b. Polynomial 0x1EDC6F41 (reflected
** 0x82F63B78), initial value and final xor 0xFFFFFFFF, as RFC 3720's
** appendix B.4 computes it. p may be NULL when n is 0. */
uint32_t crc32c_update(uint32_t crc, const void *p, size_t n);

#endif
