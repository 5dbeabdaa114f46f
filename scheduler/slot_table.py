"""Slots and request groups as columns of small integers, so a network is built with numpy.

The assignment network has hundreds of thousands of nodes and arcs on a national batch; naming
each by a tuple and adding it in a Python loop took most of the build. Here every office, service
and day is coded once as a small integer, a pool (office, service, day) and a hall (office, day,
start) become one integer each, and "which days of this window have room" is a look-up in a
dense table of pools instead of a dictionary walk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kernel.time_of_day import AFTERNOON_STARTS, MIDDAY_STARTS, TIME_BANDS
from scheduler.costs import Hall
from scheduler.grouping import RequestGroup
from scheduler.problem import SlotCapacity

#: Code of "no preferred time of day"; the bands are 0, 1, 2 in `TIME_BANDS` order.
NO_PREFERENCE = len(TIME_BANDS)
BANDS = len(TIME_BANDS)


class SlotTable:
    """Every slot as a row: its office, service, day (from the first day of any slot), start,
    band, free room, and its hall; with the halls' booked places and capacities, and per pool
    whether any slot exists and whether one has room, per band."""

    def __init__(self, slots: Sequence[SlotCapacity]) -> None:
        self.slots = slots
        self.offices: dict[str, int] = {}
        self.services: dict[str, int] = {}
        n = len(slots)
        offices, services = self.offices, self.services
        self.office = office = np.fromiter(
            (offices.setdefault(s.office_id, len(offices)) for s in slots), np.int64, n
        )
        service = np.fromiter((services.setdefault(s.service, len(services)) for s in slots), np.int64, n)
        ordinal = np.fromiter((s.day.toordinal() for s in slots), np.int64, n)
        self.start = np.fromiter((s.start_minute for s in slots), np.int64, n)
        capacity = np.fromiter((s.capacity for s in slots), np.int64, n)
        booked = np.fromiter((s.booked for s in slots), np.int64, n)
        self.free = np.fromiter((s.free for s in slots), np.int64, n)
        self.first_ordinal = int(ordinal.min()) if n else 0
        self.day = ordinal - self.first_ordinal
        self.days = int(self.day.max()) + 1 if n else 0
        self.band = np.searchsorted(np.asarray([MIDDAY_STARTS, AFTERNOON_STARTS]), self.start, side="right")
        self.pool = self.pool_of(office, service, self.day)
        size = len(self.offices) * len(self.services) * self.days
        self.pool_exists = np.zeros(size, dtype=bool)
        self.pool_exists[self.pool] = True
        with_room = self.free > 0
        self.band_has_room = np.zeros(size * BANDS, dtype=bool)
        self.band_has_room[self.pool[with_room] * BANDS + self.band[with_room]] = True
        self.pool_has_room: np.ndarray = np.logical_or.reduce(self.band_has_room.reshape(-1, BANDS), axis=1)
        self.office_day = office * self.days + self.day
        hall_code = self.office_day * (24 * 60) + self.start
        codes, self.hall = np.unique(hall_code, return_inverse=True)
        self.hall = self.hall.reshape(-1)
        self.hall_booked = np.bincount(self.hall, weights=booked, minlength=len(codes)).astype(np.int64)
        self.hall_capacity = np.bincount(self.hall, weights=capacity, minlength=len(codes)).astype(np.int64)
        self._first_slot_of_hall = np.unique(self.hall, return_index=True)[1]
        self.hall_office_day = self.office_day[self._first_slot_of_hall]
        self._index: dict[str, int] | None = None

    def pool_of(self, office: np.ndarray, service: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Pool codes of (office, service, day) codes."""
        return (office * len(self.services) + service) * self.days + day

    def hall_key(self, hall: int) -> Hall:
        """The (office_id, day, start) of hall number `hall`."""
        s = self.slots[int(self._first_slot_of_hall[hall])]
        return (s.office_id, s.day, s.start_minute)

    def index(self, key: str) -> int:
        """The row of the slot called `key`."""
        if self._index is None:
            self._index = {s.key: i for i, s in enumerate(self.slots)}
        return self._index[key]

    def direct_peak(self) -> float:
        """The busiest hall's booked / capacity (0 without halls)."""
        open_halls = self.hall_capacity > 0
        if not open_halls.any():
            return 0.0
        return float((self.hall_booked[open_halls] / self.hall_capacity[open_halls]).max())


@dataclass(frozen=True)
class GroupTable:
    """Request groups as columns: size, service, window and preference per group, and one row
    per (group, acceptable office) with its distance. Offices and services the slot table does
    not know are coded -1 (no pool can have them)."""

    size: np.ndarray
    service: np.ndarray
    first: np.ndarray  # ordinal of the first acceptable day
    last: np.ndarray
    preference: np.ndarray  # band index, or NO_PREFERENCE
    option_group: np.ndarray
    option_office: np.ndarray
    option_km: np.ndarray

    @classmethod
    def of(cls, groups: Sequence[RequestGroup], table: SlotTable) -> GroupTable:
        keys = [g.key for g in groups]
        bands = {band: i for i, band in enumerate(TIME_BANDS)}
        n = len(groups)
        options = [(i, c.office_id, c.distance_km) for i, key in enumerate(keys) for c in key[1]]
        return cls(
            size=np.fromiter((len(g.request_ids) for g in groups), np.int64, n),
            service=np.fromiter((table.services.get(k[0], -1) for k in keys), np.int64, n),
            first=np.fromiter((k[2].toordinal() for k in keys), np.int64, n),
            last=np.fromiter((k[3].toordinal() for k in keys), np.int64, n),
            preference=np.fromiter(
                (NO_PREFERENCE if k[4] is None else bands[k[4]] for k in keys), np.int64, n
            ),
            option_group=np.fromiter((o[0] for o in options), np.int64, len(options)),
            option_office=np.fromiter((table.offices.get(o[1], -1) for o in options), np.int64, len(options)),
            option_km=np.fromiter((o[2] for o in options), np.float64, len(options)),
        )
