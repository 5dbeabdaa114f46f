"""Deciding a day's opening draw once it closes, and the server task that watches for closed draws.

The entries of a day are put in an order drawn from a fresh seed (``planning.lottery``) and written
as bookings exactly as the optimiser's answers are (``planning.store.assignments``: the database
decides capacity, duplicates and every churn cap, request by request). An entry whose slot was
taken meanwhile (an optimiser batch, a cancellation's seat still resting) is allotted again in a
next round, in the same order; entries left without a place are told so.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import structlog

from booking.appointments import Appointments
from booking.booking_requests import BookingRequest
from booking.ports import Offices
from kernel.clock import Clock
from planning.decisions import Decision, Outcome, Placement, Refusal
from planning.lottery import Entry, FreeSlot, Places, allot, draw_order
from planning.notifications import Notices
from planning.ports import Assignments, DrawClaims, PendingRequests

log = structlog.get_logger("mawid.release_draw")

ROUNDS = 3
STALE_CLAIM = timedelta(minutes=2)
DRAW_FULL = "draw_full"
NO_SLOT_THAT_DAY = "no_eligible_slot"


@dataclass(frozen=True, slots=True)
class DrawResult:
    day: date
    seed: str
    entries: int
    placed: int
    unplaced: int
    left_pending: int


class ReleaseDraws:
    def __init__(
        self,
        appointments: Appointments,
        *,
        offices: Offices,
        clock: Clock,
        entries: PendingRequests,
        claims: DrawClaims,
        assignments: Assignments,
        on_drawn: Callable[[DrawResult], Awaitable[None]] | None = None,
    ) -> None:
        """``appointments`` says when each day's draw closes, what is free that day, and hears of
        the slots booked; ``assignments`` writes the bookings under the direct bookings' churn
        rules. ``on_drawn`` hears of each draw decided here (the app records it in the audit log)."""
        self._appointments = appointments
        self._offices = offices
        self._clock = clock
        self._requests = entries
        self._claims = claims
        self._assignments = assignments
        self._on_drawn = on_drawn

    async def due(self, now: datetime) -> list[date]:
        """Days whose draw has closed and still has entries pending."""
        release = self._appointments.release
        return [day for day in await self._requests.draw_days() if release.draw_closes(day) <= now]

    async def decide(self, day: date) -> DrawResult | None:
        """Decide ``day``'s draw if this process wins its claim; None when another holds it."""
        now = self._clock.now()
        seed = await self._claims.claim(day, secrets.token_hex(16), now, STALE_CLAIM)
        if seed is None:
            return None
        entries = await self._requests.draw_entries(day)
        order = {key: i for i, key in enumerate(draw_order([e.id for e in entries], seed))}
        todo = sorted(entries, key=lambda e: order[e.id])
        notices = Notices({o.id: o for o in await self._offices.offices()})
        placed = unplaced = 0
        for _ in range(ROUNDS):
            decisions = await self._allot(day, todo)
            written = await self._assignments.write(decisions, f"draw-{day.isoformat()}", now, notices)
            placed += sum(o is Outcome.ASSIGNED for o in written.values())
            unplaced += sum(
                o not in (Outcome.ASSIGNED, Outcome.SLOT_TAKEN, Outcome.GONE) for o in written.values()
            )
            for touched in {(d.office_id, d.request.service) for d in decisions if isinstance(d, Placement)}:
                self._appointments.changed(*touched)
            todo = [e for e in todo if written.get(e.id) is Outcome.SLOT_TAKEN]
            if not todo:
                break
        await self._claims.finish(day, len(entries), placed, self._clock.now())
        result = DrawResult(day, seed, len(entries), placed, unplaced, len(todo))
        log.info("release_draw", day=day.isoformat(), entries=len(entries), placed=placed, unplaced=unplaced)
        if self._on_drawn is not None:
            await self._on_drawn(result)
        return result

    async def _allot(self, day: date, todo: Sequence[BookingRequest]) -> list[Decision]:
        """This round's decisions for ``todo`` (in draw order) on the day's places as they stand.
        An entry taken twice from under it stays pending and is drawn again at the next turn."""
        places = await self._places(day, {(e.offices[0].office_id, e.service) for e in todo})
        entries = [Entry(e.id, e.offices[0].office_id, e.service, _preferred(e)) for e in todo]
        given = allot(entries, places)
        decisions: list[Decision] = []
        for request in todo:
            slot = given[request.id]
            if slot is None:
                # No place left, or none at all: the office closed that day since the entry.
                offered = places.get((request.offices[0].office_id, request.service))
                decisions.append(Refusal(request, DRAW_FULL if offered else NO_SLOT_THAT_DAY))
                continue
            office = request.offices[0].office_id
            decisions.append(
                Placement(
                    request, office, slot.start, slot.end, day, slot.capacity, slot_reserved=slot.reserved
                )
            )
        return decisions

    async def _places(self, day: date, wanted: set[tuple[str, str]]) -> Places:
        places: dict[tuple[str, str], list[FreeSlot]] = defaultdict(list)
        for office_id, service in wanted:
            for found in await self._appointments.availability(office_id, service, day, day):
                for slot, remaining in found.slots:
                    places[office_id, service].append(
                        FreeSlot(slot.start, slot.end, slot.capacity, remaining, slot.reserved)
                    )
        return places

    async def run_forever(self, every: float = 5.0) -> None:
        """Decide each draw as it closes, in every process (one wins each day's claim); a draw
        missed while no server ran is decided at the next start. An outage is logged once, when
        it starts, not at every turn it lasts."""
        failing = False
        while True:
            try:
                for day in await self.due(self._clock.now()):
                    await self.decide(day)
                failing = False
            except asyncio.CancelledError:
                raise
            except Exception as error:  # an outage: try again at the next turn
                if not failing:
                    log.warning("release_draw_failed", error=type(error).__name__)
                failing = True
            await asyncio.sleep(every)


def _preferred(request: BookingRequest) -> datetime:
    assert request.preferred_start is not None  # draw entries carry it (draw_entries selects them)
    return request.preferred_start
