"""Egypt's governorates: national-ID codes, names, capitals and populations: the one table.

Codes, names and the capitals' coordinates are those of ``shared/data/governorates.csv`` (city
centres; tests/unit/test_governorates.py compares them when the file is at hand); populations
are rough 2023 figures in millions, used only to generate instances for the optimiser
(``scheduler.generate``). Embedded rather than read from the file, so nothing reads files at
import time and an installed package needs none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Governorate:
    code: str
    slug: str
    name_en: str
    name_ar: str
    capital_en: str
    capital_ar: str
    lat: float | None
    lon: float | None
    population_millions: float | None = None
    """``None`` for "born abroad", which is a national-ID code, not a place."""


GOVERNORATES: tuple[Governorate, ...] = (
    Governorate("01", "cairo", "Cairo", "القاهرة", "Cairo", "القاهرة", 30.0444, 31.2357, 10.3),
    Governorate(
        "02", "alexandria", "Alexandria", "الإسكندرية", "Alexandria", "الإسكندرية", 31.2001, 29.9187, 5.5
    ),
    Governorate("03", "port-said", "Port Said", "بورسعيد", "Port Said", "بورسعيد", 31.2653, 32.3019, 0.8),
    Governorate("04", "suez", "Suez", "السويس", "Suez", "السويس", 29.9668, 32.5498, 0.8),
    Governorate("11", "damietta", "Damietta", "دمياط", "Damietta", "دمياط", 31.4165, 31.8133, 1.6),
    Governorate("12", "dakahlia", "Dakahlia", "الدقهلية", "Mansoura", "المنصورة", 31.0409, 31.3785, 7.0),
    Governorate("13", "sharqia", "Sharqia", "الشرقية", "Zagazig", "الزقازيق", 30.5877, 31.5020, 7.9),
    Governorate("14", "qalyubia", "Qalyubia", "القليوبية", "Banha", "بنها", 30.4660, 31.1848, 6.0),
    Governorate(
        "15",
        "kafr-el-sheikh",
        "Kafr El Sheikh",
        "كفر الشيخ",
        "Kafr El Sheikh",
        "كفر الشيخ",
        31.1107,
        30.9388,
        3.7,
    ),
    Governorate("16", "gharbia", "Gharbia", "الغربية", "Tanta", "طنطا", 30.7865, 31.0004, 5.4),
    Governorate("17", "monufia", "Monufia", "المنوفية", "Shebin El Kom", "شبين الكوم", 30.5595, 31.0102, 4.6),
    Governorate("18", "beheira", "Beheira", "البحيرة", "Damanhur", "دمنهور", 31.0341, 30.4682, 6.8),
    Governorate(
        "19", "ismailia", "Ismailia", "الإسماعيلية", "Ismailia", "الإسماعيلية", 30.5965, 32.2715, 1.4
    ),
    Governorate("21", "giza", "Giza", "الجيزة", "Giza", "الجيزة", 30.0131, 31.2089, 9.4),
    Governorate("22", "beni-suef", "Beni Suef", "بني سويف", "Beni Suef", "بني سويف", 29.0661, 31.0994, 3.4),
    Governorate("23", "fayoum", "Fayoum", "الفيوم", "Fayoum", "الفيوم", 29.3084, 30.8428, 3.9),
    Governorate("24", "minya", "Minya", "المنيا", "Minya", "المنيا", 28.1099, 30.7503, 6.0),
    Governorate("25", "assiut", "Assiut", "أسيوط", "Assiut", "أسيوط", 27.1809, 31.1837, 4.8),
    Governorate("26", "sohag", "Sohag", "سوهاج", "Sohag", "سوهاج", 26.5591, 31.6957, 5.5),
    Governorate("27", "qena", "Qena", "قنا", "Qena", "قنا", 26.1551, 32.7160, 3.5),
    Governorate("28", "aswan", "Aswan", "أسوان", "Aswan", "أسوان", 24.0889, 32.8998, 1.6),
    Governorate("29", "luxor", "Luxor", "الأقصر", "Luxor", "الأقصر", 25.6872, 32.6396, 1.4),
    Governorate("31", "red-sea", "Red Sea", "البحر الأحمر", "Hurghada", "الغردقة", 27.2579, 33.8116, 0.4),
    Governorate(
        "32", "new-valley", "New Valley", "الوادي الجديد", "Kharga", "الخارجة", 25.4390, 30.5586, 0.26
    ),
    Governorate("33", "matrouh", "Matrouh", "مطروح", "Marsa Matrouh", "مرسى مطروح", 31.3543, 27.2373, 0.5),
    Governorate("34", "north-sinai", "North Sinai", "شمال سيناء", "Arish", "العريش", 31.1316, 33.7984, 0.45),
    Governorate("35", "south-sinai", "South Sinai", "جنوب سيناء", "El Tor", "الطور", 28.2415, 33.6222, 0.11),
    Governorate("88", "born-abroad", "Born abroad", "خارج الجمهورية", "", "", None, None),
)

BY_CODE: dict[str, Governorate] = {g.code: g for g in GOVERNORATES}
BY_SLUG: dict[str, Governorate] = {g.slug: g for g in GOVERNORATES}
