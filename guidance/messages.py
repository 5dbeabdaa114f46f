"""Every sentence the question box says to a citizen, in English and Arabic, keyed by code."""

from __future__ import annotations

from kernel.messages import Catalogue

MESSAGES = Catalogue(
    "guidance",
    {
        "question_empty": (
            "Type a question.",
            "اكتب سؤالك.",
        ),
        "question_too_long": (
            "The question is {length} characters long; at most {limit} are allowed. Please shorten it.",
            "طول السؤال {length} حرفًا والحد الأقصى {limit}؛ يُرجى اختصاره.",
        ),
        "guide_entry_not_found": (
            "There is no answer with this id.",
            "لا توجد إجابة بهذا المعرِّف.",
        ),
        "invalid_guide_range": (
            "'to' must not be before 'from', and the range at most {days} days.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية، وألا تزيد المدة عن {days} يومًا.",
        ),
    },
)
