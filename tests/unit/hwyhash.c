/*
** hwyhash.c: unit tests of HighwayHash-64 (src/engine/hwyhash.c) on the
** published vectors of Google's reference implementation: expected64 of
** highwayhash_test.cc (key 0x0706050403020100.., data 0, 1, 2, ... of
** every length 0..64) and the two key {1, 2, 3, 4} cases of its Java
** port's test. See LICENSE.
*/
#include <stdint.h>

#include "hwyhash.h"
#include "unit.h"

static const uint64_t expected64[65] = {
    0x907A56DE22C26E53ull, 0x7EAB43AAC7CDDD78ull, 0xB8D0569AB0B53D62ull,
    0x5C6BEFAB8A463D80ull, 0xF205A46893007EDAull, 0x2B8A1668E4A94541ull,
    0xBD4CCC325BEFCA6Full, 0x4D02AE1738F59482ull, 0xE1205108E55F3171ull,
    0x32D2644EC77A1584ull, 0xF6E10ACDB103A90Bull, 0xC3BBF4615B415C15ull,
    0x243CC2040063FA9Cull, 0xA89A58CE65E641FFull, 0x24B031A348455A23ull,
    0x40793F86A449F33Bull, 0xCFAB3489F97EB832ull, 0x19FE67D2C8C5C0E2ull,
    0x04DD90A69C565CC2ull, 0x75D9518E2371C504ull, 0x38AD9B1141D3DD16ull,
    0x0264432CCD8A70E0ull, 0xA9DB5A6288683390ull, 0xD7B05492003F028Cull,
    0x205F615AEA59E51Eull, 0xEEE0C89621052884ull, 0x1BFC1A93A7284F4Full,
    0x512175B5B70DA91Dull, 0xF71F8976A0A2C639ull, 0xAE093FEF1F84E3E7ull,
    0x22CA92B01161860Full, 0x9FC7007CCF035A68ull, 0xA0C964D9ECD580FCull,
    0x2C90F73CA03181FCull, 0x185CF84E5691EB9Eull, 0x4FC1F5EF2752AA9Bull,
    0xF5B7391A5E0A33EBull, 0xB9B84B83B4E96C9Cull, 0x5E42FE712A5CD9B4ull,
    0xA150F2F90C3F97DCull, 0x7FA522D75E2D637Dull, 0x181AD0CC0DFFD32Bull,
    0x3889ED981E854028ull, 0xFB4297E8C586EE2Dull, 0x6D064A45BB28059Cull,
    0x90563609B3EC860Cull, 0x7AA4FCE94097C666ull, 0x1326BAC06B911E08ull,
    0xB926168D2B154F34ull, 0x9919848945B1948Dull, 0xA2A98FC534825EBEull,
    0xE9809095213EF0B6ull, 0x582E5483707BC0E9ull, 0x086E9414A88A6AF5ull,
    0xEE86B98D20F6743Dull, 0xF89B7FF609B1C0A7ull, 0x4C7D9CC19E22C3E8ull,
    0x9A97005024562A6Full, 0x5DD41CF423E6EBEFull, 0xDF13609C0468E227ull,
    0x6E0DA4F64188155Aull, 0xB755BA4B50D7D4A1ull, 0x887A3484647479BDull,
    0xAB8EEBE9BF2139A0ull, 0x75542C5D4CD2A6FFull};

int main(void) {
  static const uint64_t key1[4] = {
      0x0706050403020100ull, 0x0F0E0D0C0B0A0908ull, 0x1716151413121110ull,
      0x1F1E1D1C1B1A1918ull};
  static const uint64_t key2[4] = {1, 2, 3, 4};
  unsigned char data[65], b[33];
  size_t i;
  uint64_t h;
  for (i = 0; i < 65; i++) data[i] = (unsigned char)i;
  for (i = 0; i <= 64; i++) {
    h = hwy_hash64(data, i, key1);
    CHECK(h == expected64[i], "length %zu: expected %016llx, got %016llx", i,
          (unsigned long long)expected64[i], (unsigned long long)h);
  }
  for (i = 0; i < 33; i++) b[i] = (unsigned char)(128 + i);
  h = hwy_hash64(b, 33, key2);
  CHECK(h == 0x53c516cce478cad7ull, "33 bytes from 128, key 1234: %016llx",
        (unsigned long long)h);
  b[0] = 0xff;
  h = hwy_hash64(b, 1, key2);
  CHECK(h == 0x7858f24d2d79b2b2ull, "byte ff, key 1234: %016llx",
        (unsigned long long)h);
  return UNIT_END();
}
