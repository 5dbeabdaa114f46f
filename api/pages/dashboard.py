"""The manager's dashboard, ``/staff/dashboard``: the live queue and today's figures of an office,
the booking load of the manager's offices hour by hour, closures and counters, rebalance plans
and the optimiser.

Like the counter console, the server renders the frame and the strings only: everything on it
belongs to the logged-in manager, so ``static/js/pages/dashboard.js`` logs in (token in the tab's
sessionStorage) and reads the manager endpoints, each of which checks the office is theirs.
The page is told the server's today, because on a demo or training server (``MAWID_CLOCK``)
that is not the browser's.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.response import Template

from api.pages.i18n import Translator
from api.pages.layout import page_language, render_page
from api.providers import Injected
from api.settings import Settings
from booking.calendar import local_today
from booking.rules import MAX_AHEAD
from booking.services import CATALOGUE
from kernel.clock import Clock
from kernel.days import TIMEZONE


@get("/staff/dashboard", include_in_schema=False, summary="The manager's dashboard")
async def dashboard_page(
    request: Request[Any, Any, Any], settings: Injected[Settings], clock: Injected[Clock]
) -> Template:
    now = clock.now()
    t = Translator(page_language(request)[0])
    return render_page(
        request,
        "staff/dashboard.html",
        "dash.title",
        page_data={
            "ping_seconds": settings.display_ping_seconds,
            "today": local_today(now, TIMEZONE).isoformat(),
            "last_day": local_today(now + MAX_AHEAD, TIMEZONE).isoformat(),
            "services": {service.code: t.pick(service.name_ar, service.name_en) for service in CATALOGUE},
        },
    )
