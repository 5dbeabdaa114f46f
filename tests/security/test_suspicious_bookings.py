"""Brokered bookings surfaced: the patterns a broker's script leaves are found (and honest traffic
is not), a manager sees and cancels only their offices' bookings, each holder is told in their
language through the outbox, and each cancellation is in the audit log. Over HTTP on the app, on
SQLite and PostgreSQL; the patterns themselves on hand-made bookings."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.engine import Connection

from api.app import create_app
from api.settings import Settings
from booking.applicant import Applicant
from booking.bookings import Booking
from booking.brokered import Thresholds, find_clusters, name_key
from booking.notices import NOTICE_KEYS
from booking.provenance import DEVICE_COOKIE, ProvenanceHasher
from booking.rules import BookingStatus
from booking.store.audit_events import AuditEventStore, AuditQuery
from booking.store.tables import BookingRow
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.store.tables import OutboxRow
from tests.integration.conftest import TEST_SECRET
from tests.integration.helpers import ABBASSIA, GIZA, booking_body, login, national_id, slots

T0 = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)  # Sunday 6 December 2026, 08:00 in Cairo
_ids = itertools.count(1)
LIMITS = Thresholds()


def made(
    *,
    identity: str | None = None,
    address: str | None = None,
    device: str | None = None,
    phone: str | None = None,
    name: str | None = None,
    at: timedelta = timedelta(),
    moved: timedelta | None = None,
    moved_by: str | None = None,
) -> Booking:
    """A confirmed booking made at ``T0 + at``; everything not given differs from every other."""
    n = next(_ids)
    values: dict[str, Any] = {
        "id": n,
        "code": f"C{n:07d}",
        "identity_hash": identity or f"{n:064x}",
        "identity_type": "national_id",
        "identity_nationality": "EGY",
        "identity_last4": f"{n % 10000:04d}",
        "identity_key_id": "k1",
        "senior_on_visit": False,
        "full_name": name or f"مواطن رقم {n}",
        "phone": phone or f"+2010{n:08d}",
        "email": None,
        "lang": "ar",
        "service": "passport-renewal",
        "office_id": ABBASSIA,
        "starts_at": T0 + timedelta(days=3),
        "ends_at": T0 + timedelta(days=3, minutes=15),
        "day": (T0 + timedelta(days=3)).date(),
        "status": BookingStatus.CONFIRMED,
        "created_at": T0 + at,
        "updated_at": T0 + at,
        "origin_address": address or f"a{n:063x}",
        "origin_device": device,
        "moved_at": T0 + moved if moved is not None else None,
        "moved_address": moved_by,
    }
    values["applicant"] = Applicant(
        **{f.name: values.pop(f.name) for f in fields(Applicant) if f.name in values}
    )
    return Booking(**{f.name: values[f.name] for f in fields(Booking) if f.name in values})


def reasons(bookings: list[Booking]) -> list[str]:
    return [cluster.reason for cluster in find_clusters(bookings, LIMITS)]


# --- the patterns -------------------------------------------------------------------------------


def test_many_identities_behind_one_address_within_the_hour_are_a_cluster() -> None:
    bot = [made(address="f" * 64, at=timedelta(minutes=i)) for i in range(6)]
    clusters = find_clusters([*bot, *(made() for _ in range(20))], LIMITS)
    assert [(c.reason, len(c.bookings), c.identities) for c in clusters] == [("shared_address", 6, 6)]
    assert {b.code for b in clusters[0].bookings} == {b.code for b in bot}


def test_one_mobile_and_one_device_behind_many_identities_are_clusters() -> None:
    by_mobile = [made(phone="+201099999999", at=timedelta(minutes=5 * i)) for i in range(4)]
    by_device = [made(device="d" * 64, at=timedelta(minutes=i)) for i in range(5)]
    assert sorted(reasons([*by_mobile, *by_device])) == ["shared_device", "shared_mobile"]


def test_one_name_under_several_identities_is_a_cluster_however_it_is_spelt() -> None:
    names = ["أحمد محمد إبراهيم", "احمد  محمد ابراهيم", "أَحْمَد محمد إبراهيم"]
    assert len({name_key(n) for n in names}) == 1
    assert reasons([made(name=n, at=timedelta(minutes=i)) for i, n in enumerate(names)]) == ["same_name"]


def test_bookings_moved_within_seconds_from_one_address_are_in_lock_step() -> None:
    broker = "b" * 64
    moved = [made(moved=timedelta(hours=2, seconds=3 * i), moved_by=broker) for i in range(3)]
    assert reasons(moved) == ["lockstep_moves"]
    # The same three moves an hour apart are three citizens changing their minds.
    apart = [made(moved=timedelta(hours=i), moved_by=broker) for i in range(3)]
    assert reasons(apart) == []


def test_honest_traffic_makes_no_cluster() -> None:
    family_address, family_phone = "c" * 64, "+201055555555"
    family = [made(address=family_address, phone=family_phone, at=timedelta(minutes=i)) for i in range(3)]
    # One identity booking several services from one address is one person, not four.
    one_person = [made(identity="e" * 64, address="9" * 64, at=timedelta(minutes=i)) for i in range(4)]
    # A busy carrier address: a booking every twenty-five minutes all day long.
    carrier = [made(address="8" * 64, at=timedelta(minutes=25 * i)) for i in range(30)]
    crowd = [made(at=timedelta(seconds=i)) for i in range(500)]
    common_name = [made(name="محمد أحمد", at=timedelta(hours=2 * i)) for i in range(5)]
    assert reasons([*family, *one_person, *carrier, *crowd, *common_name]) == []


def test_a_broker_rotating_identities_through_one_mobile_is_a_cluster() -> None:
    """Held to three active bookings per mobile, the broker cancels one as it is sold and books
    the next: one mobile never shows four active identities, but its bookings in the hour do."""
    phone = "+201077777777"
    rotated = [made(phone=phone, at=timedelta(minutes=5 * i)) for i in range(5)]
    sold = [replace(b, status=BookingStatus.CANCELLED) for b in rotated[:2]]
    clusters = find_clusters([*sold, *rotated[2:]], LIMITS)
    assert [(c.reason, c.identities, len(c.active), c.cancelled) for c in clusters] == [
        ("shared_mobile", 5, 3, 2)
    ]
    # Once every booking of it is cancelled there is nothing left to act on: no cluster.
    assert reasons([replace(b, status=BookingStatus.CANCELLED) for b in rotated]) == []
    # A family of three on one mobile, one of them cancelling and booking again, is still three.
    family = [made(phone="+201066666666", identity=f"{i:064x}", at=timedelta(minutes=i)) for i in (1, 2, 3)]
    again = made(phone="+201066666666", identity=f"{1:064x}", at=timedelta(minutes=9))
    assert reasons([replace(family[0], status=BookingStatus.CANCELLED), *family[1:], again]) == []


def test_two_bursts_of_one_address_hours_apart_are_two_clusters() -> None:
    address = "7" * 64
    morning = [made(address=address, at=timedelta(minutes=i)) for i in range(4)]
    evening = [made(address=address, at=timedelta(hours=8, minutes=i)) for i in range(4)]
    clusters = find_clusters([*morning, *evening], LIMITS)
    assert sorted(len(c.bookings) for c in clusters) == [4, 4]


def test_address_digests_are_keyed_and_take_an_ipv6_client_by_its_64() -> None:
    hasher, other = ProvenanceHasher.from_secret("k" * 32), ProvenanceHasher.from_secret("x" * 32)
    one = hasher.of("2001:db8:1:2::10", None).address
    assert one == hasher.of("2001:db8:1:2:ffff::1", None).address
    assert one != hasher.of("2001:db8:1:3::10", None).address
    assert one != other.of("2001:db8:1:2::10", None).address
    assert "2001" not in (one or "") and hasher.of(None, None).address is None


# --- over HTTP ----------------------------------------------------------------------------------


@pytest.fixture
async def client(database_url: str, tmp_path: Path) -> AsyncIterator[AsyncTestClient[Any]]:
    # Mobile caps off: each test booking has its own mobile anyway; the report is what is tested.
    config = Settings(database_url=database_url, secret_key=TEST_SECRET, data_dir=tmp_path)
    async with AsyncTestClient(create_app(config, FixedClock(T0))) as client:
        yield client


async def _book(
    client: AsyncTestClient[Any], office: str, start: str, number: str, phone: str, name: str | None = None
) -> str:
    body = booking_body(start, number, service="passport-renewal", office_id=office, phone=phone)
    if name:
        body["full_name"] = name
    response = await client.post("/api/v1/bookings", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


async def _bot_books(client: AsyncTestClient[Any]) -> tuple[list[str], list[str]]:
    """One client (one address, one cookie jar) books four identities at Abbassia, two at Giza."""
    abbassia = await slots(client, ABBASSIA, "passport-renewal", "2026-12-07")
    giza = await slots(client, GIZA, "passport-renewal", "2026-12-07")
    ours = [
        await _book(client, ABBASSIA, abbassia[i]["start"], national_id(), f"0101000000{i}") for i in range(4)
    ]
    theirs = [await _book(client, GIZA, giza[i]["start"], national_id(), f"0102000000{i}") for i in range(2)]
    return ours, theirs


async def test_a_bots_bookings_are_reported_to_the_manager_of_its_office_only(
    client: AsyncTestClient[Any],
) -> None:
    ours, _ = await _bot_books(client)
    assert client.cookies.get(DEVICE_COOKIE), "the first booking sets the device cookie"
    manager = await login(client, "manager.cairo")
    response = await client.get("/api/v1/manage/suspicious-bookings", headers=manager)
    assert response.status_code == 200, response.text
    clusters = {c["reason"]: c for c in response.json()["clusters"]}
    # The bot also used one name for every identity.
    assert set(clusters) == {"shared_address", "shared_device", "same_name"}
    for cluster in clusters.values():
        assert sorted(b["code"] for b in cluster["bookings"]) == sorted(ours)
        assert cluster["total"] == 6 and cluster["identities"] == 6
        assert all(set(b) >= {"code", "office_id", "start", "identity_last4"} for b in cluster["bookings"])
    assert "منى" not in response.text and "+2010" not in response.text, "no names or mobiles listed"
    admin = await login(client, "admin")
    everything = (await client.get("/api/v1/manage/suspicious-bookings", headers=admin)).json()
    assert {len(c["bookings"]) for c in everything["clusters"]} == {6}
    refused = await client.get("/api/v1/manage/suspicious-bookings", params={"office": GIZA}, headers=manager)
    assert refused.status_code == 403 and refused.json()["code"] == "office_forbidden"
    bad = await client.get(
        "/api/v1/manage/suspicious-bookings", params={"from": "2026-13-01"}, headers=manager
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_report_range"
    agent = await login(client, "agent.abbassia")
    assert (await client.get("/api/v1/manage/suspicious-bookings", headers=agent)).status_code == 403
    assert (await client.get("/api/v1/manage/suspicious-bookings")).status_code == 401


async def test_a_family_booking_from_home_is_not_reported(client: AsyncTestClient[Any]) -> None:
    abbassia = await slots(client, ABBASSIA, "passport-renewal", "2026-12-07")
    names = ["منى عبد الرحمن السيد", "كريم عبد الرحمن السيد", "سلمى عبد الرحمن السيد"]
    for i, name in enumerate(names):
        await _book(client, ABBASSIA, abbassia[i]["start"], national_id(), "01011111111", name)
    manager = await login(client, "manager.cairo")
    response = await client.get("/api/v1/manage/suspicious-bookings", headers=manager)
    assert response.json()["clusters"] == []


async def test_the_manager_cancels_only_their_offices_bookings_with_a_message_and_an_audit_event(
    client: AsyncTestClient[Any], database_url: str
) -> None:
    ours, theirs = await _bot_books(client)
    manager = await login(client, "manager.cairo")
    url = "/api/v1/manage/suspicious-bookings/cancel"
    refused = await client.post(url, json={"codes": [*ours, theirs[0]]}, headers=manager)
    assert refused.status_code == 403 and refused.json()["code"] == "bookings_not_yours"
    assert theirs[0] in refused.json()["detail"] and refused.json()["detail_ar"]
    unknown = await client.post(url, json={"codes": ["ZZZZZZZZ"]}, headers=manager)
    assert unknown.status_code == 403 and unknown.json()["code"] == "bookings_not_yours"
    assert (await client.post(url, json={"codes": []}, headers=manager)).json()["code"] == "invalid_codes"

    database = Database(database_url)
    try:
        assert await _messages(database) == [], "a refused purge cancels nothing and tells nobody"
        done = await client.post(url, json={"codes": ours}, headers=manager)
        assert done.status_code == 200, done.text
        assert sorted(done.json()["cancelled"]) == sorted(ours) and done.json()["skipped"] == []
        again = await client.post(url, json={"codes": ours[:1]}, headers=manager)
        assert again.json() == {"cancelled": [], "skipped": [{"code": ours[0], "status": "cancelled"}]}

        messages = await _messages(database)
        assert sorted(m["booking_code"] for m in messages) == sorted(ours)
        assert all(m["kind"] == "booking_cancelled_brokered" and m["lang"] == "ar" for m in messages)
        assert all("أُلغي حجزك" in m["text"] and m["address"].startswith("+2010") for m in messages)
        events = await AuditEventStore(database).list(
            AuditQuery(
                offices=None, since=None, until=None, actor="staff:manager.cairo", before_id=None, limit=50
            )
        )
        cancelled = [e for e in events if e.action == "booking.cancelled"]
        assert sorted(str(e.target) for e in cancelled) == sorted(ours)
        assert all(e.detail and e.detail["why"] == "brokered" and e.office_id == ABBASSIA for e in cancelled)
        statuses = {m["code"]: m["status"] for m in await _bookings(database)}
        assert [statuses[code] for code in theirs] == ["confirmed", "confirmed"], "Giza's stand"
    finally:
        await database.dispose()
    report = (await client.get("/api/v1/manage/suspicious-bookings", headers=manager)).json()
    assert report["clusters"] == [], "cancelled bookings leave the report"


async def test_a_broker_rotating_bookings_through_one_mobile_at_its_cap_is_reported(
    database_url: str, tmp_path: Path
) -> None:
    """With the per-mobile cap at three (the default) and the report's threshold at four: three
    identities book on one mobile, the fourth is refused, one booking is cancelled (sold) and the
    fourth identity books: the mobile's cluster shows four identities, three active bookings."""
    config = Settings(
        database_url=database_url,
        secret_key=TEST_SECRET,
        data_dir=tmp_path,
        active_bookings_per_mobile=3,
        release_cool_off_minutes=(0.0, 0.0),
    )
    async with AsyncTestClient(create_app(config, FixedClock(T0))) as client:
        free = await slots(client, ABBASSIA, "passport-renewal", "2026-12-07")
        numbers = [national_id() for _ in range(4)]
        codes = [await _book(client, ABBASSIA, free[i]["start"], numbers[i], "01077777777") for i in range(3)]
        body = booking_body(free[3]["start"], numbers[3], service="passport-renewal", office_id=ABBASSIA)
        capped = await client.post("/api/v1/bookings", json=body | {"phone": "01077777777"})
        assert capped.status_code == 409 and capped.json()["code"] == "mobile_booking_limit"
        sold = await client.delete(f"/api/v1/bookings/{codes[0]}", headers={"X-Identity-Number": numbers[0]})
        assert sold.status_code == 200, sold.text
        codes.append(await _book(client, ABBASSIA, free[3]["start"], numbers[3], "01077777777"))
        manager = await login(client, "manager.cairo")
        report = (await client.get("/api/v1/manage/suspicious-bookings", headers=manager)).json()
    mobile = [c for c in report["clusters"] if c["reason"] == "shared_mobile"]
    assert len(mobile) == 1, report
    assert (mobile[0]["identities"], mobile[0]["total"], mobile[0]["cancelled"]) == (4, 3, 1)
    assert sorted(b["code"] for b in mobile[0]["bookings"]) == sorted(codes[1:]), "the active ones"


async def test_bookings_moved_in_lock_step_from_one_address_are_reported(
    client: AsyncTestClient[Any],
) -> None:
    day = await slots(client, ABBASSIA, "passport-renewal", "2026-12-08")
    numbers = [national_id() for _ in range(3)]
    codes = [
        await _book(client, ABBASSIA, day[i]["start"], numbers[i], f"0103000000{i}", f"مواطن {i}")
        for i in range(3)
    ]
    manager = await login(client, "manager.cairo")
    before = (await client.get("/api/v1/manage/suspicious-bookings", headers=manager)).json()
    assert [c["reason"] for c in before["clusters"]] == []
    for i, code in enumerate(codes):
        moved = await client.post(
            f"/api/v1/bookings/{code}/reschedule",
            json={"start": day[10 + i]["start"]},
            headers={"X-Identity-Number": numbers[i]},
        )
        assert moved.status_code == 200, moved.text
    report = (await client.get("/api/v1/manage/suspicious-bookings", headers=manager)).json()
    lockstep = [c for c in report["clusters"] if c["reason"] == "lockstep_moves"]
    assert len(lockstep) == 1 and sorted(b["code"] for b in lockstep[0]["bookings"]) == sorted(codes)


async def _bookings(database: Database) -> list[dict[str, Any]]:
    def work(conn: Connection) -> list[dict[str, Any]]:
        return [dict(row._mapping) for row in conn.execute(select(BookingRow.code, BookingRow.status))]

    return await database.read(work)


async def _messages(database: Database) -> list[dict[str, Any]]:
    """The outbox rows the manager's step posted (a citizen's own booking posts its own, left out)."""
    own = list(NOTICE_KEYS)

    def work(conn: Connection) -> list[dict[str, Any]]:
        query = select(OutboxRow.__table__).where(OutboxRow.kind.not_in(own))
        return [dict(row._mapping) for row in conn.execute(query)]

    return await database.read(work)
