"""The key of a ticket's live page, ``/t/{ticket_id}?k=…``: whoever holds the printed ticket (its
QR code) may follow it from home, nobody else.

The key is an HMAC of the ticket id under a key derived from the app's secret, cut to 128 bits
(22 URL-safe characters). Nothing is stored: every server process, the memory store and Redis
alike, and a process started after a restart, checks a key by computing it again, so there is
no table to write at the kiosk, to keep in step across processes, or to purge. The price is that
a key cannot be withdrawn on its own; a ticket lives one day, and its page shows no personal
data, only the number, the place in line and the counter.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import urlencode

KEY_PURPOSE = b"mawid ticket status pages"
"""What the derived key is for: never the app's secret itself."""

KEY_BYTES = 16


class StatusLinks:
    def __init__(self, secret: str) -> None:
        self._key = hmac.new(secret.encode(), KEY_PURPOSE, hashlib.sha256).digest()

    def key(self, ticket_id: str) -> str:
        """The page key of ``ticket_id``."""
        mac = hmac.new(self._key, ticket_id.encode(), hashlib.sha256).digest()[:KEY_BYTES]
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def opens(self, ticket_id: str, key: str | None) -> bool:
        """True when ``key`` is the page key of ``ticket_id`` (compared in constant time)."""
        if not key:
            return False
        # As bytes: a key typed with any character at all is simply not the key.
        return hmac.compare_digest(self.key(ticket_id).encode(), key.strip().encode())

    def path(self, ticket_id: str, lang: str | None = None) -> str:
        """``/t/<id>?k=<key>`` (with ``&lang=`` when given): the page's address on this site."""
        query = {"k": self.key(ticket_id)}
        if lang:
            query["lang"] = lang
        return f"/t/{ticket_id}?{urlencode(query)}"
