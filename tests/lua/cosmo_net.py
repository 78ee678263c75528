#!/usr/bin/env python3
# cosmo_net.py: the independent side of tests/lua/cosmo_net.lua: Python's
# ipaddress, urllib.parse, email.utils and http answer for each input line
# (hex-encoded bytes) with one line of tab-separated hex fields ("-" for
# absent). Usage: python3 cosmo_net.py MODE < in > out. See LICENSE.
import email.utils
import http
import ipaddress
import sys
import urllib.parse

NONE = "-"


def hx(b):
    if b is None:
        return NONE
    if isinstance(b, str):
        b = b.encode("latin-1")
    return b.hex() or "="   # "=" is the empty string


def ip(line):
    x = int(line.decode())
    a = ipaddress.IPv4Address(x)
    rfc1918 = any(a in ipaddress.ip_network(n) for n in
                  ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
    testnet = any(a in ipaddress.ip_network(n) for n in
                  ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"))
    if a.is_loopback:
        cat = "LOOPBACK"
    elif rfc1918:
        cat = "PRIVATE"
    elif a.is_multicast:
        cat = "MULTICAST"
    elif testnet:
        cat = "TESTNET"
    elif a.is_reserved:
        cat = "FUTURE"
    else:
        cat = "REGISTRY"   # moonbox names the registry or owner
    # IsPublicIp is Python's is_global but for two documented choices:
    # TEST-NETs count as public, all of 192.0.0.0/24 as not public
    public = (a.is_global or testnet) and \
        a not in ipaddress.ip_network("192.0.0.0/24")
    return [str(a), str(int(a.is_loopback)), str(int(rfc1918)),
            str(int(public)), cat]


def parseip(line):
    try:
        return [str(int(ipaddress.IPv4Address(line.decode("latin-1"))))]
    except ValueError:
        return ["-1"]


def url(line):
    s = line.decode("latin-1")
    u = urllib.parse.urlsplit(s)
    uq = urllib.parse.unquote_to_bytes
    user = pw = host = port = None
    if u.netloc or s[len(u.scheme) + (1 if u.scheme else 0):][:2] == "//":
        userinfo, have_info, hostinfo = u.netloc.rpartition("@")
        if have_info:
            user, have_pw, pw = userinfo.partition(":")
            if not have_pw:
                pw = None
        if hostinfo.startswith("["):
            host, _, rest = hostinfo[1:].partition("]")
            port = rest[1:] if rest.startswith(":") else None
        else:
            host, have_port, port = hostinfo.partition(":")
            if not have_port:
                port = None
    q = "?" in s.split("#", 1)[0]
    params = urllib.parse.parse_qsl(u.query, keep_blank_values=True,
                                    encoding="latin-1") if q else []
    frag = u.fragment if "#" in s else None
    out = [hx(u.scheme or None)]
    out += [hx(None if v is None else uq(v)) for v in (user, pw, host, port)]
    out += [hx(uq(u.path)), hx(None if frag is None else uq(frag))]
    out += [hx(k) + ":" + hx(v) for k, v in params]
    return out


SAFE = {
    "authority": "!$&'()*+,;=",
    "ip": "!$&'()*+,;=:",
    "path": "!$&'()*+,;=:@/",
    "segment": "!$&'()*+,;=:@",
    "fragment": "!$&'()*+,;=:@/?",
    "param": "*",
}


def quote(line):
    out = []
    for k in ("authority", "ip", "path", "segment", "fragment", "param"):
        e = urllib.parse.quote_from_bytes(line, safe=SAFE[k])
        if k == "param":   # Python keeps '~' always; EscapeParam does not
            e = e.replace("~", "%7E")
        out.append(hx(e))
    return out


def date(line):
    return [hx(email.utils.formatdate(int(line.decode()),
                                      usegmt=True))]


def parsedate(line):
    d = email.utils.parsedate_to_datetime(line.decode("latin-1"))
    return [str(int(d.timestamp()))]


def reason(line):
    try:
        return [hx(http.HTTPStatus(int(line.decode())).phrase)]
    except ValueError:
        return [NONE]


MODES = {"ip": ip, "parseip": parseip, "url": url, "quote": quote,
         "date": date, "parsedate": parsedate, "reason": reason}

if __name__ == "__main__":
    fn = MODES[sys.argv[1]]
    for raw in sys.stdin.buffer:
        raw = raw.rstrip(b"\n")
        arg = bytes.fromhex(raw.decode()) if raw else b""
        print("\t".join(fn(arg)))
