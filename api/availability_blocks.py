"""Each (office, services, people, day) availability encoded once, as the bytes of its ``DayOut``.

An answer of two weeks is its frame (``{"office_id":…,"days":[`` and what follows the days)
around fourteen day blocks joined by commas: the same bytes ``msgspec`` writes for the whole
``AvailabilityOut``. A block lives ``ttl`` seconds at most (the safety net when a change is not
heard: a process restarted, pub/sub lost); a change heard (``invalidate``) drops at once exactly
the blocks of its day, or every day of the office's service when the day is not known.

A block computed while a change of its day was heard is served to the request that computed it
but not kept: the database may have been read before the change was committed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import count

REFRESH = 0.75
"""The share of a block's life after which the next request has it computed anew in the
background, so that nobody waits for the database while a block is merely old."""

REFRESH_SPREAD = 0.25
"""Each block is refreshed from a point drawn between ``REFRESH - REFRESH_SPREAD`` and ``REFRESH``
of its life: the pairs a rush asks are first computed together and would otherwise stay in step,
refreshing all at once every second — a burst that queued for the database past their expiry, so
that askers waited; spread, the same refreshes come a few at a time."""

MAX_BLOCKS = 100_000
"""~300 offices × 12 services × 14 days and some chains; beyond it everything is dropped at once."""

Chain = tuple[str, ...]
"""The services an answer is for, in the order served (one for a single service)."""


BlockKey = tuple[str, Chain, int, date]
"""(office, chain, people, day): a plain tuple, hashed in C on every request."""


@dataclass(frozen=True, slots=True)
class Block:
    body: bytes
    """The day's ``DayOut`` as JSON."""
    serial: int
    """Names these bytes: a block computed anew with the same bytes keeps its serial."""
    expires: float
    """A second (``ttl``) after the database was read for it: never served later."""
    fresh_until: float = float("inf")
    """After this (at most ``REFRESH`` of ``ttl``) it is served while it is computed anew aside."""


@dataclass(frozen=True, slots=True)
class Frame:
    """What surrounds the days of an answer for (office, chain): the bytes before the first day
    and after the last, and the office's time zone (which day is today there)."""

    head: bytes
    tail: bytes
    timezone: str
    serial: int
    expires: float


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    etag: str
    """Strong: a digest of ``body`` (two processes with the same bytes give the same tag)."""


Refresh = tuple[str, Chain, int, date, date]
"""(office, chain, people, first day, last day): days to compute anew."""

Generation = tuple[int, ...]
"""What a process had heard of an office's services and day when it began computing a block."""


def frame_around(whole: bytes) -> tuple[bytes, bytes]:
    """``whole`` (an answer encoded with no days) split where its days go."""
    marker = b'"days":['
    at = whole.index(marker) + len(marker)
    if whole[at : at + 1] != b"]":
        raise ValueError("an answer with days cannot be a frame")
    return whole[:at], whole[at:]


def _refresh_point(key: BlockKey, read_at: float) -> float:
    """Where in its life a block is refreshed: drawn once per office, services, people and read,
    so the days read together are refreshed together (one read), while pairs are spread."""
    office_id, chain, people, _ = key
    spread = (hash((office_id, chain, people, read_at)) % 1024) / 1024
    return REFRESH - REFRESH_SPREAD * spread


def assemble(frame: Frame, blocks: Iterable[Block]) -> bytes:
    return frame.head + b",".join(block.body for block in blocks) + frame.tail


def etag_of(body: bytes) -> str:
    """A weak tag over the JSON's bytes: the same answer may travel gzipped (the app compresses
    answers over 2 KB for clients that ask), and a strong tag would promise identical bytes."""
    return 'W/"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def unchanged(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (or is ``*``); a weak tag compares by
    its opaque part, as RFC 9110 has it for ``If-None-Match``."""
    if if_none_match is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag.removeprefix("W/") in tags or "*" in tags


class DayBlocks:
    """The blocks and frames of this process, and the answers last assembled from them."""

    def __init__(self, ttl_seconds: float = 1.0, monotonic: Callable[[], float] = time.monotonic) -> None:
        if not 0 < ttl_seconds <= 1.0:
            raise ValueError("availability may be at most a second old")
        self._ttl = ttl_seconds
        self._now = monotonic
        self.now = monotonic
        """The clock of the blocks' lives (a test moves it)."""
        self._serials = count(1)
        self._blocks: dict[BlockKey, Block] = {}
        self._by_service: dict[tuple[str, str], set[BlockKey]] = {}
        self._frames: dict[tuple[str, Chain], Frame] = {}
        self._answers: dict[tuple[str, Chain, int, date, date], tuple[tuple[int, ...], Answer]] = {}
        # Changes heard, by (office, service) for every day and by (office, service, day).
        self._heard_all: dict[tuple[str, str], int] = {}
        self._heard_day: dict[tuple[str, str, date], int] = {}
        self._epoch = 0
        # The answers last given, by the request as it came (raw services, dates or None, people):
        # served as they are until one of their parts expires or any change is heard.
        self._changes = 0
        self._given: dict[Hashable, tuple[float, float, int, Answer, Refresh]] = {}

    # Blocks

    def block(self, key: BlockKey) -> Block | None:
        block = self._blocks.get(key)
        if block is None or block.expires <= self._now():
            return None
        return block

    def generation(self, office_id: str, chain: Chain, day: date) -> Generation:
        all_, days = self._heard_all, self._heard_day
        return (
            self._epoch,
            *(
                n
                for code in chain
                for n in (all_.get((office_id, code), 0), days.get((office_id, code, day), 0))
            ),
        )

    def stale(self, block: Block) -> bool:
        """Old enough to be computed anew aside (it is still served meanwhile)."""
        return block.fresh_until <= self._now()

    def put(self, key: BlockKey, body: bytes, heard: Generation, read_at: float) -> Block:
        """Keep ``body`` as ``key``'s block unless a change of its day was heard since ``heard``;
        either way the block to serve. ``read_at``: when the database was read for it (on the
        clock ``now``), from which its second of life counts."""
        old = self._blocks.get(key)
        serial = old.serial if old is not None and old.body == body else next(self._serials)
        block = Block(body, serial, read_at + self._ttl, read_at + _refresh_point(key, read_at) * self._ttl)
        office_id, chain, _, day = key
        if heard != self.generation(office_id, chain, day):
            return block
        if len(self._blocks) >= MAX_BLOCKS:
            self.clear()
        self._blocks[key] = block
        for code in chain:
            self._by_service.setdefault((office_id, code), set()).add(key)
        return block

    # Frames

    def frame(self, office_id: str, chain: Chain) -> Frame | None:
        frame = self._frames.get((office_id, chain))
        if frame is None or frame.expires <= self._now():
            return None
        return frame

    def put_frame(self, office_id: str, chain: Chain, whole: bytes, timezone: str) -> Frame:
        """Keep the frame of an answer for (office, chain), from one encoded with no days."""
        head, tail = frame_around(whole)
        old = self._frames.get((office_id, chain))
        same = old is not None and (old.head, old.tail, old.timezone) == (head, tail, timezone)
        serial = old.serial if old is not None and same else next(self._serials)
        frame = Frame(head, tail, timezone, serial, self._now() + self._ttl)
        if len(self._frames) >= MAX_BLOCKS:
            self._frames.clear()
        self._frames[(office_id, chain)] = frame
        return frame

    # Answers

    def answer(
        self,
        office_id: str,
        chain: Chain,
        people: int,
        first: date,
        last: date,
        frame: Frame,
        blocks: list[Block],
    ) -> Answer:
        """The frame around the blocks, with its ETag; assembled (and digested) again only when a
        block's bytes changed."""
        key = (office_id, chain, people, first, last)
        serials = (frame.serial, *(block.serial for block in blocks))
        kept = self._answers.get(key)
        if kept is not None and kept[0] == serials:
            return kept[1]
        body = assemble(frame, blocks)
        answer = Answer(body, etag_of(body))
        if len(self._answers) >= MAX_BLOCKS:
            self._answers.clear()
        self._answers[key] = (serials, answer)
        return answer

    def given(self, request: Hashable) -> tuple[Answer, Refresh | None] | None:
        """The answer last given to ``request``, if none of its parts expired and no change at all
        was heard since (the common case costs one lookup); with what to compute anew aside when
        a block of it is old enough."""
        kept = self._given.get(request)
        if kept is None:
            return None
        expires, fresh_until, changes, answer, refresh = kept
        now = self._now()
        if changes != self._changes or expires <= now:
            return None
        return answer, (refresh if fresh_until <= now else None)

    def give(
        self, request: Hashable, answer: Answer, frame: Frame, blocks: list[Block], refresh: Refresh
    ) -> None:
        """Remember ``answer`` for ``request``; ``refresh``: the days to compute anew when old."""
        expires = min([frame.expires, *(block.expires for block in blocks)])
        fresh_until = min(block.fresh_until for block in blocks) if blocks else float("inf")
        if len(self._given) >= MAX_BLOCKS:
            self._given.clear()
        self._given[request] = (expires, fresh_until, self._changes, answer, refresh)

    # Changes

    def invalidate(self, office_id: str, service: str, day: date | None = None) -> None:
        """Bookings of ``service`` at ``office_id`` changed on ``day`` (None: on any day): drop
        the blocks that depend on it, alone or in a chain, and refuse to keep blocks of it whose
        computation had begun before."""
        self._changes += 1
        if day is None:
            self._heard_all[(office_id, service)] = self._heard_all.get((office_id, service), 0) + 1
        else:
            if len(self._heard_day) >= MAX_BLOCKS:
                self._heard_day.clear()
                self._epoch += 1
            where = (office_id, service, day)
            self._heard_day[where] = self._heard_day.get(where, 0) + 1
        keys = self._by_service.get((office_id, service))
        if not keys:
            return
        gone = [key for key in keys if day is None or key[3] == day]
        for key in gone:
            self._blocks.pop(key, None)
            for code in key[1]:
                others = self._by_service.get((office_id, code))
                if others is not None:
                    others.discard(key)

    def clear(self) -> None:
        """Forget every block (changes may have been missed: pub/sub lost and back); blocks being
        computed are not kept either."""
        self._blocks.clear()
        self._by_service.clear()
        self._epoch += 1
        self._changes += 1

    def __len__(self) -> int:
        return len(self._blocks)
