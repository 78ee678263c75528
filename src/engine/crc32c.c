/*
** crc32c.c: CRC-32C four bits at a time, from a 16-entry table made on
** each call from the polynomial (64 steps: nothing to keep). See LICENSE.
*/
#include "crc32c.h"

#define CRC32C_POLY 0x82f63b78u /* 0x1EDC6F41 bit-reversed */

uint32_t crc32c_update(uint32_t crc, const void *data, size_t n) {
  const unsigned char *p = data;
  uint32_t table[16];
  size_t i;
  int k;
  for (i = 0; i < 16; i++) {
    uint32_t c = (uint32_t)i;
    for (k = 0; k < 4; k++) c = c >> 1 ^ (c & 1 ? CRC32C_POLY : 0);
    table[i] = c;
  }
  crc = ~crc;
  for (i = 0; i < n; i++) {
    crc ^= p[i];
    crc = crc >> 4 ^ table[crc & 15];
    crc = crc >> 4 ^ table[crc & 15];
  }
  return ~crc;
}
