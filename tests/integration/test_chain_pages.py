"""The booking page and /my-booking as the server renders them for one trip of several services:
each service's place in the order the office serves a chain (what the page sorts by) is the
booking core's ``chain_order``; ``?also=`` opens the page with services added (book again of a
chain), keeping only known services, each once, as many as a chain holds; /my-booking carries the
services' names its visits are listed by."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from api.pages.citizen import chain_ranks, chosen_also
from booking.chains import MAX_SERVICES, chain_order
from booking.services import CATALOGUE, SERVICES, WALK_IN_ONLY

CODES = [service.code for service in CATALOGUE]


def checked_also(html: str) -> list[str]:
    return re.findall(r'name="also" value="([\w-]+)"[^>]*?\schecked', html, flags=re.S)


@given(st.lists(st.sampled_from(CODES), min_size=1, max_size=MAX_SERVICES, unique=True))
def test_sorting_by_the_pages_ranks_is_the_booking_cores_order(services):
    ranks = chain_ranks()
    assert tuple(sorted(services, key=ranks.__getitem__)) == chain_order(services)


def test_also_keeps_known_services_each_once_not_the_first_and_at_most_two():
    assert chosen_also("passport-renewal", "criminal-record-certificate") == ["criminal-record-certificate"]
    repeated = "passport-renewal,nonsense,civil-certificate,civil-certificate"
    assert chosen_also("passport-renewal", repeated) == ["civil-certificate"]
    assert chosen_also("passport-new", "passport-renewal,civil-certificate,criminal-record-certificate") == [
        "passport-renewal",
        "civil-certificate",
    ]
    assert chosen_also("nonsense", "civil-certificate") == []


async def test_the_booking_page_opens_with_the_services_of_a_chain_chosen(client):
    also = "criminal-record-certificate,passport-renewal"
    response = await client.get(f"/?service=passport-renewal&also={also}")
    assert response.status_code == 200
    assert re.search(r'name="service" value="passport-renewal"[^>]*?\schecked', response.text, flags=re.S)
    assert checked_also(response.text) == ["criminal-record-certificate"]
    ranks = dict(re.findall(r'name="also" value="([\w-]+)".*?data-order="(\d+)"', response.text, flags=re.S))
    bookable = {code: rank for code, rank in chain_ranks().items() if code not in WALK_IN_ONLY}
    assert {code: int(rank) for code, rank in ranks.items()} == bookable  # the pick-up lane is not booked
    assert "أحتاج أيضًا في الزيارة نفسها" in response.text


async def test_the_booking_page_without_also_chooses_nothing_more(client):
    response = await client.get("/?lang=en&service=passport-new")
    assert checked_also(response.text) == []
    assert "I also need, on the same visit" in response.text


async def test_my_booking_carries_the_names_a_chains_visits_are_listed_by(client):
    response = await client.get("/my-booking")
    names = re.search(r'<script type="application/json" id="page-names">(.*?)</script>', response.text)
    assert names is not None
    assert json.loads(names.group(1))["services"]["criminal-record-certificate"] == (
        SERVICES["criminal-record-certificate"].name_ar
    )
