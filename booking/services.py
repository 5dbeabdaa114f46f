"""The catalogue of e-services that can be booked at an office.

The catalogue is a domain constant: it changes with a regulation, not with a click, so it lives in
code and is reviewed like code. Offices say which of these services they offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Eligibility(StrEnum):
    CITIZEN = "citizen"
    FOREIGNER = "foreigner"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    name_en: str
    name_ar: str
    duration_minutes: int
    eligibility: Eligibility
    documents_en: tuple[str, ...]
    documents_ar: tuple[str, ...]
    ticket_prefix: str
    walk_in_only: bool = False
    """Served only to people who walk in (a ticket at the kiosk), never booked: it has no slots
    and takes none of the appointments' capacity (``booking.capacity``)."""


_NID_EN = "Original national ID card"
_NID_AR = "أصل بطاقة الرقم القومي"
_PHOTOS_EN = "Two recent passport photos (4×6, white background)"
_PHOTOS_AR = "صورتان شخصيتان حديثتان (٤×٦ بخلفية بيضاء)"
_PASSPORT_EN = "Original passport, valid for at least six months"
_PASSPORT_AR = "أصل جواز السفر ساري لمدة ستة أشهر على الأقل"

CATALOGUE: tuple[Service, ...] = (
    Service(
        "passport-new",
        "New passport",
        "استخراج جواز سفر لأول مرة",
        20,
        Eligibility.CITIZEN,
        (
            _NID_EN,
            _PHOTOS_EN,
            "Proof of profession or student certificate",
            "Military service status certificate (men aged 18–30)",
        ),
        (
            _NID_AR,
            _PHOTOS_AR,
            "ما يثبت المهنة أو شهادة قيد للطلاب",
            "شهادة الموقف من التجنيد (للذكور من ١٨ إلى ٣٠ سنة)",
        ),
        "P",
    ),
    Service(
        "passport-renewal",
        "Passport renewal",
        "تجديد جواز السفر",
        15,
        Eligibility.CITIZEN,
        (_NID_EN, "The old passport", _PHOTOS_EN),
        (_NID_AR, "جواز السفر القديم", _PHOTOS_AR),
        "R",
    ),
    Service(
        "passport-replacement",
        "Replacement of a lost or damaged passport",
        "بدل فاقد أو تالف لجواز السفر",
        25,
        Eligibility.CITIZEN,
        (_NID_EN, "Police report of the loss, or the damaged passport", _PHOTOS_EN),
        (_NID_AR, "محضر الفقد من قسم الشرطة أو الجواز التالف", _PHOTOS_AR),
        "L",
    ),
    Service(
        "residence-new",
        "New residence permit",
        "استخراج إقامة لأول مرة",
        30,
        Eligibility.FOREIGNER,
        (
            _PASSPORT_EN,
            "Purpose-of-stay document (work, study, marriage or investment)",
            _PHOTOS_EN,
            "Lease contract or proof of address in Egypt",
        ),
        (
            _PASSPORT_AR,
            "مستند غرض الإقامة (عمل أو دراسة أو زواج أو استثمار)",
            _PHOTOS_AR,
            "عقد إيجار أو ما يثبت محل الإقامة في مصر",
        ),
        "E",
    ),
    Service(
        "residence-renewal",
        "Residence permit renewal",
        "تجديد الإقامة",
        20,
        Eligibility.FOREIGNER,
        (_PASSPORT_EN, "Current residence permit", "Updated purpose-of-stay document"),
        (_PASSPORT_AR, "الإقامة الحالية", "مستند غرض الإقامة محدَّث"),
        "N",
    ),
    Service(
        "visa-extension",
        "Tourist visa extension",
        "مد تأشيرة السياحة",
        15,
        Eligibility.FOREIGNER,
        (_PASSPORT_EN, "Current entry visa", _PHOTOS_EN),
        (_PASSPORT_AR, "تأشيرة الدخول الحالية", _PHOTOS_AR),
        "V",
    ),
    Service(
        "work-permit",
        "Work permit for foreigners",
        "تصريح عمل للأجانب",
        30,
        Eligibility.FOREIGNER,
        (
            _PASSPORT_EN,
            "Employment contract",
            "Employer's commercial register extract",
            "Certified academic qualification",
        ),
        (_PASSPORT_AR, "عقد العمل", "مستخرج السجل التجاري لجهة العمل", "المؤهل الدراسي موثقًا"),
        "W",
    ),
    Service(
        "driving-licence-renewal",
        "Driving licence renewal",
        "تجديد رخصة القيادة",
        20,
        Eligibility.ANY,
        ("Current driving licence", _NID_EN + " or passport", "Medical examination certificate"),
        ("رخصة القيادة الحالية", _NID_AR + " أو جواز السفر", "شهادة الكشف الطبي"),
        "D",
    ),
    Service(
        "driving-licence-replacement",
        "Replacement of a lost or damaged driving licence",
        "بدل فاقد أو تالف لرخصة القيادة",
        20,
        Eligibility.ANY,
        (_NID_EN + " or passport", "Police report of the loss, or the damaged licence"),
        (_NID_AR + " أو جواز السفر", "محضر الفقد أو الرخصة التالفة"),
        "G",
    ),
    Service(
        "vehicle-licence-renewal",
        "Vehicle licence renewal",
        "تجديد رخصة المركبة",
        30,
        Eligibility.ANY,
        (
            "Current vehicle licence",
            "Owner's national ID or passport",
            "Valid compulsory insurance certificate",
            "Technical inspection report",
        ),
        (
            "رخصة المركبة الحالية",
            "بطاقة الرقم القومي للمالك أو جواز سفره",
            "شهادة التأمين الإجباري سارية",
            "تقرير الفحص الفني",
        ),
        "M",
    ),
    Service(
        "criminal-record-certificate",
        "Criminal record certificate",
        "صحيفة الحالة الجنائية",
        10,
        Eligibility.ANY,
        (_NID_EN + " or passport", "One recent passport photo"),
        (_NID_AR + " أو جواز السفر", "صورة شخصية حديثة"),
        "C",
    ),
    Service(
        "civil-certificate",
        "Civil status certificate (birth, marriage, divorce, death)",
        "مستخرج رسمي من الأحوال المدنية (ميلاد، زواج، طلاق، وفاة)",
        10,
        Eligibility.CITIZEN,
        (_NID_EN, "Details of the person named in the certificate"),
        (_NID_AR, "بيانات صاحب الشهادة المطلوبة"),
        "B",
    ),
    Service(
        "document-collection",
        "Collect a finished passport or licence",
        "استلام جواز سفر أو رخصة جاهزة",
        5,
        Eligibility.ANY,
        (_NID_EN + " or passport", "The receipt given when you applied"),
        (_NID_AR + " أو جواز السفر", "الإيصال المُسلَّم عند تقديم الطلب"),
        "K",
        walk_in_only=True,
    ),
)

SERVICES: dict[str, Service] = {service.code: service for service in CATALOGUE}
COLLECTION = "document-collection"
"""The pick-up lane: collecting a finished document is a short walk-in of its own, with its own
ticket prefix and counters that have it among their skills."""
WALK_IN_ONLY: frozenset[str] = frozenset(service.code for service in CATALOGUE if service.walk_in_only)


def service_by_code(code: str) -> Service | None:
    return SERVICES.get(code)
