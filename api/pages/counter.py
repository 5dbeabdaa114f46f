"""The counter console, ``/staff/counter``: a clerk logs in, picks an office and a counter, opens
it, calls the next ticket and takes it through its steps.

Everything on it belongs to the logged-in clerk, so the server renders only the frame and the
strings; ``static/js/pages/counter.js`` logs in (token in the tab's sessionStorage), reads the
counter, the office and the service catalogue (for the documents) from the API, and follows the
office's display feed for the waiting figures instead of asking the server again and again.
The page gets the server's clock and the office's no-show rule, so it can tell the clerk when
"Did not come" becomes possible (a training server runs on a clock of its own).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.response import Template

from api.pages.layout import render_page
from api.providers import Injected
from api.settings import Settings
from queue_display.onsite import OnSite
from queue_display.ticket import MAX_RECALLS


@get("/staff/counter", include_in_schema=False, summary="The counter console")
async def counter_page(
    request: Request[Any, Any, Any], settings: Injected[Settings], onsite: Injected[OnSite]
) -> Template:
    return render_page(
        request,
        "staff/counter.html",
        "counter.title",
        page_data={
            "ping_seconds": settings.display_ping_seconds,
            "server_now": onsite.clock.now().isoformat(),
            # What the server's no-show rule asks (queue_display.no_show): the page keeps
            # "Did not come" off until then, and says why.
            "no_show": {
                "recalls": settings.counter_no_show_recalls,
                "minutes": settings.counter_no_show_minutes,
                "max_recalls": MAX_RECALLS,
            },
        },
    )
