"""Nationalities for the passport holder's form, named in the page's language.

The API wants ISO 3166-1 alpha-3 codes; people know their country by name. Arabic names come from
the ISO translations that ship with pycountry, without the vowel marks (a printed form has none),
and with a few names replaced by the ones people in Egypt actually say.
"""

from __future__ import annotations

import gettext
import re
from functools import cache

import pycountry

from api.pages.i18n import Lang

# The nationalities that most often book residence and visa services in Egypt, offered first.
COMMON = ("SDN", "SYR", "YEM", "SSD", "PSE", "LBY", "IRQ", "SAU")
_SAID_AR = {
    "SYR": "سوريا",
    "TUR": "تركيا",
    "PSE": "فلسطين",
    "USA": "الولايات المتحدة الأمريكية",
    "GBR": "المملكة المتحدة",
    "RUS": "روسيا",
    "IRN": "إيران",
    "KOR": "كوريا الجنوبية",
    "PRK": "كوريا الشمالية",
}
_MARKS = re.compile("[\u064b-\u0652\u0670]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_ALIFS = str.maketrans("أإآ", "ااا")


@cache
def nationalities(lang: Lang) -> tuple[tuple[str, str], ...]:
    """``(alpha_3, name)`` for every country, sorted by name in ``lang``."""
    arabic = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"], fallback=True)
    named = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        name = english
        if lang == "ar":
            translated = _MARKS.sub("", arabic.gettext(country.name))
            name = _SAID_AR.get(country.alpha_3) or (translated if _ARABIC.search(translated) else english)
        named.append((country.alpha_3, name))
    return tuple(sorted(named, key=lambda pair: _sort_key(pair[1])))


def _sort_key(name: str) -> str:
    """Alphabetical as an Arabic reader looks it up: the article and the hamza on alif ignored."""
    return name.removeprefix("ال").translate(_ALIFS)


def common_nationalities(lang: Lang) -> tuple[tuple[str, str], ...]:
    by_code = dict(nationalities(lang))
    return tuple((code, by_code[code]) for code in COMMON)
