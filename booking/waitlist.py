"""A fair second chance at a slot: the waitlist and its offers.

A citizen who finds no free time joins the waitlist for a service, the offices they accept and a
window of days, with a verified mobile. A seat freed later (a cancellation, a move away, a
reconfirmation that lapsed, a rebalance) goes to the first matching person on the list as an
*offer* by SMS, holding the seat for ``offer_minutes``; not accepted in time, it goes to the next
matching person; when nobody is left, it rests for the usual cool-off (``booking.churn``) and goes
back on open sale. Whoever refreshes fastest no longer wins the seat.

Pure rules (no clock of its own, no storage): who matches a freed seat and in what order, how long
an offer holds, and what each answer does to the entry. The store applies them in one transaction
each (``booking.store.waitlist``), so two processes sweeping or accepting at once change an offer
once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from booking.applicant import Applicant
from booking.rules import MIN_LEAD
from booking.verification import Hold


class EntryStatus(StrEnum):
    AWAITING = "awaiting_verification"  # the code texted to the mobile is not typed yet
    WAITING = "waiting"  # on the list, in line for a freed seat
    OFFERED = "offered"  # holds one live offer
    BOOKED = "booked"  # accepted an offer: the booking is made
    LEFT = "left"  # the citizen left the list
    LAPSED = "lapsed"  # an offer went unanswered: off the list (they may join again)
    ENDED = "ended"  # the window's last day passed


class OfferStatus(StrEnum):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


#: An entry in one of these is on the list: at most one per identity and service (the database
#: keeps it with a partial unique index).
LIVE_ENTRY = (EntryStatus.AWAITING, EntryStatus.WAITING, EntryStatus.OFFERED)

MAX_WINDOW_DAYS = 62
"""A waitlist entry names at most this many days, as an availability query may."""


@dataclass(frozen=True, slots=True)
class WaitlistPolicy:
    offer_minutes: float = 30.0
    """How long an offer holds its seat for the person it was texted to."""

    @property
    def offer_time(self) -> timedelta:
        return timedelta(minutes=self.offer_minutes)

    def offer_until(self, now: datetime, starts_at: datetime) -> datetime | None:
        """When an offer of the seat at ``starts_at`` made ``now`` ends; None when the seat
        starts too soon to be offered (the person could not accept it and still book an hour
        ahead): it goes straight back to open sale."""
        until = now + self.offer_time
        if until + MIN_LEAD > starts_at:
            return None
        return until


@dataclass(frozen=True, slots=True)
class FreedSeats:
    """Seats of one slot that just became free: ``seats`` of them (one for a single booking, a
    group's headcount for a block). The waitlist's one way in."""

    office_id: str
    service: str
    starts_at: datetime
    day: date
    seats: int = 1


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A validated request to wait: the identity already reduced to its digest (``applicant``)."""

    entry_id: str
    applicant: Applicant
    service: str
    office_ids: tuple[str, ...]
    first_day: date
    last_day: date
    senior_on_visit: bool


@dataclass(frozen=True, slots=True)
class Entry:
    entry_id: str
    applicant: Applicant
    service: str
    office_ids: tuple[str, ...]
    first_day: date
    last_day: date
    status: EntryStatus
    created_at: datetime
    hold: Hold | None = None
    """While the mobile is being verified: the code's hold (``booking.verification``)."""

    def matches(self, freed: FreedSeats) -> bool:
        """Whether a seat freed at ``freed`` is one this person waits for."""
        return (
            self.status is EntryStatus.WAITING
            and self.service == freed.service
            and freed.office_id in self.office_ids
            and self.first_day <= freed.day <= self.last_day
        )


@dataclass(frozen=True, slots=True)
class Offer:
    offer_id: str
    entry_id: str
    office_id: str
    service: str
    starts_at: datetime
    day: date
    expires_at: datetime
    status: OfferStatus
    created_at: datetime

    def live(self, now: datetime) -> bool:
        return self.status is OfferStatus.OFFERED and now < self.expires_at


def in_line(entries: Iterable[Entry]) -> list[Entry]:
    """The entries in the order the waitlist serves them: who joined first (the id breaks ties)."""
    return sorted(entries, key=lambda entry: (entry.created_at, entry.entry_id))


def next_in_line(entries: Iterable[Entry], freed: FreedSeats, tried: Sequence[str] = ()) -> list[Entry]:
    """Who gets the ``freed`` seats: the first ``freed.seats`` matching entries in line, leaving
    out those in ``tried`` (the seat was offered to them already: declined or let lapse)."""
    matching = [e for e in in_line(entries) if e.matches(freed) and e.entry_id not in tried]
    return matching[: max(freed.seats, 0)]


def after_answer(offer_status: OfferStatus) -> EntryStatus:
    """What an entry becomes once its offer is answered: accepted, it is booked; declined, it
    waits again in its place (that time did not suit them); let lapse, it leaves the list (a
    person who does not read their SMS would hold every next seat for ``offer_minutes``)."""
    if offer_status is OfferStatus.ACCEPTED:
        return EntryStatus.BOOKED
    if offer_status is OfferStatus.DECLINED:
        return EntryStatus.WAITING
    return EntryStatus.LAPSED
