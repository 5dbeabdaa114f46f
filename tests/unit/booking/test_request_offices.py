"""How a flexible request names its offices, and the window of days it may ask for."""

from datetime import date

import pytest

from booking.demo import DEMO_OFFICES
from booking.request_offices import (
    MAX_OFFICES,
    Reach,
    accepted_from_list,
    accepted_in_governorate,
    accepted_near,
)
from booking.rules import check_request_window
from booking.services import SERVICES
from kernel.errors import InvalidInput

PASSPORT = SERVICES["passport-new"]
BY_ID = {o.id: o for o in DEMO_OFFICES}


def refusal(call) -> str:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.code


def test_exactly_one_way_of_naming_offices_is_accepted():
    assert Reach.from_choice(["a", "a", "b"], None, None).office_ids == ("a", "b")
    assert Reach.from_choice(None, " Giza ", None).governorate == "giza"
    assert Reach.from_choice(None, None, (30.0, 31.0, 10.0)).kind == "near"
    assert refusal(lambda: Reach.from_choice(["a"], "giza", None)) == "invalid_offices_choice"
    assert refusal(lambda: Reach.from_choice(None, None, None)) == "invalid_offices_choice"
    assert refusal(lambda: Reach.from_choice([], None, None)) == "invalid_offices_choice"


def test_at_most_ten_offices_and_a_radius_of_at_most_three_hundred_km():
    many = [f"office-{n}" for n in range(MAX_OFFICES + 1)]
    assert refusal(lambda: Reach.from_choice(many, None, None)) == "too_many_offices"
    assert refusal(lambda: Reach.from_choice(None, None, (30.0, 31.0, 301.0))) == "invalid_location"
    assert refusal(lambda: Reach.from_choice(None, None, (30.0, 31.0, 0.0))) == "invalid_location"


def test_listed_offices_are_measured_from_the_first_one():
    listed = [BY_ID["giza-passports"], BY_ID["cairo-abbassia-passports"]]
    first, second = accepted_from_list(listed)
    assert (first.office_id, first.distance_km) == ("giza-passports", 0.0)
    assert 5 < second.distance_km < 20


def test_a_radius_keeps_the_offices_offering_the_service_within_it_nearest_first():
    found = accepted_near(30.07, 31.28, 30.0, PASSPORT, DEMO_OFFICES)
    assert found[0].office_id == "cairo-abbassia-passports"
    assert [a.distance_km for a in found] == sorted(a.distance_km for a in found)
    assert all(BY_ID[a.office_id].offers("passport-new") and a.distance_km <= 30 for a in found)


def test_a_governorate_without_an_office_for_the_service_is_refused():
    assert [a.office_id for a in accepted_in_governorate("giza", PASSPORT, DEMO_OFFICES)] == [
        "giza-passports"
    ]
    assert refusal(lambda: accepted_in_governorate("matrouh", PASSPORT, DEMO_OFFICES)) == "no_office_in_reach"
    assert (
        refusal(lambda: accepted_in_governorate("nowhere", PASSPORT, DEMO_OFFICES)) == "unknown_governorate"
    )


@pytest.mark.parametrize(
    ("first", "last", "code"),
    [
        (date(2026, 12, 5), date(2026, 12, 7), "outside_booking_window"),
        (date(2026, 12, 7), date(2027, 2, 6), "outside_booking_window"),
        (date(2026, 12, 9), date(2026, 12, 7), "invalid_date_range"),
    ],
)
def test_a_request_window_lies_from_today_to_sixty_days_ahead(first, last, code):
    today, latest = date(2026, 12, 6), date(2027, 2, 4)
    assert refusal(lambda: check_request_window(first, last, today, latest)) == code
    check_request_window(today, latest, today, latest)
