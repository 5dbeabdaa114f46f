"""One screen's feed: the office's events in seq order, each exactly once, with no gap.

The pub/sub that carries events between processes promises none of that: two processes publish
in the order their requests finish, not in seq order, and a slow screen's backlog drops events.
So a published event is taken as a hint. If it is the next seq it goes straight out; an old one
is dropped; one that leaves a gap makes the feed read what it missed from the store's log (which
the store writes in the same atomic step that numbers the events), or, when the log no longer
reaches back, send a fresh snapshot instead. The periodic tick does the same check, so a screen
is never more than one ping behind even if pub/sub lost the last event of a quiet hall.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from msgspec import UnsetType

from queue_display.events import Event, Message, Ping, Resync, Snapshot, seq_of
from queue_display.store.base import QueueStore


class DisplayFeed:
    def __init__(self, store: QueueStore, office_id: str, now: Callable[[], datetime]) -> None:
        self.store = store
        self.office_id = office_id
        self._now = now
        self.last_seq = 0
        """The seq of the last event (or snapshot) this screen was sent."""

    async def open(self, after: int | None) -> list[Message]:
        """What a screen gets on connecting: the events after ``after`` when the log still holds
        them, else a snapshot."""
        if after is not None and after >= 0:
            missed = await self.store.events_after(self.office_id, after)
            if missed is not None:
                self.last_seq = after
                return self._take(missed)
        return [await self._snapshot()]

    async def receive(self, event: Event | Resync) -> list[Message]:
        """What to send for one published event: it, nothing, or what repairs a gap. A
        ``resync`` notice (the pub/sub was broken and is back) asks for the same check as a tick."""
        if isinstance(event, Resync):
            return await self.tick()
        if isinstance(event.seq, UnsetType) or event.seq <= self.last_seq:
            return []
        if event.seq == self.last_seq + 1:
            self.last_seq = event.seq
            return [event]
        return await self._catch_up()

    async def tick(self) -> list[Message]:
        """Before a ping: anything the screen should have had by now."""
        last = await self.store.last_seq(self.office_id)
        if last == self.last_seq:
            return []
        if last < self.last_seq:  # the log was reset under the screen (e.g. a flushed Redis)
            return [await self._snapshot()]
        return await self._catch_up()

    def ping(self) -> Ping:
        """Not an event of the office: it has no ``seq``. ``last_seq`` lets a screen check itself."""
        return Ping(at=self._now().isoformat(), last_seq=self.last_seq)

    async def _catch_up(self) -> list[Message]:
        missed = await self.store.events_after(self.office_id, self.last_seq)
        if missed is None:
            return [await self._snapshot()]
        return self._take(missed)

    def _take(self, events: list[Event]) -> list[Message]:
        fresh = [event for event in events if seq_of(event) > self.last_seq]
        if fresh:
            self.last_seq = seq_of(fresh[-1])
        return list(fresh)

    async def _snapshot(self) -> Snapshot:
        snapshot = await self.store.board(self.office_id, self._now())
        self.last_seq = snapshot.seq
        return snapshot
