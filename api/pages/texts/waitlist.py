"""Strings of the waitlist's pages (``/waitlist``, ``/waitlist/{entry_id}``, the offer's page
``/waitlist/offers/{offer_id}``), the reconfirmation's page (``/reconfirm/{code}``), the booking
page's link to the waitlist and the dashboard's no-show section."""

from __future__ import annotations

WAITLIST: dict[str, tuple[str, str]] = {
    "waitlist.title": ("قائمة الانتظار", "Waitlist"),
    "waitlist.intro": (
        "لم تجد موعدًا مناسبًا؟ سجِّل في قائمة الانتظار. إذا أُلغي موعد في أحد المكاتب والأيام التي "
        "تختارها، نرسل إليك رسالة قصيرة ونحجز لك المكان مدة قصيرة لتقبله، قبل أن يُعرض على غيرك.",
        "No time that suits you? Join the waitlist. When a place frees up at one of the offices and "
        "on one of the days you choose, we text you and hold it for you for a short while to "
        "accept, before anyone else can book it.",
    ),
    "waitlist.service": ("الخدمة", "Service"),
    "waitlist.where": ("أين", "Where"),
    "waitlist.office": ("المكتب", "Office"),
    "waitlist.governorate": ("أو أي مكتب في المحافظة", "Or any office in the governorate"),
    "waitlist.any_governorate": ("— مكتب واحد فقط —", "— just this office —"),
    "waitlist.from": ("من يوم", "From"),
    "waitlist.to": ("إلى يوم", "To"),
    "waitlist.identity": ("الرقم القومي", "National ID number"),
    "waitlist.identity_hint": ("١٤ رقمًا كما في بطاقتك", "14 digits, as on your card"),
    "waitlist.name": ("الاسم بالكامل", "Full name"),
    "waitlist.phone": ("رقم الموبايل", "Mobile number"),
    "waitlist.phone_hint": ("نرسل إليه العروض برسالة قصيرة", "Offers are texted to it"),
    "waitlist.join": ("سجِّلني في قائمة الانتظار", "Put me on the waitlist"),
    "waitlist.code": ("رمز التحقق", "Verification code"),
    "waitlist.code_hint": (
        "أرسلنا رمزًا من ستة أرقام إلى موبايلك المنتهي بـ {last4}.",
        "We texted a six-digit code to your mobile ending {last4}.",
    ),
    "waitlist.confirm": ("تأكيد", "Confirm"),
    "waitlist.joined": (
        "أنت الآن في قائمة الانتظار. سنرسل إليك رسالة قصيرة عندما يتاح مكان.",
        "You are on the waitlist. We will text you when a place frees up.",
    ),
    "waitlist.reference": ("الرقم المرجعي", "Reference"),
    "waitlist.status_title": ("تسجيلك في قائمة الانتظار", "Your place on the waitlist"),
    "waitlist.show": ("اعرض", "Show"),
    "waitlist.status": ("الحالة", "Status"),
    "waitlist.status.awaiting_verification": ("بانتظار رمز التحقق", "Waiting for the code"),
    "waitlist.status.waiting": ("في الانتظار", "Waiting"),
    "waitlist.status.offered": ("عُرض عليك مكان", "A place is offered to you"),
    "waitlist.status.booked": ("تم الحجز", "Booked"),
    "waitlist.status.left": ("خرجت من القائمة", "Left the list"),
    "waitlist.status.lapsed": ("انتهت مهلة عرض لم تقبله", "An offer ran out unanswered"),
    "waitlist.status.ended": ("انتهت الأيام التي اخترتها", "Your days have passed"),
    "waitlist.leave": ("اخرج من قائمة الانتظار", "Leave the waitlist"),
    "waitlist.left": ("خرجت من قائمة الانتظار.", "You have left the waitlist."),
    "waitlist.link": (
        "لم تجد موعدًا مناسبًا؟ سجِّل في قائمة الانتظار",
        "No time that suits you? Join the waitlist",
    ),
    "offer.title": ("مكان محجوز لك", "A place held for you"),
    "offer.what": ("{service} في {office}", "{service} at {office}"),
    "offer.when": ("الموعد: {day} الساعة {time}", "When: {day} at {time}"),
    "offer.until": ("محجوز لك حتى {until}", "Held for you until {until}"),
    "offer.identity_hint": (
        "رقم الهوية الذي سجَّلت به في قائمة الانتظار",
        "The identity number you joined the waitlist with",
    ),
    "offer.accept": ("اقبل وأكِّد الحجز", "Accept and book"),
    "offer.decline": ("لا يناسبني", "It does not suit me"),
    "offer.booked": ("تم حجزك. كود الحجز: {code}", "You are booked. Booking code: {code}"),
    "offer.my_booking": ("اعرض حجزي", "See my booking"),
    "offer.declined": (
        "رفضت العرض، وما زلت في مكانك في قائمة الانتظار.",
        "You declined; you keep your place on the waitlist.",
    ),
    "offer.closed": (
        "لم يعد هذا العرض متاحًا.",
        "This offer is no longer open.",
    ),
    "reconfirm.title": ("تأكيد الحضور", "Confirm you are coming"),
    "reconfirm.intro": (
        "أكِّد أنك ستحضر في موعدك حتى لا يُلغى ويُعطى لغيرك.",
        "Confirm you will come, so that your booking is not cancelled and given to someone else.",
    ),
    "reconfirm.code": ("كود الحجز", "Booking code"),
    "reconfirm.identity": ("رقم الهوية", "Identity number"),
    "reconfirm.submit": ("أؤكد أنني سأحضر", "I will come"),
    "reconfirm.done": (
        "شكرًا، تأكَّد حضورك. حجزك {code} قائم.",
        "Thank you, confirmed. Your booking {code} stands.",
    ),
    "dash.noshow.title": ("عدم الحضور وإعادة التأكيد", "No-shows and reconfirmation"),
    "dash.noshow.intro": (
        "نسبة من لم يحضروا في الأيام الماضية لكل خدمة تتطلب إعادة التأكيد: الحجوزات التي طُلب "
        "تأكيدها مقارنة بالتي لم يُطلب تأكيدها (قبل تفعيل إعادة التأكيد أو المحجوزة داخل المهلة).",
        "The share of booked visitors who did not come on past days, per service that asks for "
        "reconfirmation: bookings asked to reconfirm against those not asked (before it was switched "
        "on, or booked inside the window).",
    ),
    "dash.noshow.table_label": ("جدول نسب عدم الحضور", "No-show rates, service by service"),
    "js.dash.noshow.service": ("الخدمة", "Service"),
    "js.dash.noshow.asked": ("طُلب تأكيدها", "Asked to reconfirm"),
    "js.dash.noshow.not_asked": ("لم يُطلب تأكيدها", "Not asked"),
    "js.dash.noshow.rate": ("{rate} من {visits} زيارة", "{rate} of {visits} visits"),
    "js.dash.noshow.released": ("أُلغي لعدم التأكيد: {released}", "Released unconfirmed: {released}"),
    "js.dash.noshow.off": (
        "إعادة التأكيد غير مفعّلة لأي خدمة (MAWID_RECONFIRM_SERVICES).",
        "Reconfirmation is on for no service (MAWID_RECONFIRM_SERVICES).",
    ),
}
