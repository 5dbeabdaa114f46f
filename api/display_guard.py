"""Who may open a hall display's WebSocket, and how many at once.

A WebSocket is not bound by the browser's same-origin policy: any page on any site can open one to
us from a visitor's browser (and hold it, costing a file descriptor and a subscription). So:

- **Origin.** A browser always sends ``Origin`` with a WebSocket handshake. It must be one of
  ``MAWID_ALLOWED_ORIGINS`` or, when that is empty, the server's own origin: the same host and
  port as the ``Host`` header the browser connected to (the scheme is not compared, because TLS
  usually ends at a proxy in front of us). A handshake with no ``Origin`` at all comes from a
  program, not a page — a hall TV's kiosk browser pointed at the display, a monitoring probe — and
  is let in: refusing it would stop no attacker (a script can send any ``Origin`` it likes) and
  would only break those clients. ``Origin: null`` (a sandboxed frame, a local file) is refused.
- **Sockets per address.** Each client address may hold ``MAWID_DISPLAY_SOCKETS_PER_ADDRESS``
  display sockets at once in each server process; a hall's screens behind one NAT are a handful,
  and a script opening hundreds is refused at once instead of holding them.

A refusal accepts the handshake, sends an ``error`` message (``code``, ``detail``, ``detail_ar``)
and closes with a 4xxx code and the code as the reason, like the unknown-office refusal.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

ORIGIN_NOT_ALLOWED_CLOSE = 4403
"""WebSocket close code for a page on an origin that may not open the display."""

TOO_MANY_SOCKETS_CLOSE = 4429
"""WebSocket close code for a client address that already holds its share of display sockets."""

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


@dataclass(frozen=True)
class Refusal:
    close_code: int
    code: str
    detail: str
    detail_ar: str

    def message(self) -> dict[str, str]:
        return {"code": self.code, "detail": self.detail, "detail_ar": self.detail_ar}


ORIGIN_NOT_ALLOWED = Refusal(
    ORIGIN_NOT_ALLOWED_CLOSE,
    "origin_not_allowed",
    "Pages on this site's address only may open the hall display.",
    "لا يمكن فتح شاشة القاعة إلا من صفحات هذا الموقع.",
)


def too_many_sockets(limit: int) -> Refusal:
    return Refusal(
        TOO_MANY_SOCKETS_CLOSE,
        "too_many_sockets",
        f"This address already has {limit} hall displays open; close one and try again.",
        f"لديك بالفعل {limit} من شاشات القاعة مفتوحة من هذا العنوان؛ أغلق إحداها ثم حاول مجددًا.",
    )


def _host_port(netloc: str, scheme: str | None) -> tuple[str, int | None] | None:
    """``(host, port)`` of ``netloc``; the port is the scheme's default when absent (None when the
    scheme is unknown, as for a ``Host`` header); None when ``netloc`` is malformed."""
    try:
        parts = urlsplit(f"//{netloc}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS.get(scheme or "")


def same_origin(origin: str, host: str | None) -> bool:
    """``origin`` names the host and port the browser connected to (its ``Host`` header)."""
    scheme, _, netloc = origin.strip().lower().partition("://")
    if not host or scheme not in ("http", "https") or not netloc:
        return False
    theirs = _host_port(netloc, scheme)
    ours = _host_port(host, None)
    if theirs is None or ours is None or theirs[0] != ours[0]:
        return False
    # A Host without a port is whatever port the page's scheme implies.
    return ours[1] is None or ours[1] == theirs[1]


def origin_allowed(origin: str | None, host: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a display handshake with this ``Origin`` (None: no header) may go on."""
    if origin is None:
        return True  # not a browser page: see the module docstring
    if allowed:
        return origin.strip().lower().rstrip("/") in allowed
    return same_origin(origin, host)


class DisplaySockets:
    """Open display sockets per client address in this process, within a cap."""

    def __init__(self, per_address: int) -> None:
        self.per_address = per_address
        self._open: Counter[str] = Counter()

    def enter(self, address: str) -> bool:
        """Count one more socket for ``address``; False (and nothing counted) when at the cap."""
        if self._open[address] >= self.per_address:
            return False
        self._open[address] += 1
        return True

    def leave(self, address: str) -> None:
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]

    def open_for(self, address: str) -> int:
        return self._open[address]
