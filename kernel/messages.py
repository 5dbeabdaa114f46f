"""A message catalogue: each context keeps all its citizen-facing words, English and Arabic, in
one ``messages.py`` keyed by message, so a translator reviews a context's Arabic in one file.

A key is the error code a client sees (``slot_full``), or the code, a dot and a variant when one
code has several sentences (``outside_booking_window.too_soon``). Each entry is ``(English,
Arabic)`` with ``{placeholders}`` that ``str.format`` fills after the lookup, so raise sites name
only the key and the values: ``raise MESSAGES.error(InvalidInput, "invalid_email")``.

Plurals follow CLDR's rules through Babel (``plural_category``), never a rule coded by hand.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal, TypeVar, cast

from babel.core import Locale

from kernel.errors import DomainError, Refusal

_E = TypeVar("_E", bound=DomainError)
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def placeholders(text: str) -> frozenset[str]:
    """The names a text expects ``str.format`` to fill."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """One context's messages: ``key: (English, Arabic)``."""

    context: str
    entries: Mapping[str, tuple[str, str]]

    def texts(self, key: str, *, indic: bool = False, **values: object) -> tuple[str, str]:
        """The English and Arabic of ``key`` with ``values`` filled in; with ``indic`` the Arabic's
        digits are Arabic-Indic (٠١٢…), as a screen shows times and counts."""
        english, arabic = self.entries[key]
        arabic = arabic.format(**values)
        return english.format(**values), arabic.translate(_INDIC) if indic else arabic

    def text(self, key: str, language: str, **values: object) -> str:
        """``key`` in one language with ``values`` filled in: English for ``"en"``, else Arabic
        (the default), for what is written to one citizen in the language they chose (an SMS, a
        calendar file); ``values`` are then in that language too."""
        english, arabic = self.entries[key]
        return (english if language == "en" else arabic).format(**values)

    def error(self, family: type[_E], key: str, *, indic: bool = False, **values: object) -> _E:
        """A fresh ``family`` error whose code is ``key`` up to its first dot."""
        english, arabic = self.texts(key, indic=indic, **values)
        return family(key.partition(".")[0], english, arabic)

    def refusal(self, family: type[_E], key: str, *, indic: bool = False, **values: object) -> Refusal[_E]:
        """A refusal with fixed words, to keep at module level; ``values`` are filled in once
        (a limit the code fixes, such as a page size)."""
        english, arabic = self.texts(key, indic=indic, **values)
        return Refusal(family, key.partition(".")[0], english, arabic)


PluralCategory = Literal["zero", "one", "two", "few", "many", "other"]


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def plural_category(count: int, language: str) -> PluralCategory:
    """CLDR's plural category of ``count`` in ``language`` (Babel's rules, the ones
    ``Intl.PluralRules`` applies in the browser): Arabic has six (٠ zero, ١ one, ٢ two, ٣–١٠ few,
    ١١–٩٩ many, ١٠٠ other…, by the last two digits), English two."""
    return cast(PluralCategory, _locale(language).plural_form(count))
