"""The production backend: every office's queue in Redis, shared by all server processes.

Issue, call-next, counter changes and the snapshot are single Lua scripts (see ``redis_lua``).
The other transitions are decided in Python by the same state machine the memory store uses and
written by one compare-and-set script: it applies the step only if the ticket is still exactly
what was read, else the step is recomputed from the fresh ticket. Either way a change and its
numbered events land together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from queue_display import errors, events, ticket
from queue_display.board import RECENT
from queue_display.counter import CounterState, CounterStatus
from queue_display.estimate import SAMPLES
from queue_display.events import Event
from queue_display.policy import epoch_ms
from queue_display.restoration import Restoration
from queue_display.store import redis_lua
from queue_display.store.base import BoardState, Change, CounterChange, QueueStore, Step
from queue_display.ticket import Ticket, TicketStatus

if TYPE_CHECKING:
    from redis.asyncio import Redis

TTL_SECONDS = 2 * 24 * 3600
"""A day's keys outlive the day by one, for late completions; the database keeps the rest."""

COMMIT_ATTEMPTS = 20


class RedisQueueStore(QueueStore):
    def __init__(
        self, redis: Redis, *, key_prefix: str = "mawid", owns_client: bool = False, **options: Any
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
        self._restore_script = redis.register_script(redis_lua.RESTORE)

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RedisQueueStore:
        """A store with its own client for ``MAWID_REDIS_URL``; connects lazily, on first use."""
        from redis.asyncio import Redis

        return cls(Redis.from_url(url), owns_client=True, **options)

    def office_key(self, office_id: str) -> str:
        """``mawid:{giza-passports}``: the braces make every key of an office one cluster slot."""
        return f"{self._prefix}:{{{office_id}}}"

    async def _issue(self, draft: Ticket, prefix: str, now: datetime) -> tuple[Ticket, list[Event], int]:
        reply = await self._issue_script(
            keys=[self.office_key(draft.office_id)],
            args=[
                _dump(ticket.to_dict(draft)),
                prefix,
                self.policy.score(draft),
                epoch_ms(self.policy.due_at(draft)),
                epoch_ms(now),
                TTL_SECONDS,
                self.history,
                draft.booking_code or "",
                _dump(events.queue(draft.office_id)),
            ],
        )
        status = _text(reply[0])
        if status == "already_checked_in":
            raise errors.already_checked_in(draft.booking_code or "")
        return _ticket(reply[1]), _events(reply[3:]), int(reply[2])

    async def call_next(
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
                raise errors.ticket_not_found(ticket_id)
            old = _ticket(raw)
            new, successor = step(old)
            sample = new.service_seconds if new.status is TicketStatus.DONE else None
            reply = await self._commit_script(
                keys=[key],
                args=[
                    ticket_id,
                    raw,
                    _dump(ticket.to_dict(new)),
                    TTL_SECONDS,
                    self.history,
                    _dump(ticket.to_dict(successor)) if successor else "",
                    self.policy.score(successor) if successor else 0,
                    epoch_ms(self.policy.due_at(successor)) if successor else 0,
                    epoch_ms(successor.issued_at) if successor else 0,
                    "" if sample is None else repr(sample),
                    SAMPLES,
                    *(_dump(e) for e in events.for_change(old, new, successor)),
                ],
            )
            if _text(reply[0]) == "ok":
                logged = tuple(_events(reply[1:]))
                if successor is not None:
                    return Change(successor, logged, transferred=new)
                return Change(new, logged)
        raise errors.ticket_busy(old.number)

    async def get_ticket(self, office_id: str, ticket_id: str) -> Ticket:
        raw = await self._redis.get(f"{self.office_key(office_id)}:ticket:{ticket_id}")
        if raw is None:
            raise errors.ticket_not_found(ticket_id)
        return _ticket(raw)

    async def counter_ticket(self, office_id: str, counter_id: str, now: datetime) -> Ticket | None:
        key = self.office_key(office_id)
        held = await self._redis.hget(f"{key}:{self.day_of(now).isoformat()}:holding", counter_id)
        return await self.get_ticket(office_id, _text(held)) if held is not None else None

    async def checked_in_ticket(self, office_id: str, day: date, booking_code: str) -> Ticket | None:
        key = self.office_key(office_id)
        found = await self._redis.hget(f"{key}:{day.isoformat()}:checkins", booking_code)
        if found is None:
            return None
        raw = await self._redis.get(f"{key}:ticket:{_text(found)}")
        return _ticket(raw) if raw is not None else None

    async def restore(self, restoration: Restoration) -> int:
        """One script (``RESTORE``): another process starting at the same time, or a Redis that
        kept everything, leaves the office as it was."""
        r = restoration
        whole = {
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
        # "now" = 0 files every waiting ticket as not yet due; the next issue or call-next
        # promotes the due ones, as it does for early arrivals, so no clock is needed here.
        reply = await self._restore_script(
            keys=[self.office_key(r.office_id)], args=[TTL_SECONDS, r.seq_floor, 0, _dump(whole)]
        )
        return int(reply)

    async def set_counter(
        self, office_id: str, counter_id: str, status: CounterStatus, services: Collection[str]
    ) -> CounterChange:
        state = CounterState(counter_id, CounterStatus(status), frozenset(services))
        reply = await self._counter_script(
            keys=[self.office_key(office_id)],
            args=[
                counter_id,
                _dump(state.to_dict()),
                self.history,
                _dump(events.counter_changed(office_id, state)),
            ],
        )
        return CounterChange(state, tuple(_events(reply[1:])))

    async def counters(self, office_id: str) -> list[CounterState]:
        raw = await self._redis.hvals(f"{self.office_key(office_id)}:counters")
        found = [CounterState.from_dict(json.loads(r)) for r in raw]
        return sorted(found, key=lambda c: c.counter_id)

    async def events_after(self, office_id: str, seq: int) -> list[Event] | None:
        key = self.office_key(office_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.get(f"{key}:seq")
            pipe.lrange(f"{key}:events", 0, -1)
            last, history = await pipe.execute()
        return events.replay(_events(history), int(last or 0), seq)

    async def last_seq(self, office_id: str) -> int:
        return int(await self._redis.get(f"{self.office_key(office_id)}:seq") or 0)

    async def _board_state(self, office_id: str, day: date) -> BoardState:
        raw = await self._board_script(keys=[self.office_key(office_id)], args=[day.isoformat()])
        state = json.loads(raw)
        return BoardState(
            seq=state["seq"],
            at_counters=[_ticket(t) for t in _list(state["at_counters"])],
            recent=[json.loads(r) for r in _list(state["recent"])],
            waiting={s: state["waiting"][s] for s in sorted(state["waiting"])},
            samples=_samples(_list(state["samples"])),
            counters=[CounterState.from_dict(json.loads(c)) for c in _list(state["counters"])],
        )

    async def _estimate_inputs(
        self, office_id: str
    ) -> tuple[Mapping[str, Sequence[float]], list[CounterState]]:
        key = self.office_key(office_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(f"{key}:samples")
            pipe.hvals(f"{key}:counters")
            samples, counters = await pipe.execute()
        return (
            {_text(s): json.loads(v) for s, v in samples.items()},
            [CounterState.from_dict(json.loads(c)) for c in counters],
        )

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


def _events(raw: Sequence[bytes | str]) -> list[Event]:
    return [json.loads(r) for r in raw]


def _list(value: Any) -> list[Any]:
    """cjson encodes an empty Lua table as ``{}``; every list here may be empty."""
    return value if isinstance(value, list) else []


def _samples(flat: list[str]) -> dict[str, list[float]]:
    return {flat[i]: json.loads(flat[i + 1]) for i in range(0, len(flat), 2)}
