"""The audit log: events recorded with who, what, which office and from where; managers read
only their offices'; the hash chain finds an edited, deleted or forged row; writers in several
processes keep one chain. On SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import event, text
from sqlalchemy.engine import Connection

from api.app import create_app
from api.rate_limits import room
from api.settings import Settings
from booking.store.audit_events import GENESIS, AuditEventStore, AuditQuery, event_hash
from kernel.clock import FixedClock
from kernel.database import Database
from tests.conftest import TEST_LIMIT_ROOM
from tests.integration.helpers import ABBASSIA, GIZA, login


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await _empty_log(database)
    yield database
    await database.dispose()


async def _empty_log(database: Database) -> None:
    """PostgreSQL test databases live for the session; start each test on an empty log.
    (TRUNCATE is not a row deletion, so the append-only triggers let it through.)"""

    def work(conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("TRUNCATE audit_events")

    await database.write(work)


def _drop_guards(conn: Connection) -> None:
    """What someone with the database's keys could do before bending the record."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
    else:
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_delete")


def _run_sql(conn: Connection, sql: str) -> None:
    conn.execute(text(sql))


NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)


async def _ten(store: AuditEventStore) -> None:
    for i in range(10):
        await store.append(
            at=NOW + timedelta(seconds=i),
            actor=f"staff:manager{i % 2}",
            action="closure.opened",
            office_id="cairo-abbassia" if i % 2 else "giza-dokki",
            target=f"2026-12-{10 + i}",
            detail={"before": {"open": True}, "after": {"open": False}, "reason": "عطل كهربائي"},
            address="203.0.113.7",
        )


async def test_the_chain_links_every_event_and_verifies(database: Database) -> None:
    store = AuditEventStore(database)
    await _ten(store)
    report = await store.verify()
    assert report.events == 10 and report.broken is None
    events = list(reversed(await store.list(AuditQuery(limit=100))))
    assert [e.id for e in events] == list(range(1, 11))
    assert events[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    assert report.head == events[-1].hash
    assert (await store.verify(head=events[-1].hash)).broken is None
    assert (await store.verify(head=events[-2].hash)).broken is not None


async def test_the_database_refuses_to_update_or_delete_an_event(database: Database) -> None:
    store = AuditEventStore(database)
    await _ten(store)
    for statement in (
        "UPDATE audit_events SET actor = 'staff:nobody' WHERE id = 3",
        "DELETE FROM audit_events",
    ):
        with pytest.raises(Exception, match="append-only"):
            await database.write(partial(_run_sql, sql=statement))
    assert (await store.verify()).events == 10


async def test_an_edited_event_is_found(database: Database) -> None:
    store = AuditEventStore(database)
    await _ten(store)
    await database.write(_drop_guards)
    await database.write(
        partial(_run_sql, sql="UPDATE audit_events SET detail = '{\"after\": 1}' WHERE id = 4")
    )
    report = await store.verify()
    assert report.broken is not None
    assert (report.broken.kind, report.broken.event_id) == ("edited", 4)


async def test_a_deleted_event_is_found(database: Database) -> None:
    store = AuditEventStore(database)
    await _ten(store)
    await database.write(_drop_guards)
    await database.write(lambda conn: conn.execute(text("DELETE FROM audit_events WHERE id = 6")))
    report = await store.verify()
    assert report.broken is not None
    assert (report.broken.kind, report.broken.event_id) == ("deleted", 7)


async def test_a_deleted_last_event_is_found_against_a_kept_head(database: Database) -> None:
    store = AuditEventStore(database)
    await _ten(store)
    head = (await store.verify()).head
    await database.write(_drop_guards)
    await database.write(lambda conn: conn.execute(text("DELETE FROM audit_events WHERE id = 10")))
    assert (await store.verify()).broken is None  # the chain alone cannot see its own end cut off
    report = await store.verify(head=head)
    assert report.broken is not None and report.broken.kind == "head"


async def test_a_forged_event_is_found(database: Database) -> None:
    store = AuditEventStore(database)
    await _ten(store)
    await database.write(_drop_guards)
    # Slip a row in place of event 5, its hash computed honestly but linked to a made-up past:
    # the chain must name it.
    forged = {
        "id": 5,
        "at": NOW,
        "actor": "staff:admin",
        "action": "closure.reopened",
        "office_id": "giza-dokki",
        "target": "2026-12-14",
        "detail": None,
        "address": "198.51.100.1",
    }
    made_up_prev = "f" * 64
    digest = event_hash(made_up_prev, **forged)  # type: ignore[arg-type]

    def swap(conn: Connection) -> None:
        conn.execute(text("DELETE FROM audit_events WHERE id = 5"))
        conn.execute(
            text(
                "INSERT INTO audit_events (id, at, actor, action, office_id, target, detail, address,"
                " prev_hash, hash) VALUES (:id, :at, :actor, :action, :office_id, :target, NULL,"
                " :address, :prev, :hash)"
            ),
            {**forged, "at": NOW.replace(tzinfo=None), "prev": made_up_prev, "hash": digest},
        )

    await database.write(swap)
    report = await store.verify()
    assert report.broken is not None
    assert (report.broken.kind, report.broken.event_id) == ("inserted", 5)


async def test_writers_at_once_keep_one_chain(database: Database) -> None:
    store = AuditEventStore(database)

    async def writer(name: str) -> None:
        for i in range(15):
            await store.append(
                at=NOW,
                actor=f"staff:{name}",
                action="counter.edited",
                office_id="giza-dokki",
                target=str(i),
                detail=None,
                address=None,
            )

    await asyncio.gather(*(writer(f"w{n}") for n in range(4)))
    report = await store.verify()
    assert (report.events, report.broken) == (60, None)


async def test_events_that_come_together_share_a_transaction_and_keep_their_order(database: Database) -> None:
    """The chain's one lock makes every append wait its turn: events that come while one is being
    written go together in the next transaction, each caller still told its own id."""
    store = AuditEventStore(database)
    engine = database._async.sync_engine if database._async is not None else database._sync
    begun: list[Any] = []

    def count(conn: Any) -> None:
        begun.append(conn)

    event.listen(engine, "begin", count)
    try:
        ids = await asyncio.gather(
            *(
                store.append(
                    at=NOW + timedelta(seconds=i),
                    actor="staff:manager",
                    action="counter.edited",
                    office_id="giza-dokki",
                    target=str(i),
                    detail={"i": i},
                    address=None,
                )
                for i in range(30)
            )
        )
    finally:
        event.remove(engine, "begin", count)
    assert sorted(ids) == list(range(1, 31))
    assert len(begun) < 30
    events = list(reversed(await store.list(AuditQuery(limit=100))))
    assert {e.id: e.target for e in events} == {new_id: str(i) for i, new_id in enumerate(ids)}
    assert (await store.verify()).broken is None


async def test_an_event_the_database_refuses_loses_only_itself(database: Database) -> None:
    store = AuditEventStore(database)

    async def append(target: str, at: datetime) -> int:
        return await store.append(
            at=at,
            actor="staff:manager",
            action="counter.edited",
            office_id=None,
            target=target,
            detail=None,
            address=None,
        )

    naive = NOW.replace(tzinfo=None)  # refused by the column type when the row is written
    results = await asyncio.gather(
        append("a", NOW), append("bad", naive), append("b", NOW), append("c", NOW), return_exceptions=True
    )
    assert isinstance(results[1], Exception)
    assert sorted(r for r in results if isinstance(r, int)) == [1, 2, 3]
    report = await store.verify()
    assert (report.events, report.broken) == (3, None)


def _mawid_audit(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MAWID_DATABASE_URL": database_url,
        "MAWID_SECRET_KEY": "cli-test-secret-cli-test-secret-0123456789",
        "MAWID_DEMO": "0",
    }
    return subprocess.run(
        [sys.executable, "-m", "api.cli", "audit", "verify", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_mawid_audit_verify_says_intact_then_names_the_edited_event(
    database: Database, database_url: str
) -> None:
    store = AuditEventStore(database)
    await _ten(store)
    intact = await asyncio.to_thread(_mawid_audit, database_url)
    assert intact.returncode == 0, intact.stderr
    assert "10 events, chain intact" in intact.stdout
    head = intact.stdout.split("head ")[1].split()[0]
    assert head == (await store.verify()).head

    await database.write(_drop_guards)
    await database.write(partial(_run_sql, sql="UPDATE audit_events SET address = '10.0.0.1' WHERE id = 8"))
    broken = await asyncio.to_thread(_mawid_audit, database_url)
    assert broken.returncode == 1
    assert "event 8: edited" in broken.stdout

    await database.write(partial(_run_sql, sql="DELETE FROM audit_events WHERE id >= 8"))
    cut = await asyncio.to_thread(_mawid_audit, database_url, "--head", head)
    assert cut.returncode == 1 and "head" in cut.stdout


SECRET = "audit-test-secret-0123456789-abcdefghijklmnop"


def _settings(database_url: str, data_dir: Path, **values: Any) -> Settings:
    return Settings(database_url=database_url, secret_key=SECRET, data_dir=data_dir, **values)


@pytest.fixture
async def client(
    database: Database, database_url: str, tmp_path: Path, clock: FixedClock
) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(create_app(_settings(database_url, tmp_path), clock)) as client:
        yield client


async def _events(client: AsyncTestClient, headers: dict[str, str], **params: str) -> list[dict[str, Any]]:
    response = await client.get("/api/v1/manage/audit", headers=headers, params={"limit": "200", **params})
    assert response.status_code == 200, response.text
    return response.json()["events"]


async def test_refusals_are_recorded_with_who_and_from_where(client: AsyncTestClient) -> None:
    assert (await client.get("/api/v1/manage/audit")).status_code == 401
    agent = await login(client, "agent.abbassia")
    assert (await client.get("/api/v1/manage/audit", headers=agent)).status_code == 403
    manager = await login(client, "manager.cairo")
    refused = await client.get(f"/api/v1/manage/offices/{GIZA}/closures", headers=manager)
    assert refused.status_code == 403 and refused.json()["code"] == "office_forbidden"
    assert (await client.get("/api/v1/nowhere")).status_code == 404  # not a refusal of access

    admin = await login(client, "admin")
    events = await _events(client, admin, actor="")
    refusals = [e for e in events if e["action"] == "access.refused"]
    seen = {(e["actor"], e["detail"]["status"], e["detail"]["code"], e["target"]) for e in refusals}
    assert seen == {
        ("anonymous", 401, "not_authenticated", "/api/v1/manage/audit"),
        ("staff:agent.abbassia", 403, "forbidden", "/api/v1/manage/audit"),
        ("staff:manager.cairo", 403, "office_forbidden", f"/api/v1/manage/offices/{GIZA}/closures"),
    }
    assert all(e["address"] for e in refusals)
    assert next(e for e in refusals if e["detail"]["code"] == "office_forbidden")["office_id"] == GIZA


async def test_a_manager_reads_only_their_offices_events(client: AsyncTestClient, database: Database) -> None:
    store = AuditEventStore(database)
    for office in (ABBASSIA, GIZA, None):
        await store.append(
            at=NOW,
            actor="staff:someone",
            action="counter.edited",
            office_id=office,
            target="1",
            detail=None,
            address="192.0.2.1",
        )
    manager = await login(client, "manager.cairo")
    mine = await _events(client, manager)
    assert {e["office_id"] for e in mine} == {ABBASSIA}
    assert {e["office_id"] for e in await _events(client, manager, office=ABBASSIA)} == {ABBASSIA}
    other = await client.get("/api/v1/manage/audit", headers=manager, params={"office": GIZA})
    assert other.status_code == 403 and other.json()["code"] == "office_forbidden"
    bad = await client.get("/api/v1/manage/audit", headers=manager, params={"from": "yesterday"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_audit_query"

    admin = await login(client, "admin")
    every = await _events(client, admin, actor="staff:someone")
    assert {e["office_id"] for e in every} == {ABBASSIA, GIZA, None}
    assert {e["office_id"] for e in await _events(client, admin, office=GIZA)} == {GIZA}
    page = (
        await client.get(
            "/api/v1/manage/audit", headers=admin, params={"limit": "2", "actor": "staff:someone"}
        )
    ).json()
    assert len(page["events"]) == 2 and page["next_before"] == page["events"][-1]["id"]
    rest = await _events(client, admin, actor="staff:someone", before=str(page["next_before"]))
    assert len(rest) == 1


MONDAY = "2026-12-07"


def _of(events: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    return [e for e in events if e["action"] == action]


async def test_closures_counters_plans_and_jobs_are_recorded_and_reopening_keeps_history(
    client: AsyncTestClient, database: Database
) -> None:
    from tests.integration.helpers import booking_body, national_id, slots

    manager = await login(client, "manager.cairo")
    nine = (await slots(client, ABBASSIA, day=MONDAY))[2]["start"]
    booked = await client.post("/api/v1/bookings", json=booking_body(nine, national_id(), office_id=ABBASSIA))
    assert booked.status_code == 201, booked.text
    code = booked.json()["code"]
    base = f"/api/v1/manage/offices/{ABBASSIA}"
    closed = await client.post(
        f"{base}/closures", json={"date": MONDAY, "reason_en": "power cut"}, headers=manager
    )
    assert closed.status_code == 201, closed.text
    plan = (await client.post(f"{base}/rebalance-plans", json={"from": MONDAY}, headers=manager)).json()
    applied = await client.post(f"/api/v1/manage/rebalance-plans/{plan['plan_id']}/apply", headers=manager)
    assert applied.status_code == 200 and applied.json()["moved"] == 1
    assert (await client.delete(f"{base}/closures/{MONDAY}", headers=manager)).status_code == 200
    office = (await client.get(f"/api/v1/offices/{ABBASSIA}")).json()
    counter = office["counters"][0]
    edited = await client.patch(f"{base}/counters/{counter['id']}", json={"active": False}, headers=manager)
    assert edited.status_code == 200, edited.text
    job = await client.post("/api/v1/manage/optimise", json={"offices": [ABBASSIA]}, headers=manager)
    assert job.status_code == 202, job.text

    events = await _events(client, manager, office=ABBASSIA)
    for action in (
        "closure.opened",
        "closure.reopened",
        "rebalance.previewed",
        "rebalance.applied",
        "booking.moved_by_office",
        "counter.edited",
        "optimiser.started",
    ):
        found = _of(events, action)
        assert len(found) == 1, action
        assert found[0]["actor"] == "staff:manager.cairo" and found[0]["address"], action
    assert _of(events, "closure.opened")[0]["target"] == MONDAY
    assert _of(events, "closure.opened")[0]["detail"]["after"]["reason_en"] == "power cut"
    assert _of(events, "counter.edited")[0]["detail"]["before"]["active"] is True
    assert _of(events, "counter.edited")[0]["detail"]["after"]["active"] is False
    moved = _of(events, "booking.moved_by_office")[0]
    assert moved["target"] == code and moved["detail"]["before"]["office_id"] == ABBASSIA
    assert _of(events, "optimiser.started")[0]["target"] == job.json()["job_id"]

    # The closure was ended, not deleted: who closed it and who reopened it stay on record.
    def closures(conn: Connection) -> list[Any]:
        return list(
            conn.execute(
                text("SELECT created_by, reopened_by, reopened_at FROM closures WHERE office_id = :o"),
                {"o": ABBASSIA},
            )
        )

    (row,) = await database.read(closures)
    assert row.created_by == "staff:manager.cairo" and row.reopened_by == "staff:manager.cairo"
    assert row.reopened_at is not None
    listed = (await client.get(f"{base}/closures", headers=manager)).json()["closures"]
    assert listed == []
    assert (await AuditEventStore(database).verify()).broken is None


async def test_a_booking_life_and_the_hall_steps_are_recorded_without_the_identity_number(
    client: AsyncTestClient, database: Database
) -> None:
    from tests.integration.hall.conftest import book, call_next, check_in, open_counter, slots, step, walk_in

    booking, number = await book(client, day="2026-12-06", slot=2)
    code = booking["code"]
    later = (await slots(client, ABBASSIA, "passport-new", "2026-12-06"))[4]["start"]
    moved = await client.post(
        f"/api/v1/bookings/{code}/reschedule", json={"start": later}, headers={"X-Identity-Number": number}
    )
    assert moved.status_code == 200, moved.text
    other, other_number = await book(client, day="2026-12-08")
    cancelled = await client.delete(
        f"/api/v1/bookings/{other['code']}", headers={"X-Identity-Number": other_number}
    )
    assert cancelled.status_code == 200, cancelled.text

    kiosk = await login(client, "kiosk.abbassia")
    agent = await login(client, "agent.abbassia")
    assert (await check_in(client, kiosk, code)).status_code == 201
    walked_in = await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    ticket = await call_next(client, agent, counter)
    assert (await step(client, agent, ticket["ticket_id"], "start")).status_code == 200
    assert (await step(client, agent, ticket["ticket_id"], "complete")).status_code == 200

    events = await _events(client, await login(client, "manager.cairo"), office=ABBASSIA)
    citizen = [e for e in events if e["target"] == code and e["actor"].startswith("identity:")]
    assert [e["action"] for e in reversed(citizen)] == ["booking.created", "booking.rescheduled"]
    assert len(citizen[0]["actor"]) == len("identity:") + 12
    assert datetime.fromisoformat(citizen[0]["detail"]["after"]["start"]) == datetime.fromisoformat(later)
    assert [e["target"] for e in _of(events, "booking.cancelled")] == [other["code"]]
    (checked_in,) = _of(events, "booking.checked_in")
    assert (checked_in["actor"], checked_in["target"]) == ("staff:kiosk.abbassia", code)
    assert _of(events, "counter.status")[0]["actor"] == "staff:agent.abbassia"
    steps = [e for e in events if e["action"].startswith("ticket.") and e["action"] != "ticket.issued"]
    assert {e["action"] for e in steps} == {"ticket.called", "ticket.start", "ticket.complete"}
    assert all(e["target"] == ticket["ticket_id"] for e in steps)
    assert _of(events, "ticket.issued")[0]["target"] == walked_in["ticket_id"]
    assert all(e["address"] for e in events)
    text_of_log = str(events)
    for secret in (number, other_number, "منى", "01012345678"):
        assert secret not in text_of_log


_WRITER = """
import asyncio, sys
from datetime import UTC, datetime
from booking.store.audit_events import AuditEventStore
from kernel.database import Database

async def main(url, name, count):
    database = Database(url)
    store = AuditEventStore(database)
    for i in range(count):
        await store.append(at=datetime.now(UTC), actor="staff:" + name, action="counter.edited",
                           office_id="giza-passports", target=str(i), detail={"n": i}, address=None)
    await database.dispose()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


@pytest.mark.slow
async def test_two_processes_writing_at_once_keep_one_chain(database: Database, database_url: str) -> None:
    per_process = 60
    writers = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", _WRITER, database_url, name, str(per_process)
        )
        for name in ("one", "two")
    ]
    assert [await w.wait() for w in writers] == [0, 0]
    store = AuditEventStore(database)
    report = await store.verify()
    assert (report.events, report.broken) == (2 * per_process, None)
    actors = {e.actor for e in await store.list(AuditQuery(limit=200))}
    assert actors == {"staff:one", "staff:two"}


async def test_refusals_by_limits_are_recorded_once_a_minute_by_digest_never_by_number(
    database: Database, database_url: str, tmp_path: Path, clock: FixedClock
) -> None:
    """A citizen past the month's cancellations, then past the address's bookings: one
    ``limit.refused`` event per code (the repeats held back), the cap's against the identity's
    digest prefix (the one its booking was recorded under), the rate limit's against the address."""
    from tests.integration.helpers import booking_body, national_id, slots

    limits = {**room(TEST_LIMIT_ROOM), "bookings_per_address": "3/hour"}
    caps = {
        "cancellations_per_month": 1,
        "release_cool_off_minutes": (0.0, 0.0),
        "active_bookings_per_mobile": 1000,
    }
    settings = _settings(database_url, tmp_path, rate_limits=limits, **caps)
    number = national_id()
    async with AsyncTestClient(create_app(settings, clock)) as client:
        free = await slots(client, ABBASSIA, "passport-new", "2026-12-07")
        body = booking_body(free[0]["start"], number, office_id=ABBASSIA)
        made = await client.post("/api/v1/bookings", json=body)
        assert made.status_code == 201, made.text
        code = made.json()["code"]
        gone = await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
        assert gone.status_code == 200, gone.text
        answers = [(await client.post("/api/v1/bookings", json=body)).json()["code"] for _ in range(4)]
        assert answers == ["cancellation_limit", "cancellation_limit", "rate_limited", "rate_limited"]
        events = await _events(client, await login(client, "admin"), actor="")
    refused = [e for e in events if e["action"] == "limit.refused"]
    seen = {(e["actor"], e["detail"]["status"], e["detail"]["code"], e["target"]) for e in refused}
    (created,) = [e for e in events if e["action"] == "booking.created"]
    assert created["actor"].startswith("identity:")
    assert seen == {
        (created["actor"], 409, "cancellation_limit", "/api/v1/bookings"),
        ("anonymous", 429, "rate_limited", "/api/v1/bookings"),
    }
    (limited,) = [e for e in refused if e["detail"]["code"] == "rate_limited"]
    assert limited["detail"]["limit"] == "bookings_per_address" and limited["detail"]["retry_after"] > 0
    assert all(e["address"] for e in refused)
    assert number not in str(events) and number[-8:] not in str(events)


async def test_a_missing_proof_of_work_is_recorded_with_its_reason(
    database: Database, database_url: str, tmp_path: Path, clock: FixedClock
) -> None:
    from tests.integration.helpers import booking_body, slots

    settings = _settings(database_url, tmp_path, rate_limits=room(TEST_LIMIT_ROOM), pow_mode="on")
    async with AsyncTestClient(create_app(settings, clock)) as client:
        free = await slots(client, ABBASSIA, "passport-new", "2026-12-07")
        for _ in range(3):
            refusal = await client.post(
                "/api/v1/bookings", json=booking_body(free[0]["start"], office_id=ABBASSIA)
            )
            assert refusal.status_code == 428 and refusal.json()["code"] == "proof_of_work_required"
        bad = booking_body(free[0]["start"], office_id=ABBASSIA) | {"altcha": "bm90IGEgc29sdXRpb24="}
        assert (await client.post("/api/v1/bookings", json=bad)).status_code == 400
        events = await _events(client, await login(client, "admin"), actor="")
    refused = [e for e in events if e["action"] == "limit.refused"]
    # Both refusals share one code: the first of the minute is written, the rest held back.
    assert [(e["actor"], e["detail"]["status"], e["detail"]["reason"]) for e in refused] == [
        ("anonymous", 428, "missing")
    ]
    assert "challenge" not in refused[0]["detail"]
