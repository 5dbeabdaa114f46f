"""A lost booking code sent again: the citizen gives the identity number and the mobile, and every
active booking of that identity registered to that mobile has its code texted to that mobile.

The answer never says whether anything was found (an identity number and a mobile must not become
a way to learn who has booked), and the code only ever goes to the mobile the booking was made
with, so knowing someone's number is not enough to get their code. How often it may be asked is
limited per identity and per mobile where the requests come in (``api.rate_limits``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from booking.bookings import Booking
from booking.identity import Identity, IdentityHasher
from booking.notices import BookingNotices, Notice
from booking.ports import Offices
from kernel.clock import Clock


class RecoveryLedger(Protocol):
    async def send_codes(
        self, digests: Sequence[str], phone: str, now: datetime, notice: Callable[[Booking], Notice]
    ) -> int:
        """Post ``notice`` of every active booking of these identity digests whose mobile is
        ``phone``, in one transaction; how many."""
        ...


class CodeRecovery:
    def __init__(
        self, offices: Offices, ledger: RecoveryLedger, hasher: IdentityHasher, clock: Clock, site_url: str
    ) -> None:
        self._offices = offices
        self._ledger = ledger
        self._hasher = hasher
        self._clock = clock
        self._site_url = site_url

    def digest(self, identity: Identity) -> str:
        """The identity's keyed digest: what the ask is counted by, never the number."""
        return str(self._hasher.digest(identity))

    async def recover(self, identity: Identity, phone: str) -> int:
        """Text the codes of ``identity``'s active bookings made with ``phone`` to ``phone`` (the
        number already normalised); how many were sent, for the logs and tests only — callers
        answer the citizen the same either way."""
        offices = await self._offices.offices()
        notices = BookingNotices({office.id: office for office in offices}, self._site_url)
        digests = self._hasher.digests(identity)
        return await self._ledger.send_codes(digests, phone, self._clock.now(), notices.recovered)
