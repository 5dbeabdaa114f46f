"""The clerk's desk, ``/staff/desk``: a clerk at an office's desk or on its phone line books for a
citizen (assisted booking, ``api.routes.assisted``).

The server renders the frame and the strings; ``static/js/pages/desk.js`` logs in (token in the
tab's sessionStorage, as the counter console does), lists the clerk's offices, the times a clerk
may book (the seats kept for assisted bookings and seniors' hours included) and books. One form,
top to bottom, keyboard first: a phone call should not wait on the page.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.response import Template

from api.pages.layout import render_page


@get("/staff/desk", include_in_schema=False, summary="The clerk's desk: book for a citizen")
async def desk_page(request: Request[Any, Any, Any]) -> Template:
    return render_page(request, "staff/desk.html", "desk.title")
