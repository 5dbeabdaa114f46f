"""One trip, several services: a chain of one to three distinct services at one office on one
day, back to back: each visit at the slot that follows the previous visit's slot on the office's
grid (``booking.capacity.slot_times``), so the citizen walks from one counter to the next.

The order is fixed by ``chain_order``, whatever order the citizen named them in:

- **certificates first** (criminal record, civil status): they are issued on the spot and are
  among the papers a passport, a driving licence or a work permit may ask for, so the citizen
  carries the certificate just printed on to the next counter rather than coming back;
- then the **catalogue's order** (``booking.services.CATALOGUE``), which lists each office's
  desks as they stand (passports, residence, traffic): a fixed, reviewable order, the same for
  every office and every day, so the same chain is always booked, shown and called the same way.

Pure rules: the office, the grids and the loads come from the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from booking.capacity import Slot
from booking.messages import MESSAGES
from booking.services import CATALOGUE, SERVICES
from kernel.errors import InvalidInput

MAX_SERVICES = 3
"""The most services one booking may chain (the issue's "up to three"): a longer trip would hold
a citizen's seats across most of a morning."""

CERTIFICATES = frozenset({"criminal-record-certificate", "civil-certificate"})
"""Services whose paper another service may need: served first."""

_CATALOGUE_ORDER = {service.code: position for position, service in enumerate(CATALOGUE)}


def _rank(service: str) -> tuple[int, int]:
    return (0 if service in CERTIFICATES else 1, _CATALOGUE_ORDER[service])


def chain_order(services: Sequence[str]) -> tuple[str, ...]:
    """The services in the order the office serves them best (see the module's docstring): every
    known service's rank is fixed, so the order does not depend on how they were named."""
    return tuple(sorted(services, key=_rank))


def checked_chain(services: Sequence[str]) -> tuple[str, ...]:
    """The services, known, distinct, one to ``MAX_SERVICES`` of them, in ``chain_order``; or
    ``no_service``, ``too_many_services``, ``repeated_service`` or ``unknown_service``."""
    if not services:
        raise MESSAGES.error(InvalidInput, "no_service")
    if len(services) > MAX_SERVICES:
        raise MESSAGES.error(InvalidInput, "too_many_services")
    for code in services:
        if code not in SERVICES:
            raise MESSAGES.error(InvalidInput, "unknown_service", code=code)
    repeated = next((code for n, code in enumerate(services) if code in services[:n]), None)
    if repeated is not None:
        service = SERVICES[repeated]
        raise MESSAGES.error(
            InvalidInput, "repeated_service", service_en=service.name_en, service_ar=service.name_ar
        )
    return chain_order(services)


def following_slots(first: Slot, grids: Sequence[Mapping[datetime, Slot]]) -> tuple[Slot, ...] | None:
    """The chain's slots from ``first`` on: for each later service (its day's slots by start, in
    chain order) the slot that starts when the previous one ends; None when a service has no such
    slot (no counter for it then, or the day ends)."""
    chain = [first]
    for grid in grids:
        following = grid.get(chain[-1].end)
        if following is None:
            return None
        chain.append(following)
    return tuple(chain)
