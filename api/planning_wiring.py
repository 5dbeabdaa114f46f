"""The optimiser's part of the app: built in the lifespan beside the booking core, closed with it.

Kept out of ``create_app`` so that wiring flexible requests, optimiser jobs and rebalancing is
one call there, and the app factory stays readable.
"""

from __future__ import annotations

import asyncio
import contextlib

from litestar.datastructures import State

from api.audit import AuditTrail
from api.metrics import optimiser_job_finished
from booking.appointments import Appointments
from booking.churn import ChurnRules
from booking.draw_entries import DrawEntries
from booking.flexible_booking import FlexibleBooking
from booking.store.booking_requests import RequestStore
from booking.store.database import Database
from booking.store.offices import OfficeDirectory
from planning.capacity_changes import CapacityChanges
from planning.jobs import OptimiserJobs
from planning.rebalancing import Rebalancing
from planning.release_draw import DrawResult, ReleaseDraws
from planning.solver_worker import WorkerSolver


def start_planning(
    state: State, database: Database, appointments: Appointments, offices: OfficeDirectory, rules: ChurnRules
) -> None:
    """Put the flexible-booking use cases, the job runner, capacity changes, rebalancing and the
    opening draws on the app's state, and start watching for draws to decide. Moves drop the
    availability cache's entries like any booking change; the optimiser and the draws book under
    the direct bookings' release policy and churn ``rules``."""
    clock = appointments.clock
    dropped = state.availability_cache.invalidate
    requests = RequestStore(database)
    ports = (offices, appointments.store, requests, clock, appointments.hasher, appointments.release)
    state.flexible_booking = FlexibleBooking(*ports)
    state.draw_entries = DrawEntries(*ports)
    state.optimiser_jobs = OptimiserJobs(
        database,
        offices,
        clock,
        WorkerSolver(),
        on_change=dropped,
        release=appointments.release,
        rules=rules,
        on_finished=optimiser_job_finished,
    )
    state.capacity_changes = CapacityChanges(database, offices, clock, on_change=dropped)
    state.rebalancing = Rebalancing(database, offices, clock, on_change=dropped)
    audit: AuditTrail = state.audit

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

    state.release_draws = ReleaseDraws(database, appointments, rules, on_drawn=drawn)
    state.release_draw_task = asyncio.create_task(state.release_draws.run_forever())


async def stop_planning(state: State) -> None:
    """Stop watching for draws and this process's running jobs (their rows end failed, their
    writes stand; a draw cut short is taken over once its claim is stale)."""
    task: asyncio.Task[None] | None = state.get("release_draw_task")
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    jobs: OptimiserJobs | None = state.get("optimiser_jobs")
    if jobs is not None:
        await jobs.close()
