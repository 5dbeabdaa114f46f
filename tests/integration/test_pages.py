"""The server-rendered pages over HTTP, without a browser: language and its cookie, the headers
every page carries, the QR endpoint, the static files, and nothing a visitor types is echoed raw."""

from __future__ import annotations

import pytest

from api.pages.citizen import SERVICE_GROUPS
from api.pages.layout import LANG_COOKIE
from booking.services import CATALOGUE


async def test_the_booking_page_speaks_arabic_right_to_left_by_default(client):
    response = await client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in response.text
    assert "حجز موعد" in response.text
    assert LANG_COOKIE not in response.cookies


async def test_choosing_english_sets_a_cookie_that_later_pages_follow(client):
    chosen = await client.get("/?lang=en")
    assert '<html lang="en" dir="ltr">' in chosen.text
    assert chosen.cookies[LANG_COOKIE] == "en"
    later = await client.get("/my-booking")
    assert '<html lang="en" dir="ltr">' in later.text
    assert 'href="/my-booking?lang=ar"' in later.text


async def test_a_language_we_do_not_speak_falls_back_to_arabic(client):
    response = await client.get("/?lang=fr")
    assert '<html lang="ar" dir="rtl">' in response.text


async def test_the_language_switch_keeps_the_other_query_parameters(client):
    response = await client.get("/my-booking?code=7KQ2M9XD")
    assert 'href="/my-booking?code=7KQ2M9XD&amp;lang=en"' in response.text


async def test_pages_allow_only_their_own_scripts(client):
    response = await client.get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "Cookie" in response.headers["vary"]


async def test_a_code_in_the_address_is_escaped_not_echoed(client):
    response = await client.get('/my-booking?code="><script>alert(1)</script>')
    assert "<script>alert" not in response.text
    assert "&#34;&gt;&lt;script&gt;" in response.text


def test_every_bookable_service_in_the_catalogue_is_in_exactly_one_group_on_the_booking_page():
    grouped = [code for _, codes in SERVICE_GROUPS for code in codes]
    assert sorted(grouped) == sorted(service.code for service in CATALOGUE if not service.walk_in_only)


async def test_the_booking_page_lists_only_governorates_that_have_offices(client):
    response = await client.get("/")
    assert '<option value="giza">الجيزة</option>' in response.text
    assert 'value="new-valley"' not in response.text


@pytest.mark.parametrize("path", ["/qr/7KQ2M9XD.svg", "/qr/7kq2m9xd"])
async def test_a_booking_code_is_drawn_as_an_svg_qr_code(client, path):
    response = await client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.startswith("<svg") and "<title>7KQ2M9XD</title>" in response.text


async def test_the_qr_endpoint_draws_nothing_but_booking_codes(client):
    response = await client.get("/qr/https:%2F%2Fevil.example.svg")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/static/css/site.css", "text/css"),
        ("/static/js/pages/book.js", "javascript"),
        ("/static/favicon.svg", "svg"),
    ],
)
async def test_static_files_are_served_for_revalidation(client, path, media_type):
    response = await client.get(path)
    assert response.status_code == 200
    assert media_type in response.headers["content-type"]
    assert response.headers["cache-control"] == "no-cache"


async def test_an_sms_short_link_opens_my_booking_with_the_code_and_nothing_else(client):
    response = await client.get("/b/k7m2q9xa", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/my-booking?code=K7M2Q9XA")
    sneaky = await client.get("/b/K7M2Q9XA%22%3E%3Cscript%3E", follow_redirects=False)
    assert sneaky.headers["location"] == "/my-booking?code=K7M2Q9XASCRI"  # letters and digits, twelve at most
    page = await client.get("/b/K7M2Q9XA")
    assert page.status_code == 200 and 'value="K7M2Q9XA"' in page.text
