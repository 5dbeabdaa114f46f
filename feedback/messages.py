"""Every sentence feedback says to a citizen, in English and Arabic, keyed by code.

Keys are error codes, or ``invitation`` for the message a citizen gets after the visit. That
message goes by SMS, so its Arabic (UCS-2) must fit two segments — 134 characters — with the link
(``tests/unit/feedback/test_feedback_messages.py`` holds it to that with a long public address).
"""

from __future__ import annotations

from kernel.messages import Catalogue, plural_category

MESSAGES = Catalogue(
    "feedback",
    {
        "feedback_not_found": (
            "This feedback link does not work: it has expired or never existed.",
            "رابط التقييم هذا لا يعمل: انتهت مدته أو لم يكن موجودًا.",
        ),
        "feedback_already_given": (
            "You have already told us how this visit went. Thank you.",
            "سبق أن أخبرتنا كيف كانت هذه الزيارة. شكرًا لك.",
        ),
        "invalid_rating": (
            "Choose a rating from 1 (very bad) to 5 (very good).",
            "اختر تقييمًا من ١ (سيئ جدًا) إلى ٥ (ممتاز).",
        ),
        "comment_too_long": (
            "The comment is {length} characters long; at most {limit} are allowed. Please shorten it.",
            "طول التعليق {length} حرفًا والحد الأقصى {limit}؛ يُرجى اختصاره.",
        ),
        "invalid_satisfaction_range": (
            "'to' must not be before 'from', and the range at most {weeks} weeks.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية، وألا تزيد المدة عن {weeks} أسبوعًا.",
        ),
        "invitation": (
            "Thank you for your visit. How did it go? Rate it from 1 to 5 within {days}: {link}",
            "شكرًا لزيارتك. كيف كانت الخدمة؟ قيّمها من ١ إلى ٥ خلال {days}: {link}",
        ),
    },
)

_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_DAYS = {
    "en": {"one": "{n} day", "other": "{n} days"},
    "ar": {"one": "يوم واحد", "two": "يومين", "few": "{n} أيام", "many": "{n} يومًا", "other": "{n} يوم"},
}
"""A number of days as each language counts them (CLDR plural categories; Arabic's ``zero``
never arises: an invitation is valid for a day at least)."""


def days_text(days: int, lang: str) -> str:
    """``7 days`` / ``٧ أيام``, ``يومين``, ``١٤ يومًا``."""
    forms = _DAYS["en" if lang == "en" else "ar"]
    form = forms.get(plural_category(days, lang), forms["other"])
    text = form.format(n=days)
    return text if lang == "en" else text.translate(_AR_DIGITS)


def invitation_text(link: str, days: int, lang: str) -> str:
    """The message inviting a citizen to rate the visit, in their language. The link keeps its
    Latin letters and digits (a phone must open it as it is)."""
    english, arabic = MESSAGES.texts("invitation", days=days_text(days, lang), link=link)
    return english if lang == "en" else arabic
