"""A ticket's live page, ``/t/{ticket_id}?k=…``: what the QR code on the printed ticket opens on
the citizen's phone. Number, place in line, estimated wait, and "your number is being called at
counter 4", in the page's language (Arabic by default, Arabic-Indic digits), with no personal
data at all.

The server renders the ticket as it stands, so the page is useful without JavaScript; a small
module (``static/js/pages/ticket-status.js``) follows the office's display feed as the hall's
screens do and asks for the ticket's status again after each change in the hall, or every half
minute while the feed is down. A wrong key is the same 404 page as a ticket that does not exist.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import msgspec
from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from api.pages.i18n import Translator, localise_digits, minutes
from api.pages.layout import page_language, render_page
from api.pages.qr import qr_svg, svg_response
from api.providers import Injected
from api.rate_limits import RateLimits
from api.remote_queue import RemoteQueue
from api.routes.ticket_status import keyed_standing, status_view
from api.settings import Settings
from kernel.errors import NotFound
from queue_display.ticket_status import TicketStanding

SCRIPT_STRINGS = ("live.", "error.")


def status_text(standing: TicketStanding, parked_until: str | None, t: Translator) -> str:
    """The page's headline for the ticket's status, as the page's script also writes it."""
    ticket = standing.ticket
    status = ticket.status.value
    if status in ("called", "serving"):
        return t(f"js.live.{status}", counter=localise_digits(ticket.counter or "", t.lang))
    if status == "parked":
        return t("js.live.parked", time=localise_digits((parked_until or "")[11:16], t.lang))
    if status in ("done", "no_show"):
        return t(f"js.live.{status}")
    return t("js.live.waiting")


def wait_text(standing: TicketStanding, t: Translator) -> str:
    wait = standing.wait
    if wait is None:
        return ""
    if wait.turn_at is not None and wait.basis.value == "appointment":
        return t("js.live.at_your_time", time=localise_digits(wait.turn_at.strftime("%H:%M"), t.lang))
    if wait.minutes is None:
        return t("js.live.unknown")
    if wait.minutes == 0:
        return t("js.live.no_wait")
    return t("js.live.about", duration=minutes(wait.minutes, t.lang))


@get("/t/{ticket_id:str}", include_in_schema=False, summary="A ticket's live page")
async def ticket_page(
    request: Request[Any, Any, Any],
    remote_queue: Injected[RemoteQueue],
    limits: Injected[RateLimits],
    settings: Injected[Settings],
    ticket_id: FromPath[str],
    k: FromQuery[str | None] = None,
) -> Template:
    try:
        standing = await keyed_standing(request, remote_queue, limits, ticket_id, k)
    except NotFound:
        page = render_page(request, "citizen/ticket_status.html", "live.gone_title", screen="gone")
        page.status_code = 404
        return page
    lang, _ = page_language(request)
    t = Translator(lang)
    parked_until = remote_queue.parked_until(standing)
    view = status_view(standing, parked_until)
    return render_page(
        request,
        "citizen/ticket_status.html",
        "live.title",
        screen="ticket",
        ticket=view,
        headline=status_text(standing, parked_until, t),
        wait=wait_text(standing, t),
        heads_up_ahead=settings.heads_up_ahead,
        # Only the strings this page's script says: a phone on a slow link loads a few KB, not
        # every page's words.
        script_strings={
            key: words for key, words in t.for_script().items() if key.startswith(SCRIPT_STRINGS)
        },
        page_data={
            "ticket_id": ticket_id,
            "key": k,
            "office_id": standing.ticket.office_id,
            "ping_seconds": settings.display_ping_seconds,
            "status": msgspec.to_builtins(view),
        },
    )


@get("/qr/tickets/{ticket_id:str}", include_in_schema=False, sync_to_thread=False)
def ticket_qr(
    request: Request[Any, Any, Any],
    remote_queue: Injected[RemoteQueue],
    settings: Injected[Settings],
    ticket_id: FromPath[str],
    k: FromQuery[str | None] = None,
    lang: FromQuery[str | None] = None,
) -> Response[bytes]:
    """``/qr/tickets/<id>.svg?k=…``: the address of the ticket's live page as a QR code, for the
    kiosk's screen and the printed ticket. Only for the right key (else 404)."""
    ticket_id = ticket_id.removesuffix(".svg")
    if not remote_queue.links.opens(ticket_id, k):
        raise NotFoundException("Not a ticket.")
    site = settings.public_url or str(request.base_url).rstrip("/")
    address = f"{site}{remote_queue.links.path(ticket_id, lang if lang in ('ar', 'en') else None)}"
    return svg_response(qr_svg(address, title=urlencode({"ticket": ticket_id})))
