"""The hall's screen, ``/offices/{office_id}/display``: a TV across the waiting hall.

Unlike the citizen pages it speaks both languages at once — Arabic first, right to left, with
Arabic-Indic digits, and English beside it — because the hall holds readers of both. The server
renders the board as it stands, so the first paint is already true; ``static/js/pages/display.js``
then follows the display feed from that board's ``seq`` (``?after=``), so nothing falls between
the page and the socket.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec
from litestar import get
from litestar.params import FromPath
from litestar.response import Template

from api.pages.layout import PAGE_HEADERS
from api.pages.texts.display import display_words
from api.providers import Injected
from api.settings import Settings
from booking.services import SERVICES
from queue_display.onsite import OnSite


def service_names(codes: Iterable[str]) -> dict[str, dict[str, str]]:
    """What the screen calls each service of the office, in both languages."""
    return {
        code: {"ar": SERVICES[code].name_ar, "en": SERVICES[code].name_en}
        for code in codes
        if code in SERVICES
    }


@get(
    "/offices/{office_id:str}/display",
    include_in_schema=False,
    summary="The hall's call display",
)
async def display_page(
    settings: Injected[Settings], onsite: Injected[OnSite], office_id: FromPath[str]
) -> Template:
    office = await onsite.office(office_id)
    now = onsite.clock.now()
    # The snapshot as the screen's feed sends it (its JSON), for the first paint and the page's data.
    board = msgspec.to_builtins(await onsite.queue.board(office.id, now))
    services = service_names(office.services)
    words = display_words()
    return Template(
        template_name="display/board.html",
        context={
            "lang": "ar",
            "office": office,
            "board": board,
            "services": services,
            "words": words,
            "page_data": {
                "office_id": office.id,
                "board": board,
                "services": services,
                "service_order": list(services),  # the office's order (the JSON's keys are sorted)
                "words": words,
                "ping_seconds": settings.display_ping_seconds,
                "server_now": now.isoformat(),
            },
        },
        headers=PAGE_HEADERS,
    )
