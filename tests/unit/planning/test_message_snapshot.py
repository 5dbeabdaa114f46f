# ruff: noqa: E501  (snapshots are whole sentences, one per line)
"""The words planning gives a citizen or a manager (its refusals, why a job failed or a booking
could not be placed, and the outbox's messages), snapshotted before they moved into
``planning/messages.py``: moving a message into the catalogue must not change code, English or
Arabic by one character.

Bookings and requests are stand-ins with only what the notices read, so these cases do not depend
on how a booking record is built."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from booking.calendar import Closure
from booking.demo import DEMO_OFFICES
from booking.rules import MAX_ACTIVE_BOOKINGS
from kernel.errors import Conflict, DomainError
from planning import jobs, rebalancing
from planning.brokered_bookings import brokered_notice
from planning.messages import MESSAGES
from planning.notifications import Notices, day_text, reason_text, time_text
from planning.plans import PlanStats, RebalancePlan
from planning.rebalancing import UNPLACED_REASONS

OFFICES = {o.id: o for o in DEMO_OFFICES}
GIZA = OFFICES["giza-passports"]
DAY = date(2026, 12, 7)
NINE_THIRTY_CAIRO = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)
CAUSE = ("the office is closed", "إغلاق المكتب")


def _holder(lang: str) -> dict[str, Any]:
    """Who a message goes to, as the notices read it (flat, and as one ``applicant``)."""
    contact = {"lang": lang, "phone": "+201012345678", "email": None}
    return {**contact, "applicant": SimpleNamespace(**contact)}


def booking(lang: str, **changes: Any) -> Any:
    """A booking as far as the notices read it."""
    values = dict(
        id=1, code="7KQ2M9XD", service="passport-new", office_id="giza-passports", day=DAY,
        starts_at=NINE_THIRTY_CAIRO, ends_at=NINE_THIRTY_CAIRO, later_visits=(),
    )  # fmt: skip
    return SimpleNamespace(**{**values, **_holder(lang), **changes})


def request(lang: str) -> Any:
    """A booking request as far as the notices read it."""
    return SimpleNamespace(id="r-1", service="passport-new", later_services=(), **_holder(lang))


def failed(error: str) -> Any:
    """A job as far as ``failure_reason`` reads it."""
    return SimpleNamespace(status=jobs.FAILED, error=error)


NOTICES = Notices(OFFICES)
PLAN = RebalancePlan(PlanStats(), [], [], {"2026-12-07": list(CAUSE)})

NOTICE: dict[str, Callable[[str], object]] = {
    "assigned": lambda lang: NOTICES.assigned(request(lang), booking(lang)).message,
    "unassigned": lambda lang: NOTICES.unassigned(request(lang), "draw_full").message,
    "moved": lambda lang: (
        NOTICES.moved(booking(lang, office_id="cairo-abbassia-passports"), booking(lang), CAUSE).message
    ),
    "cancelled": lambda lang: NOTICES.cancelled(booking(lang), CAUSE).message,
    "brokered": lambda lang: brokered_notice(booking(lang), GIZA).message,
    "brokered_unknown": lambda lang: brokered_notice(booking(lang, service="gone"), None).message,
}

CASES: dict[str, Callable[[], object]] = {
    "job_still_running": jobs.job_still_running,
    "job_interrupted": lambda: jobs.failure_reason(failed(jobs.INTERRUPTED)),
    "job_stopped": lambda: jobs.failure_reason(failed(jobs.STOPPED)),
    "plan_applied": rebalancing.PLAN_APPLIED,
    "unplaced_no_capacity": lambda: UNPLACED_REASONS["no_capacity"],
    "unplaced_no_eligible_slot": lambda: UNPLACED_REASONS["no_eligible_slot"],
    "cause_written": lambda: rebalancing.cause(
        GIZA, (Closure(GIZA.id, DAY, reason_en="a holiday", reason_ar="عطلة"),), DAY
    ),
    "cause_closed": lambda: rebalancing.cause(GIZA, (Closure(GIZA.id, DAY),), DAY),
    "cause_counter": lambda: rebalancing.cause(GIZA, (Closure(GIZA.id, DAY, counter_id=1),), DAY),
    "cause_other": lambda: rebalancing.cause(GIZA, (), DAY),
    "cause_of_day": lambda: PLAN.cause_of("2026-12-07"),
    "cause_of_default": lambda: PLAN.cause_of("2026-12-08"),
    **{
        f"reason_{reason}": (lambda reason=reason: reason_text(reason))
        for reason in (
            "no_capacity",
            "no_eligible_slot",
            "not_eligible",
            "duplicate_booking",
            "booking_limit",
            "window_passed",
            "draw_full",
            "cancellation_limit",
            "no_show_ban",
            "mobile_booking_limit",
            "something_new",
        )
    },
    **{
        f"{kind}_{lang}": (lambda kind=kind, lang=lang: NOTICE[kind](lang))
        for kind in ("assigned", "unassigned", "moved", "cancelled", "brokered", "brokered_unknown")
        for lang in ("ar", "en")
    },
    "days_ar": lambda: [day_text(date(2026, month, 1 + month), "ar") for month in range(1, 13)],
    "days_en": lambda: [day_text(date(2026, month, 1 + month), "en") for month in range(1, 13)],
    "weekdays_ar": lambda: [day_text(date(2026, 12, 7 + i), "ar") for i in range(7)],
    "weekdays_en": lambda: [day_text(date(2026, 12, 7 + i), "en") for i in range(7)],
    "times_ar": lambda: [
        time_text(datetime(2026, 12, 7, h, 5, tzinfo=UTC), "ar") for h in (6, 9, 10, 11, 17, 22)
    ],
    "times_en": lambda: [
        time_text(datetime(2026, 12, 7, h, 5, tzinfo=UTC), "en") for h in (6, 9, 10, 11, 17, 22)
    ],
}


EXPECTED: dict[str, object] = {
    "job_still_running": (
        Conflict,
        "job_still_running",
        "This optimiser job is still queued or running; wait for it to finish before running it again.",
        "ما زالت مهمة التحسين هذه في الانتظار أو قيد التنفيذ؛ انتظر انتهاءها قبل إعادة تشغيلها.",
    ),
    "job_interrupted": (
        "interrupted",
        "Interrupted: the process running this job stopped. What it had booked stands; run it again.",
        "توقفت المهمة لأن العملية التي كانت تنفذها توقفت. ما حُجز قبل توقفها باقٍ؛ أعد تشغيلها.",
    ),
    "job_stopped": (
        "stopped",
        "Stopped: the server shut down during the job. What it had booked stands; run it again.",
        "توقفت المهمة لأن الخادم أُغلق أثناء تنفيذها. ما حُجز قبل توقفها باقٍ؛ أعد تشغيلها.",
    ),
    "plan_applied": (
        Conflict,
        "plan_already_applied",
        "This plan has been applied already; preview a new one to move what is left.",
        "تم تنفيذ هذه الخطة بالفعل؛ اعرض خطة جديدة لنقل ما تبقى من حجوزات.",
    ),
    "unplaced_no_capacity": (
        "no free place at this office or the nearby ones in the following days",
        "لا يوجد مكان متاح في هذا المكتب ولا في المكاتب القريبة خلال الأيام التالية",
    ),
    "unplaced_no_eligible_slot": (
        "no office nearby receives visitors for this service in the following days",
        "لا يوجد مكتب قريب يستقبل أصحاب هذه الخدمة خلال الأيام التالية",
    ),
    "cause_written": ("a holiday", "عطلة"),
    "cause_closed": ("Giza Passports Office is closed that day", "إغلاق إدارة جوازات الجيزة في ذلك اليوم"),
    "cause_counter": (
        "fewer counters are open at Giza Passports Office at that time",
        "تقليل عدد الشبابيك العاملة في إدارة جوازات الجيزة في ذلك الوقت",
    ),
    "cause_other": (
        "a change in the counters of Giza Passports Office",
        "تغيير في الشبابيك العاملة في إدارة جوازات الجيزة",
    ),
    "cause_of_day": ("the office is closed", "إغلاق المكتب"),
    "cause_of_default": ("a change at the office", "تغيير في مواعيد المكتب"),
    "reason_no_capacity": (
        "no time was free at the offices and on the days you chose",
        "لم نجد موعدًا متاحًا في المكاتب والأيام التي اخترتها",
    ),
    "reason_no_eligible_slot": (
        "the offices you chose do not receive visitors for this service on those days",
        "المكاتب التي اخترتها لا تستقبل أصحاب هذه الخدمة في تلك الأيام",
    ),
    "reason_not_eligible": (
        "this service is not offered to holders of your type of identity",
        "هذه الخدمة غير متاحة لحاملي نوع هويتك",
    ),
    "reason_duplicate_booking": (
        "you already hold a booking for this service",
        "لديك حجز قائم لهذه الخدمة بالفعل",
    ),
    "reason_booking_limit": (
        "you already hold three active bookings, the most allowed",
        "لديك ثلاثة حجوزات قائمة بالفعل، وهو الحد الأقصى",
    ),
    "reason_window_passed": ("the days you chose have passed", "انقضت الأيام التي اخترتها"),
    "reason_draw_full": (
        "every place that day went to entries drawn before yours in the opening draw",
        "ذهبت كل مواعيد ذلك اليوم إلى طلبات سبقت طلبك في قرعة فتح الحجز",
    ),
    "reason_cancellation_limit": (
        "you have cancelled the most bookings allowed this month",
        "ألغيت أقصى عدد مسموح به من الحجوزات هذا الشهر",
    ),
    "reason_no_show_ban": (
        "booking is paused for you after missed appointments",
        "الحجز موقوف لك مؤقتًا بسبب مواعيد لم تحضرها",
    ),
    "reason_mobile_booking_limit": (
        "your mobile number already holds the most active bookings allowed",
        "رقم هاتفك المحمول مرتبط بالفعل بأقصى عدد مسموح به من الحجوزات القائمة",
    ),
    "reason_something_new": ("something new", "something new"),
    "assigned_ar": "تم تحديد موعدك لخدمة «استخراج جواز سفر لأول مرة» في إدارة جوازات الجيزة يوم الاثنين ٧ ديسمبر ٢٠٢٦ الساعة ٩:٣٠ صباحًا. كود الحجز: 7KQ2M9XD. يُرجى الحضور قبل الموعد بعشر دقائق ومعك المستندات المطلوبة.",
    "assigned_en": "Your visit for New passport is booked: Giza Passports Office, Monday 7 December 2026 at 9:30 am. Booking code: 7KQ2M9XD. Please arrive ten minutes early with the required documents.",
    "unassigned_ar": "نعتذر، لم نتمكن من تحديد موعد لطلبك لخدمة «استخراج جواز سفر لأول مرة»: ذهبت كل مواعيد ذلك اليوم إلى طلبات سبقت طلبك في قرعة فتح الحجز. يمكنك تقديم طلب جديد أو حجز موعد مباشرةً.",
    "unassigned_en": "We are sorry: your request for New passport could not be given a time: every place that day went to entries drawn before yours in the opening draw. You can send a new request or book a time directly.",
    "moved_ar": "تم تغيير موعد حجزك لخدمة «استخراج جواز سفر لأول مرة» (كود الحجز 7KQ2M9XD) بسبب إغلاق المكتب. موعدك الجديد: إدارة جوازات الجيزة يوم الاثنين ٧ ديسمبر ٢٠٢٦ الساعة ٩:٣٠ صباحًا. نعتذر عن الإزعاج.",
    "moved_en": "Your booking 7KQ2M9XD for New passport has moved because the office is closed. New time: Giza Passports Office, Monday 7 December 2026 at 9:30 am. We apologise for the inconvenience.",
    "cancelled_ar": "نعتذر، أُلغي حجزك لخدمة «استخراج جواز سفر لأول مرة» (كود الحجز 7KQ2M9XD) يوم الاثنين ٧ ديسمبر ٢٠٢٦ بسبب إغلاق المكتب، ولم نجد موعدًا بديلًا قريبًا. يمكنك الحجز من جديد في أي وقت.",
    "cancelled_en": "We are sorry: your booking 7KQ2M9XD for New passport on Monday 7 December 2026 is cancelled because the office is closed, and we found no other time nearby. You can book again at any time.",
    "brokered_ar": "أُلغي حجزك لخدمة «استخراج جواز سفر لأول مرة» (كود الحجز 7KQ2M9XD) في إدارة جوازات الجيزة يوم الاثنين ٧ ديسمبر ٢٠٢٦ الساعة ٩:٣٠ صباحًا، لأنه ضمن حجوزات كثيرة أُجريت من مصدر واحد بهويات مختلفة كما يفعل السماسرة. الحجز مجاني وشخصي، فإن كنت قد حجزته بنفسك لنفسك فيُرجى الحجز من جديد.",
    "brokered_en": "Your booking 7KQ2M9XD for New passport at Giza Passports Office on Monday 7 December 2026 at 9:30 am has been cancelled: it was one of many bookings made from one source under different identities, as brokers do. Booking is free and personal. If you made it yourself, for yourself, please book again.",
    "brokered_unknown_ar": "أُلغي حجزك لخدمة «gone» (كود الحجز 7KQ2M9XD) في giza-passports يوم الاثنين ٧ ديسمبر ٢٠٢٦ الساعة ٩:٣٠ صباحًا، لأنه ضمن حجوزات كثيرة أُجريت من مصدر واحد بهويات مختلفة كما يفعل السماسرة. الحجز مجاني وشخصي، فإن كنت قد حجزته بنفسك لنفسك فيُرجى الحجز من جديد.",
    "brokered_unknown_en": "Your booking 7KQ2M9XD for gone at giza-passports on Monday 7 December 2026 at 9:30 am has been cancelled: it was one of many bookings made from one source under different identities, as brokers do. Booking is free and personal. If you made it yourself, for yourself, please book again.",
    "days_ar": [
        "الجمعة ٢ يناير ٢٠٢٦",
        "الثلاثاء ٣ فبراير ٢٠٢٦",
        "الأربعاء ٤ مارس ٢٠٢٦",
        "الأحد ٥ أبريل ٢٠٢٦",
        "الأربعاء ٦ مايو ٢٠٢٦",
        "الأحد ٧ يونيو ٢٠٢٦",
        "الأربعاء ٨ يوليو ٢٠٢٦",
        "الأحد ٩ أغسطس ٢٠٢٦",
        "الخميس ١٠ سبتمبر ٢٠٢٦",
        "الأحد ١١ أكتوبر ٢٠٢٦",
        "الخميس ١٢ نوفمبر ٢٠٢٦",
        "الأحد ١٣ ديسمبر ٢٠٢٦",
    ],
    "days_en": [
        "Friday 2 January 2026",
        "Tuesday 3 February 2026",
        "Wednesday 4 March 2026",
        "Sunday 5 April 2026",
        "Wednesday 6 May 2026",
        "Sunday 7 June 2026",
        "Wednesday 8 July 2026",
        "Sunday 9 August 2026",
        "Thursday 10 September 2026",
        "Sunday 11 October 2026",
        "Thursday 12 November 2026",
        "Sunday 13 December 2026",
    ],
    "weekdays_ar": [
        "الاثنين ٧ ديسمبر ٢٠٢٦",
        "الثلاثاء ٨ ديسمبر ٢٠٢٦",
        "الأربعاء ٩ ديسمبر ٢٠٢٦",
        "الخميس ١٠ ديسمبر ٢٠٢٦",
        "الجمعة ١١ ديسمبر ٢٠٢٦",
        "السبت ١٢ ديسمبر ٢٠٢٦",
        "الأحد ١٣ ديسمبر ٢٠٢٦",
    ],
    "weekdays_en": [
        "Monday 7 December 2026",
        "Tuesday 8 December 2026",
        "Wednesday 9 December 2026",
        "Thursday 10 December 2026",
        "Friday 11 December 2026",
        "Saturday 12 December 2026",
        "Sunday 13 December 2026",
    ],
    "times_ar": ["٨:٠٥ صباحًا", "١١:٠٥ صباحًا", "١٢:٠٥ ظهرًا", "١:٠٥ مساءً", "٧:٠٥ مساءً", "١٢:٠٥ صباحًا"],
    "times_en": ["8:05 am", "11:05 am", "12:05 pm", "1:05 pm", "7:05 pm", "12:05 am"],
}


def _said(thunk: Callable[[], object]) -> object:
    try:
        said = thunk()
    except DomainError as error:
        said = error
    if isinstance(said, DomainError):
        return (type(said), said.code, said.detail_en, said.detail_ar)
    return said


def test_every_case_has_a_snapshot() -> None:
    assert set(CASES) == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_planning_says_exactly_what_it_said_before_the_catalogue(case: str) -> None:
    assert _said(CASES[case]) == EXPECTED[case]


def test_numbers_written_into_the_catalogue_are_the_ones_the_rules_apply() -> None:
    """A request refused for the cap on bookings is told the cap in words; when it changes, the
    sentence must change with it."""
    assert MAX_ACTIVE_BOOKINGS == 3
    english, arabic = MESSAGES.texts("unassigned.booking_limit")
    assert "three" in english and "ثلاثة" in arabic
