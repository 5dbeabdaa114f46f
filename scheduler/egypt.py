"""Egypt as the generator sees it: the governorates with a capital and a population (from the
one table, ``kernel.governorates``) and the kinds of offices.

Service codes are DESIGN.md's; the demand shares are illustrative, not statistics.
"""

from __future__ import annotations

from kernel.governorates import GOVERNORATES

PLACES: tuple[tuple[str, float, float, float], ...] = tuple(
    (g.slug, g.lat, g.lon, g.population_millions)
    for g in GOVERNORATES
    if g.lat is not None and g.lon is not None and g.population_millions is not None
)
"""(slug, latitude, longitude, population in millions) of each governorate offices and citizens
are placed in ("born abroad" is not a place), in code order."""

# Office kinds, their share of offices and the services they offer with national demand shares.
KINDS: dict[str, tuple[float, dict[str, float]]] = {
    "passports": (
        0.45,
        {
            "passport-renewal": 0.20,
            "passport-new": 0.11,
            "passport-replacement": 0.03,
            "criminal-record-certificate": 0.12,
            "civil-certificate": 0.10,
        },
    ),
    "traffic": (
        0.40,
        {
            "driving-licence-renewal": 0.15,
            "driving-licence-replacement": 0.03,
            "vehicle-licence-renewal": 0.16,
        },
    ),
    "immigration": (
        0.15,
        {
            "residence-new": 0.02,
            "residence-renewal": 0.04,
            "visa-extension": 0.02,
            "work-permit": 0.02,
        },
    ),
}
