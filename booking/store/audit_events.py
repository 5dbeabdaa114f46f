"""The audit log: one append-only, hash-chained table of who did what, where, when and from where.

Each row carries ``prev_hash`` (the previous row's ``hash``) and its own ``hash``, the SHA-256 of
``prev_hash`` and the row's canonical content (its id included). Ids are dense (1, 2, 3 …),
given here rather than by a sequence, so that:

- an edited row no longer matches its own hash;
- a deleted row leaves a gap in the ids and breaks the next row's ``prev_hash``;
- a row slipped in between needs an id already taken, and a forged row at the end must know
  the chain's algorithm *and* survive a comparison with a head hash kept elsewhere
  (``mawid audit verify --head``).

Writers never fork the chain: on PostgreSQL each append takes a transaction-scoped advisory lock
before it reads the last row, so appends from every process of every node take turns; SQLite's
write transactions (``BEGIN IMMEDIATE``) serialise them already. Nothing in the code updates or
deletes these rows: the database is the record.

``detail`` is a short before/after of what changed. Callers put no names, phones or identity
numbers in it (citizens appear as ``identity:<digest prefix>``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, and_, insert, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from kernel.database import Base, Database, UTCDateTime

GENESIS = "0" * 64
AUDIT_LOCK = 0x6D61_7769_6441  # "mawidA": the advisory lock every appender takes on PostgreSQL
VERIFY_BATCH = 2_000


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    office_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    target: Mapped[str | None] = mapped_column(String(200), nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    __table_args__ = (
        Index("ix_audit_events_office_at", "office_id", "at"),
        Index("ix_audit_events_actor", "actor"),
    )


@dataclass(frozen=True, slots=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str
    action: str
    office_id: str | None
    target: str | None
    detail: dict[str, Any] | None
    address: str | None
    prev_hash: str
    hash: str


def _instant(at: datetime) -> str:
    """Microsecond UTC text: what both databases give back, so a re-read row hashes alike."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(
    prev_hash: str,
    *,
    id: int,
    at: datetime,
    actor: str,
    action: str,
    office_id: str | None,
    target: str | None,
    detail: Mapping[str, Any] | None,
    address: str | None,
) -> str:
    content = {
        "id": id,
        "at": _instant(at),
        "actor": actor,
        "action": action,
        "office_id": office_id,
        "target": target,
        "detail": dict(detail) if detail is not None else None,
        "address": address,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + "\n" + canonical).encode("utf-8")).hexdigest()


def _hash_of(event: AuditEvent) -> str:
    return event_hash(
        event.prev_hash,
        id=event.id,
        at=event.at,
        actor=event.actor,
        action=event.action,
        office_id=event.office_id,
        target=event.target,
        detail=event.detail,
        address=event.address,
    )


def _event(row: Any) -> AuditEvent:
    m = row._mapping
    return AuditEvent(
        id=m["id"],
        at=m["at"],
        actor=m["actor"],
        action=m["action"],
        office_id=m["office_id"],
        target=m["target"],
        detail=m["detail"],
        address=m["address"],
        prev_hash=m["prev_hash"],
        hash=m["hash"],
    )


_COLUMNS = AuditEventRow.__table__.c


_LAST = select(AuditEventRow.id, AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)
"""The chain's last event, built once (not anew, with its cache key, for every batch)."""


def _append(conn: Connection, fields: dict[str, Any]) -> int:
    return _append_many(conn, [fields])[0]


def _append_many(conn: Connection, batch: Sequence[Mapping[str, Any]]) -> list[int]:
    """Append the events of ``batch`` in order at the end of the chain, in one statement; their ids."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK})")
    last = conn.execute(_LAST).first()
    new_id, prev = (last.id + 1, last.hash) if last is not None else (1, GENESIS)
    rows = []
    for fields in batch:
        # JSON the way the database will give it back (tuples become lists, keys strings).
        detail = fields["detail"]
        if detail is not None:
            detail = json.loads(json.dumps(dict(detail), default=str))
        row = {**fields, "detail": detail, "id": new_id, "prev_hash": prev}
        row["hash"] = prev = event_hash(
            prev,
            id=new_id,
            at=row["at"],
            actor=row["actor"],
            action=row["action"],
            office_id=row["office_id"],
            target=row["target"],
            detail=detail,
            address=row["address"],
        )
        rows.append(row)
        new_id += 1
    conn.execute(insert(AuditEventRow), rows)
    return [row["id"] for row in rows]


def _settle(done: asyncio.Future[int], new_id: int = 0, *, error: BaseException | None = None) -> None:
    if done.done():
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(new_id)


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Which events to list. ``offices`` None means every office and events of no office (admins);
    a tuple means only those offices' events (managers)."""

    offices: tuple[str, ...] | None = None
    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None
    before_id: int | None = None
    limit: int = 50


def _list(conn: Connection, query: AuditQuery) -> list[AuditEvent]:
    conditions: list[ColumnElement[bool]] = []
    if query.offices is not None:
        conditions.append(AuditEventRow.office_id.in_(query.offices))
    if query.since is not None:
        conditions.append(AuditEventRow.at >= query.since)
    if query.until is not None:
        conditions.append(AuditEventRow.at < query.until)
    if query.actor is not None:
        conditions.append(
            or_(AuditEventRow.actor == query.actor, AuditEventRow.actor.startswith(query.actor + ":"))
        )
    if query.before_id is not None:
        conditions.append(AuditEventRow.id < query.before_id)
    rows = conn.execute(
        select(*_COLUMNS).where(and_(True, *conditions)).order_by(AuditEventRow.id.desc()).limit(query.limit)
    )
    return [_event(row) for row in rows]


def _batch(conn: Connection, after_id: int, size: int) -> list[AuditEvent]:
    rows = conn.execute(
        select(*_COLUMNS).where(AuditEventRow.id > after_id).order_by(AuditEventRow.id).limit(size)
    )
    return [_event(row) for row in rows]


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first place the chain does not hold: ``kind`` is ``edited`` (the row's content no
    longer gives its hash), ``deleted`` (ids jump, or the row does not follow the one before),
    ``inserted`` (a row whose id is already passed or whose link is forged), or ``head`` (the
    chain does not end at the head hash kept elsewhere)."""

    kind: str
    event_id: int | None
    explanation: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    head: str
    broken: ChainBreak | None


class ChainWalker:
    """Walks events in id order, one at a time, and remembers the first break."""

    def __init__(self) -> None:
        self.prev_id = 0
        self.prev_hash = GENESIS
        self.count = 0
        self.broken: ChainBreak | None = None

    def feed(self, event: AuditEvent) -> bool:
        """Take the next event; False once the chain is broken (the walk may stop)."""
        if self.broken is not None:
            return False
        self.count += 1
        self.broken = self._check(event)
        if self.broken is not None:
            return False
        self.prev_id, self.prev_hash = event.id, event.hash
        return True

    def walk(self, events: Iterable[AuditEvent]) -> bool:
        """Feed ``events`` in turn until one breaks the chain; False once it is broken."""
        return all(self.feed(event) for event in events)

    def _check(self, event: AuditEvent) -> ChainBreak | None:
        prev_id = self.prev_id
        if event.id != prev_id + 1:
            if event.id <= prev_id:
                return ChainBreak("inserted", event.id, "its id is out of order")
            missing = f"{prev_id + 1}" if event.id == prev_id + 2 else f"{prev_id + 1}-{event.id - 1}"
            return ChainBreak("deleted", event.id, f"event(s) {missing} are missing before it")
        if event.prev_hash != self.prev_hash:
            # A row whose own hash holds but which links to nothing: written by someone who knew
            # the algorithm, not by an edit of a real row.
            kind = "inserted" if _hash_of(event) == event.hash else "edited"
            return ChainBreak(kind, event.id, "it does not link to the event before it")
        if _hash_of(event) != event.hash:
            return ChainBreak("edited", event.id, "its content does not match its hash")
        return None

    def report(self, head: str | None = None) -> ChainReport:
        if self.broken is None and head is not None and head != self.prev_hash:
            return ChainReport(
                self.count,
                self.prev_hash,
                ChainBreak("head", self.prev_id or None, "the chain does not end at the given head hash"),
            )
        return ChainReport(self.count, self.prev_hash, self.broken)


def check_chain(events: Iterable[AuditEvent], head: str | None = None) -> ChainReport:
    """Walk events in id order (pure: tests run it on lists)."""
    walker = ChainWalker()
    walker.walk(events)
    return walker.report(head)


APPEND_BATCH = 500
"""The most events one transaction appends."""


class AuditEventStore:
    def __init__(self, database: Database) -> None:
        self._db = database
        # Events waiting for the appender, each with the future its writer awaits.
        self._waiting: list[tuple[dict[str, Any], asyncio.Future[int]]] = []
        self._appender: asyncio.Task[None] | None = None

    async def append(
        self,
        *,
        at: datetime,
        actor: str,
        action: str,
        office_id: str | None,
        target: str | None,
        detail: Mapping[str, Any] | None,
        address: str | None,
    ) -> int:
        """Add one event at the end of the chain; its id."""
        fields = {
            "at": at,
            "actor": actor,
            "action": action,
            "office_id": office_id,
            "target": target,
            "detail": detail,
            "address": address,
        }
        return await self._queued(fields)

    async def _queued(self, fields: dict[str, Any]) -> int:
        """Group commit: every append takes the chain's one lock, so this process sends its events
        through one appender, which writes all that came while its last transaction ran in the
        next one (lock, last row, one insert). Under a rush of bookings that is one lock and three
        round trips for many events instead of each; alone, an event goes at once as before. The
        caller still waits until its event is committed, and a batch the database refuses is tried
        again an event at a time, so one bad event loses only itself."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[int] = loop.create_future()
        self._waiting.append((fields, done))
        if self._appender is None or self._appender.done() or self._appender.get_loop() is not loop:
            self._appender = loop.create_task(self._append_waiting())
        return await asyncio.shield(done)  # a caller that gives up does not take its event away

    async def _append_waiting(self) -> None:
        batch: list[tuple[dict[str, Any], asyncio.Future[int]]] = []
        try:
            await self._append_each_batch(batch)
        finally:  # stopped (the app closing): nobody waits for ever on an event not written
            for _, done in [*batch, *self._waiting]:
                _settle(done, error=RuntimeError("the audit appender stopped"))

    async def _append_each_batch(self, batch: list[tuple[dict[str, Any], asyncio.Future[int]]]) -> None:
        """Append what waits, a batch at a time; ``batch`` holds the one being written."""
        while self._waiting:
            batch[:] = self._waiting[:APPEND_BATCH]
            del self._waiting[:APPEND_BATCH]
            try:
                ids = await self._db.write(partial(_append_many, batch=[fields for fields, _ in batch]))
            except Exception as error:
                if len(batch) == 1:
                    _settle(batch[0][1], error=error)
                    continue
                for fields, done in batch:  # one at a time: only a bad event is lost
                    try:
                        _settle(done, await self._db.write(partial(_append, fields=fields)))
                    except Exception as single:
                        _settle(done, error=single)
                continue
            for (_, done), new_id in zip(batch, ids, strict=True):
                _settle(done, new_id)

    async def list(self, query: AuditQuery) -> list[AuditEvent]:
        """Newest first; page on with ``before_id`` = the last id of the page before."""
        return await self._db.read(partial(_list, query=query))

    async def verify(self, head: str | None = None) -> ChainReport:
        """Walk the whole chain, up to its first break."""
        walker = ChainWalker()
        async for batch in self._batches():
            if not walker.walk(batch):
                break
        return walker.report(head)

    async def _batches(self) -> AsyncIterator[Sequence[AuditEvent]]:
        """Every event in id order, a batch at a time, so a long log never sits in memory at once."""
        after = 0
        while batch := await self._db.read(partial(_batch, after_id=after, size=VERIFY_BATCH)):
            yield batch
            after = batch[-1].id
