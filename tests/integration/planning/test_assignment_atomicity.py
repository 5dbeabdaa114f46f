"""Writing an optimiser answer that breaks off half-way leaves no request both pending and booked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from booking.applicant import Applicant
from booking.booking_requests import NewBookingRequest
from booking.store.booking_requests import RequestStore
from kernel.database import Database
from messaging.outbox import OutboxMessage
from planning.store.assignments import AssignmentStore, Placement

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
NINE = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)


class Crash(Exception):
    pass


class CrashingNotices:
    """Writes messages until the ``after``-th, then fails as a process dying mid-batch would."""

    def __init__(self, after: int) -> None:
        self.left = after

    def assigned(self, request, booking) -> OutboxMessage:
        self.left -= 1
        if self.left < 0:
            raise Crash
        to = request.applicant
        return OutboxMessage("request_assigned", to.phone, to.lang, "ok", request_id=request.id)

    def unassigned(self, request, reason) -> OutboxMessage:
        to = request.applicant
        return OutboxMessage("request_unassigned", to.phone, to.lang, reason, request_id=request.id)


def new_request(n: int) -> NewBookingRequest:
    return NewBookingRequest(
        id=f"request-{n}", code=f"R{n:07d}",
        applicant=Applicant(
            identity_hash=f"identity-{n}", identity_type="national_id",
            identity_nationality="EGY", identity_last4="0000", identity_key_id="k",
            full_name="منى أحمد", phone="+201012345678", email=None, lang="ar",
        ),
        senior_on_visit=False, service="passport-new",
        reach={"kind": "offices", "offices": [["cairo-abbassia-passports", 0.0]]},
        first_day=date(2026, 12, 7), last_day=date(2026, 12, 7), time_of_day=None,
    )  # fmt: skip


@pytest.mark.parametrize("chunk", [2, 50])
async def test_a_write_broken_off_half_way_leaves_each_request_either_booked_or_pending(database_url, chunk):
    database = Database(database_url)
    try:
        store = RequestStore(database)
        requests = [await store.create(new_request(n), NOW) for n in range(6)]
        places = [
            Placement(
                r, "cairo-abbassia-passports", NINE + timedelta(minutes=30 * n), NINE, date(2026, 12, 7), 6
            )
            for n, r in enumerate(requests)
        ]
        with pytest.raises(Crash):
            await AssignmentStore(database, chunk=chunk).write(places, "job", NOW, CrashingNotices(after=3))
        rows = await database.read(
            lambda conn: conn.execute(
                text(
                    "SELECT r.id, r.status, r.booking_id, "
                    "(SELECT COUNT(*) FROM bookings b WHERE b.identity_hash = r.identity_hash) AS bookings, "
                    "(SELECT COUNT(*) FROM outbox o WHERE o.request_id = r.id) AS messages "
                    "FROM booking_requests r ORDER BY r.id"
                )
            ).all()
        )
    finally:
        await database.dispose()
    states = {(row.status, row.booking_id is not None, row.bookings, row.messages) for row in rows}
    assert states <= {("pending", False, 0, 0), ("assigned", True, 1, 1)}
    assert [row.status for row in rows].count("assigned") == (2 if chunk == 2 else 0)
