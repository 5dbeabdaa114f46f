"""What a manager's simulation starts from: the office's day as planned, built from the database.

One function, ``planned_day``, so the day can be built another way in one place: today it takes
the office's counters and closures, the day's bookings (``BookingStore.visits_on``: service, slot
and elderly flag, nothing about who holds them) and walk-ins as a prior (``WALK_IN_LOAD`` of the
counter time the office keeps for them), as ``mawid simulate --office`` does; the estimates
learnt from the archive (``foresight.day_plan``) will replace the priors here.
"""

from __future__ import annotations

from datetime import date

from booking.offices import Office
from booking.store.bookings import BookingStore
from booking.store.offices import OfficeDirectory
from foresight.office_day import OfficeDay
from foresight.offices import Appointment, office_day, walk_in_capacity
from kernel.database import Database

WALK_IN_LOAD = 0.8
"""Walk-ins expected, as a share of the counter time kept for them (``mawid simulate``'s default)."""


async def planned_day(office: Office, day: date, directory: OfficeDirectory, database: Database) -> OfficeDay:
    """The office's ``day`` as planned; raises ``foresight.offices.OfficeClosed`` when it
    receives nobody that day."""
    closures = await directory.closures(office.id)
    rates = walk_in_capacity(office, day, closures)  # raises OfficeClosed first
    visits = await BookingStore(database).visits_on(office.id, day)
    appointments = [Appointment(service, starts_at, senior) for service, starts_at, senior in visits]
    walk_ins = {service: [rate * WALK_IN_LOAD for rate in hourly] for service, hourly in rates.items()}
    return office_day(office, day, appointments, walk_ins, closures)
