"""``mawid simulate --office --day`` on a real SQLite database: the office's counters, that day's
bookings (cancelled ones left out) and the tickets archived on the weeks before it, as the
scenarios ``planned``, ``walk_in_fcfs`` and ``walk_in_same_times`` with where the inputs came from."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from api.cli import main
from booking.bookings import NewBooking
from booking.calendar import to_instant
from booking.capacity import day_slots
from booking.codes import new_booking_code
from booking.demo import DEMO_OFFICES
from booking.store.bookings import BookingStore
from kernel.database import Database
from queue_display.archive.rows import archive_row
from queue_display.archive.tickets import TicketArchive
from queue_display.ticket import Priority, TicketKind, call, complete, new_ticket, start
from tests.conftest import WORKING_MORNING, fresh_database
from tests.integration.test_port_contracts import applicant

GIZA = next(o for o in DEMO_OFFICES if o.id == "giza-passports")
DAY = date(2026, 12, 7)  # a Monday
SERVICE = "passport-renewal"


async def book(url: str, count: int, cancel: int) -> list[tuple[str, datetime, bool]]:
    database = Database(url)
    try:
        store = BookingStore(database)
        slots = day_slots(GIZA, SERVICE, DAY)
        made = []
        for n in range(count):
            slot = slots[n % len(slots)]
            new = NewBooking(
                code=new_booking_code(), applicant=applicant(n, "Mona Ahmed Hassan", f"+2010{n:08d}", "en"),
                senior_on_visit=n == 0, service=SERVICE, office_id=GIZA.id, starts_at=slot.start,
                ends_at=slot.end, day=DAY, slot_capacity=slot.capacity,
            )  # fmt: skip
            made.append(await store.create(new, WORKING_MORNING))
        for booking in made[:cancel]:
            await store.cancel(booking, WORKING_MORNING)
        return await store.visits_on(GIZA.id, DAY)
    finally:
        await database.dispose()


def test_the_visits_of_a_day_leave_out_cancelled_bookings_and_who_holds_them(database_url: str) -> None:
    visits = asyncio.run(book(database_url, count=5, cancel=1))
    assert len(visits) == 4
    assert [senior for _, _, senior in visits].count(True) == 0  # booking 0, the senior, was cancelled
    assert all(len(visit) == 3 and visit[1].tzinfo is not None for visit in visits)


def test_an_office_day_is_simulated_from_its_bookings(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with fresh_database(request, "sqlite", tmp_path) as url:
        visits = asyncio.run(book(url, count=12, cancel=2))
        assert len(visits) == 10  # the cancelled two are not visits
        assert all(service == SERVICE for service, _, _ in visits)
        assert [starts for _, starts, _ in visits] == sorted(starts for _, starts, _ in visits)
        monkeypatch.setenv("MAWID_DATABASE_URL", url)
        monkeypatch.setenv("MAWID_DEMO", "0")
        arguments = [
            "simulate",
            "--office",
            GIZA.id,
            "--day",
            DAY.isoformat(),
            "--replications",
            "4",
            "--json",
        ]
        assert main(arguments) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["office"], answer["day"]) == (GIZA.id, "2026-12-07")
    assert set(answer["scenarios"]) == {"planned", "walk_in_fcfs", "walk_in_same_times"}
    planned, walk_in = answer["scenarios"]["planned"], answer["scenarios"]["walk_in_fcfs"]
    for scenario in answer["scenarios"].values():
        assert {"mean_wait_minutes", "p90_wait_minutes", "ci95_mean_wait_minutes", "utilisation"} <= set(
            scenario
        )
    assert planned["served"] == walk_in["served"]  # the same people
    assert planned["by_kind"]["appointment"] is not None  # the bookings came
    assert walk_in["by_kind"]["appointment"] is None  # ... and were walk-ins in the other hall
    assert isinstance(answer["mean_wait_reduction"], float)
    inputs = answer["inputs"]
    assert inputs["description"] == "no history: catalogue priors"
    assert (inputs["bookings"], inputs["walk_ins"]["source"]) == (10, "capacity")


PAST_MONDAYS = [DAY - timedelta(weeks=n) for n in (1, 2, 3)]
WALK_INS_A_MORNING = 6


async def archive_mornings(url: str) -> None:
    """Three past Mondays, each with six passport renewals walking in in the first hour and
    served in 20 minutes, written through the hall's real archive."""
    database = Database(url)
    try:
        archive, rows = TicketArchive(database), []
        for day in PAST_MONDAYS:
            opens = to_instant(day, time(8, 0), GIZA.timezone)
            for n in range(WALK_INS_A_MORNING):
                arrived = opens + timedelta(minutes=5 + 8 * n)
                ticket = new_ticket(
                    ticket_id=f"{day}-{n}", office_id=GIZA.id, day=day, sequence=n + 1, prefix="R",
                    service=SERVICE, kind=TicketKind.WALK_IN, priority=Priority.NONE, now=arrived,
                )  # fmt: skip
                called = arrived + timedelta(minutes=10)
                done = complete(start(call(ticket, "1", called), called), called + timedelta(minutes=20))
                rows.append(archive_row(done, done.finished_at or called))
        await archive.record(rows, [])
    finally:
        await database.dispose()


def test_an_office_day_is_simulated_from_the_weeks_of_history_before_it(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with fresh_database(request, "sqlite", tmp_path) as url:
        asyncio.run(archive_mornings(url))
        asyncio.run(book(url, count=4, cancel=0))
        monkeypatch.setenv("MAWID_DATABASE_URL", url)
        monkeypatch.setenv("MAWID_DEMO", "0")
        monkeypatch.setenv("MAWID_CLOCK", WORKING_MORNING.isoformat())  # the Sunday before the day
        arguments = ["simulate", "--office", GIZA.id, "--day", DAY.isoformat(), "--replications", "4"]
        plot = tmp_path / "day.png"
        assert main([*arguments, "--weeks", "4", "--check", "--plot", str(plot), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert plot.read_bytes()[:4] == b"\x89PNG"
    # The advice: renewals' counters in the first hour, where all six walk-ins came, and the
    # simulation's check of it hour by hour, as planned and as advised.
    first_hour = [
        h for h in answer["staffing"]["hours"] if SERVICE in h["group"] and h["starts"] == "08:00"
    ]
    assert len(first_hour) == 1 and first_hour[0]["people"] >= WALK_INS_A_MORNING
    assert first_hour[0]["needed"] >= 1 and first_hour[0]["status"] in ("short", "ok", "idle")
    checked = answer["staffing_check"]
    assert checked["replications"] == 4
    assert [(h["group"], h["starts"]) for h in checked["hours"]] == [
        (h["group"], h["starts"]) for h in answer["staffing"]["hours"]
    ]
    morning = next(h for h in checked["hours"] if SERVICE in h["group"] and h["starts"] == "08:00")
    assert 0 <= morning["planned"] <= 1 and 0 <= morning["advised"] <= 1
    assert checked["advised"]["served"] == answer["scenarios"]["planned"]["served"]  # the same people
    inputs = answer["inputs"]
    assert inputs["description"] == "from 3 weeks of history (3 open days, 18 tickets)"
    assert inputs["history"]["first"] == (DAY - timedelta(weeks=4)).isoformat()
    assert inputs["walk_ins"]["source"] == "history_weekday"
    assert inputs["walk_ins"]["per_day"] == WALK_INS_A_MORNING
    assert inputs["walk_ins"]["profile"][0] == 1.0  # everybody came in the first hour
    renewal = inputs["service_times"][SERVICE]
    assert renewal["samples"] == 18
    assert 15 < renewal["mean_minutes"] < 20  # 18 people at 20 minutes, the catalogue's 15 worth ten
    assert inputs["no_show_share"] == 0.1  # no booking of those days was settled: the prior
    walk_in = answer["scenarios"]["walk_in_fcfs"]
    assert (
        walk_in["by_service"][SERVICE]["people"]
        == answer["scenarios"]["planned"]["by_service"][SERVICE]["people"]
    )


def test_a_closed_day_or_an_unknown_office_is_refused(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(request, "sqlite", tmp_path) as url:
        monkeypatch.setenv("MAWID_DATABASE_URL", url)
        for office, day in ((GIZA.id, "2026-12-11"), ("nowhere", "2026-12-07")):  # a Friday; no office
            with pytest.raises(SystemExit) as refused:
                main(["simulate", "--office", office, "--day", day, "--replications", "2", "--json"])
            assert refused.value.code == 2
