"""After a capacity cut: which bookings no longer fit, where each can go, and moving them.

A manager closes a counter for some hours or the office for a day (`booking.store.offices`
restates the slot rows at once, so nothing new lands in the lost room). The bookings that now
exceed their slot's capacity are *displaced*; the plan (`scheduler.rebalance`) keeps as many as
possible where they are, moves the rest to the same office another time first (same day, then
up to `DAYS_AFTER` days later), then to the nearest offices in the manager's scope offering the
service, fewest moves and least travel first. Every plan is checked by
`scheduler.verify.verify_rebalance` before it is shown, stored as previewed, and applied move by
move (`planning.store.rebalance_plans`). Bookings no slot could take are listed with the reason;
applying the plan cancels them and tells their holders, so a citizen is never left with a
booking at a closed counter nor dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime, timedelta

import msgspec

from booking.bookings import Booking, Move, NewVisit
from booking.calendar import Closure, to_local
from booking.offices import Office
from booking.ports import Bookings, Offices
from booking.rules import MAX_AHEAD, MIN_LEAD, BookingStatus
from kernel.clock import Clock
from kernel.days import days_between
from kernel.errors import Conflict
from kernel.geo import haversine_km
from messaging.outbox import OutboxMessage
from planning.capacity import BookableSlot, CapacityMap, capacity_map, read_loads, slot_key
from planning.messages import MESSAGES
from planning.notifications import Notices
from planning.plans import (
    Applied,
    Place,
    PlannedMove,
    PlanStats,
    RebalancePlan,
    Skipped,
    StoredPlan,
    Target,
    Unplaced,
    VisitTarget,
    stored_plan,
)
from planning.ports import Plans, SlotLoads
from scheduler.closure import cut_capacity
from scheduler.displaced import DisplacedBooking
from scheduler.displaced import RebalancePlan as Solved
from scheduler.problem import SlotCapacity
from scheduler.rebalance import rebalance
from scheduler.verify import verify_rebalance

DAYS_AFTER = 4
"""A displaced booking may move up to this many calendar days later: two working days across a
weekend, so a Thursday's bookings can still go to the Sunday."""
RADIUS_KM = 60.0
NEAREST = 5

UNPLACED_REASONS: dict[str, tuple[str, str]] = {
    "no_capacity": MESSAGES.texts("unplaced.no_capacity"),
    "no_eligible_slot": MESSAGES.texts("unplaced.no_eligible_slot"),
}

PLAN_APPLIED = MESSAGES.refusal(Conflict, "plan_already_applied")


def cause(office: Office, closures: tuple[Closure, ...], day: date) -> tuple[str, str]:
    """Why bookings on ``day`` move, completing "… because …" / "… بسبب …": in each language the
    manager's own words where a closure of the day has them (a reason may be written in one
    language only), else the standard sentence."""
    todays = [c for c in closures if c.day == day]
    if any(c.whole_office_day for c in todays):
        key = "cause.office_closed"
    elif todays:
        key = "cause.fewer_counters"
    else:
        key = "cause.counters_changed"
    standard_en, standard_ar = MESSAGES.texts(key, office_en=office.name_en, office_ar=office.name_ar)
    written = next((c for c in todays if c.reason_en and c.reason_ar), None)
    if written is not None:
        return written.reason_en, written.reason_ar
    return (
        next((c.reason_en for c in todays if c.reason_en), standard_en),
        next((c.reason_ar for c in todays if c.reason_ar), standard_ar),
    )


class Rebalancing:
    def __init__(
        self,
        plans: Plans,
        bookings: Bookings,
        offices: Offices,
        slot_loads: SlotLoads,
        clock: Clock,
        on_change: Callable[[str, str], None] = lambda office_id, service: None,
    ) -> None:
        """``on_change(office_id, service)`` hears of every booking moved or cancelled, so that
        caches of availability drop what went stale."""
        self.plans = plans
        self._bookings = bookings
        self._directory = offices
        self._loads = slot_loads
        self._clock = clock
        self._on_change = on_change

    async def plan(self, plan_id: str) -> StoredPlan | None:
        """A stored plan, typed; None when there is no such plan."""
        row = await self.plans.get(plan_id)
        return stored_plan(row) if row is not None else None

    async def preview(
        self, office: Office, first: date, last: date, destinations: frozenset[str] | None, created_by: str
    ) -> StoredPlan:
        """Plan the moves for the office's bookings on ``first..last`` that no longer fit, into
        its own later slots or the nearby offices in ``destinations`` (None: any office); the
        plan is verified, stored and returned as its row."""
        now = self._clock.now()
        bookings = await self._movable(office, first, last, now)
        nearby = await self._nearby(office, {s for b in bookings for s in b.services}, destinations)
        room = await self._room(
            [office, *nearby], days_between(first, last + timedelta(days=DAYS_AFTER)), now
        )
        slots, cut = await self._cut(office, first, last, {s.key: s for s in room.slots})
        # A chain is listed once per visit: it is displaced when any of them is, and moves whole.
        visits = [
            (str(b.id), slot_key(b.office_id, v.service, v.starts_at)) for b in bookings for v in b.visits
        ]
        locations = {o.id: (o.lat, o.lon) for o in [office, *nearby]}
        displaced, after = cut_capacity(
            list(slots.values()), visits, cut, locations, RADIUS_KM, DAYS_AFTER, NEAREST
        )
        plan = _verified_plan(displaced, after)
        causes = _causes(office, await self._directory.closures(office.id), first, last)
        stored = _described(plan, displaced, bookings, room, causes)
        row = await self.plans.save(office.id, first, last, msgspec.to_builtins(stored), created_by, now)
        return stored_plan(row)

    async def _movable(self, office: Office, first: date, last: date, now: datetime) -> list[Booking]:
        """The office's confirmed bookings on ``first..last`` that have not started, chains with
        all their visits."""
        return [b for b in await self.plans.confirmed_between(office.id, first, last) if b.starts_at >= now]

    async def _nearby(
        self, office: Office, services: set[str], destinations: frozenset[str] | None
    ) -> list[Office]:
        """The other offices within ``RADIUS_KM`` (and in ``destinations``) offering any of
        ``services``: where a displaced booking may go (a chain only where all its services are:
        ``scheduler.closure.cut_capacity`` keeps those)."""
        return [
            o
            for o in await self._directory.offices()
            if o.id != office.id
            and (destinations is None or o.id in destinations)
            and services & set(o.services)
            and haversine_km(office.lat, office.lon, o.lat, o.lon) <= RADIUS_KM
        ]

    async def _room(self, offices: list[Office], days: list[date], now: datetime) -> CapacityMap:
        """Every slot of ``offices`` on ``days`` a booking may still move into, with its load."""
        return await capacity_map(
            self._directory,
            self._loads,
            {o.id: days for o in offices},
            now + MIN_LEAD,
            now + MAX_AHEAD,
            now,
        )

    async def _cut(
        self, office: Office, first: date, last: date, slots: dict[str, SlotCapacity]
    ) -> tuple[dict[str, SlotCapacity], dict[str, int]]:
        """The slots with the office's booked ones of ``first..last`` added (one gone from the
        grid, or too soon to book into, stays with what it holds: nothing may join it), and the
        capacity each over-full one is cut to."""
        slots = dict(slots)
        cut: dict[str, int] = {}
        loads = await read_loads(self._loads, [office.id], days_between(first, last))
        for (office_id, service, start), (_, booked) in loads.items():
            key = slot_key(office_id, service, start)
            if key not in slots:
                local = to_local(start, office.timezone)
                capacity_now, minutes = await self._grid_slot(office, service, start)
                minute = local.hour * 60 + local.minute
                # No more room than it holds: nothing may join a slot too soon to book into.
                capacity = min(capacity_now, booked)
                slots[key] = SlotCapacity(
                    key, office_id, service, local.date(), minute, capacity, booked, minutes
                )
            if slots[key].booked > slots[key].capacity:
                cut[key] = slots[key].capacity
        return slots, cut

    async def _grid_slot(self, office: Office, service: str, start: datetime) -> tuple[int, int]:
        """The capacity the office's grid now gives the slot (0 when it is gone) and its length
        in minutes (a chain's next visit starts where it ends; 15 when it is gone)."""
        day = to_local(start, office.timezone).date()
        grid = await self._directory.day_slots(office, service, day)
        found = next((s for s in grid if s.start == start), None)
        if found is None:
            return 0, 15
        return found.capacity, int((found.end - found.start).total_seconds()) // 60

    async def apply(self, stored: StoredPlan) -> Applied:
        """Apply a previewed plan once: each move atomically with its message; the unplaced are
        cancelled and told. Moves the world overtook are skipped and listed."""
        now = self._clock.now()
        if not await self.plans.claim(stored.id, now):
            raise PLAN_APPLIED()
        plan = stored.plan
        notices = Notices({o.id: o for o in await self._directory.offices()})
        moved, cancelled, skipped = 0, 0, []
        for move in plan.moves:
            refusal = await self._move(move, plan.cause_of(move.day), notices, now)
            if refusal:
                skipped.append(Skipped(booking_code=move.booking_code, reason=refusal))
            else:
                moved += 1
        for item in plan.unplaced:
            booking = await self._unchanged(item)
            why = plan.cause_of(item.day)
            notice = notices.cancelled(booking, why) if booking else None
            if booking is None or notice is None or not await self.plans.cancel(booking, notice, now, why):
                skipped.append(Skipped(booking_code=item.booking_code, reason="booking_changed"))
                continue
            cancelled += 1
            for service in booking.services:
                self._on_change(booking.office_id, service)
        result = Applied(moved=moved, cancelled=cancelled, skipped=skipped, notifications=moved + cancelled)
        await self.plans.record_result(stored.id, msgspec.to_builtins(result))
        return result

    async def _move(
        self, item: PlannedMove, why: tuple[str, str], notices: Notices, now: datetime
    ) -> str | None:
        """Move one booking as planned, a chain with every visit (the store refuses a chain's
        move that leaves a visit behind); the reason code when it could not be."""
        booking = await self._unchanged(item)
        if booking is None:
            return "booking_changed"
        to = item.to
        target = Move(
            to.office_id,
            datetime.fromisoformat(to.start),
            datetime.fromisoformat(to.end),
            date.fromisoformat(to.day),
            to.capacity,
            office_change=why,
            later_visits=tuple(
                NewVisit(
                    v.service, datetime.fromisoformat(v.start), datetime.fromisoformat(v.end), v.capacity
                )
                for v in item.later
            ),
        )

        def notice(after: Booking) -> OutboxMessage:
            assert booking is not None
            return notices.moved(booking, after, why)

        try:
            after = await self.plans.move(booking, target, notice, now)
        except Conflict as refused:
            return refused.code
        for service in booking.services:
            self._on_change(booking.office_id, service)
            self._on_change(after.office_id, service)
        return None

    async def _unchanged(self, item: PlannedMove | Unplaced) -> Booking | None:
        """The booking, if it is still confirmed where the plan found it."""
        booking = await self._bookings.by_id(item.booking_id)
        if (
            booking is None
            or booking.status is not BookingStatus.CONFIRMED
            or booking.office_id != item.origin.office_id
            or booking.starts_at != datetime.fromisoformat(item.origin.start)
        ):
            return None
        return booking


def _verified_plan(displaced: list[DisplacedBooking], after: list[SlotCapacity]) -> Solved:
    """The plan for the displaced, checked by ``verify_rebalance`` before anyone sees it."""
    plan = rebalance(displaced, after)
    violations = verify_rebalance(displaced, after, plan)
    if violations:
        raise RuntimeError(f"rebalance plan failed verification: {violations[:3]}")
    return plan


def _described(
    plan: Solved,
    displaced: list[DisplacedBooking],
    bookings: list[Booking],
    room: CapacityMap,
    causes: dict[str, list[str]],
) -> RebalancePlan:
    """The plan as the manager previews it and as it is stored: each move with its booking and
    target slot, the unplaced with their reasons, and why each day's bookings move."""
    by_id = {str(b.id): b for b in bookings}
    distance = {b.id: {c.office_id: c.distance_km for c in b.nearby} for b in displaced}
    return RebalancePlan(
        stats=PlanStats(**asdict(plan.stats), cost=round(plan.cost, 2)),
        moves=[
            _planned_move(
                by_id[p.booking_id],
                [room.bookable[key] for key in p.to_slot_keys],
                distance[p.booking_id],
            )
            for p in plan.moves
        ],
        unplaced=[_unplaced(by_id[b], reason) for b, reason in sorted(plan.unplaced.items())],
        causes=causes,
    )


def _causes(office: Office, closures: tuple[Closure, ...], first: date, last: date) -> dict[str, list[str]]:
    """Why each day's bookings move: day → [English, Arabic] (``cause``)."""
    return {d.isoformat(): list(cause(office, closures, d)) for d in days_between(first, last)}


def _place(booking: Booking) -> Place:
    return Place(office_id=booking.office_id, start=booking.starts_at.isoformat())


def _unplaced(booking: Booking, reason: str) -> Unplaced:
    return Unplaced(
        booking_id=booking.id,
        booking_code=booking.code,
        service=booking.service,
        day=booking.day.isoformat(),
        origin=_place(booking),
        reason=reason,
        later_services=[v.service for v in booking.later_visits],
    )


def _planned_move(booking: Booking, slots: list[BookableSlot], distances: dict[str, float]) -> PlannedMove:
    """The move to ``slots``: the first visit's, then a chain's later visits', in order."""
    where, *later = slots
    return PlannedMove(
        booking_id=booking.id,
        booking_code=booking.code,
        service=booking.service,
        day=booking.day.isoformat(),
        origin=_place(booking),
        to=Target(
            office_id=where.office.id,
            start=where.slot.start.isoformat(),
            end=where.slot.end.isoformat(),
            day=where.day.isoformat(),
            capacity=where.slot.capacity,
        ),
        distance_km=0.0 if where.office.id == booking.office_id else distances.get(where.office.id, 0.0),
        later=[
            VisitTarget(
                service=visit.service,
                start=slot.slot.start.isoformat(),
                end=slot.slot.end.isoformat(),
                capacity=slot.slot.capacity,
            )
            for visit, slot in zip(booking.later_visits, later, strict=True)
        ],
    )
