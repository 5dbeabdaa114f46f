"""The feedback page and the dashboard's satisfaction panel in a real Chromium, on a server of
their own (so the figures are theirs alone): a citizen rates a visit in one screen in Arabic and
in English — five labelled choices, a comment that counts down, a thank-you — and a spent or
unknown link gets a clear page; a manager reads the satisfied share, the answers and the masked
comments in the page's language and digits.

Invitations are written straight into the server's database (``feedback.store``), as a
completed visit writes them; the path from the counter's ``complete`` to the link is
tests/integration/feedback's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine

from api.pages.i18n import STRINGS, Lang, Translator, localise_digits
from booking.demo import DEMO_OFFICES
from feedback.invitations import invite
from feedback.store.invitations import add_invitation
from kernel.messages import plural_category
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import SCREENS, site_env
from tests.browser.staff_steps import log_in
from tests.browser.test_citizen_pages import UNLABELLED
from tests.conftest import WORKING_MORNING
from tests.integration.hall.conftest import ABBASSIA
from tests.live_server import LiveServer, live_server

OFFICE = {office.id: office for office in DEMO_OFFICES}[ABBASSIA]
PASSPORT = "passport-new"
IMMIGRATION = "cairo-immigration"  # the dashboard's office: no other test here answers for it
RESIDENCE, VISA = "residence-renewal", "visa-extension"
DAY = date(2026, 12, 6)  # the server's today, ISO week 2026-W49
_serial = iter(range(1_000_000))


@pytest.fixture(scope="module")
def database(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("feedback-site") / "mawid.sqlite3"


@pytest.fixture(scope="module")
def site(sqlite_template: Path, database: Path) -> Iterator[LiveServer]:
    """This module's own server: its answers are the only ones its dashboard shows."""
    with live_server(site_env(database.parent, sqlite_template)) as server:
        yield server


def invitation(database: Path, lang: str = "ar", service: str = PASSPORT, office_id: str = ABBASSIA) -> str:
    """A fresh invitation for a visit today, as the counter's ``complete`` makes one; returns
    the token its link carries."""
    engine = create_engine(f"sqlite:///{database}")
    token, row = invite(
        office_id=office_id,
        service=service,
        day=DAY,
        lang=lang,
        ticket_id=f"browser-{next(_serial):08d}",
        booking_code=None,
        now=WORKING_MORNING,
    )
    try:
        with engine.begin() as conn:
            assert add_invitation(conn, row)
    finally:
        engine.dispose()
    return token


def answer(site: LiveServer, token: str, rating: int, comment: str | None = None) -> None:
    body: dict[str, Any] = {"rating": rating} | ({"comment": comment} if comment else {})
    response = httpx.post(f"{site.url}/api/v1/feedback/{token}", json=body, timeout=30)
    assert response.status_code == 201, response.text


def characters_left(left: int, lang: Lang) -> str:
    """What the page's count says, from the same strings and CLDR plural rules."""
    arabic, english = STRINGS[f"js.feedback.left.{plural_category(left, lang)}"]
    return (arabic if lang == "ar" else english).replace("{n}", localise_digits(left, lang))


@pytest.mark.parametrize(("lang", "width"), [("ar", "phone"), ("en", "desktop"), ("en", "phone")])
def test_a_citizen_rates_a_visit_on_one_screen_and_is_thanked(
    open_page: Callable[..., Any],
    site: LiveServer,
    database: Path,
    screenshot: Callable[[Any, str], Path],
    lang: Lang,
    width: str,
) -> None:
    t = Translator(lang)
    token = invitation(database, lang)
    page = open_page(width)
    page.goto(f"/feedback/{token}?lang={lang}")
    expect(page.locator("html")).to_have_attribute("dir", t.dir)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("feedback.title"))
    expect(page.locator("#feedback-visit")).to_contain_text(t.pick(OFFICE.name_ar, OFFICE.name_en))

    group = page.get_by_role("group", name=t("feedback.question"))
    radios = group.get_by_role("radio")
    expect(radios).to_have_count(5)
    for n in range(1, 6):  # each choice says its number and its word, not a colour alone
        expect(
            group.get_by_role("radio", name=f"{localise_digits(n, lang)} {t(f'feedback.rating.{n}')}")
        ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert page.evaluate(UNLABELLED) == []
    assert_accessible(page)
    screenshot(page, f"feedback-{lang}-question")

    send = page.get_by_role("button", name=t("feedback.submit"), exact=True)
    send.click()  # nothing chosen yet
    expect(page.locator("#rating-error")).to_have_text(t("js.feedback.choose"))

    group.get_by_role("radio", name=f"{localise_digits(4, lang)} {t('feedback.rating.4')}").check()
    expect(page.locator("#rating-error")).to_be_hidden()
    comment = page.get_by_label(t("feedback.comment"))
    typed = (
        "The clerk was kind; call me on 01012345678" if lang == "en" else "الموظف كان لطيفًا، رقمي ٠١٠١٢٣٤٥٦٧٨"
    )
    comment.fill(typed)
    expect(page.locator("#comment-count")).to_have_text(characters_left(500 - len(typed), lang))
    send.click()

    thanks = page.get_by_role("heading", name=t("feedback.thanks_title"))
    expect(thanks).to_be_focused()
    expect(page.locator("#masked-note")).to_have_text(t("feedback.masked_note"))
    expect(page.locator("#feedback-form")).to_be_hidden()
    assert_accessible(page)
    screenshot(page, f"feedback-{lang}-thanks")
    shown = httpx.get(f"{site.url}/api/v1/feedback/{token}", timeout=30).json()
    assert shown["answered"] is True

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("feedback.answered_title"))
    expect(page.get_by_role("radio")).to_have_count(0)


def test_the_comment_counts_down_in_arabic_digits_and_stops_at_500(
    open_page: Callable[..., Any], site: LiveServer, database: Path
) -> None:
    page = open_page("phone")
    page.goto(f"/feedback/{invitation(database)}?lang=ar")
    box = page.get_by_label(Translator("ar")("feedback.comment"))
    expect(page.locator("#comment-count")).to_have_text("بقي ٥٠٠ حرف")
    box.fill("ممتاز")
    expect(page.locator("#comment-count")).to_have_text("بقي ٤٩٥ حرفًا")
    box.fill("أ" * 600)  # the box keeps 500
    expect(page.locator("#comment-count")).to_have_text("لم يبقَ أي حرف")
    assert len(box.input_value()) == 500


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_spent_or_unknown_link_gets_a_clear_page(
    open_page: Callable[..., Any],
    site: LiveServer,
    database: Path,
    screenshot: Callable[[Any, str], Path],
    lang: Lang,
) -> None:
    t = Translator(lang)
    spent = invitation(database, lang)
    answer(site, spent, 5)
    page = open_page("phone")
    page.goto(f"/feedback/{spent}?lang={lang}")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("feedback.answered_title"))
    response = page.goto(f"/feedback/AAAAAAAAAAAAAAAAAAAAAA?lang={lang}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(t("feedback.gone_title"))
    expect(page.locator("#main").get_by_role("link", name=t("feedback.gone_book"))).to_have_attribute(
        "href", "/"
    )
    assert_accessible(page)
    screenshot(page, f"feedback-{lang}-gone")


@pytest.fixture(scope="module")
def answered(site: LiveServer, database: Path) -> None:
    """The immigration office's answers this week: residence renewals 4 (3 satisfied, 75 %),
    visa extensions 1 (none satisfied); 3 of 5 in all. Written once for the tests that read them."""
    for rating, comment in [(5, None), (4, "شكرًا، هاتفي 01012345678"), (2, "الانتظار طويل"), (5, None)]:
        answer(site, invitation(database, service=RESIDENCE, office_id=IMMIGRATION), rating, comment)
    answer(site, invitation(database, service=VISA, office_id=IMMIGRATION), 3, "Fine")


def percent_text(share: int, lang: Lang) -> str:
    """A share as Intl writes it: ``٧٥٪`` with the Arabic letter mark after the sign, or ``75%``."""
    return f"{localise_digits(share, 'ar')}٪\u061c" if lang == "ar" else f"{share}%"


def open_satisfaction(open_page: Callable[..., Any], lang: Lang) -> Any:
    page = open_page("desktop")
    page.goto(f"/staff/dashboard?lang={lang}&office={IMMIGRATION}")
    log_in(page, lang, "manager.cairo")
    panel = page.locator("#satisfaction")
    expect(panel.get_by_role("heading", level=2)).to_have_text(Translator(lang)("dash.satisfaction_heading"))
    return page


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_manager_reads_the_satisfied_share_answers_and_masked_comments(
    open_page: Callable[..., Any], answered: None, screenshot: Callable[[Any, str], Path], lang: Lang
) -> None:
    t = Translator(lang)
    page = open_satisfaction(open_page, lang)
    panel = page.locator("#satisfaction")
    answers = {"ar": {4: "٤ إجابات", 5: "٥ إجابات"}, "en": {4: "4 answers", 5: "5 answers"}}[lang]
    expect(panel.locator("#satisfaction-total")).to_have_text(
        t("js.dash.satisfaction.total", share=percent_text(60, lang), answers=answers[5])
    )
    residence = panel.locator(f'tr[data-service="{RESIDENCE}"] td[data-week="2026-W49"]')
    expect(residence.locator(".satisfaction-share")).to_have_text(percent_text(75, lang))
    expect(residence.locator(".satisfaction-answers")).to_have_text(answers[4])
    expect(residence.locator(".visually-hidden")).to_have_text(
        t("js.dash.satisfaction.cell", share=percent_text(75, lang), answers=answers[4])
    )
    visas = panel.locator(f'tr[data-service="{VISA}"] td[data-week="all"] .satisfaction-share')
    expect(visas).to_have_text(percent_text(0, lang))
    everything = panel.locator('tr[data-service="all"] td[data-week="all"] .satisfaction-share')
    expect(everything).to_have_text(percent_text(60, lang))
    expect(panel.locator(f'tr[data-service="{RESIDENCE}"] td[data-week="2026-W48"]')).to_contain_text("—")
    expect(panel.get_by_role("columnheader").nth(1)).to_have_text(
        t("js.dash.satisfaction.week_of", day="١٢ أكتوبر" if lang == "ar" else "12 October")
    )

    comments = panel.locator("#satisfaction-comments blockquote")
    expect(comments).to_have_text(["Fine", "الانتظار طويل", "شكرًا، هاتفي •••"])
    assert "01012345678" not in panel.inner_text()
    expect(panel.locator(".satisfaction-meta").first).to_contain_text(
        t("js.dash.satisfaction.rating", rating=3)
    )
    assert_accessible(page)
    screenshot(page, f"dashboard-{lang}-satisfaction")
    panel.screenshot(path=str(SCREENS / f"dashboard-{lang}-satisfaction-panel.png"), animations="disabled")


def test_the_panel_follows_the_period_chosen(open_page: Callable[..., Any], answered: None) -> None:
    t = Translator("en")
    panel = open_satisfaction(open_page, "en").locator("#satisfaction")
    expect(panel.get_by_role("columnheader")).to_have_count(10)  # the service, 8 weeks, all of them
    panel.get_by_label(t("dash.satisfaction_range")).select_option("13")
    expect(panel.get_by_role("columnheader")).to_have_count(15)
    expect(panel.get_by_role("columnheader").nth(1)).to_have_text(
        t("js.dash.satisfaction.week_of", day="7 September")
    )
