"""The demo history in the real tables: written once per office, its identities only as keyed
digests, settled so no limit or report counts it, and read back whole through the History port."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from api.cli import prepare
from api.settings import Settings
from booking.demo import DEMO_OFFICES
from booking.identity import IdentityHasher
from booking.store.bookings import BookingStore
from booking.store.tables import BookingRow
from foresight.demo_history import demo_history, past_bookings, past_tickets
from foresight.store.demo_history import write_demo_history
from foresight.store.history import SqlHistory
from kernel.database import Database
from queue_display.archive.tables import TicketRow
from tests.conftest import WORKING_MORNING

TODAY = WORKING_MORNING.date()
OFFICES = DEMO_OFFICES[3:5]  # giza-passports and the 6th of October traffic unit (6-hour days)
HASHER = IdentityHasher.from_secret("demo-history-test-key-demo-history-test-key")


async def _count(database: Database, table: type) -> int:
    return int(await database.read(lambda conn: conn.scalar(select(func.count()).select_from(table))) or 0)


async def test_the_history_is_written_once_and_read_back_whole(database_url: str):
    database = Database(database_url)
    try:
        written = await write_demo_history(database, OFFICES, WORKING_MORNING, TODAY, 1, HASHER)
        expected = [demo_history(office, n, TODAY, 1) for n, office in enumerate(OFFICES)]
        tickets, bookings = past_tickets(expected[0]), past_bookings(expected[0])
        assert written.offices == 2 and written.days == 5 + 5
        assert written.tickets == sum(len(past_tickets(days)) for days in expected)
        assert (await _count(database, TicketRow), await _count(database, BookingRow)) == (
            written.tickets,
            written.bookings,
        )

        again = await write_demo_history(database, OFFICES, WORKING_MORNING, TODAY, 1, HASHER)
        assert again.tickets == again.bookings == 0  # seeding twice does not double the past
        a_day_later = await write_demo_history(
            database, OFFICES, WORKING_MORNING, TODAY + timedelta(days=1), 1, HASHER
        )
        assert a_day_later.offices == 0

        history = SqlHistory(database)
        first, last = TODAY - timedelta(weeks=1), TODAY
        assert Counter(await history.tickets(OFFICES[0].id, first, last)) == Counter(tickets)
        assert Counter(await history.bookings(OFFICES[0].id, first, last)) == Counter(bookings)
    finally:
        await database.dispose()


async def test_demo_bookings_keep_identities_as_digests_and_count_against_no_limit(database_url: str):
    database = Database(database_url)
    try:
        days = demo_history(OFFICES[0], 0, TODAY, 1)
        await write_demo_history(database, OFFICES[:1], WORKING_MORNING, TODAY, 1, HASHER)
        rows = await database.read(lambda conn: [r._mapping for r in conn.execute(select(BookingRow))])
        numbers = {b.applicant.code: b.applicant.identity_number for d in days for b in d.bookings}
        for row in rows:
            number = numbers[row["code"]]
            assert number not in " ".join(str(v) for v in row.values())
            assert row["identity_last4"] == number[-4:] and row["identity_key_id"] == HASHER.key_id
            assert row["status"] in ("served", "no_show") and row["full_name"] and row["phone"]
        assert len({row["identity_hash"] for row in rows}) == len(rows)
        assert await BookingStore(database).count_active() == 0
    finally:
        await database.dispose()


async def test_seeding_the_demo_writes_its_history_only_when_asked(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, demo=True, clock=WORKING_MORNING.isoformat())
    await prepare(settings, seed=True)
    database = Database(settings.effective_database_url)
    try:
        assert await _count(database, TicketRow) == 0  # settings built in code: no history
        await prepare(replace(settings, demo_history_weeks=1), seed=True)
        days = await database.read(
            lambda conn: set(conn.scalars(select(TicketRow.day).where(TicketRow.office_id == OFFICES[0].id)))
        )
        assert min(days) >= TODAY - timedelta(weeks=1) and max(days) < TODAY and len(days) == 5
        assert date(2026, 12, 4) not in days  # a Friday
    finally:
        await database.dispose()
