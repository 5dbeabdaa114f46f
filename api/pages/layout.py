"""Rendering a page: its language (``?lang=`` sets it and a cookie remembers it), the strings its
template and scripts need, and the headers every page carries.

Arabic is the default. A citizen who switches to English stays in English on every page until
switching back, without an account: the choice lives in a cookie.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Request
from litestar.datastructures import Cookie
from litestar.response import Template

from api.pages.i18n import DEFAULT_LANG, LANGUAGE_NAMES, Lang, Translator, as_language

LANG_COOKIE = "mawid_lang"
ONE_YEAR = 365 * 24 * 3600

# Pages run only our own scripts and styles: an injected script could read an identity number.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
    "Vary": "Cookie",
}


def page_language(request: Request[Any, Any, Any]) -> tuple[Lang, bool]:
    """The page's language, and whether the request chose it just now with ``?lang=``."""
    chosen = as_language(request.query_params.get("lang"))
    if chosen:
        return chosen, True
    return as_language(request.cookies.get(LANG_COOKIE)) or DEFAULT_LANG, False


def switch_url(request: Request[Any, Any, Any], lang: Lang) -> str:
    """This page in ``lang``, keeping its other query parameters (a prefilled code, say)."""
    query = [(key, value) for key, value in request.query_params.multi_items() if key != "lang"]
    return f"{request.url.path}?{urlencode([*query, ('lang', lang)])}"


def render_page(request: Request[Any, Any, Any], template: str, title_key: str, **context: Any) -> Template:
    """A page from ``template`` in the request's language, with the layout's context."""
    lang, chosen_now = page_language(request)
    t = Translator(lang)
    cookies = []
    if chosen_now:
        cookies.append(
            Cookie(key=LANG_COOKIE, value=lang, max_age=ONE_YEAR, path="/", samesite="lax", httponly=True)
        )
    return Template(
        template_name=template,
        context={
            "t": t,
            "lang": lang,
            "dir": t.dir,
            "title": t(title_key),
            "path": request.url.path,
            "other_lang": t.other,
            "other_lang_name": LANGUAGE_NAMES[t.other],
            "other_lang_url": switch_url(request, t.other),
            "script_strings": t.for_script(),
            **context,
        },
        cookies=cookies,
        headers=PAGE_HEADERS,
    )
