"""The waitlist's and the reconfirmation's background work in every server process
(``booking.waitlisting``, ``booking.reconfirming``): offers whose time is up pass to the next person,
new offers are texted, bookings are asked to reconfirm and released at their deadline. Each step is
decided once by the database however many processes do it (``booking.store.waitlist``,
``booking.store.reconfirmations``).

It runs every ``TICK_SECONDS`` on the app's clock, and at once when a booking changed in this
process (a cancel may have made an offer to text): ``nudge`` is part of the availability's
``on_change``. Crash-only: a failed run (the database briefly away) is logged and tried again.
"""

from __future__ import annotations

import asyncio
import contextlib

import structlog

from booking.reconfirming import Reconfirming
from booking.waitlisting import Waitlisting

log = structlog.get_logger("mawid.second_chance")

TICK_SECONDS = 5.0
RECONFIRM_EVERY = 12
"""Ticks between two runs of the reconfirmation (a minute): its deadlines are days apart."""


class SecondChance:
    def __init__(self) -> None:
        self._wake = asyncio.Event()
        self.waitlist: Waitlisting | None = None
        self.reconfirming: Reconfirming | None = None

    def nudge(self, office_id: str, service: str) -> None:
        """A booking changed (``Appointments``' ``on_change``): look for offers to text now."""
        self._wake.set()

    async def run_once(self, *, reconfirm: bool = True) -> None:
        """One round: the reconfirmation (unless told not to), then the waitlist's offers, so that
        a seat released by the one is offered by the other in the same round."""
        if reconfirm and self.reconfirming is not None:
            await self.reconfirming.tick()
        if self.waitlist is not None:
            await self.waitlist.tick()

    async def run_forever(self) -> None:
        ticks = 0
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK_SECONDS)
            self._wake.clear()
            try:
                await self.run_once(reconfirm=ticks % RECONFIRM_EVERY == 0)
            except Exception:  # the loop must outlive an outage
                log.warning("second_chance_failed", exc_info=True)
            ticks += 1
