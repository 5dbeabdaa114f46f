"""Characters a name may not hide: the invisible and the direction-changing.

A name is printed on a ticket, read aloud by the hall's voice and matched by staff against an ID
card. Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) make two names that look the same
differ, so one person books as many "different" people; bidi controls (U+200E/F, U+202A–U+202E,
U+2066–U+2069, U+061C) reorder what a clerk sees (``Trojan Source``); a name of three zero-width
spaces looks empty. So a name refuses every format (``Cf``), control (``Cc``) and surrogate
(``Cs``) character — which covers all of the above, U+00AD and U+180E too — and the letters that
render as blank (the Hangul fillers, the braille blank, the combining grapheme joiner), and must
contain at least one visible letter.
"""

from __future__ import annotations

import unicodedata

HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Cs"})
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5")
"""Letters and marks that Unicode does not class as format characters but that draw nothing."""


def hidden_characters(text: str) -> list[str]:
    """The invisible or direction-changing characters in ``text``, as ``U+XXXX``, in order."""
    return [
        f"U+{ord(char):04X}"
        for char in text
        if unicodedata.category(char) in HIDDEN_CATEGORIES or char in BLANK_LOOKING
    ]


def has_visible_letter(text: str) -> bool:
    return any(char.isalpha() and char not in BLANK_LOOKING for char in text)
