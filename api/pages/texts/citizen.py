"""Strings of the citizen pages: booking (``/``), my booking (``/my-booking``) and, for the flexible
request, its path on the booking page and its status page (``/my-request``)."""

from __future__ import annotations

CITIZEN: dict[str, tuple[str, str]] = {
    # Booking page
    "book.title": ("حجز موعد", "Book an appointment"),
    "book.intro": (
        "احجز موعدك في ست خطوات قصيرة: الخدمة، ثم المكتب، ثم اليوم والساعة، ثم وثيقة هويتك، ثم اسمك "
        "ورقم محمولك، وأخيرًا تراجع بياناتك قبل التأكيد.",
        "Six short steps: the service, the office, the day and time, your identity document, your "
        "name and mobile, then a check of your answers before you confirm.",
    ),
    "step.service": ("الخدمة المطلوبة", "The service"),
    "step.office": ("المكتب", "The office"),
    "step.time": ("اليوم والساعة", "Day and time"),
    "step.identity": ("وثيقة الهوية", "Your identity document"),
    "step.contact": ("الاسم ورقم المحمول", "Your name and mobile"),
    "step.number": ("الخطوة {n} من ٦", "Step {n} of 6"),
    # One step at a time on a phone (lib/step-flow.js); a newly opened step announced on a wide screen
    "flow.continue": ("متابعة", "Continue"),
    "flow.back": ("رجوع", "Back"),
    "js.flow.opened": ("ظهر أدناه: {steps}", "Now open below: {steps}"),
    # The error summary (lib/error-summary.js): each problem a link to its field
    "error.summary_title": ("توجد مشكلة", "There is a problem"),
    "js.error.pick_service": ("اختر الخدمة المطلوبة.", "Choose the service you need."),
    "js.error.pick_office": ("اختر المكتب.", "Choose an office."),
    "js.error.pick_day": ("اختر اليوم.", "Choose a day."),
    "js.error.pick_hour": ("اختر الساعة.", "Choose a time."),
    "js.error.nid_required": ("أدخل الرقم القومي.", "Enter your national ID number."),
    "js.error.passport_required": ("أدخل رقم جواز السفر.", "Enter your passport number."),
    "js.error.nationality_required": ("اختر الجنسية.", "Choose your nationality."),
    "js.error.name_required": ("اكتب اسمك رباعيًا.", "Enter your full name."),
    "js.error.phone_required": ("أدخل رقم المحمول.", "Enter your mobile number."),
    "service.legend": ("اختر الخدمة", "Choose a service"),
    "service.group.passports": ("جوازات السفر", "Passports"),
    "service.group.foreigners": ("الإقامة والأجانب", "Residence and foreign nationals"),
    "service.group.traffic": ("المرور", "Traffic"),
    "service.group.certificates": ("الشهادات", "Certificates"),
    "service.for.citizen": ("للمصريين", "Egyptians"),
    "service.for.foreigner": ("لغير المصريين", "Foreign nationals"),
    "service.for.any": ("للجميع", "Everyone"),
    "service.duration": ("المدة التقريبية: {duration}", "Takes about {duration}"),
    "service.documents": ("المستندات المطلوبة", "Documents to bring"),
    # One trip, several services (lib/chain.js): "also need …" under the service
    "also.legend": ("أحتاج أيضًا في الزيارة نفسها", "I also need, on the same visit"),
    "also.hint": (
        "اختياري: حتى خدمتين أخريين في المكتب نفسه واليوم نفسه، واحدة بعد الأخرى، بكود حجز واحد.",
        "Optional: up to two more services at the same office on the same day, one after the "
        "other, under one booking code.",
    ),
    "also.order_title": ("ترتيب خدماتك في المكتب", "The order you will be served in"),
    "also.order_why": (
        "الشهادات أولًا لأن الخدمة التالية قد تحتاج إليها، ثم بقية الخدمات بترتيب شبابيك المكتب.",
        "Certificates first, as the next service may need the paper, then the others in the order "
        "of the office's desks.",
    ),
    "also.documents": ("المستندات المطلوبة لكل خدماتك", "Documents to bring for all your services"),
    "mode.request_chain": (
        "مع عدة خدمات يحجزها لك هذا الطريق متتالية في مكتب واحد يقدّمها كلها وفي يوم واحد، "
        "أو لا يحجز أيًّا منها.",
        "With several services, this way books them one after the other at one office that offers "
        "them all, on one day, or books none of them.",
    ),
    "js.also.limit": (
        "اخترت ثلاث خدمات، وهي أقصى ما يضمه حجز واحد.",
        "You have chosen three services, the most one booking holds.",
    ),
    "js.error.no_office_together": (
        "لا يقدّم أي مكتب خدمة «{service}» مع بقية خدماتك؛ احجزها في حجز مستقل.",
        "No office offers {service} together with your other services; book it separately.",
    ),
    "js.error.office_lacks": (
        "«{office}» لا يقدّم خدمة «{service}»؛ اختر مكتبًا يقدّم كل خدماتك.",
        "{office} does not offer {service}; choose an office that offers all your services.",
    ),
    "js.chain.visit": ("{name}: من {from} إلى {to}", "{name}: {from} to {to}"),
    "js.chain.when": ("{when}، وتنتهي زيارتك نحو {end}", "{when}, ending about {end}"),
    "js.slot.until": ("حتى {time}", "until {time}"),
    "js.card.services": ("الخدمات", "Services"),
    "office.legend": ("اختر المكتب", "Choose an office"),
    "office.governorate": ("المحافظة", "Governorate"),
    "office.all_governorates": ("كل المحافظات", "All governorates"),
    "office.nearest": ("رتِّب المكاتب حسب الأقرب إليّ", "Show the offices nearest to me first"),
    "js.office.locating": ("جارٍ تحديد موقعك…", "Finding where you are…"),
    "js.office.location_denied": (
        "تعذّر تحديد موقعك. اختر المحافظة من القائمة.",
        "We could not tell where you are. Choose a governorate from the list.",
    ),
    "js.office.sorted": ("المكاتب مرتبة من الأقرب إليك إلى الأبعد.", "Offices are listed nearest first."),
    "js.office.distance": ("على بُعد {km} كم", "{km} km away"),
    # An office's day under its name (lib/offices.js): its hall now, its nearest free day
    "js.office.closed_today": ("المكتب مغلق اليوم", "Closed today"),
    "js.office.nobody_waiting": ("لا أحد في الانتظار الآن", "No one waiting now"),
    "js.office.waiting": ("في الانتظار الآن: {n}", "Waiting now: {n}"),
    "js.office.waiting_for": (
        "في الانتظار الآن: {n}، والانتظار نحو {wait}",
        "Waiting now: {n}, about {wait}",
    ),
    "js.office.free_today": ("أقرب موعد متاح: اليوم", "Next free time: today"),
    "js.office.free_day": ("أقرب موعد متاح: {day}", "Next free time: {day}"),
    "js.office.no_free_day": ("لا مواعيد متاحة حاليًا", "No free times open now"),
    "js.office.none": (
        "لا يوجد مكتب يقدم هذه الخدمة في هذه المحافظة. اختر محافظة أخرى.",
        "No office in this governorate offers this service. Choose another governorate.",
    ),
    "time.day_legend": ("اختر اليوم", "Choose a day"),
    "time.time_legend": ("اختر الساعة", "Choose a time"),
    "time.later": ("عرض أيام لاحقة", "Show later days"),
    "js.slot.remaining": ("المتاح: {n}", "{n} left"),
    "js.slot.full": ("مكتمل", "Full"),
    "js.slot.holiday": ("إجازة رسمية", "Public holiday"),
    "js.slot.none": (
        "لا توجد مواعيد متاحة في هذه الأيام. اعرض أيامًا لاحقة أو اختر مكتبًا آخر.",
        "No free times on these days. Show later days or choose another office.",
    ),
    "js.slot.end": (
        "لا يمكن الحجز بعد هذا التاريخ؛ يُفتح الحجز قبل الموعد بستين يومًا.",
        "Bookings open 60 days ahead; there are no later days yet.",
    ),
    "js.slot.end_release": (
        "يُفتح الحجز ليوم جديد كل يوم الساعة {time} بتوقيت القاهرة، قبل الموعد بستين يومًا. "
        "اليوم التالي الذي سيُفتح: {day}.",
        "A new day opens for booking every day at {time} (Cairo time), 60 days ahead. The next to "
        "open is {day}.",
    ),
    "js.slot.draw": ("قرعة حتى {time}", "Draw until {time}"),
    "js.slot.draw_note": (
        "فُتح هذا اليوم للحجز للتو: كل من يختار موعدًا فيه قبل الساعة {time} يدخل قرعة، فلا فرق بين "
        "من يطلب أولًا ومن يطلب آخرًا. تظهر النتيجة بعد الساعة {time} في صفحة متابعة الطلب.",
        "This day has just opened: everyone who chooses a time on it before {time} enters a draw, so "
        "asking first makes no difference. The result is on the request's page after {time}.",
    ),
    "identity.legend": ("وثيقة الهوية", "Identity document"),
    "identity.which": ("بأي وثيقة تحجز؟", "Which document do you book with?"),
    "identity.national_id": ("بطاقة الرقم القومي (للمصريين)", "Egyptian national ID card"),
    "identity.passport": ("جواز السفر (لغير المصريين)", "Passport (foreign nationals)"),
    "identity.nid_label": ("الرقم القومي", "National ID number"),
    "identity.nid_hint": (
        "الأرقام الأربعة عشر المكتوبة على بطاقة الرقم القومي.",
        "The 14 digits on your national ID card.",
    ),
    "identity.passport_label": ("رقم جواز السفر", "Passport number"),
    "identity.passport_hint": (
        "من ٦ إلى ١٢ حرفًا لاتينيًا ورقمًا كما هو في جواز السفر.",
        "6 to 12 letters and digits, as printed in your passport.",
    ),
    "identity.nationality": ("الجنسية", "Nationality"),
    "identity.nationality_choose": ("اختر الجنسية", "Choose your nationality"),
    "identity.common": ("الأكثر طلبًا", "Most common"),
    "identity.all": ("كل الجنسيات", "All nationalities"),
    "details.name": ("الاسم رباعيًا", "Full name"),
    "details.name_hint": (
        "كما هو مكتوب في بطاقة الرقم القومي أو جواز السفر.",
        "As written on your ID card or passport.",
    ),
    "details.phone": ("رقم المحمول", "Mobile number"),
    "details.phone_hint": (
        "رقم محمول مصري، مثل ٠١٠١٢٣٤٥٦٧٨.",
        "An Egyptian mobile number, such as 010 1234 5678.",
    ),
    "details.email": ("البريد الإلكتروني (اختياري)", "E-mail (optional)"),
    "review.heading": ("راجع الحجز قبل تأكيده", "Check before you confirm"),
    "review.service": ("الخدمة", "Service"),
    "review.office": ("المكتب", "Office"),
    "review.when": ("الموعد", "When"),
    "review.identity": ("الهوية", "Identity"),
    "review.nationality": ("الجنسية", "Nationality"),
    "review.name": ("الاسم", "Name"),
    "review.phone": ("رقم المحمول", "Mobile"),
    "review.email": ("البريد الإلكتروني", "E-mail"),
    "review.change": ("تغيير", "Change"),
    "js.review.check_national_id": (
        "راجع رقمك القومي: … ينتهي بـ {last4}.",
        "Check your national ID: … ending {last4}.",
    ),
    "js.review.check_passport": (
        "راجع رقم جواز سفرك: … ينتهي بـ {last4}.",
        "Check your passport number: … ending {last4}.",
    ),
    "js.review.wrong_booking": (
        "الحجز المسجَّل برقم خاطئ لا يمكن العثور عليه مرة أخرى.",
        "A booking under a wrong number cannot be found again.",
    ),
    "js.review.wrong_request": (
        "الطلب المسجَّل برقم خاطئ لا يمكن العثور عليه مرة أخرى.",
        "A request under a wrong number cannot be found again.",
    ),
    "book.submit": ("تأكيد الحجز", "Confirm booking"),
    "js.book.submitting": ("جارٍ تأكيد الحجز…", "Confirming your booking…"),
    "js.pow.checking": ("جارٍ التحقق من متصفحك…", "Checking your browser…"),
    "js.pow.unavailable": (
        "لا يستطيع هذا المتصفح إجراء التحقق الذي يتطلبه الحجز الآن. "
        "استخدم متصفحًا حديثًا عبر اتصال آمن (https).",
        "This browser cannot run the check that booking needs right now. "
        "Use an up-to-date browser over a secure (https) connection.",
    ),
    "js.error.nid_digits": (
        "الرقم القومي يتكون من ١٤ رقمًا ويبدأ بالرقم ٢ أو ٣.",
        "A national ID number has 14 digits and starts with 2 or 3.",
    ),
    "js.error.passport": (
        "رقم جواز السفر يتكون من ٦ إلى ١٢ حرفًا لاتينيًا ورقمًا.",
        "A passport number has 6 to 12 Latin letters and digits.",
    ),
    "js.error.phone": (
        "أدخل رقم محمول مصريًا صحيحًا من ١١ رقمًا يبدأ بـ ٠١٠ أو ٠١١ أو ٠١٢ أو ٠١٥.",
        "Enter an 11-digit Egyptian mobile number starting 010, 011, 012 or 015.",
    ),
    "js.error.name": ("اكتب اسمك بالكامل.", "Write your full name."),
    "js.error.choose_time": ("اختر اليوم والساعة أولًا.", "Choose a day and a time first."),
    # Confirmation, and the booking card that /my-booking shares
    "done.heading": ("تم تأكيد حجزك", "Your booking is confirmed"),
    # A booking made earlier on this device (lib/last-booking.js): its code, never the identity
    "last.heading": ("حجزك على هذا الجهاز", "Your booking on this device"),
    "js.last.body": (
        "كود حجزك {code}، وموعدك {when}. احتفظ بالكود: ستحتاجه مع رقم هويتك عند الحضور.",
        "Your booking code is {code}, for {when}. Keep the code: you need it with your ID when you come.",
    ),
    "last.view": ("عرض الحجز", "View the booking"),
    "last.dismiss": ("إخفاء", "Hide"),
    "done.keep_code": (
        "احتفظ بهذا الكود؛ ستحتاجه مع رقم هويتك للاستعلام عن الحجز أو تغيير موعده أو إلغائه، "
        "واعرضه عند وصولك إلى المكتب.",
        "Keep this code. With your identity number it lets you look up, move or cancel the booking; "
        "show it when you arrive at the office.",
    ),
    "done.another": ("حجز موعد آخر", "Book another appointment"),
    "done.arrive_early": (
        "يُرجى الحضور قبل موعدك بعشر دقائق، ومعك بطاقة هويتك وكود الحجز والمستندات المطلوبة أدناه.",
        "Arrive 10 minutes before your time, with your ID, this booking code and the documents listed below.",
    ),
    # Several people, one appointment (citizen/_party.html, lib/party.js)
    "party.size": ("عدد الأشخاص، وأنت منهم", "How many people, you included"),
    "party.hint": (
        "يُخدم الجميع واحدًا تلو الآخر عند الشباك نفسه بكود حجز واحد، ويحتاج كل شخص الخدمة نفسها "
        "ويُحضر مستنداته.",
        "Everyone is served one after the other at the same counter under one booking code; each "
        "person needs the same service and brings their own documents.",
    ),
    "party.just_me": ("أنا فقط", "Just me"),
    "party.two": ("شخصان", "2 people"),
    "party.people": ("{n} أشخاص", "{n} people"),
    "party.others": ("الأشخاص الآخرون في الحجز", "The other people in the booking"),
    "party.others_hint": (
        "اكتب اسم كل شخص ورقم هويته كما في وثيقته. يُسجَّل كل رقم على صاحبه ويُحتسب ضمن حجوزاته.",
        "Type each person's name and identity number as on their document. Each number counts "
        "towards that person's own bookings.",
    ),
    "party.add": ("إضافة شخص", "Add a person"),
    "party.name": ("الاسم الكامل كما في وثيقته", "Full name as on their document"),
    "party.type": ("نوع وثيقة الهوية", "Identity document"),
    "party.nationality": ("الجنسية كما في جواز سفره", "Nationality as in their passport"),
    "party.number": (
        "رقم الهوية (الرقم القومي أو رقم جواز السفر)",
        "Identity number (national ID or passport)",
    ),
    "review.people": ("الأشخاص", "People"),
    "card.people": ("الأشخاص في هذا الحجز", "People in this booking"),
    "js.party.title": ("الشخص رقم {n}", "Person {n}"),
    "js.party.remove": ("إزالة الشخص رقم {n}", "Remove person {n}"),
    "js.party.remove_person": ("إزالة {name} من الحجز", "Remove {name} from the booking"),
    "js.party.removed": (
        "أُزيل {name} من الحجز وأُتيح مكانه لغيره؛ بقية الأشخاص باقون في موعدهم.",
        "{name} was taken off the booking and their place freed; everyone else keeps theirs.",
    ),
    "js.party.full": (
        "وصلت إلى أقصى عدد من الأشخاص في حجز واحد.",
        "That is as many people as one booking may hold.",
    ),
    "js.party.name_required": ("اكتب اسم الشخص رقم {n}.", "Enter the name of person {n}."),
    "js.party.number_required": ("اكتب رقم هوية الشخص رقم {n}.", "Enter the identity number of person {n}."),
    "js.party.nid_digits": (
        "الرقم القومي للشخص رقم {n} ١٤ رقمًا يبدأ بـ ٢ أو ٣.",
        "Person {n}'s national ID is 14 digits starting with 2 or 3.",
    ),
    "js.party.nationality_required": ("اختر جنسية الشخص رقم {n}.", "Choose the nationality of person {n}."),
    "js.party.person": ("{name}، رقم هويته ينتهي بـ {last4}", "{name}, identity ending {last4}"),
    "js.party.direct_only": (
        "الحجز لعدة أشخاص يكون مباشرةً في مكتب تختاره؛ اختر «أنا فقط» لطلب أي مكتب قريب.",
        "A booking for several people is made directly at an office you choose; choose “Just me” "
        "to ask for any office near you.",
    ),
    "card.code": ("كود الحجز", "Booking code"),
    "card.status": ("حالة الحجز", "Status"),
    "card.service": ("الخدمة", "Service"),
    "card.when": ("الموعد", "When"),
    "card.where": ("المكان", "Where"),
    "card.name": ("الاسم", "Name"),
    "card.identity": ("الهوية", "Identity"),
    "card.phone": ("رقم المحمول", "Mobile"),
    "card.map": ("عرض الموقع على الخريطة", "Show on the map"),
    "card.documents": ("المستندات المطلوب إحضارها", "Documents to bring"),
    "card.ics": ("إضافة إلى التقويم", "Add to calendar"),
    "card.print": ("طباعة", "Print"),
    "card.manage": ("الاستعلام عن الحجز أو تغييره", "Look up or change this booking"),
    "js.card.qr_alt": ("رمز QR لكود الحجز {code}", "QR code of booking code {code}"),
    "js.card.identity_national_id": ("رقم قومي ينتهي بـ {last4}", "National ID ending {last4}"),
    "js.card.identity_passport": ("جواز سفر ينتهي رقمه بـ {last4}", "Passport ending {last4}"),
    "js.card.ics_failed": (
        "تعذّر تنزيل ملف التقويم. حاول مرة أخرى.",
        "The calendar file could not be downloaded. Try again.",
    ),
    "js.status.confirmed": ("مؤكد", "Confirmed"),
    "js.status.checked_in": ("تم تسجيل الحضور", "Checked in"),
    "js.status.served": ("تمت الخدمة", "Served"),
    "js.status.no_show": ("لم يتم الحضور", "Missed"),
    "js.status.cancelled": ("ملغى", "Cancelled"),
    # My booking page
    "my.title": ("الاستعلام عن حجز", "Find my booking"),
    "my.intro": (
        "أدخل كود الحجز ورقم الهوية الذي حجزت به لعرض الحجز أو تغيير موعده أو إلغائه.",
        "Enter your booking code and the identity number you booked with to see, move or cancel it.",
    ),
    "my.code": ("كود الحجز", "Booking code"),
    "my.code_hint": ("٨ حروف وأرقام، مثل 7KQ2M9XD.", "8 letters and digits, such as 7KQ2M9XD."),
    "my.identity": ("رقم الهوية", "Identity number"),
    "my.identity_hint": (
        "الرقم القومي أو رقم جواز السفر الذي حجزت به.",
        "The national ID or passport number you booked with.",
    ),
    "my.find": ("عرض الحجز", "Show my booking"),
    "my.your_booking": ("بيانات الحجز", "Your booking"),
    "my.cancel": ("إلغاء الحجز", "Cancel the booking"),
    "my.reschedule": ("تغيير الموعد", "Change the time"),
    "my.cancel_title": ("هل تريد إلغاء الحجز؟", "Cancel this booking?"),
    "my.cancel_body": (
        "سيُلغى الحجز ويُتاح موعده لغيرك، ولا يمكن التراجع عن ذلك.",
        "The booking will be cancelled and its time offered to others. This cannot be undone.",
    ),
    "my.cancel_yes": ("نعم، ألغِ الحجز", "Yes, cancel it"),
    "my.cancel_no": ("لا، أبقِ الحجز", "No, keep it"),
    "my.reschedule_heading": ("اختر موعدًا جديدًا", "Choose a new time"),
    "my.reschedule_office": (
        "يمكنك الانتقال إلى مكتب آخر يقدم الخدمة نفسها؛ مكتبك الحالي هو المختار.",
        "You can move to another office that offers the same service; your current office is chosen.",
    ),
    "js.error.choose_office": ("اختر المكتب أولًا.", "Choose an office first."),
    "my.book_again": ("احجز موعدًا جديدًا", "Book again"),
    "js.my.again_cancelled": (
        "هذا الحجز ملغى، فلا تحضر به. يمكنك حجز موعد جديد للخدمة نفسها.",
        "This booking is cancelled, so do not come with it. You can book the same service again.",
    ),
    "js.my.again_no_show": (
        "فات موعد هذا الحجز دون حضور. يمكنك حجز موعد جديد للخدمة نفسها.",
        "This appointment was missed. You can book the same service again.",
    ),
    "my.reschedule_submit": ("تأكيد الموعد الجديد", "Confirm the new time"),
    "my.reschedule_keep": ("الإبقاء على الموعد الحالي", "Keep the current time"),
    "js.my.cancelled": ("تم إلغاء الحجز.", "The booking is cancelled."),
    "js.my.rescheduled": ("تم تغيير موعد الحجز.", "Your booking has been moved."),
    "js.my.cancel_chain": (
        "سيُلغى الحجز بكل خدماته وتُتاح مواعيده لغيرك، ولا يمكن التراجع عن ذلك.",
        "The booking will be cancelled with all its services and their times offered to others. "
        "This cannot be undone.",
    ),
    "js.my.reschedule_chain": (
        "تنتقل خدماتك كلها معًا: اختر موعد أولاها، وتأتي الأخرى بعدها مباشرةً. لا تظهر إلا المكاتب "
        "التي تقدّم كل خدماتك.",
        "All your services move together: choose when the first starts, and the others follow "
        "straight after. Only offices that offer all your services are listed.",
    ),
    "js.my.again_chain": (
        "يمكنك حجز الخدمات نفسها من جديد في زيارة واحدة.",
        "You can book the same services again, on one visit.",
    ),
    "js.error.code": (
        "كود الحجز يتكون من ٨ حروف وأرقام.",
        "A booking code has 8 letters and digits.",
    ),
    # The flexible request: "any office near me on days I choose" (booking page, second path)
    "nav.my_request": ("متابعة طلب", "Check a request"),
    "mode.heading": ("طريقة الحجز", "How would you like to book?"),
    "mode.direct": ("أختار المكتب والموعد بنفسي", "I choose the office and the time"),
    "mode.direct_hint": (
        "اختر مكتبًا ويومًا وساعة من المواعيد المتاحة الآن، ويتأكد حجزك في الحال.",
        "Pick an office, a day and a time from what is free now; your booking is confirmed at once.",
    ),
    "mode.request": ("أي مكتب قريب مني في أيام أحددها", "Any office near me, on days I choose"),
    "mode.request_hint": (
        "حدِّد المكاتب والأيام التي تناسبك، وتتولى منظومة الجدولة بالوزارة تحديد موعدك ضمن دفعة من "
        "الطلبات، ثم تتابع طلبك من صفحة «متابعة طلب».",
        "Tell us which offices and days suit you; the ministry's scheduling gives you a time with a "
        "batch of requests, and you follow your request on the “Check a request” page.",
    ),
    "step.reach": ("المكاتب التي تناسبك", "Offices that suit you"),
    "reach.legend": ("كيف تحدد المكاتب؟", "Which offices?"),
    "reach.governorate": ("كل مكاتب المحافظة", "Every office in a governorate"),
    "reach.near": ("المكاتب القريبة من موقعي", "Offices near where I am"),
    "reach.list": ("مكاتب أختارها من القائمة", "Offices I pick from a list"),
    "reach.choose_governorate": ("اختر المحافظة", "Choose a governorate"),
    "reach.radius": ("أقصى مسافة تناسبك", "How far you can travel"),
    "reach.km": ("{km} كم", "{km} km"),
    "reach.locate": ("حدِّد موقعي", "Use my location"),
    "reach.near_hint": (
        "يُحفظ مع الطلب موقع تقريبي فقط (في حدود كيلومتر) لحساب المسافة إلى المكاتب.",
        "Only an approximate location (to about a kilometre) is kept with the request, to measure "
        "the distance to offices.",
    ),
    "reach.use_governorate": ("اختيار المحافظة بدلًا من ذلك", "Choose a governorate instead"),
    "reach.list_hint": (
        "اختر حتى ١٠ مكاتب، ويمكنك عرض مكاتب محافظة واحدة لتسهيل البحث.",
        "Pick up to 10 offices; you can show one governorate at a time to find them.",
    ),
    "reach.list_filter": ("عرض مكاتب", "Show offices in"),
    "js.reach.location_failed": (
        "تعذّر تحديد موقعك، ربما لأن المتصفح لا يسمح بذلك. يمكنك اختيار المحافظة بدلًا من ذلك.",
        "We could not tell where you are; the browser may not allow it. You can choose a governorate "
        "instead.",
    ),
    "js.reach.within": (
        "عدد المكاتب التي تقدم الخدمة في نطاق {km} كم من موقعك: {n}",
        "Offices offering the service within {km} km of you: {n}",
    ),
    "js.reach.none_within": (
        "لا يوجد مكتب يقدم هذه الخدمة في نطاق {km} كم من موقعك. اختر مسافة أكبر أو حدِّد المحافظة.",
        "No office offering this service lies within {km} km of you. Choose a longer distance or a "
        "governorate.",
    ),
    "js.reach.picked": ("المكاتب المختارة: {n} من {max}", "Offices picked: {n} of {max}"),
    "js.reach.choose": ("حدِّد المكاتب التي تناسبك أولًا.", "Say which offices suit you first."),
    "js.reach.summary_governorate": (
        "كل مكاتب محافظة {name} التي تقدم الخدمة",
        "Every office in {name} offering the service",
    ),
    "js.reach.summary_governorate_all": (
        "كل مكاتب محافظة {name} التي تقدم كل خدماتك",
        "Every office in {name} offering all your services",
    ),
    "js.reach.summary_near": ("المكاتب في نطاق {km} كم من موقعك", "Offices within {km} km of you"),
    "js.reach.summary_list": ("مكاتب اخترتها", "Offices you picked"),
    "step.window": ("الأيام والفترة المناسبة", "Days and time of day"),
    "window.from": ("من يوم", "From"),
    "window.to": ("إلى يوم", "To"),
    "window.hint": (
        "تظهر أيام العمل فقط، حتى {last}. كلما زادت الأيام التي تناسبك زادت فرصة تحديد موعد لك.",
        "Only working days are listed, up to {last}. The more days you offer, the better your "
        "chance of a time.",
    ),
    "window.time_legend": ("الفترة المفضلة", "Preferred time of day"),
    "js.time_of_day.any": ("أي وقت", "Any time"),
    "js.time_of_day.morning": ("الصباح (قبل الساعة ١١)", "Morning (before 11:00)"),
    "js.time_of_day.midday": ("الظهيرة (من ١١ صباحًا إلى ١ ظهرًا)", "Midday (11:00 to 13:00)"),
    "js.time_of_day.afternoon": ("بعد الظهر (من ١ ظهرًا)", "Afternoon (from 13:00)"),
    "js.window.range": ("من {first} إلى {last}", "{first} to {last}"),
    "js.error.window_order": (
        "يجب ألا يسبق يوم النهاية يوم البداية.",
        "The last day cannot come before the first.",
    ),
    "review.heading_request": ("راجع الطلب قبل إرساله", "Check before you send"),
    "review.offices": ("المكاتب", "Offices"),
    "review.days": ("الأيام", "Days"),
    "review.time_of_day": ("الفترة", "Time of day"),
    "request.submit": ("إرسال الطلب", "Send the request"),
    "js.request.submitting": ("جارٍ إرسال الطلب…", "Sending your request…"),
    # The request's confirmation, its card, and its status page
    "request.done_heading": ("تم استلام طلبك", "We have your request"),
    "request.done_not_yet": (
        "لم يُحدَّد لك موعد بعد. احتفظ بكود الطلب؛ ستحتاجه مع رقم هويتك لمتابعته.",
        "You do not have an appointment yet. Keep the request code: with your identity number it "
        "lets you follow the request.",
    ),
    "request.how_heading": ("كيف يُحدَّد موعدك؟", "How your time is chosen"),
    "request.done_batch": (
        "تجمع منظومة الجدولة بالوزارة طلبات الحجز المنتظرة، وتوزعها على دفعات بين المكاتب والأيام "
        "التي اختارها أصحابها، حتى لا يزدحم مكتب ويبقى غيره خاليًا.",
        "The ministry's scheduling collects waiting requests and places them in batches across the "
        "offices and days each person chose, so that no office is crowded while another stands empty.",
    ),
    "request.done_check": (
        "تابع طلبك من صفحة «متابعة طلب» بكود الطلب ورقم الهوية الذي أرسلته به. عندما يُحدَّد موعدك "
        "ستجد هناك كود الحجز وتفاصيل الموعد والمستندات المطلوبة.",
        "Follow your request on the “Check a request” page with the request code and the identity "
        "number you sent it with. Once you have a time, you will find your booking code, its details "
        "and the documents to bring there.",
    ),
    "request.done_none": (
        "وإن لم يتوفر مكان في المكاتب والأيام التي اخترتها، فستعرف السبب من الصفحة نفسها، ويمكنك "
        "وقتها الحجز مباشرة.",
        "If there is no room at those offices on those days, the same page tells you why, and you "
        "can then book directly.",
    ),
    "js.request.draw_done": (
        "دخل اختيارك قرعة فتح الحجز ليوم {day}. في الساعة {time} تُرتَّب كل الطلبات بالقرعة، ويحصل "
        "كل طلب بدوره على الموعد الذي اختاره ({chosen}) إن بقي فيه مكان، وإلا فعلى أقرب موعد متاح في "
        "اليوم نفسه.",
        "Your choice has entered the opening draw for {day}. At {time} all entries are put in an "
        "order drawn by lot; in that order each gets the time it chose ({chosen}) if a place is "
        "left, otherwise the nearest free time that day.",
    ),
    "js.request.draw_pending": (
        "طلبك في قرعة فتح الحجز ليوم {day}، وتظهر النتيجة بعد الساعة {time}. ارجع إلى هذه الصفحة "
        "بعدها لتجد كود الحجز، أو سبب عدم تحديد موعد.",
        "Your request is in the opening draw for {day}; the result is out after {time}. Come back "
        "to this page then for your booking code, or the reason there was none.",
    ),
    "request.number": ("كود الطلب", "Request code"),
    "request.qr_hint": (
        "صوِّر الرمز بكاميرا هاتفك لتفتح صفحة متابعة الطلب.",
        "Scan it with your phone's camera to open the request's page.",
    ),
    "js.request.qr_alt": ("رمز QR لصفحة متابعة الطلب", "QR code of the request's status page"),
    "request.follow": ("متابعة الطلب", "Check the request"),
    "request.copy": ("نسخ كود الطلب", "Copy the request code"),
    "js.request.copied": ("تم نسخ كود الطلب.", "Request code copied."),
    "js.request.copy_failed": (
        "تعذّر النسخ تلقائيًا؛ حدِّد الكود وانسخه بنفسك.",
        "Could not copy it; select the code and copy it yourself.",
    ),
    # When a pending request is decided: {times} the batch's times of day, {when} its next run
    "js.request.batch_when": (
        "يتم البت في طلبات الحجز يوميًا الساعة {times} بتوقيت القاهرة، وسيتم البت في طلبك بحلول {when}.",
        "Requests are decided every day at {times} (Cairo time); yours will be decided by {when}.",
    ),
    "request.summary_heading": ("تفاصيل الطلب", "Your request"),
    "request.offices": ("المكاتب المقبولة", "Offices you accept"),
    "request.days": ("الأيام", "Days"),
    "request.time_of_day": ("الفترة المفضلة", "Time of day"),
    "request.sent": ("تاريخ الإرسال", "Sent"),
    "js.request.status.pending": ("في انتظار الجدولة", "Waiting to be scheduled"),
    "js.request.status.in_draw": ("في انتظار القرعة", "Waiting for the draw"),
    "js.request.chosen_time": ("{time} (اختيارك في القرعة)", "{time} (your choice in the draw)"),
    "js.request.status.assigned": ("تم تحديد الموعد", "Booked"),
    "js.request.status.unassigned": ("لم يُحدَّد موعد", "No time found"),
    "js.request.status.cancelled": ("تم سحب الطلب", "Withdrawn"),
    "request.status_title": ("متابعة طلب حجز", "Check a booking request"),
    "request.status_intro": (
        "أدخل كود الطلب ورقم الهوية الذي أرسلت به الطلب لمعرفة حالته.",
        "Enter the request code and the identity number you sent the request with to see where it stands.",
    ),
    "request.number_hint": (
        "٨ حروف وأرقام لاتينية كما ظهر لك بعد إرسال الطلب، مثل 7KQ2M9XD. ويصلح أيضًا الرقم المكوَّن من "
        "٣٢ حرفًا ورقمًا للطلبات الأقدم.",
        "8 letters and digits, as shown when you sent the request, such as 7KQ2M9XD. The "
        "32-character number of an older request works too.",
    ),
    "request.identity_hint": (
        "الرقم القومي أو رقم جواز السفر الذي أرسلت به الطلب.",
        "The national ID or passport number you sent the request with.",
    ),
    "js.request.remembered": (
        "هذا كود آخر طلب أُرسل من هذا الجهاز.",
        "This is the last request sent from this device.",
    ),
    "request.find": ("عرض حالة الطلب", "Show the request"),
    "request.state_pending": ("طلبك في انتظار الجدولة", "Your request is waiting to be scheduled"),
    "request.state_assigned": ("تم تحديد موعدك", "You have an appointment"),
    "request.state_unassigned": ("لم يُحدَّد موعد لطلبك", "No time was found for your request"),
    "request.state_cancelled": ("تم سحب هذا الطلب", "This request was withdrawn"),
    "request.next_pending": (
        "ستحدد منظومة الجدولة بالوزارة موعدك مع دفعة قادمة من الطلبات، فارجع إلى هذه الصفحة لاحقًا. "
        "عندما يُحدَّد موعدك ستجد هنا كود الحجز وتفاصيله. وإن لم يتوفر مكان في المكاتب والأيام التي "
        "اخترتها فستعرف السبب هنا، ويمكنك وقتها الحجز مباشرة.",
        "The ministry's scheduling will give you a time with a coming batch of requests, so come "
        "back to this page later. Once you have a time, you will find your booking code and its "
        "details here. If there is no room at the offices and on the days you chose, you will see "
        "why here, and can then book directly.",
    ),
    "request.refresh": ("تحديث الحالة", "Check again"),
    "js.request.unchanged": ("لم تتغير حالة الطلب بعد.", "No change yet."),
    "request.withdraw": ("سحب الطلب", "Withdraw the request"),
    "request.withdraw_title": ("هل تريد سحب الطلب؟", "Withdraw this request?"),
    "request.withdraw_body": (
        "لن يُحدَّد موعد بناءً على هذا الطلب، ولا يمكن التراجع عن ذلك. يمكنك بعدها الحجز مباشرة أو "
        "إرسال طلب جديد.",
        "No time will be given for this request, and this cannot be undone. You can then book "
        "directly or send a new request.",
    ),
    "request.withdraw_yes": ("نعم، اسحب الطلب", "Yes, withdraw it"),
    "request.withdraw_no": ("لا، أبقِ الطلب", "No, keep it"),
    "request.assigned": (
        "احتفظ بكود الحجز واعرضه عند وصولك إلى المكتب، ويمكنك به أيضًا تغيير الموعد أو إلغاؤه.",
        "Keep the booking code and show it when you arrive at the office; it also lets you move or "
        "cancel the booking.",
    ),
    "request.manage_booking": ("تغيير الموعد أو إلغاؤه", "Move or cancel this booking"),
    "js.request.unassigned": ("السبب: {reason}.", "The reason: {reason}."),
    "request.unassigned_next": (
        "يمكنك حجز موعد من المواعيد المتاحة الآن، أو إرسال طلب جديد بأيام أو مكاتب أخرى.",
        "You can book one of the times free now, or send a new request with other days or offices.",
    ),
    "request.cancelled_next": (
        "لن يُحدَّد موعد لهذا الطلب. يمكنك حجز موعد مباشرة أو إرسال طلب جديد.",
        "It will not be given a time. You can book directly or send a new request.",
    ),
    "request.book_directly": ("احجز موعدًا مباشرة", "Book directly"),
    "js.error.request_id": (
        "كود الطلب يتكون من ٨ حروف وأرقام لاتينية، مثل 7KQ2M9XD (أو ٣٢ حرفًا ورقمًا لطلب أقدم).",
        "A request code has 8 letters and digits, such as 7KQ2M9XD (or 32 for an older request).",
    ),
}
