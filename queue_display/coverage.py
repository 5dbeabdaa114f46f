"""Which services an open counter serves now, and who waits for a service none does.

    open_services(counters) = ⋃ services of the counters whose status is ``open``
    unserved(waiting, counters) = {s: n for (s, n) in waiting if n > 0 and s ∉ open_services}

A paused counter keeps its ticket but calls nobody new, and a closed one calls nobody: neither
serves the people waiting, so only ``open`` counts. ``unserved`` is the one rule behind every
"N people wait for X; no open counter serves it" in the hall: the board's snapshot and the live
``queue`` and ``counter`` events carry it (``queue_display.board``, ``queue_display.onsite``), the
counter console shows it to clerks whose counter could serve X, the manager's dashboard to the
manager, and the hall's screen says "no counter open" beside X. It is the same condition under
which ``queue_display.estimate`` gives no wait (no open counter's share).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from queue_display.counter import CounterState, CounterStatus


def open_services(counters: Iterable[CounterState]) -> frozenset[str]:
    """The services some open counter serves now."""
    return frozenset(
        service
        for counter in counters
        if counter.status is CounterStatus.OPEN
        for service in counter.services
    )


def unserved(waiting: Mapping[str, int], counters: Iterable[CounterState]) -> dict[str, int]:
    """``{service: people waiting}`` for each service people wait for and no open counter serves,
    in the order of ``waiting`` (the stores give it sorted by service code)."""
    served = open_services(counters)
    return {service: count for service, count in waiting.items() if count > 0 and service not in served}
