"""Every sentence booking says to a citizen or a clerk, in English and Arabic, keyed by code.

A key is the error code a client gets, or ``code.variant`` when one code has several sentences.
``{placeholders}`` are filled by ``str.format`` after the lookup (see ``kernel.messages``); both
languages name the same ones. A number a rule fixes in code (three bookings, ten offices, 300 km)
is written out here in words or digits as a native speaker would; the snapshot test
``tests/unit/booking/test_message_snapshot.py`` pins the exact text.
"""

from __future__ import annotations

from kernel.messages import Catalogue

#: Words of dates and times in messages (booking.notices, and planning's notices through it).
MONTHS_AR = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
"""The months as Egyptians name them, January first."""

WEEKDAYS_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
"""The days of the week, Monday first (as ``date.weekday`` counts)."""

DAY_PARTS: dict[str, tuple[str, str]] = {
    "morning": ("am", "صباحًا"),
    "noon": ("pm", "ظهرًا"),
    "evening": ("pm", "مساءً"),
}


MESSAGES = Catalogue(
    "booking",
    {
        # The booking window and the release of days (booking.rules, booking.release)
        "outside_booking_window.too_soon": (
            "This time is too soon: book at least one hour ahead.",
            "هذا الموعد قريب جدًا: يجب الحجز قبل الموعد بساعة على الأقل.",
        ),
        "outside_booking_window.request_days": (
            "Choose days from today up to 60 days ahead.",
            "اختر أيامًا تبدأ من اليوم ولا تتجاوز ستين يومًا مقبلة.",
        ),
        "outside_booking_window.too_far": (
            "Bookings open {days_ahead} days ahead; this time is further away.",
            "يُفتح الحجز قبل الموعد بـ{days_ahead} يومًا فقط، وهذا الموعد أبعد من ذلك.",
        ),
        "outside_booking_window.opens_on": (
            "Bookings for {day} open on {opens} at {clock} (Cairo time), {days_ahead} days ahead.",
            "يُفتح الحجز ليوم {day} يوم {opens} الساعة {clock} بتوقيت القاهرة، "
            "قبل الموعد بـ{days_ahead} يومًا.",
        ),
        "release_draw_running": (
            "The places on this day are being drawn by lot until {at} (Cairo time); "
            "choose another day or try again after the draw.",
            "تُوزَّع مواعيد هذا اليوم بالقرعة حتى الساعة {at} بتوقيت القاهرة؛ "
            "اختر يومًا آخر أو حاول مرة أخرى بعد القرعة.",
        ),
        "invalid_date_range": (
            "'to' must not be before 'from'.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية.",
        ),
        # Who may book what (booking.rules, booking.churn)
        "walk_in_only": (
            "{service_en} is not booked ahead: come to the office and take a ticket at the kiosk.",
            "لا تُحجز خدمة «{service_ar}» مسبقًا: احضر إلى المكتب واسحب تذكرة من جهاز الخدمة الذاتية.",
        ),
        "seniors_hours": (
            "This time ({opens}–{closes}) is kept for applicants aged 60 or over. Choose another time, "
            "or ask for help at the office's desk or on the phone line.",
            "هذا الوقت ({opens}–{closes}) مخصص لكبار السن من ٦٠ عامًا فأكثر. اختر وقتًا آخر، "
            "أو اطلب المساعدة من مكتب الخدمة أو عبر الخط الهاتفي.",
        ),
        "invalid_channel_settings": (
            "The share kept for assisted bookings is from 0 to 0.5, and seniors' hours are written "
            "like 08:00-09:00 (or left empty).",
            "الحصة المحجوزة للحجز بالمساعدة من ٠ إلى ٠٫٥، وتُكتب ساعات كبار السن هكذا 08:00-09:00 "
            "(أو تُترك فارغة).",
        ),
        "invalid_channel": (
            "A clerk books through the desk or the phone line: channel must be desk or phone.",
            "يحجز الموظف عبر مكتب الخدمة أو الخط الهاتفي: يجب أن تكون القناة desk أو phone.",
        ),
        "identity_not_eligible.citizens": (
            "{service_en} is only for Egyptian citizens.",
            "خدمة «{service_ar}» متاحة للمواطنين المصريين فقط.",
        ),
        "identity_not_eligible.foreigners": (
            "{service_en} is only for foreign nationals.",
            "خدمة «{service_ar}» متاحة للأجانب فقط.",
        ),
        "national_id_required": (
            "{service_en} needs an Egyptian national ID number; a passport, even an Egyptian one, "
            "is not enough to book it.",
            "تتطلب خدمة «{service_ar}» الرقم القومي المصري؛ ولا يكفي جواز السفر لحجزها ولو كان مصريًا.",
        ),
        # What the citizen typed (booking.rules, booking.identity)
        "invalid_name.hidden_characters": (
            "The name contains invisible or text-direction characters ({characters}); "
            "type it again instead of pasting it.",
            "يحتوي الاسم على رموز غير مرئية أو رموز تغيّر اتجاه الكتابة؛ اكتبه بنفسك بدلًا من لصقه.",
        ),
        "invalid_name": (
            "Write your full name as on your ID.",
            "اكتب اسمك بالكامل كما هو في بطاقة الهوية.",
        ),
        "invalid_email": (
            "This e-mail address is not valid.",
            "عنوان البريد الإلكتروني غير صحيح.",
        ),
        "invalid_national_id.length": (
            "This is not a valid Egyptian national ID number: it must have exactly 14 digits.",
            "رقم قومي غير صحيح: يجب أن يتكون من ١٤ رقمًا.",
        ),
        "invalid_national_id.century": (
            "This is not a valid Egyptian national ID number: the first digit must be 2 or 3.",
            "رقم قومي غير صحيح: يجب أن يبدأ بالرقم ٢ أو ٣.",
        ),
        "invalid_national_id.birth_date": (
            "This is not a valid Egyptian national ID number: the birth date in it is not a real date.",
            "رقم قومي غير صحيح: تاريخ الميلاد الوارد فيه غير صحيح.",
        ),
        "invalid_national_id.born_later": (
            "This is not a valid Egyptian national ID number: the birth date in it is in the future.",
            "رقم قومي غير صحيح: تاريخ الميلاد الوارد فيه في المستقبل.",
        ),
        "invalid_national_id.governorate": (
            "This is not a valid Egyptian national ID number: the governorate code in it does not exist.",
            "رقم قومي غير صحيح: كود المحافظة الوارد فيه غير موجود.",
        ),
        "invalid_passport": (
            "A passport number has 6 to 12 Latin letters and digits.",
            "رقم جواز السفر يتكون من ٦ إلى ١٢ حرفًا لاتينيًا ورقمًا.",
        ),
        "invalid_nationality": (
            "Nationality must be an ISO 3166-1 alpha-3 country code, such as SDN or SYR.",
            "يجب كتابة الجنسية بالرمز الدولي المكون من ثلاثة أحرف، مثل SDN أو SYR.",
        ),
        "invalid_phone": (
            "Enter an Egyptian mobile number such as 010 1234 5678 or +20 10 1234 5678.",
            "أدخل رقم محمول مصري مثل ٠١٠١٢٣٤٥٦٧٨ أو \u200e+20 10 1234 5678.",
        ),
        "invalid_identity": (
            "Identity type must be national_id or passport.",
            "نوع الهوية يجب أن يكون رقمًا قوميًا أو جواز سفر.",
        ),
        # Caps on churn (booking.churn)
        "reschedule_limit_booking": (
            "This booking has already been moved {limit} times, the most allowed. Keep this time, or "
            "cancel it and book again.",
            "نُقل موعد هذا الحجز {limit} مرات بالفعل، وهو الحد المسموح به. يمكنك الإبقاء على هذا "
            "الموعد، أو إلغاء الحجز والحجز من جديد.",
        ),
        "reschedule_limit": (
            "You have already moved {limit} appointments in {year}, the most allowed in a year. "
            "Keep this time, or cancel it and book again.",
            "غيّرت مواعيد {limit} حجوزات خلال عام {year}، وهو الحد المسموح به في العام. يمكنك "
            "الإبقاء على هذا الموعد، أو إلغاء الحجز والحجز من جديد.",
        ),
        "cancellation_limit": (
            "You cancelled {limit} bookings this month, the most allowed, so you cannot book again "
            "before {reopens}.",
            "ألغيت {limit} حجوزات هذا الشهر، وهو الحد المسموح به، لذا لا يمكنك الحجز مرة أخرى قبل {reopens}.",
        ),
        "no_show_ban": (
            "You missed {limit} appointments within {window_days} days, so you cannot book before "
            "{until}. If you cannot come, cancel the booking in time.",
            "تغيّبت عن {limit} مواعيد خلال {window_days} يومًا، لذا لا يمكنك الحجز قبل "
            "{until}. إذا تعذّر عليك الحضور فألغِ الحجز في وقته.",
        ),
        "mobile_booking_limit": (
            "This mobile number already has {limit} active bookings, the most allowed for one number. "
            "Use the citizen's own mobile number, or cancel a booking first.",
            "لهذا الرقم المحمول {limit} حجوزات قائمة بالفعل، وهو الحد المسموح به للرقم الواحد. "
            "استخدم رقم المحمول الخاص بصاحب الحجز، أو ألغِ أحد الحجوزات أولًا.",
        ),
        # What the database refuses (booking.store)
        # A manager's closures (booking.store.offices)
        "closure_exists": (
            "This is already closed: the same closure of that day is in force. Reopen the day first "
            "to close it differently.",
            "هذا مُغلق بالفعل: الإغلاق نفسه في ذلك اليوم قائم. أعد فتح اليوم أولًا إن أردت إغلاقه بطريقة أخرى.",
        ),
        "slot_full": (
            "This time is fully booked. Please choose another time.",
            "هذا الموعد مكتمل. يُرجى اختيار موعد آخر.",
        ),
        "duplicate_booking": (
            "You already have an active booking for this service. Cancel or reschedule it instead.",
            "لديك حجز قائم لهذه الخدمة بالفعل. يمكنك إلغاؤه أو تغيير موعده.",
        ),
        "booking_limit": (
            "You can hold at most 3 active bookings at a time.",
            "لا يمكن أن يكون لديك أكثر من ثلاثة حجوزات قائمة في وقت واحد.",
        ),
        "booking_limit.services": (
            "A booking of several services counts each of them: you can hold at most 3 booked "
            "services at a time, and this would make more.",
            "يُحتسب كل خدمة في الحجز متعدد الخدمات على حدة: لا يمكن أن يكون لديك أكثر من ثلاث خدمات "
            "محجوزة في وقت واحد، وهذا الحجز يتجاوز ذلك.",
        ),
        "chain_moves_whole": (
            "This booking is for several services, which move together; move the whole visit.",
            "هذا الحجز لعدة خدمات تُنقل معًا؛ انقل الزيارة كلها.",
        ),
        "booking_changed": (
            "This booking changed meanwhile; look it up again.",
            "تغيَّر هذا الحجز في هذه الأثناء؛ يُرجى عرضه من جديد.",
        ),
        "duplicate_request": (
            "You already have a pending request for this service. Wait for its answer or cancel it first.",
            "لديك طلب قيد الانتظار لهذه الخدمة بالفعل. انتظر الرد عليه أو ألغِه أولًا.",
        ),
        # Finding offices, services, slots and bookings (booking.appointments)
        "unknown_service": (
            "There is no service with the code '{code}'.",
            "لا توجد خدمة بالرمز «{code}».",
        ),
        "office_not_found": (
            "There is no office '{office_id}'.",
            "لا يوجد مكتب بالمعرّف «{office_id}».",
        ),
        "service_not_offered": (
            "{office_en} does not offer {service_en}.",
            "خدمة «{service_ar}» غير متاحة في {office_ar}.",
        ),
        "invalid_date_range.availability": (
            "'to' must not be before 'from', and the range at most {max_days} days.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية، وألا تزيد المدة عن {max_days} يومًا.",
        ),
        "slot_not_offered": (
            "This office offers no slot for this service at that time.",
            "لا يوجد موعد متاح لهذه الخدمة في هذا المكتب في ذلك الوقت.",
        ),
        "slot_not_offered.chain": (
            "At this time the office cannot serve {service_en} right after the service before it; "
            "choose a start at which all your services fit.",
            "لا يمكن للمكتب في هذا الموعد تقديم خدمة «{service_ar}» مباشرةً بعد الخدمة التي قبلها؛ "
            "اختر موعدًا تتسع فيه كل خدماتك.",
        ),
        # One trip, several services (booking.chains)
        "no_service": (
            "Choose at least one service.",
            "اختر خدمة واحدة على الأقل.",
        ),
        "too_many_services": (
            "One booking may hold at most three services.",
            "لا يمكن أن يضم الحجز الواحد أكثر من ثلاث خدمات.",
        ),
        "repeated_service": (
            "{service_en} is named twice; each service is booked once.",
            "ذُكرت خدمة «{service_ar}» مرتين؛ تُحجز كل خدمة مرة واحدة فقط.",
        ),
        # Several people, one appointment (booking.groups)
        "too_many_people": (
            "One booking may be for 1 to {most} people.",
            "يمكن أن يكون الحجز الواحد لشخص واحد حتى {most} أشخاص.",
        ),
        "repeated_person": (
            "Person {person} ({name}) has the same identity number as someone before them; "
            "each person is named once.",
            "الشخص رقم {person} ({name}) له رقم الهوية نفسه لشخص سبقه؛ يُذكر كل شخص مرة واحدة فقط.",
        ),
        "person_refused": (
            "Person {person} ({name}): {reason}",
            "الشخص رقم {person} ({name}): {reason}",
        ),
        "duplicate_booking.person": (
            "Person {person} ({name}) already has an active booking for one of these services.",
            "لدى الشخص رقم {person} ({name}) حجز قائم بالفعل لإحدى هذه الخدمات.",
        ),
        "booking_limit.person": (
            "Person {person} ({name}) already holds as many active bookings as one person may.",
            "لدى الشخص رقم {person} ({name}) الحد الأقصى من الحجوزات القائمة المسموح به لشخص واحد.",
        ),
        "slot_not_offered.people": (
            "At this time the office cannot serve {people} people one after the other; choose a "
            "start at which the whole party fits.",
            "لا يمكن للمكتب في هذا الموعد خدمة {people} أشخاص واحدًا تلو الآخر؛ اختر موعدًا يتسع لكم جميعًا.",
        ),
        "party_moves_whole": (
            "This booking is for several people, who move together; move the whole party.",
            "هذا الحجز لعدة أشخاص يُنقلون معًا؛ انقل الحجز كله.",
        ),
        "person_not_found": (
            "This booking has no person {person} to remove.",
            "لا يوجد في هذا الحجز شخص رقم {person} لإزالته.",
        ),
        "applicant_not_removable": (
            "The person who made the booking cannot be removed from it; cancel the booking instead.",
            "لا يمكن إزالة صاحب الحجز منه؛ يمكنك إلغاء الحجز بدلًا من ذلك.",
        ),
        "booking_not_found": (
            "No booking matches this code and identity number.",
            "لا يوجد حجز بهذا الكود ورقم الهوية.",
        ),
        "booking_not_changeable.cancelled": (
            "This booking is cancelled and can no longer be changed.",
            "لم يعد من الممكن تعديل هذا الحجز لأنه ملغى.",
        ),
        "booking_not_changeable.checked_in": (
            "This booking is checked in and can no longer be changed.",
            "لم يعد من الممكن تعديل هذا الحجز لأنه مسجَّل حضوره.",
        ),
        "booking_not_changeable.served": (
            "This booking is served and can no longer be changed.",
            "لم يعد من الممكن تعديل هذا الحجز لأنه منتهٍ.",
        ),
        "booking_not_changeable.no_show": (
            "This booking is no show and can no longer be changed.",
            "لم يعد من الممكن تعديل هذا الحجز لأنه فائت.",
        ),
        "booking_not_changeable.confirmed": (
            "This booking is confirmed and can no longer be changed.",
            "لم يعد من الممكن تعديل هذا الحجز لأنه غير قائم.",
        ),
        # Flexible requests (booking.flexible_booking)
        "request_not_found": (
            "No booking request matches this id and identity number.",
            "لا يوجد طلب حجز بهذا المعرّف ورقم الهوية.",
        ),
        "invalid_time_of_day": (
            "time_of_day must be morning (before 11:00), midday (11:00–13:00) or afternoon.",
            "يجب أن تكون الفترة المفضلة morning (قبل ١١ صباحًا) أو midday (من ١١ إلى ١ ظهرًا) أو "
            "afternoon (بعد ١ ظهرًا).",
        ),
        "request_not_changeable": (
            "This request is {status} and can no longer be cancelled.",
            "لم يعد من الممكن إلغاء هذا الطلب.",
        ),
        "request_not_changeable.booked": (
            "This request is {status} and can no longer be cancelled here; cancel the booking instead.",
            "لم يعد من الممكن إلغاء هذا الطلب؛ يمكنك إلغاء الحجز نفسه.",
        ),
        # Which offices a flexible request accepts (booking.request_offices)
        "invalid_offices_choice": (
            "Name the offices you accept in one way: a list of offices, a governorate, or a point "
            "with a distance (near).",
            "حدِّد المكاتب التي تناسبك بطريقة واحدة فقط: قائمة مكاتب، أو محافظة، أو موقع مع أقصى مسافة (near).",
        ),
        "too_many_offices": (
            "Name at most 10 offices.",
            "يمكنك اختيار عشرة مكاتب على الأكثر.",
        ),
        "invalid_location": (
            "Give lat between -90 and 90, lon between -180 and 180, and max_km above 0 and at most 300.",
            "يجب أن يكون خط العرض بين \u200e-90 و90، وخط الطول بين \u200e-180 و180، "
            "وأقصى مسافة أكبر من صفر ولا تزيد على ٣٠٠ كم.",
        ),
        "unknown_governorate": (
            "There is no governorate '{slug}'.",
            "لا توجد محافظة بالمعرّف «{slug}».",
        ),
        "no_office_in_reach.governorate": (
            "No office in {governorate_en} offers {service_en}.",
            "لا يوجد مكتب في محافظة {governorate_ar} يقدّم خدمة «{service_ar}».",
        ),
        "no_office_in_reach.near": (
            "No office offering {service_en} lies within {max_km:g} km.",
            "لا يوجد مكتب يقدّم خدمة «{service_ar}» في نطاق {max_km:g} كم من الموقع المحدد.",
        ),
        "no_office_in_reach.governorate_chain": (
            "No office in {governorate_en} offers all of {services_en} for one trip.",
            "لا يوجد مكتب في محافظة {governorate_ar} يقدّم الخدمات {services_ar} كلها في زيارة واحدة.",
        ),
        "no_office_in_reach.near_chain": (
            "No office offering all of {services_en} for one trip lies within {max_km:g} km.",
            "لا يوجد مكتب يقدّم الخدمات {services_ar} كلها في زيارة واحدة في نطاق {max_km:g} كم "
            "من الموقع المحدد.",
        ),
        # Verified mobiles (booking.verification)
        "hold_not_found": (
            "This booking is no longer waiting for a code: it was confirmed, it expired, or too many "
            "wrong codes were typed. Book again.",
            "لم يعد هذا الحجز بانتظار رمز التحقق: إما أنه تأكَّد، أو انتهت مهلته، أو أُدخل رمز خاطئ "
            "مرات كثيرة. احجز من جديد.",
        ),
        "invalid_verification_code": (
            "Type the six digits of the code we sent to your mobile.",
            "اكتب الأرقام الستة للرمز الذي أرسلناه إلى هاتفك المحمول.",
        ),
        "wrong_verification_code": (
            "That code is not right. Tries left: {tries_left}.",
            "الرمز غير صحيح. المحاولات المتبقية: {tries_left}.",
        ),
        "resend_too_soon": (
            "A code was sent a moment ago. You can ask for another in {seconds} seconds.",
            "أرسلنا رمزًا قبل لحظات. يمكنك طلب رمز آخر بعد {seconds} ث.",
        ),
        "resend_limit": (
            "We cannot send the code again. Book again to get a new one.",
            "لا يمكننا إرسال الرمز مرة أخرى. احجز من جديد للحصول على رمز جديد.",
        ),
        # The waitlist and its offers (booking.waitlist, booking.waitlisting)
        "duplicate_waitlist": (
            "You are already on the waitlist for {service_en}.",
            "أنت مسجَّل بالفعل في قائمة الانتظار لخدمة «{service_ar}».",
        ),
        "waitlist_not_found": (
            "No place on the waitlist matches this reference and identity number.",
            "لا يوجد تسجيل في قائمة الانتظار يطابق هذا الرقم المرجعي ورقم الهوية.",
        ),
        "waitlist_not_changeable": (
            "You are no longer on the waitlist.",
            "لم تعد مسجَّلًا في قائمة الانتظار.",
        ),
        "offer_not_found": (
            "This offer is no longer open: it was answered, or its time ran out and the place went "
            "to the next person waiting.",
            "لم يعد هذا العرض متاحًا: إما أنه أُجيب عنه، أو انتهت مهلته فانتقل الموعد إلى التالي في "
            "قائمة الانتظار.",
        ),
        "notice_waitlist_joined.sms": (
            "You are on the Mawid waitlist for {service}. When a place frees up we will text you. {link}",
            "أنت الآن في قائمة انتظار موعد لخدمة «{service}». سنرسل إليك رسالة عندما يتاح مكان. {link}",
        ),
        "notice_waitlist_offer.sms": (
            "Mawid: a place at {office} on {day} at {time} is held for you until {until}. "
            "Accept it here: {link}",
            "موعد: مكان في {office} يوم {day} الساعة {time} محجوز لك حتى {until}. للقبول: {link}",
        ),
        "notice_waitlist_lapsed.sms": (
            "The place held for you at {office} was not accepted in time and went to the next "
            "person. You have left the waitlist; to join again: {site}",
            "لم تقبل المكان المحجوز لك في {office} في الوقت المحدد فانتقل إلى التالي، وخرجت من "
            "قائمة الانتظار. للتسجيل من جديد: {site}",
        ),
        # Reconfirmation of bookings where many do not come (booking.reconfirmation)
        "reconfirm_not_needed": (
            "This booking does not need to be reconfirmed now.",
            "لا يحتاج هذا الحجز إلى إعادة تأكيد الآن.",
        ),
        "reconfirmation_lapsed": (
            "it was not reconfirmed in time",
            "لم يُعَد تأكيده في الموعد المحدد",
        ),
        "notice_reconfirm.sms": (
            "Will you come to {office} on {day} at {time}? Confirm booking {code} by {deadline} "
            "or it goes to someone waiting: {link}",
            "هل ستحضر إلى {office} يوم {day} الساعة {time}؟ أكِّد الحجز {code} قبل {deadline} "
            "وإلا انتقل إلى غيرك: {link}",
        ),
        "notice_reconfirm_released.sms": (
            "Booking {code} at {office} on {day} was not reconfirmed in time and is cancelled; the "
            "place went to someone waiting. To book again: {site}",
            "أُلغي حجزك {code} في {office} يوم {day} لأنه لم يُعَد تأكيده في الموعد المحدد، "
            "وانتقل المكان إلى غيرك. للحجز من جديد: {site}",
        ),
        # What a citizen is told about a booking (booking.notices): an SMS of at most two
        # segments (134 UTF-16 units in Arabic), an e-mail's subject and body.
        "notice_booked.sms": (
            "Your visit to {office} is booked for {day} at {time}. Booking code {code}. Details: {link}",
            "موعدك في {office} {day} {time}. كود الحجز {code} {link}",
        ),
        "notice_booked.subject": (
            "Booking {code} confirmed: {office}, {day}",
            "تأكيد الحجز {code}: {office}، {day}",
        ),
        "notice_booked.email": (
            "Your booking is confirmed.\n\nBooking code: {code}\nService: {service}\nOffice: {office}\n"
            "Address: {address}\nWhen: {full_day} at {time}\n\nPlease arrive ten minutes early with your "
            "ID, this code and these documents:\n{documents}\n\nTo see, move or cancel the booking: {link}",
            "تم تأكيد حجزك.\n\nكود الحجز: {code}\nالخدمة: {service}\nالمكتب: {office}\n"
            "العنوان: {address}\nالموعد: {full_day} الساعة {time}\n\nيُرجى الحضور قبل موعدك بعشر دقائق "
            "ومعك بطاقة هويتك وكود الحجز والمستندات التالية:\n{documents}\n\n"
            "لعرض الحجز أو تغيير موعده أو إلغائه: {link}",
        ),
        "notice_reminder.sms": (
            "Reminder: your visit to {office} is tomorrow at {time}. Booking code {code}. "
            "What to bring: {link}",
            "تذكير: موعدك غدًا {time} في {office}. كود الحجز {code}. المستندات: {link}",
        ),
        "notice_reminder.subject": (
            "Reminder: your visit tomorrow at {time}, {office}",
            "تذكير بموعدك غدًا الساعة {time}، {office}",
        ),
        "notice_reminder.email": (
            "Your visit is tomorrow.\n\nBooking code: {code}\nService: {service}\nOffice: {office}\n"
            "Address: {address}\nWhen: {full_day} at {time}\n\nPlease arrive ten minutes early with your "
            "ID, this code and these documents:\n{documents}\n\nIf you cannot come, cancel so that "
            "someone else can have the time: {link}",
            "موعدك غدًا.\n\nكود الحجز: {code}\nالخدمة: {service}\nالمكتب: {office}\n"
            "العنوان: {address}\nالموعد: {full_day} الساعة {time}\n\nيُرجى الحضور قبل موعدك بعشر دقائق "
            "ومعك بطاقة هويتك وكود الحجز والمستندات التالية:\n{documents}\n\n"
            "إن لم تستطع الحضور فألغِ الحجز ليستفيد غيرك من الموعد: {link}",
        ),
        "notice_cancelled.sms": (
            "Your booking {code} at {office} on {day} is cancelled. To book again: {site}",
            "أُلغي حجزك {code} في {office} يوم {day}. للحجز من جديد: {site}",
        ),
        "notice_cancelled.subject": (
            "Booking {code} cancelled",
            "إلغاء الحجز {code}",
        ),
        "notice_cancelled.email": (
            "Your booking {code} for {service} at {office} on {full_day} at {time} is cancelled, as "
            "you asked.\n\nTo book again: {site}",
            "أُلغي حجزك {code} لخدمة «{service}» في {office} يوم {full_day} الساعة {time} بناءً على طلبك."
            "\n\nللحجز من جديد: {site}",
        ),
        "notice_rescheduled.sms": (
            "Your visit to {office} is now on {day} at {time}. Booking code {code}. {link}",
            "موعدك الجديد {day} {time} في {office}. كود الحجز {code} {link}",
        ),
        "notice_rescheduled.subject": (
            "Booking {code} moved to {day}",
            "تغيير موعد الحجز {code} إلى {day}",
        ),
        "notice_rescheduled.email": (
            "Your booking has moved to a new time, as you asked.\n\nBooking code: {code}\n"
            "Service: {service}\nOffice: {office}\nAddress: {address}\nWhen: {full_day} at {time}\n\n"
            "Please arrive ten minutes early with your ID, this code and these documents:\n"
            "{documents}\n\nYour booking: {link}",
            "تغيّر موعد حجزك بناءً على طلبك.\n\nكود الحجز: {code}\nالخدمة: {service}\n"
            "المكتب: {office}\nالعنوان: {address}\nالموعد الجديد: {full_day} الساعة {time}\n\n"
            "يُرجى الحضور قبل موعدك بعشر دقائق ومعك بطاقة هويتك وكود الحجز والمستندات التالية:\n"
            "{documents}\n\nحجزك: {link}",
        ),
        "notice_code.sms": (
            "Your booking code for {office} on {day} at {time}: {code}. {link}",
            "كود حجزك في {office} {day} {time}: {code} {link}",
        ),
        "notice_code.subject": (
            "Your booking code: {code}",
            "كود حجزك: {code}",
        ),
        "notice_code.email": (
            "You asked for your booking code.\n\nBooking code: {code}\nService: {service}\n"
            "Office: {office}\nWhen: {full_day} at {time}\n\nYour booking: {link}",
            "طلبت كود حجزك.\n\nكود الحجز: {code}\nالخدمة: {service}\nالمكتب: {office}\n"
            "الموعد: {full_day} الساعة {time}\n\nحجزك: {link}",
        ),
        "notice_verification.sms": (
            "Your Mawid verification code is {code}. It is valid for 10 minutes. Never share it.",
            "رمز التحقق لحجزك في موعد: {code}. صالح لمدة عشر دقائق. لا تُعطِه لأحد.",
        ),
        "notice_verification.subject": (
            "Your verification code",
            "رمز التحقق",
        ),
        # The pick-up lane (booking.collection)
        "notice_ready.sms": (
            "Your {document} is ready for collection at {office}, {hours}. Bring your ID and the "
            "receipt, and take a ticket for collection at the kiosk.",
            "مستندك ({document}) جاهز للاستلام في {office}، {hours}. أحضر بطاقتك والإيصال.",
        ),
        "notice_ready.subject": (
            "Ready for collection",
            "جاهز للاستلام",
        ),
        "document.passport": ("passport", "جواز السفر"),
        "document.driving_licence": ("driving licence", "رخصة القيادة"),
        "document.vehicle_licence": ("vehicle licence", "رخصة المركبة"),
        "document.residence_permit": ("residence permit", "الإقامة"),
        "unknown_document": (
            "Say which document is ready: passport, driving-licence, vehicle-licence or residence-permit.",
            "حدّد المستند الجاهز: جواز سفر أو رخصة قيادة أو رخصة مركبة أو إقامة.",
        ),
    },
)
