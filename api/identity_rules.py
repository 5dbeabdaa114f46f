"""The citizen-side rules of ``booking.churn`` as the settings configure them."""

from __future__ import annotations

from api.settings import Settings
from booking.churn import ChurnRules


def churn_rules(settings: Settings) -> ChurnRules:
    """Caps on moves and cancellations, the no-show ban, the per-mobile cap and the cool-off."""
    return ChurnRules(
        reschedules_per_booking=settings.reschedules_per_booking,
        reschedules_per_year=settings.reschedules_per_year,
        cancellations_per_month=settings.cancellations_per_month,
        no_show_limit=settings.no_show_limit,
        no_show_window_days=settings.no_show_window_days,
        no_show_ban_days=settings.no_show_ban_days,
        active_bookings_per_mobile=settings.active_bookings_per_mobile,
        cool_off_minutes=settings.release_cool_off_minutes,
        offer_minutes=settings.waitlist_offer_minutes,
    )
