"""Every sentence feedback says to a citizen, in English and Arabic, keyed by code.

Keys are error codes, or ``invitation`` for the message a citizen gets after the visit
(``feedback.notice`` words it). That message goes by SMS, so its Arabic (UCS-2) must fit two
segments — 134 characters — with the link (``tests/unit/feedback/test_feedback_messages.py``
holds it to that with a long public address).
"""

from __future__ import annotations

from kernel.messages import Catalogue

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
