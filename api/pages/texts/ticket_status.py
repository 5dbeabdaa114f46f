"""Strings of a ticket's live page (``/t/{ticket_id}``, ``static/js/pages/ticket-status.js``): the
citizen follows their place in line from a phone, and may ask for a text when close."""

from __future__ import annotations

TICKET_STATUS: dict[str, tuple[str, str]] = {
    "live.title": ("تذكرتك", "Your ticket"),
    "live.gone_title": ("هذا الرابط لا يعمل", "This link does not work"),
    "live.gone": (
        "لا نجد تذكرة بهذا الرابط. امسح رمز QR المطبوع على تذكرتك مرة أخرى.",
        "We cannot find a ticket at this link. Scan the QR code printed on your ticket again.",
    ),
    "live.your_number": ("رقمك", "Your number"),
    "live.service": ("الخدمة", "Service"),
    "live.position": ("ترتيبك في الطابور", "Your place in line"),
    "live.wait": ("الانتظار المتوقع", "Estimated wait"),
    "live.note": (
        "تتحدث هذه الصفحة وحدها. لا تعرض اسمك ولا أي بيانات شخصية.",
        "This page updates by itself. It shows no name and no personal data.",
    ),
    "js.live.waiting": ("في الانتظار", "Waiting"),
    "js.live.called": (
        "يُنادى على رقمك الآن عند الشباك {counter}",
        "Your number is being called at counter {counter}",
    ),
    "js.live.serving": ("تُخدم الآن عند الشباك {counter}", "You are being served at counter {counter}"),
    "js.live.done": ("انتهت خدمتك. شكرًا لزيارتك.", "Your visit is done. Thank you for coming."),
    "js.live.no_show": (
        "انتهت صلاحية هذه التذكرة. من فضلك خذ تذكرة جديدة من الجهاز عند المدخل.",
        "This ticket has ended. Please take a new ticket at the kiosk by the door.",
    ),
    "js.live.parked": (
        "نودي على رقمك ولم تكن حاضرًا. عُد إلى الجهاز عند المدخل قبل {time} لتعود إلى الطابور.",
        "Your number was called while you were away. Come back to the kiosk by the door before {time} "
        "to get back in line.",
    ),
    "js.live.at_your_time": ("دورك في موعدك {time}", "Your turn is at your appointment, {time}"),
    "js.live.about": ("حوالي {duration}", "About {duration}"),
    "js.live.no_wait": ("لا انتظار تقريبًا", "Almost no wait"),
    "js.live.unknown": ("غير معروف الآن", "Not known right now"),
    "js.live.stale": (
        "انقطع الاتصال — قد لا تكون هذه المعلومات محدَّثة. جارٍ إعادة الاتصال…",
        "Disconnected — this may be out of date. Reconnecting…",
    ),
    "live.heads_up_title": ("أرسل لي رسالة عندما يقترب دوري", "Text me when I'm close"),
    "live.heads_up_intro": (
        "اكتب رقم موبايلك، وسنرسل لك رسالة عندما يصبح أمامك هذا العدد من الأشخاص أو أقل، "
        "ورسالة عند النداء على رقمك.",
        "Give your mobile number: we text you when this many people or fewer are ahead of you, and when "
        "your number is called.",
    ),
    "live.heads_up_phone": ("رقم الموبايل", "Mobile number"),
    "live.heads_up_ahead": ("عندما يكون أمامي", "When this many are ahead of me"),
    "live.heads_up_submit": ("أرسل لي رسالة", "Text me"),
    "js.live.heads_up_done": (
        "تم. سنرسل رسالة إلى الرقم المنتهي بـ {last4}.",
        "Done. We will text the number ending in {last4}.",
    ),
}
"""``key: (Arabic, English)``."""
