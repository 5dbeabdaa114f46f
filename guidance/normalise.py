"""One spelling for the many ways a question is typed: what retrieval compares.

Arabic is written with and without hamza seats (أ إ آ ٱ → ا, ؤ → و, ئ → ي), with ة or ه at the end
of a word, with ى or ي, with or without diacritics (tashkeel) and the tatweel that stretches a
word, and with Arabic-Indic or Persian digits. A phone keyboard, a search habit or a dialect picks
one; retrieval must not care which. Latin text is folded to lower case without accents.

``normalise`` is idempotent and ignores diacritics entirely
(``tests/unit/guidance/test_normalise.py`` holds it to both with hypothesis).
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ی": "ي",  # Persian yeh, typed on some keyboards
        "ة": "ه",
        "ک": "ك",  # Persian kaf
        "ـ": None,  # tatweel
        "ء": None,  # a hamza on its own line carries no meaning retrieval can use
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
        "؟": " ",
        "،": " ",
        "؛": " ",
    }
)
_NOT_WORD = re.compile(r"[^\w]+")
_ELONGATED = re.compile(r"(.)\1{2,}")
"""Three or more of one letter in a row (``ايييه``, ``pleeease``): typed for emphasis."""


def _is_mark(ch: str) -> bool:
    """Combining marks: Arabic tashkeel (fatha … sukun, shadda, superscript alef), Quranic marks
    and Latin accents once decomposed."""
    return unicodedata.category(ch) == "Mn"


def normalise(text: str) -> str:
    """``text`` in the one spelling retrieval compares: letters unified, marks, punctuation and
    emphasis removed, digits ASCII, lower case, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    # NFKD turns ﻷ into ل + ا + hamza above, and أ into ا + hamza above: dropping the marks is
    # what unifies the hamza seats; the table catches the letters NFKD keeps whole.
    bare = "".join(ch for ch in decomposed if not _is_mark(ch))
    folded = unicodedata.normalize("NFC", bare).translate(_LETTERS).casefold()
    words = _NOT_WORD.sub(" ", folded).replace("_", " ")
    squeezed = _ELONGATED.sub(r"\1\1", words)
    return " ".join(squeezed.split())
