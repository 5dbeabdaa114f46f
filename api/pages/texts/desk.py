"""Strings of the clerk's desk (``/staff/desk``): booking for a citizen at an office's desk or on
its phone line."""

from __future__ import annotations

DESK: dict[str, tuple[str, str]] = {
    "desk.title": ("مكتب الحجز بالمساعدة", "Assisted booking desk"),
    "desk.tagline": (
        "للحجز نيابةً عن المواطنين في المكتب أو عبر الهاتف",
        "Book for citizens at the desk or by phone",
    ),
    "desk.login_heading": ("تسجيل دخول موظف الحجز", "Booking clerk log-in"),
    "desk.login_intro": (
        "سجّل الدخول بحساب موظف الحجز لتحجز للمواطنين الذين لا يستطيعون الحجز بأنفسهم.",
        "Log in with your clerk's account to book for citizens who cannot book for themselves.",
    ),
    "desk.heading": ("حجز موعد لمواطن", "Book for a citizen"),
    "desk.office": ("المكتب", "Office"),
    "desk.channel": ("طريقة الحجز", "How the citizen asked"),
    "desk.channel_desk": ("حاضر أمامي في المكتب", "In person at the desk"),
    "desk.channel_phone": ("عبر الخط الهاتفي", "On the phone line"),
    "desk.service": ("الخدمة", "Service"),
    "desk.day": ("اليوم", "Day"),
    "desk.show_times": ("اعرض المواعيد", "Show times"),
    "desk.times": ("المواعيد المتاحة", "Free times"),
    "desk.person": ("بيانات المواطن", "The citizen"),
    "desk.identity_type": ("نوع الهوية", "Identity"),
    "desk.national_id": ("الرقم القومي", "National ID"),
    "desk.passport": ("جواز سفر (للأجانب)", "Passport (foreigners)"),
    "desk.number": ("الرقم", "Number"),
    "desk.nationality": ("الجنسية (رمز من ثلاثة أحرف، مثل SDN)", "Nationality (three letters, e.g. SDN)"),
    "desk.full_name": ("الاسم الكامل", "Full name"),
    "desk.phone": ("رقم المحمول (تصله رسالة التأكيد)", "Mobile (gets the confirmation SMS)"),
    "desk.lang": ("لغة الرسائل", "Language of the messages"),
    "desk.book": ("احجز", "Book"),
    "desk.another": ("حجز لمواطن آخر", "Book for someone else"),
    "desk.done_heading": ("تم الحجز", "Booked"),
    "js.desk.role": (
        "هذا الحساب لا يحجز نيابةً عن المواطنين. استخدم حساب موظف الحجز.",
        "This account cannot book for citizens. Use a booking clerk's account.",
    ),
    "js.desk.no_times": ("لا توجد مواعيد متاحة في هذا اليوم.", "No free times on this day."),
    "js.desk.choose_time": ("اختر موعدًا أولًا.", "Choose a time first."),
    "js.desk.left": ("متبقٍ {n}", "{n} left"),
    "js.desk.seniors": ("ساعة كبار السن", "Seniors' hour"),
    "js.desk.busy": ("جارٍ الحجز…", "Booking…"),
    "js.desk.done": (
        "كود الحجز {code}: {service} في {office}، {when}. أُرسلت رسالة التأكيد إلى {phone}.",
        "Booking code {code}: {service} at {office}, {when}. The confirmation was texted to {phone}.",
    ),
}
