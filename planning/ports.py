"""What planning's use cases need from the outside world, as ``Protocol``s.

Every use case of planning (``Rebalancing``, ``ReleaseDraws``, ``Optimiser``, ``OptimiserJobs``,
``CapacityChanges``, ``office_load``, ``BrokeredBookings``) is typed against these and booking's
ports (``booking.ports.Offices``, ``booking.ports.Bookings``), so they run on the SQL adapters or
on the in-memory fakes of the unit tests (``tests/fakes/planning.py``). Each port lists only the
methods a use case calls; its adapter is named beside it.

What a citizen is told travels as messaging's value (``messaging.outbox.OutboxMessage``): the
ports that post one (``Assignments``, ``Plans``) do so in the same transaction as the change, into
messaging's outbox, naming the booking's office (``messaging.outbox.about``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from booking.booking_requests import BookingRequest
from booking.bookings import Booking, Move
from booking.calendar import Closure
from booking.ports import Offices
from messaging.outbox import OutboxMessage
from planning.decisions import Decision, Outcome, RequestNotices
from planning.job_record import Job
from planning.solver_worker import Solved
from scheduler.problem import Problem
from scheduler.solution import ProgressCallback

LoadKey = tuple[str, str, datetime]
"""A slot: (office_id, service, starts_at)."""
Loads = dict[LoadKey, tuple[int, int]]
"""(office_id, service, starts_at) → (capacity, booked) of a slot's row."""


class SlotLoads(Protocol):
    """The slot rows: each slot that has had a booking, its capacity (restated when the office's
    room changes) and how many it holds. SQL: ``booking.store.slot_loads.SlotLoadStore``."""

    async def between(
        self, office_ids: Collection[str], first_day: date, last_day: date, now: datetime | None = None
    ) -> Loads:
        """The rows of these offices on ``first_day..last_day``; given ``now``, a seat resting
        after a release counts as booked, as it does for a direct booking."""
        ...

    async def kept_between(
        self, office_ids: Collection[str], first_day: date, last_day: date
    ) -> dict[LoadKey, int]:
        """The seats each row still keeps for assisted bookings (kept, less those clerks took):
        what an online booking, and so the optimiser, must leave free (``booking.channels``)."""
        ...


class ChainVisits(Protocol):
    """Which seats of the slot rows go together: the chains (one trip, several services).
    SQL: ``planning.store.chain_visits.ChainVisitStore``."""

    async def between(
        self, office_ids: Collection[str], first_day: date, last_day: date
    ) -> list[tuple[LoadKey, ...]]:
        """Each active chain of these offices on these days as its visits' slots, in order."""
        ...


class OfficeCache(Offices, Protocol):
    """The offices as this process keeps them for a few seconds (``booking.ports.Offices``), and
    the means to drop them at once when this process has changed them.
    SQL: ``booking.store.offices.OfficeDirectory``."""

    def invalidate(self) -> None:
        """Read the offices afresh on the next look, not when their few seconds are up."""
        ...


class CapacityEdits(Protocol):
    """Changes to an office's room, each written in one transaction with the slot rows it touches
    restated (``SlotLoads``), so that from then on nothing new lands in the room that was lost.
    SQL: ``booking.store.offices.OfficeStore``."""

    async def add_closure(self, closure: Closure, now: datetime, by: str | None) -> None:
        """Keep the closure (``by``: who closed) and restate its day's slot rows."""
        ...

    async def remove_closures(self, office_id: str, day: date, now: datetime, by: str | None) -> int:
        """End the office's closures of ``day`` still in force, kept on record with who ended them
        (``by``) and when, and restate that day's slot rows; how many ended."""
        ...

    async def update_counter(
        self, office_id: str, counter_id: int, active: bool, services: frozenset[str], from_day: date
    ) -> bool:
        """Open or close a counter for good, or change what it serves, and restate the slot rows
        from ``from_day`` on; False when the office has no such counter."""
        ...


class BookingTrails(Protocol):
    """What the report of brokered bookings reads of the bookings (when and from where each was
    made or last moved) and the one thing it writes: who last moved one.
    SQL: ``booking.store.brokered.BrokeredStore``."""

    async def between(self, since: datetime, until: datetime) -> list[Booking]:
        """Every office's active bookings made or moved in ``[since, until)`` and the bookings
        made then and cancelled since, by id."""
        ...

    async def by_codes(self, codes: Iterable[str]) -> list[Booking]:
        """The bookings of these codes, whatever their status; unknown codes are left out."""
        ...

    async def note_move(self, booking_id: int, address: str | None, now: datetime) -> None:
        """The booking was moved just now by its citizen, from this address digest."""
        ...


class PendingRequests(Protocol):
    """The flexible requests and draw entries waiting for a decision.
    SQL: ``booking.store.booking_requests.RequestStore``."""

    async def pending(self, services: Collection[str] | None = None) -> list[BookingRequest]:
        """Pending flexible requests (not draw entries), in arrival order."""
        ...

    async def draw_days(self) -> list[date]:
        """The days with draw entries still pending, in order."""
        ...

    async def draw_entries(self, day: date) -> list[BookingRequest]:
        """The pending entries into ``day``'s draw, by id."""
        ...


class Assignments(Protocol):
    """Writes decisions: each placement becomes a booking under the rules of a direct booking
    and its request ``assigned``, each refusal leaves its request ``unassigned``, each with the
    citizen's message, atomically per request. SQL: ``planning.store.assignments.AssignmentStore``."""

    async def write(
        self,
        decisions: Sequence[Decision],
        job_id: str,
        now: datetime,
        notices: RequestNotices,
        progress: Callable[[int, int], None] = ...,
    ) -> dict[str, Outcome]:
        """What became of each request, by id."""
        ...


class DrawClaims(Protocol):
    """Who draws a day: one claim per day, taken over once stale or finished.
    SQL: ``planning.store.release_draws.ReleaseDrawStore``."""

    async def claim(self, day: date, seed: str, now: datetime, stale_after: timedelta) -> str | None:
        """The seed to draw ``day`` with, or None when another holds the claim."""
        ...

    async def finish(self, day: date, entries: int, placed: int, now: datetime) -> None: ...


class Plans(Protocol):
    """Rebalance plans as previewed, applied once, and the bookings they move or cancel.
    SQL: ``planning.store.rebalance_plans.PlanStore``."""

    async def confirmed_between(self, office_id: str, first_day: date, last_day: date) -> list[Booking]:
        """The office's confirmed bookings on these days, by start."""
        ...

    async def save(
        self,
        office_id: str,
        first_day: date,
        last_day: date,
        plan: dict[str, Any],
        created_by: str,
        now: datetime,
    ) -> dict[str, Any]:
        """Store a previewed plan; its row."""
        ...

    async def get(self, plan_id: str) -> dict[str, Any] | None: ...

    async def claim(self, plan_id: str, now: datetime) -> bool:
        """Mark the plan applied; False when it was applied already."""
        ...

    async def record_result(self, plan_id: str, result: dict[str, Any]) -> None: ...

    async def move(
        self, booking: Booking, move: Move, notice: Callable[[Booking], OutboxMessage], now: datetime
    ) -> Booking:
        """Move the booking and post its message, atomically, or raise ``slot_full`` /
        ``booking_changed``."""
        ...

    async def cancel(
        self, booking: Booking, notice: OutboxMessage, now: datetime, why: tuple[str, str] | None = None
    ) -> bool:
        """Cancel the booking if still confirmed where it was found, keeping ``why`` (English,
        Arabic) for its holder's page, and post its message."""
        ...


class Jobs(Protocol):
    """Optimiser jobs as every process reads them; a status only moves forward (each write says
    whether it took). SQL: ``planning.store.jobs.JobStore``."""

    async def create(
        self,
        requested_by: str,
        scope: dict[str, Any],
        now: datetime,
        mode: str = ...,
        applies: str | None = None,
    ) -> Job:
        """A queued job (``mode``: run, preview or apply); an apply job names its preview
        (``applies``), which one job at most may do: ``preview_already_applied`` otherwise."""
        ...

    async def plan(self, job_id: str) -> dict[str, Any] | None:
        """What a finished preview kept to write; None for any other job."""
        ...

    async def get(self, job_id: str, now: datetime) -> Job | None:
        """The job, marked interrupted first when it has gone silent."""
        ...

    async def start(self, job_id: str, now: datetime) -> bool:
        """queued → running; False when the job is no longer queued."""
        ...

    async def report(self, job_id: str, progress: float, phase: str, now: datetime) -> bool: ...

    async def touch(self, job_id: str, now: datetime) -> bool: ...

    async def finish(
        self, job_id: str, result: dict[str, Any], now: datetime, plan: dict[str, Any] | None = None
    ) -> bool: ...

    async def fail(self, job_id: str, error: str, now: datetime) -> bool: ...


class Solver(Protocol):
    """Solves and verifies a problem away from the event loop.
    Adapter: ``planning.solver_worker.WorkerSolver`` (a child process per solve)."""

    async def run(self, problem: Problem, progress: ProgressCallback = ...) -> Solved: ...

    def stop(self) -> None:
        """Stop every running solve (shutdown)."""
        ...
