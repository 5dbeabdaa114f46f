"""``/b/{code}``: the short link an SMS carries (``booking.notices``), so that the link, the code
and the office fit in two segments. It opens /my-booking with the code filled in; the citizen
still types their identity number, so the link alone shows nothing."""

from __future__ import annotations

from litestar import get
from litestar.params import FromPath
from litestar.response import Redirect


@get("/b/{code:str}", include_in_schema=False, summary="A booking's short link (SMS)")
async def booking_short_link(code: FromPath[str]) -> Redirect:
    cleaned = "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())[:12]
    return Redirect(f"/my-booking?code={cleaned}", status_code=303)
