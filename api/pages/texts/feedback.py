"""Strings of the feedback page (``/feedback/{token}``, ``static/js/pages/feedback.js``) and of the
dashboard's satisfaction panel (``_dash_satisfaction.html``, ``static/js/lib/dashboard-satisfaction.js``)."""

from __future__ import annotations

_RATINGS: dict[str, tuple[str, str]] = {
    "feedback.rating.1": ("سيئة جدًا", "Very bad"),
    "feedback.rating.2": ("سيئة", "Bad"),
    "feedback.rating.3": ("مقبولة", "Okay"),
    "feedback.rating.4": ("جيدة", "Good"),
    "feedback.rating.5": ("ممتازة", "Excellent"),
}

# Characters left in the comment, by CLDR plural category ({n} in the reader's digits).
_LEFT: dict[str, tuple[str, str]] = {
    "js.feedback.left.zero": ("لم يبقَ أي حرف", "No characters left"),
    "js.feedback.left.one": ("بقي حرف واحد", "1 character left"),
    "js.feedback.left.two": ("بقي حرفان", "2 characters left"),
    "js.feedback.left.few": ("بقيت {n} أحرف", "{n} characters left"),
    "js.feedback.left.many": ("بقي {n} حرفًا", "{n} characters left"),
    "js.feedback.left.other": ("بقي {n} حرف", "{n} characters left"),
}

FEEDBACK: dict[str, tuple[str, str]] = {
    "feedback.title": ("كيف كانت زيارتك؟", "How was your visit?"),
    "feedback.visit": ("{service} في {office}، {day}.", "{service} at {office}, {day}."),
    "feedback.intro": (
        "رأيك يساعد المكتب على تحسين الخدمة. لا نطلب اسمك ولا رقمك، ولا يرى أحد من كتب الإجابة.",
        "Your answer helps the office do better. We do not ask your name or number, and nobody "
        "sees who answered.",
    ),
    "feedback.question": (
        "قيّم زيارتك من ١ (سيئة جدًا) إلى ٥ (ممتازة)",
        "Rate your visit from 1 (very bad) to 5 (excellent)",
    ),
    **_RATINGS,
    "feedback.comment": ("تعليق", "Comment"),
    "feedback.optional": ("(اختياري)", "(optional)"),
    "feedback.comment_hint": (
        "ما الذي أعجبك أو ما الذي يمكن تحسينه؟ لا تكتب رقم هويتك أو هاتفك؛ نخفي أي رقم طويل.",
        "What went well, or what could be better? Do not write your ID or phone number; we hide "
        "any long number.",
    ),
    "feedback.submit": ("إرسال التقييم", "Send my answer"),
    "feedback.thanks_title": ("شكرًا لك", "Thank you"),
    "feedback.thanks_body": (
        "وصل تقييمك. سيطّلع مدير المكتب على الآراء دون أن يعرف أصحابها.",
        "Your answer has arrived. The office's manager reads the answers without knowing who gave them.",
    ),
    "feedback.masked_note": (
        "أخفينا الأرقام الطويلة في تعليقك قبل حفظه.",
        "We hid the long numbers in your comment before keeping it.",
    ),
    "feedback.answered_title": ("سبق أن قيّمت هذه الزيارة", "You have already rated this visit"),
    "feedback.answered_body": (
        "يُستخدم الرابط مرة واحدة فقط. شكرًا لأنك أخبرتنا برأيك.",
        "Each link can be used once. Thank you for telling us what you thought.",
    ),
    "feedback.gone_title": ("هذا الرابط لا يعمل", "This link does not work"),
    "feedback.gone_body": (
        "انتهت مدة رابط التقييم أو أنه غير صحيح. تصلك رسالة برابط جديد بعد كل زيارة بحجز.",
        "The feedback link has expired or is not right. A new link comes by message after each booked visit.",
    ),
    "feedback.gone_book": ("احجز موعدًا", "Book an appointment"),
    "js.feedback.choose": ("اختر تقييمًا من ١ إلى ٥.", "Choose a rating from 1 to 5."),
    "js.feedback.sending": ("جارٍ الإرسال…", "Sending…"),
    **_LEFT,
}

# A number of answers, by CLDR plural category.
_ANSWERS: dict[str, tuple[str, str]] = {
    "js.dash.satisfaction.answers.zero": ("لا إجابات", "no answers"),
    "js.dash.satisfaction.answers.one": ("إجابة واحدة", "1 answer"),
    "js.dash.satisfaction.answers.two": ("إجابتان", "2 answers"),
    "js.dash.satisfaction.answers.few": ("{n} إجابات", "{n} answers"),
    "js.dash.satisfaction.answers.many": ("{n} إجابة", "{n} answers"),
    "js.dash.satisfaction.answers.other": ("{n} إجابة", "{n} answers"),
}

DASHBOARD_SATISFACTION: dict[str, tuple[str, str]] = {
    "dash.nav.satisfaction": ("رضا المواطنين", "Citizen satisfaction"),
    "dash.satisfaction_heading": ("رضا المواطنين", "Citizen satisfaction"),
    "dash.satisfaction_intro": (
        "نسبة الراضين (من قيّموا الزيارة بـ٤ أو ٥ من ٥) لكل خدمة وأسبوع، وعدد الإجابات، وأحدث التعليقات. "
        "لا تظهر أسماء ولا أرقام؛ تُخفى الأرقام الطويلة في التعليقات قبل حفظها.",
        "The share of satisfied citizens (rating the visit 4 or 5 out of 5) per service and week, the number "
        "of answers, and the latest comments. No names or numbers are shown; long numbers in comments are "
        "hidden before they are kept.",
    ),
    "dash.satisfaction_range": ("الفترة", "Period"),
    "dash.satisfaction_weeks.8": ("آخر ٨ أسابيع", "Last 8 weeks"),
    "dash.satisfaction_weeks.13": ("آخر ١٣ أسبوعًا", "Last 13 weeks"),
    "dash.satisfaction_weeks.26": ("آخر ٢٦ أسبوعًا", "Last 26 weeks"),
    "dash.satisfaction_weeks.52": ("آخر ٥٢ أسبوعًا", "Last 52 weeks"),
    "dash.satisfaction_comments": ("أحدث التعليقات", "Latest comments"),
    "js.dash.satisfaction.total": ("الراضون: {share} من {answers}", "Satisfied: {share} of {answers}"),
    "js.dash.satisfaction.none": (
        "لا توجد إجابات في هذه الفترة بعد.",
        "No answers in this period yet.",
    ),
    "js.dash.satisfaction.service": ("الخدمة", "Service"),
    "js.dash.satisfaction.week_of": ("أسبوع {day}", "Week of {day}"),
    "js.dash.satisfaction.all_weeks": ("الفترة كلها", "Whole period"),
    "js.dash.satisfaction.all_services": ("كل الخدمات", "All services"),
    "js.dash.satisfaction.cell": ("{share} راضون من {answers}", "{share} satisfied of {answers}"),
    **_ANSWERS,
    "js.dash.satisfaction.rating": ("التقييم {rating} من ٥", "Rated {rating} of 5"),
    "js.dash.satisfaction.no_comments": ("لا توجد تعليقات في هذه الفترة.", "No comments in this period."),
}
