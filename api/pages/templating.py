"""Jinja templates and static files for the server-rendered pages.

Templates get two filters that follow the page's language: ``digits`` (Arabic-Indic digits on an
Arabic page) and ``minutes`` (a duration with the right Arabic plural). Undefined variables raise,
so a typo in a template fails its test instead of printing an empty string to a citizen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, pass_context
from jinja2.runtime import Context
from litestar import Router
from litestar.datastructures import CacheControlHeader
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from api.pages.i18n import localise_digits, minutes

API_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = API_DIR / "templates"
STATIC_DIR = API_DIR / "static"


@pass_context
def _digits(context: Context, value: Any) -> str:
    return localise_digits(value, context["lang"])


@pass_context
def _minutes(context: Context, value: int) -> str:
    return minutes(value, context["lang"])


def _configure(engine: JinjaTemplateEngine) -> None:
    environment = engine.engine
    environment.undefined = StrictUndefined
    environment.trim_blocks = True
    environment.lstrip_blocks = True
    environment.filters["digits"] = _digits
    environment.filters["minutes"] = _minutes


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(directory=TEMPLATES_DIR, engine=JinjaTemplateEngine, engine_callback=_configure)


def static_files_router() -> Router:
    """``/static/…``; ``no-cache`` makes browsers revalidate, so a deploy never mixes old and new
    JavaScript modules (they import each other by plain relative paths)."""
    return create_static_files_router(
        path="/static", directories=[STATIC_DIR], cache_control=CacheControlHeader(no_cache=True)
    )
