"""A message to a citizen as a value: what the use cases write (``planning.notifications``) and
hand to the stores, which post it to the outbox in the same transaction as the change it
announces (``planning.store.outbox``). Kept apart from the SQL so the use cases stay pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One message to one citizen, already written in their language."""

    kind: str
    phone: str
    lang: str
    message: str
    email: str | None = None
    booking_code: str | None = None
    request_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
