"""Strings of the kiosk at the office's door (``/offices/{office_id}/kiosk``).

Short, large and spoken to the citizen standing at it: one question per screen.
"""

from __future__ import annotations

KIOSK: dict[str, tuple[str, str]] = {
    "kiosk.title": ("تسجيل الوصول وأخذ تذكرة", "Check in and take a ticket"),
    "kiosk.tagline": ("جهاز الخدمة الذاتية", "Self-service kiosk"),
    "kiosk.setup_heading": ("تشغيل جهاز الخدمة الذاتية", "Start this kiosk"),
    "kiosk.setup_intro": (
        "يسجّل أحد الموظفين الدخول مرة واحدة بحساب الجهاز، ثم يبقى الجهاز جاهزًا للمواطنين.",
        "A member of staff logs in once with the kiosk's account; the kiosk then stays ready for visitors.",
    ),
    "kiosk.start_heading": ("أهلًا بك. ماذا تريد أن تفعل؟", "Welcome. What would you like to do?"),
    "kiosk.have_booking": ("لديّ حجز", "I have a booking"),
    "kiosk.have_booking_sub": (
        "سجّل وصولك بكود الحجز المكتوب في رسالة التأكيد",
        "Check in with the code on your booking confirmation",
    ),
    "kiosk.no_booking": ("ليس لديّ حجز", "I don't have a booking"),
    "kiosk.no_booking_sub": ("خذ تذكرة انتظار لإحدى الخدمات", "Take a queue ticket for a service"),
    "kiosk.check_in_heading": ("تسجيل الوصول بكود الحجز", "Check in with your booking code"),
    "kiosk.lost_code": ("ليس معي كود الحجز", "I do not have my booking code"),
    "kiosk.recover_heading": ("استرجاع كود الحجز", "Get your booking code"),
    "kiosk.recover_intro": (
        "اكتب رقمك القومي ورقم الهاتف الذي حجزت به، وسنرسل كود الحجز إليه برسالة نصية، ثم اكتبه هنا.",
        "Type your national ID and the mobile you booked with; we will text the booking code to it, "
        "then type it here.",
    ),
    "js.kiosk.recover_sent": (
        "إذا كان لك حجز بهذا الرقم فقد أرسلنا كوده إلى هاتفك الآن. اكتب الكود عند وصول الرسالة.",
        "If you have a booking made with this mobile, we have just texted its code to it. Type the code "
        "when the message arrives.",
    ),
    "kiosk.code_label": ("كود الحجز", "Booking code"),
    "kiosk.code_hint": (
        "٨ حروف وأرقام مكتوبة في رسالة تأكيد الحجز. اكتبها بالأزرار.",
        "The 8 letters and digits on your booking confirmation. Type them with the keys.",
    ),
    "kiosk.keypad": ("لوحة كتابة كود الحجز", "Keys for the booking code"),
    "kiosk.delete": ("مسح آخر حرف", "Delete the last character"),
    "kiosk.clear": ("مسح الكل", "Clear"),
    "kiosk.scan": ("مسح رمز QR بالكاميرا", "Scan the QR code"),
    "kiosk.scan_stop": ("إيقاف الكاميرا", "Stop the camera"),
    "kiosk.camera": ("صورة الكاميرا", "Camera view"),
    "js.kiosk.scan_hint": (
        "قرِّب رمز QR الموجود في رسالة التأكيد من الكاميرا.",
        "Hold the QR code on your confirmation up to the camera.",
    ),
    "js.kiosk.scan_failed": (
        "تعذّر تشغيل الكاميرا. اكتب كود الحجز بالأزرار.",
        "The camera could not be started. Type your booking code with the keys.",
    ),
    "kiosk.check_in_submit": ("تسجيل الوصول", "Check in"),
    "kiosk.walk_in_heading": ("اختر الخدمة التي جئت من أجلها", "Choose the service you came for"),
    "kiosk.service_legend": ("الخدمة", "Service"),
    "js.kiosk.waiting": ("في الانتظار: {n}", "Waiting: {n}"),
    "kiosk.take_ticket": ("اطبع تذكرتي", "Print my ticket"),
    "kiosk.priority_legend": ("هل تحتاج إلى أولوية في الدور؟", "Do you need priority in the queue?"),
    "kiosk.priority.none": ("لا", "No"),
    "kiosk.priority.elderly": ("كبار السن: ٦٠ سنة فأكثر", "Aged 60 or over"),
    "kiosk.priority.disability": ("ذوو الإعاقة", "A disability"),
    "kiosk.priority.pregnancy": ("سيدة حامل", "Pregnancy"),
    "kiosk.back": ("رجوع", "Back"),
    "js.error.choose_service": ("اختر الخدمة أولًا.", "Choose a service first."),
    "js.kiosk.printing": (
        "جارٍ طباعة تذكرتك. خذها من الطابعة، وانتظر حتى يظهر رقمك على الشاشة.",
        "Your ticket is printing. Take it from the printer and wait for your number on the screen.",
    ),
    "kiosk.done": ("تم", "Done"),
    "kiosk.returning": (
        "تعود الشاشة إلى البداية تلقائيًا بعد لحظات.",
        "The kiosk goes back to the start in a few moments.",
    ),
    # The printed ticket
    "ticket.your_number": ("رقم تذكرتك", "Your number"),
    "ticket.service": ("الخدمة", "Service"),
    "ticket.appointment": ("موعدك", "Your appointment"),
    "ticket.booking": ("كود الحجز", "Booking code"),
    "ticket.ahead": ("عدد المنتظرين قبلك", "People ahead of you"),
    "ticket.wait": ("الانتظار المتوقع", "Expected wait"),
    "ticket.issued": ("وقت الإصدار", "Issued"),
    "ticket.priority": ("أولوية", "Priority"),
    "js.ticket.about": ("حوالي {duration}", "About {duration}"),
    "js.ticket.no_wait": ("بلا انتظار تقريبًا", "Hardly any wait"),
    "js.ticket.wait_unknown": ("يُحدَّد عند فتح الشبابيك", "Known once the counters open"),
    "ticket.footer": (
        "احتفظ بالتذكرة وانتظر حتى يُنادى رقمك على الشاشة.",
        "Keep this ticket and wait until your number is called on the screen.",
    ),
}
