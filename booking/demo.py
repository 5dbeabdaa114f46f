"""Demo offices for the embedded default: real places, Arabic names, counters and hours.

Coordinates are the offices' neighbourhoods, close enough for distances and map links.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from booking.offices import Counter, Office, OpeningHours
from booking.services import COLLECTION

_PASSPORT = (
    "passport-new",
    "passport-renewal",
    "passport-replacement",
    "criminal-record-certificate",
    "civil-certificate",
    COLLECTION,
)
_TRAFFIC = (
    "driving-licence-renewal",
    "driving-licence-replacement",
    "vehicle-licence-renewal",
    "criminal-record-certificate",
    COLLECTION,
)
_IMMIGRATION = ("residence-new", "residence-renewal", "visa-extension", "work-permit")

# Counter groups per kind of office: (how many counters, the services each serves).
_PASSPORT_DESKS = (
    (3, ("passport-new",)),
    (3, ("passport-renewal", "passport-replacement")),
    (2, ("criminal-record-certificate", "civil-certificate")),
    (1, (COLLECTION,)),  # the pick-up lane: finished passports are handed over here
)
_TRAFFIC_DESKS = (
    (3, ("driving-licence-renewal", "driving-licence-replacement")),
    (3, ("vehicle-licence-renewal",)),
    (1, ("criminal-record-certificate",)),
    (1, (COLLECTION,)),  # the pick-up lane: finished licences are handed over here
)
_IMMIGRATION_DESKS = (
    (2, ("residence-new", "work-permit")),
    (3, ("residence-renewal", "visa-extension")),
)


def _counters(groups: tuple[tuple[int, tuple[str, ...]], ...], scale: int = 1) -> tuple[Counter, ...]:
    counters: list[Counter] = []
    for how_many, services in groups:
        for _ in range(how_many * scale):
            number = len(counters) + 1
            counters.append(Counter(number, str(number), frozenset(services)))
    return tuple(counters)


def _office(
    id_: str,
    kind: str,
    name_en: str,
    name_ar: str,
    address_en: str,
    address_ar: str,
    governorate: str,
    lat: float,
    lon: float,
    scale: int = 1,
    hours: OpeningHours | None = None,
) -> Office:
    services, desks = {
        "passport": (_PASSPORT, _PASSPORT_DESKS),
        "traffic": (_TRAFFIC, _TRAFFIC_DESKS),
        "immigration": (_IMMIGRATION, _IMMIGRATION_DESKS),
    }[kind]
    return Office(
        id_,
        name_en,
        name_ar,
        address_en,
        address_ar,
        governorate,
        lat,
        lon,
        services,
        hours or OpeningHours.government_week(),
        _counters(desks, scale),
    )


_OFFICES: tuple[Office, ...] = (
    _office(
        "cairo-abbassia-passports",
        "passport",
        "Abbassia Passport Services Complex",
        "مجمع خدمات الجوازات بالعباسية",
        "Abbassia Square, Cairo",
        "ميدان العباسية، القاهرة",
        "cairo",
        30.0722,
        31.2837,
        scale=2,
    ),
    _office(
        "cairo-immigration",
        "immigration",
        "Passports, Immigration and Nationality Administration",
        "مصلحة الجوازات والهجرة والجنسية",
        "Abbassia, Cairo",
        "العباسية، القاهرة",
        "cairo",
        30.0705,
        31.2860,
        scale=2,
    ),
    _office(
        "cairo-nasr-city-traffic",
        "traffic",
        "Nasr City Traffic Unit",
        "وحدة مرور مدينة نصر",
        "Al-Tayaran Street, Nasr City, Cairo",
        "شارع الطيران، مدينة نصر، القاهرة",
        "cairo",
        30.0561,
        31.3301,
    ),
    _office(
        "giza-passports",
        "passport",
        "Giza Passports Office",
        "إدارة جوازات الجيزة",
        "Al-Haram Street, Giza",
        "شارع الهرم، الجيزة",
        "giza",
        30.0160,
        31.2100,
    ),
    _office(
        "giza-october-traffic",
        "traffic",
        "6th of October Traffic Unit",
        "وحدة مرور السادس من أكتوبر",
        "Central Axis, 6th of October City",
        "المحور المركزي، مدينة السادس من أكتوبر",
        "giza",
        29.9737,
        30.9445,
        hours=OpeningHours.government_week("09:00", "15:00"),
    ),
    _office(
        "alexandria-passports",
        "passport",
        "Alexandria Passports Office",
        "إدارة جوازات الإسكندرية",
        "Smouha, Alexandria",
        "سموحة، الإسكندرية",
        "alexandria",
        31.2156,
        29.9553,
        scale=2,
    ),
    _office(
        "alexandria-traffic",
        "traffic",
        "Alexandria Traffic Department",
        "إدارة مرور الإسكندرية",
        "Smouha, Alexandria",
        "سموحة، الإسكندرية",
        "alexandria",
        31.2135,
        29.9463,
    ),
    _office(
        "alexandria-immigration",
        "immigration",
        "Alexandria Immigration Office",
        "مكتب الهجرة والجنسية بالإسكندرية",
        "Raml Station, Alexandria",
        "محطة الرمل، الإسكندرية",
        "alexandria",
        31.2001,
        29.9070,
    ),
    _office(
        "qalyubia-banha-passports",
        "passport",
        "Banha Passports Office",
        "إدارة جوازات بنها",
        "Farid Nada Street, Banha",
        "شارع فريد ندا، بنها",
        "qalyubia",
        30.4660,
        31.1848,
    ),
    _office(
        "qalyubia-shubra-traffic",
        "traffic",
        "Shubra El Kheima Traffic Unit",
        "وحدة مرور شبرا الخيمة",
        "Shubra El Kheima, Qalyubia",
        "شبرا الخيمة، القليوبية",
        "qalyubia",
        30.1286,
        31.2422,
    ),
    _office(
        "dakahlia-mansoura-passports",
        "passport",
        "Mansoura Passports Office",
        "إدارة جوازات المنصورة",
        "El Gomhoreya Street, Mansoura",
        "شارع الجمهورية، المنصورة",
        "dakahlia",
        31.0409,
        31.3785,
    ),
    _office(
        "dakahlia-mansoura-traffic",
        "traffic",
        "Mansoura Traffic Unit",
        "وحدة مرور المنصورة",
        "Gehan Street, Mansoura",
        "شارع جيهان، المنصورة",
        "dakahlia",
        31.0450,
        31.3650,
    ),
    _office(
        "assiut-passports",
        "passport",
        "Assiut Passports Office",
        "إدارة جوازات أسيوط",
        "El Gomhoreya Street, Assiut",
        "شارع الجمهورية، أسيوط",
        "assiut",
        27.1809,
        31.1837,
    ),
    _office(
        "assiut-traffic",
        "traffic",
        "Assiut Traffic Unit",
        "وحدة مرور أسيوط",
        "El Helaly, Assiut",
        "الحلالي، أسيوط",
        "assiut",
        27.1850,
        31.1700,
    ),
    _office(
        "sharqia-zagazig-passports",
        "passport",
        "Zagazig Passports Office",
        "إدارة جوازات الزقازيق",
        "El Qawmeya, Zagazig",
        "القومية، الزقازيق",
        "sharqia",
        30.5877,
        31.5020,
    ),
    _office(
        "gharbia-tanta-traffic",
        "traffic",
        "Tanta Traffic Unit",
        "وحدة مرور طنطا",
        "El Bahr Street, Tanta",
        "شارع البحر، طنطا",
        "gharbia",
        30.7865,
        31.0004,
    ),
    _office(
        "red-sea-hurghada-immigration",
        "immigration",
        "Hurghada Passports and Immigration Office",
        "مكتب جوازات وهجرة الغردقة",
        "El Dahar, Hurghada",
        "الدهار، الغردقة",
        "red-sea",
        27.2579,
        33.8116,
    ),
    _office(
        "south-sinai-sharm-immigration",
        "immigration",
        "Sharm El Sheikh Immigration Office",
        "مكتب جوازات وهجرة شرم الشيخ",
        "Hadaba, Sharm El Sheikh",
        "الهضبة، شرم الشيخ",
        "south-sinai",
        27.9158,
        34.3300,
    ),
)

DEMO_CHANNELS_OFFICE = "sharqia-zagazig-passports"
"""The demo office that keeps a fifth of its appointments for clerks (desk and phone) and its first
hour for seniors (``booking.channels``); the others keep neither, as a new office does."""

DEMO_OFFICES: tuple[Office, ...] = tuple(
    replace(office, assisted_share=0.2, seniors_hours=(time(8), time(9)))
    if office.id == DEMO_CHANNELS_OFFICE
    else office
    for office in _OFFICES
)
