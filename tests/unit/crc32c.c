/*
** crc32c.c: unit tests of CRC-32C (src/engine/crc32c.c): RFC 3720
** appendix B.4's examples, the check value of "123456789" (0xE3069283,
** the CRC catalogue's), and chaining across pieces. See LICENSE.
*/
#include <string.h>

#include "crc32c.h"
#include "unit.h"

int main(void) {
  /* the 48-byte iSCSI read PDU of RFC 3720 B.4 */
  static const unsigned char pdu[48] = {
      0x01, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0x14, 0, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 0x18,
      0x28, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0};
  unsigned char b[32];
  uint32_t c;
  int i;
  memset(b, 0, 32);
  c = crc32c_update(0, b, 32);
  CHECK(c == 0x8a9136aa, "32 zeros: %08x", c);
  memset(b, 0xff, 32);
  c = crc32c_update(0, b, 32);
  CHECK(c == 0x62a8ab43, "32 0xff: %08x", c);
  for (i = 0; i < 32; i++) b[i] = (unsigned char)i;
  c = crc32c_update(0, b, 32);
  CHECK(c == 0x46dd794e, "0..31: %08x", c);
  for (i = 0; i < 32; i++) b[i] = (unsigned char)(31 - i);
  c = crc32c_update(0, b, 32);
  CHECK(c == 0x113fdb5c, "31..0: %08x", c);
  c = crc32c_update(0, pdu, 48);
  CHECK(c == 0xd9963a56, "iSCSI read PDU: %08x", c);
  c = crc32c_update(0, "123456789", 9);
  CHECK(c == 0xe3069283, "check value: %08x", c);
  c = crc32c_update(crc32c_update(0, "1234", 4), "56789", 5);
  CHECK(c == 0xe3069283, "chained: %08x", c);
  CHECK(crc32c_update(0, NULL, 0) == 0, "nothing");
  CHECK(crc32c_update(0x12345678, NULL, 0) == 0x12345678, "nothing added");
  return UNIT_END();
}
