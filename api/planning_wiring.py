"""The optimiser's part of the app: composed beside the booking core (``api.composition``), its
draw watcher run and its jobs stopped with the app. The SQL wiring of the job runner and of the
opening draws is one factory each (``optimiser_jobs_on``, ``release_draws_on``), which the CLI
and the tests use too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

from api.audit import AuditTrail
from api.metrics import optimiser_job_finished
from api.services import Planning
from booking.appointments import Appointments
from booking.churn import NO_RULES, ChurnRules
from booking.draw_entries import DrawEntries
from booking.flexible_booking import FlexibleBooking
from booking.identity import IdentityHasher
from booking.ports import Offices
from booking.release import ReleasePolicy
from booking.store.booking_requests import RequestStore
from booking.store.bookings import BookingStore
from booking.store.offices import OfficeDirectory
from booking.store.slot_loads import SlotLoadStore
from kernel.clock import Clock
from kernel.database import Database
from planning.capacity_changes import CapacityChanges
from planning.jobs import OptimiserJobs
from planning.optimise import Optimiser
from planning.rebalancing import Rebalancing
from planning.release_draw import DrawResult, ReleaseDraws
from planning.solver_worker import WorkerSolver
from planning.store.assignments import AssignmentStore
from planning.store.chain_visits import ChainVisitStore
from planning.store.jobs import JobStore
from planning.store.rebalance_plans import PlanStore
from planning.store.release_draws import ReleaseDrawStore


def compose_planning(
    database: Database,
    offices: OfficeDirectory,
    bookings: BookingStore,
    *,
    clock: Clock,
    hasher: IdentityHasher,
    release: ReleasePolicy,
    rules: ChurnRules,
    appointments: Appointments,
    audit: AuditTrail,
    dropped: Callable[[str, str], None],
) -> Planning:
    """The flexible-booking use cases, the job runner, capacity changes, rebalancing and the
    opening draws (which book through ``appointments``). Moves call ``dropped(office_id,
    service)`` like any booking change (the availability cache); the optimiser and the draws book
    under the direct bookings' ``release`` policy and churn ``rules``; each draw decided is
    recorded in the audit trail."""
    ports = (offices, bookings, RequestStore(database), clock, hasher, release)

    async def drawn(result: DrawResult) -> None:
        detail = {
            "seed": result.seed,
            "entries": result.entries,
            "placed": result.placed,
            "unplaced": result.unplaced,
        }
        await audit.record(
            actor="system", action="release.drawn", target=result.day.isoformat(), detail=detail
        )

    return Planning(
        flexible=FlexibleBooking(*ports),
        draw_entries=DrawEntries(*ports),
        optimiser_jobs=optimiser_jobs_on(
            database,
            offices,
            clock,
            WorkerSolver(),
            on_change=dropped,
            release=release,
            rules=rules,
            on_finished=optimiser_job_finished,
        ),
        capacity_changes=CapacityChanges(
            offices.store,
            offices,
            SlotLoadStore(database),
            clock,
            on_change=dropped,
            chains=ChainVisitStore(database),
        ),
        rebalancing=Rebalancing(
            PlanStore(database, rules.offer_minutes),
            bookings,
            offices,
            SlotLoadStore(database),
            clock,
            on_change=dropped,
        ),
        release_draws=release_draws_on(database, appointments, rules, on_drawn=drawn),
    )


def optimiser_jobs_on(
    database: Database,
    offices: Offices,
    clock: Clock,
    solver: WorkerSolver,
    *,
    on_change: Callable[[str, str], None] = lambda office_id, service: None,
    release: ReleasePolicy | None = None,
    rules: ChurnRules = NO_RULES,
    on_finished: Callable[[str, float], None] = lambda outcome, seconds: None,
) -> OptimiserJobs:
    """The job runner on the database: its rows in ``optimiser_jobs``, the requests and their
    bookings written under the direct bookings' ``release`` policy and churn ``rules``."""
    optimiser = Optimiser(
        RequestStore(database),
        AssignmentStore(database, rules=rules),
        offices,
        SlotLoadStore(database),
        clock,
        solver,
        on_change,
        release,
    )
    return OptimiserJobs(JobStore(database), optimiser, clock, on_finished=on_finished)


def release_draws_on(
    database: Database,
    appointments: Appointments,
    rules: ChurnRules = NO_RULES,
    on_drawn: Callable[[DrawResult], Awaitable[None]] | None = None,
) -> ReleaseDraws:
    """The opening draws on the database, booking under the churn ``rules``."""
    return ReleaseDraws(
        appointments,
        offices=appointments.offices,
        clock=appointments.clock,
        entries=RequestStore(database),
        claims=ReleaseDrawStore(database),
        assignments=AssignmentStore(database, rules=rules),
        on_drawn=on_drawn,
    )


@contextlib.asynccontextmanager
async def planning_running(planning: Planning) -> AsyncIterator[None]:
    """Watch for draws to decide while the app runs; then stop watching and stop this process's
    running jobs (their rows end failed, their writes stand; a draw cut short is taken over once
    its claim is stale)."""
    watching = asyncio.create_task(planning.release_draws.run_forever())
    try:
        yield
    finally:
        watching.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watching
        await planning.optimiser_jobs.close()
