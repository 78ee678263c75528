/*
** ip.h: IPv4 addresses as 32-bit integers (the first octet in the high
** byte): dotted-quad parsing and formatting, and which network an
** address belongs to. See LICENSE.
*/
#ifndef MOONBOX_IP_H
#define MOONBOX_IP_H

#include <stddef.h>
#include <stdint.h>

/* Nothing here allocates, fails on memory or keeps state. */

/* ip_parse: the address written as s[0, n) in dotted-quad form: exactly
** four decimal parts of 0-255, each "0" or digits without a leading zero
** (so "010.0.0.1", which inet_aton reads as octal, is refused), nothing
** else around them. Returns the address (0 to 0xffffffff), or -1 when
** s[0, n) is not such an address. */
int64_t ip_parse(const char *s, size_t n);

/* ip_format: writes ip as "a.b.c.d" and a terminating zero into out,
** which must hold IP_FORMAT_MAX bytes; returns the length (7 to 15). */
#define IP_FORMAT_MAX 16
size_t ip_format(uint32_t ip, char out[IP_FORMAT_MAX]);

/* ip_is_loopback: ip is in 127.0.0.0/8 (RFC 1122). */
int ip_is_loopback(uint32_t ip);

/* ip_is_private: ip is in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16
** (RFC 1918). */
int ip_is_private(uint32_t ip);

/* ip_is_public: ip is not in a block of the IANA IPv4 Special-Purpose
** Address Registry that is not globally reachable: 0.0.0.0/8, 10/8,
** 100.64.0.0/10, 127/8, 169.254.0.0/16, 172.16.0.0/12, 192.0.0.0/24,
** 192.168.0.0/16, 198.18.0.0/15, 240.0.0.0/4 (which holds
** 255.255.255.255). The TEST-NET blocks of RFC 5737 count as public on
** purpose (they stand in for Internet addresses in tests), and so does
** multicast. */
int ip_is_public(uint32_t ip);

/* ip_category: a name for the network ip belongs to, one of the static
** strings "LOOPBACK", "PRIVATE", "MULTICAST" (224.0.0.0/4), "TESTNET"
** (RFC 5737), the regional registries "AFRINIC", "LACNIC", "APNIC",
** "ARIN", "RIPE" and "DOD" by the /8 the IANA IPv4 Address Space
** Registry gives them, the owners of a legacy /8 ("AT&T", "APPLE",
** "FORD", "COGENT", "PRUDENTIAL", "USPS", "COMCAST"), "FUTURE"
** (240.0.0.0/4), else "UNKNOWN". Tested in that order: 127.0.0.1 is
** LOOPBACK, 192.0.2.1 TESTNET although 192/8 is ARIN's. */
const char *ip_category(uint32_t ip);

#endif
