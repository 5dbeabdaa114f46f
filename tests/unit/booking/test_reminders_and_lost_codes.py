"""The evening reminders and lost codes sent again, on fakes: who is texted, and never twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from booking.identity import Identity, IdentityType
from booking.recovery import CodeRecovery
from booking.reminders import BATCH, Reminders
from tests.fakes.notice_ledgers import FakeNoticeLedger
from tests.unit.booking.conftest import CITIZEN, OTHER, World

SITE = "https://mawid.example"


def _evening_before(day) -> datetime:
    """18:00 in Cairo (UTC+2) the day before ``day``."""
    return datetime.combine(day - timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=16)


async def _book_on(world: World, after: int, identity: Identity, slot: int = 0, **changes: object):
    day, slots = await world.open_day(after=after)
    return day, await world.appointments.book(world.command(slots[slot].start, identity, **changes))


async def test_the_reminder_goes_to_tomorrows_confirmed_bookings_only_and_once(world: World):
    day, mine = await _book_on(world, 3, CITIZEN)
    _, theirs = await _book_on(world, 3, OTHER, slot=1)
    _, later = await _book_on(world, 5, Identity(IdentityType.NATIONAL_ID, "28811110198765", "EGY"))
    await world.appointments.cancel(theirs.code, OTHER.number)
    ledger = FakeNoticeLedger(world.bookings)
    reminders = Reminders(world.offices, ledger, world.clock, SITE)

    assert await reminders.send(_evening_before(day)) == 1
    assert [(notice.kind, booking.id) for notice, booking in ledger.posted] == [("reminder", mine.id)]
    notice = ledger.posted[0][0]
    assert mine.code in notice.sms and SITE in notice.sms and notice.lang == mine.applicant.lang
    assert later.id not in ledger.reminded

    assert await reminders.send(_evening_before(day)) == 0, "a second run reminds nobody again"
    assert len(ledger.posted) == 1


async def test_more_than_a_batch_of_bookings_is_reminded_in_several_batches(world: World):
    day, first = await _book_on(world, 3, CITIZEN)
    ledger = FakeNoticeLedger(world.bookings)
    calls: list[int] = []
    remind = ledger.remind

    async def counted(*args, **kwargs):
        calls.append(sent := await remind(*args, **kwargs))
        return sent

    ledger.remind = counted  # type: ignore[method-assign]
    # BATCH more confirmed bookings of the same office and day, written as the store keeps them.
    for n in range(BATCH):
        world.bookings.rows[first.id + 1 + n] = replace(first, id=first.id + 1 + n, code=f"X{n:07d}")
    assert await Reminders(world.offices, ledger, world.clock, SITE).send(_evening_before(day)) == BATCH + 1
    assert [n for n in calls if n] == [BATCH, 1]


async def test_a_lost_code_goes_only_to_the_mobile_the_booking_was_made_with(world: World):
    _, booking = await _book_on(world, 3, CITIZEN, phone="01012345678")
    _, other = await _book_on(world, 3, OTHER, phone="01098765432")
    ledger = FakeNoticeLedger(world.bookings)
    recovery = CodeRecovery(world.offices, ledger, world.hasher, world.clock, SITE)

    assert await recovery.recover(CITIZEN, "01098765432") == 0, "someone else's mobile gets nothing"
    assert await recovery.recover(OTHER, "01012345678") == 0
    assert ledger.posted == []

    assert await recovery.recover(CITIZEN, "01012345678") == 1
    [(notice, sent)] = ledger.posted
    assert (notice.kind, sent.id) == ("code", booking.id) and booking.code in notice.sms
    assert other.code not in notice.sms


async def test_a_cancelled_booking_code_is_not_sent_again(world: World):
    _, booking = await _book_on(world, 3, CITIZEN, phone="01012345678")
    await world.appointments.cancel(booking.code, CITIZEN.number)
    ledger = FakeNoticeLedger(world.bookings)
    recovery = CodeRecovery(world.offices, ledger, world.hasher, world.clock, SITE)
    assert await recovery.recover(CITIZEN, "01012345678") == 0


def test_the_counted_digest_is_the_keyed_one_never_the_number(world: World):
    recovery = CodeRecovery(world.offices, FakeNoticeLedger(world.bookings), world.hasher, world.clock, SITE)
    digest = recovery.digest(CITIZEN)
    assert CITIZEN.number not in digest and digest == str(world.hasher.digest(CITIZEN))
    assert recovery.digest(OTHER) != digest
