"""The pages' two languages: UI strings in Arabic and English, and numbers written as each reads them.

Arabic comes first: it is the default, and a page shows numbers in Arabic-Indic digits (٠١٢…)
when it speaks Arabic. Strings live in ``api/pages/texts/`` (one module per group of pages, each a
dict of ``key: (arabic, english)``) and are merged here, so a key can only mean one thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from api.pages.texts.citizen import CITIZEN
from api.pages.texts.dashboard import DASHBOARD
from api.pages.texts.dashboard_audit import DASHBOARD_AUDIT
from api.pages.texts.dashboard_brokered import DASHBOARD_BROKERED
from api.pages.texts.dashboard_heads_up import DASHBOARD_HEADS_UP
from api.pages.texts.dashboard_plans import DASHBOARD_PLANS
from api.pages.texts.dashboard_simulation import DASHBOARD_SIMULATION
from api.pages.texts.demo_inbox import DEMO_INBOX
from api.pages.texts.desk import DESK
from api.pages.texts.feedback import DASHBOARD_SATISFACTION, FEEDBACK
from api.pages.texts.guide import GUIDE
from api.pages.texts.kiosk import KIOSK
from api.pages.texts.layout import LAYOUT
from api.pages.texts.recovery import RECOVERY
from api.pages.texts.staff import STAFF
from api.pages.texts.steps import STEPS
from api.pages.texts.ticket_status import TICKET_STATUS
from api.pages.texts.verification import VERIFICATION
from api.pages.texts.waitlist import WAITLIST
from kernel.messages import PluralCategory, plural_category

Lang = Literal["ar", "en"]
LANGUAGES: tuple[Lang, ...] = ("ar", "en")
DEFAULT_LANG: Lang = "ar"
LANGUAGE_NAMES: dict[Lang, str] = {"ar": "العربية", "en": "English"}


def _merge(*groups: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for group in groups:
        clash = merged.keys() & group.keys()
        if clash:
            raise ValueError(f"UI string keys defined twice: {sorted(clash)}")
        merged.update(group)
    return merged


STRINGS: dict[str, tuple[str, str]] = _merge(
    LAYOUT,
    CITIZEN,
    KIOSK,
    STAFF,
    DESK,
    DASHBOARD,
    DASHBOARD_PLANS,
    DASHBOARD_SIMULATION,
    DASHBOARD_BROKERED,
    DASHBOARD_AUDIT,
    FEEDBACK,
    DASHBOARD_SATISFACTION,
    DEMO_INBOX,
    RECOVERY,
    VERIFICATION,
    GUIDE,
    STEPS,
    TICKET_STATUS,
    DASHBOARD_HEADS_UP,
    WAITLIST,
)
SCRIPT_PREFIX = "js."
"""Strings whose key starts with this are also handed to the page's JavaScript."""

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def as_language(value: str | None) -> Lang | None:
    """``value`` if it names one of our languages (``"ar"``, ``"en"``), else None."""
    cleaned = (value or "").strip().lower()
    return "ar" if cleaned == "ar" else "en" if cleaned == "en" else None


def localise_digits(value: object, lang: Lang) -> str:
    """``value`` as text, with Arabic-Indic digits when the page speaks Arabic."""
    text = str(value)
    return text.translate(_ARABIC_DIGITS) if lang == "ar" else text


_MINUTES: dict[Lang, dict[PluralCategory, str]] = {
    "ar": {"one": "دقيقة واحدة", "two": "دقيقتان", "few": "{n} دقائق", "other": "{n} دقيقة"},
    "en": {"one": "{n} minute", "other": "{n} minutes"},
}
"""A duration's words by CLDR plural category; a category not named here (Arabic's zero and
many) reads as ``other``."""


def minutes(count: int, lang: Lang) -> str:
    """A duration in minutes, with the plural CLDR gives (٣ دقائق but ٢٠ دقيقة and ١٠٣ دقائق)."""
    forms = _MINUTES[lang]
    form = forms.get(plural_category(count, lang), forms["other"])
    return form.format(n=localise_digits(count, lang))


@dataclass(frozen=True, slots=True)
class Translator:
    """The UI strings of one language; templates call it as ``t("key", n=3)``."""

    lang: Lang

    @property
    def dir(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"

    @property
    def other(self) -> Lang:
        return "en" if self.lang == "ar" else "ar"

    def __call__(self, key: str, **values: object) -> str:
        """The string for ``key``; numbers in ``values`` are written in the page's digits, text
        is left as it is (a booking code keeps its Latin digits)."""
        arabic, english = STRINGS[key]
        text = arabic if self.lang == "ar" else english
        if not values:
            return text
        return text.format(
            **{
                name: localise_digits(value, self.lang) if isinstance(value, int | float) else value
                for name, value in values.items()
            }
        )

    def pick(self, arabic: str, english: str) -> str:
        """Choose between a domain object's two names (``name_ar`` / ``name_en``)."""
        return arabic if self.lang == "ar" else english

    def for_script(self) -> dict[str, str]:
        """The ``js.*`` strings, keyed without the prefix, for the page's JavaScript."""
        return {
            key.removeprefix(SCRIPT_PREFIX): self(key) for key in STRINGS if key.startswith(SCRIPT_PREFIX)
        }
