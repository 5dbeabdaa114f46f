"""The production backend: every office's queue in Redis, shared by all server processes.

Issue, call-next, counter changes and the snapshot are single Lua scripts (see ``redis_lua``).
The other transitions are decided in Python by the same state machine the memory store uses and
written by one compare-and-set script: it applies the step only if the ticket is still exactly
what was read, else the step is recomputed from the fresh ticket. Either way a change and its
numbered events land together or not at all.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from queue_display import errors, events, ticket
from queue_display.board import RECENT
from queue_display.counter import CounterState
from queue_display.estimate import SAMPLES
from queue_display.events import Event
from queue_display.policy import epoch_ms, member
from queue_display.restoration import Restoration
from queue_display.store import redis_lua
from queue_display.store.base import (
    BoardState,
    Change,
    CounterChange,
    OfficeStateLost,
    QueueStore,
    Step,
)
from queue_display.ticket import Ticket, TicketStatus

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.asyncio.cluster import RedisCluster

TTL_SECONDS = 2 * 24 * 3600
"""A day's keys outlive the day by one, for late completions; the database keeps the rest."""

COMMIT_ATTEMPTS = 20

RESTORE_LOCK_MS = 30_000
"""How long a restore may hold an office's lock before another process may take over (a process
that died while restoring must not block the office for good)."""

RESTORE_WAIT_SECONDS = 10.0
"""How long a process waits for another's restore before it answers "unavailable"."""


class RedisQueueStore(QueueStore):
    def __init__(
        self,
        redis: Redis | RedisCluster,
        *,
        key_prefix: str = "mawid",
        owns_client: bool = False,
        **options: Any,
    ) -> None:
        """``redis`` may be shared (with the channels plugin, say); it is closed by ``close`` only
        when ``owns_client``, as with ``from_url``."""
        super().__init__(**options)
        if "{" in key_prefix or "}" in key_prefix:
            raise ValueError("the key prefix must not contain braces: they mark the hash tag")
        self._redis = redis
        self._prefix = key_prefix
        self._owns_client = owns_client
        self._issue_script = redis.register_script(redis_lua.ISSUE)
        self._call_script = redis.register_script(redis_lua.CALL_NEXT)
        self._commit_script = redis.register_script(redis_lua.COMMIT)
        self._counter_script = redis.register_script(redis_lua.SET_COUNTER)
        self._board_script = redis.register_script(redis_lua.BOARD)
        self._position_script = redis.register_script(redis_lua.POSITION)
        self._restore_script = redis.register_script(redis_lua.RESTORE)
        self._events_script = redis.register_script(redis_lua.EVENTS)
        self._estimate_script = redis.register_script(redis_lua.ESTIMATE_INPUTS)
        self._release_script = redis.register_script(redis_lua.RELEASE)

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RedisQueueStore:
        """A store with its own client for ``MAWID_REDIS_URL``; connects lazily, on first use."""
        from redis.asyncio import Redis

        return cls(Redis.from_url(url), owns_client=True, **options)

    def office_key(self, office_id: str) -> str:
        """``mawid:{giza-passports}``: the braces make every key of an office one cluster slot."""
        return f"{self._prefix}:{{{office_id}}}"

    async def _is_lost(self, office_id: str) -> bool:
        return not await self._redis.exists(f"{self.office_key(office_id)}:live")

    def _lost_if(self, status: str, office_id: str) -> None:
        if status == "lost":
            raise OfficeStateLost(office_id)

    @asynccontextmanager
    async def _restoring(self, office_id: str) -> AsyncIterator[bool]:
        """A lock in Redis itself (``SET NX PX`` with a token, released only by its holder): of
        all the processes that found the office lost at once, one reads the archive."""
        key, token = f"{self.office_key(office_id)}:restoring", uuid.uuid4().hex
        deadline = time.monotonic() + RESTORE_WAIT_SECONDS
        while not await self._redis.set(key, token, nx=True, px=RESTORE_LOCK_MS):
            if not await self._is_lost(office_id):
                yield False
                return
            if time.monotonic() > deadline:
                raise OfficeStateLost(office_id)
            await asyncio.sleep(0.05)
        try:
            yield True
        finally:
            await self._release_script(keys=[key], args=[token])

    async def _next_sequence(self, office_id: str, day: date) -> int:
        key = f"{self.office_key(office_id)}:{day.isoformat()}:sequence"
        number = int(await self._redis.incr(key))
        await self._redis.expire(key, TTL_SECONDS)
        return number

    async def _issue(self, draft: Ticket, now: datetime) -> tuple[Ticket, list[Event], int]:
        reply = await self._issue_script(
            keys=[self.office_key(draft.office_id)],
            args=[
                _dump(ticket.to_dict(draft)),
                draft.number.split("-")[0],
                self.policy.score(draft),
                epoch_ms(self.policy.due_at(draft)),
                epoch_ms(now),
                TTL_SECONDS,
                self.history,
                draft.booking_code or "",
                _event_text(events.queue(draft.office_id)),
            ],
        )
        status = _text(reply[0])
        self._lost_if(status, draft.office_id)
        if status == "already_checked_in":
            raise errors.already_checked_in(draft.booking_code or "")
        return _ticket(reply[1]), _events(reply[3:]), int(reply[2])

    async def _call_next(
        self, office_id: str, counter_id: str, services: Collection[str], now: datetime
    ) -> Change | None:
        now = self.local(now)
        reply = await self._call_script(
            keys=[self.office_key(office_id)],
            args=[
                now.date().isoformat(),
                counter_id,
                now.isoformat(),
                epoch_ms(now),
                TTL_SECONDS,
                self.history,
                office_id,
                events.ANNOUNCE_AR,
                events.ANNOUNCE_EN,
                RECENT,
                *sorted(services),
            ],
        )
        status = _text(reply[0])
        self._lost_if(status, office_id)
        if status == "counter_not_open":
            raise errors.counter_not_open(counter_id)
        if status == "counter_busy":
            held = await self.get_ticket(office_id, _text(reply[1]))
            raise errors.counter_busy(counter_id, held.number)
        if status == "empty":
            return None
        return Change(_ticket(reply[1]), tuple(_events(reply[2:])))

    async def _apply(self, office_id: str, ticket_id: str, step: Step) -> Change:
        key = self.office_key(office_id)
        for _ in range(COMMIT_ATTEMPTS):
            raw = await self._redis.get(f"{key}:ticket:{ticket_id}")
            if raw is None:
                raise await self._missing(office_id, errors.ticket_not_found(ticket_id))
            old = _ticket(raw)
            new, successor = step(old)
            sample = new.service_seconds if new.status is TicketStatus.DONE else None
            # What joins a line: a transfer's or a chain's new ticket, or a parked one back.
            queued = successor or (new if new.status is TicketStatus.WAITING else None)
            queued_at = (successor.issued_at if successor else new.returned_at) if queued else None
            reply = await self._commit_script(
                keys=[key],
                args=[
                    ticket_id,
                    raw,
                    _dump(ticket.to_dict(new)),
                    TTL_SECONDS,
                    self.history,
                    _dump(ticket.to_dict(successor)) if successor else "",
                    self.policy.score(queued) if queued else 0,
                    epoch_ms(self.policy.due_at(queued)) if queued else 0,
                    epoch_ms(queued_at) if queued_at else 0,
                    "" if sample is None else repr(sample),
                    SAMPLES,
                    *(_event_text(e) for e in events.for_change(old, new, successor)),
                ],
            )
            self._lost_if(_text(reply[0]), office_id)
            if _text(reply[0]) == "ok":
                return Change.of_step(new, successor, tuple(_events(reply[1:])))
        raise errors.ticket_busy(old.number)

    async def _missing(self, office_id: str, error: Exception) -> Exception:
        """What a read that found nothing means: the office was lost, or the thing is not there."""
        return OfficeStateLost(office_id) if await self._is_lost(office_id) else error

    async def _get_ticket(self, office_id: str, ticket_id: str) -> Ticket:
        raw = await self._redis.get(f"{self.office_key(office_id)}:ticket:{ticket_id}")
        if raw is None:
            raise await self._missing(office_id, errors.ticket_not_found(ticket_id))
        return _ticket(raw)

    async def _counter_ticket(self, office_id: str, counter_id: str, now: datetime) -> Ticket | None:
        key = self.office_key(office_id)
        held = await self._redis.hget(f"{key}:{self.day_of(now).isoformat()}:holding", counter_id)
        if held is None:
            if await self._is_lost(office_id):
                raise OfficeStateLost(office_id)
            return None
        return await self._get_ticket(office_id, _text(held))

    async def _checked_in_ticket(self, office_id: str, day: date, booking_code: str) -> Ticket | None:
        key = self.office_key(office_id)
        found = await self._redis.hget(f"{key}:{day.isoformat()}:checkins", booking_code)
        if found is None:
            if await self._is_lost(office_id):
                raise OfficeStateLost(office_id)
            return None
        raw = await self._redis.get(f"{key}:ticket:{_text(found)}")
        return _ticket(raw) if raw is not None else None

    async def _position(self, office_id: str, ticket_id: str, now: datetime) -> int | None:
        key = self.office_key(office_id)
        raw = await self._redis.get(f"{key}:ticket:{ticket_id}")
        if raw is None:
            raise await self._missing(office_id, errors.ticket_not_found(ticket_id))
        found = _ticket(raw)
        if found.status is not TicketStatus.WAITING:
            return None
        reply = await self._position_script(
            keys=[key], args=[found.day.isoformat(), found.service, member(found), epoch_ms(now)]
        )
        status = _text(reply[0])
        self._lost_if(status, office_id)
        return int(reply[1]) if status == "ok" else None

    async def restore(self, restoration: Restoration) -> int:
        """One script (``RESTORE``): another process starting at the same time, or a Redis that
        kept everything, leaves the office as it was."""
        # "now" = 0 files every waiting ticket as not yet due; the next issue or call-next
        # promotes the due ones, as it does for early arrivals, so no clock is needed here.
        reply = await self._restore_script(
            keys=[self.office_key(restoration.office_id)],
            args=[TTL_SECONDS, restoration.seq_floor, 0, _dump(self._restore_argument(restoration))],
        )
        return int(reply)

    def _restore_argument(self, r: Restoration) -> dict[str, Any]:
        """The archived day as ``RESTORE`` reads it: each ticket with its queue score and due time,
        the indexes keyed by ISO day, the samples and counter states as JSON."""
        return {
            "tickets": [
                [_dump(ticket.to_dict(t)), str(self.policy.score(t)), str(epoch_ms(self.policy.due_at(t)))]
                for t in r.tickets
            ],
            "sequences": {day.isoformat(): n for day, n in r.last_sequences().items()},
            "check_ins": [[day.isoformat(), code, i] for (day, code), i in r.check_ins().items()],
            "holding": [[day.isoformat(), c, t.id] for (day, c), t in r.at_counters().items()],
            "services": {day.isoformat(): sorted(s) for day, s in r.services().items()},
            "recent": {day.isoformat(): [_dump(e) for e in es] for day, es in r.recent().items()},
            "samples": {service: json.dumps(seconds) for service, seconds in r.samples().items()},
            "counters": {c.counter_id: _dump(c.to_dict()) for c in r.counters},
        }

    async def _set_counter(self, office_id: str, state: CounterState) -> CounterChange:
        reply = await self._counter_script(
            keys=[self.office_key(office_id)],
            args=[
                state.counter_id,
                _dump(state.to_dict()),
                self.history,
                _event_text(events.counter_changed(office_id, state)),
            ],
        )
        self._lost_if(_text(reply[0]), office_id)
        return CounterChange(state, tuple(_events(reply[1:])))

    async def _counters(self, office_id: str) -> list[CounterState]:
        raw = await self._redis.hvals(f"{self.office_key(office_id)}:counters")
        if not raw and await self._is_lost(office_id):
            raise OfficeStateLost(office_id)
        found = [CounterState.from_dict(json.loads(r)) for r in raw]
        return sorted(found, key=lambda c: c.counter_id)

    async def _events_after(self, office_id: str, seq: int) -> list[Event] | None:
        reply = await self._events_script(keys=[self.office_key(office_id)])
        self._lost_if(_text(reply[0]), office_id)
        return events.replay(_events(reply[2:]), int(reply[1]), seq)

    async def _last_seq(self, office_id: str) -> int:
        key = self.office_key(office_id)
        last, live = await self._redis.mget(f"{key}:seq", f"{key}:live")
        if live is None:
            raise OfficeStateLost(office_id)
        return int(last or 0)

    async def _board_state(self, office_id: str, day: date) -> BoardState:
        raw = await self._board_script(keys=[self.office_key(office_id)], args=[day.isoformat()])
        self._lost_if(_text(raw), office_id)
        state = json.loads(raw)
        return BoardState(
            seq=state["seq"],
            at_counters=[_ticket(t) for t in _list(state["at_counters"])],
            recent=[json.loads(r) for r in _list(state["recent"])],
            waiting={s: state["waiting"][s] for s in sorted(state["waiting"])},
            samples=_samples(_list(state["samples"])),
            counters=[CounterState.from_dict(json.loads(c)) for c in _list(state["counters"])],
            parked=sorted(_list(state["parked"])),
        )

    async def _estimate_inputs(
        self, office_id: str
    ) -> tuple[Mapping[str, Sequence[float]], list[CounterState]]:
        samples, counters = await self._estimate_script(keys=[self.office_key(office_id)])
        states = [CounterState.from_dict(json.loads(c)) for c in counters]
        return _samples([_text(s) for s in samples]), states

    async def ping(self) -> None:
        await self._redis.ping()

    async def close(self) -> None:
        if self._owns_client:
            await self._redis.aclose()


def _dump(data: Mapping[str, Any]) -> str:
    # Compact separators matter: the Lua side finds queue events by '"type":"queue"'.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _ticket(raw: bytes | str) -> Ticket:
    return ticket.from_dict(json.loads(raw))


def _event_text(event: Event) -> str:
    """An event without its seq as the Lua side splices it: compact, the ``type`` tag first."""
    return events.encode(event).decode()


def _events(raw: Sequence[bytes | str]) -> list[Event]:
    return [events.decode(r) for r in raw]


def _list(value: Any) -> list[Any]:
    """cjson encodes an empty Lua table as ``{}``; every list here may be empty."""
    return value if isinstance(value, list) else []


def _samples(flat: list[str]) -> dict[str, list[float]]:
    return {flat[i]: json.loads(flat[i + 1]) for i in range(0, len(flat), 2)}
