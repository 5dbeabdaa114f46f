"""Egypt as the generator sees it: governorate capitals, populations and kinds of offices.

Coordinates are the capitals' from ../shared/data/governorates.csv, populations rough 2023
figures in millions; both are embedded so generating an instance reads no files. Service codes
are DESIGN.md's; the demand shares are illustrative, not statistics.
"""

from __future__ import annotations

# (slug, latitude, longitude, population in millions) per governorate.
GOVERNORATES: tuple[tuple[str, float, float, float], ...] = (
    ("cairo", 30.0444, 31.2357, 10.3),
    ("alexandria", 31.2001, 29.9187, 5.5),
    ("port-said", 31.2653, 32.3019, 0.8),
    ("suez", 29.9668, 32.5498, 0.8),
    ("damietta", 31.4165, 31.8133, 1.6),
    ("dakahlia", 31.0409, 31.3785, 7.0),
    ("sharqia", 30.5877, 31.5020, 7.9),
    ("qalyubia", 30.4660, 31.1848, 6.0),
    ("kafr-el-sheikh", 31.1107, 30.9388, 3.7),
    ("gharbia", 30.7865, 31.0004, 5.4),
    ("monufia", 30.5595, 31.0102, 4.6),
    ("beheira", 31.0341, 30.4682, 6.8),
    ("ismailia", 30.5965, 32.2715, 1.4),
    ("giza", 30.0131, 31.2089, 9.4),
    ("beni-suef", 29.0661, 31.0994, 3.4),
    ("fayoum", 29.3084, 30.8428, 3.9),
    ("minya", 28.1099, 30.7503, 6.0),
    ("assiut", 27.1809, 31.1837, 4.8),
    ("sohag", 26.5591, 31.6957, 5.5),
    ("qena", 26.1551, 32.7160, 3.5),
    ("aswan", 24.0889, 32.8998, 1.6),
    ("luxor", 25.6872, 32.6396, 1.4),
    ("red-sea", 27.2579, 33.8116, 0.4),
    ("new-valley", 25.4390, 30.5586, 0.26),
    ("matrouh", 31.3543, 27.2373, 0.5),
    ("north-sinai", 31.1316, 33.7984, 0.45),
    ("south-sinai", 28.2415, 33.6222, 0.11),
)

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
