"""``mawid forecast --office`` on a real SQLite database: four weeks of an office's past written
through the real ticket archive and booking store, read back through ``SqlHistory``, and the
weekly pattern in them forecast from tomorrow on, with its backtest and the staffing advice."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from api.cli import main
from booking.bookings import NewBooking
from booking.calendar import to_instant
from booking.codes import new_booking_code
from booking.demo import DEMO_OFFICES
from booking.rules import BookingStatus
from booking.store.bookings import BookingStore
from kernel.database import Database
from queue_display.archive.rows import archive_row
from queue_display.archive.tickets import TicketArchive
from queue_display.ticket import Priority, Ticket, TicketKind, TicketStatus
from tests.conftest import WORKING_MORNING, fresh_database
from tests.integration.test_port_contracts import applicant

GIZA = next(o for o in DEMO_OFFICES if o.id == "giza-passports")
FIRST = date(2026, 11, 8)  # a Sunday, four weeks before the clock's Sunday, 6 December
BOOKED = {6: 6, 0: 5, 1: 4, 2: 3, 3: 2}  # passport-renewal bookings kept, Sunday to Thursday
WALKING_IN = {6: 4, 0: 3, 1: 3, 2: 2, 3: 1}  # passport-new walk-ins


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return to_instant(day, time(hour, minute), GIZA.timezone)


def walk_in(day: date, n: int) -> Ticket:
    queued = at(day, 8 + n % 3, 10)
    return Ticket(
        id=f"{day.isoformat()}-{n}", office_id=GIZA.id, day=day, sequence=n + 1, number=f"N-{n + 1:03d}",
        service="passport-new", kind=TicketKind.WALK_IN, priority=Priority.NONE, status=TicketStatus.DONE,
        queued_at=queued, issued_at=queued, counter="1", called_at=queued + timedelta(minutes=4),
        started_at=queued + timedelta(minutes=5), finished_at=queued + timedelta(minutes=20),
    )  # fmt: skip


async def write_past(url: str) -> None:
    database = Database(url)
    try:
        bookings, archive = BookingStore(database), TicketArchive(database)
        n = 0
        for day in (FIRST + timedelta(k) for k in range(28)):
            if day.weekday() not in BOOKED:
                continue
            # Each day also has one cancelled booking (not demand) and one of the kept is a no-show.
            for k in range(BOOKED[day.weekday()] + 1):
                n += 1
                start = at(day, 9 + k % 5)
                new = NewBooking(
                    code=new_booking_code(), applicant=applicant(n, "Mona Hassan", f"+2010{n:08d}", "en"),
                    senior_on_visit=False, service="passport-renewal", office_id=GIZA.id, starts_at=start,
                    ends_at=start + timedelta(minutes=30), day=day, slot_capacity=100,
                )  # fmt: skip
                made = await bookings.create(new, at(day, 7) - timedelta(days=3))
                outcome = (
                    (BookingStatus.CANCELLED, BookingStatus.NO_SHOW)[k] if k < 2 else BookingStatus.SERVED
                )
                await bookings.set_status(made.id, BookingStatus.CONFIRMED, outcome, at(day, 16))
            tickets = [walk_in(day, k) for k in range(WALKING_IN[day.weekday()])]
            await archive.record([archive_row(t, at(day, 16)) for t in tickets], [])
    finally:
        await database.dispose()


@pytest.fixture
def office_with_a_past(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    with fresh_database(request, "sqlite", tmp_path) as url:
        asyncio.run(write_past(url))
        monkeypatch.setenv("MAWID_DATABASE_URL", url)
        monkeypatch.setenv("MAWID_DEMO", "0")
        monkeypatch.setenv("MAWID_CLOCK", WORKING_MORNING.isoformat())  # Sunday 6 December 2026
        yield


@pytest.mark.usefixtures("office_with_a_past")
def test_the_office_s_weekly_pattern_is_forecast_from_tomorrow(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", "--office", GIZA.id, "--days", "14", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["office"], answer["today"], answer["history_days"]) == (GIZA.id, "2026-12-06", 20)
    days = {day["date"]: day for day in answer["forecast"]}
    assert answer["forecast"][0]["date"] == "2026-12-07" and len(days) == 14
    assert days["2026-12-11"]["closed"] == "weekend"
    for day in answer["forecast"]:
        weekday = date.fromisoformat(day["date"]).weekday()
        if day["closed"]:
            assert day["bookings"] == day["walk_ins"] == 0
            continue
        renewals, new = day["services"]["passport-renewal"], day["services"]["passport-new"]
        assert renewals["bookings"] == pytest.approx(BOOKED[weekday], abs=0.25)
        assert new["walk_ins"] == pytest.approx(WALKING_IN[weekday], abs=0.25)
        assert new["bookings"] == renewals["walk_ins"] == 0
    assert answer["methods"]["bookings"]["passport-renewal"] == "ets"
    # Each week's 13 walk-ins come at 8, 9, 10, 8 ... o'clock: 6 at 8, 4 at 9 and 3 at 10.
    profile = answer["hourly_profile"]["walk_ins"]
    assert profile == {"08:00": pytest.approx(6 / 13, abs=1e-3), "09:00": pytest.approx(4 / 13, abs=1e-3),
                       "10:00": pytest.approx(3 / 13, abs=1e-3)}  # fmt: skip
    # Two weeks on two before them: too few for ETS, the model is the seasonal naive itself,
    # and an exactly weekly past is forecast without error.
    backtest = {(row["kind"], row["service"]): row for row in answer["backtest"]}
    renewals = backtest["bookings", "passport-renewal"]
    assert (renewals["method"], renewals["days"]) == ("seasonal_naive", 10)
    assert renewals["model"] == renewals["seasonal_naive"] == {"mape": 0.0, "mase": None}
    assert set(backtest) == {("bookings", "passport-renewal"), ("bookings", "*"),
                             ("walk_ins", "passport-new"), ("walk_ins", "*")}  # fmt: skip
    staffing = answer["staffing"]
    assert staffing["date"] == "2026-12-07" and (staffing["target"], staffing["within_minutes"]) == (
        0.8,
        15.0,
    )
    assert {hour["status"] for hour in staffing["hours"]} <= {"short", "ok", "idle"}
    assert sum(hour["people"] for hour in staffing["hours"]) == pytest.approx(5 * 0.9 + 3, abs=0.6)


@pytest.mark.usefixtures("office_with_a_past")
def test_the_tables_say_the_same_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", "--office", GIZA.id, "--days", "7"]) == 0
    printed = capsys.readouterr().out
    for words in ("expected people per day", "hourly profile", "backtest", "MASE", "staffing advice"):
        assert words in printed


@pytest.mark.parametrize("arguments", [["--office", "nowhere"], ["--office", GIZA.id, "--days", "0"]])
def test_an_unknown_office_or_no_days_is_refused(
    arguments: list[str], office_with_a_past: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["forecast", *arguments, "--json"])
    assert refused.value.code == 2
    assert capsys.readouterr().out == ""
