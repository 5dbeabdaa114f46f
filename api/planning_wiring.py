"""The optimiser's part of the app: composed beside the booking core (``api.composition``), its
draw watcher run and its jobs stopped with the app.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

from api.audit import AuditTrail
from api.metrics import optimiser_job_finished
from api.services import Planning
from booking.appointments import Appointments
from booking.churn import ChurnRules
from booking.draw_entries import DrawEntries
from booking.flexible_booking import FlexibleBooking
from booking.identity import IdentityHasher
from booking.release import ReleasePolicy
from booking.store.booking_requests import RequestStore
from booking.store.bookings import BookingStore
from booking.store.database import Database
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from planning.capacity_changes import CapacityChanges
from planning.jobs import OptimiserJobs
from planning.rebalancing import Rebalancing
from planning.release_draw import DrawResult, ReleaseDraws
from planning.solver_worker import WorkerSolver


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
        optimiser_jobs=OptimiserJobs(
            database,
            offices,
            clock,
            WorkerSolver(),
            on_change=dropped,
            release=release,
            rules=rules,
            on_finished=optimiser_job_finished,
        ),
        capacity_changes=CapacityChanges(database, offices, clock, on_change=dropped),
        rebalancing=Rebalancing(database, offices, clock, on_change=dropped),
        release_draws=ReleaseDraws(database, appointments, rules, on_drawn=drawn),
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
