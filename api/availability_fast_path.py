"""Availability answered from what the process keeps, at the ASGI entry, before the framework.

In a rush most availability requests ask what this process can answer from memory: the answer
given less than a second before, or one assembled from the day blocks and frame it keeps
(``api.availability_answers``, ``api.availability_blocks``). What was left of such a request's
cost was the framework's: routing, parsing the query, resolving the route's dependencies, the
middleware and the hooks around the answer. ``KeptAvailability.serve`` answers such a request
itself — when, and only when, the request is one it reads exactly as the route would and every
part of its answer is kept — and leaves every other request (a first ask, a day to read from the
database, a refusal, an unusual query) to the app.

An answer sent from here is the route's answer: the same status (``200``, or ``304`` for an
``If-None-Match`` naming its tag), the same body (gzipped, once per answer, for a client that
accepts gzip), the headers ``harden_headers`` and ``stamp_request_id`` give every ``/api/``
answer, the same access line, and the same count and duration in ``mawid_http_*`` (under the
route's template). A request with a NUL in a header goes to the app, which refuses it.
"""

from __future__ import annotations

import gzip
import re
import time
from collections.abc import Callable, Iterable
from datetime import date

from litestar.types import Scope, Send

from api.availability_answers import AvailabilityAnswers, Request
from api.availability_blocks import Answer, unchanged
from api.hardening import PERSONAL_VARY
from api.observability import RouteMetrics
from api.request_logging import access_line, request_id

ROUTE = "/api/v1/offices/{office_id}/availability"
"""The route's template: the ``route`` of its access lines and the ``path`` of its metrics."""

_PATH = re.compile(r"/api/v1/offices/([A-Za-z0-9_.-]{1,64})/availability")
_SERVICE = re.compile(rb"[A-Za-z0-9_-]{1,64}")
_DAY = re.compile(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PEOPLE = re.compile(rb"[1-9][0-9]?")

GZIP_MINIMUM = 2048
"""As ``create_app``'s ``CompressionConfig``: shorter answers travel as they are."""

MAX_KEPT = 100_000
"""Queries read and answers gzipped kept at most; beyond it they are dropped at once."""

_NOT_READ = ("", (), None, None, 0)
"""A query this module does not read (the app does)."""

_COMMON = [
    (b"cache-control", b"no-cache"),
    (b"x-content-type-options", b"nosniff"),
    (b"vary", b"Accept-Encoding, " + PERSONAL_VARY.encode()),
]


def read_request(path: str, query: bytes) -> Request | None:
    """The route's reading of the request, when the query is in the plain form a page or a phone
    sends (``service`` one to three times, ``from``, ``to``, ``people`` at most once each, nothing
    escaped); None for anything else, which the app reads (and refuses, when it must)."""
    where = _PATH.fullmatch(path)
    if where is None or not query:
        return None
    services: list[str] = []
    first: date | None = None
    last: date | None = None
    people: int | None = None
    try:
        for part in query.split(b"&"):
            name, _, value = part.partition(b"=")
            if name == b"service" and _SERVICE.fullmatch(value):
                services.append(value.decode())
            elif name == b"from" and first is None and _DAY.fullmatch(value):
                first = date.fromisoformat(value.decode())
            elif name == b"to" and last is None and _DAY.fullmatch(value):
                last = date.fromisoformat(value.decode())
            elif name == b"people" and people is None and _PEOPLE.fullmatch(value):
                people = int(value)
            else:
                return None
    except ValueError:  # 2026-02-30
        return None
    if not services:
        return None
    return where.group(1), tuple(services), first, last, people or 1


def _asked(headers: Iterable[tuple[bytes, bytes]]) -> tuple[bytes | None, bool] | None:
    """``If-None-Match`` and whether gzip is accepted; None when a header holds a NUL (the app
    refuses it: ``RequestHardening``)."""
    if_none_match: bytes | None = None
    gzip_accepted = False
    for name, value in headers:
        if b"\x00" in value:
            return None
        if name == b"if-none-match":
            if_none_match = value
        elif name == b"accept-encoding":
            gzip_accepted = b"gzip" in value
    return if_none_match, gzip_accepted


class KeptAvailability:
    """Sends kept availability answers for the app it is given to (see the module docstring)."""

    def __init__(self, answers: Callable[[], AvailabilityAnswers | None], metrics: RouteMetrics) -> None:
        """``answers``: the app's availability answers once it has started (None before)."""
        self._answers = answers
        self._metrics = metrics
        self._read: dict[tuple[str, bytes], Request] = {}
        self._gzipped: dict[str, bytes] = {}

    async def serve(self, scope: Scope, send: Send) -> bool:
        """Answer ``scope`` if its answer is kept; False (nothing sent) to leave it to the app."""
        started = time.perf_counter()
        if scope.get("method") != "GET" or scope.get("root_path"):
            return False
        answers = self._answers()
        if answers is None:
            return False
        request = self._request(scope["path"], scope["query_string"])
        if request is None:
            return False
        asked = _asked(scope["headers"])
        if asked is None or not self._metrics.ready():
            return False
        if_none_match, gzip_accepted = asked
        answer = answers.at_hand(request)
        if answer is None:
            return False
        rid = request_id(scope)
        etag = answer.etag.encode()
        headers = [(b"etag", etag), *_COMMON, (b"x-request-id", rid.encode())]
        if if_none_match is not None and unchanged(if_none_match.decode("latin-1"), answer.etag):
            status, body = 304, b""
        else:
            status, body = 200, answer.body
            headers.append((b"content-type", b"application/json"))
            if gzip_accepted and len(body) >= GZIP_MINIMUM:
                body = self._gzip(answer)
                headers.append((b"content-encoding", b"gzip"))
            headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})
        self._metrics.observe(status, time.perf_counter() - started)
        access_line("GET", ROUTE, status, rid, started)
        return True

    def _request(self, path: str, query: bytes) -> Request | None:
        key = (path, query)
        request = self._read.get(key)
        if request is None:
            request = read_request(path, query) or _NOT_READ
            if len(self._read) >= MAX_KEPT:
                self._read.clear()
            self._read[key] = request
        return None if request is _NOT_READ else request

    def _gzip(self, answer: Answer) -> bytes:
        gzipped = self._gzipped.get(answer.etag)
        if gzipped is None:
            gzipped = gzip.compress(answer.body, compresslevel=9, mtime=0)
            if len(self._gzipped) >= MAX_KEPT:
                self._gzipped.clear()
            self._gzipped[answer.etag] = gzipped
        return gzipped
