"""The optimiser's part of the app: built in the lifespan beside the booking core, closed with it.

Kept out of ``create_app`` so that wiring flexible requests, optimiser jobs and rebalancing is
one call there, and the app factory stays readable.
"""

from __future__ import annotations

from litestar.datastructures import State

from booking.appointments import Appointments
from booking.flexible_booking import FlexibleBooking
from booking.store.booking_requests import RequestStore
from booking.store.database import Database
from planning.capacity_changes import CapacityChanges
from planning.jobs import OptimiserJobs
from planning.rebalancing import Rebalancing
from planning.solver_worker import WorkerSolver


def start_planning(state: State, database: Database, appointments: Appointments) -> None:
    """Put the flexible-booking use cases, the job runner, capacity changes and rebalancing on
    the app's state. Moves drop the availability cache's entries like any booking change."""
    offices, clock = appointments.offices, appointments.clock
    dropped = state.availability_cache.invalidate
    state.flexible_booking = FlexibleBooking(appointments, RequestStore(database))
    state.optimiser_jobs = OptimiserJobs(database, offices, clock, WorkerSolver(), on_change=dropped)
    state.capacity_changes = CapacityChanges(database, offices, clock, on_change=dropped)
    state.rebalancing = Rebalancing(database, offices, clock, on_change=dropped)


async def stop_planning(state: State) -> None:
    """Stop this process's running jobs (their rows end failed, their writes stand)."""
    jobs: OptimiserJobs | None = state.get("optimiser_jobs")
    if jobs is not None:
        await jobs.close()
