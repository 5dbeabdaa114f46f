"""Strings of the demo inbox (``/demo/inbox``, demo mode only)."""

from __future__ import annotations

DEMO_INBOX: dict[str, tuple[str, str]] = {
    "inbox.title": ("صندوق الرسائل التجريبي", "Demo inbox"),
    "inbox.intro": (
        "هذه نسخة تجريبية: الرسائل القصيرة ورسائل البريد التي يرسلها «موعد» إلى المواطنين تظهر هنا "
        "بدلًا من أن تُرسل فعلًا. اكتب رقم الموبايل الذي حجزت به لترى ما كان سيصل إليه.",
        "This is a demo: the SMS and e-mails Mawid sends to citizens appear here instead of being "
        "sent. Type the mobile number you booked with to see what it would have received.",
    ),
    "inbox.phone": ("رقم الموبايل", "Mobile number"),
    "inbox.phone_hint": ("مثل 01012345678", "For example 01012345678"),
    "inbox.show": ("اعرض الرسائل", "Show messages"),
    "inbox.refresh": ("تحديث", "Refresh"),
    "inbox.invalid_phone": (
        "هذا ليس رقم موبايل مصريًا. اكتب ١١ رقمًا يبدأ بـ 010 أو 011 أو 012 أو 015.",
        "That is not an Egyptian mobile number. Type 11 digits starting with 010, 011, 012 or 015.",
    ),
    "inbox.heading": ("الرسائل إلى", "Messages to"),
    "inbox.empty": (
        "لا توجد رسائل لهذا الرقم بعد. قد تصل الرسالة بعد ثانية أو اثنتين من الحجز؛ اضغط «تحديث».",
        "No messages for this number yet. A message may take a second or two after booking; press Refresh.",
    ),
    "inbox.sms": ("رسالة قصيرة", "SMS"),
    "inbox.email": ("بريد إلكتروني إلى", "E-mail to"),
    "inbox.messages": ("الرسائل، الأحدث أولًا", "Messages, newest first"),
}
