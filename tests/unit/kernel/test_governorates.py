"""The one governorate table agrees with the shared data file (shared/data/governorates.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kernel.governorates import BY_CODE, BY_SLUG, GOVERNORATES

CSV = Path(__file__).resolve().parents[4] / "shared" / "data" / "governorates.csv"


@pytest.mark.skipif(not CSV.exists(), reason=f"{CSV} is not on this machine (it lives beside the repository)")
def test_codes_names_and_capitals_are_the_shared_files() -> None:
    with CSV.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [row["national_id_code"] for row in rows] == [g.code for g in GOVERNORATES]
    for row in rows:
        g = BY_CODE[row["national_id_code"]]
        assert (g.name_en, g.name_ar, g.capital_en, g.capital_ar) == (
            row["name_en"],
            row["name_ar"],
            row["capital_en"],
            row["capital_ar"],
        )
        expected = (float(row["lat"]), float(row["lon"])) if row["lat"] else (None, None)
        assert (g.lat, g.lon) == expected


def test_every_place_has_a_population_and_born_abroad_has_none() -> None:
    places = [g for g in GOVERNORATES if g.lat is not None]
    assert places and all(g.population_millions for g in places)
    assert BY_SLUG["born-abroad"].population_millions is None
    assert len(BY_SLUG) == len(BY_CODE) == len(GOVERNORATES)
