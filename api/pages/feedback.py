"""The citizen's feedback page, ``/feedback/{token}``: one screen, no account, from the link sent
after a booked visit.

The server knows what the link is about and whether it still works, so it renders one of three
screens: the question (a rating from 1 to 5 and an optional comment, sent by
``static/js/pages/feedback.js`` to ``POST /api/v1/feedback/{token}``), "already answered", or
"this link does not work" (unknown and expired alike, answered 404). Nothing personal is shown:
the service, the office and the day.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.params import PathParameter
from litestar.response import Template

from api.client_address import client_address
from api.pages.i18n import Translator
from api.pages.layout import page_language, render_page
from api.providers import Injected
from api.rate_limits import LOOKUPS_PER_ADDRESS, RateLimits
from booking.services import SERVICES
from booking.store.offices import OfficeDirectory
from feedback.answers import MAX_COMMENT, RATINGS
from feedback.store.invitations import Invitations
from kernel.clock import Clock
from kernel.database import Database
from planning.notifications import day_text

Token = Annotated[str, PathParameter(description="The token of the link the citizen was sent.")]


@get("/feedback/{token:str}", include_in_schema=False, summary="Say how a visit went")
async def feedback_page(
    request: Request[Any, Any, Any],
    database: Injected[Database],
    clock: Injected[Clock],
    directory: Injected[OfficeDirectory],
    limits: Injected[RateLimits],
    token: Token,
) -> Template:
    await limits.check(LOOKUPS_PER_ADDRESS, client_address(request))
    invitation = await Invitations(database).open(token, clock.now())
    if invitation is None:
        page = render_page(request, "citizen/feedback.html", "feedback.gone_title", screen="gone")
        page.status_code = 404
        return page
    lang, _ = page_language(request)
    t = Translator(lang)
    office = await directory.office(invitation.office_id)
    service = SERVICES.get(invitation.service)
    return render_page(
        request,
        "citizen/feedback.html",
        "feedback.answered_title" if invitation.answered else "feedback.title",
        screen="answered" if invitation.answered else "question",
        visit=t(
            "feedback.visit",
            service=t.pick(service.name_ar, service.name_en) if service else invitation.service,
            office=t.pick(office.name_ar, office.name_en) if office else invitation.office_id,
            day=day_text(invitation.day, lang),
        ),
        ratings=list(RATINGS),
        max_comment=MAX_COMMENT,
        page_data={"token": token, "max_comment": MAX_COMMENT},
    )
