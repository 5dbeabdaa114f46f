"""What every request and response goes through before any route sees it: the HTTP hardening.

Requests (``RequestHardening``, a middleware on every route):

- A body sent to ``/api/`` with ``POST``, ``PUT`` or ``PATCH`` must say it is JSON
  (``application/json`` or ``application/*+json``), else ``415 unsupported_media_type``. A page on
  another site can make a visitor's browser send a form or ``text/plain`` body without asking
  anyone (no CORS preflight), but never ``application/json``: were such a body parsed as JSON, a
  cross-site form could book from the visitor's browser. Requests without a body (call-next,
  logout) need no content type.
- A JSON body is read once here and judged before the route parses it: not JSON (or not UTF-8)
  is ``400 invalid_json``; nested deeper than ``MAX_JSON_DEPTH`` is ``400 too_deeply_nested`` (a
  thousand-deep array made the decoder raise ``RecursionError``, a 500 with a traceback); a NUL
  character in any string or key is ``400 invalid_characters`` (PostgreSQL cannot store it, and no
  honest form has one).
- A NUL in the path (``/static/js/lib/api.js%00.png`` made the file system raise) or a part of the path
  longer than a file name can be (``ENAMETOOLONG`` from the static files) is ``404``: no resource
  has such a name. A NUL in the query string or a header value is
  ``400 invalid_characters``.

Responses (``harden_headers``, a ``before_send`` hook, so it sees every answer: routes, 404s for
unknown paths, static files and the errors the framework raises before any route):

- ``X-Content-Type-Options: nosniff`` on every response.
- ``Cache-Control: no-store`` and ``Vary: X-Identity-Number`` on every ``/api/`` answer unless the
  route chose its own ``Cache-Control``. Bookings, requests, anything read with the identity
  header and every staff API carry personal data; the catalogue's answers do not, but they are
  cheap, and one rule for the whole API cannot miss the next route that does. An answer a cache
  may keep also varies by ``Accept-Encoding`` (over 2 KB, it travels gzipped to those who accept it).
- A strict Content-Security-Policy on the OpenAPI page (``/schema``), which runs only the
  vendored Swagger UI from ``/static/vendor/`` (see ``api/schema_docs.py``).
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, NotFoundException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.messages import MESSAGES
from kernel.errors import DomainError

MAX_JSON_DEPTH = 32
"""Nesting allowed in a JSON body; Mawid's deepest honest body (a booking) is three levels."""

MAX_SEGMENT_BYTES = 255
"""The longest part of a path between slashes that can name anything (a file name's limit; codes
and ids are far shorter). Longer ones are 404 before the static files ask the file system."""

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
"""Methods whose body an ``/api/`` route reads as JSON."""

API_PREFIX = "/api/"
SCHEMA_PREFIX = "/schema"
PERSONAL_VARY = "X-Identity-Number"

SCHEMA_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
"""The OpenAPI page runs only our own scripts; Swagger UI sets inline styles, nothing else."""


class MalformedRequest(DomainError):
    """The request cannot be read: answered ``400`` (``api.problems.domain_error``)."""


def _invalid_characters(where: str) -> MalformedRequest:
    """A NUL in the request's ``body``, ``query`` or ``headers``."""
    return MESSAGES.error(MalformedRequest, f"invalid_characters.{where}")


def _invalid_json() -> MalformedRequest:
    return MESSAGES.error(MalformedRequest, "invalid_json")


def _too_deep() -> MalformedRequest:
    return MESSAGES.error(MalformedRequest, "too_deeply_nested", max_depth=MAX_JSON_DEPTH)


def _unsupported_media_type(content_type: str) -> HTTPException:
    sent = content_type or "none"
    return HTTPException(
        status_code=415,
        detail=f"Send the request body as JSON with 'Content-Type: application/json' (this one was {sent}).",
    )


def is_json_media_type(content_type: str) -> bool:
    """``application/json`` or a JSON-based type such as ``application/merge-patch+json``."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def check_json(body: bytes) -> None:
    """Raise ``MalformedRequest`` unless ``body`` is JSON within ``MAX_JSON_DEPTH`` with no NUL."""
    try:
        value = msgspec.json.decode(body)
    except RecursionError:
        raise _too_deep() from None
    except msgspec.DecodeError:
        raise _invalid_json() from None
    # Walked with a stack, not recursion: the walk itself must not be the next RecursionError.
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise _invalid_characters("body")
        elif isinstance(item, (list, dict)):
            if depth > MAX_JSON_DEPTH:
                raise _too_deep()
            if isinstance(item, dict):
                pending.extend((key, depth) for key in item)
                pending.extend((child, depth + 1) for child in item.values())
            else:
                pending.extend((child, depth + 1) for child in item)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _has_body(scope: Scope) -> bool:
    length = _header(scope, b"content-length")
    if length is not None:
        return length.strip() not in ("", "0")
    return _header(scope, b"transfer-encoding") is not None


class RequestHardening(ASGIMiddleware):
    """Refuses unreadable requests with a 4xx problem before a route can fail on them."""

    scopes = (ScopeType.HTTP,)

    def __init__(self, max_body_bytes: int) -> None:
        self.max_body_bytes = max_body_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        path: str = scope["path"]
        if "\x00" in path:
            raise NotFoundException("Nothing here: the address contains a NUL character.")
        if any(len(segment.encode()) > MAX_SEGMENT_BYTES for segment in path.split("/")):
            raise NotFoundException("Nothing here: a part of the address is too long to name anything.")
        if b"%00" in scope["query_string"] or b"\x00" in scope["query_string"]:
            raise _invalid_characters("query")
        if any(b"\x00" in value for _, value in scope["headers"]):
            raise _invalid_characters("headers")
        if scope.get("method") not in BODY_METHODS or not _has_body(scope):
            await next_app(scope, receive, send)
            return
        content_type = _header(scope, b"content-type") or ""
        if not is_json_media_type(content_type):
            if path.startswith(API_PREFIX):
                raise _unsupported_media_type(content_type)
            await next_app(scope, receive, send)  # a page's form, read by its own route
            return
        body = await self._read_body(receive)
        if body is None:
            return  # the client went away; there is no one to answer
        check_json(body)
        await next_app(scope, _replay(body, receive), send)

    async def _read_body(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk: bytes = message.get("body", b"")  # type: ignore[assignment]
            size += len(chunk)
            if size > self.max_body_bytes:
                raise HTTPException(status_code=413, detail="The request body is too large.")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the route the body read here, then listens to the client again."""
    sent = False

    async def replay() -> Any:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def harden_headers(message: Message, scope: Scope) -> None:
    """``before_send`` hook: the headers every answer carries (see the module docstring)."""
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders.from_message(message)
    if "x-content-type-options" not in headers:
        headers["X-Content-Type-Options"] = "nosniff"
    path: str = scope["path"]
    if path.startswith(API_PREFIX):
        if "cache-control" not in headers:
            headers["Cache-Control"] = "no-store"
        vary = [part.strip().lower() for value in headers.getall("vary", []) for part in value.split(",")]
        if PERSONAL_VARY.lower() not in vary:
            headers.add("Vary", PERSONAL_VARY)
        if headers["cache-control"] != "no-store" and "accept-encoding" not in vary:
            headers.add("Vary", "Accept-Encoding")  # kept by a cache: gzipped to those that accept it
    elif (path == SCHEMA_PREFIX or path.startswith(SCHEMA_PREFIX + "/")) and headers.get(
        "content-type", ""
    ).startswith("text/html"):
        headers["Content-Security-Policy"] = SCHEMA_PAGE_CSP
