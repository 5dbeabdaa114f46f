"""Fakes of ``planning.ports``: slot rows, assignments, draw claims, plans, jobs, a solver, the
offices' cache and capacity edits, and the bookings' trails, in memory, on the booking fakes
(``tests/fakes/booking.py``) as the SQL adapters are on booking's tables.
``tests/integration/test_port_contracts.py`` runs the same behaviour on these and on the SQL
adapters, so the fakes are shown faithful."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from booking.booking_requests import BookingRequest, RequestStatus
from booking.bookings import Booking, Move
from booking.calendar import Closure
from booking.capacity import Slot
from booking.offices import Office
from booking.rules import BookingStatus
from booking.store.brokered import MAX_ROWS
from booking.store.offices import RESTATE_DAYS, closure_exists
from kernel.clock import Clock
from kernel.errors import Conflict
from messaging.outbox import OutboxMessage, about
from planning.decisions import FINAL_REFUSALS, Decision, Outcome, Placement, Refusal, RequestNotices
from planning.job_record import DONE, FAILED, INTERRUPTED, LIVE, QUEUED, RUN, RUNNING, STALE_AFTER, Job
from planning.jobs import preview_already_applied
from planning.ports import (
    Assignments,
    BookingTrails,
    CapacityEdits,
    DrawClaims,
    Jobs,
    Loads,
    OfficeCache,
    PendingRequests,
    Plans,
    SlotLoads,
    Solver,
)
from planning.solver_worker import Solved, solve_and_check
from scheduler.optimum import optimise
from scheduler.problem import Problem
from scheduler.solution import ProgressCallback, no_progress
from tests.fakes.booking import FakeBookings, FakeOffices, FakeRequests


@dataclass
class FakeSlotLoads:
    """``planning.ports.SlotLoads``: the slot rows the fake bookings keep (no resting seats)."""

    bookings: FakeBookings

    async def between(
        self, office_ids: Collection[str], first_day: date, last_day: date, now: datetime | None = None
    ) -> Loads:
        return {
            key: (row.capacity, row.booked)
            for key, row in self.bookings.slots.items()
            if key[0] in office_ids and first_day <= row.day <= last_day
        }

    async def kept_between(
        self, office_ids: Collection[str], first_day: date, last_day: date
    ) -> dict[Any, int]:
        return {
            key: row.reserved - row.assisted_booked
            for key, row in self.bookings.slots.items()
            if key[0] in office_ids
            and first_day <= row.day <= last_day
            and row.reserved > row.assisted_booked
        }


class _Gone(Exception):
    """The request left ``pending``: undo its booking."""


@dataclass
class FakeAssignments:
    """``planning.ports.Assignments``: each placement booked through the fake bookings (their
    rules) and its request ``assigned``, each refusal its request ``unassigned``, each with its
    message in ``outbox``, atomically per request. Chunks are not modelled: what a crash leaves
    is the requests before it."""

    bookings: FakeBookings
    requests: FakeRequests
    outbox: list[OutboxMessage] = field(default_factory=list)

    async def write(
        self,
        decisions: Sequence[Decision],
        job_id: str,
        now: datetime,
        notices: RequestNotices,
        progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> dict[str, Outcome]:
        outcomes: dict[str, Outcome] = {}
        for decision in decisions:
            if isinstance(decision, Refusal):
                outcome = self._unassign(decision.request, decision.reason, job_id, now, notices)
            else:
                outcome = await self._assign(decision, job_id, now, notices)
                if outcome in FINAL_REFUSALS:
                    settled = self._unassign(decision.request, outcome.value, job_id, now, notices)
                    outcome = outcome if settled is Outcome.UNASSIGNED else settled
            outcomes[decision.request.id] = outcome
        if decisions:
            progress(len(decisions), len(decisions))
        return outcomes

    def _pending(self, request_id: str) -> BookingRequest | None:
        row = self.requests.rows.get(request_id)
        return row if row is not None and row.status is RequestStatus.PENDING else None

    async def _assign(self, place: Placement, job_id: str, now: datetime, notices: RequestNotices) -> Outcome:
        try:
            with self.bookings.savepoint():
                booking = await self.bookings.create(place.new_booking(), now)
                row = self._pending(place.request.id)
                if row is None:
                    raise _Gone
                message = about(notices.assigned(place.request, booking), booking.office_id)
                self.requests.rows[row.id] = replace(
                    row,
                    status=RequestStatus.ASSIGNED,
                    booking_id=booking.id,
                    job_id=job_id,
                    reason=None,
                    updated_at=now,
                )
                self.outbox.append(message)
                return Outcome.ASSIGNED
        except _Gone:
            return Outcome.GONE
        except Conflict as refusal:
            return Outcome.SLOT_TAKEN if refusal.code == "slot_full" else Outcome(refusal.code)

    def _unassign(
        self, request: BookingRequest, reason: str, job_id: str, now: datetime, notices: RequestNotices
    ) -> Outcome:
        row = self._pending(request.id)
        if row is None:
            return Outcome.GONE
        message = notices.unassigned(request, reason)
        self.requests.rows[row.id] = replace(
            row, status=RequestStatus.UNASSIGNED, reason=reason, job_id=job_id, updated_at=now
        )
        self.outbox.append(message)
        return Outcome.UNASSIGNED


@dataclass
class Claim:
    claimed_at: datetime
    finished_at: datetime | None
    seed: str
    entries: int = 0
    placed: int = 0


@dataclass
class FakeDrawClaims:
    """``planning.ports.DrawClaims``: one claim per day; a finished or stale one is taken over
    with its first seed."""

    days: dict[date, Claim] = field(default_factory=dict)

    async def claim(self, day: date, seed: str, now: datetime, stale_after: timedelta) -> str | None:
        held = self.days.get(day)
        if held is None:
            self.days[day] = held = Claim(now, None, seed)
        elif held.finished_at is None and held.claimed_at >= now - stale_after:
            return None
        else:
            held.claimed_at, held.finished_at = now, None
        await asyncio.sleep(0)  # the claim's round trip: other processes go on meanwhile
        return held.seed

    async def finish(self, day: date, entries: int, placed: int, now: datetime) -> None:
        held = self.days[day]
        held.finished_at = now
        held.entries += entries
        held.placed += placed


@dataclass
class FakePlans:
    """``planning.ports.Plans``: plans as rows (dicts, as the SQL gives them), applied once;
    moves and cancels through the fake bookings, each with its message in ``outbox``."""

    bookings: FakeBookings
    outbox: list[OutboxMessage] = field(default_factory=list)
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    async def confirmed_between(self, office_id: str, first_day: date, last_day: date) -> list[Booking]:
        found = [
            b
            for b in self.bookings.rows.values()
            if b.office_id == office_id and first_day <= b.day <= last_day and b.status == "confirmed"
        ]
        return sorted(found, key=lambda b: (b.starts_at, b.id))

    async def save(
        self,
        office_id: str,
        first_day: date,
        last_day: date,
        plan: dict[str, Any],
        created_by: str,
        now: datetime,
    ) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": uuid.uuid4().hex,
            "office_id": office_id,
            "first_day": first_day,
            "last_day": last_day,
            "created_by": created_by,
            "status": "preview",
            "plan": plan,
            "result": None,
            "created_at": now,
            "applied_at": None,
        }
        self.rows[row["id"]] = row
        return dict(row)

    async def get(self, plan_id: str) -> dict[str, Any] | None:
        row = self.rows.get(plan_id)
        return dict(row) if row is not None else None

    async def claim(self, plan_id: str, now: datetime) -> bool:
        row = self.rows.get(plan_id)
        if row is None or row["status"] != "preview":
            return False
        row.update(status="applied", applied_at=now)
        return True

    async def record_result(self, plan_id: str, result: dict[str, Any]) -> None:
        if plan_id in self.rows:
            self.rows[plan_id]["result"] = result

    async def move(
        self, booking: Booking, move: Move, notice: Callable[[Booking], OutboxMessage], now: datetime
    ) -> Booking:
        with self.bookings.savepoint():
            moved = await self.bookings.reschedule(booking, move, now)
            self.outbox.append(about(notice(moved), booking.office_id))
        return moved

    async def cancel(
        self, booking: Booking, notice: OutboxMessage, now: datetime, why: tuple[str, str] | None = None
    ) -> bool:
        if not self.bookings.cancel_for_office(booking, now, why):
            return False
        self.outbox.append(about(notice, booking.office_id))
        return True


@dataclass
class FakeJobs:
    """``planning.ports.Jobs``: statuses only move forward; a live job not heard from for
    ``stale_after`` by ``clock`` (the database's clock, in the SQL) reads as interrupted."""

    clock: Clock
    stale_after: timedelta = STALE_AFTER
    rows: dict[str, Job] = field(default_factory=dict)
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)

    async def create(
        self,
        requested_by: str,
        scope: dict[str, Any],
        now: datetime,
        mode: str = RUN,
        applies: str | None = None,
    ) -> Job:
        if applies is not None and any(job.applies == applies for job in self.rows.values()):
            raise preview_already_applied()  # the SQL's unique ``applies``
        job = Job(
            id=uuid.uuid4().hex,
            status=QUEUED,
            requested_by=requested_by,
            scope=scope,
            progress=0.0,
            phase="queued",
            result=None,
            error=None,
            created_at=now,
            started_at=None,
            finished_at=None,
            updated_at=now,
            heartbeat_at=self.clock.now(),
            mode=mode,
            applies=applies,
        )
        self.rows[job.id] = job
        return job

    async def plan(self, job_id: str) -> dict[str, Any] | None:
        return self.plans.get(job_id)

    async def get(self, job_id: str, now: datetime) -> Job | None:
        job = self.rows.get(job_id)
        if job is None:
            return None
        applied_by = next((other.id for other in self.rows.values() if other.applies == job_id), None)
        if applied_by != job.applied_by:
            self.rows[job_id] = job = replace(job, applied_by=applied_by)
        silent = job.heartbeat_at is None or job.heartbeat_at < self.clock.now() - self.stale_after
        if job.status in LIVE and silent:
            self.rows[job_id] = job = replace(
                job, status=FAILED, phase="failed", error=INTERRUPTED, finished_at=now, updated_at=now
            )
        return job

    def _set(self, job_id: str, **values: Any) -> bool:
        job = self.rows.get(job_id)
        if job is None or job.status not in LIVE:
            return False
        self.rows[job_id] = replace(job, heartbeat_at=self.clock.now(), **values)
        return True

    async def start(self, job_id: str, now: datetime) -> bool:
        return self._set(job_id, status=RUNNING, started_at=now, updated_at=now, phase="starting")

    async def report(self, job_id: str, progress: float, phase: str, now: datetime) -> bool:
        return self._set(job_id, progress=progress, phase=phase, updated_at=now)

    async def touch(self, job_id: str, now: datetime) -> bool:
        return self._set(job_id, updated_at=now)

    async def finish(
        self, job_id: str, result: dict[str, Any], now: datetime, plan: dict[str, Any] | None = None
    ) -> bool:
        done = self._set(
            job_id, status=DONE, progress=1.0, phase="done", result=result, finished_at=now, updated_at=now
        )
        if done and plan is not None:
            self.plans[job_id] = plan
        return done

    async def fail(self, job_id: str, error: str, now: datetime) -> bool:
        return self._set(job_id, status=FAILED, phase="failed", error=error, finished_at=now, updated_at=now)


@dataclass
class InlineSolver:
    """``planning.ports.Solver`` in this process: the same solve, check and baseline as
    ``WorkerSolver``'s child (``solve_and_check``), without the child."""

    solve: Callable[[Problem, ProgressCallback], Any] = optimise
    runs: int = 0

    async def run(self, problem: Problem, progress: ProgressCallback = no_progress) -> Solved:
        self.runs += 1
        return solve_and_check(problem, self.solve, progress)

    def stop(self) -> None:
        pass


@dataclass
class FakeOfficeCache:
    """``planning.ports.OfficeCache``: the fake offices as this process last read them, read again
    only once invalidated (as if its few seconds never ran out), so that a change it is not told
    of stays unseen here."""

    source: FakeOffices
    _seen: FakeOffices | None = None

    def _view(self) -> FakeOffices:
        if self._seen is None:
            self._seen = FakeOffices(dict(self.source.by_id), dict(self.source.closed))
        return self._seen

    def invalidate(self) -> None:
        self._seen = None

    async def offices(self) -> list[Office]:
        return await self._view().offices()

    async def office(self, office_id: str) -> Office | None:
        return await self._view().office(office_id)

    async def closures(self, office_id: str) -> tuple[Closure, ...]:
        return await self._view().closures(office_id)

    async def day_slots(self, office: Office, service: str, day: date) -> list[Slot]:
        return await self._view().day_slots(office, service, day)


@dataclass
class ClosureRecord:
    """A closure as ``closures`` keeps it: who made it and when, and who ended it."""

    closure: Closure
    created_at: datetime
    created_by: str | None
    reopened_at: datetime | None = None
    reopened_by: str | None = None


@dataclass
class FakeCapacityEdits:
    """``planning.ports.CapacityEdits``: the fake offices' closures and counters changed, and the
    fake bookings' slot rows restated over the days ``booking.store.offices`` restates (a
    closure's day; a counter's ``RESTATE_DAYS`` from ``from_day``); every closure kept in
    ``records``, ended ones too."""

    offices: FakeOffices
    bookings: FakeBookings
    records: list[ClosureRecord] = field(default_factory=list)

    def _restate(self, office_id: str, first_day: date, last_day: date) -> None:
        office = self.offices.by_id.get(office_id)
        if office is not None:
            self.bookings.restate(office, self.offices.closed.get(office_id, ()), first_day, last_day)

    async def add_closure(self, closure: Closure, now: datetime, by: str | None = None) -> None:
        """Refused, ``closure_exists``, when the same closure (office, day, counter, hours) is in
        force, as the database's ``uq_closures_in_force`` refuses it."""
        if any(c.extent == closure.extent for c in self.offices.closed.get(closure.office_id, ())):
            raise closure_exists()
        self.offices.closed[closure.office_id] = (*self.offices.closed.get(closure.office_id, ()), closure)
        self.records.append(ClosureRecord(closure, now, by))
        self._restate(closure.office_id, closure.day, closure.day)

    async def remove_closures(self, office_id: str, day: date, now: datetime, by: str | None = None) -> int:
        closures = self.offices.closed.get(office_id, ())
        kept = tuple(c for c in closures if c.day != day)
        self.offices.closed[office_id] = kept
        for record in self.records:
            ended = (record.closure.office_id, record.closure.day) == (office_id, day)
            if ended and record.reopened_at is None:
                record.reopened_at, record.reopened_by = now, by
        self._restate(office_id, day, day)
        return len(closures) - len(kept)

    async def update_counter(
        self, office_id: str, counter_id: int, active: bool, services: frozenset[str], from_day: date
    ) -> bool:
        office = self.offices.by_id.get(office_id)
        if office is None or all(c.id != counter_id for c in office.counters):
            return False
        counters = tuple(
            replace(c, active=active, services=services) if c.id == counter_id else c for c in office.counters
        )
        self.offices.by_id[office_id] = replace(office, counters=counters)
        self._restate(office_id, from_day, from_day + timedelta(days=RESTATE_DAYS))
        return True


@dataclass
class FakeBookingTrails:
    """``planning.ports.BookingTrails`` over the fake bookings: when each was made (its
    ``created_at``) or last moved by its citizen (``note_move``), and from where."""

    bookings: FakeBookings

    async def between(self, since: datetime, until: datetime) -> list[Booking]:
        def made(b: Booking) -> bool:
            return since <= b.created_at < until

        def moved(b: Booking) -> bool:
            return b.moved_at is not None and since <= b.moved_at < until

        found = [
            b
            for b in self.bookings.rows.values()
            if (b.active and (made(b) or moved(b))) or (b.status is BookingStatus.CANCELLED and made(b))
        ]
        return sorted(found, key=lambda b: b.id)[:MAX_ROWS]

    async def by_codes(self, codes: Iterable[str]) -> list[Booking]:
        wanted = set(codes)
        return [b for b in self.bookings.rows.values() if b.code in wanted]

    async def note_move(self, booking_id: int, address: str | None, now: datetime) -> None:
        row = self.bookings.rows.get(booking_id)
        if row is not None:
            self.bookings.rows[booking_id] = replace(row, moved_at=now, moved_address=address)


def _conforms(
    requests: FakeRequests,
    loads: FakeSlotLoads,
    assignments: FakeAssignments,
    claims: FakeDrawClaims,
    plans: FakePlans,
    jobs: FakeJobs,
    solver: InlineSolver,
    cache: FakeOfficeCache,
    edits: FakeCapacityEdits,
    trails: FakeBookingTrails,
) -> None:
    """Type-checked (``mypy tests/fakes``) only: each fake is its port."""
    _: tuple[
        PendingRequests,
        SlotLoads,
        Assignments,
        DrawClaims,
        Plans,
        Jobs,
        Solver,
        OfficeCache,
        CapacityEdits,
        BookingTrails,
    ] = (requests, loads, assignments, claims, plans, jobs, solver, cache, edits, trails)
