"""QR codes drawn on the server as SVG, so the pages need no QR library.

A booking's QR code holds only its code, which alone opens nothing (a look-up also needs the
identity number), so the endpoint needs no identity; it refuses anything that is not a code.
A flexible request's QR code holds the address of its status page with the request's code
filled in: the citizen scans it with a phone's camera to come back later, and the code too
opens nothing without the identity number.
"""

from __future__ import annotations

import io
from typing import Annotated, Any
from urllib.parse import urlencode

import segno
from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter

from booking.booking_requests import RequestReference
from booking.codes import normalise_booking_code

SVG = "image/svg+xml"


def qr_svg(content: str, title: str | None = None) -> bytes:
    """``content`` as a QR symbol (error correction M survives a crease in a printout)."""
    symbol = segno.make(content, error="m", micro=False)
    out = io.BytesIO()
    symbol.save(
        out, kind="svg", scale=4, border=2, xmldecl=False, title=title or content, dark="#000", light="#fff"
    )
    return out.getvalue()


def svg_response(svg: bytes) -> Response[bytes]:
    return Response(svg, media_type=SVG, headers={"Cache-Control": "private, max-age=86400"})


@get("/qr/{code:str}", include_in_schema=False, sync_to_thread=False)
def booking_qr(code: Annotated[str, PathParameter(description="A booking code.")]) -> Response[bytes]:
    """``/qr/7KQ2M9XD.svg`` (or without ``.svg``): the booking code as a QR code."""
    canonical = normalise_booking_code(code.removesuffix(".svg"))
    if canonical is None:
        raise NotFoundException("Not a booking code.")
    return svg_response(qr_svg(canonical))


@get("/qr/requests/{request_id:str}", include_in_schema=False, sync_to_thread=False)
def request_qr(
    request: Request[Any, Any, Any],
    request_id: Annotated[str, PathParameter(description="A booking request's code (or old 32-hex id).")],
) -> Response[bytes]:
    """``/qr/requests/<code>.svg``: the address of the request's status page, as a QR code (an
    old request's 32-hex id still draws its own)."""
    named = RequestReference.read(request_id.removesuffix(".svg"))
    if named is None:
        raise NotFoundException("Not a booking request's code.")
    canonical = named.code or named.id or ""
    address = f"{str(request.base_url).rstrip('/')}/my-request?{urlencode({'request_id': canonical})}"
    return svg_response(qr_svg(address, title=canonical))
