"""What comes of an attempt to deliver: sent, tried again later, or dead.

A failure is *permanent* when sending the same thing again cannot help (the gateway refused the
message: a 4xx other than 408 and 429; the mail server refused it: SMTP 5xx) and *transient*
otherwise (5xx, 408, 429, SMTP 4xx, a timeout, a connection refused). A gateway that refuses our
credentials (401, 403) or a mail server that refuses our login is transient too: that is a
setting to fix, not a message to give up on.

A transient failure is tried again after an exponential backoff with jitter (30 s, then about
1, 2, 4 … minutes, never more than an hour), until ``max_attempts`` attempts have been made;
then the delivery is dead, with its last error. A permanent failure is dead at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from messaging.outbox import scrubbed

DEFAULT_ATTEMPTS = 8


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an attempt failed, and whether trying again can help."""

    error: str
    permanent: bool
    retry_after: float | None = None
    """Seconds the other side asked us to wait (``Retry-After``), if it said."""


class DeliveryFailed(Exception):
    """A channel could not deliver; ``failure`` says why and whether to try again."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.error)
        self.failure = failure


def http_failure(status: int, body: str = "", retry_after: float | None = None) -> Failure:
    """An SMS gateway's answer that was not 2xx."""
    permanent = 400 <= status < 500 and status not in (401, 403, 408, 429)
    error = scrubbed(f"HTTP {status}" + (f": {body}" if body.strip() else ""))
    return Failure(error, permanent, retry_after)


def smtp_failure(code: int, message: str = "") -> Failure:
    """A mail server's refusal: 5xx is permanent, anything else (4xx) transient."""
    return Failure(scrubbed(f"SMTP {code}" + (f": {message}" if message.strip() else "")), 500 <= code < 600)


def unreachable(error: BaseException) -> Failure:
    """A timeout, a refused or broken connection: transient."""
    said = str(error).strip()
    return Failure(scrubbed(type(error).__name__ + (f": {said}" if said else "")), permanent=False)


@dataclass(frozen=True, slots=True)
class Sent:
    via: str
    """Which channel took it: ``gateway``, ``smtp`` or ``demo``."""


@dataclass(frozen=True, slots=True)
class Retry:
    at: datetime
    error: str


@dataclass(frozen=True, slots=True)
class Dead:
    error: str


Outcome = Sent | Retry | Dead


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = DEFAULT_ATTEMPTS
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("a delivery needs at least one attempt")

    def delay(self, attempts: int, jitter: float) -> timedelta:
        """The wait after the ``attempts``-th failed attempt (1, 2, …): the first delay doubled
        each time, capped, of which ``jitter`` (0 ≤ jitter < 1) takes away up to half, so that
        deliveries that failed together (a gateway down) are not all tried again at one instant."""
        doubled = self.first_delay * 2 ** min(max(attempts - 1, 0), 32)
        ceiling = min(doubled, self.max_delay)
        return ceiling * (1 - jitter / 2)

    def after_failure(self, attempts: int, failure: Failure, now: datetime, jitter: float) -> Retry | Dead:
        """What becomes of a delivery whose ``attempts``-th attempt failed with ``failure``."""
        if failure.permanent or attempts >= self.max_attempts:
            return Dead(failure.error)
        wait = self.delay(attempts, jitter)
        if failure.retry_after is not None:  # the other side said when; within our own ceiling
            wait = min(max(wait, timedelta(seconds=failure.retry_after)), self.max_delay)
        return Retry(now + wait, failure.error)
