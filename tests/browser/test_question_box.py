"""The question box on the home page in a real Chromium, in Arabic and English: a question typed
as citizens type it gets its answer, documents and source, and "did this help?" thanks once
answered; a question outside the knowledge base says so and points to the guide; without a
script the plain form gets the same answer from the server. Each state passes axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.accessibility import assert_accessible

QUESTIONS: dict[Lang, tuple[str, str, str]] = {
    "ar": ("عايز اجدد الباسبور محتاج ايه", "جواز السفر القديم", "مين كسب ماتش الكورة امبارح"),
    "en": ("what do i need to renew my pasport", "The old passport", "who won the football match"),
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_question_is_answered_with_its_documents_and_source_and_asks_if_it_helped(
    open_page: Callable[..., Any], lang: Lang
) -> None:
    t = Translator(lang)
    question, document, outside = QUESTIONS[lang]
    page = open_page("phone")
    page.goto(f"/?lang={lang}")
    page.get_by_label(t("guide.label")).fill(question)
    page.get_by_role("button", name=t("guide.ask"), exact=True).click()
    answer = page.locator("#question-answer-text")
    expect(answer).to_have_attribute("data-entry", "passport-renewal-documents")
    expect(page.locator("#question-documents")).to_contain_text(document)
    expect(page.locator("#question-source")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=t("guide.yes"), exact=True).click()
    expect(page.locator("#question-thanks")).to_have_text(t("js.guide.thanks"))
    expect(page.locator("#question-feedback")).to_be_hidden()

    page.get_by_label(t("guide.label")).fill(outside)
    page.get_by_role("button", name=t("guide.ask"), exact=True).click()
    expect(answer).to_have_text(t("guide.none"))
    expect(page.locator("#question-links a")).to_have_attribute("href", "/guide")
    expect(page.locator("#question-feedback")).to_be_hidden()
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_without_a_script_the_plain_form_is_answered_by_the_server(
    open_page: Callable[..., Any], lang: Lang
) -> None:
    t = Translator(lang)
    page = open_page("desktop", java_script_enabled=False)
    page.goto(f"/?lang={lang}")
    page.get_by_label(t("guide.label")).fill(QUESTIONS[lang][0])
    page.get_by_label(t("guide.label")).press("Enter")
    answer = page.locator("#question-answer-text")
    expect(answer).to_have_attribute("data-entry", "passport-renewal-documents")
    expect(page.locator("#question-documents")).to_contain_text(QUESTIONS[lang][1])
    assert "q=" in page.url
