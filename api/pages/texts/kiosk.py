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
    # Accessibility, on every screen a citizen sees, until the visit ends
    "kiosk.tools": ("تسهيلات القراءة", "Reading help"),
    "kiosk.large_text": ("تكبير الخط", "Larger text"),
    "kiosk.large_text_icon": ("أ+", "A+"),
    "kiosk.read_aloud": ("قراءة التعليمات بصوت مسموع", "Read the instructions aloud"),
    "js.kiosk.voice_on": ("ستُقرأ التعليمات الآن بصوت مسموع.", "Instructions will now be read aloud."),
    "kiosk.have_booking": ("لديّ حجز", "I have a booking"),
    "kiosk.have_booking_sub": (
        "سجّل وصولك بكود الحجز المكتوب في رسالة التأكيد",
        "Check in with the code on your booking confirmation",
    ),
    "kiosk.no_booking": ("ليس لديّ حجز", "I don't have a booking"),
    "kiosk.no_booking_sub": ("خذ تذكرة انتظار لإحدى الخدمات", "Take a queue ticket for a service"),
    "kiosk.lost_ticket": ("فقدت تذكرتي: أعد طباعتها", "I lost my ticket: print it again"),
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
    "js.kiosk.no_counter_open": (
        "لا يوجد شباك مفتوح لهذه الخدمة الآن",
        "No counter open for this service yet",
    ),
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
    # A lost ticket, printed again
    "kiosk.reprint_heading": ("إعادة طباعة تذكرة مفقودة", "Print a lost ticket again"),
    "kiosk.reprint_by_code": ("لديّ حجز", "I have a booking"),
    "kiosk.reprint_by_code_sub": (
        "أعد طباعة تذكرتك بكود الحجز المكتوب في رسالة التأكيد",
        "Print your ticket again with the code on your booking confirmation",
    ),
    "kiosk.reprint_by_number": ("ليس لديّ حجز", "I don't have a booking"),
    "kiosk.reprint_by_number_sub": (
        "أعد طباعتها برقم التذكرة، خلال {duration} من أخذها",
        "Print it again with its ticket number, within {duration} of taking it",
    ),
    "kiosk.reprint_code_heading": ("إعادة الطباعة بكود الحجز", "Reprint with your booking code"),
    "kiosk.reprint_number_heading": ("إعادة الطباعة برقم التذكرة", "Reprint with your ticket number"),
    "kiosk.number_label": ("رقم التذكرة", "Ticket number"),
    "kiosk.number_hint": (
        "اختر حرف الخدمة ثم اكتب أرقام التذكرة، مثل \u2066P-017\u2069. يمكن ذلك خلال {duration} "
        "من أخذ التذكرة.",
        "Choose the service's letter, then type the ticket's digits, for example P-017. This works "
        "within {duration} of taking the ticket.",
    ),
    "kiosk.prefix_keys": ("حرف الخدمة المطبوع على التذكرة", "The service's letter on the ticket"),
    "kiosk.number_keys": ("لوحة كتابة أرقام التذكرة", "Keys for the ticket's digits"),
    "kiosk.reprint_submit": ("أعد طباعة تذكرتي", "Print my ticket again"),
    "js.error.ticket_number": (
        "اختر حرف الخدمة أولًا ثم اكتب أرقام التذكرة، مثل \u2066P-017\u2069.",
        "Choose the service's letter first, then type the ticket's digits, for example P-017.",
    ),
    "js.kiosk.reprinting": (
        "جارٍ طباعة نسخة جديدة من تذكرتك. خذها من الطابعة، وانتظر حتى يظهر رقمك على الشاشة.",
        "A new copy of your ticket is printing. Take it from the printer and wait for your number on "
        "the screen.",
    ),
    "js.kiosk.your_number": ("رقم تذكرتك {number}.", "Your number is {number}."),
    # The printed ticket
    "ticket.your_number": ("رقم تذكرتك", "Your number"),
    "ticket.service": ("الخدمة", "Service"),
    "ticket.appointment": ("موعدك", "Your appointment"),
    "ticket.visits": ("خدماتك بالترتيب", "Your services, in order"),
    "js.ticket.visit_at": ("{service} — الساعة {time}", "{service} — at {time}"),
    "ticket.booking": ("كود الحجز", "Booking code"),
    # Several people, one appointment: one ticket for the whole party
    "ticket.headcount": ("عدد الأشخاص", "People"),
    "js.ticket.party.one": ("{n} شخص", "{n} person"),
    "js.ticket.party.two": ("شخصان ({n})، بهذا الرقم معًا", "{n} people, together under this number"),
    "js.ticket.party.few": ("{n} أشخاص، بهذا الرقم معًا", "{n} people, together under this number"),
    "js.ticket.party.many": ("{n} شخصًا، بهذا الرقم معًا", "{n} people, together under this number"),
    "js.ticket.party.other": ("{n} شخص، بهذا الرقم معًا", "{n} people, together under this number"),
    "ticket.reprinted": ("نسخة مُعادة", "Reprinted copy"),
    "ticket.turn": ("دورك", "Your turn"),
    "js.ticket.at_your_time": ("في موعدك، الساعة {time}", "At your appointment time, {time}"),
    "ticket.ahead": ("عدد المنتظرين قبلك", "People ahead of you"),
    "ticket.wait": ("الانتظار المتوقع", "Expected wait"),
    "ticket.issued": ("وقت الإصدار", "Issued"),
    "ticket.priority": ("أولوية", "Priority"),
    "js.ticket.about": ("حوالي {duration}", "About {duration}"),
    "js.ticket.no_wait": ("بلا انتظار تقريبًا", "Hardly any wait"),
    "js.ticket.wait_unknown": ("غير معروف بعد", "Not known yet"),
    "js.ticket.why_no_counter": (
        "لا يوجد الآن شباك مفتوح لهذه الخدمة؛ سيُنادى رقمك حسب دوره فور فتح أحد الشبابيك.",
        "No counter for this service is open yet: your number will be called in turn as soon as one opens.",
    ),
    "js.ticket.why_before_opening": (
        "يفتح المكتب الساعة {time}، ويبدأ نداء الأرقام بعدها حسب الدور.",
        "The office opens at {time}; numbers are called in turn from then.",
    ),
    "kiosk.called_while_away": ("نودي على رقمي ولم أكن هنا", "My number was called while I was away"),
    "kiosk.back_heading": ("العودة إلى الطابور برقم التذكرة", "Back in line with your ticket number"),
    "kiosk.back_hint": (
        "اكتب الرقم المطبوع على تذكرتك. تُحفظ التذكرة لك {duration} بعد النداء عليها. "
        "من لديه حجز يستخدم رمز الحجز.",
        "Type the number printed on your ticket. It is kept for you {duration} after it was called. "
        "With a booking, use your booking code.",
    ),
    "kiosk.back_number_label": ("الرقم المطبوع على تذكرتك", "The number printed on your ticket"),
    "kiosk.back_submit": ("أعدني إلى الطابور", "Put me back in line"),
    "js.kiosk.back_in_line": (
        "عدت إلى الطابور. تُطبع تذكرتك الآن.",
        "You are back in line. Your ticket is printing.",
    ),
    "kiosk.heads_up_button": ("أرسل لي رسالة عندما يقترب دوري", "Text me when I'm close"),
    "kiosk.heads_up_heading": ("رسالة عندما يقترب دوري", "A text when my turn is close"),
    "kiosk.heads_up_intro": (
        "اكتب رقم موبايلك: نرسل لك رسالة عندما يقترب دورك، ورسالة عند النداء على رقمك.",
        "Type your mobile number: we text you when your turn is close, and when your number is called.",
    ),
    "kiosk.heads_up_ahead": (
        "أرسل الرسالة عندما يكون أمامي",
        "Text me when this many people are ahead of me",
    ),
    "kiosk.heads_up_submit": ("أرسل لي رسالة", "Text me"),
    "js.kiosk.heads_up_done": (
        "تم. سنرسل رسالة إلى الرقم المنتهي بـ {last4}.",
        "Done. We will text the number ending in {last4}.",
    ),
    "ticket.follow_from_phone": (
        "امسح الرمز بكاميرا هاتفك لتتابع دورك من أي مكان.",
        "Scan with your phone's camera to follow your turn from anywhere.",
    ),
    "ticket.footer": (
        "احتفظ بالتذكرة وانتظر حتى يُنادى رقمك على الشاشة.",
        "Keep this ticket and wait until your number is called on the screen.",
    ),
}
