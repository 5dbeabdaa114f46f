"""uvicorn's HTTP/1.1 protocol (h11) with the limits a public server needs and uvicorn lacks.

uvicorn times out idle keep-alive connections, but nothing while a request is being read: a client
that sends half a request head, or a head and never the body it announced, holds its connection
(a file descriptor, buffers, a slot under the cap) for as long as it likes. A few thousand such
clients take a process down. Here every request gets a deadline:

- the *head* (request line and headers) must arrive within ``MAWID_HTTP_HEADER_TIMEOUT`` seconds
  of the request starting: the connection opening, or its first byte after a previous response;
- the *body* must arrive within ``MAWID_HTTP_BODY_TIMEOUT`` seconds of the head.

A request that misses its deadline is answered ``408`` (problem+json, in both languages) when the
client sent something and nothing has been answered yet, and the connection is closed either way.
A connection that opened and said nothing is closed without an answer, as other servers do.

uvicorn's own ``limit_concurrency`` answers a plain-text 503 without ``Retry-After``, refuses
already at ``limit`` connections counting the one asking (so only ``limit - 1`` are served), and
lets WebSocket upgrades through uncounted. Here the cap it is given (``MAWID_MAX_CONNECTIONS``) is
applied as said: up to that many open connections per process, HTTP and WebSocket alike, are served;
a request or upgrade beyond it gets ``503`` problem+json with ``Retry-After`` and the connection is
closed. The kernel still accepts the connection first, so the refusal can be heard; a connection
beyond the cap that sends nothing is closed by the head deadline.

The class builds on uvicorn's h11 protocol (it follows h11's connection states), so ``mawid serve``
pins ``http=`` to it whether or not httptools is installed. The cap arrives through uvicorn's
``limit_concurrency``; the timeouts, for which uvicorn has no setting, are read from the
environment in each worker process, as the app itself is (``create_app_from_env``).
"""

from __future__ import annotations

import asyncio
import json
import logging
from enum import Enum
from functools import cache
from typing import Any

import h11
from uvicorn._types import ASGI3Application, ASGIReceiveCallable, ASGISendCallable, Scope
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from api.messages import MESSAGES
from api.settings import Settings

log = logging.getLogger("mawid.http")

BUSY_RETRY_AFTER_SECONDS = 2
"""What a client refused for the connection cap is told to wait: connections turn over quickly."""


_Answer = tuple[list[tuple[bytes, bytes]], bytes]


class _Phase(Enum):
    HEAD = "head"
    BODY = "body"


@cache
def _timeouts() -> tuple[float, float]:
    """(head, body) seconds for this process, read once."""
    settings = Settings.from_env()
    return settings.http_header_timeout, settings.http_body_timeout


def _problem(status: int, body: dict[str, Any], extra: list[tuple[bytes, bytes]]) -> _Answer:
    """Headers and payload of a problem+json answer that closes the connection."""
    payload = json.dumps({"type": "about:blank", "status": status, **body}, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(payload)).encode()),
        (b"connection", b"close"),
        *extra,
    ]
    return headers, payload


def _details(texts: tuple[str, str]) -> dict[str, str]:
    """``detail`` and ``detail_ar`` of a problem, from ``api.messages``."""
    return {"detail": texts[0], "detail_ar": texts[1]}


def _raw(status: int, reason: bytes, answer: _Answer, defaults: list[tuple[bytes, bytes]]) -> bytes:
    """``answer`` as bytes for the socket, for answers given outside any request cycle (before a
    request exists, or instead of a WebSocket upgrade)."""
    headers, payload = answer
    head = b"HTTP/1.1 %d %s\r\n" % (status, reason)
    head += b"".join(b"%s: %s\r\n" % pair for pair in [*defaults, *headers])
    return head + b"\r\n" + payload


class MawidH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with head and body deadlines and an honest connection cap."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.header_timeout, self.body_timeout = _timeouts()
        # The cap is applied here, not by uvicorn's check (see the module docstring).
        self.max_connections: int | None = self.limit_concurrency
        self.limit_concurrency = None
        self._inner_app: ASGI3Application = self.app
        self.app = self._app_within_cap
        self._phase: _Phase | None = None
        self._deadline: asyncio.TimerHandle | None = None

    # The connection cap

    def _over_cap(self) -> bool:
        # ``connections`` holds every open HTTP and WebSocket connection of this process, this one too.
        return self.max_connections is not None and len(self.connections) > self.max_connections

    def _busy(self) -> _Answer:
        return _problem(
            503,
            {
                "title": "Service unavailable",
                "code": "server_busy",
                **_details(MESSAGES.texts("server_busy", max_connections=self.max_connections)),
            },
            [(b"retry-after", str(BUSY_RETRY_AFTER_SECONDS).encode())],
        )

    async def _app_within_cap(
        self, scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable
    ) -> None:
        if not self._over_cap():
            await self._inner_app(scope, receive, send)
            return
        log.debug("refused a request over the cap of %s connections", self.max_connections)
        # Through the request cycle, so h11 knows it answered; "connection: close" ends the connection.
        headers, payload = self._busy()
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": payload, "more_body": False})

    def handle_websocket_upgrade(self, event: h11.Request) -> None:
        # The WebSocket protocol takes the transport over: this protocol reads nothing more.
        self._stop()
        if self._over_cap():
            log.debug("refused a WebSocket over the cap of %s connections", self.max_connections)
            self.transport.write(
                _raw(503, b"Service Unavailable", self._busy(), self.server_state.default_headers)
            )
            self.transport.close()
            return
        super().handle_websocket_upgrade(event)

    # Deadlines

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start(_Phase.HEAD)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        super().connection_lost(exc)

    def _follow(self) -> None:
        """Set the deadline that fits where the client is in its request, after h11 has read what
        arrived (a request's head completes, its body completes, the next request starts)."""
        if self.transport is None or self.transport.is_closing():
            self._stop()
            return
        state = self.conn.their_state
        if state is h11.IDLE:
            if self._phase is _Phase.HEAD:
                return  # the head is still arriving; its deadline stands
            if self.conn.trailing_data[0]:
                self._start(_Phase.HEAD)  # the first bytes of the next request
            else:
                self._stop()  # between requests: uvicorn's keep-alive timeout applies
        elif state is h11.SEND_BODY:
            if self._phase is not _Phase.BODY:
                self._start(_Phase.BODY)
        else:
            self._stop()  # the request is in (or the connection is done): the app's turn

    def _start(self, phase: _Phase) -> None:
        self._stop()
        self._phase = phase
        seconds = self.header_timeout if phase is _Phase.HEAD else self.body_timeout
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _stop(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self._phase = None

    def _expired(self) -> None:
        phase, self._phase, self._deadline = self._phase, None, None
        if self.transport.is_closing():
            return
        if phase is _Phase.HEAD:
            answer = bool(self.conn.trailing_data[0])  # said nothing: just close
        else:
            answer = self.cycle is not None and not self.cycle.response_started
            if self.cycle is not None and not self.cycle.response_complete:
                # As if the client had gone (it is about to be): the app reading the body hears
                # ``http.disconnect`` and whatever it sends is dropped, never written after the 408.
                self.cycle.disconnected = True
                self.cycle.message_event.set()
        log.debug("request %s not received in time; closing", phase and phase.value)
        if answer:
            self.transport.write(self._timed_out(phase))
        self.transport.close()

    def _timed_out(self, phase: _Phase | None) -> bytes:
        part, seconds = (
            ("headers", self.header_timeout) if phase is _Phase.HEAD else ("body", self.body_timeout)
        )
        answer = _problem(
            408,
            {
                "title": "Request timeout",
                "code": "request_timeout",
                **_details(MESSAGES.texts(f"request_timeout.{part}", seconds=seconds)),
            },
            [],
        )
        return _raw(408, b"Request Timeout", answer, self.server_state.default_headers)
