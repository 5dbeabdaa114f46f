"""Strings of the dashboard's section on bookings that look brokered (``_dash_brokered.html``,
``static/js/lib/dashboard-brokered.js``)."""

from __future__ import annotations

DASHBOARD_BROKERED: dict[str, tuple[str, str]] = {
    "dash.nav.brokered": ("حجوزات مشبوهة", "Suspicious bookings"),
    "dash.brokered_heading": ("حجوزات يبدو أنها عن طريق سماسرة", "Bookings that look brokered"),
    "dash.brokered_intro": (
        "مجموعات من الحجوزات القائمة في هذا المكتب خلال الأيام الثلاثة الأخيرة تشترك في مصدر واحد أو "
        "في توقيت واحد. راجِع كل مجموعة قبل إلغائها: سيصل إلى صاحب كل حجز رسالة بلغته.",
        "Groups of active bookings at this office from the last three days that share one source or "
        "one rhythm. Review each group before cancelling it: each holder is sent a message in their "
        "language.",
    ),
    "js.dash.brokered.none": (
        "لا توجد حجوزات مشبوهة في هذا المكتب خلال الأيام الثلاثة الأخيرة.",
        "No suspicious bookings at this office in the last three days.",
    ),
    "js.dash.brokered.reason.shared_address": (
        "{count} هويات مختلفة حجزت من عنوان شبكة واحد في وقت قصير",
        "{count} different identities booked from one network address within a short time",
    ),
    "js.dash.brokered.reason.shared_mobile": (
        "{count} هويات مختلفة حجزت برقم محمول واحد في وقت قصير",
        "{count} different identities booked with one mobile number within a short time",
    ),
    "js.dash.brokered.reason.shared_device": (
        "{count} هويات مختلفة حجزت من متصفح واحد في وقت قصير",
        "{count} different identities booked from one browser within a short time",
    ),
    "js.dash.brokered.reason.same_name": (
        "اسم واحد تحت {count} هويات مختلفة",
        "One name under {count} different identities",
    ),
    "js.dash.brokered.reason.lockstep_moves": (
        "{count} حجوزات نُقلت من عنوان واحد في ثوانٍ متتالية",
        "{count} bookings moved from one address within seconds of each other",
    ),
    "js.dash.brokered.elsewhere": (
        "منها {count} في مكاتب أخرى",
        "{count} of them at other offices",
    ),
    "js.dash.brokered.code": ("كود الحجز", "Booking code"),
    "js.dash.brokered.slot": ("الموعد", "Slot"),
    "js.dash.brokered.last4": ("آخر أربعة أرقام من الهوية", "Identity, last four"),
    "js.dash.brokered.booked": ("وقت الحجز", "Booked at"),
    "js.dash.brokered.cancel": ("إلغاء هذه الحجوزات", "Cancel these"),
    "js.dash.brokered.confirm": (
        "إلغاء {count} حجوزات وإرسال رسالة إلى صاحب كل منها؟",
        "Cancel {count} bookings and send a message to each holder?",
    ),
    "js.dash.brokered.done": (
        "أُلغي {cancelled} من الحجوزات، وتُرك {skipped} لأنها تغيّرت في هذه الأثناء.",
        "{cancelled} bookings cancelled; {skipped} left because they changed meanwhile.",
    ),
}
