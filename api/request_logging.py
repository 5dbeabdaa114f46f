"""Logs: one JSON object a line on standard output, each line of a request carrying its request id,
and never an identity number.

structlog is configured by Litestar's ``StructlogPlugin`` from the config built here (nothing calls
``structlog.configure`` by hand). Its request-logging middleware stays off: it logs request headers
(``X-Identity-Number``) and bodies (identity numbers, names, mobiles) unless told otherwise, and the
raw path (booking codes). Instead each answer gets one access line from a ``before_send`` hook —
method, the route's *template*, status, duration, request id — so refusals made by the framework or
by ``RequestHardening`` before any route runs are logged too. Client addresses are not logged.

The request id comes from ``X-Request-ID`` when the request arrived through one of our own
proxies (``MAWID_TRUSTED_PROXIES``) and looks like an id; otherwise it is made here. It is bound
in structlog's context variables for the request (and a display socket's life), so every line
logged while serving it carries it, and it is sent back as the ``X-Request-ID`` response header.

As a last guard every line passes through ``scrub``, which blanks any run of 14 or more digits
(a national ID, in Latin or Arabic-Indic digits) and the values of keys named after identities.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import MutableMapping
from ipaddress import IPv6Address, ip_address
from typing import Any, cast

import structlog
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.logging.config import LoggingConfig, StructLoggingConfig
from litestar.middleware import ASGIMiddleware
from litestar.plugins.structlog import StructlogConfig, StructlogPlugin
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from structlog.typing import EventDict, Processor, WrappedLogger

from api.services import settings_of

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = "mawid_request_id"
_STARTED = "mawid_request_started"
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
"""An incoming id we pass on: a UUID, a hex string, an HAProxy ``%ID``; nothing with spaces or quotes."""

QUIET_ROUTES = frozenset({"/api/v1/health", "/api/v1/ready", "/metrics"})
"""Polled every few seconds by balancers and Prometheus: logged only when they fail."""

_DIGIT_RUN = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]{14,}")
_IDENTITY_KEYS = frozenset(
    {
        "identity",
        "identity_number",
        "x-identity-number",
        "x_identity_number",
        "national_id",
        "passport_number",
    }
)
REDACTED = "[redacted]"

log = structlog.get_logger("mawid.request")


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return _DIGIT_RUN.sub(REDACTED, value)
    if isinstance(value, dict):
        return {k: REDACTED if str(k).lower() in _IDENTITY_KEYS else _scrubbed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_scrubbed(item) for item in value]
    return value


def scrub(_: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
    """structlog processor: no identity number leaves in a log line, whoever logged it."""
    return {key: REDACTED if key.lower() in _IDENTITY_KEYS else _scrubbed(v) for key, v in event_dict.items()}


def _processors() -> list[Processor]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        scrub,
        structlog.processors.JSONRenderer(),
    ]


def structlog_plugin() -> StructlogPlugin:
    """Litestar's structlog plugin with our processors: JSON lines on standard output."""
    config = StructlogConfig(structlog_logging_config=logging_config(), enable_middleware_logging=False)
    return StructlogPlugin(config)


def logging_config() -> StructLoggingConfig:
    """Our structlog configuration: the app's plugin applies it, and a command without an app
    (``mawid worker``) with ``logging_config().configure()``."""
    stdlib = LoggingConfig(  # uvicorn's own loggers keep uvicorn's format; the rest goes out as JSON
        formatters={
            "standard": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.processors.TimeStamper(fmt="iso", utc=True),
                    structlog.stdlib.add_log_level,
                    structlog.stdlib.ExtraAdder(),
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    scrub,
                    structlog.processors.JSONRenderer(),
                ],
            }
        }
    )
    config = StructLoggingConfig(
        processors=_processors(),
        # Printed to the sys.stdout of the moment, not one cached at first use: a test capturing
        # output (and a process whose stdout is swapped) sees every line.
        logger_factory=structlog.PrintLoggerFactory(),
        cache_logger_on_first_use=False,
        pretty_print_tty=False,  # JSON on a terminal too: what an operator sees is what is shipped
        standard_lib_logging_config=stdlib,
    )
    return config


def _state(scope: Scope) -> MutableMapping[str, Any]:
    state = scope.get("state")
    if state is None:
        state = scope["state"] = {}
    return state


def _from_trusted_proxy(scope: Scope) -> bool:
    client = scope.get("client")
    app = scope.get("litestar_app")
    settings = settings_of(app) if app is not None else None
    if not client or settings is None or not settings.trusted_proxies:
        return False
    try:
        peer = ip_address(client[0])
    except ValueError:
        return False
    if isinstance(peer, IPv6Address) and peer.ipv4_mapped is not None:
        peer = peer.ipv4_mapped
    return any(peer.version == net.version and peer in net for net in settings.trusted_proxies)


def request_id(scope: Scope) -> str:
    """The request's id: decided once per request, then the same for every caller."""
    state = _state(scope)
    known: str | None = state.get(_REQUEST_ID)
    if known is not None:
        return known
    incoming = None
    if _from_trusted_proxy(scope):
        for name, value in scope.get("headers", ()):
            if name == b"x-request-id":
                incoming = value.decode("latin-1").strip()
                break
    chosen = incoming if incoming and _VALID_ID.fullmatch(incoming) else secrets.token_hex(16)
    state[_REQUEST_ID] = chosen
    return chosen


class RequestContext(ASGIMiddleware):
    """Binds the request id (and notes the start) for everything logged while a request or a
    display socket is served."""

    scopes = (ScopeType.HTTP, ScopeType.WEBSOCKET)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        _state(scope)[_STARTED] = time.perf_counter()
        with structlog.contextvars.bound_contextvars(request_id=request_id(scope)):
            await next_app(scope, receive, send)


async def stamp_request_id(message: Message, scope: Scope) -> None:
    """``before_send`` hook: every HTTP answer carries ``X-Request-ID`` and leaves one access line
    (404s of unknown paths and refusals made before any route ran included)."""
    if message["type"] != "http.response.start":
        return
    rid = request_id(scope)
    MutableScopeHeaders.from_message(message)[REQUEST_ID_HEADER] = rid
    route: str | None = scope.get("path_template") if scope.get("route_handler") is not None else None
    method = cast("str | None", scope.get("method"))
    access_line(method, route, message["status"], rid, _state(scope).get(_STARTED))


def access_line(method: str | None, route: str | None, status: int, rid: str, started: float | None) -> None:
    """An answer's access line (none for a quiet route's success): ``route`` is the template of
    the route that answered (None: no route did), ``started`` the ``perf_counter`` at its start."""
    if route in QUIET_ROUTES and status < 400:
        return
    fields: dict[str, Any] = {"method": method, "route": route, "status": status}
    if started is not None:
        fields["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
    if structlog.contextvars.get_contextvars().get("request_id") != rid:
        fields["request_id"] = rid  # answered after RequestContext had left (or before it ran)
    log.info("request", **fields)
