"""Strings of the dashboard's heads-up panel (``_dash_heads_up.html``, ``lib/dashboard-heads-up.js``)."""

from __future__ import annotations

DASHBOARD_HEADS_UP: dict[str, tuple[str, str]] = {
    "dash.nav.heads_ups": ("رسائل اقتراب الدور", "Heads-up texts"),
    "dash.heads_ups_heading": ("رسائل «أخبرني عندما يقترب دوري»", "“Text me when I’m close”"),
    "dash.heads_ups_intro": (
        "هل يستخدم المواطنون هذه الخدمة؟ لكل يوم: التذاكر المطبوعة، ومن طلب رسالة "
        "(من الجهاز أو صفحة التذكرة)، والرسائل المرسلة.",
        "Do citizens use it? For each day: the tickets issued, the heads-ups asked for (at the kiosk or "
        "on the ticket's page) and the texts sent.",
    ),
    "js.dash.heads_ups.total": (
        "في آخر أسبوعين: {tickets} تذكرة، طلب منها {asked} رسالة ({share})، وأُرسلت {sent} رسالة.",
        "Last two weeks: {tickets} tickets, {asked} heads-ups asked ({share}), {sent} texts sent.",
    ),
    "js.dash.heads_ups.day": ("اليوم", "Day"),
    "js.dash.heads_ups.tickets": ("التذاكر", "Tickets"),
    "js.dash.heads_ups.asked": ("طلبات الرسائل", "Asked"),
    "js.dash.heads_ups.share": ("النسبة", "Share"),
    "js.dash.heads_ups.near_sent": ("رسائل «اقترب دورك»", "“Close” texts"),
    "js.dash.heads_ups.called_sent": ("رسائل النداء", "“Called” texts"),
}
"""``key: (Arabic, English)``."""
