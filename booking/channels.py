"""Channels a booking comes through, the share of capacity kept for assisted ones, and seniors' hours.

Most citizens book online. Some cannot: no smartphone, no confidence with forms, a bad line. A
clerk at an office's desk, or on the phone line, books for them (``assisted`` channels), and an
office may keep a share of each slot for them, so that the people least able to race for a seat
online are not left with none. An office may also keep a band of the day (seniors' hours) for
applicants 60 or over and for assisted bookings.

The share is kept day by day the way capacity is (``booking.capacity``): a slot of three seats
with a 20 % share would keep 0.6 of a seat, which rounding down loses entirely, so the day's
shares are accumulated and each slot keeps the whole seats its share completes:

    reserved(slot_i) = ⌊ a·(c_1 + … + c_i) ⌋ − ⌊ a·(c_1 + … + c_(i−1)) ⌋

so a day keeps ⌊ a · Σ c ⌋ seats for assisted bookings, spread across it. An online booking may
take a seat only while the free seats exceed what the slot still keeps (its reserved seats that
assisted bookings have not taken); an assisted booking may take any free seat. The database
decides both in the booking's single conditional statement (``booking.store.bookings``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from enum import StrEnum
from fractions import Fraction


class Channel(StrEnum):
    """How a booking was made: by the citizen online, or by staff for them (assisted)."""

    ONLINE = "online"
    DESK = "desk"
    """A clerk at an office's desk, the citizen in front of them."""
    PHONE = "phone"
    """A clerk on the phone line, for those without a smartphone."""

    @property
    def assisted(self) -> bool:
        return self is not Channel.ONLINE


ASSISTED_CHANNELS = (Channel.DESK, Channel.PHONE)
MAX_ASSISTED_SHARE = 0.5
"""Never more than half of a slot kept off the online path."""


def reserved_seats(capacities: Sequence[int], share: float) -> list[int]:
    """The seats each slot of a day keeps for assisted bookings, given the slots' capacities in
    the order of the day and the share ``share`` (0 to ``MAX_ASSISTED_SHARE``): the day's kept
    seats spread so that no slot keeps more than its capacity."""
    fraction = Fraction(min(max(share, 0.0), MAX_ASSISTED_SHARE)).limit_denominator(100)
    kept, total = [], Fraction(0)
    for capacity in capacities:
        step = int((total + capacity) * fraction) - int(total * fraction)
        kept.append(min(step, capacity))
        total += capacity
    return kept


def online_may_take(capacity: int, taken: int, reserved: int, assisted_taken: int) -> bool:
    """The rule the database applies to an online booking (pure, for the tests and the optimiser):
    a seat is free beyond the seats the slot still keeps for assisted bookings."""
    still_kept = max(0, reserved - assisted_taken)
    return taken + still_kept < capacity


def online_seats_left(capacity: int, taken: int, reserved: int, assisted_taken: int) -> int:
    """How many more online bookings the slot can take."""
    return max(0, capacity - taken - max(0, reserved - assisted_taken))


def in_seniors_hours(band: tuple[time, time] | None, local_start: time) -> bool:
    """Whether a slot starting at ``local_start`` (the office's time) lies in its seniors' hours."""
    return band is not None and band[0] <= local_start < band[1]


def may_book_in_seniors_hours(channel: Channel, senior: bool) -> bool:
    """In seniors' hours only applicants 60 or over on the visit day, or a clerk's booking, may
    take a seat (the clerk judges the need in person or on the phone)."""
    return senior or channel.assisted


def parse_band(text: str | None) -> tuple[time, time] | None:
    """``"08:00-09:30"`` → (08:00, 09:30); empty → None; raises ``ValueError`` when malformed."""
    if not text or not text.strip():
        return None
    first, _, last = text.strip().partition("-")
    opens, closes = time.fromisoformat(first.strip()), time.fromisoformat(last.strip())
    if closes <= opens:
        raise ValueError("seniors' hours must end after they begin")
    return opens, closes


def band_text(band: tuple[time, time] | None) -> str | None:
    return None if band is None else f"{band[0]:%H:%M}-{band[1]:%H:%M}"
