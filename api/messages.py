"""Every sentence the HTTP layer says to a client, in English and Arabic, keyed by code (see
``kernel.messages``): the framework's refusals, unreadable or slow requests, limits and outages,
the staff routes' refusals, and the calendar file a citizen downloads.

A number a rule fixes in code (60 days ahead, 300 characters) is written out here as a native
speaker would; one the code may change (a page size, a range of days) is a ``{placeholder}``,
filled with Arabic-Indic digits in the Arabic (``indic=True``). The snapshot test
``tests/unit/api/test_message_snapshot.py`` pins the exact text.
"""

from __future__ import annotations

from kernel.messages import Catalogue, PluralCategory

WAIT_WORDS: dict[str, dict[str, dict[PluralCategory, str]]] = {
    "second": {
        "en": {"one": "{n} second", "other": "{n} seconds"},
        "ar": {"one": "ثانية واحدة", "two": "ثانيتين", "few": "{n} ثوانٍ", "other": "{n} ثانية"},
    },
    "minute": {
        "en": {"one": "{n} minute", "other": "{n} minutes"},
        "ar": {"one": "دقيقة واحدة", "two": "دقيقتين", "few": "{n} دقائق", "other": "{n} دقيقة"},
    },
    "hour": {
        "en": {"one": "{n} hour", "other": "{n} hours"},
        "ar": {"one": "ساعة واحدة", "two": "ساعتين", "few": "{n} ساعات", "other": "{n} ساعة"},
    },
}
"""A wait's words, ``unit: language: CLDR plural category: words``, completing "try again in …";
a category not named (Arabic's zero and many) reads as ``other``."""

MESSAGES = Catalogue(
    "api",
    {
        # What the framework refuses before our code runs (api.problems). The client gets the
        # framework's own English (``Not Found``); the English here says what the Arabic says.
        "bad_request": ("The request is not valid.", "الطلب غير صحيح."),
        "not_authenticated": ("Sign in first.", "يجب تسجيل الدخول أولًا."),
        "forbidden": ("You may not do this.", "ليست لديك صلاحية لهذا الإجراء."),
        "not_found": (
            "The page or resource asked for does not exist.",
            "الصفحة أو المورد المطلوب غير موجود.",
        ),
        # The demo inbox outside demo mode (api.routes.demo_inbox): as if the address did not exist
        "not_found.demo_inbox": (
            "Not found: the demo inbox exists only in demo mode.",
            "غير موجود: صندوق الرسائل التجريبي متاح في الوضع التجريبي فقط.",
        ),
        "method_not_allowed": (
            "This method is not allowed at this address.",
            "هذه الطريقة غير مسموح بها لهذا العنوان.",
        ),
        "body_too_large": ("The request is larger than allowed.", "حجم الطلب أكبر من المسموح به."),
        "unsupported_media_type": (
            "This content type is not supported; send JSON.",
            "نوع المحتوى غير مدعوم؛ أرسل JSON.",
        ),
        "too_many_requests": (
            "Too many requests; try again shortly.",
            "طلبات كثيرة جدًا؛ حاول مرة أخرى بعد قليل.",
        ),
        "error": ("An error occurred.", "حدث خطأ."),
        # Our own answers to what the framework or a dependency could not handle (api.problems)
        "invalid_request": (
            "The request is missing a field or has one of the wrong type ({what}).",
            "الطلب ينقصه حقل أو فيه حقل من نوع غير صحيح ({what}).",
        ),
        "service_unavailable.database": (
            "The service is briefly unavailable; nothing was changed. Please try again in a few seconds.",
            "الخدمة غير متاحة لحظات ولم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع ثوانٍ.",
        ),
        "service_unavailable.queue": (
            "The hall's queue is briefly unavailable; nothing was changed. Please try again in a few "
            "seconds.",
            "نظام الدور في القاعة غير متاح لحظات ولم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع ثوانٍ.",
        ),
        "internal_error": (
            "Something went wrong on our side; nothing was changed. Please try again.",
            "حدث خطأ من جانبنا ولم يتغير شيء. يُرجى المحاولة مرة أخرى.",
        ),
        # Requests that cannot be read (api.hardening)
        "invalid_characters.body": (
            "The request body contains a NUL character; remove it and send the request again.",
            "يحتوي محتوى الطلب على محرف NUL غير مسموح به؛ احذفه وأعد إرسال الطلب.",
        ),
        "invalid_characters.query": (
            "The query string contains a NUL character; remove it and send the request again.",
            "يحتوي عنوان الطلب على محرف NUL غير مسموح به؛ احذفه وأعد إرسال الطلب.",
        ),
        "invalid_characters.headers": (
            "The request headers contains a NUL character; remove it and send the request again.",
            "يحتوي ترويسات الطلب على محرف NUL غير مسموح به؛ احذفه وأعد إرسال الطلب.",
        ),
        "invalid_json": (
            "The request body is not valid JSON in UTF-8.",
            "محتوى الطلب ليس JSON صحيحًا بترميز UTF-8.",
        ),
        "too_deeply_nested": (
            "The request body is nested more than {max_depth} levels deep.",
            "محتوى الطلب متداخل بأكثر من {max_depth} مستوى.",
        ),
        # Answered by the HTTP server itself, before a request reaches the app (api.http_server)
        "server_busy": (
            "This server process already has {max_connections} open connections; try again in a moment.",
            "الخادم مشغول الآن بعدد كبير من الاتصالات؛ حاول مرة أخرى بعد لحظات.",
        ),
        "request_timeout.headers": (
            "The request headers did not arrive within {seconds:g} seconds; send the request again.",
            "لم تصل ترويسات الطلب كاملةً في المهلة المحددة؛ أعد إرسال الطلب.",
        ),
        "request_timeout.body": (
            "The request body did not arrive within {seconds:g} seconds; send the request again.",
            "لم يصل محتوى الطلب كاملًا في المهلة المحددة؛ أعد إرسال الطلب.",
        ),
        # Limits (api.rate_limits, api.routes.staff_auth): "{what} Please try again in {wait}."
        # with a ``limit.*`` entry as {what} and ``WAIT_WORDS`` as {wait}.
        "rate_limited": (
            "{what_en} Please try again in {wait_en}.",
            "{what_ar} يُرجى المحاولة مرة أخرى بعد {wait_ar}.",
        ),
        "limit.bookings_per_address": (
            "Too many bookings have been made from your network recently.",
            "أُجري عدد كبير من الحجوزات من شبكتك في الفترة الأخيرة.",
        ),
        "limit.bookings_per_mobile": (
            "This mobile number has been used for too many bookings today.",
            "استُخدم رقم الهاتف المحمول هذا في عدد كبير من الحجوزات اليوم.",
        ),
        "limit.lookups_per_code": (
            "This booking code has been looked up too many times.",
            "تكرر الاستعلام عن كود الحجز هذا مرات كثيرة.",
        ),
        "limit.lookups_per_address": (
            "Too many booking look-ups have come from your network.",
            "وصلت من شبكتك استعلامات كثيرة عن الحجوزات.",
        ),
        "limit.identity_failures_per_code": (
            "This booking code is locked for a while after too many attempts with a wrong identity number.",
            "أُوقف كود الحجز هذا مؤقتًا بعد محاولات كثيرة برقم هوية غير صحيح.",
        ),
        "limit.logins_per_address": (
            "Too many failed sign-ins have come from your network.",
            "وصلت من شبكتك محاولات دخول فاشلة كثيرة.",
        ),
        "limit.kiosk_checkins": (
            "This kiosk has made too many check-in or reprint attempts.",
            "أجرى هذا الجهاز محاولات كثيرة لتسجيل الوصول أو إعادة الطباعة.",
        ),
        "limit.feedback_per_address": (
            "Too many answers to feedback links have come from your network.",
            "وصلت من شبكتك إجابات كثيرة على روابط التقييم.",
        ),
        "limit.guide_questions_per_address": (
            "Too many questions have come from your network.",
            "وصلت من شبكتك أسئلة كثيرة.",
        ),
        # POST /api/v1/bookings/recover: the same whatever was found
        "codes_recovery_asked": (
            "If this identity has an active booking made with this mobile number, its code has been "
            "texted to that number. The message may take a few minutes.",
            "إذا كان لهذه الهوية حجز قائم بهذا الرقم فقد أُرسل كوده إليه برسالة نصية. قد تصل الرسالة "
            "بعد دقائق.",
        ),
        "limit.recoveries_per_identity": (
            "The booking codes of this identity have been asked for too often.",
            "طُلب إرسال أكواد الحجز لهذه الهوية مرات كثيرة.",
        ),
        "limit.recoveries_per_mobile": (
            "Booking codes have been asked for this mobile number too often.",
            "طُلب إرسال أكواد الحجز إلى رقم الهاتف هذا مرات كثيرة.",
        ),
        "limit.other": ("Too many requests.", "طلبات كثيرة جدًّا."),
        "rate_limited.locked_out": (
            "Too many wrong passwords for this account; it is locked. Try again in {seconds} seconds.",
            "أُدخلت كلمات مرور خاطئة كثيرة لهذا الحساب فأُوقف مؤقتًا. حاول مرة أخرى بعد {seconds} ثانية.",
        ),
        # The browser check on bookings (api.proof_of_work)
        "proof_of_work_required.missing": (
            "This booking needs a short check that a browser, not a script, is sending it. Solve the "
            "challenge included here and send the booking again with the solution in `altcha`.",
            "يحتاج هذا الحجز إلى تحقق قصير من أنه مُرسل من متصفح لا من برنامج آلي. "
            "حُلّ التحدي المرفق ثم أعد إرسال الحجز ومعه الحل في الحقل altcha.",
        ),
        "proof_of_work_required.invalid": (
            "The browser check sent with this booking is invalid, has expired or was already used. "
            "Solve the new challenge included here and send the booking again.",
            "التحقق المرسل مع هذا الحجز غير صالح أو انتهت صلاحيته أو سبق استخدامه. "
            "حُلّ التحدي الجديد المرفق ثم أعد إرسال الحجز.",
        ),
        # The hall display's WebSocket (api.display_guard)
        "origin_not_allowed": (
            "Pages on this site's address only may open the hall display.",
            "لا يمكن فتح شاشة القاعة إلا من صفحات هذا الموقع.",
        ),
        "too_many_sockets": (
            "This address already has {limit} hall displays open; close one and try again.",
            "لديك بالفعل {limit} من شاشات القاعة مفتوحة من هذا العنوان؛ أغلق إحداها ثم حاول مجددًا.",
        ),
        # Staff and their offices (api.auth, api.routes.staff_admin)
        "office_forbidden": (
            "You are not assigned to this office.",
            "أنت غير مُكلَّف بالعمل في هذا المكتب.",
        ),
        "staff_not_found": (
            "There is no staff account named {username!r}.",
            "لا يوجد حساب موظف باسم {username!r}.",
        ),
        "own_account": (
            "You cannot deactivate your own account or take away your own administrator role.",
            "لا يمكنك إيقاف حسابك أو سحب صلاحية المسؤول من حسابك أنت.",
        ),
        "office_not_found.staff": (
            "There is no office {office_id!r}.",
            "لا يوجد مكتب بالمعرّف {office_id!r}.",
        ),
        "offices_required": (
            "A manager, agent or kiosk needs at least one office.",
            "يجب أن يُكلَّف المدير أو الموظف أو جهاز الخدمة الذاتية بمكتب واحد على الأقل.",
        ),
        # Bookings and the kiosk (api.routes.bookings, api.routes.kiosk)
        "invalid_start": (
            "Give the start time with its offset, e.g. 2026-12-06T09:30:00+02:00.",
            "اكتب وقت البدء مع فرق التوقيت، مثل 2026-12-06T09:30:00+02:00.",
        ),
        "service_or_services": (
            "Give either 'service' or 'services', not both and not neither.",
            "أرسل «service» أو «services»: أحدهما فقط.",
        ),
        "identity_or_people": (
            "Give either one person ('identity' and 'full_name') or several ('people'), one of the two.",
            "أرسل شخصًا واحدًا («identity» و«full_name») أو عدة أشخاص («people»): أحدهما فقط.",
        ),
        "invalid_ticket_request": (
            "Send either a booking_code (check-in) or a service (walk-in), not both and not neither.",
            "أرسل كود الحجز (لتسجيل الوصول) أو الخدمة (بدون موعد)، وليس الاثنين معًا ولا أيًّا منهما.",
        ),
        "invalid_reprint_request": (
            "Send either a booking_code or a ticket number to reprint, not both and not neither.",
            "أرسل كود الحجز أو رقم التذكرة لإعادة طباعتها، وليس الاثنين معًا ولا أيًّا منهما.",
        ),
        # Closures, counters and the load view (api.routes.capacity)
        "invalid_hours": (
            "Give both 'from' and 'to' as HH:MM (e.g. 09:00 and 11:30), 'from' first, or neither for the "
            "whole day.",
            "حدِّد وقتَي البداية والنهاية معًا بصيغة HH:MM (مثل 09:00 و11:30) بحيث تسبق البداية النهاية، "
            "أو لا تحدد أيًّا منهما لإغلاق اليوم كله.",
        ),
        "outside_booking_window.closure": (
            "Close a day from today up to 60 days ahead.",
            "يمكن الإغلاق في يوم يبدأ من اليوم ولا يتجاوز ستين يومًا مقبلة.",
        ),
        "counter_not_found.capacity": (
            "This office has no such counter.",
            "لا يوجد هذا الشباك في المكتب.",
        ),
        "reason_too_long": (
            "Keep the reason under 300 characters.",
            "اختصر السبب في أقل من ٣٠٠ حرف.",
        ),
        "reason_required.closure": (
            "Give the reason, in Arabic or English or both: {n} of that day's bookings would no longer "
            "fit, and each citizen whose booking moves is told why.",
            "اكتب سبب الإغلاق بالعربية أو بالإنجليزية أو بكلتيهما: عدد حجوزات ذلك اليوم التي لن تتسع "
            "بعده {n}، ويُبلَّغ كل صاحب حجز يُنقل موعده بالسبب.",
        ),
        "invalid_counter_services": (
            "A counter serves at least one service, and only services its office offers.",
            "يجب أن يخدم الشباك خدمة واحدة على الأقل، ومن الخدمات التي يقدمها المكتب فقط.",
        ),
        "invalid_date_range.load": (
            "'to' must not be before 'from', and the range at most {max_days} days.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية، وألا تزيد المدة عن {max_days} يومًا.",
        ),
        # Optimiser jobs and rebalance plans (api.routes.optimiser_jobs, api.routes.rebalancing)
        "job_not_found": (
            "There is no such optimiser job.",
            "لا توجد مهمة تحسين بهذا المعرّف.",
        ),
        "invalid_date_range.job": (
            "'to' must not be before 'from'.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية.",
        ),
        "job_forbidden": (
            "This job covers offices you are not assigned to.",
            "تشمل هذه المهمة مكاتب لست مُكلَّفًا بها.",
        ),
        "plan_not_found": (
            "There is no such rebalance plan.",
            "لا توجد خطة نقل بهذا المعرّف.",
        ),
        "invalid_date_range.plan": (
            "Plan from today on, 'to' not before 'from', at most {max_days} days at once.",
            "يجب أن تبدأ الخطة من اليوم فصاعدًا، وألا يسبق تاريخ النهاية تاريخ البداية، "
            "وألا تزيد المدة عن {max_days} يومًا.",
        ),
        # Simulated office days (api.routes.simulations)
        "simulation_not_found": (
            "There is no such simulation, or it is of an office you are not assigned to.",
            "لا توجد محاكاة بهذا المعرّف، أو أنها لمكتب لست مُكلَّفًا به.",
        ),
        "office_closed.simulation": (
            "The office receives nobody on that day (a weekend, a public holiday or a closure); "
            "choose a day it opens.",
            "المكتب لا يستقبل أحدًا في ذلك اليوم (عطلة أسبوعية أو عطلة رسمية أو إغلاق)؛ اختر يومًا يعمل فيه.",
        ),
        "outside_simulation_window": (
            "Simulate a day from {max_days} days ago up to {max_days} days ahead.",
            "يمكن محاكاة يوم يقع خلال {max_days} يومًا قبل اليوم أو بعده.",
        ),
        "invalid_replications": (
            "Ask for 1 to {max_replications} replications.",
            "اطلب عددًا من تكرارات المحاكاة بين ١ و{max_replications}.",
        ),
        "too_many_changes": (
            "Give at most {max_changes} changes in one simulation.",
            "يمكن إدخال {max_changes} تغييرات على الأكثر في المحاكاة الواحدة.",
        ),
        "invalid_change": (
            "Change {n}: adding or removing a counter needs 'from' and 'to' as HH:MM; closing one "
            "needs the counter.",
            "التغيير رقم {n}: إضافة شباك أو سحبه تحتاج إلى وقتَي البداية والنهاية بصيغة HH:MM، "
            "وإغلاق شباك يحتاج إلى رقم الشباك.",
        ),
        "hours_outside_opening": (
            "Change {n}: give hours within the office's opening that day, {opens} to {closes}, "
            "'from' before 'to'.",
            "التغيير رقم {n}: اختر ساعات تقع داخل مواعيد عمل المكتب في ذلك اليوم، من {opens} إلى {closes}، "
            "بحيث تسبق البداية النهاية.",
        ),
        "unknown_counter": (
            "Change {n}: the office has no such counter in service that day.",
            "التغيير رقم {n}: لا يوجد هذا الشباك في الخدمة بالمكتب في ذلك اليوم.",
        ),
        "invalid_counter_services.simulation": (
            "Change {n}: an added counter serves at least one service, and only services the office offers.",
            "التغيير رقم {n}: يجب أن يقدم الشباك المضاف خدمة واحدة على الأقل، ومن خدمات المكتب فقط.",
        ),
        "too_many_simulations": (
            "You already have {limit} simulations waiting or running; wait for one to finish.",
            "لديك بالفعل {limit} عمليات محاكاة قيد الانتظار أو التشغيل؛ انتظر حتى تنتهي إحداها.",
        ),
        "simulation_failed.interrupted": (
            "The simulation stopped when its server process did; run it again.",
            "توقفت المحاكاة لتوقف الخادم الذي كان يشغّلها؛ أعد تشغيلها.",
        ),
        "simulation_failed.error": (
            "The simulation failed; run it again, and tell the operators if it fails again.",
            "تعذّر إتمام المحاكاة؛ أعد تشغيلها، وأبلغ فريق التشغيل إن تكرر ذلك.",
        ),
        # Reports (api.routes.audit, api.routes.suspicious)
        "invalid_audit_query": (
            "Give 'from' and 'to' as dates (YYYY-MM-DD) or instants with an offset, 'from' before 'to', "
            "and 'limit' from 1 to {max_page}.",
            "حدِّد تاريخَي البداية والنهاية بصيغة YYYY-MM-DD أو وقتًا بفارق التوقيت، بحيث تسبق البداية النهاية، "
            "وعددًا للصفحة من ١ إلى {max_page}.",
        ),
        "invalid_report_range": (
            "Give 'from' and 'to' as dates (YYYY-MM-DD), 'from' not after 'to', at most {max_days} days.",
            "حدِّد تاريخَي البداية والنهاية بصيغة YYYY-MM-DD، بحيث لا تأتي البداية بعد النهاية، "
            "ولا تزيد المدة عن {max_days} يومًا.",
        ),
        "invalid_codes": (
            "Give the codes of the bookings to cancel: from 1 to {max_codes}.",
            "اذكر أكواد الحجوزات المطلوب إلغاؤها: من حجز واحد إلى {max_codes} حجز.",
        ),
        "bookings_not_yours": (
            "These codes are not bookings in your offices; nothing was cancelled: {codes_en}.",
            "هذه الأكواد ليست لحجوزات في مكاتبك، ولم يُلغَ أي حجز: {codes_ar}.",
        ),
        # The calendar file of a booking, in the citizen's language (api.calendar_file)
        "calendar.summary": (
            "Appointment: {service} — {office}",
            "موعد: {service} — {office}",
        ),
        "calendar.location": (
            "{office}, {address}",
            "{office}، {address}",
        ),
        "calendar.description": (
            "Booking code: {code}\nDocuments to bring:\n{documents}",
            "كود الحجز: {code}\nالمستندات المطلوبة:\n{documents}",
        ),
    },
)
