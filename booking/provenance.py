"""Where a booking came from, kept without keeping the address: keyed digests of the client's
address and of the browser's device cookie.

A broker's bookings share an origin even when every identity on them is made up. We keep an HMAC
of the origin, not the origin: equal origins give equal digests, so the report of brokered
bookings (``booking.brokered``) can group them, but nobody can read an address or match it to a
log without the key. An IPv6 client is taken by its /64, since one home or phone owns a whole /64
and can take a new address in it at will.

The device hint is the ``mawid_device`` cookie that the booking answer sets once (a random value):
a script that keeps its cookies while it rotates addresses through proxies keeps one device. The
User-Agent was rejected as a hint: thousands of honest phones send the same one within the hour.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

DEVICE_COOKIE = "mawid_device"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Digests of where a booking was made or moved from; None when the hint was missing."""

    address: str | None = None
    device: str | None = None


UNKNOWN = Provenance()
"""No hint at all: a booking made by the CLI, a test, or before provenance was kept."""


def _network(address: str) -> str:
    """The address as a client owns it: IPv4 whole, IPv6 by its /64 (IPv4-mapped as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip().lower()  # not an IP (a test client's name): keep it as it is
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


@dataclass(frozen=True, slots=True)
class ProvenanceHasher:
    """Keyed HMACs of origins, with a key of their own derived from the server's secret."""

    key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> ProvenanceHasher:
        # Its own label, so that a provenance digest can never equal an identity digest.
        return cls(hashlib.sha256(b"mawid-provenance-v1:" + secret.encode()).digest())

    def _digest(self, kind: str, value: str) -> str:
        return hmac.new(self.key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()

    def of(self, address: str | None, device: str | None) -> Provenance:
        """The digests of a client address and a device cookie (either may be missing)."""
        device = (device or "").strip()[:128]
        return Provenance(
            address=self._digest("address", _network(address)) if address else None,
            device=self._digest("device", device) if device else None,
        )
