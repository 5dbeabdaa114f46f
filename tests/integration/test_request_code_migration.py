"""The migration that gives flexible requests their codes gives one to every request made before
it, each its own, on SQLite and PostgreSQL; and the table it rebuilds on SQLite keeps its rules
(one pending request per identity and service, and no more than that)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.codes import normalise_booking_code
from booking.store.booking_requests import RequestStore
from booking.store.migrate import alembic_config
from kernel.database import Database
from tests.conftest import WORKING_MORNING
from tests.integration.test_port_contracts import new_request

BEFORE_CODES = "a3c8e1f5b702"


def _alembic(database: Database, to: str, down: bool = False) -> object:
    def work(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, to)

    return database.write(work)


def _old_request(n: int) -> dict[str, object]:
    return {
        "id": uuid.uuid4().hex,
        "identity_hash": f"identity-{n}",
        "identity_type": "national_id",
        "identity_nationality": "EGY",
        "identity_last4": f"{n:04d}",
        "identity_key_id": "k1",
        "senior_on_visit": False,
        "full_name": "Karim Mahmoud",
        "phone": "+201100000001",
        "email": None,
        "lang": "ar",
        "service": "passport-new",
        "reach": {"kind": "governorate", "governorate": "cairo", "offices": []},
        "first_day": date(2026, 12, 7),
        "last_day": date(2026, 12, 9),
        "time_of_day": None,
        "preferred_start": None,
        "status": "pending" if n % 2 else "cancelled",
        "reason": None,
        "booking_id": None,
        "job_id": None,
        "created_at": WORKING_MORNING,
        "updated_at": WORKING_MORNING,
    }


async def test_requests_made_before_codes_each_get_a_code_of_their_own(database_url: str):
    database = Database(database_url)
    try:
        await _alembic(database, BEFORE_CODES, down=True)
        old = [_old_request(n) for n in range(1, 8)]

        def insert(connection: Connection) -> None:
            table = sa.Table("booking_requests", sa.MetaData(), autoload_with=connection)
            assert "code" not in table.c
            connection.execute(table.insert(), old)

        await database.write(insert)
        await _alembic(database, "head")

        def codes(connection: Connection) -> dict[str, str]:
            rows = connection.execute(sa.text("SELECT id, code FROM booking_requests"))
            return {row.id: row.code for row in rows}

        given = await database.read(codes)
        assert set(given) == {r["id"] for r in old}
        assert len(set(given.values())) == len(old)
        assert all(normalise_booking_code(code) == code for code in given.values())

        store = RequestStore(database)
        first = old[0]
        found = await store.by_code(given[str(first["id"])])
        assert found is not None and found.id == first["id"]

        def same_code(connection: Connection) -> None:
            one, two = list(given)[:2]
            change = sa.text("UPDATE booking_requests SET code = :code WHERE id = :id")
            connection.execute(change, {"code": given[one], "id": two})

        with pytest.raises(IntegrityError):
            await database.write(same_code)
    finally:
        await database.dispose()


async def test_the_rebuilt_table_still_allows_a_new_request_once_the_pending_one_is_withdrawn(
    database_url: str,
):
    """SQLite rebuilds the table to add the constraint: the pending-only unique index must stay
    partial, or a citizen could never ask twice for a service."""
    database = Database(database_url)
    try:
        await _alembic(database, BEFORE_CODES, down=True)
        await _alembic(database, "head")
        store = RequestStore(database)
        kept = await store.create(new_request(1), WORKING_MORNING)
        assert await store.cancel(kept.id, WORKING_MORNING) is not None
        again = await store.create(replace(new_request(1), last_day=date(2026, 12, 8)), WORKING_MORNING)
        assert again.status.value == "pending" and again.code != kept.code
    finally:
        await database.dispose()
