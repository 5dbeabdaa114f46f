"""QR codes of booking codes, drawn on the server as SVG so the page needs no QR library.

The picture holds only the booking code, which alone opens nothing (a look-up also needs the
identity number), so the endpoint needs no identity; it refuses anything that is not a code.
"""

from __future__ import annotations

import io
from typing import Annotated

import segno
from litestar import Response, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter

from booking.codes import normalise_booking_code

SVG = "image/svg+xml"


def qr_svg(code: str) -> bytes:
    """The code as a QR symbol (error correction M survives a crease in a printout)."""
    symbol = segno.make(code, error="m", micro=False)
    out = io.BytesIO()
    symbol.save(out, kind="svg", scale=4, border=2, xmldecl=False, title=code, dark="#000", light="#fff")
    return out.getvalue()


@get("/qr/{code:str}", include_in_schema=False, sync_to_thread=False)
def booking_qr(code: Annotated[str, PathParameter(description="A booking code.")]) -> Response[bytes]:
    """``/qr/7KQ2M9XD.svg`` (or without ``.svg``): the booking code as a QR code."""
    canonical = normalise_booking_code(code.removesuffix(".svg"))
    if canonical is None:
        raise NotFoundException("Not a booking code.")
    return Response(qr_svg(canonical), media_type=SVG, headers={"Cache-Control": "private, max-age=86400"})
