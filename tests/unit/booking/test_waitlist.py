"""The waitlist's and the reconfirmation's pure rules: who a freed seat goes to and in what order,
how long an offer holds, what an answer does to a place in line, and when a booking is asked to
reconfirm and by when."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from booking.applicant import Applicant
from booking.reconfirmation import ReconfirmPolicy
from booking.waitlist import (
    Entry,
    EntryStatus,
    FreedSeats,
    OfferStatus,
    WaitlistPolicy,
    after_answer,
    next_in_line,
)

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
DAY = date(2026, 12, 8)
SEAT = FreedSeats("giza-passports", "passport-new", datetime(2026, 12, 8, 7, 0, tzinfo=UTC), DAY)
PERSON = Applicant("h", "national_id", "EGY", "1234", "k", "منى أحمد", "+201011112222", None, "ar")


def entry(n: int, **changes: object) -> Entry:
    values: dict[str, object] = {
        "entry_id": f"e{n:02d}",
        "applicant": PERSON,
        "service": "passport-new",
        "office_ids": ("giza-passports", "cairo-abbassia-passports"),
        "first_day": DAY - timedelta(days=1),
        "last_day": DAY + timedelta(days=1),
        "status": EntryStatus.WAITING,
        "created_at": NOW + timedelta(minutes=n),
    }
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


def test_a_seat_goes_to_whoever_joined_first_among_those_it_suits() -> None:
    line = [
        entry(3),
        entry(1, service="passport-renewal"),
        entry(2, office_ids=("alex-passports",)),
        entry(0, first_day=DAY + timedelta(days=1)),
        entry(4, status=EntryStatus.OFFERED),
        entry(5),
    ]
    assert [e.entry_id for e in next_in_line(line, SEAT)] == ["e03"]


def test_a_seat_declined_or_let_lapse_passes_to_the_next_not_back() -> None:
    line = [entry(1), entry(2), entry(3)]
    assert [e.entry_id for e in next_in_line(line, SEAT, tried=("e01",))] == ["e02"]
    assert next_in_line(line, SEAT, tried=("e01", "e02", "e03")) == []


def test_a_group_of_seats_goes_to_as_many_people_in_line() -> None:
    line = [entry(n) for n in range(5)]
    block = FreedSeats(SEAT.office_id, SEAT.service, SEAT.starts_at, DAY, seats=3)
    assert [e.entry_id for e in next_in_line(line, block)] == ["e00", "e01", "e02"]


def test_an_offer_holds_for_its_minutes_unless_the_visit_is_too_near() -> None:
    policy = WaitlistPolicy(30)
    assert policy.offer_until(NOW, NOW + timedelta(hours=2)) == NOW + timedelta(minutes=30)
    assert policy.offer_until(NOW, NOW + timedelta(minutes=89)) is None  # an hour's lead after it


def test_declining_keeps_the_place_and_letting_it_lapse_leaves_the_list() -> None:
    assert after_answer(OfferStatus.ACCEPTED) is EntryStatus.BOOKED
    assert after_answer(OfferStatus.DECLINED) is EntryStatus.WAITING
    assert after_answer(OfferStatus.EXPIRED) is EntryStatus.LAPSED


@given(
    joined=st.lists(st.integers(0, 10_000), min_size=0, max_size=20, unique=True),
    seats=st.integers(0, 6),
    tried=st.sets(st.integers(0, 19)),
)
def test_offers_follow_the_line_and_never_exceed_the_seats(
    joined: list[int], seats: int, tried: set[int]
) -> None:
    line = [entry(i, created_at=NOW + timedelta(seconds=t)) for i, t in enumerate(joined)]
    tried_ids = [f"e{i:02d}" for i in tried]
    chosen = next_in_line(
        line, FreedSeats(SEAT.office_id, SEAT.service, SEAT.starts_at, DAY, seats), tried_ids
    )
    assert len(chosen) == min(seats, len([e for e in line if e.entry_id not in tried_ids]))
    assert [e.created_at for e in chosen] == sorted(e.created_at for e in chosen)
    skipped = [e for e in line if e.entry_id not in tried_ids and e not in chosen]
    assert all(s.created_at >= c.created_at for s in skipped for c in chosen)


def test_a_booking_is_asked_on_the_tenth_day_and_must_answer_by_the_end_of_the_third() -> None:
    policy = ReconfirmPolicy(frozenset({"passport-renewal"}), 10, 3)
    visit = date(2026, 12, 20)
    assert policy.opens(visit) == datetime.fromisoformat("2026-12-10T00:00:00+02:00")
    assert policy.deadline(visit) == datetime.fromisoformat("2026-12-18T00:00:00+02:00")
    made = datetime.fromisoformat("2026-12-01T10:00:00+02:00")
    asked_at = datetime.fromisoformat("2026-12-10T09:00:00+02:00")
    assert policy.needs_asking("passport-renewal", visit, made, asked_at)
    assert not policy.needs_asking("passport-new", visit, made, asked_at)  # not in scope
    assert not policy.needs_asking("passport-renewal", visit, made, asked_at - timedelta(days=1))  # too early
    assert not policy.needs_asking("passport-renewal", visit, asked_at, asked_at)  # booked inside the window
    assert not policy.needs_asking("passport-renewal", visit, made, policy.deadline(visit))  # too late


def test_the_window_follows_cairo_summer_time() -> None:
    policy = ReconfirmPolicy(frozenset({"passport-renewal"}), 10, 3)
    assert policy.deadline(date(2027, 7, 20)) == datetime.fromisoformat("2027-07-18T00:00:00+03:00")
