/*
** tests/unit/ip.c: unit tests of the IPv4 engine: dotted quads in and out,
** the edges of every special block, categories, hostile strings.
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ip.h"
#include "unit.h"

/* ip_parse on a copy of exactly n bytes (no terminator to lean on) */
static int64_t parse(const char *s, size_t n) {
  char *p = malloc(n ? n : 1);
  int64_t r;
  memcpy(p, s, n);
  r = ip_parse(p, n);
  free(p);
  return r;
}

static void test_parse(void) {
  static const struct {
    const char *s;
    int64_t want;
  } cases[] = {
      {"1.2.3.4", 0x01020304},   {"0.0.0.0", 0},
      {"255.255.255.255", 0xffffffff}, {"127.0.0.1", 0x7f000001},
      {"10.20.30.40", 0x0a141e28}, {"192.168.0.255", 0xc0a800ff},
      {"", -1},                  {"1.2.3", -1},
      {"1.2.3.4.5", -1},         {"256.1.1.1", -1},
      {"1.2.3.256", -1},         {"01.2.3.4", -1},
      {"1.2.3.00", -1},          {"1.2.3.4 ", -1},
      {" 1.2.3.4", -1},          {"1..2.3", -1},
      {"1.2.3.", -1},            {".1.2.3", -1},
      {"1.2.3.1000", -1},        {"0x1.2.3.4", -1},
      {"4294967295", -1},        {"1.2.3.-1", -1},
      {"1.2.3.+1", -1},          {"1,2,3,4", -1},
      {"\xff.2.3.4", -1},        {"1.2.3.4\n", -1},
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    int64_t got = parse(cases[i].s, strlen(cases[i].s));
    CHECK(got == cases[i].want, "ip_parse(\"%s\"): expected %lld, got %lld",
          cases[i].s, (long long)cases[i].want, (long long)got);
  }
  /* a terminator inside, and a valid quad cut short by n */
  CHECK(parse("1.2.3.4\0", 8) == -1, "embedded NUL");
  CHECK(parse("1.2.3.45", 7) == 0x01020304, "n stops the reading");
  CHECK(parse("1.2.3.4", 6) == -1, "cut inside the last part");
}

static void test_format(void) {
  char b[IP_FORMAT_MAX];
  uint32_t x;
  CHECK(ip_format(0x01020304, b) == 7 && !strcmp(b, "1.2.3.4"), "%s", b);
  CHECK(ip_format(0, b) == 7 && !strcmp(b, "0.0.0.0"), "%s", b);
  CHECK(ip_format(0xffffffff, b) == 15 && !strcmp(b, "255.255.255.255"),
        "%s", b);
  CHECK(ip_format(0x0a63640a, b) == 12 && !strcmp(b, "10.99.100.10"), "%s",
        b);
  /* every address whose octets are 0, 9, 10, 99, 100, 255 round-trips */
  for (x = 0; x < 6 * 6 * 6 * 6; x++) {
    static const unsigned o[] = {0, 9, 10, 99, 100, 255};
    uint32_t ip = o[x % 6] << 24 | o[x / 6 % 6] << 16 | o[x / 36 % 6] << 8 |
                  o[x / 216];
    size_t n = ip_format(ip, b);
    CHECK(strlen(b) == n && ip_parse(b, n) == (int64_t)ip, "%s", b);
  }
}

/* the first and last address of net/bits and just outside */
static void edges(uint32_t net, int bits, int (*fn)(uint32_t), int inside,
                  const char *what) {
  uint32_t last = net | (uint32_t)(0xffffffffu >> bits);
  CHECK(fn(net) == inside, "%s: first of %08x/%d", what, net, bits);
  CHECK(fn(last) == inside, "%s: last of %08x/%d", what, net, bits);
  if (net) CHECK(fn(net - 1) != inside, "%s: before %08x/%d", what, net, bits);
  if (last != 0xffffffff)
    CHECK(fn(last + 1) != inside, "%s: after %08x/%d", what, net, bits);
}

static void test_blocks(void) {
  edges(0x7f000000, 8, ip_is_loopback, 1, "loopback");
  edges(0x0a000000, 8, ip_is_private, 1, "private");
  edges(0xac100000, 12, ip_is_private, 1, "private");
  edges(0xc0a80000, 16, ip_is_private, 1, "private");
  edges(0x64400000, 10, ip_is_public, 0, "public");
  edges(0xa9fe0000, 16, ip_is_public, 0, "public");
  edges(0xc0000000, 24, ip_is_public, 0, "public");
  edges(0xc6120000, 15, ip_is_public, 0, "public");
  CHECK(!ip_is_public(0), "0.0.0.0");
  CHECK(!ip_is_public(0x00ffffff), "0.255.255.255");
  CHECK(ip_is_public(0x01000000), "1.0.0.0");
  CHECK(!ip_is_public(0xf0000000) && !ip_is_public(0xffffffff), "240/4");
  CHECK(ip_is_public(0xefffffff), "239.255.255.255 (multicast is public)");
  CHECK(ip_is_public(0xc0000201), "192.0.2.1 (TEST-NET is public)");
  CHECK(ip_is_public(0x08080808), "8.8.8.8");
}

static void test_categories(void) {
  static const struct {
    uint32_t ip;
    const char *want;
  } cases[] = {
      {0x7f000001, "LOOPBACK"}, {0x0a000001, "PRIVATE"},
      {0xac1f0001, "PRIVATE"},  {0xac200001, "ARIN"},
      {0xe0000001, "MULTICAST"}, {0xefffffff, "MULTICAST"},
      {0xc0000201, "TESTNET"},  {0xc6336401, "TESTNET"},
      {0xcb007101, "TESTNET"},  {0xcb007201, "APNIC"},
      {0xca7b0001, "AFRINIC"},  {0xca7b2001, "APNIC"},
      {0x29000001, "AFRINIC"},  {0xc8000001, "LACNIC"},
      {0x08080808, "ARIN"},     {0x01010101, "APNIC"},
      {0xc1000001, "RIPE"},     {0x06000001, "DOD"},
      {0x0c000001, "AT&T"},     {0x11000001, "APPLE"},
      {0x13000001, "FORD"},     {0x26000001, "COGENT"},
      {0x30000001, "PRUDENTIAL"}, {0x38000001, "USPS"},
      {0x49000001, "COMCAST"},  {0xf0000001, "FUTURE"},
      {0xffffffff, "FUTURE"},   {0x00000000, "UNKNOWN"},
      {0x0a0a0a0a, "PRIVATE"},
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *got = ip_category(cases[i].ip);
    CHECK(!strcmp(got, cases[i].want), "%08x: expected %s, got %s",
          cases[i].ip, cases[i].want, got);
  }
}

int main(void) {
  test_parse();
  test_format();
  test_blocks();
  test_categories();
  return UNIT_END();
}
