"""Rules that make an identity cost something: how often it may move or drop appointments, what
missing them costs, how many bookings one mobile may hold, and how long a freed seat rests.

A broker sells a slot by cancelling or moving it at a second agreed with the buyer, who books it
the moment it is free; a bot books with made-up identities and one mobile. Real passport systems
cap churn (India's Passport Seva allows two reschedules; the US visa system locks a receipt after
repeated cancellations) and ban no-shows for a while. Each cap here is a setting and 0 switches it
off. The counting is done by the database in the same transaction as the change
(``booking.store.bookings``), so racing requests cannot pass a cap; this module only holds the
numbers, the periods they count in, and the words of each refusal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from booking.messages import MESSAGES
from kernel.errors import Conflict, InvalidInput

_RANDOM = random.SystemRandom()  # a broker must not be able to predict the next release


@dataclass(frozen=True, slots=True)
class ChurnRules:
    reschedules_per_booking: int = 2
    """Moves one booking may make in its life."""
    reschedules_per_year: int = 4
    """Moves one identity may make in a calendar year, across its bookings."""
    cancellations_per_month: int = 3
    """Cancellations one identity may make in a calendar month; after the last one it cannot book
    again until the month ends (the cancel itself is never refused: a freed seat helps others)."""
    no_show_limit: int = 2
    """Missed appointments within ``no_show_window_days`` that start a ban."""
    no_show_window_days: int = 90
    no_show_ban_days: int = 30
    """Days after the missed appointment that started it during which the identity cannot book."""
    active_bookings_per_mobile: int = 3
    """Active bookings one mobile number may hold across identities."""
    cool_off_minutes: tuple[float, float] = (2.0, 10.0)
    """A freed seat goes back on sale after a random delay between these many minutes."""
    offer_minutes: float = 30.0
    """Before that, a freed seat is offered to the waitlist (``booking.waitlist``), held this long
    for each person in turn; 0 turns the offers off."""

    def release_at(self, now: datetime) -> datetime | None:
        """When a seat freed now goes back on sale; None when there is no cool-off."""
        low, high = self.cool_off_minutes
        if high <= 0:
            return None
        return now + timedelta(minutes=_RANDOM.uniform(low, high))


#: No caps and no cool-off: the store's behaviour when it is given no rules (the optimiser's
#: assignments, tools); the API passes the configured rules.
NO_RULES = ChurnRules(0, 0, 0, 0, 90, 0, 0, (0.0, 0.0))


def year_period(today: date) -> str:
    return f"{today.year:04d}"


def month_period(today: date) -> str:
    return f"{today.year:04d}-{today.month:02d}"


def next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def no_show_ban_end(missed: list[date], rules: ChurnRules) -> date | None:
    """The day a no-show ban ends, from the days of an identity's missed appointments: the ban
    starts at the missed day that made ``no_show_limit`` misses within ``no_show_window_days`` and
    lasts ``no_show_ban_days``. None when no such run of misses exists."""
    n = rules.no_show_limit
    if n <= 0 or rules.no_show_ban_days <= 0:
        return None
    days = sorted(missed)
    ends = [
        days[i] + timedelta(days=rules.no_show_ban_days)
        for i in range(n - 1, len(days))
        if (days[i] - days[i - n + 1]).days < rules.no_show_window_days
    ]
    return max(ends) if ends else None


def national_id_required(service_en: str, service_ar: str) -> InvalidInput:
    return MESSAGES.error(InvalidInput, "national_id_required", service_en=service_en, service_ar=service_ar)


def booking_reschedule_limit(limit: int) -> Conflict:
    return MESSAGES.error(Conflict, "reschedule_limit_booking", limit=limit)


def yearly_reschedule_limit(limit: int, year: int) -> Conflict:
    return MESSAGES.error(Conflict, "reschedule_limit", limit=limit, year=year)


def cancellation_limit(limit: int, reopens: date) -> Conflict:
    return MESSAGES.error(Conflict, "cancellation_limit", limit=limit, reopens=reopens.isoformat())


def no_show_ban(limit: int, window_days: int, until: date) -> Conflict:
    return MESSAGES.error(
        Conflict, "no_show_ban", limit=limit, window_days=window_days, until=until.isoformat()
    )


def mobile_booking_limit(limit: int) -> Conflict:
    return MESSAGES.error(Conflict, "mobile_booking_limit", limit=limit)
