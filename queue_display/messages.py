"""Every sentence the hall says to a citizen at the kiosk or a clerk at a counter, in English and
Arabic, keyed by code (see ``kernel.messages``); ``queue_display.errors`` raises them by key, and
the hall display speaks ``announce`` when a ticket is called.

The counter console shows these as they are, so a ticket's status and an action are worded here
too, in each language (``STATUS_WORDS``, ``ACTION_WORDS``).
"""

from __future__ import annotations

from kernel.messages import Catalogue

STATUS_WORDS: dict[str, tuple[str, str]] = {
    "waiting": ("waiting", "في الانتظار"),
    "called": ("called", "تم النداء"),
    "serving": ("being served", "قيد الخدمة"),
    "done": ("done", "انتهت الخدمة"),
    "no_show": ("a no-show", "عدم الحضور"),
    "transferred": ("transferred", "محوَّلة"),
    "parked": ("parked (its holder was not there)", "مؤجَّلة (لم يكن صاحبها حاضرًا)"),
}
"""A ticket's status as a clerk reads it: ``status: (English, Arabic)``."""

ACTION_WORDS: dict[str, tuple[str, str]] = {
    "call": ("called", "النداء عليها"),
    "recall": ("called again", "إعادة النداء عليها"),
    "start": ("started", "بدء خدمتها"),
    "complete": ("completed", "إنهاء خدمتها"),
    "no_show": ("marked as a no-show", "تسجيل عدم الحضور لها"),
    "transfer": ("transferred", "تحويلها"),
    "park": ("parked", "تأجيلها"),
    "back_in_line": ("put back in line", "إعادتها إلى الطابور"),
}
"""What a clerk tried to do to a ticket, as the refusal says it: ``action: (English, Arabic)``."""

TIMES_WORDS: dict[str, dict[str, str]] = {
    "en": {"=1": "once", "=2": "twice", "other": "{n} times"},
    "ar": {"one": "مرة واحدة", "two": "مرتين", "few": "{n} مرات", "other": "{n} مرة"},
}
"""How many times, as the no-show refusal says it: by CLDR plural category, or for one exact count
(``=2``, as ICU writes it: English has no dual, yet says "twice"); the Arabic follows a verb."""

MINUTES_AFTER_WORDS: dict[str, dict[str, str]] = {
    "en": {"one": "{n} minute", "other": "{n} minutes"},
    "ar": {"one": "دقيقة واحدة", "two": "دقيقتين", "few": "{n} دقائق", "other": "{n} دقيقة"},
}
"""A number of minutes after «بعد» (Arabic genitive), as the no-show refusal says it."""

MESSAGES = Catalogue(
    "queue_display",
    {
        # Tickets and counters
        "illegal_transition": (
            "Ticket {number} is {status_en}; it cannot be {action_en}.",
            "حالة التذكرة {number} الآن «{status_ar}»، ولا يمكن {action_ar}.",
        ),
        "heads_up.near": (
            "Mawid: ticket {number} at {office}: people ahead of you now: {ahead}. "
            "Please be in the hall soon.",
            "موعد: التذكرة {number} في {office}: عدد من أمامك الآن {ahead}. من فضلك كن في الصالة قريبًا.",
        ),
        "heads_up.called": (
            "Mawid: your number {number} is being called at counter {counter}, {office}.",
            "موعد: يُنادى الآن على رقمك {number} عند الشباك {counter} في {office}.",
        ),
        "heads_up_too_late": (
            "Ticket {number} is no longer waiting, so there is nothing to text you about.",
            "التذكرة {number} لم تعد في الانتظار، فلا داعي لإرسال رسالة.",
        ),
        "invalid_heads_up_ahead": (
            "Choose how many people ahead of you, from 1 to {most}.",
            "اختر عدد الأشخاص أمامك، من ١ إلى {most}.",
        ),
        "invalid_uptake_range": (
            "Choose a period of at most {days} days, its start before its end.",
            "اختر مدة لا تزيد على {days} يومًا، تبدأ قبل أن تنتهي.",
        ),
        "park_again": (
            "Ticket {number} was parked once already; if its holder is not here, mark it as a no-show.",
            "سبق تأجيل التذكرة {number} مرة، فإن لم يحضر صاحبها فسجِّل عدم حضوره.",
        ),
        "park_expired": (
            "Ticket {number} was kept for you for {minutes} minutes only; please take a new ticket.",
            "احتُفظ بالتذكرة {number} لك {minutes} دقيقة فقط؛ من فضلك خذ تذكرة جديدة.",
        ),
        "ticket_not_parked": (
            "Ticket {number} is not waiting for you to come back; it is {status_en}.",
            "التذكرة {number} ليست في انتظار عودتك؛ حالتها «{status_ar}».",
        ),
        "ticket_not_found": (
            "No ticket {ticket_id} in this office.",
            "لا توجد تذكرة {ticket_id} في هذا المكتب.",
        ),
        "already_checked_in": (
            "Booking {booking_code} has already been checked in today.",
            "تم تسجيل حضور الحجز {booking_code} اليوم بالفعل.",
        ),
        "counter_not_open": (
            "Counter {counter_id} is not open; open it before calling tickets.",
            "الشباك {counter_id} غير مفتوح؛ افتحه قبل نداء التذاكر.",
        ),
        "counter_busy": (
            "Counter {counter_id} still has ticket {number}; finish it before calling the next.",
            "الشباك {counter_id} ما زال يخدم التذكرة {number}؛ أنهِها قبل نداء التالية.",
        ),
        "transfer_to_same_service": (
            "The ticket is already for {service}.",
            "التذكرة بالفعل للخدمة {service}.",
        ),
        "invalid_national_id": (
            "The national ID must be 14 digits starting with a real birth date.",
            "الرقم القومي يجب أن يتكون من ١٤ رقمًا ويبدأ بتاريخ ميلاد صحيح.",
        ),
        "ticket_busy": (
            "Ticket {number} is being changed from another counter; try again.",
            "يجري تعديل التذكرة {number} من شباك آخر؛ حاول مرة أخرى.",
        ),
        # A no-show asked for before the citizen had a fair chance to come (queue_display.no_show)
        "no_show_too_early.both": (
            "Ticket {number} cannot be marked as not having come yet: call it again {times_en} first "
            "(so far: {recalls}), and wait until {at}, {minutes_en} after its first call, so the "
            "citizen has time to reach the counter.",
            "لا يمكن تسجيل عدم الحضور للتذكرة {number} بعد: أعِد النداء عليها {times_ar} أولًا "
            "(حتى الآن: {recalls})، وانتظر حتى الساعة {at}، أي بعد {minutes_ar} من النداء الأول، "
            "ليتمكن المواطن من الوصول إلى الشباك.",
        ),
        "no_show_too_early.recalls": (
            "Ticket {number} cannot be marked as not having come yet: call it again {times_en} first "
            "(so far: {recalls}), so the citizen hears the number more than once.",
            "لا يمكن تسجيل عدم الحضور للتذكرة {number} بعد: أعِد النداء عليها {times_ar} أولًا "
            "(حتى الآن: {recalls})، حتى يسمع المواطن رقمه أكثر من مرة.",
        ),
        "no_show_too_early.time": (
            "Ticket {number} cannot be marked as not having come before {at}, {minutes_en} after its "
            "first call, so the citizen has time to reach the counter.",
            "لا يمكن تسجيل عدم الحضور للتذكرة {number} قبل الساعة {at}، أي بعد {minutes_ar} من "
            "النداء الأول، ليتمكن المواطن من الوصول إلى الشباك.",
        ),
        # The kiosk and the counters
        "booking_not_found.kiosk": (
            "No booking has the code {code}; check the code on the confirmation.",
            "لا يوجد حجز بالكود {code}؛ راجع كود الحجز المكتوب في رسالة التأكيد.",
        ),
        "wrong_office": (
            "Booking {code} is not for this office today. Check the office on your booking card.",
            "الحجز {code} ليس لهذا المكتب اليوم. راجِع المكتب المدوَّن في بطاقة حجزك.",
        ),
        "wrong_day": (
            "Booking {code} is not for this office today. Check the day on your booking card.",
            "الحجز {code} ليس لهذا المكتب اليوم. راجِع اليوم المدوَّن في بطاقة حجزك.",
        ),
        "booking_cancelled": (
            "Booking {code} was cancelled; take a walk-in ticket or book again.",
            "تم إلغاء الحجز {code}؛ يمكنك أخذ تذكرة بدون موعد أو الحجز من جديد.",
        ),
        "office_closed": (
            "{office_en} is closed today.",
            "{office_ar} مغلق اليوم.",
        ),
        "counter_not_found": (
            "This office has no counter {counter_id}.",
            "لا يوجد في هذا المكتب شباك {counter_id}.",
        ),
        "counter_inactive": (
            "Counter {label} is out of service; a manager can bring it back.",
            "الشباك {label} خارج الخدمة؛ يمكن للمدير إعادة تشغيله.",
        ),
        "invalid_priority": (
            "Unknown priority '{value}'; use one of: {allowed}.",
            "أولوية غير معروفة «{value}»؛ استخدم إحدى القيم: {allowed}.",
        ),
        "invalid_counter_status": (
            "Unknown counter status '{value}'; use one of: {allowed}.",
            "حالة شباك غير معروفة «{value}»؛ استخدم إحدى القيم: {allowed}.",
        ),
        # A lost ticket printed again at the kiosk (queue_display.reprint): polite, and no more
        # than the print would show, since anyone at the kiosk can type a code or a number.
        "reprint_no_ticket": (
            "Booking {code} has no ticket in this office today. If you have not checked in yet, "
            "choose “I have a booking” on the first screen.",
            "لا توجد تذكرة للحجز {code} في هذا المكتب اليوم. إن لم تكن قد سجّلت وصولك بعد، "
            "فاختر «لديّ حجز» من الشاشة الأولى.",
        ),
        "reprint_not_found": (
            "No ticket {number} was taken in this office in the last {minutes} minutes, so it cannot "
            "be printed again here. Please ask a member of staff, who will gladly help.",
            "لم تُصدَر التذكرة {number} في هذا المكتب خلال آخر {minutes} دقائق، لذا لا يمكن طباعتها "
            "مرة أخرى من هنا. يُرجى التوجه إلى أحد الموظفين، وسيسعده مساعدتك.",
        ),
        "ticket_already_called": (
            "Ticket {number} has already been called to counter {counter}: please go there now.",
            "تم النداء على التذكرة {number} إلى الشباك رقم {counter}؛ يُرجى التوجه إليه الآن.",
        ),
        "ticket_finished": (
            "Ticket {number} is no longer in the queue. If you still need a service, please take a "
            "new ticket.",
            "التذكرة {number} لم تعد في قائمة الانتظار. إن كنت ما زلت تحتاج إلى خدمة، فيُرجى أخذ تذكرة جديدة.",
        ),
        "invalid_ticket_number": (
            "A ticket number is its letter and digits, as printed on the ticket: for example P-017.",
            "رقم التذكرة هو الحرف والأرقام المطبوعة عليها، مثل P-017.",
        ),
        # The hall display's call, spoken Arabic first (queue_display.events); the Redis store
        # fills these templates in Lua, replacing {number} and {counter} as they are written here.
        "announce": (
            "Ticket {number}, please go to counter {counter}.",
            "التذكرة رقم {number}، يرجى التوجه إلى الشباك رقم {counter}.",
        ),
    },
)
