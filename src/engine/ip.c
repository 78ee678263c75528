/*
** ip.c: IPv4 addresses as integers. The contracts are in ip.h.
** See LICENSE.
*/
#include "ip.h"

#include <string.h>

/* one decimal part of a dotted quad at s[*i, n), up to the next dot;
** -1 unless it is "0" or 1-3 digits without a leading zero, <= 255 */
static int ip_part(const char *s, size_t n, size_t *i) {
  size_t start = *i;
  int v = 0;
  while (*i < n && s[*i] >= '0' && s[*i] <= '9' && *i - start < 3)
    v = v * 10 + (s[(*i)++] - '0');
  if (*i == start || v > 255) return -1;
  if (s[start] == '0' && *i - start > 1) return -1;
  return v;
}

int64_t ip_parse(const char *s, size_t n) {
  uint32_t ip = 0;
  size_t i = 0;
  int k, v;
  for (k = 0; k < 4; k++) {
    if (k > 0) {
      if (i >= n || s[i] != '.') return -1;
      i++;
    }
    if ((v = ip_part(s, n, &i)) < 0) return -1;
    ip = ip << 8 | (uint32_t)v;
  }
  return i == n ? (int64_t)ip : -1;
}

size_t ip_format(uint32_t ip, char out[IP_FORMAT_MAX]) {
  size_t n = 0;
  int k;
  for (k = 24; k >= 0; k -= 8) {
    unsigned v = ip >> k & 255;
    if (k < 24) out[n++] = '.';
    if (v >= 100) out[n++] = (char)('0' + v / 100);
    if (v >= 10) out[n++] = (char)('0' + v / 10 % 10);
    out[n++] = (char)('0' + v % 10);
  }
  out[n] = '\0';
  return n;
}

/* ip is inside net/bits */
static int ip_in(uint32_t ip, uint32_t net, int bits) {
  return (ip ^ net) >> (32 - bits) == 0;
}

int ip_is_loopback(uint32_t ip) {
  return ip_in(ip, 0x7f000000, 8);
}

int ip_is_private(uint32_t ip) {
  return ip_in(ip, 0x0a000000, 8) || ip_in(ip, 0xac100000, 12) ||
         ip_in(ip, 0xc0a80000, 16);
}

int ip_is_public(uint32_t ip) {
  static const struct {
    uint32_t net;
    int bits;
  } special[] = {
      {0x00000000, 8},  {0x64400000, 10}, {0x7f000000, 8},
      {0xa9fe0000, 16}, {0xc0000000, 24}, {0xc6120000, 15},
      {0xf0000000, 4},
  };
  size_t i;
  if (ip_is_private(ip)) return 0;
  for (i = 0; i < sizeof special / sizeof *special; i++)
    if (ip_in(ip, special[i].net, special[i].bits)) return 0;
  return 1;
}

/* The /8s of the IANA IPv4 Address Space Registry by who administers
** them, one string of first octets each (a \0 is never looked up:
** 0.0.0.0/8 is nobody's). AFRINIC also holds 202.123.0.0/19 inside
** APNIC's 202/8. */
static const unsigned char ip_afrinic[] = {41, 102, 105, 154, 196, 197};
static const unsigned char ip_lacnic[] = {177, 179, 181, 186, 187,
                                          189, 190, 191, 200, 201};
static const unsigned char ip_apnic[] = {
    1,   14,  27,  36,  39,  42,  43,  49,  58,  59,  60,  61,  101,
    103, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120,
    121, 122, 123, 124, 125, 126, 133, 150, 153, 163, 171, 175, 180,
    182, 183, 202, 203, 210, 211, 218, 219, 220, 221, 222, 223};
static const unsigned char ip_arin[] = {
    3,   4,   8,   9,   13,  15,  16,  18,  20,  23,  24,  32,  34,  35,
    40,  44,  45,  47,  50,  52,  54,  63,  64,  65,  66,  67,  68,  69,
    70,  71,  72,  74,  75,  76,  96,  97,  98,  99,  100, 104, 107, 108,
    128, 129, 130, 131, 132, 134, 135, 136, 137, 138, 139, 140, 142, 143,
    144, 146, 147, 148, 149, 152, 155, 156, 157, 158, 159, 160, 161, 162,
    164, 165, 166, 167, 168, 169, 170, 172, 173, 174, 184, 192, 198, 199,
    204, 205, 206, 207, 208, 209, 216};
static const unsigned char ip_ripe[] = {
    2,   5,   25,  31,  37,  46,  51,  53,  57,  62,  77,  78,  79,  80,  81,
    82,  83,  84,  85,  86,  87,  88,  89,  90,  91,  92,  93,  94,  95,  109,
    141, 145, 151, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217};
static const unsigned char ip_dod[] = {6,  7,  11, 21, 22,  26, 28,
                                       29, 30, 33, 55, 214, 215};

static const struct {
  const unsigned char *octets;
  size_t n;
  const char *name;
} ip_registries[] = {
    {ip_afrinic, sizeof ip_afrinic, "AFRINIC"},
    {ip_lacnic, sizeof ip_lacnic, "LACNIC"},
    {ip_apnic, sizeof ip_apnic, "APNIC"},
    {ip_arin, sizeof ip_arin, "ARIN"},
    {ip_ripe, sizeof ip_ripe, "RIPE"},
    {ip_dod, sizeof ip_dod, "DOD"},
};

/* legacy /8s held by one organisation */
static const struct {
  unsigned char octet;
  const char *name;
} ip_owners[] = {
    {12, "AT&T"},        {17, "APPLE"}, {19, "FORD"},    {38, "COGENT"},
    {48, "PRUDENTIAL"}, {56, "USPS"},  {73, "COMCAST"},
};

static int ip_is_testnet(uint32_t ip) {
  return ip_in(ip, 0xc0000200, 24) || ip_in(ip, 0xc6336400, 24) ||
         ip_in(ip, 0xcb007100, 24);
}

const char *ip_category(uint32_t ip) {
  unsigned char a = (unsigned char)(ip >> 24);
  size_t i;
  if (ip_is_loopback(ip)) return "LOOPBACK";
  if (ip_is_private(ip)) return "PRIVATE";
  if (ip_in(ip, 0xe0000000, 4)) return "MULTICAST";
  if (ip_is_testnet(ip)) return "TESTNET";
  if (ip_in(ip, 0xca7b0000, 19)) return "AFRINIC";
  for (i = 0; i < sizeof ip_registries / sizeof *ip_registries; i++)
    if (a && memchr(ip_registries[i].octets, a, ip_registries[i].n))
      return ip_registries[i].name;
  for (i = 0; i < sizeof ip_owners / sizeof *ip_owners; i++)
    if (ip_owners[i].octet == a) return ip_owners[i].name;
  if (a >= 240) return "FUTURE";
  return "UNKNOWN";
}
