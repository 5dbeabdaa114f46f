"""Bookings that look brokered: the patterns a broker's script leaves, found among active bookings.

A broker books many slots under made-up identities and sells them on, or hands a slot to a buyer
by moving bookings at an agreed second. Each identity looks honest alone; together they share an
origin or a rhythm. A *cluster* is a group of bookings with one reason:

- ``shared_address``: many identities booked from one client address within a short time;
- ``shared_mobile``: many identities gave one mobile number within a short time;
- ``shared_device``: many identities booked from one browser (its device cookie) within a short time;
- ``same_name``: one full name (normalised) under several identities within a short time;
- ``lockstep_moves``: several bookings moved from one address within seconds of each other.

Families book for each other, and many phones share one carrier address, so each pattern needs
several *distinct identities* (or moves) inside one window, each threshold a setting. The report
only points; a manager decides. Pure functions over plain values: the store reads, this judges.

Bookings cancelled since they were made count as evidence of the origin patterns too. A broker
held to three active bookings per mobile rotates identities through it (book three, cancel one
when it is sold, book the next), so among *active* bookings one mobile never shows four
identities; among the bookings it made in the window it does. A cluster is reported only while
it still holds an active booking: that is what a manager can act on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.bookings import Booking
from booking.rules import BookingStatus

REASONS = ("shared_address", "shared_mobile", "shared_device", "same_name", "lockstep_moves")


@dataclass(frozen=True, slots=True)
class Thresholds:
    window: timedelta = timedelta(hours=1)
    """"A short time": bookings further apart than this are not one burst."""
    identities: int = 4
    """Distinct identities behind one address, mobile or device within ``window`` that make a
    cluster (a family of three booking from home does not)."""
    same_name: int = 3
    """Distinct identities under one full name within ``window``."""
    lockstep: timedelta = timedelta(seconds=10)
    """Moves from one address this close to the one before are in lock-step."""
    lockstep_moves: int = 3
    """Bookings moved in lock-step that make a cluster."""


@dataclass(frozen=True, slots=True)
class Cluster:
    reason: str
    key: str
    """A short label of the cluster, stable while its bookings are the same."""
    bookings: tuple[Booking, ...]
    """Its bookings, the active ones and those cancelled since they were made."""

    @property
    def identities(self) -> int:
        return len({b.applicant.identity_hash for b in self.bookings})

    @property
    def active(self) -> tuple[Booking, ...]:
        return tuple(b for b in self.bookings if b.active)

    @property
    def cancelled(self) -> int:
        return sum(1 for b in self.bookings if b.status is BookingStatus.CANCELLED)


_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # Arabic diacritics and tatweel
_LETTERS = str.maketrans("أإآٱىة", "اااايه")


def name_key(full_name: str) -> str:
    """A name as it is heard: case, spacing, diacritics and hamza or alef forms do not matter."""
    text = unicodedata.normalize("NFKC", full_name).casefold()
    text = _MARKS.sub("", text).translate(_LETTERS)
    return " ".join(text.split())


def _bursts(
    bookings: list[Booking],
    at: Callable[[Booking], datetime | None],
    window: timedelta,
    count: Callable[[list[Booking]], int],
    threshold: int,
) -> list[list[Booking]]:
    """Runs of bookings (in time order) in which some ``window`` holds ``threshold`` or more of
    what ``count`` counts; overlapping windows are merged into one run."""
    timed = sorted((b for b in bookings if at(b) is not None), key=lambda b: (at(b), b.id))
    marked: set[int] = set()
    start = 0
    for end in range(len(timed)):
        while at(timed[end]) - at(timed[start]) > window:  # type: ignore[operator]
            start += 1
        inside = timed[start : end + 1]
        if count(inside) >= threshold:
            marked.update(range(start, end + 1))
    runs: list[list[Booking]] = []
    for index in sorted(marked):
        # Two bursts far apart in time stay two clusters even when nothing lies between them.
        if runs and index - 1 in marked and at(timed[index]) - at(timed[index - 1]) <= window:  # type: ignore[operator]
            runs[-1].append(timed[index])
        else:
            runs.append([timed[index]])
    return runs


def _distinct_identities(bookings: list[Booking]) -> int:
    return len({b.applicant.identity_hash for b in bookings})


def _grouped(bookings: Iterable[Booking], key: Callable[[Booking], str | None]) -> dict[str, list[Booking]]:
    groups: dict[str, list[Booking]] = defaultdict(list)
    for booking in bookings:
        value = key(booking)
        if value:
            groups[value].append(booking)
    return groups


def _label(reason: str, bookings: list[Booking]) -> str:
    """8 hex characters naming the cluster by its bookings' codes: never derived from what they
    share, since a mobile number's unkeyed hash could be found again by trying them all."""
    codes = ",".join(sorted(b.code for b in bookings))
    return hashlib.sha256(f"{reason}:{codes}".encode()).hexdigest()[:8]


def find_clusters(bookings: Iterable[Booking], limits: Thresholds) -> list[Cluster]:
    """Every cluster among ``bookings`` (the caller chooses the range) that still holds an active
    booking, the largest first. The origin patterns count active and cancelled bookings, lock-step
    moves active ones. A booking may be in several clusters, once per reason."""
    bookings = list(bookings)
    active = [b for b in bookings if b.active]
    made = [b for b in bookings if b.active or b.status is BookingStatus.CANCELLED]
    by_creation: list[tuple[str, Callable[[Booking], str | None], int]] = [
        ("shared_address", lambda b: b.origin_address, limits.identities),
        ("shared_mobile", lambda b: b.applicant.phone, limits.identities),
        ("shared_device", lambda b: b.origin_device, limits.identities),
        ("same_name", lambda b: name_key(b.applicant.full_name) or None, limits.same_name),
    ]
    clusters: list[Cluster] = []
    for reason, key, threshold in by_creation:
        for group in _grouped(made, key).values():
            for run in _bursts(group, lambda b: b.created_at, limits.window, _distinct_identities, threshold):
                if any(b.active for b in run):
                    clusters.append(Cluster(reason, _label(reason, run), tuple(run)))
    for group in _grouped(active, lambda b: b.moved_address).values():
        # Lock-step: each move within ``lockstep`` of the one before, from one address.
        for run in _bursts(group, lambda b: b.moved_at, limits.lockstep, len, limits.lockstep_moves):
            clusters.append(Cluster("lockstep_moves", _label("lockstep_moves", run), tuple(run)))
    clusters.sort(key=lambda c: (-len(c.active), -len(c.bookings), REASONS.index(c.reason), c.key))
    return clusters
