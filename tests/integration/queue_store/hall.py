"""The small hall the queue-store suite sets up: one office, two services, open counters."""

from __future__ import annotations

from typing import Any

import pytest

from queue_display.counter import CounterStatus
from queue_display.errors import DomainError
from queue_display.store import QueueStore
from tests.unit.queue_display.factories import at

GIZA = "giza-passports"
PASSPORT, VISA = "passport-new", "visa-extension"


async def open_counter(store: QueueStore, counter: str, *services: str) -> None:
    await store.set_counter(GIZA, counter, CounterStatus.OPEN, services or (PASSPORT,))


async def call_all(store: QueueStore, counter: str, minute: float, services: Any = (PASSPORT,)) -> list[str]:
    """Call and dismiss until nobody is left; the numbers in call order."""
    numbers = []
    while (change := await store.call_next(GIZA, counter, services, at(minute))) is not None:
        numbers.append(change.ticket.number)
        await store.no_show(GIZA, change.ticket.id, at(minute))
    return numbers


async def refused(code: str, operation: Any) -> DomainError:
    with pytest.raises(DomainError) as refused:
        await operation
    assert refused.value.code == code
    return refused.value
