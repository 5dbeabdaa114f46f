"""One contract for each port, run on the in-memory fake and on the SQL adapter over SQLite and
PostgreSQL: what the unit tests prove on the fakes holds on the database, because the fakes
behave as the adapters do (booking's Bookings, Requests and seats held for a code, the hall's
bookings, ticket and counter archives and stranded check-ins, planning's slot rows,
assignments, draw claims, plans, jobs, capacity edits with the offices' cache, and the bookings'
trails, and foresight's History)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from booking.applicant import Applicant
from booking.booking_requests import BookingRequest, NewBookingRequest, RequestStatus
from booking.bookings import Booking, Move, NewBooking, NewVisit
from booking.calendar import Closure
from booking.capacity import Slot, day_slots
from booking.codes import new_booking_code, normalise_booking_code
from booking.demo import DEMO_OFFICES
from booking.identity import IdentityHasher
from booking.notices import BookingNotices, Notice, verification_notice
from booking.rules import BookingStatus
from booking.store.booking_requests import RequestStore
from booking.store.bookings import BookingStore
from booking.store.brokered import BrokeredStore
from booking.store.holds import KEEP_FINISHED, HoldStore
from booking.store.offices import OfficeDirectory, OfficeStore
from booking.store.slot_loads import SlotLoadStore
from booking.verification import HeldBooking, Hold, HoldStatus, VerificationPolicy
from foresight.demo_history import DemoDay, demo_office_day, past_bookings, past_tickets
from foresight.store.demo_history import write_days
from foresight.store.history import SqlHistory
from kernel.clock import FixedClock, SystemClock
from kernel.database import Database
from kernel.days import TIMEZONE
from kernel.errors import Conflict, NotFound
from messaging.outbox import SMS, Delivery, OutboxMessage
from messaging.store.outbox import OutboxStore
from planning.decisions import Outcome, Placement, Refusal
from planning.notifications import Notices
from planning.store.assignments import AssignmentStore
from planning.store.jobs import JobStore
from planning.store.rebalance_plans import PlanStore
from planning.store.release_draws import ReleaseDrawStore
from queue_display import ticket
from queue_display.archive.counter_steps import CounterArchive
from queue_display.archive.rows import archive_row, counter_from_row, counter_row, step_row, ticket_from_row
from queue_display.archive.stranded_check_ins import StrandedCheckIns
from queue_display.archive.tickets import TicketArchive
from queue_display.counter import CounterState, CounterStatus
from queue_display.ticket import Priority, Ticket, TicketKind
from tests.conftest import WORKING_MORNING, fresh_database
from tests.fakes.booking import FakeBookings, FakeOffices, FakeRequests
from tests.fakes.foresight import FakeHistory
from tests.fakes.holds import FakeHolds
from tests.fakes.planning import (
    FakeAssignments,
    FakeBookingTrails,
    FakeCapacityEdits,
    FakeDrawClaims,
    FakeJobs,
    FakeOfficeCache,
    FakePlans,
    FakeSlotLoads,
)
from tests.fakes.queue_display import FakeCounterArchive, FakeStrandedCheckIns, FakeTicketArchive

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
    cache: Any  # planning.ports.OfficeCache, on the offices ``edits`` changes
    edits: Any
    trails: Any
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
        offices = FakeOffices.of(*DEMO_OFFICES)
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
            FakeOfficeCache(offices),
            FakeCapacityEdits(offices, bookings),
            FakeBookingTrails(bookings),
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
            OfficeDirectory(OfficeStore(database), FixedClock(NOW)),  # keeps closures from a week back
            OfficeStore(database),
            BrokeredStore(database),
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


CERTIFICATE = "criminal-record-certificate"


def chain_request(n: int, first: str = CERTIFICATE, *later: str) -> NewBookingRequest:
    """A request of person ``n`` for one trip: ``first`` then ``later`` (passport renewal)."""
    return replace(new_request(n, service=first), later_services=later or (SERVICE,))


async def test_a_chain_request_keeps_its_services_and_each_counts_as_a_pending_request(on: Adapters):
    chain = await on.requests.create(chain_request(1), NOW)
    assert chain.services == (CERTIFICATE, SERVICE)
    assert await on.requests.by_id(chain.id) == chain == await on.requests.by_code(chain.code)
    assert [r.services for r in await on.requests.pending()] == [(CERTIFICATE, SERVICE)]
    # its later service, asked alone or first of another chain, is a second request for it
    assert await refused(on.requests.create(new_request(1), NOW)) == "duplicate_request"
    civil_first = chain_request(1, "civil-certificate")
    assert await refused(on.requests.create(civil_first, NOW)) == "duplicate_request"
    # and a chain whose later service is already pending alone too
    await on.requests.create(new_request(2), NOW)
    assert await refused(on.requests.create(chain_request(2), NOW)) == "duplicate_request"
    # another person, or the same after cancelling, may
    assert (await on.requests.create(chain_request(3), NOW)).later_services == (SERVICE,)
    await on.requests.cancel(chain.id, NOW)
    assert (await on.requests.create(new_request(1), NOW)).status is RequestStatus.PENDING


async def test_a_chain_request_is_refused_for_a_later_service_already_booked(on: Adapters):
    await on.bookings.create(new_booking(1, slots()[0]), NOW)
    assert await refused(on.requests.create(chain_request(1), NOW)) == "duplicate_booking"


async def test_two_chains_sharing_a_later_service_made_at_once_keep_one(on: Adapters):
    made = await asyncio.gather(
        on.requests.create(chain_request(1), NOW),
        on.requests.create(chain_request(1, "civil-certificate"), NOW),
        return_exceptions=True,
    )
    refusals = [m.code for m in made if isinstance(m, Conflict)]
    assert refusals == ["duplicate_request"] and len(await on.requests.pending()) == 1


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


# -- planning.ports.CapacityEdits and OfficeCache ----------------------------------------------


async def test_a_closure_restates_its_days_slot_rows_and_is_seen_once_the_cache_is_dropped(on: Adapters):
    first, tuesday = slots()[0], slots(day=DAY + timedelta(days=1))[0]
    for n in range(2):
        await on.bookings.create(new_booking(n, first, capacity=first.capacity), NOW)
    await on.bookings.create(replace(new_booking(5, tuesday, capacity=2), day=tuesday.start.date()), NOW)
    assert await on.cache.closures(ABBASSIA.id) == ()
    closure = Closure(ABBASSIA.id, DAY, reason_en="a repair", reason_ar="إصلاح")
    await on.edits.add_closure(closure, NOW, "staff:mona")
    on.cache.invalidate()
    assert await on.cache.closures(ABBASSIA.id) == (closure,)
    office = await on.cache.office(ABBASSIA.id)
    assert await on.cache.day_slots(office, SERVICE, DAY) == []
    assert await on.loads.between([ABBASSIA.id], DAY, DAY + timedelta(days=1)) == {
        (ABBASSIA.id, SERVICE, first.start): (0, 2),
        (ABBASSIA.id, SERVICE, tuesday.start): (2, 1),  # another day: as its booking wrote it
    }
    assert await on.edits.remove_closures(ABBASSIA.id, DAY, NOW, "staff:karim") == 1
    assert await on.edits.remove_closures(ABBASSIA.id, DAY, NOW, "staff:karim") == 0
    on.cache.invalidate()
    assert await on.cache.closures(ABBASSIA.id) == ()
    assert await on.loads.between([ABBASSIA.id], DAY, DAY) == {
        (ABBASSIA.id, SERVICE, first.start): (first.capacity, 2)
    }


async def test_the_same_closure_twice_is_refused_and_another_of_that_day_is_not(on: Adapters):
    closure = Closure(ABBASSIA.id, DAY, reason_en="a repair", reason_ar="إصلاح")
    await on.edits.add_closure(closure, NOW, "staff:mona")
    with pytest.raises(Conflict) as refused:
        await on.edits.add_closure(replace(closure, reason_en="", reason_ar=""), NOW, "staff:mona")
    assert refused.value.code == "closure_exists"
    office = await on.cache.office(ABBASSIA.id)
    counter = office.counters[0].id
    await on.edits.add_closure(Closure(ABBASSIA.id, DAY, counter_id=counter), NOW, "staff:mona")
    assert await on.edits.remove_closures(ABBASSIA.id, DAY, NOW, "staff:karim") == 2
    await on.edits.add_closure(closure, NOW, "staff:mona")  # ended, it may be made again


async def test_a_counter_edited_restates_the_rows_from_its_day_on_and_another_is_refused(on: Adapters):
    office, giza = await on.cache.office(ABBASSIA.id), await on.cache.office(GIZA.id)
    counter = next(c for c in office.counters if SERVICE in c.services)
    first, sunday = slots()[0], slots(day=DAY - timedelta(days=1))[0]
    await on.bookings.create(new_booking(1, first, capacity=first.capacity), NOW)
    await on.bookings.create(replace(new_booking(2, sunday, capacity=9), day=sunday.start.date()), NOW)
    assert await on.edits.update_counter(ABBASSIA.id, counter.id, False, counter.services, DAY)
    on.cache.invalidate()
    edited = await on.cache.office(ABBASSIA.id)
    assert [c.active for c in edited.counters] == [c.id != counter.id for c in office.counters]
    cut = next((s.capacity for s in day_slots(edited, SERVICE, DAY) if s.start == first.start), 0)
    assert cut < first.capacity
    assert await on.loads.between([ABBASSIA.id], DAY - timedelta(days=1), DAY) == {
        (ABBASSIA.id, SERVICE, first.start): (cut, 1),
        (ABBASSIA.id, SERVICE, sunday.start): (9, 1),  # before the edit's day: left as it was
    }
    foreign = next(c.id for c in office.counters if c.id not in {g.id for g in giza.counters})
    assert not await on.edits.update_counter(GIZA.id, foreign, False, counter.services, DAY)
    assert not await on.edits.update_counter(ABBASSIA.id, 10**6, False, counter.services, DAY)
    on.cache.invalidate()
    assert await on.cache.office(GIZA.id) == giza


# -- planning.ports.BookingTrails --------------------------------------------------------------


async def test_the_trails_hold_what_was_made_or_moved_in_the_range_and_what_was_made_then_cancelled(
    on: Adapters,
):
    earlier, later = NOW - timedelta(hours=2), NOW + timedelta(minutes=10)
    free = iter(slots())

    async def book(n: int, at: datetime) -> Booking:
        return await on.bookings.create(new_booking(n, next(free)), at)

    made_in = await book(1, NOW)
    await book(2, earlier)  # made before the range, never moved
    cancelled_in, cancelled_before = await book(3, later), await book(4, earlier)
    moved_in, moved_before, moved_then_cancelled = (
        await book(5, earlier),
        await book(6, earlier),
        await book(7, earlier),
    )
    checked_in = await book(8, later)
    for booking in (cancelled_in, cancelled_before):
        await on.bookings.cancel(booking, later)
    await on.trails.note_move(moved_in.id, "m" * 64, NOW + timedelta(minutes=5))
    await on.trails.note_move(moved_before.id, "m" * 64, NOW - timedelta(hours=1))
    await on.trails.note_move(moved_then_cancelled.id, None, NOW + timedelta(minutes=5))
    await on.bookings.cancel(moved_then_cancelled, later)
    await on.bookings.set_status(checked_in.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, later)

    found = await on.trails.between(NOW, NOW + timedelta(hours=1))
    assert [b.id for b in found] == sorted(b.id for b in (made_in, cancelled_in, moved_in, checked_in))
    moved = next(b for b in found if b.id == moved_in.id)
    assert (moved.moved_at, moved.moved_address, moved.created_at) == (
        NOW + timedelta(minutes=5),
        "m" * 64,
        earlier,
    )
    assert [b.status for b in found if b.id == cancelled_in.id] == [BookingStatus.CANCELLED]
    codes = [made_in.code, cancelled_before.code, "NOSUCHCODE"]
    assert sorted(b.code for b in await on.trails.by_codes(codes)) == sorted(codes[:2])
    assert await on.trails.by_codes([]) == []


# -- queue_display.ports.TicketHistory, CounterHistory and StrandedBookings ----------------------

CAIRO = ZoneInfo(TIMEZONE)
OPENS = datetime.combine(DAY, time(8), CAIRO)


@dataclass
class Archives:
    """The hall's archives, on the same backend as ``on`` (its bookings included)."""

    tickets: Any  # queue_display.ports.TicketHistory
    counters: Any  # queue_display.ports.CounterHistory
    stranded: Any  # queue_display.ports.StrandedBookings


@pytest.fixture
async def archives(backend: str | None, on: Adapters) -> AsyncIterator[Archives]:
    if backend is None:
        tickets = FakeTicketArchive()
        yield Archives(tickets, FakeCounterArchive(), FakeStrandedCheckIns(on.bookings, tickets))
        return
    database = Database(backend)
    try:
        yield Archives(TicketArchive(database), CounterArchive(database), StrandedCheckIns(database))
    finally:
        await database.dispose()


def issued(
    sequence: int, minutes: int, office_id: str = ABBASSIA.id, day: date = DAY, code: str | None = None
) -> Ticket:
    """A waiting ticket issued ``minutes`` after the office opened on ``DAY`` (an appointment's
    when it has a booking code)."""
    return ticket.new_ticket(
        ticket_id=uuid.uuid4().hex,
        office_id=office_id,
        day=day,
        sequence=sequence,
        prefix="R",
        service=SERVICE,
        kind=TicketKind.APPOINTMENT if code else TicketKind.WALK_IN,
        priority=Priority.NONE,
        now=OPENS + timedelta(minutes=minutes),
        booking_code=code,
        slot_start=OPENS if code else None,
    )


async def archive(archives: Archives, *tickets: Ticket, action: str = "step") -> None:
    now = OPENS + timedelta(hours=1)
    await archives.tickets.record(
        [archive_row(t, now) for t in tickets], [step_row(t, action, "agent.abbassia", now) for t in tickets]
    )


async def test_a_ticket_is_read_back_as_it_last_stood_and_never_moves_back(archives: Archives):
    waiting = issued(1, 0)
    called = ticket.call(waiting, "4", OPENS + timedelta(minutes=6))
    done = ticket.complete(ticket.start(called, OPENS + timedelta(minutes=7)), OPENS + timedelta(minutes=19))
    for step in (waiting, called, done, called):  # the last, a late report of an older step
        await archive(archives, step)
    [row] = await archives.tickets.of_day(ABBASSIA.id, DAY)
    assert ticket_from_row(row, CAIRO) == done
    assert (row["wait_seconds"], row["service_seconds"]) == (360.0, 720.0)


async def test_the_day_s_tickets_of_the_office_are_read_in_issue_order(archives: Archives):
    first, second = issued(1, 0), issued(2, 3)
    gone, successor = ticket.transfer(first, "passport-new", uuid.uuid4().hex, OPENS + timedelta(minutes=9))
    others = issued(1, 1, office_id=GIZA.id), issued(1, 2, day=DAY + timedelta(days=1))
    await archive(archives, successor, second, gone, *others)
    rows = await archives.tickets.of_day(ABBASSIA.id, DAY)
    assert [row["id"] for row in rows] == [first.id, successor.id, second.id]
    assert await archives.tickets.of_day(ABBASSIA.id, DAY - timedelta(days=1)) == []


async def test_each_counter_s_last_state_is_its_newest_step_in_the_office(archives: Archives):
    def state(label: str, status: CounterStatus, *services: str) -> CounterState:
        return CounterState(label, status, frozenset(services))

    steps = [
        (ABBASSIA.id, state("2", CounterStatus.OPEN, SERVICE)),
        (ABBASSIA.id, state("1", CounterStatus.OPEN, SERVICE, "passport-new")),
        (GIZA.id, state("1", CounterStatus.CLOSED, SERVICE)),
        (ABBASSIA.id, state("2", CounterStatus.PAUSED, SERVICE)),
        (ABBASSIA.id, state("1", CounterStatus.CLOSED, "passport-new")),
    ]
    for minutes, (office_id, counter) in enumerate(steps):
        await archives.counters.record(
            counter_row(office_id, counter, "agent", OPENS + timedelta(minutes=minutes))
        )
    last = await archives.counters.last_states(ABBASSIA.id)
    assert [(counter_from_row(row), row["staff"], row["at"]) for row in last] == [
        (state("1", CounterStatus.CLOSED, "passport-new"), "agent", OPENS + timedelta(minutes=4)),
        (state("2", CounterStatus.PAUSED, SERVICE), "agent", OPENS + timedelta(minutes=3)),
    ]
    [theirs] = await archives.counters.last_states(GIZA.id)
    assert counter_from_row(theirs) == state("1", CounterStatus.CLOSED, SERVICE)


async def checked_in(on: Adapters, n: int, slot: Slot, day: date = DAY) -> Booking:
    booking = await on.bookings.create(replace(new_booking(n, slot), day=day), NOW)
    assert await on.bookings.set_status(booking.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, NOW)
    return booking


async def test_a_check_in_without_an_archived_ticket_is_stranded_until_released(
    on: Adapters, archives: Archives
):
    stranded = await checked_in(on, 1, slots()[0])
    with_ticket = await checked_in(on, 2, slots()[0])
    await archive(archives, issued(1, 0, code=with_ticket.code))
    await on.bookings.create(new_booking(3, slots()[1]), NOW)  # confirmed: not checked in
    tomorrow = DAY + timedelta(days=1)
    await checked_in(on, 4, slots(day=tomorrow)[0], day=tomorrow)
    await checked_in(on, 5, slots(GIZA.id)[0])
    [found] = await archives.stranded.find(ABBASSIA.id, DAY)
    assert (found.booking_id, found.code, found.day) == (stranded.id, stranded.code, DAY)
    assert await archives.stranded.release(found, NOW)
    assert (await on.bookings.by_id(stranded.id)).status is BookingStatus.CONFIRMED
    assert not await archives.stranded.release(found, NOW)  # no longer checked in
    assert await archives.stranded.find(ABBASSIA.id, DAY) == []


async def test_a_stranded_check_in_whose_ticket_is_archived_meanwhile_stays_checked_in(
    on: Adapters, archives: Archives
):
    booking = await checked_in(on, 1, slots()[0])
    [found] = await archives.stranded.find(ABBASSIA.id, DAY)
    await archive(archives, issued(1, 0, code=booking.code), action="check_in")  # another process
    assert not await archives.stranded.release(found, NOW)
    assert (await on.bookings.by_id(booking.id)).status is BookingStatus.CHECKED_IN


# -- booking.ports.BookingHolds ----------------------------------------------------------------

VERIFYING = VerificationPolicy()


async def _confirmations() -> BookingNotices:
    return BookingNotices(OFFICES, "https://mawid.test")


@dataclass
class Holds:
    """The seats held for a code, on the same backend as ``on`` (its bookings and slot rows)."""

    store: Any  # booking.ports.BookingHolds
    messages: Callable[[], Awaitable[Sequence[OutboxMessage | Delivery]]]
    """What the holds posted: the codes by SMS, and the confirmations of the bookings made."""


@pytest.fixture
async def holds(backend: str | None, on: Adapters) -> AsyncIterator[Holds]:
    if backend is None:
        fake = FakeHolds(on.bookings, notices=_confirmations)

        async def sent() -> list[OutboxMessage]:
            return list(fake.outbox)

        yield Holds(fake, sent)
        return
    database = Database(backend)
    try:
        yield Holds(HoldStore(database, notices=_confirmations), lambda: _sms(OutboxStore(database)))
    finally:
        await database.dispose()


def hold_for(n: int, slot: Slot, capacity: int = 2, at: datetime = NOW) -> tuple[NewBooking, Hold, Notice]:
    """Person ``n``'s booking of ``slot``, a hold of it started ``at``, and the notice of its code."""
    code = f"{n:06d}"
    return (
        new_booking(n, slot, capacity=capacity),
        Hold.start(b"key", code, at, VERIFYING),
        verification_notice(code, "en"),
    )


def posted(
    messages: Sequence[OutboxMessage | Delivery],
) -> list[tuple[str, str, str | None, str | None, str]]:
    """(kind, mobile, office, booking code, text) of each message posted, oldest first."""
    return [
        (m.kind, m.phone, m.office_id, m.booking_code, m.message if isinstance(m, OutboxMessage) else m.text)
        for m in messages
    ]


async def status_of(holds: Holds, hold: Hold) -> HoldStatus | None:
    found = await holds.store.find(hold.hold_id)
    return found.hold.status if found is not None else None


async def test_a_held_seat_counts_in_its_slot_and_its_code_goes_to_the_mobile(on: Adapters, holds: Holds):
    slot = slots()[0]
    new, hold, notice = hold_for(1, slot, capacity=1)
    assert await holds.store.start(new, hold, notice, NOW) == []
    assert await holds.store.find(hold.hold_id) == HeldBooking(hold, new)
    assert await holds.store.find("no-such-hold") is None
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (1, 1)}
    assert await on.bookings.by_code(new.code) is None  # held, not booked
    theirs, their_hold, their_notice = hold_for(2, slot, capacity=1)
    assert await refused(holds.store.start(theirs, their_hold, their_notice, NOW)) == "slot_full"
    assert await holds.store.find(their_hold.hold_id) is None
    assert posted(await holds.messages()) == [
        ("verification", new.applicant.phone, ABBASSIA.id, None, notice.sms)
    ]


async def test_a_new_hold_of_the_person_and_service_drops_the_last_unless_it_is_refused(
    on: Adapters, holds: Holds
):
    first, second, third = slots()[:3]
    new, hold, notice = hold_for(1, first)
    await holds.store.start(new, hold, notice, NOW)
    again, newer, newer_notice = hold_for(1, second)
    assert await holds.store.start(again, newer, newer_notice, NOW) == [(ABBASSIA.id, SERVICE)]
    assert (await status_of(holds, hold), await status_of(holds, newer)) == (
        HoldStatus.DROPPED,
        HoldStatus.AWAITING,
    )
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {
        first.start: (2, 0),
        second.start: (2, 1),
    }
    await on.bookings.create(new_booking(1, third), NOW)  # the person books the service directly
    latest, last_hold, last_notice = hold_for(1, first)
    assert await refused(holds.store.start(latest, last_hold, last_notice, NOW)) == "duplicate_booking"
    assert await status_of(holds, newer) == HoldStatus.AWAITING  # the refusal undid the drop
    assert (await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW))[second.start] == (2, 1)
    assert len(await holds.messages()) == 2


async def test_a_confirmed_hold_becomes_its_booking_once_with_its_confirmation(on: Adapters, holds: Holds):
    slot = slots()[0]
    new, hold, notice = hold_for(1, slot, capacity=1)
    await holds.store.start(new, hold, notice, NOW)
    later = NOW + timedelta(minutes=2)
    booking = await holds.store.confirm(HeldBooking(hold, new), later)
    assert (booking.code, booking.status, booking.starts_at, booking.created_at) == (
        new.code,
        BookingStatus.CONFIRMED,
        slot.start,
        later,
    )
    assert await on.bookings.by_code(new.code) == booking
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (1, 1)}
    assert await status_of(holds, hold) == HoldStatus.CONFIRMED
    kinds = [(kind, code) for kind, _, _, code, _ in posted(await holds.messages())]
    assert kinds == [("verification", None), ("booked", new.code)]
    with pytest.raises(NotFound):
        await holds.store.confirm(HeldBooking(hold, new), later)
    assert await holds.store.drop(hold.hold_id) == []
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (1, 1)}


async def test_a_hold_whose_time_is_up_is_not_confirmed_even_before_a_sweep(holds: Holds):
    new, hold, notice = hold_for(1, slots()[0])
    await holds.store.start(new, hold, notice, NOW)
    with pytest.raises(NotFound):
        await holds.store.confirm(HeldBooking(hold, new), hold.expires_at)
    assert await status_of(holds, hold) == HoldStatus.AWAITING  # until a sweep expires it


async def test_a_booking_refused_at_confirm_leaves_the_hold_until_it_is_dropped(on: Adapters, holds: Holds):
    first, second = slots()[:2]
    new, hold, notice = hold_for(1, first)
    await holds.store.start(new, hold, notice, NOW)
    await on.bookings.create(new_booking(1, second), NOW)  # the same service, booked meanwhile
    assert await refused(holds.store.confirm(HeldBooking(hold, new), NOW)) == "duplicate_booking"
    assert await status_of(holds, hold) == HoldStatus.AWAITING
    assert (await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW))[first.start] == (2, 1)
    assert [kind for kind, *_ in posted(await holds.messages())] == ["verification"]
    assert await holds.store.drop(hold.hold_id) == [(ABBASSIA.id, SERVICE)]
    assert await holds.store.drop(hold.hold_id) == []
    assert (await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW))[first.start] == (2, 0)
    assert await status_of(holds, hold) == HoldStatus.DROPPED


async def test_wrong_codes_and_resends_are_written_only_onto_the_hold_as_it_was_read(
    on: Adapters, holds: Holds
):
    slot = slots()[0]
    new, hold, notice = hold_for(1, slot)
    await holds.store.start(new, hold, notice, NOW)
    once = replace(hold, wrong=1)
    assert await holds.store.record(hold, once)
    assert not await holds.store.record(hold, once)  # read before the first was counted
    dropped = replace(once, wrong=2, status=HoldStatus.DROPPED)
    assert await holds.store.record(once, dropped)
    assert not await holds.store.record(dropped, replace(dropped, wrong=3))  # no longer awaiting
    assert (await holds.store.find(hold.hold_id)).hold == dropped
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (2, 0)}

    theirs, their_hold, their_notice = hold_for(2, slot)
    await holds.store.start(theirs, their_hold, their_notice, NOW)
    at = NOW + timedelta(seconds=31)
    sent_again = replace(their_hold, code_digest="f" * 64, last_sent_at=at, sends=2)
    again = verification_notice("654321", "en")
    assert await holds.store.resent(their_hold, sent_again, again, theirs, at)
    assert not await holds.store.resent(
        their_hold, replace(sent_again, code_digest="e" * 64), again, theirs, at
    )
    assert (await holds.store.find(their_hold.hold_id)).hold == sent_again
    assert [text for *_, text in posted(await holds.messages())] == [notice.sms, their_notice.sms, again.sms]


async def test_a_sweep_expires_the_holds_due_once_and_forgets_finished_ones_after_a_day(
    on: Adapters, holds: Holds
):
    slot = slots()[0]
    early, early_hold, early_notice = hold_for(1, slot)
    late, late_hold, late_notice = hold_for(2, slot, at=NOW + timedelta(minutes=5))
    await holds.store.start(early, early_hold, early_notice, NOW)
    await holds.store.start(late, late_hold, late_notice, NOW + timedelta(minutes=5))
    assert await holds.store.sweep(early_hold.expires_at - timedelta(seconds=1)) == []
    assert await holds.store.sweep(early_hold.expires_at) == [(ABBASSIA.id, SERVICE)]
    assert await holds.store.sweep(early_hold.expires_at) == []
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (2, 1)}
    assert await status_of(holds, early_hold) == HoldStatus.EXPIRED

    a_day_on = early_hold.expires_at + KEEP_FINISHED + timedelta(seconds=1)
    assert await holds.store.sweep(a_day_on) == [(ABBASSIA.id, SERVICE)]
    assert await holds.store.find(early_hold.hold_id) is None  # finished more than a day ago
    assert await status_of(holds, late_hold) == HoldStatus.EXPIRED  # finished, but not a day before
    assert await on.bookings.loads(ABBASSIA.id, SERVICE, DAY, DAY, NOW) == {slot.start: (2, 0)}


# -- foresight.history.History ------------------------------------------------------------------

HISTORY_TODAY = DAY + timedelta(days=2)
HISTORY_DAYS = [(ABBASSIA, 0, DAY + timedelta(days=n)) for n in (-1, 0, 1)] + [(GIZA, 3, DAY)]


@pytest.fixture(scope="module")
def past_days() -> list[DemoDay]:
    """A few simulated days (``foresight.demo_history``): three of Abbassia's, one of Giza's."""
    return [demo_office_day(office, n, day, HISTORY_TODAY) for office, n, day in HISTORY_DAYS]


@pytest.fixture
async def history(backend: str | None, past_days: list[DemoDay]) -> AsyncIterator[Any]:
    if backend is None:
        yield FakeHistory(past_tickets(past_days), past_bookings(past_days))
        return
    database = Database(backend)
    try:
        await write_days(database, past_days, IdentityHasher.from_secret("h" * 40), NOW)
        yield SqlHistory(database)
    finally:
        await database.dispose()


def _of(past: Sequence[Any], office_id: str, first: date, last: date) -> Counter[Any]:
    return Counter(p for p in past if p.office_id == office_id and first <= p.day <= last)


async def test_history_reads_an_office_s_days_inclusive_oldest_first(history: Any, past_days: list[DemoDay]):
    tickets = await history.tickets(ABBASSIA.id, DAY, DAY + timedelta(days=1))
    assert Counter(tickets) == _of(past_tickets(past_days), ABBASSIA.id, DAY, DAY + timedelta(days=1))
    assert [(t.day, t.queued_at) for t in tickets] == sorted((t.day, t.queued_at) for t in tickets)
    bookings = await history.bookings(ABBASSIA.id, DAY - timedelta(days=1), DAY)
    assert Counter(bookings) == _of(past_bookings(past_days), ABBASSIA.id, DAY - timedelta(days=1), DAY)
    assert [(b.day, b.starts_at) for b in bookings] == sorted((b.day, b.starts_at) for b in bookings)
    assert {b.day for b in bookings} == {DAY - timedelta(days=1), DAY}


async def test_history_keeps_offices_and_windows_apart(history: Any, past_days: list[DemoDay]):
    giza = await history.tickets(GIZA.id, DAY - timedelta(days=7), DAY + timedelta(days=7))
    assert giza and {t.office_id for t in giza} == {GIZA.id} and {t.day for t in giza} == {DAY}
    assert await history.tickets(ABBASSIA.id, HISTORY_TODAY, HISTORY_TODAY + timedelta(days=9)) == []
    assert await history.bookings(GIZA.id, DAY + timedelta(days=1), DAY + timedelta(days=9)) == []


async def test_history_carries_no_personal_data(history: Any):
    personal = {"identity_hash", "identity_last4", "full_name", "phone", "email", "code", "booking_code"}
    [ticket, *_] = await history.tickets(ABBASSIA.id, DAY, DAY)
    [booking, *_] = await history.bookings(ABBASSIA.id, DAY, DAY)
    for past in (ticket, booking):
        assert not personal & {f.name for f in fields(past)}


# -- chains: one trip, several services (booking.chains) -------------------------------------

CERTIFICATE = "criminal-record-certificate"


def new_chain(n: int, index: int = 0, capacity: int = 2, later_capacity: int = 2) -> NewBooking:
    """Person ``n``'s chain at ABBASSIA: a certificate at its ``index``-th slot, then SERVICE at
    the slot that follows."""
    first = day_slots(ABBASSIA, CERTIFICATE, DAY)[index]
    second = next(slot for slot in slots() if slot.start == first.end)
    later = NewVisit(SERVICE, second.start, second.end, later_capacity)
    return replace(new_booking(n, first, service=CERTIFICATE, capacity=capacity), later_visits=(later,))


async def taken(on: Adapters, service: str, start: datetime) -> int:
    return (await on.bookings.loads(ABBASSIA.id, service, DAY, DAY, NOW)).get(start, (0, 0))[1]


async def test_a_chain_takes_a_seat_in_every_visits_slot_and_reads_back_with_its_visits(on: Adapters):
    new = new_chain(1)
    booking = await on.bookings.create(new, NOW)
    assert booking.services == (CERTIFICATE, SERVICE)
    assert booking.later_visits == tuple(seat.visit for seat in new.later_visits)
    assert await on.bookings.by_code(booking.code) == booking == await on.bookings.by_id(booking.id)
    assert [await taken(on, seat.service, seat.starts_at) for seat in new.seats] == [1, 1]


async def test_a_chain_whose_later_slot_is_full_takes_no_seat_at_all(on: Adapters):
    new = new_chain(1, later_capacity=1)
    later = new.later_visits[0]
    second = Slot(ABBASSIA.id, SERVICE, later.starts_at, later.ends_at, 1)
    await on.bookings.create(new_booking(2, second, capacity=1), NOW)
    assert await refused(on.bookings.create(new, NOW)) == "slot_full"
    assert await taken(on, CERTIFICATE, new.starts_at) == 0
    assert await on.bookings.by_code(new.code) is None
    assert (await on.bookings.create(new_booking(1, slots()[5]), NOW)).services == (SERVICE,)  # no hold left


async def test_one_active_booking_per_service_holds_across_chains_and_the_limit_counts_services(
    on: Adapters,
):
    await on.bookings.create(new_chain(1), NOW)
    assert await refused(on.bookings.create(new_booking(1, slots()[4]), NOW)) == "duplicate_booking"
    certificate = day_slots(ABBASSIA, CERTIFICATE, DAY)[6]
    assert await refused(on.bookings.create(new_booking(1, certificate, service=CERTIFICATE), NOW)) == (
        "duplicate_booking"
    )
    await on.bookings.create(new_booking(1, slots()[4], service="passport-new"), NOW)
    civil = day_slots(ABBASSIA, "civil-certificate", DAY)[6]
    with pytest.raises(Conflict) as limit:
        await on.bookings.create(new_booking(1, civil, service="civil-certificate"), NOW)
    assert limit.value.code == "booking_limit" and "services" in limit.value.detail_en


async def test_cancelling_a_chain_frees_every_seat_and_every_service(on: Adapters):
    new = new_chain(1)
    booking = await on.bookings.create(new, NOW)
    cancelled = await on.bookings.cancel(booking, NOW)
    assert cancelled is not None and cancelled.later_visits == booking.later_visits
    assert [await taken(on, seat.service, seat.starts_at) for seat in new.seats] == [0, 0]
    assert (await on.bookings.create(new_booking(1, slots()[4]), NOW)).status is BookingStatus.CONFIRMED
    assert (await on.bookings.create(new_chain(2), NOW)).status is BookingStatus.CONFIRMED


async def test_a_chain_moves_whole_or_not_at_all(on: Adapters):
    new, there = new_chain(1), new_chain(1, index=4)
    booking = await on.bookings.create(new, NOW)
    first_there = Slot(ABBASSIA.id, CERTIFICATE, there.starts_at, there.ends_at, 2)
    assert await refused(on.bookings.reschedule(booking, move_to(first_there), NOW)) == "chain_moves_whole"
    assert await on.bookings.by_id(booking.id) == booking
    moved = await on.bookings.reschedule(
        booking, replace(move_to(first_there), later_visits=there.later_visits), NOW
    )
    assert [v.starts_at for v in moved.visits] == [seat.starts_at for seat in there.seats]
    assert await on.bookings.by_code(booking.code) == moved
    assert [await taken(on, seat.service, seat.starts_at) for seat in new.seats] == [0, 0]
    assert [await taken(on, seat.service, seat.starts_at) for seat in there.seats] == [1, 1]


async def test_a_chain_leaving_active_gives_its_services_back_but_keeps_its_seats(on: Adapters):
    new = new_chain(1)
    booking = await on.bookings.create(new, NOW)
    assert await on.bookings.set_status(booking.id, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, NOW)
    assert await refused(on.bookings.create(new_booking(1, slots()[4]), NOW)) == "duplicate_booking"
    assert await on.bookings.set_status(booking.id, BookingStatus.CHECKED_IN, BookingStatus.SERVED, NOW)
    assert (await on.bookings.create(new_booking(1, slots()[4]), NOW)).status is BookingStatus.CONFIRMED
    assert [await taken(on, seat.service, seat.starts_at) for seat in new.seats] == [1, 1]


async def test_a_held_chain_holds_every_seat_until_confirmed_or_dropped(on: Adapters, holds: Holds):
    new = new_chain(1)
    _, hold, notice = hold_for(1, slots()[0])
    await holds.store.start(new, hold, notice, NOW)
    assert await holds.store.find(hold.hold_id) == HeldBooking(hold, new)
    assert [await taken(on, seat.service, seat.starts_at) for seat in new.seats] == [1, 1]
    assert sorted(await holds.store.drop(hold.hold_id)) == sorted(
        [(ABBASSIA.id, CERTIFICATE), (ABBASSIA.id, SERVICE)]
    )
    assert [await taken(on, seat.service, seat.starts_at) for seat in new.seats] == [0, 0]
    again = new_chain(2)
    _, second, notice = hold_for(2, slots()[0])
    await holds.store.start(again, second, notice, NOW)
    booking = await holds.store.confirm(HeldBooking(second, again), NOW)
    assert booking.services == (CERTIFICATE, SERVICE)
    assert [await taken(on, seat.service, seat.starts_at) for seat in again.seats] == [1, 1]
