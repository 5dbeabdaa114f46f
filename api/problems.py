"""Every error leaves as ``application/problem+json`` with a stable ``code`` and an Arabic detail.

Unexpected exceptions are logged (without request bodies, which may hold identity numbers) and
answered with a 500 that says nothing of the internals.

Refusals worth a trace go to the audit log from one place, ``audited``, which wraps every
exception handler the app registers: 401s and 403s as ``access.refused``, and the refusals that
stop bots and brokers (``LIMIT_REFUSALS``: rate limits, proof of work, caps on an identity or a
mobile) as ``limit.refused``, the citizen named by their identity digest's prefix when a rule by
identity refused. Both are throttled in ``api.audit.AuditTrail.refused``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import msgspec
import structlog
from litestar import MediaType, Request, Response
from litestar.background_tasks import BackgroundTask
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from msgspec import UNSET, UnsetType

from api.audit import ACCESS_REFUSED, LIMIT_REFUSED, AuditTrail, actor_of, address_of, identity_actor
from api.messages import MESSAGES
from api.outages import DATABASE, RETRY_AFTER_SECONDS, dependency_down
from api.services import started_services
from kernel.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound

PROBLEM = "application/problem+json"
log = structlog.get_logger("mawid.api")

_STATUS = {InvalidInput: 422, Conflict: 409, NotFound: 404, Forbidden: 403}
_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Unprocessable request",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}
# The code (and its Arabic, in ``api.messages``) of the errors the framework raises before our code runs.
_GENERIC = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


class FieldError(msgspec.Struct):
    """One field a request got wrong (``invalid_request``)."""

    key: str | None
    message: str | None


class Problem(msgspec.Struct):
    """An ``application/problem+json`` refusal, as the OpenAPI document shows it. ``code`` is what
    clients branch on; the optional members come with the refusals that carry them."""

    type: str
    status: int
    title: str
    code: str
    detail: str
    detail_ar: str
    errors: list[FieldError] | UnsetType = UNSET
    """``invalid_request``: the fields that were missing or of the wrong type."""
    dependency: str | UnsetType = UNSET
    """``service_unavailable``: ``database`` or ``queue``."""
    limit: str | UnsetType = UNSET
    """``rate_limited``: which limit refused."""
    retry_after: int | UnsetType = UNSET
    """``rate_limited``: seconds to wait (also in the ``Retry-After`` header)."""
    reason: str | UnsetType = UNSET
    """``proof_of_work_required``: why a solution was refused (``missing``, ``invalid``, ...)."""
    challenge: dict[str, Any] | UnsetType = UNSET
    """``proof_of_work_required``: a fresh ALTCHA challenge to solve."""
    tries_left: int | UnsetType = UNSET
    """``wrong_verification_code``: codes that may still be typed before the hold is dropped."""


# What every operation may answer, and what bodies, parameters and staff tokens add. Each entry
# is the description of a status: the codes a client may branch on.
UNREADABLE = (
    "`invalid_json`, `too_deeply_nested`, `invalid_characters` (a NUL in the body, the query or a "
    "header): the request cannot be read"
)
INVALID_REQUEST = "`invalid_request`: a field or parameter is missing or of the wrong type"
UNAVAILABLE = "`service_unavailable`: the database or the hall's queue is briefly down (`Retry-After`)"
EVERY = {400: UNREADABLE, 503: UNAVAILABLE}
"""Any operation: a NUL in the query or a header, a dependency down."""
PARAMETERS = {422: INVALID_REQUEST}
"""An operation with query, path or header parameters."""
BODY = {
    413: "`body_too_large`: the body is larger than 64 KiB",
    415: "`unsupported_media_type`: a body that is not sent as JSON",
    422: INVALID_REQUEST,
}
"""An operation that takes a body (POST, PATCH): also every operation with one of those methods,
whatever it reads, since a body can be sent to any of them."""
STAFF = {
    401: "`not_authenticated`: no staff token, or one that no longer works",
    403: "`forbidden` (the role may not do this), `office_forbidden` (not one of the caller's offices)",
}
"""An operation behind the staff guard."""


def answers(*groups: Mapping[int, str]) -> dict[int, ResponseSpec]:
    """The refusals an operation documents, as problem+json: ``EVERY`` and ``groups`` merged (the
    descriptions of one status joined), each a ``Problem``."""
    merged: dict[int, list[str]] = {}
    for group in (EVERY, *groups):
        for status, description in group.items():
            if description not in merged.setdefault(status, []):
                merged[status].append(description)
    return {status: refusal("; ".join(merged[status])) for status in sorted(merged)}


def refusal(description: str) -> ResponseSpec:
    """A problem+json answer as the schema documents it."""
    return ResponseSpec(Problem, description=description, media_type=PROBLEM, generate_examples=False)


def problem(status: int, code: str, detail: str, detail_ar: str, **extra: Any) -> Response[Any]:
    body = {
        "type": "about:blank",
        "status": status,
        "title": _TITLES.get(status, "Error"),
        "code": code,
        "detail": detail,
        "detail_ar": detail_ar,
        **extra,
    }
    return Response(body, status_code=status, media_type=PROBLEM)


LIMIT_REFUSALS = frozenset(
    {
        "rate_limited",
        "proof_of_work_required",
        "reschedule_limit",
        "reschedule_limit_booking",
        "cancellation_limit",
        "no_show_ban",
        "mobile_booking_limit",
        "booking_limit",
    }
)
"""Codes of the refusals that stop bots, brokers and churn: each is recorded as ``limit.refused``."""
_LIMIT_DETAIL = ("limit", "reason", "retry_after")  # what the answer says of why, copied to the event

Handler = Callable[[Request[Any, Any, Any], Any], Response[Any]]


def _audited(request: Request[Any, Any, Any], response: Response[Any], error: Exception) -> Response[Any]:
    """Record a refusal in the audit log (who, from where, which path) once it has been sent:
    401 and 403 as ``access.refused``, the ``LIMIT_REFUSALS`` as ``limit.refused``."""
    services = started_services(request.app)  # an exception handler: no dependency injection here
    audit: AuditTrail | None = services.audit if services else None
    body = response.content if isinstance(response.content, Mapping) else {}
    code, status = str(body.get("code", "")), int(response.status_code or 500)
    if audit is None or (status not in (401, 403) and code not in LIMIT_REFUSALS):
        return response
    action, actor, extra = ACCESS_REFUSED, actor_of(request), {}
    if status not in (401, 403):
        action = LIMIT_REFUSED
        extra = {key: body[key] for key in _LIMIT_DETAIL if key in body}
        # A rule by identity says whose identity it refused (never the number); limits on an
        # address, a mobile or a code do not know it, so the staff member or anonymous.
        digest = error.identity_hash if isinstance(error, DomainError) else None
        actor = identity_actor(digest) if digest else actor
    office_id = request.path_params.get("office_id") if request.scope.get("path_params") else None
    response.background = BackgroundTask(
        audit.refused,
        actor=actor,
        address=address_of(request),
        status=status,
        code=code,
        method=request.method,
        path=request.url.path,
        office_id=office_id if isinstance(office_id, str) else None,
        action=action,
        extra=extra,
    )
    return response


def audited(handlers: Mapping[Any, Handler]) -> dict[Any, Handler]:
    """Every exception handler, followed by ``_audited``: the one place refusals are recorded,
    whichever module raised them (``create_app`` registers its handlers through this)."""

    def wrap(handler: Handler) -> Handler:
        def handle(request: Request[Any, Any, Any], error: Any) -> Response[Any]:
            return _audited(request, handler(request, error), error)

        return handle

    return {kind: wrap(handler) for kind, handler in handlers.items()}


def domain_error(_: Request[Any, Any, Any], error: DomainError) -> Response[Any]:
    status = next((s for kind, s in _STATUS.items() if isinstance(error, kind)), 400)
    return problem(status, error.code, error.detail_en, error.detail_ar, **(error.facts or {}))


def validation_error(_: Request[Any, Any, Any], error: ValidationException) -> Response[Any]:
    fields = []
    for item in error.extra or []:
        if isinstance(item, dict):
            fields.append({"key": item.get("key"), "message": item.get("message")})
    what = "; ".join(f"{f['key']}: {f['message']}" for f in fields) or error.detail
    return problem(422, "invalid_request", *MESSAGES.texts("invalid_request", what=what), errors=fields)


def http_error(_: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    status = error.status_code
    code = _GENERIC.get(status, "error")
    if isinstance(error, NotAuthorizedException):
        code = _GENERIC[401]
    if isinstance(error, PermissionDeniedException):
        code = _GENERIC[403]
    detail_ar = MESSAGES.texts(code)[1]  # the English is the framework's own detail
    response = problem(status, code, error.detail or _TITLES.get(status, "Error"), detail_ar)
    if error.headers:
        response.headers.update(error.headers)
    return response


_UNAVAILABLE = {DATABASE: "service_unavailable.database", "queue": "service_unavailable.queue"}


def unavailable(dependency: str) -> Response[Any]:
    """``503`` with ``Retry-After``: a dependency is down, the request may simply be sent again."""
    detail, detail_ar = MESSAGES.texts(_UNAVAILABLE[dependency])
    response = problem(503, "service_unavailable", detail, detail_ar, dependency=dependency)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS[dependency])
    return response


def unexpected_error(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    dependency = dependency_down(error)
    if dependency is not None:
        services = started_services(request.app)
        if services is not None:
            services.outages.refused(dependency, error)
        return unavailable(dependency)
    # The traceback names code, not data: request bodies (which hold identity numbers) are never logged.
    log.error("unhandled_error", path=request.url.path, method=request.method, exc_info=error)
    return problem(HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", *MESSAGES.texts("internal_error"))


EXCEPTION_HANDLERS: Any = {
    DomainError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    Exception: unexpected_error,
}

__all__ = [
    "BODY",
    "EXCEPTION_HANDLERS",
    "LIMIT_REFUSALS",
    "PARAMETERS",
    "PROBLEM",
    "STAFF",
    "MediaType",
    "Problem",
    "answers",
    "audited",
    "problem",
    "refusal",
    "unavailable",
]
