"""The SSRF guard: newsdesk never lets a URL turn it against its own network.

Before any packet is sent, the host of every URL (and of every redirect hop) is turned into IP
addresses and each address is checked:

    1. numeric hosts are read as IP addresses, in every spelling ``inet_aton`` accepts
       (``2130706433``, ``0177.0.0.1``, ``0x7f.1``, ``127.1``) and IPv6 (``[::ffff:127.0.0.1]``);
       no DNS lookup happens for them
    2. names are resolved once with ``socket.getaddrinfo``; every address returned must pass
    3. IPv4-mapped / compatible / 6to4 / NAT64 IPv6 addresses are checked as the IPv4 they carry
    4. refused: loopback, private, shared (CGNAT), link-local (cloud metadata 169.254.169.254),
       multicast, reserved, unspecified and documentation ranges, unless the policy allows:
       ``allow_loopback`` permits 127.0.0.0/8 and ::1 only; ``allow_private_networks`` permits
       10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7 as well

The caller then connects to the checked address itself (``http.GuardedTransport`` pins it while
keeping the Host header and TLS SNI), so a second DNS answer cannot slip past the check.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., list[tuple[Any, ...]]]

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
PRIVATE = (
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
    ipaddress.ip_network("192.168.0.0/16"),
    ipaddress.ip_network("100.64.0.0/10"),
    ipaddress.ip_network("fc00::/7"),
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """The host is, or resolves to, an address the policy refuses. ``reason`` says which."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}")
        self.host = host
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Policy:
    allow_loopback: bool = False
    allow_private_networks: bool = False

    @classmethod
    def from_settings(cls, settings: Any) -> Policy:
        return cls(
            allow_loopback=bool(getattr(settings, "allow_loopback", False)),
            allow_private_networks=bool(getattr(settings, "allow_private_networks", False)),
        )


def parse_ipv4_spelling(host: str) -> ipaddress.IPv4Address | None:
    """An IPv4 address written the way ``inet_aton`` reads it (1-4 parts, each decimal, octal
    with a leading 0, or hex with 0x), or None when ``host`` is not such a number."""
    parts = host.rstrip(".").split(".") if host else []
    if not 1 <= len(parts) <= 4:
        return None
    values: list[int] = []
    for part in parts:
        low = part.lower()
        try:
            if low.startswith("0x"):
                values.append(int(low[2:] or "0", 16))
            elif len(low) > 1 and low.startswith("0"):
                values.append(int(low, 8))
            elif low.isdigit():
                values.append(int(low, 10))
            else:
                return None
        except ValueError:
            return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = 0
    for v in head:
        number = number * 256 + v
    number = number * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(number)


def literal_address(host: str) -> IPAddress | None:
    """``host`` as an IP address when it is written as one (any spelling), else None."""
    text = host.strip().strip("[]")
    if "%" in text:  # zone index (fe80::1%eth0)
        text = text.split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    return parse_ipv4_spelling(text)


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, NAT64), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    packed = int(address)
    if packed >> 32 == 0 and packed > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(packed)
    return None


def refusal(address: IPAddress, policy: Policy) -> str | None:
    """Why ``address`` may not be contacted under ``policy``, or None when it may."""
    inner = embedded_ipv4(address)
    if inner is not None:
        why = refusal(inner, policy)
        return None if why is None else f"{why} (carried in {address})"
    if any(address in net for net in LOOPBACK):
        return None if policy.allow_loopback else f"{address} is a loopback address"
    if any(address in net for net in PRIVATE):
        return None if policy.allow_private_networks else f"{address} is in a private network"
    if address.is_link_local:
        return f"{address} is link-local (cloud metadata lives here)"
    if address.is_multicast:
        return f"{address} is a multicast address"
    if address.is_unspecified:
        return f"{address} is the unspecified address"
    if address.is_loopback:
        return f"{address} is a loopback address"
    if address.is_reserved or address.is_private or not address.is_global:
        return f"{address} is a reserved or non-public address"
    return None


def check_host(
    host: str,
    port: int,
    policy: Policy,
    *,
    resolver: Resolver | None = None,
) -> list[IPAddress]:
    """The checked addresses of ``host`` (at least one), or AddressRefused. Every address the
    resolver returns must pass; one bad answer refuses the host."""
    if not host:
        raise AddressRefused(host, "no host in the URL")
    literal = literal_address(host)
    if literal is not None:
        why = refusal(literal, policy)
        if why:
            raise AddressRefused(host, f"refused: {why}")
        return [literal]
    resolve = resolver or socket.getaddrinfo
    try:
        answers = resolve(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise AddressRefused(host, f"cannot resolve: {e}") from e
    found: list[IPAddress] = []
    for answer in answers:
        raw = str(answer[4][0]).split("%", 1)[0]
        try:
            address = ipaddress.ip_address(raw)
        except ValueError as e:
            raise AddressRefused(host, f"resolver returned a non-address {raw!r}") from e
        why = refusal(address, policy)
        if why:
            raise AddressRefused(host, f"refused: resolves to {why}")
        if address not in found:
            found.append(address)
    if not found:
        raise AddressRefused(host, "cannot resolve: no addresses")
    return found
