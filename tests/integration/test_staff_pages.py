"""The kiosk and the counter console over HTTP, without a browser: what the server renders for
them, and that neither page carries a token or a secret of its own (the scripts log in)."""

from __future__ import annotations

from booking.codes import ALPHABET
from booking.services import SERVICES


async def test_the_kiosk_lists_the_offices_services_and_the_whole_code_alphabet(client):
    response = await client.get("/offices/cairo-abbassia-passports/kiosk")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text
    assert "مجمع خدمات الجوازات بالعباسية" in response.text
    assert SERVICES["passport-renewal"].name_ar in response.text
    assert SERVICES["visa-extension"].name_ar not in response.text  # not offered there
    for character in ALPHABET:
        assert f'data-key="{character}"' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


async def test_a_kiosk_for_an_office_that_does_not_exist_is_a_404(client):
    response = await client.get("/offices/atlantis/kiosk")
    assert response.status_code == 404
    assert response.json()["code"] == "office_not_found"


async def test_the_counter_console_is_a_log_in_frame_in_the_chosen_language(client):
    response = await client.get("/staff/counter?lang=en")
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.text
    assert 'id="login-form"' in response.text and 'type="password"' in response.text
    assert "Bearer" not in response.text and "access_token" not in response.text


async def test_the_managers_dashboard_is_a_log_in_frame_that_knows_the_servers_today(client):
    response = await client.get("/staff/dashboard?lang=en")
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.text
    assert 'id="login-form"' in response.text and 'id="screen-dashboard"' in response.text
    assert '"today": "2026-12-06"' in response.text  # the server's clock, not the browser's
    assert "Bearer" not in response.text and "access_token" not in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
