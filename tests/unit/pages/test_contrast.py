"""The stylesheet's colour pairs pass WCAG 2.1 AA: 4.5:1 for text, 3:1 for borders and focus."""

from __future__ import annotations

import re

import pytest

from api.pages.templating import STATIC_DIR

CSS = (STATIC_DIR / "css" / "site.css").read_text()
COLOURS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", CSS))
WHITE = "#ffffff"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour(name: str) -> str:
    return WHITE if name == "white" else COLOURS[name]


TEXT_PAIRS = [
    ("ink", "paper"),
    ("ink", "page"),
    ("muted", "paper"),
    ("muted", "page"),
    ("brand", "paper"),
    ("brand", "page"),
    ("brand", "brand-tint"),
    ("muted", "brand-tint"),
    ("white", "brand"),
    ("white", "brand-dark"),
    ("white", "danger"),
    ("danger", "danger-tint"),
    ("danger", "paper"),
    ("ok", "ok-tint"),
    ("ok", "paper"),
    ("brand-dark", "brand-tint"),
    ("warn", "warn-tint"),
    ("warn", "paper"),
]
NON_TEXT_PAIRS = [("line", "paper"), ("focus", "paper"), ("focus", "page"), ("brand", "paper")]


@pytest.mark.parametrize(("fore", "back"), TEXT_PAIRS)
def test_text_colours_reach_four_and_a_half_to_one(fore, back):
    assert contrast(colour(fore), colour(back)) >= 4.5


@pytest.mark.parametrize(("fore", "back"), NON_TEXT_PAIRS)
def test_borders_and_the_focus_ring_reach_three_to_one(fore, back):
    assert contrast(colour(fore), colour(back)) >= 3.0
