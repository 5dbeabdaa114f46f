"""Keys and personal data: the identity key apart from the token secret and rotatable, no birth
date kept, private files, and names and mobiles erased when their time is up (README, "Keys and
personal data")."""

from __future__ import annotations

import dataclasses
import os
import stat
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import inspect, select, text

from api.app import create_app
from api.retention_schedule import PersonalDataRetention
from api.settings import Settings
from booking.identity import IdentityHasher, IdentityKey, identity_from_national_id
from booking.store.retention import Retention
from booking.store.tables import BookingRequestRow, BookingRow
from kernel.clock import FixedClock
from kernel.database import Database
from tests.conftest import WORKING_MORNING
from tests.integration.helpers import ABBASSIA, booking_body, login, national_id, slots

SECRET = "personal-data-test-secret-0123456789abcdef"
OLD_KEY = "the-identity-key-of-last-year-0123456789abcdef"
NEW_KEY = "the-identity-key-of-this-year-0123456789abcdef"
PASSPORT = "passport-new"


def _settings(database_url: str, data_dir: Path, **values: Any) -> Settings:
    names = {f.name for f in dataclasses.fields(Settings)}
    # Other suites' caps (one mobile, quick rebooking) are not what this file exercises.
    relaxed = {"active_bookings_per_mobile": 1000, "release_cool_off_minutes": (0.0, 0.0)}
    values = {**{k: v for k, v in relaxed.items() if k in names}, **values}
    return Settings(database_url=database_url, secret_key=SECRET, data_dir=data_dir, **values)


@asynccontextmanager
async def _client(settings: Settings, clock: FixedClock) -> AsyncIterator[Any]:
    async with AsyncTestClient(create_app(settings, clock)) as client:
        yield client


async def _book(client: Any, number: str, day: str = "2026-12-06", slot: int = 0) -> dict[str, Any]:
    start = (await slots(client, ABBASSIA, PASSPORT, day))[slot]["start"]
    response = await client.post("/api/v1/bookings", json=booking_body(start, number, office_id=ABBASSIA))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _rows(database_url: str) -> list[Any]:
    database = Database(database_url)
    try:
        return await database.read(lambda c: c.execute(select(BookingRow).order_by(BookingRow.id)).all())
    finally:
        await database.dispose()


def test_digests_differ_with_another_identity_key_and_not_with_the_token_secret() -> None:
    identity = identity_from_national_id(national_id(), WORKING_MORNING.date())
    old, new = IdentityHasher.from_secret(OLD_KEY), IdentityHasher.from_secret(NEW_KEY)
    assert old.digest(identity) != new.digest(identity)
    assert old.key_id != new.key_id and len(old.key_id) == 8
    settings = Settings(secret_key=SECRET, identity_key=NEW_KEY)
    assert settings.resolved_identity_keys() == (NEW_KEY,)
    assert IdentityHasher.from_secret(SECRET).digest(identity) != new.digest(identity)


async def test_rotation_keeps_old_bookings_findable_and_new_ones_use_the_new_key(
    database_url: str, tmp_path: Path
) -> None:
    clock = FixedClock(WORKING_MORNING)
    number_old, number_new = national_id(), national_id()
    async with _client(_settings(database_url, tmp_path, identity_key=OLD_KEY), clock) as client:
        made_before = await _book(client, number_old)
    rotated = _settings(database_url, tmp_path, identity_key=NEW_KEY, identity_old_keys=(OLD_KEY,))
    async with _client(rotated, clock) as client:
        found = await client.get(
            f"/api/v1/bookings/{made_before['code']}", headers={"X-Identity-Number": number_old}
        )
        assert found.status_code == 200, found.text
        made_after = await _book(client, number_new, slot=1)
        wrong = await client.get(
            f"/api/v1/bookings/{made_before['code']}", headers={"X-Identity-Number": number_new}
        )
        assert wrong.status_code == 404
    key_ids = {row.code: row.identity_key_id for row in await _rows(database_url)}
    assert key_ids[made_before["code"]] == IdentityKey.from_secret(OLD_KEY).id
    assert key_ids[made_after["code"]] == IdentityKey.from_secret(NEW_KEY).id
    # Once the old key is removed, what it made can no longer be matched to an identity number.
    async with _client(_settings(database_url, tmp_path, identity_key=NEW_KEY), clock) as client:
        gone = await client.get(
            f"/api/v1/bookings/{made_before['code']}", headers={"X-Identity-Number": number_old}
        )
        assert gone.status_code == 404


async def test_no_birth_date_is_stored_and_the_elderly_still_get_priority(
    database_url: str, tmp_path: Path
) -> None:
    database = Database(database_url)
    try:
        columns = await database.read(
            lambda c: {
                table: {column["name"] for column in inspect(c).get_columns(table)}
                for table in (BookingRow.__tablename__, BookingRequestRow.__tablename__)
            }
        )
    finally:
        await database.dispose()
    for table, names in columns.items():
        assert "birth_date" not in names and "senior_on_visit" in names, table
    clock = FixedClock(WORKING_MORNING)
    elderly, young = national_id(birth="500101"), national_id(birth="900101")
    async with _client(_settings(database_url, tmp_path, identity_key=NEW_KEY), clock) as client:
        old_booking, young_booking = await _book(client, elderly), await _book(client, young, slot=1)
        kiosk = await login(client, "kiosk.abbassia")
        url = f"/api/v1/offices/{ABBASSIA}/tickets"
        for booking, priority in ((old_booking, "elderly"), (young_booking, "none")):
            response = await client.post(url, json={"booking_code": booking["code"]}, headers=kiosk)
            assert response.status_code == 201, response.text
            assert response.json()["ticket"]["priority"] == priority
    rows = {row.code: row._mapping for row in await _rows(database_url)}
    assert rows[old_booking["code"]]["senior_on_visit"] is True
    assert rows[young_booking["code"]]["senior_on_visit"] is False
    stored = " ".join(str(value) for row in rows.values() for value in row.values())
    assert "1950-01-01" not in stored and "500101" not in stored


async def test_a_reschedule_recomputes_the_senior_flag_for_the_new_day(
    database_url: str, tmp_path: Path
) -> None:
    # 60 on 8 December 2026: not yet on the 6th, already on the 9th.
    turning = national_id(birth="661208")
    clock = FixedClock(WORKING_MORNING)
    async with _client(_settings(database_url, tmp_path, identity_key=NEW_KEY), clock) as client:
        booking = await _book(client, turning)
        start = (await slots(client, ABBASSIA, PASSPORT, "2026-12-09"))[0]["start"]
        moved = await client.post(
            f"/api/v1/bookings/{booking['code']}/reschedule",
            json={"start": start},
            headers={"X-Identity-Number": turning},
        )
        assert moved.status_code == 200, moved.text
    [row] = await _rows(database_url)
    assert row.day == date(2026, 12, 9) and row.senior_on_visit is True


def test_the_database_and_the_demo_keys_are_created_owner_only(tmp_path: Path) -> None:
    previous = os.umask(0o022)  # the usual umask, which would leave files world-readable
    try:
        settings = Settings(demo=True, data_dir=tmp_path / "var")
        keys = settings.resolved_identity_keys()
        assert keys[1] == settings.resolved_secret() and keys[0] != keys[1]
        path = tmp_path / "var" / "mawid.sqlite3"
        database = Database(f"sqlite:///{path}")

        async def touch() -> None:
            await database.write(lambda c: c.exec_driver_sql("CREATE TABLE t (x INTEGER)"))

        import asyncio

        asyncio.run(touch())
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        files += [tmp_path / "var" / "demo-secret.key", tmp_path / "var" / "demo-identity.key"]
        for file in files:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700
        asyncio.run(database.dispose())
        # A database left world-readable by an older version is made private when opened.
        path.chmod(0o644)
        Database(f"sqlite:///{path}")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        os.umask(previous)


async def _erased(database_url: str) -> dict[str, bool]:
    return {row.code: row.phone == "" and row.full_name == "" for row in await _rows(database_url)}


async def test_purge_erases_exactly_what_is_past_its_age(database_url: str, tmp_path: Path) -> None:
    clock = FixedClock(WORKING_MORNING)
    number = national_id()
    async with _client(_settings(database_url, tmp_path, identity_key=NEW_KEY), clock) as client:
        visited = await _book(client, national_id())  # visit on 6 December
        later = await _book(client, national_id(), day="2026-12-10")
        cancelled = await _book(client, number, slot=2)
        response = await client.delete(
            f"/api/v1/bookings/{cancelled['code']}", headers={"X-Identity-Number": number}
        )
        assert response.status_code == 200, response.text
    kept = {visited["code"]: False, later["code"]: False}
    database = Database(database_url)
    retention = PersonalDataRetention(database, Retention(visit_days=90, cancelled_days=30))
    try:
        purged = await retention.purge(WORKING_MORNING + timedelta(days=29))
        assert purged.bookings == 0
        assert not any((await _erased(database_url)).values())
        await retention.purge(WORKING_MORNING + timedelta(days=30, minutes=1))
        assert await _erased(database_url) == {**kept, cancelled["code"]: True}
        await retention.purge(WORKING_MORNING + timedelta(days=90))
        assert await _erased(database_url) == {**kept, visited["code"]: True, cancelled["code"]: True}
        again = await retention.purge(WORKING_MORNING + timedelta(days=90))
        assert again.bookings == 0  # already erased rows are left alone
        # The rows stay, for statistics, with the digest and its key id.
        rows = await _rows(database_url)
        assert len(rows) == 3 and all(row.identity_hash and row.identity_key_id for row in rows)
        assert all(row.email is None for row in rows if row.code != later["code"])
    finally:
        await database.dispose()


async def test_mawid_purge_erases_from_the_command_line(database_url: str, tmp_path: Path) -> None:
    clock = FixedClock(WORKING_MORNING)
    async with _client(_settings(database_url, tmp_path, identity_key=NEW_KEY), clock) as client:
        booking = await _book(client, national_id())
    env = {
        **os.environ,
        "MAWID_DATABASE_URL": database_url,
        "MAWID_SECRET_KEY": SECRET,
        "MAWID_IDENTITY_KEY": NEW_KEY,
        "MAWID_DATA_DIR": str(tmp_path),
        "MAWID_DEMO": "0",
        "MAWID_RETENTION_VISIT_DAYS": "10",
        "MAWID_CLOCK": (WORKING_MORNING + timedelta(days=11)).isoformat(),
    }
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "purge"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "of 1 bookings" in result.stdout
    assert f"{IdentityKey.from_secret(NEW_KEY).id}\tcurrent" in result.stdout
    assert await _erased(database_url) == {booking["code"]: True}
    database = Database(database_url)
    try:
        assert await database.read(lambda c: c.scalar(text("SELECT count(*) FROM bookings"))) == 1
    finally:
        await database.dispose()
