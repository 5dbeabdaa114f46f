"""The message inviting a citizen to say how the visit went, worded from ``feedback.messages``
in the citizen's language, with the number of days the link stays valid counted as each language
counts (CLDR plural categories)."""

from __future__ import annotations

from feedback.messages import MESSAGES
from kernel.messages import plural_category

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
