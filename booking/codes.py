"""Booking codes: 8 characters of Crockford base32, 40 random bits, easy to read aloud. A flexible
request's code is drawn and read the same way (``booking.booking_requests``).

Crockford's alphabet leaves out I, L, O and U; when a citizen types one of the look-alikes we read
it as the digit it resembles, so a code copied from paper still works.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def new_booking_code() -> str:
    value = secrets.randbits(5 * CODE_LENGTH)
    chars = []
    for _ in range(CODE_LENGTH):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    return "".join(chars)


def normalise_booking_code(raw: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be one of ours."""
    code = raw.strip().upper().translate(_LOOKALIKES)
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code
