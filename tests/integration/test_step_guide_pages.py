"""The step-by-step guide's pages over HTTP, without a browser or a script, in Arabic and English:
the list, one question per screen with its answers as links, Back, and the outcome with the
service, the checklist without repeats, the notes, and "Book this" to the booking page with the
service chosen. The pages read no database, so SQLite alone is enough."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from booking.services import SERVICES
from tests.conftest import fresh_database

Client = AsyncTestClient[Any]


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request, "sqlite", tmp_path) as url:
        yield url


def links(page: str, css_class: str) -> list[tuple[str, str]]:
    """(href, text) of each ``<a class="css_class">`` on the page."""
    found = re.findall(rf'<a class="{css_class}" href="([^"]+)"[^>]*>(.*?)</a>', page, re.S)
    return [(html.unescape(href), re.sub(r"<[^>]+>", "", text).strip()) for href, text in found]


def items(page: str, list_id: str) -> list[str]:
    body = re.search(rf'<ul[^>]*id="{list_id}"[^>]*>(.*?)</ul>', page, re.S)
    assert body, f"no #{list_id}"
    return [html.unescape(item).strip() for item in re.findall(r"<li>(.*?)</li>", body.group(1), re.S)]


async def test_the_guide_list_is_in_arabic_first_and_names_each_guide(client: Client) -> None:
    response = await client.get("/guide")
    assert response.status_code == 200
    page = response.text
    assert '<html lang="ar" dir="rtl">' in page
    assert "ماذا تريد أن تفعل؟" in page
    cards = links(page, "guide-card")
    assert [href for href, _ in cards] == [
        "/guide/passports",
        "/guide/foreigners",
        "/guide/traffic",
        "/guide/certificates",
    ]
    assert cards[0][1] == "جواز السفر"
    assert 'href="/guide" aria-current="page"' in page
    assert "تحتاج هذه الصفحة إلى تفعيل JavaScript" not in page  # it works without one


async def test_the_guide_list_in_english(client: Client) -> None:
    page = (await client.get("/guide?lang=en")).text
    assert '<html lang="en" dir="ltr">' in page
    assert "What do you need to do?" in page
    assert links(page, "guide-card")[0][1] == "Passport"


async def test_the_question_box_and_the_booking_page_point_to_the_guide(client: Client) -> None:
    from api.routes.guide import GUIDE_URL

    assert GUIDE_URL == "/guide"
    page = (await client.get("/")).text
    assert 'id="guide-pointer-link"' in page and 'href="/guide"' in page
    nothing = (await client.get("/", params={"q": "مين كسب ماتش الكورة امبارح"})).text
    assert '<ul class="question-links" id="question-links"><li><a href="/guide">' in nothing


async def test_a_question_screen_has_its_answers_as_links_one_digit_longer(client: Client) -> None:
    page = (await client.get("/guide/passports")).text
    assert "ماذا تحتاج بخصوص جواز السفر؟" in page
    assert "السؤال ١" in page  # Arabic-Indic digits
    choices = links(page, "guide-choice")
    assert [href for href, _ in choices] == [f"/guide/passports?path={n}" for n in "1234"]
    assert choices[0][1] == "جواز سفر لأول مرة"
    assert re.search(r'id="guide-back" href="/guide">كل الأدلة<', page)


async def test_the_next_question_goes_back_to_the_previous_one(client: Client) -> None:
    page = (await client.get("/guide/passports?path=1")).text
    assert "كم عمر صاحب الجواز؟" in page and "السؤال ٢" in page
    assert re.search(r'id="guide-back" href="/guide/passports">رجوع<', page)
    assert [href for href, _ in links(page, "guide-choice")] == [f"/guide/passports?path=1{n}" for n in "123"]


@pytest.mark.parametrize("lang", ["ar", "en"])
async def test_a_man_of_twenty_gets_the_new_passport_with_the_military_certificate(
    client: Client, lang: str
) -> None:
    response = await client.get("/guide/passports", params={"path": "131", "lang": lang})
    assert response.status_code == 200
    page = response.text
    service = SERVICES["passport-new"]
    assert 'data-service="passport-new"' in page
    assert (service.name_ar if lang == "ar" else service.name_en) in page
    documents = service.documents_ar if lang == "ar" else service.documents_en
    assert items(page, "guide-checklist") == list(documents)
    assert len(items(page, "guide-notes")) == 2
    assert re.search(r'id="guide-book" href="/\?service=passport-new"', page)
    assert ("احجز هذه الخدمة" if lang == "ar" else "Book this") in page
    assert re.search(r'id="guide-back" href="/guide/passports\?path=13"', page)
    assert ("٢٠ دقيقة" if lang == "ar" else "20 minutes") in page


async def test_a_child_under_sixteen_brings_the_guardian_and_no_id_card_of_their_own(client: Client) -> None:
    page = (await client.get("/guide/passports?path=11&lang=en")).text
    checklist = items(page, "guide-checklist")
    assert "Original national ID card" not in checklist
    assert "The guardian's original national ID card" in checklist
    answers = re.findall(r"<dd>(.*?)</dd>", page)
    assert [html.unescape(a) for a in answers] == ["A passport for the first time", "Under 16"]


async def test_the_outcome_lets_each_answer_be_changed(client: Client) -> None:
    page = (await client.get("/guide/foreigners?path=121&lang=en")).text
    assert 'data-outcome="new-work"' in page
    changes = re.findall(r'<dd class="no-print"><a href="([^"]+)">Change', page)
    assert [html.unescape(href) for href in changes] == [
        "/guide/foreigners",
        "/guide/foreigners?path=1",
        "/guide/foreigners?path=12",
    ]


@pytest.mark.parametrize("path", ["9", "12345", "abc", "1111111", "%D9%A1"])
async def test_an_address_that_does_not_fit_the_guide_starts_it_again(client: Client, path: str) -> None:
    response = await client.get(f"/guide/traffic?path={path}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/guide/traffic"


async def test_an_unknown_guide_is_a_404_that_lists_the_guides(client: Client) -> None:
    response = await client.get("/guide/visas?lang=en")
    assert response.status_code == 404
    assert "There is no guide by that name" in response.text
    assert len(links(response.text, "guide-card")) == 4


async def test_the_booking_page_opened_from_the_guide_has_the_service_chosen(client: Client) -> None:
    outcome = (await client.get("/guide/traffic?path=12")).text
    book = re.search(r'id="guide-book" href="([^"]+)"', outcome)
    assert book
    page = (await client.get(html.unescape(book.group(1)))).text
    checked = re.findall(r'<input type="radio" name="service" value="([\w-]+)"[^>]*\schecked>', page)
    assert checked == ["driving-licence-renewal"]
