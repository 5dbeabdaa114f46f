"""A lost ticket printed again, on fakes and the in-memory queue: by its booking code all day, by
its number only within ten minutes and only at its own office; only while it waits; saying no
more than the ticket did; refusing in both languages without telling a stranger anything."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kernel.errors import Conflict, DomainError, InvalidInput, NotFound
from kernel.messages import plural_category
from queue_display.counter import CounterStatus
from queue_display.estimate import TicketWait, WaitBasis
from queue_display.messages import MESSAGES
from queue_display.reprint import REPRINT_WINDOW, Reprints, ticket_number
from tests.unit.queue_display.test_kiosk import ABBASSIA, GIZA, MORNING, SERVICE, Hall, make_hall

KIOSK = "kiosk.abbassia"


def reprints(hall: Hall) -> Reprints:
    return Reprints(hall.offices, hall.queue, hall.hall, hall.clock)


@pytest.fixture
def hall() -> Hall:
    return make_hall()


async def refusal(operation: object) -> DomainError:
    with pytest.raises(DomainError) as refused:
        await operation  # type: ignore[misc]
    return refused.value


async def test_a_checked_in_booking_reprints_its_ticket_all_day_with_its_slot_as_its_turn(hall: Hall):
    booking = await hall.book(0, hour=11)
    issued = await hall.check_in(booking)
    hall.clock.advance(timedelta(hours=2))  # long past the ten minutes a number alone is good for
    again = await reprints(hall).by_booking(ABBASSIA.id, f" {booking.code.lower()} ")
    assert again.ticket == issued.ticket
    assert again.wait == TicketWait(WaitBasis.APPOINTMENT, 60, ahead=None, turn_at=booking.starts_at)


async def test_a_booking_without_a_ticket_here_today_is_refused_in_the_same_words_whatever_the_reason(
    hall: Hall,
):
    not_checked_in = await hall.book(0)
    tomorrow = await hall.book(1, day=MORNING.date() + timedelta(days=1))
    elsewhere = await hall.book(2, office=GIZA)
    await hall.kiosk.check_in(GIZA.id, elsewhere.code)  # checked in, but at another office
    details = set()
    for code in (not_checked_in.code, tomorrow.code, elsewhere.code, "ZZZZZZZZ"):
        refused = await refusal(reprints(hall).by_booking(ABBASSIA.id, code))
        assert (type(refused), refused.code) == (NotFound, "reprint_no_ticket")
        details.add((refused.detail_en.replace(code, "…"), refused.detail_ar.replace(code, "…")))
    assert len(details) == 1
    assert GIZA.name_en not in str(details)


async def test_a_walk_in_reprints_by_its_number_within_ten_minutes_at_its_own_office_only(hall: Hall):
    first = await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    second = await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    await hall.kiosk.walk_in(GIZA.id, SERVICE)  # Giza's R-001 is not Abbassia's
    hall.clock.advance(REPRINT_WINDOW)
    again = await reprints(hall).by_number(ABBASSIA.id, "r 2")
    assert again.ticket == second.ticket and again.position == 2
    assert again.wait == TicketWait(WaitBasis.NO_COUNTER, None, ahead=1)
    await hall.queue.set_counter(ABBASSIA.id, "7", CounterStatus.OPEN, {SERVICE})
    assert (await reprints(hall).by_number(ABBASSIA.id, "R-٠٠٢")).wait.basis is WaitBasis.QUEUE

    hall.clock.advance(timedelta(seconds=1))
    refused = await refusal(reprints(hall).by_number(ABBASSIA.id, first.ticket.number))
    assert (type(refused), refused.code) == (NotFound, "reprint_not_found")
    assert "10 minutes" in refused.detail_en and "R-٠٠١" in refused.detail_ar
    never = await refusal(reprints(hall).by_number(ABBASSIA.id, "R-099"))
    assert never.detail_en == refused.detail_en.replace("R-001", "R-099")


async def test_only_a_waiting_ticket_is_reprinted(hall: Hall):
    await hall.queue.set_counter(ABBASSIA.id, "7", CounterStatus.OPEN, {SERVICE})
    issued = await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    called = await hall.queue.call_next(ABBASSIA.id, "7", {SERVICE}, hall.clock.now())
    assert called is not None
    at_counter = await refusal(reprints(hall).by_number(ABBASSIA.id, issued.ticket.number))
    assert (type(at_counter), at_counter.code) == (Conflict, "ticket_already_called")
    assert "counter 7" in at_counter.detail_en and "الشباك رقم ٧" in at_counter.detail_ar
    await hall.queue.no_show(ABBASSIA.id, issued.ticket.id, hall.clock.now())
    finished = await refusal(reprints(hall).by_number(ABBASSIA.id, issued.ticket.number))
    assert (type(finished), finished.code) == (Conflict, "ticket_finished")


async def test_a_transferred_ticket_reprints_as_the_ticket_it_became(hall: Hall):
    booking = await hall.book(0, hour=9)
    issued = await hall.check_in(booking)
    change = await hall.queue.transfer(ABBASSIA.id, issued.ticket.id, "passport-new", hall.clock.now())
    assert change.transferred is not None
    await hall.hall.record(ABBASSIA.id, [change.transferred, change.ticket], (), "transfer", None)
    for again in (
        await reprints(hall).by_booking(ABBASSIA.id, booking.code),
        await reprints(hall).by_number(ABBASSIA.id, issued.ticket.number),
    ):
        assert (again.ticket.id, again.ticket.service) == (change.ticket.id, "passport-new")
        assert again.ticket.number == issued.ticket.number


async def test_a_ticket_number_is_read_as_people_type_it():
    for typed in ("P-017", "p17", " P 017 ", "P٠١٧", "P-۰۱۷", "\u2068P-017\u2069"):
        assert ticket_number(typed) == "P-017", typed
    assert ticket_number("P-1234") == "P-1234"
    for nonsense in ("", "17", "PP-17", "P-0", "P-12345", "P-1.5"):
        assert ticket_number(nonsense) is None, nonsense


async def test_a_malformed_number_is_refused_with_an_example_in_the_readers_digits(hall: Hall):
    refused = await refusal(reprints(hall).by_number(ABBASSIA.id, "17"))
    assert (type(refused), refused.code) == (InvalidInput, "invalid_ticket_number")
    assert "P-017" in refused.detail_en and "P-٠١٧" in refused.detail_ar


def test_the_refusals_arabic_plural_fits_the_window():
    """"آخر {minutes} دقائق" is Arabic's plural for 3 to 10: a longer window needs other words."""
    minutes = REPRINT_WINDOW // timedelta(minutes=1)
    assert plural_category(minutes, "ar") == "few"
    assert "{minutes} دقائق" in MESSAGES.entries["reprint_not_found"][1]
