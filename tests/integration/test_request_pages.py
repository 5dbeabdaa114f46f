"""The flexible request's pages over HTTP, without a browser: the booking page's second path,
the status page ``/my-request``, and the QR code of a request's status page."""

from __future__ import annotations

import re

import pytest

from api.pages.qr import qr_svg
from tests.integration.planning.conftest import ask, request_body

REQUEST_ID = "0123456789abcdef0123456789abcdef"


async def test_the_booking_page_offers_working_days_for_a_request_from_tomorrow(client):
    page = (await client.get("/")).text
    assert 'name="mode" value="request"' in page
    assert '<option value="2026-12-07" selected>الاثنين ٧ ديسمبر ٢٠٢٦</option>' in page
    assert 'value="2026-12-11"' not in page  # a Friday


async def test_the_booking_page_opens_with_the_service_named_in_the_address(client):
    page = (await client.get("/?service=passport-renewal")).text
    checked = re.findall(r'<input type="radio" name="service" value="([\w-]+)"[^>]*\schecked>', page)
    assert checked == ["passport-renewal"]
    assert not re.search(r'name="service"[^>]*\schecked>', (await client.get("/?service=nonsense")).text)


async def test_the_status_page_speaks_arabic_and_fills_in_the_number_from_the_address(client):
    response = await client.get(f"/my-request?request_id={REQUEST_ID}")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text
    assert "متابعة طلب حجز" in response.text
    assert f'value="{REQUEST_ID}"' in response.text
    assert 'href="/my-request" aria-current="page"' in response.text


async def test_a_number_in_the_address_is_escaped_not_echoed(client):
    response = await client.get('/my-request?request_id="><script>alert(1)</script>')
    assert "<script>alert" not in response.text


async def test_a_requests_qr_code_holds_the_address_of_its_status_page(client):
    request_id, _ = await ask(client)
    response = await client.get(f"/qr/requests/{request_id}.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert f"<title>{request_id}</title>" in response.text
    address = f"{str(client.base_url).rstrip('/')}/my-request?request_id={request_id}"
    assert response.content == qr_svg(address, title=request_id)


async def test_a_requests_qr_code_opens_its_status_page_with_its_code(client):
    made = (await client.post("/api/v1/booking-requests", json=request_body())).json()
    code = made["code"]
    for asked in (code, code.lower()):
        response = await client.get(f"/qr/requests/{asked}.svg")
        assert response.status_code == 200
        address = f"{str(client.base_url).rstrip('/')}/my-request?request_id={code}"
        assert response.content == qr_svg(address, title=code)


@pytest.mark.parametrize("raw", ["nope", "0123", "../../etc/passwd", "g" * 32])
async def test_the_request_qr_endpoint_draws_nothing_but_request_ids(client, raw):
    response = await client.get(f"/qr/requests/{raw}.svg")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_requests_view_says_which_kind_of_identity_asked(client):
    request_id, number = await ask(client)
    view = (
        await client.get(f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number})
    ).json()
    assert view["identity_type"] == "national_id"
