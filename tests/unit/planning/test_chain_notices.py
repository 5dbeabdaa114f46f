"""What a citizen is told about a flexible request for one trip, several services: the booking
names every service with its time, in the order served; a refusal names every service asked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from booking.bookings import Visit
from booking.demo import DEMO_OFFICES
from planning.notifications import Notices

NOTICES = Notices({o.id: o for o in DEMO_OFFICES})
NINE = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # 9:00 in Cairo
SLOT = timedelta(minutes=30)
SERVED = ("criminal-record-certificate", "passport-new")


def _holder(lang: str) -> dict[str, Any]:
    contact = {"lang": lang, "phone": "+201012345678", "email": None}
    return {**contact, "applicant": SimpleNamespace(**contact)}


def chain_booking(lang: str) -> Any:
    """A chain as far as the notices read it: its first visit's fields and every visit."""
    visits = (Visit(SERVED[0], NINE, NINE + SLOT), Visit(SERVED[1], NINE + SLOT, NINE + 2 * SLOT))
    return SimpleNamespace(
        id=1, code="7KQ2M9XD", service=SERVED[0], office_id="giza-passports", day=date(2026, 12, 7),
        starts_at=NINE, ends_at=NINE + SLOT, later_visits=visits[1:], visits=visits, services=SERVED,
        **_holder(lang),
    )  # fmt: skip


def chain_request(lang: str) -> Any:
    return SimpleNamespace(
        id="r-1", service=SERVED[0], later_services=SERVED[1:], services=SERVED, **_holder(lang)
    )


def test_an_assigned_chain_names_each_service_with_its_time_in_english() -> None:
    text = NOTICES.assigned(chain_request("en"), chain_booking("en")).message
    assert "Criminal record certificate and New passport" in text
    assert "Criminal record certificate at 9:00 am, then New passport at 9:30 am" in text
    assert "Giza" in text and "7KQ2M9XD" in text


def test_an_assigned_chain_names_each_service_with_its_time_in_arabic() -> None:
    text = NOTICES.assigned(chain_request("ar"), chain_booking("ar")).message
    first, then = "«صحيفة الحالة الجنائية» الساعة ٩:٠٠ صباحًا", "«استخراج جواز سفر لأول مرة» الساعة ٩:٣٠ صباحًا"
    assert f"{first}، ثم {then}" in text
    assert "7KQ2M9XD" in text and "9:00" not in text


@pytest.mark.parametrize(
    ("lang", "named"),
    [
        ("en", "Criminal record certificate and New passport"),
        ("ar", "«صحيفة الحالة الجنائية» و«استخراج جواز سفر لأول مرة»"),
    ],
)
def test_a_refused_chain_names_every_service_asked(lang: str, named: str) -> None:
    text = NOTICES.unassigned(chain_request(lang), "no_eligible_slot").message
    assert named in text


CAUSE = ("the passport counter is closed", "إغلاق شباك الجوازات")


def test_a_chain_moved_by_a_rebalance_gives_each_service_its_new_time_in_both_languages() -> None:
    english = NOTICES.moved(chain_booking("en"), chain_booking("en"), CAUSE).message
    assert "Criminal record certificate and New passport" in english
    assert "Criminal record certificate at 9:00 am, then New passport at 9:30 am" in english
    assert "the passport counter is closed" in english
    arabic = NOTICES.moved(chain_booking("ar"), chain_booking("ar"), CAUSE).message
    assert (
        "«صحيفة الحالة الجنائية» الساعة ٩:٠٠ صباحًا، ثم «استخراج جواز سفر لأول مرة» الساعة ٩:٣٠ صباحًا"
        in arabic
    )
    assert "إغلاق شباك الجوازات" in arabic and "9:00" not in arabic


def test_a_chain_cancelled_by_a_rebalance_names_every_service_in_both_languages() -> None:
    english = NOTICES.cancelled(chain_booking("en"), CAUSE).message
    assert "Criminal record certificate and New passport" in english and "7KQ2M9XD" in english
    arabic = NOTICES.cancelled(chain_booking("ar"), CAUSE).message
    assert "«صحيفة الحالة الجنائية» و«استخراج جواز سفر لأول مرة»" in arabic and "7KQ2M9XD" in arabic
