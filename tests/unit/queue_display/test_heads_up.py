"""What a heads-up needs for its ticket as it stands: a "close" text once the place reaches the
count asked for (and the ticket can be called), a "called" text once, nothing after the end."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from queue_display import ticket
from queue_display.heads_up import NOTHING, Due, HeadsUp, Text, due, message
from tests.unit.queue_display.factories import appointment, at, walk_in

ASKED = HeadsUp(
    1, "w1", "giza", date(2026, 12, 6), "+201012345678", "en", ahead=2, near_sent=False, called_sent=False
)


def test_close_is_due_once_the_place_reaches_the_count_asked_for() -> None:
    waiting = walk_in(1, arrived=0)
    assert due(ASKED, waiting, position=4, is_due=True) == NOTHING  # three ahead
    assert due(ASKED, waiting, position=3, is_due=True) == Due(Text.NEAR)  # two ahead
    sent = replace(ASKED, near_sent=True)
    assert due(sent, waiting, position=1, is_due=True) == NOTHING


def test_an_early_appointment_is_not_told_it_is_close_before_its_slot() -> None:
    early = appointment(1, arrived=0, slot=60)
    assert due(ASKED, early, position=1, is_due=False) == NOTHING


def test_the_call_is_texted_once_and_ends_the_heads_up_as_does_the_end_of_the_ticket() -> None:
    called = ticket.call(walk_in(1, arrived=0), "4", at(5))
    assert due(ASKED, called, position=None, is_due=True) == Due(Text.CALLED, close=True)
    told = replace(ASKED, near_sent=True, called_sent=True)
    assert due(told, called, position=None, is_due=True) == Due(None, close=True)
    done = ticket.complete(ticket.start(called, at(6)), at(9))
    assert due(ASKED, done, position=None, is_due=True) == Due(None, close=True)
    parked = ticket.park(called, at(8))
    assert due(ASKED, parked, position=None, is_due=True) == NOTHING  # may come back


def test_the_texts_name_the_number_and_counter_in_the_citizens_language_and_never_the_mobile() -> None:
    called = ticket.call(walk_in(7, arrived=0), "4", at(5))
    english = message(Text.CALLED, called, "Giza passports", None, "en")
    arabic = message(Text.CALLED, called, "جوازات الجيزة", None, "ar")
    assert "P-007" in english and "counter 4" in english and "5678" not in english
    assert "P-007" in arabic and "٤" in arabic
    assert "012345678" not in repr(ASKED)
