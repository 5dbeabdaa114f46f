"""What the kiosk's browser tests do around the page: open it logged in as the office's kiosk
account, type on its keys, tap its big buttons, and count its prints instead of printing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from api.pages.i18n import Lang, Translator
from tests.browser.staff_steps import log_in
from tests.integration.hall.conftest import ABBASSIA

KIOSK = f"/offices/{ABBASSIA}/kiosk"
RECEIPT_WIDTH = 302  # 80 mm at 96 dpi
# Counts the kiosk's prints instead of opening a print dialog.
COUNT_PRINTS = "window.print = () => { window.printed = (window.printed || 0) + 1; };"
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def open_kiosk(open_page: Callable[..., Any], width: str, lang: Lang) -> Any:
    page = open_page(width)
    page.add_init_script(COUNT_PRINTS)
    page.goto(f"{KIOSK}?lang={lang}")
    log_in(page, lang, "kiosk.abbassia")
    expect(page.locator("#start-title")).to_have_text(Translator(lang)("kiosk.start_heading"))
    return page


def type_on_the_keys(page: Any, code: str, keypad: str = "#check-in-form") -> None:
    for character in code:
        page.locator(f'{keypad} .keypad [data-key="{character}"]').click()


def door(page: Any, lang: Lang, key: str) -> Any:
    """A start screen's big button, by its title (its name goes on with what it is for)."""
    return page.get_by_role("button", name=re.compile("^" + re.escape(Translator(lang)(key))))


SCREEN_PATHS = {
    "start": (),
    "check-in": ("check-in",),
    "recover": ("check-in", "recover"),
    "walk-in": ("walk-in",),
    "reprint": ("reprint",),
    "reprint-code": ("reprint", "reprint-code"),
    "reprint-number": ("reprint", "reprint-number"),
}
"""Each screen a citizen can reach, by the buttons tapped from the start screen."""


def go(page: Any, *screens: str) -> None:
    """From the start screen, tap through to the last of ``screens``."""
    for screen in screens:
        page.locator(f'[data-go="{screen}"]:visible').first.click()
        expect(page.locator(f"#screen-{screen}")).to_be_visible()


def check_in_at_the_kiosk(page: Any, lang: Lang, code: str) -> Any:
    """From the start screen, check ``code`` in on the keys; the ticket shown."""
    door(page, lang, "kiosk.have_booking").click()
    type_on_the_keys(page, code)
    page.get_by_role("button", name=Translator(lang)("kiosk.check_in_submit"), exact=True).click()
    ticket = page.locator("#ticket")
    expect(ticket).to_be_visible()
    return ticket
