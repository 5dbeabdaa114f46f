"""The dashboard's heatmap bands keep their text readable (WCAG AA, 4.5:1): dark ink on the
light bands, muted text on the empty and closed ones, white on "over capacity"."""

from __future__ import annotations

import re

import pytest

from api.pages.templating import STATIC_DIR
from tests.unit.pages.test_contrast import COLOURS, WHITE, contrast

BANDS = dict(
    re.findall(
        r"--(band-[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", (STATIC_DIR / "css" / "dashboard.css").read_text()
    )
)
PAIRS = [
    (COLOURS["ink"], "band-low"),
    (COLOURS["ink"], "band-mid"),
    (COLOURS["ink"], "band-high"),
    (COLOURS["muted"], "band-empty"),
    (COLOURS["muted"], "band-closed"),
    (WHITE, "band-over"),
]


def test_every_band_is_checked():
    assert set(BANDS) == {band for _, band in PAIRS}


@pytest.mark.parametrize(("fore", "band"), PAIRS)
def test_heatmap_text_reaches_four_and_a_half_to_one_on_its_band(fore, band):
    assert contrast(fore, BANDS[band]) >= 4.5
