"""The draw of a day's opening: who gets which of the day's free places.

Plain Python, no I/O. The order is a permutation of the entries drawn from a seed, so nobody gains
by asking first, and the draw can be replayed from its recorded seed and the entries' ids. In that
order each entry takes the slot it chose if a place is left there, else the free slot nearest in
time on the same day at the same office (earlier first on a tie); an entry with no free slot left
for its service gets nothing.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    office_id: str
    service: str
    preferred: datetime


@dataclass(frozen=True, slots=True)
class FreeSlot:
    start: datetime
    end: datetime
    capacity: int
    """The slot's capacity (what the booking statement checks against), not what is left."""
    remaining: int
    """What is left online: the seats kept for assisted bookings are not (``booking.channels``)."""
    reserved: int = 0
    """The seats the slot keeps for assisted bookings, as its grid says."""


Places = Mapping[tuple[str, str], Sequence[FreeSlot]]
"""Free slots of the drawn day by (office, service)."""


def draw_order(keys: Sequence[str], seed: str) -> list[str]:
    """``keys`` (sorted first, so the order depends on the set, not on how it was read) in the
    order drawn from ``seed``."""
    order = sorted(keys)
    random.Random(hashlib.sha256(seed.encode()).digest()).shuffle(order)
    return order


def allot(entries: Sequence[Entry], places: Places) -> dict[str, FreeSlot | None]:
    """Give each entry, in the order given, its slot or the nearest free one; None when none is
    left. Never more entries in a slot than it has places left."""
    left = {key: {s.start: s.remaining for s in slots} for key, slots in places.items()}
    by_start = {key: {s.start: s for s in slots} for key, slots in places.items()}
    given: dict[str, FreeSlot | None] = {}
    for entry in entries:
        key = (entry.office_id, entry.service)
        free = [start for start, n in left.get(key, {}).items() if n > 0]
        if not free:
            given[entry.key] = None
            continue
        start = min(free, key=lambda s: (abs((s - entry.preferred).total_seconds()), s))
        left[key][start] -= 1
        given[entry.key] = by_start[key][start]
    return given
