"""The migration that keeps a booking's visits gives every booking made before it its one visit,
active as the booking is, on SQLite and PostgreSQL; the rules by visit then hold for them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from booking.capacity import day_slots
from booking.codes import new_booking_code
from booking.store.bookings import BookingStore
from kernel.database import Database
from kernel.errors import Conflict
from tests.conftest import WORKING_MORNING
from tests.integration.test_port_contracts import ABBASSIA, DAY, SERVICE, applicant, new_booking
from tests.integration.test_request_code_migration import _alembic

BEFORE_VISITS = "d2f6a8c4e1b3"
STATUSES = ["confirmed", "checked_in", "served", "no_show", "cancelled"]


def _old_booking(n: int, status: str) -> dict[str, object]:
    slot = day_slots(ABBASSIA, SERVICE, DAY)[n]
    person = applicant(n, "Mona Ahmed Hassan", f"+2010{n:08d}", "en")
    return {
        "code": new_booking_code(),
        "identity_hash": person.identity_hash,
        "identity_type": person.identity_type,
        "identity_nationality": person.identity_nationality,
        "identity_last4": person.identity_last4,
        "identity_key_id": person.identity_key_id,
        "senior_on_visit": False,
        "full_name": person.full_name,
        "phone": person.phone,
        "email": None,
        "lang": "en",
        "service": SERVICE,
        "office_id": ABBASSIA.id,
        "starts_at": slot.start,
        "ends_at": slot.end,
        "day": DAY,
        "status": status,
        "created_at": WORKING_MORNING,
        "updated_at": WORKING_MORNING,
    }


async def test_every_booking_made_before_visits_gets_its_one_visit_active_as_it_is(database_url: str):
    database = Database(database_url)
    try:
        await _alembic(database, BEFORE_VISITS, down=True)
        old = [_old_booking(n, status) for n, status in enumerate(STATUSES)]

        def insert(connection: Connection) -> None:
            table = sa.Table("bookings", sa.MetaData(), autoload_with=connection)
            connection.execute(table.insert(), old)

        await database.write(insert)
        await _alembic(database, "head")

        def visits(connection: Connection) -> list[tuple[str, int, str, bool]]:
            rows = connection.execute(
                sa.text(
                    "SELECT b.code, v.position, v.service, v.active FROM booking_visits v "
                    "JOIN bookings b ON b.id = v.booking_id ORDER BY v.starts_at"
                )
            )
            return [(row.code, row.position, row.service, bool(row.active)) for row in rows]

        assert await database.read(visits) == [
            (row["code"], 0, SERVICE, row["status"] in ("confirmed", "checked_in")) for row in old
        ]
        store = BookingStore(database)
        found = await store.by_code(str(old[0]["code"]))
        assert found is not None and found.later_visits == () and found.services == (SERVICE,)
        for n, status in enumerate(STATUSES):  # the active ones still hold their service
            later = day_slots(ABBASSIA, SERVICE, DAY)[8 + n]
            again = store.create(new_booking(n, later), WORKING_MORNING)
            if status in ("confirmed", "checked_in"):
                with pytest.raises(Conflict) as refusal:
                    await again
                assert refusal.value.code == "duplicate_booking"
            else:
                assert (await again).services == (SERVICE,)
    finally:
        await database.dispose()
