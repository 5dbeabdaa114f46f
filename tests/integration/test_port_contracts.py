"""One contract for each port, run on the in-memory fake and on the SQL adapter over SQLite and
PostgreSQL: what the unit tests prove on the fakes holds on the database, because the fakes
behave as the adapters do (booking's Bookings and Requests, the hall's bookings, and planning's
slot rows, assignments, draw claims, plans and jobs)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from booking.applicant import Applicant
from booking.booking_requests import BookingRequest, NewBookingRequest, RequestStatus
from booking.bookings import Booking, Move, NewBooking
from booking.capacity import Slot, day_slots
from booking.codes import new_booking_code, normalise_booking_code
from booking.demo import DEMO_OFFICES
from booking.rules import BookingStatus
from booking.store.booking_requests import RequestStore
from booking.store.bookings import BookingStore
from booking.store.slot_loads import SlotLoadStore
from kernel.clock import SystemClock
from kernel.database import Database
from kernel.errors import Conflict
from messaging.outbox import SMS, Delivery, OutboxMessage
from messaging.store.outbox import OutboxStore
from planning.decisions import Outcome, Placement, Refusal
from planning.notifications import Notices
from planning.store.assignments import AssignmentStore
from planning.store.jobs import JobStore
from planning.store.rebalance_plans import PlanStore
from planning.store.release_draws import ReleaseDrawStore
from tests.conftest import WORKING_MORNING, fresh_database
from tests.fakes.booking import FakeBookings, FakeRequests
from tests.fakes.planning import FakeAssignments, FakeDrawClaims, FakeJobs, FakePlans, FakeSlotLoads

OFFICES = {office.id: office for office in DEMO_OFFICES}
ABBASSIA, GIZA = OFFICES["cairo-abbassia-passports"], OFFICES["giza-passports"]
SERVICE = "passport-renewal"
DAY = date(2026, 12, 7)  # a Monday
NOW = WORKING_MORNING
NOTICES = Notices(OFFICES)


@dataclass
class Adapters:
    """Every port, on one backend."""

    bookings: Any  # booking.ports.Bookings and queue_display.ports.HallBookings
    requests: Any  # booking.ports.Requests and planning.ports.PendingRequests
    loads: Any
    assignments: Any
    claims: Any
    plans: Any
    jobs: Any
    messages: Callable[[], Awaitable[Sequence[OutboxMessage | Delivery]]]
    """What was posted: the fake's messages, the outbox's SMS rows (one per message)."""


@pytest.fixture(params=["fake", "sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """None for the fakes, else a fresh database's URL (made outside the event loop: the session's
    templates are built with ``asyncio.run``)."""
    if request.param == "fake":
        yield None
        return
    with fresh_database(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def on(backend: str | None) -> AsyncIterator[Adapters]:
    if backend is None:
        bookings = FakeBookings()
        requests = FakeRequests(bookings)
        outbox: list[OutboxMessage] = []

        async def sent() -> list[OutboxMessage]:
            return list(outbox)

        yield Adapters(
            bookings,
            requests,
            FakeSlotLoads(bookings),
            FakeAssignments(bookings, requests, outbox),
            FakeDrawClaims(),
            FakePlans(bookings, outbox),
            FakeJobs(SystemClock()),  # the SQL's jobs go by the database's clock: the time now
            sent,
        )
        return
    database = Database(backend)
    try:
        yield Adapters(
            BookingStore(database),
            RequestStore(database),
            SlotLoadStore(database),
            AssignmentStore(database),
            ReleaseDrawStore(database),
            PlanStore(database),
            JobStore(database),
            lambda: _sms(OutboxStore(database)),
        )
    finally:
        await database.dispose()


async def _sms(outbox: OutboxStore) -> list[Delivery]:
    return [delivery for delivery in await outbox.unsent() if delivery.channel == SMS]


def slots(office_id: str = ABBASSIA.id, day: date = DAY) -> list[Slot]:
    return day_slots(OFFICES[office_id], SERVICE, day)


def applicant(n: int, full_name: str, phone: str, lang: str) -> Applicant:
    return Applicant(
        identity_hash=f"identity-{n}",
        identity_type="national_id",
        identity_nationality="EGY",
        identity_last4=f"{n:04d}",
        identity_key_id="k1",
        full_name=full_name,
        phone=phone,
        email=None,
        lang=lang,
    )


def new_booking(n: int, slot: Slot, service: str = SERVICE, capacity: int = 2) -> NewBooking:
    return NewBooking(
        code=new_booking_code(),
        applicant=applicant(n, "Mona Ahmed Hassan", f"+2010{n:08d}", "en"),
        senior_on_visit=False,
        service=service,
        office_id=slot.office_id,
        starts_at=slot.start,
        ends_at=slot.end,
        day=DAY,
        slot_capacity=capacity,
    )


def move_to(slot: Slot, capacity: int = 2) -> Move:
    return Move(slot.office_id, slot.start, slot.end, DAY, capacity)


def new_request(n: int, draw_slot: Slot | None = None, service: str = SERVICE) -> NewBookingRequest:
    return NewBookingRequest(
        id=uuid.uuid4().hex,
        code=new_booking_code(),
        applicant=applicant(n, "Karim Mahmoud", f"+2011{n:08d}", "ar"),
        senior_on_visit=False,
        service=service,
        reach={"kind": "offices", "office_ids": [ABBASSIA.id], "offices": [[ABBASSIA.id, 0.0]]},
        first_day=DAY,
        last_day=DAY if draw_slot else DAY + timedelta(days=2),
        time_of_day=None,
        preferred_start=draw_slot.start if draw_slot else None,
    )


async def refused(work: Awaitable[object]) -> str:
    with pytest.raises(Conflict) as refusal:
        await work
    return refusal.value.code


def placement(request: BookingRequest, slot: Slot, capacity: int = 2) -> Placement:
    return Placement(request, slot.office_id, slot.start, slot.end, DAY, capacity)


# -- booking.ports.Bookings -------------------------------------------------------------------


async def test_a_booking_is_kept_and_found_by_code_and_id_and_counted_in_its_slot(on: Adapters):
    slot = slots()[0]
    booking = await on.bookings.create(new_booking(1, slot), NOW)
    assert booking.status is BookingStatus.CONFIRMED and booking.created_at == NOW
    assert await on.bookings.by_code(booking.code) == booking == await on.bookings.by_id(booking.id)
    assert await on.bookings.by_code(new_booking_code()) is None
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (2, 1)}


async def test_one_active_booking_per_identity_and_service_and_three_in_all(on: Adapters):
    first, second = slots()[:2]
    await on.bookings.create(new_booking(1, first), NOW)
    assert await refused(on.bookings.create(new_booking(1, second), NOW)) == "duplicate_booking"
    for service in ("passport-new", "passport-replacement"):
        await on.bookings.create(new_booking(1, slots()[2], service=service), NOW)
    refusal = await refused(on.bookings.create(new_booking(1, slots()[3], service="civil-certificate"), NOW))
    assert refusal == "booking_limit"


async def test_a_slot_holds_the_capacity_its_first_booking_saw(on: Adapters):
    slot = slots()[0]
    for n in range(2):
        await on.bookings.create(new_booking(n, slot, capacity=2), NOW)
    assert await refused(on.bookings.create(new_booking(2, slot, capacity=5), NOW)) == "slot_full"
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (2, 2)}


async def test_a_cancelled_booking_frees_its_seat_once(on: Adapters):
    slot = slots()[0]
    booking = await on.bookings.create(new_booking(1, slot, capacity=1), NOW)
    cancelled = await on.bookings.cancel(booking, NOW)
    assert cancelled is not None and cancelled.status is BookingStatus.CANCELLED
    assert await on.bookings.cancel(booking, NOW) is None
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (1, 0)}
    assert (await on.bookings.create(new_booking(1, slot, capacity=1), NOW)).status is BookingStatus.CONFIRMED


async def test_a_move_takes_the_new_slot_and_frees_the_old_or_changes_nothing(on: Adapters):
    first, second, third = slots()[:3]
    booking = await on.bookings.create(new_booking(1, first), NOW)
    moved = await on.bookings.reschedule(booking, move_to(second), NOW)
    assert (moved.id, moved.starts_at, moved.ends_at, moved.moved_at) == (
        booking.id,
        second.start,
        second.end,
        None,
    )
    loads = await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW)
    assert (loads[first.start], loads[second.start]) == ((2, 0), (2, 1))
    await on.bookings.create(new_booking(2, third, capacity=1), NOW)
    assert await refused(on.bookings.reschedule(moved, move_to(third, capacity=1), NOW)) == "slot_full"
    assert await on.bookings.by_id(booking.id) == moved
    stale = booking  # read before the move: no longer where it says
    assert await refused(on.bookings.reschedule(stale, move_to(third), NOW)) == "booking_changed"


async def test_a_booking_moves_along_its_life_only_from_the_status_named(on: Adapters):
    booking = await on.bookings.create(new_booking(1, slots()[0]), NOW)
    assert await on.bookings.set_status(booking.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, NOW)
    assert not await on.bookings.set_status(
        booking.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, NOW
    )
    assert (await on.bookings.by_code(booking.code)).status is BookingStatus.CHECKED_IN
    assert await on.bookings.cancel(booking, NOW) is None  # only a confirmed booking is cancelled


# -- booking.ports.Requests and planning.ports.PendingRequests -----------------------------------


async def test_one_pending_request_per_identity_and_service_and_none_for_a_service_held(on: Adapters):
    kept = await on.requests.create(new_request(1), NOW)
    assert kept.status is RequestStatus.PENDING and await on.requests.by_id(kept.id) == kept
    assert await refused(on.requests.create(new_request(1), NOW)) == "duplicate_request"
    await on.bookings.create(new_booking(2, slots()[0]), NOW)
    assert await refused(on.requests.create(new_request(2), NOW)) == "duplicate_booking"
    cancelled = await on.requests.cancel(kept.id, NOW)
    assert cancelled is not None and cancelled.status is RequestStatus.CANCELLED
    assert await on.requests.cancel(kept.id, NOW) is None
    assert (await on.requests.create(new_request(1), NOW)).status is RequestStatus.PENDING


async def test_a_request_is_found_by_its_id_and_by_its_code_and_a_taken_code_is_drawn_again(on: Adapters):
    kept = await on.requests.create(new_request(1), NOW)
    assert await on.requests.by_code(kept.code) == kept == await on.requests.by_id(kept.id)
    assert await on.requests.by_code(new_booking_code()) is None
    assert await on.requests.by_id(uuid.uuid4().hex) is None
    other = await on.requests.create(replace(new_request(2), code=kept.code), NOW)
    assert other.code != kept.code and normalise_booking_code(other.code) == other.code
    assert await on.requests.by_code(other.code) == other
    assert await on.requests.by_code(kept.code) == kept


async def test_pending_requests_leave_out_draw_entries_which_wait_for_their_day(on: Adapters):
    flexible = [await on.requests.create(new_request(n), NOW + timedelta(seconds=n)) for n in range(3)]
    entries = [await on.requests.create(new_request(10 + n, slots()[n]), NOW) for n in range(2)]
    assert [r.id for r in await on.requests.pending()] == [r.id for r in flexible]
    assert await on.requests.pending(["passport-new"]) == []
    assert await on.requests.draw_days() == [DAY]
    assert [r.id for r in await on.requests.draw_entries(DAY)] == sorted(r.id for r in entries)
    assert await on.requests.draw_entries(DAY + timedelta(days=1)) == []


# -- planning.ports.SlotLoads ----------------------------------------------------------------


async def test_slot_rows_are_read_for_the_offices_and_days_asked(on: Adapters):
    mine, other = slots()[0], slots(GIZA.id)[0]
    booking = await on.bookings.create(new_booking(1, mine), NOW)
    await on.bookings.create(new_booking(2, other), NOW)
    await on.bookings.cancel(booking, NOW)  # its row stays, empty
    assert await on.loads.between([ABBASSIA.id], DAY, DAY) == {(ABBASSIA.id, SERVICE, mine.start): (2, 0)}
    assert len(await on.loads.between([ABBASSIA.id, GIZA.id], DAY, DAY)) == 2
    assert await on.loads.between([ABBASSIA.id], DAY + timedelta(days=1), DAY + timedelta(days=3)) == {}


# -- planning.ports.Assignments ----------------------------------------------------------------


async def test_a_placement_books_the_request_and_tells_its_holder_once(on: Adapters):
    request = await on.requests.create(new_request(1), NOW)
    slot = slots()[0]
    assert await on.assignments.write([placement(request, slot)], "job-1", NOW, NOTICES) == {
        request.id: Outcome.ASSIGNED
    }
    row = await on.requests.by_id(request.id)
    assert (row.status, row.job_id, row.reason) == (RequestStatus.ASSIGNED, "job-1", None)
    booking = await on.bookings.by_id(row.booking_id)
    assert booking.applicant.identity_hash == request.applicant.identity_hash
    assert booking.starts_at == slot.start
    assert [(m.kind, m.request_id, m.office_id) for m in await on.messages()] == [
        ("request_assigned", request.id, ABBASSIA.id)
    ]
    again = await on.assignments.write([placement(request, slots()[1])], "job-2", NOW, NOTICES)
    assert again == {request.id: Outcome.GONE} and len(await on.messages()) == 1
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (2, 1)}


async def test_refusals_leave_the_request_unassigned_with_its_reason_or_pending_for_a_slot_taken(
    on: Adapters,
):
    full = slots()[0]
    await on.bookings.create(new_booking(9, full, capacity=1), NOW)
    taken, unplaced, held = [await on.requests.create(new_request(n), NOW) for n in range(3)]
    await on.bookings.create(new_booking(2, slots()[1]), NOW)  # ``held``'s holder books directly
    decisions = [
        placement(taken, full, capacity=1),
        Refusal(unplaced, "no_capacity"),
        placement(held, slots()[2]),
    ]
    outcomes = await on.assignments.write(decisions, "job-1", NOW, NOTICES)
    assert outcomes == {
        taken.id: Outcome.SLOT_TAKEN,
        unplaced.id: Outcome.UNASSIGNED,
        held.id: Outcome.DUPLICATE,
    }
    statuses = [
        (r.status, r.reason) for r in [await on.requests.by_id(x.id) for x in (taken, unplaced, held)]
    ]
    assert statuses == [
        (RequestStatus.PENDING, None),
        (RequestStatus.UNASSIGNED, "no_capacity"),
        (RequestStatus.UNASSIGNED, "duplicate_booking"),
    ]
    assert sorted(m.request_id for m in await on.messages()) == sorted([unplaced.id, held.id])


async def test_a_placement_for_a_request_cancelled_meanwhile_books_nothing(on: Adapters):
    request = await on.requests.create(new_request(1), NOW)
    await on.requests.cancel(request.id, NOW)
    assert await on.assignments.write([placement(request, slots()[0])], "job-1", NOW, NOTICES) == {
        request.id: Outcome.GONE
    }
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {}  # rolled back, row and all
    assert await on.messages() == []


# -- planning.ports.DrawClaims -----------------------------------------------------------------


async def test_a_day_is_claimed_once_until_finished_or_stale_and_keeps_its_first_seed(on: Adapters):
    stale = timedelta(minutes=2)
    assert await on.claims.claim(DAY, "first", NOW, stale) == "first"
    assert await on.claims.claim(DAY, "second", NOW + timedelta(minutes=1), stale) is None
    assert await on.claims.claim(DAY, "third", NOW + timedelta(minutes=3), stale) == "first"  # stale
    await on.claims.finish(DAY, 5, 4, NOW + timedelta(minutes=4))
    assert await on.claims.claim(DAY, "fourth", NOW + timedelta(minutes=5), stale) == "first"
    assert await on.claims.claim(DAY + timedelta(days=1), "other", NOW, stale) == "other"


# -- planning.ports.Plans ----------------------------------------------------------------------


async def test_a_plan_is_kept_as_previewed_and_applied_once(on: Adapters):
    row = await on.plans.save(ABBASSIA.id, DAY, DAY, {"moves": [], "unplaced": []}, "manager", NOW)
    assert (row["status"], row["plan"], row["result"], row["applied_at"]) == (
        "preview",
        {"moves": [], "unplaced": []},
        None,
        None,
    )
    assert await on.plans.get(row["id"]) == row and await on.plans.get("nothing") is None
    assert await on.plans.claim(row["id"], NOW) and not await on.plans.claim(row["id"], NOW)
    await on.plans.record_result(row["id"], {"moved": 0})
    applied = await on.plans.get(row["id"])
    assert (applied["status"], applied["result"], applied["applied_at"]) == ("applied", {"moved": 0}, NOW)


async def test_a_plan_moves_and_cancels_confirmed_bookings_with_their_messages(on: Adapters):
    first, second = slots()[:2]
    bookings = [await on.bookings.create(new_booking(n, first), NOW) for n in range(2)]
    elsewhere = await on.bookings.create(new_booking(5, slots(GIZA.id)[0]), NOW)
    assert await on.plans.confirmed_between(ABBASSIA.id, DAY, DAY) == bookings
    cause = ("a repair", "إصلاح")

    def told(after: Booking) -> OutboxMessage:
        return NOTICES.moved(bookings[0], after, cause)

    moved = await on.plans.move(bookings[0], move_to(second), told, NOW)
    assert moved.starts_at == second.start
    assert await refused(on.plans.move(bookings[0], move_to(second), told, NOW)) == "booking_changed"
    assert await on.plans.cancel(bookings[1], NOTICES.cancelled(bookings[1], cause), NOW)
    assert not await on.plans.cancel(bookings[1], NOTICES.cancelled(bookings[1], cause), NOW)
    assert [(m.kind, m.office_id) for m in await on.messages()] == [
        ("booking_moved", ABBASSIA.id),
        ("booking_cancelled", ABBASSIA.id),
    ]
    assert await on.plans.confirmed_between(ABBASSIA.id, DAY, DAY) == [moved]
    assert await on.plans.confirmed_between(GIZA.id, DAY, DAY) == [elsewhere]
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {
        first.start: (2, 0),
        second.start: (2, 1),
    }


# -- planning.ports.Jobs -----------------------------------------------------------------------


async def test_a_job_moves_forward_only(on: Adapters):
    job = await on.jobs.create("manager", {"offices": None}, NOW)
    assert (job.status, job.phase, job.progress, job.requested_by) == ("queued", "queued", 0.0, "manager")
    assert await on.jobs.start(job.id, NOW)
    assert await on.jobs.report(job.id, 0.5, "solving", NOW)
    assert await on.jobs.touch(job.id, NOW)
    running = await on.jobs.get(job.id, NOW)
    assert (running.status, running.progress, running.phase) == ("running", 0.5, "solving")
    assert await on.jobs.finish(job.id, {"assigned": 3}, NOW)
    assert not await on.jobs.fail(job.id, "too late", NOW) and not await on.jobs.start(job.id, NOW)
    done = await on.jobs.get(job.id, NOW)
    assert (done.status, done.result, done.progress, done.error) == ("done", {"assigned": 3}, 1.0, None)
    assert await on.jobs.get("nothing", NOW) is None


async def test_a_silent_live_job_reads_as_interrupted_and_a_finished_one_does_not(on: Adapters):
    live = await on.jobs.create("manager", {}, NOW)
    finished = await on.jobs.create("manager", {}, NOW)
    await on.jobs.finish(finished.id, {}, NOW)
    on.jobs.stale_after = timedelta(milliseconds=200)
    assert (await on.jobs.get(live.id, NOW)).status == "queued"  # heard from just now
    await asyncio.sleep(0.4)  # by the database's clock: time must really pass
    silent = await on.jobs.get(live.id, NOW)
    assert (silent.status, silent.error, silent.finished_at) == ("failed", "interrupted", NOW)
    assert (await on.jobs.get(finished.id, NOW)).status == "done"
