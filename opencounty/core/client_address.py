"""The address of the client a request came from, as far as it can be trusted.

`REMOTE_ADDR` is the peer that opened the connection. Only when that peer is one of the
operator's proxies (`TRUSTED_PROXIES`, addresses or networks) are the forwarding headers
believed: the right-most address in `X-Forwarded-For` that is not a trusted proxy (each
trusted proxy appends the peer it saw; anything further left was written by the client),
else `X-Real-IP`. Whatever the headers hold, the answer is a valid address or None, so it
can always be stored in an address column.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Longer than any address (an IPv6 address is at most 45 characters); longer is not an address.
MAX_ADDRESS_LENGTH = 64
# A forwarding chain longer than this is not the operator's proxies; look no further.
MAX_FORWARDED_HOPS = 20


@lru_cache(maxsize=8)
def trusted_networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network"
            ) from exc
    return tuple(networks)


def parse_address(value: str | None) -> IPAddress | None:
    """The address in `value`, or None when it is missing, too long or not an address."""
    if not value or len(value) > MAX_ADDRESS_LENGTH:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:  # fe80::1%eth0: a zone is no part of the client's address
            address = ipaddress.IPv6Address(str(address).split("%", 1)[0])
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
    return address


def _is_trusted(address: IPAddress) -> bool:
    networks = trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return any(address.version == net.version and address in net for net in networks)


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address as a string, or None when not even the peer's is known."""
    if request is None:
        return None
    peer = parse_address(request.META.get("REMOTE_ADDR"))
    if peer is None or not _is_trusted(peer):
        return str(peer) if peer is not None else None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        hops = forwarded.split(",")[-MAX_FORWARDED_HOPS:]
        for hop in reversed(hops):
            address = parse_address(hop)
            if address is None:
                break  # garbage a trusted proxy would not write: believe nothing further left
            if not _is_trusted(address):
                return str(address)
    real = parse_address(request.META.get("HTTP_X_REAL_IP"))
    if real is not None:
        return str(real)
    return str(peer)
