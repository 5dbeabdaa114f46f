"""A manager changes an office's capacity: closes a counter for some hours or the office for a
day, reopens it, or edits a counter for good.

Each change is written with the restated capacity of the slot rows it touches, in one
transaction (``planning.ports.CapacityEdits``; SQL: `booking.store.offices`), so from that moment
neither a direct booking nor an optimiser assignment can take the room that was lost. This
process sees the change at once (its ``OfficeCache`` dropped); others within the directory's few
seconds. The bookings that no longer fit are counted here and
moved by a rebalance plan (`planning.rebalancing`), which the manager previews first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from booking.calendar import Closure, local_today
from kernel.clock import Clock
from kernel.days import TIMEZONE, days_between
from planning.capacity import read_loads
from planning.closure_impact import bookings_over
from planning.ports import CapacityEdits, ChainVisits, OfficeCache, SlotLoads


class CapacityChanges:
    def __init__(
        self,
        edits: CapacityEdits,
        offices: OfficeCache,
        slot_loads: SlotLoads,
        clock: Clock,
        on_change: Callable[[str, str], None] = lambda office_id, service: None,
        chains: ChainVisits | None = None,
    ) -> None:
        """``on_change(office_id, service)`` hears of every change, as for bookings, so caches of
        availability drop what went stale; ``chains`` says which seats are one booking (without
        it every seat counts as one)."""
        self._edits = edits
        self._directory = offices
        self._loads = slot_loads
        self._clock = clock
        self._on_change = on_change
        self._chains = chains

    async def _changed(self, office_id: str) -> None:
        self._directory.invalidate()
        office = await self._directory.office(office_id)
        for service in office.services if office else ():
            self._on_change(office_id, service)

    async def close(self, closure: Closure, by: str | None = None) -> None:
        """Add the closure (capacity restated with it) and let this process see it at once;
        ``by`` is who closed, kept on the closure."""
        await self._edits.add_closure(closure, self._clock.now(), by)
        await self._changed(closure.office_id)

    async def reopen(self, office_id: str, day: date, by: str | None = None) -> int:
        """End the office's closures of that day, keeping them on record with who reopened and
        when; returns how many there were."""
        removed = await self._edits.remove_closures(office_id, day, self._clock.now(), by)
        await self._changed(office_id)
        return removed

    async def edit_counter(
        self, office_id: str, counter_id: int, active: bool, services: frozenset[str]
    ) -> bool:
        """Open or close a counter for good, or change its services; False if there is none."""
        today = local_today(self._clock.now(), TIMEZONE)
        changed = await self._edits.update_counter(office_id, counter_id, active, services, today)
        await self._changed(office_id)
        return changed

    async def overbooked(self, office_id: str, first: date, last: date) -> int:
        """How many bookings of the office exceed their slot's capacity on these days, a chain
        once (``closure_impact.bookings_over``)."""
        days = days_between(first, last)
        loads = await read_loads(self._loads, [office_id], days)
        chains = await self._chains.between([office_id], first, last) if self._chains else []
        return bookings_over({key: booked - capacity for key, (capacity, booked) in loads.items()}, chains)
