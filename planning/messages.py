"""Every sentence planning says to a citizen or a manager, in English and Arabic, keyed by code
(see ``kernel.messages``): its refusals, why a job failed, why a booking or a request could not be
placed, and the outbox's messages.

The outbox's messages (``notice.*``) go to one citizen in the language they chose, so each is
filled in one language (``MESSAGES.text(key, lang, ...)``) with values in that language: the
service and office names, the day and time as ``planning.notifications`` writes them, and a
``cause`` or ``why`` that is itself an entry here (``cause.*``, ``unassigned.*``) or a manager's
own words. A ``cause`` completes "… because …" / "… بسبب …"; a ``why`` completes "… could not
be given a time: …". The snapshot test ``tests/unit/planning/test_message_snapshot.py`` pins the
exact text.
"""

from __future__ import annotations

from kernel.messages import Catalogue

"""What follows a clock time, ``part: (English, Arabic)``: before noon, the noon hour, after it."""

MESSAGES = Catalogue(
    "planning",
    {
        # Optimiser jobs (planning.jobs)
        "job_still_running": (
            "This optimiser job is still queued or running; wait for it to finish before running it again.",
            "ما زالت مهمة التحسين هذه في الانتظار أو قيد التنفيذ؛ انتظر انتهاءها قبل إعادة تشغيلها.",
        ),
        "job_failed.interrupted": (
            "Interrupted: the process running this job stopped. What it had booked stands; run it again.",
            "توقفت المهمة لأن العملية التي كانت تنفذها توقفت. ما حُجز قبل توقفها باقٍ؛ أعد تشغيلها.",
        ),
        "job_failed.stopped": (
            "Stopped: the server shut down during the job. What it had booked stands; run it again.",
            "توقفت المهمة لأن الخادم أُغلق أثناء تنفيذها. ما حُجز قبل توقفها باقٍ؛ أعد تشغيلها.",
        ),
        # Optimiser previews, applied once (planning.jobs)
        "preview_already_applied": (
            "This preview has been applied already; preview again to place what is still pending.",
            "تم تنفيذ هذه المعاينة بالفعل؛ اعرض معاينة جديدة لتوزيع ما بقي من طلبات معلّقة.",
        ),
        "not_a_preview": (
            "Only a finished preview can be applied; this job is not one.",
            "لا يُنفَّذ إلا معاينة اكتملت، وهذه المهمة ليست كذلك.",
        ),
        "preview_stale": (
            "This preview is more than {minutes} minutes old and requests may have changed since; "
            "preview again.",
            "مضى على هذه المعاينة أكثر من {minutes} دقيقة وربما تغيّرت الطلبات منذ ذلك الحين؛ "
            "اعرض معاينة جديدة.",
        ),
        # Rebalance plans (planning.rebalancing, planning.plans)
        "plan_already_applied": (
            "This plan has been applied already; preview a new one to move what is left.",
            "تم تنفيذ هذه الخطة بالفعل؛ اعرض خطة جديدة لنقل ما تبقى من حجوزات.",
        ),
        "unplaced.no_capacity": (
            "no free place at this office or the nearby ones in the following days",
            "لا يوجد مكان متاح في هذا المكتب ولا في المكاتب القريبة خلال الأيام التالية",
        ),
        "unplaced.no_eligible_slot": (
            "no office nearby receives visitors for this service in the following days",
            "لا يوجد مكتب قريب يستقبل أصحاب هذه الخدمة خلال الأيام التالية",
        ),
        # Why bookings on a day move, when the manager wrote no reason: "… because …"
        "cause.office_closed": (
            "{office_en} is closed that day",
            "إغلاق {office_ar} في ذلك اليوم",
        ),
        "cause.fewer_counters": (
            "fewer counters are open at {office_en} at that time",
            "تقليل عدد الشبابيك العاملة في {office_ar} في ذلك الوقت",
        ),
        "cause.counters_changed": (
            "a change in the counters of {office_en}",
            "تغيير في الشبابيك العاملة في {office_ar}",
        ),
        "cause.unknown": (
            "a change at the office",
            "تغيير في مواعيد المكتب",
        ),
        # Why a request got no booking: "… could not be given a time: …" (planning.notifications)
        "unassigned.no_capacity": (
            "no time was free at the offices and on the days you chose",
            "لم نجد موعدًا متاحًا في المكاتب والأيام التي اخترتها",
        ),
        "unassigned.no_eligible_slot": (
            "the offices you chose do not receive visitors for this service on those days",
            "المكاتب التي اخترتها لا تستقبل أصحاب هذه الخدمة في تلك الأيام",
        ),
        "unassigned.not_eligible": (
            "this service is not offered to holders of your type of identity",
            "هذه الخدمة غير متاحة لحاملي نوع هويتك",
        ),
        "unassigned.duplicate_booking": (
            "you already hold a booking for this service",
            "لديك حجز قائم لهذه الخدمة بالفعل",
        ),
        "unassigned.booking_limit": (
            "you already hold three active bookings, the most allowed",
            "لديك ثلاثة حجوزات قائمة بالفعل، وهو الحد الأقصى",
        ),
        "unassigned.window_passed": (
            "the days you chose have passed",
            "انقضت الأيام التي اخترتها",
        ),
        "unassigned.draw_full": (
            "every place that day went to entries drawn before yours in the opening draw",
            "ذهبت كل مواعيد ذلك اليوم إلى طلبات سبقت طلبك في قرعة فتح الحجز",
        ),
        "unassigned.cancellation_limit": (
            "you have cancelled the most bookings allowed this month",
            "ألغيت أقصى عدد مسموح به من الحجوزات هذا الشهر",
        ),
        "unassigned.no_show_ban": (
            "booking is paused for you after missed appointments",
            "الحجز موقوف لك مؤقتًا بسبب مواعيد لم تحضرها",
        ),
        "unassigned.mobile_booking_limit": (
            "your mobile number already holds the most active bookings allowed",
            "رقم هاتفك المحمول مرتبط بالفعل بأقصى عدد مسموح به من الحجوزات القائمة",
        ),
        # The outbox: SMS and e-mail to one citizen, in their language (planning.notifications,
        # planning.brokered_bookings). {when} is a day, {at} a time, as that language writes them.
        "notice.assigned": (
            "Your visit for {service} is booked: {office}, {when} at {at}. Booking code: {code}. "
            "Please arrive ten minutes early with the required documents.",
            "تم تحديد موعدك لخدمة «{service}» في {office} يوم {when} الساعة {at}. "
            "كود الحجز: {code}. يُرجى الحضور قبل الموعد بعشر دقائق ومعك المستندات المطلوبة.",
        ),
        "notice.unassigned": (
            "We are sorry: your request for {service} could not be given a time: {why}. "
            "You can send a new request or book a time directly.",
            "نعتذر، لم نتمكن من تحديد موعد لطلبك لخدمة «{service}»: {why}. "
            "يمكنك تقديم طلب جديد أو حجز موعد مباشرةً.",
        ),
        "notice.assigned_chain": (
            "Your visit for {services} is booked: {office}, {when}, one after the other: {visits}. "
            "Booking code: {code}. Please arrive ten minutes early with the required documents.",
            "تم تحديد موعد زيارتك للخدمات {services} في {office} يوم {when}، واحدة تلو الأخرى: "
            "{visits}. كود الحجز: {code}. يُرجى الحضور قبل الموعد بعشر دقائق ومعك المستندات المطلوبة.",
        ),
        "notice.unassigned_chain": (
            "We are sorry: your request for one visit for {services} could not be given a time: {why}. "
            "You can send a new request or book a time directly.",
            "نعتذر، لم نتمكن من تحديد موعد لطلبك زيارةً واحدة للخدمات {services}: {why}. "
            "يمكنك تقديم طلب جديد أو حجز موعد مباشرةً.",
        ),
        "notice.moved": (
            "Your booking {code} for {service} has moved because {cause}. New time: "
            "{office}, {when} at {at}. We apologise for the inconvenience.",
            "تم تغيير موعد حجزك لخدمة «{service}» (كود الحجز {code}) بسبب {cause}. "
            "موعدك الجديد: {office} يوم {when} الساعة {at}. نعتذر عن الإزعاج.",
        ),
        "notice.cancelled": (
            "We are sorry: your booking {code} for {service} on {when} is cancelled because "
            "{cause}, and we found no other time nearby. You can book again at any time.",
            "نعتذر، أُلغي حجزك لخدمة «{service}» (كود الحجز {code}) يوم {when} بسبب "
            "{cause}، ولم نجد موعدًا بديلًا قريبًا. يمكنك الحجز من جديد في أي وقت.",
        ),
        "notice.moved_chain": (
            "Your booking {code} for {services} has moved because {cause}. New times: {office}, "
            "{when}, one after the other: {visits}. We apologise for the inconvenience.",
            "تم تغيير موعد حجزك للخدمات {services} (كود الحجز {code}) بسبب {cause}. "
            "مواعيدك الجديدة: {office} يوم {when}، واحدة تلو الأخرى: {visits}. نعتذر عن الإزعاج.",
        ),
        "notice.cancelled_chain": (
            "We are sorry: your booking {code} for {services} on {when} is cancelled because "
            "{cause}, and we found no other time nearby for all of them in one visit. You can book "
            "again at any time.",
            "نعتذر، أُلغي حجزك للخدمات {services} (كود الحجز {code}) يوم {when} بسبب {cause}، "
            "ولم نجد موعدًا بديلًا قريبًا يتسع لها جميعًا في زيارة واحدة. يمكنك الحجز من جديد في أي وقت.",
        ),
        "notice.brokered": (
            "Your booking {code} for {service} at {office} on {when} at {at} has been cancelled: it "
            "was one of many bookings made from one source under different identities, as brokers do. "
            "Booking is free and personal. If you made it yourself, for yourself, please book again.",
            "أُلغي حجزك لخدمة «{service}» (كود الحجز {code}) في {office} يوم {when} الساعة {at}، "
            "لأنه ضمن حجوزات كثيرة أُجريت من مصدر واحد بهويات مختلفة كما يفعل السماسرة. "
            "الحجز مجاني وشخصي، فإن كنت قد حجزته بنفسك لنفسك فيُرجى الحجز من جديد.",
        ),
    },
)
