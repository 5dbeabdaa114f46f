"""Who is on the other end: the client's IP address, as rate limits, the audit trail and the
display's socket cap must see it.

Behind a reverse proxy (HAProxy, nginx, a cloud balancer) every request's peer is the proxy, so
one busy proxy would look like one very busy client. The proxy says who its client was in
``X-Forwarded-For``, but so can anyone: the header is believed only when the peer is a proxy we
run (``MAWID_TRUSTED_PROXIES``), and then only as far as our own proxies wrote it. Each proxy
appends the address of whoever connected to it, so reading the header from the right, every
entry up to the first address that is not one of our proxies was written by us; that address is
the client. Entries further left were written by the client itself and are never believed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address
from typing import Any

from litestar.connection import ASGIConnection

from api.services import settings_of

Network = IPv4Network | IPv6Network
Address = IPv4Address | IPv6Address

UNKNOWN = "unknown"
"""The address of a connection whose peer the server was not told (never from a real socket)."""


_KNOWN = "mawid.client_address"
"""Where a connection's scope keeps its client's address once read (its ``state``)."""


def client_address(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The client's IP address for a Litestar ``Request`` or ``WebSocket`` (see the module's
    docstring), in its canonical text form (``::ffff:1.2.3.4`` reads ``1.2.3.4``). Read once per
    connection: a booking asks three times (its limits, its provenance, its audit event), and
    parsing the addresses was a twentieth of its Python time on the event loop."""
    state: dict[str, Any] | None = connection.scope.get("state")
    if state is not None and (known := state.get(_KNOWN)) is not None:
        return str(known)
    settings = settings_of(connection.app)
    trusted: Sequence[Network] = settings.trusted_proxies if settings else ()
    peer = connection.client.host if connection.client else None
    address = address_from(peer, connection.headers.getall("x-forwarded-for", []), trusted)
    if state is not None:
        state[_KNOWN] = address
    return address


def address_from(peer: str | None, forwarded_for: Iterable[str], trusted: Sequence[Network]) -> str:
    """The client behind ``peer`` given the ``X-Forwarded-For`` header lines (in the order they
    came) and the trusted proxy networks."""
    if not peer:
        return UNKNOWN
    peer_address = _parse(peer)
    if peer_address is None:
        return peer  # not an IP (an in-process test client): nothing to resolve
    if not _trusted(peer_address, trusted):
        return str(peer_address)
    entries = [entry.strip() for line in forwarded_for for entry in line.split(",")]
    client = peer_address
    for entry in reversed(entries):
        if not entry:
            continue
        hop = _parse(entry)
        if hop is None:
            # Our proxies write addresses; anything else was not written by us. The last hop we
            # could read is the best we know.
            return str(client)
        client = hop
        if not _trusted(hop, trusted):
            return str(hop)
    return str(client)  # every hop is ours: the left-most one is where the request began


def parse_networks(value: str) -> tuple[Network, ...]:
    """``MAWID_TRUSTED_PROXIES``: comma-separated CIDR networks or bare addresses (``/32``,
    ``/128``). Raises ``ValueError`` naming the entry that is neither."""
    from ipaddress import ip_network

    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"{item!r} is not an IP network; write e.g. 10.0.0.0/8 or 127.0.0.1/32"
            ) from None
    return tuple(networks)


def _trusted(address: Address, trusted: Sequence[Network]) -> bool:
    return any(address.version == network.version and address in network for network in trusted)


def _parse(text: str) -> Address | None:
    """An address from a peer or a header entry: ``1.2.3.4``, ``1.2.3.4:5678``, ``::1``,
    ``[::1]:5678``, ``::ffff:1.2.3.4`` (read as ``1.2.3.4``); None when it is none of these."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]  # IPv4 with a port
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
