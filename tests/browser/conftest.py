"""Real headless Chromium (Debian's, driven by Playwright) against a real server process.

Every page's browser test uses these: ``site`` (one uvicorn process on a copy of the seeded
database, its clock on a working morning), ``open_page`` (a fresh browser context at a width and
in a language), ``screenshot`` (saved under ``test-output/screens/`` for a reviewer to look at).
Without Chromium the tests skip with the reason; under ``CI=true`` they fail.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_SECRET
from tests.live_server import ROOT, LiveServer, live_server
from tests.services import require

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENS = ROOT / "test-output" / "screens"
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}  # a kiosk's touch screen stands upright
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"phone": PHONE, "tablet": TABLET, "desktop": DESKTOP}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = _chromium()
    require(path is not None, "Chromium (apt-get install chromium)")
    require(importlib.util.find_spec("playwright") is not None, "Playwright (pip install playwright)")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def site_env(data_dir: Path, sqlite_template: Path, **extra: str) -> dict[str, str]:
    """A browser test server's settings: its own copy of the seeded database in ``data_dir``, the
    clock on a working morning, no demo data; ``extra`` adds or overrides (``MAWID_POW="on"``)."""
    database = data_dir / "mawid.sqlite3"
    shutil.copy(sqlite_template, database)
    return {
        "MAWID_DATABASE_URL": f"sqlite:///{database}",
        "MAWID_SECRET_KEY": TEST_SECRET,
        "MAWID_CLOCK": WORKING_MORNING.isoformat(),
        "MAWID_DEMO": "0",
        "MAWID_DATA_DIR": str(data_dir),
        **extra,
    }


@pytest.fixture(scope="session")
def site(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for all browser tests; tests stay apart by booking with identities of their own."""
    with live_server(site_env(tmp_path_factory.mktemp("browser-site"), sqlite_template)) as server:
        yield server


@pytest.fixture
def open_page(browser: Any, site: LiveServer) -> Iterator[Callable[..., Any]]:
    """``open_page(width="phone"|"tablet"|"desktop", **context_options)`` → a page on the site.

    Uncaught JavaScript errors fail the test: a broken script is a broken page even when the
    assertions happen not to touch it.
    """
    contexts: list[Any] = []
    errors: list[str] = []

    def open_(width: str = "phone", **options: Any) -> Any:
        context = browser.new_context(viewport=WIDTHS[width], base_url=site.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """``screenshot(page, "book-ar-start")`` → test-output/screens/book-ar-start-390.png."""
    SCREENS.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str) -> Path:
        path = SCREENS / f"{name}-{page.viewport_size['width']}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        return path

    return take
