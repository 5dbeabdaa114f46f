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
    return InvalidInput(
        "national_id_required",
        f"{service_en} needs an Egyptian national ID number; a passport, even an Egyptian one, "
        "is not enough to book it.",
        f"تتطلب خدمة «{service_ar}» الرقم القومي المصري؛ ولا يكفي جواز السفر لحجزها ولو كان مصريًا.",
    )


def booking_reschedule_limit(limit: int) -> Conflict:
    return Conflict(
        "reschedule_limit_booking",
        f"This booking has already been moved {limit} times, the most allowed. Keep this time, or "
        "cancel it and book again.",
        f"نُقل موعد هذا الحجز {limit} مرات بالفعل، وهو الحد المسموح به. يمكنك الإبقاء على هذا "
        "الموعد، أو إلغاء الحجز والحجز من جديد.",
    )


def yearly_reschedule_limit(limit: int, year: int) -> Conflict:
    return Conflict(
        "reschedule_limit",
        f"You have already moved {limit} appointments in {year}, the most allowed in a year. "
        "Keep this time, or cancel it and book again.",
        f"غيّرت مواعيد {limit} حجوزات خلال عام {year}، وهو الحد المسموح به في العام. يمكنك "
        "الإبقاء على هذا الموعد، أو إلغاء الحجز والحجز من جديد.",
    )


def cancellation_limit(limit: int, reopens: date) -> Conflict:
    return Conflict(
        "cancellation_limit",
        f"You cancelled {limit} bookings this month, the most allowed, so you cannot book again "
        f"before {reopens.isoformat()}.",
        f"ألغيت {limit} حجوزات هذا الشهر، وهو الحد المسموح به، لذا لا يمكنك الحجز مرة أخرى قبل "
        f"{reopens.isoformat()}.",
    )


def no_show_ban(limit: int, window_days: int, until: date) -> Conflict:
    return Conflict(
        "no_show_ban",
        f"You missed {limit} appointments within {window_days} days, so you cannot book before "
        f"{until.isoformat()}. If you cannot come, cancel the booking in time.",
        f"تغيّبت عن {limit} مواعيد خلال {window_days} يومًا، لذا لا يمكنك الحجز قبل "
        f"{until.isoformat()}. إذا تعذّر عليك الحضور فألغِ الحجز في وقته.",
    )


def mobile_booking_limit(limit: int) -> Conflict:
    return Conflict(
        "mobile_booking_limit",
        f"This mobile number already has {limit} active bookings, the most allowed for one number. "
        "Use the citizen's own mobile number, or cancel a booking first.",
        f"لهذا الرقم المحمول {limit} حجوزات قائمة بالفعل، وهو الحد المسموح به للرقم الواحد. "
        "استخدم رقم المحمول الخاص بصاحب الحجز، أو ألغِ أحد الحجوزات أولًا.",
    )
