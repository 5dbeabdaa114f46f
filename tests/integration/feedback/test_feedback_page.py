"""``/feedback/{token}`` as the server renders it: the question while the link works, "already
answered" after, "this link does not work" (404) for an unknown or expired one — in Arabic
(right to left) by default and in English when asked, nothing personal on any of them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from api.pages.i18n import Lang, Translator
from kernel.clock import FixedClock
from tests.integration.feedback.conftest import Client, Headers, visit_with_link


@pytest.mark.parametrize("lang", ["ar", "en"])
async def test_the_page_asks_then_thanks_then_says_the_link_is_spent(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str, lang: Lang
) -> None:
    t = Translator(lang)
    booking, token = await visit_with_link(client, kiosk, agent, clock, database_url, lang=lang)
    page = await client.get(f"/feedback/{token}", params={"lang": lang})
    assert page.status_code == 200
    assert f'lang="{lang}" dir="{t.dir}"' in page.text
    assert t("feedback.title") in page.text and t("feedback.rating.5") in page.text
    assert ("الأحد ٦ ديسمبر ٢٠٢٦" if lang == "ar" else "Sunday 6 December 2026") in page.text
    assert page.text.count('type="radio" name="rating"') == 5
    assert booking["code"] not in page.text and "1012345678" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]

    assert (await client.post(f"/api/v1/feedback/{token}", json={"rating": 4})).status_code == 201
    spent = await client.get(f"/feedback/{token}", params={"lang": lang})
    assert spent.status_code == 200
    assert t("feedback.answered_title") in spent.text and 'name="rating"' not in spent.text


async def test_an_unknown_or_expired_link_gets_a_clear_page_and_a_404(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    _, token = await visit_with_link(client, kiosk, agent, clock, database_url)
    clock.advance(timedelta(days=8))
    for path in (f"/feedback/{token}", "/feedback/AAAAAAAAAAAAAAAAAAAAAA", "/feedback/nonsense"):
        page = await client.get(path)
        assert page.status_code == 404
        assert Translator("ar")("feedback.gone_title") in page.text and 'name="rating"' not in page.text
