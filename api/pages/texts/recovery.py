"""Strings of the lost-code form (``citizen/_recover_code.html``, ``static/js/lib/recover-code.js``)
on /my-booking and of the booking page's offer to text a code again; and what /my-booking says of
a booking the office moved or cancelled."""

from __future__ import annotations

RECOVERY: dict[str, tuple[str, str]] = {
    "recover.heading": ("نسيت كود الحجز؟", "Lost your booking code?"),
    "recover.intro": (
        "أدخل رقم هويتك ورقم الهاتف المحمول الذي حجزت به، وسنرسل كود كل حجز قائم إلى ذلك الهاتف برسالة نصية.",
        "Enter your identity number and the mobile you booked with; we will text the code of each "
        "active booking to that mobile.",
    ),
    "recover.phone": ("رقم الهاتف المحمول الذي حجزت به", "The mobile number you booked with"),
    "recover.submit": ("أرسل الكود إلى هاتفي", "Text me my code"),
    "js.recover.sending": ("جارٍ الإرسال…", "Sending…"),
    "js.recover.sent": (
        "إذا كان لهذه الهوية حجز قائم بهذا الرقم فقد أرسلنا كوده إليه الآن. قد تصل الرسالة بعد دقائق.",
        "If this identity has an active booking made with this mobile, we have just texted its code "
        "to it. The message may take a few minutes.",
    ),
    "js.recover.offer": ("أرسل كود حجزي إلى هاتفي", "Text my booking code to my mobile"),
    "js.my.office_moved": (
        "غيّر المكتب موعد هذا الحجز في {when} بسبب {why}. الموعد الجديد أدناه.",
        "The office moved this booking on {when} because of {why}. The new time is below.",
    ),
    "js.my.office_cancelled": (
        "ألغى المكتب هذا الحجز في {when} بسبب {why}، ولم يجد له موعدًا آخر. يمكنك الحجز من جديد.",
        "The office cancelled this booking on {when} because of {why}, and found no other time for "
        "it. You can book again.",
    ),
}
