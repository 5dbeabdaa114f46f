"""The kiosk at the office's door, ``/offices/{office_id}/kiosk``: a citizen checks in with a
booking code (typed, or its QR code scanned) or takes a walk-in ticket, and the kiosk prints it;
a lost ticket is printed again by its booking code or, for a few minutes, its number.

The page itself is public, like the hall's screen; issuing tickets is not. A member of staff
logs the kiosk in once with the office's kiosk account, and ``static/js/pages/kiosk.js`` keeps that
token in the tab's sessionStorage (never in an address, where it would end up in logs and
history). The server renders the office's services; the waits come from the queue when a
citizen asks, and the ticket from the kiosk endpoint.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Template

from api.pages.i18n import minutes
from api.pages.layout import page_language, render_page
from api.providers import Injected
from api.settings import Settings
from booking.codes import ALPHABET
from booking.offer import existing_office
from booking.services import SERVICES
from booking.store.offices import OfficeDirectory
from queue_display.reprint import REPRINT_WINDOW
from queue_display.ticket import Priority

PRIORITIES = tuple(priority.value for priority in Priority)
"""The kiosk's priority question, "none" first: the answer most people give."""


@get("/offices/{office_id:str}/kiosk", include_in_schema=False, summary="The office's kiosk")
async def kiosk_page(
    request: Request[Any, Any, Any],
    directory: Injected[OfficeDirectory],
    settings: Injected[Settings],
    office_id: FromPath[str],
) -> Template:
    office = await existing_office(directory, office_id)
    lang, _ = page_language(request)
    return render_page(
        request,
        "staff/kiosk.html",
        "kiosk.title",
        office=office,
        services=[SERVICES[code] for code in office.services if code in SERVICES],
        priorities=PRIORITIES,
        code_alphabet=ALPHABET,
        reprint_window=minutes(REPRINT_WINDOW // timedelta(minutes=1), lang),
        park_limit=minutes(settings.park_limit_minutes, lang),
        heads_up_ahead=settings.heads_up_ahead,
        page_data={"office_id": office.id, "office_name": {"ar": office.name_ar, "en": office.name_en}},
    )
