"""Writing the optimiser's answer: each request becomes a booking under exactly the rules of a
direct booking, and atomically.

Per request, inside one savepoint: insert the booking with the same conditional statements as
``BookingStore.create`` (slot capacity, one active booking per identity and service, at most
three per identity), flip the request from ``pending`` to ``assigned`` with a conditional update,
and post the citizen's message to the outbox. Either all three happen or none, so a crash or a
refusal half-way never leaves a request both pending and booked. A chunk of requests shares one
transaction (one trip to the database), each request its own savepoint.

A refusal is not an error of the batch: a direct booking may have taken the last place since the
solve (``slot_taken``: the request stays pending for the next round), the citizen may have
booked the service directly (``duplicate_booking``) or reached the limit (``booking_limit``), or
cancelled the request meanwhile (``no_longer_pending``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.booking_requests import BookingRequest, RequestStatus
from booking.churn import NO_RULES, ChurnRules
from booking.store.bookings import SLOT_FULL, insert_booking, is_code_collision
from booking.store.tables import BookingRequestRow
from kernel.database import Database
from kernel.errors import Conflict
from messaging.outbox import about
from messaging.store.outbox import post
from planning.decisions import FINAL_REFUSALS, Decision, Outcome, Placement, Refusal, RequestNotices


class _NotPending(Exception):
    """The request left ``pending`` meanwhile; raised to roll its savepoint back."""


def _leave_pending(**values: Any) -> Any:
    """``UPDATE`` a request out of ``pending`` (and only out of it), built once per kind of end."""
    return (
        update(BookingRequestRow)
        .where(
            BookingRequestRow.id == bindparam("request"),
            BookingRequestRow.status == RequestStatus.PENDING.value,
        )
        .values(job_id=bindparam("job"), updated_at=bindparam("now"), **values)
    )


_TO_ASSIGNED = _leave_pending(
    status=RequestStatus.ASSIGNED.value, booking_id=bindparam("booking"), reason=None
)
_TO_UNASSIGNED = _leave_pending(status=RequestStatus.UNASSIGNED.value, reason=bindparam("why"))


def _assign(
    conn: Connection,
    place: Placement,
    job_id: str,
    now: datetime,
    notices: RequestNotices,
    rules: ChurnRules,
) -> Outcome:
    for _ in range(3):  # a booking-code collision (2⁻⁴⁰ per pair) just draws a new code
        try:
            with conn.begin_nested():
                booking = insert_booking(conn, place.new_booking(), now, rules)
                values = {"request": place.request.id, "booking": booking.id, "job": job_id, "now": now}
                if not conn.execute(_TO_ASSIGNED, values).rowcount:
                    raise _NotPending
                post(conn, about(notices.assigned(place.request, booking), booking.office_id), now)
                return Outcome.ASSIGNED
        except _NotPending:
            return Outcome.GONE
        except Conflict as refusal:
            return Outcome.SLOT_TAKEN if refusal.code == SLOT_FULL.code else Outcome(refusal.code)
        except IntegrityError as error:
            if not is_code_collision(error):
                return Outcome.DUPLICATE
    raise RuntimeError("could not draw a free booking code")


def _unassign(
    conn: Connection,
    request: BookingRequest,
    reason: str,
    job_id: str,
    now: datetime,
    notices: RequestNotices,
) -> Outcome:
    values = {"request": request.id, "why": reason, "job": job_id, "now": now}
    with conn.begin_nested():
        if not conn.execute(_TO_UNASSIGNED, values).rowcount:
            return Outcome.GONE
        post(conn, notices.unassigned(request, reason), now)
    return Outcome.UNASSIGNED


def _write_chunk(
    conn: Connection,
    decisions: Sequence[Decision],
    job_id: str,
    now: datetime,
    notices: RequestNotices,
    rules: ChurnRules,
) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    for decision in decisions:
        if isinstance(decision, Refusal):
            outcome = _unassign(conn, decision.request, decision.reason, job_id, now, notices)
        else:
            outcome = _assign(conn, decision, job_id, now, notices, rules)
            if outcome in FINAL_REFUSALS:
                settled = _unassign(conn, decision.request, outcome.value, job_id, now, notices)
                outcome = outcome if settled is Outcome.UNASSIGNED else settled
        outcomes[decision.request.id] = outcome
    return outcomes


class AssignmentStore:
    def __init__(self, database: Database, chunk: int = 100, rules: ChurnRules = NO_RULES) -> None:
        self._db = database
        self._chunk = chunk
        self._rules = rules

    async def write(
        self,
        decisions: Sequence[Decision],
        job_id: str,
        now: datetime,
        notices: RequestNotices,
        progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> dict[str, Outcome]:
        """Book every placement and settle every refusal; returns what became of each request,
        by id. Chunks commit one after another, each request atomically within its chunk."""
        outcomes: dict[str, Outcome] = {}
        for start in range(0, len(decisions), self._chunk):
            part = decisions[start : start + self._chunk]
            work = partial(
                _write_chunk, decisions=part, job_id=job_id, now=now, notices=notices, rules=self._rules
            )
            outcomes.update(await self._db.write(work))
            progress(start + len(part), len(decisions))
        return outcomes
