from __future__ import annotations

import msgspec

from queue_display import events, ticket
from tests.unit.queue_display.factories import at, walk_in


def _log(*seqs: int) -> list[events.Event]:
    return [events.QueueChanged(office_id="giza", seq=s) for s in seqs]


def test_replay_gives_the_events_after_the_screens_last_seq() -> None:
    assert events.replay(_log(3, 4, 5, 6), last_seq=6, after=4) == _log(5, 6)


def test_replay_of_an_up_to_date_screen_is_empty() -> None:
    assert events.replay(_log(3, 4), last_seq=4, after=4) == []
    assert events.replay([], last_seq=0, after=0) == []


def test_replay_asks_for_a_snapshot_when_history_no_longer_reaches_back() -> None:
    assert events.replay(_log(3, 4), last_seq=4, after=1) is None
    assert events.replay(_log(3, 4), last_seq=4, after=2) == _log(3, 4)


def test_replay_asks_for_a_snapshot_when_the_screen_is_ahead_of_the_log() -> None:
    assert events.replay(_log(1, 2), last_seq=2, after=7) is None


def test_call_is_announced_in_arabic_then_english() -> None:
    called = ticket.call(walk_in(17, arrived=0), "5", at(3))
    [event, queue] = events.for_change(walk_in(17, arrived=0), called)
    assert isinstance(event, events.Called) and isinstance(queue, events.QueueChanged)
    assert event.announce == events.Announce(
        ar="التذكرة رقم P-017، يرجى التوجه إلى الشباك رقم 5.",
        en="Ticket P-017, please go to counter 5.",
    )
    assert event.counter == "5"


def test_starting_service_tells_the_screens_nothing() -> None:
    called = ticket.call(walk_in(1, arrived=0), "5", at(3))
    assert events.for_change(called, ticket.start(called, at(4))) == []


def test_a_ticket_leaving_its_counter_clears_it_from_the_board() -> None:
    serving = ticket.start(ticket.call(walk_in(1, arrived=0), "5", at(3)), at(4))
    [cleared] = events.for_change(serving, ticket.complete(serving, at(9)))
    assert msgspec.to_builtins(cleared) == {
        "type": "cleared",
        "office_id": "giza",
        "ticket_id": "w1",
        "number": "P-001",
        "counter": "5",
        "status": "done",
    }
