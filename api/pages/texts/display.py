"""Strings of the hall's call display (``/offices/{office_id}/display``).

The display speaks both languages at once, Arabic first, to a hall that holds readers of both,
so its words are kept apart from the one-language pages' (``api.pages.i18n.STRINGS``): each key
gives ``(Arabic, English)``, and the page shows the two together, one line each.
"""

from __future__ import annotations

DISPLAY: dict[str, tuple[str, str]] = {
    "display.title": ("شاشة النداء", "Call display"),
    "display.connecting": ("جارٍ الاتصال…", "Connecting…"),
    "display.live": ("مباشر", "Live"),
    "display.stale": ("غير متصل", "Disconnected"),
    "display.stale_banner": (
        "انقطع الاتصال — قد لا تكون هذه اللوحة محدَّثة. جارٍ إعادة الاتصال…",
        "Disconnected — this board may be out of date. Reconnecting…",
    ),
    "display.serving": ("يُخدم الآن", "Now serving"),
    "display.ticket": ("التذكرة", "Ticket"),
    "display.counter": ("الشباك", "Counter"),
    "display.service": ("الخدمة", "Service"),
    "display.no_calls": ("لا توجد نداءات الآن", "No calls right now"),
    "display.recent": ("آخر النداءات", "Last calls"),
    "display.counter_short": ("شباك", "Counter"),
    "display.waiting": ("في الانتظار", "Waiting"),
    "display.people": ("العدد", "People"),
    "display.expected_wait": ("الانتظار المتوقع", "Expected wait"),
    "display.no_wait": ("بلا انتظار", "No wait"),
    "display.about": ("≈ {minutes}", "≈ {n} min"),
    "display.unknown_wait": ("—", "—"),
    # Nobody can be called for the service: said in words, never as a dash
    "display.no_counter_open": ("لا يوجد شباك مفتوح", "No counter open"),
    # Parked tickets: their holders were away when called, and may check in again at the kiosk
    "display.parked": (
        "نودي عليكم ولم تكونوا هنا: عودوا إلى جهاز التذاكر",
        "Called while away: back to the kiosk",
    ),
    "display.sound": ("اضغط في أي مكان لتشغيل الصوت", "Tap anywhere to turn the sound on"),
}
"""``key: (Arabic, English)``."""


def display_words() -> dict[str, dict[str, str]]:
    """The words as the template and the page's script read them: ``{key: {"ar", "en"}}``."""
    return {key: {"ar": arabic, "en": english} for key, (arabic, english) in DISPLAY.items()}
