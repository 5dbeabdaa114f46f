"""What a manager's simulation starts from: the office's day as ``foresight.day_plan`` builds it
from the database — the office's counters and closures, the day's bookings (``visits_on``: service,
slot and elderly flag, nothing about who holds them; topped up to the forecast on a day ahead) and
the behaviour, service times and walk-ins learnt from the archive's weeks before the day (today's
priors where there is no history). The same use case as ``mawid simulate --office``.
"""

from __future__ import annotations

from datetime import date

from booking.offices import Office
from booking.store.bookings import BookingStore
from booking.store.offices import OfficeDirectory
from foresight.day_plan import DayPlan, plan_day
from foresight.store.history import SqlHistory
from kernel.database import Database


async def planned_day(
    office: Office, day: date, today: date, directory: OfficeDirectory, database: Database
) -> DayPlan:
    """The office's ``day`` as planned and where its inputs came from; raises
    ``foresight.offices.OfficeClosed`` when it receives nobody that day."""
    return await plan_day(
        office.id, day, directory, BookingStore(database), SqlHistory(database), today=today
    )
