"""Who draws a day: one row per drawn day, claimed by a single statement.

Several server processes each watch for draws that have closed; the one whose ``INSERT`` makes the
day's row draws it. A claim left unfinished for ``stale_after`` (its process died half-way) may be
taken over: the entries it had not decided are still pending, and those it decided stay decided,
because each leaves ``pending`` by a conditional update (``planning.store.assignments``). A finished
day is claimed again only when entries are still pending for it (one that a process whose clock
lagged took after the draw): they are drawn in a round of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from kernel.database import Database
from planning.store.tables import ReleaseDrawRow


@dataclass(frozen=True, slots=True)
class DrawRecord:
    day: date
    claimed_at: datetime
    finished_at: datetime | None
    seed: str
    entries: int
    placed: int


def _claim(conn: Connection, day: date, seed: str, now: datetime, stale_after: timedelta) -> str | None:
    try:
        with conn.begin_nested():
            conn.execute(
                insert(ReleaseDrawRow).values(
                    day=day, claimed_at=now, finished_at=None, seed=seed, entries=0, placed=0
                )
            )
        return seed
    except IntegrityError:
        pass
    taken = conn.execute(
        update(ReleaseDrawRow)
        .where(
            ReleaseDrawRow.day == day,
            ReleaseDrawRow.finished_at.is_not(None) | (ReleaseDrawRow.claimed_at < now - stale_after),
        )
        .values(claimed_at=now, finished_at=None)
        .returning(ReleaseDrawRow.seed)
    ).one_or_none()
    return None if taken is None else str(taken.seed)


class ReleaseDrawStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def claim(self, day: date, seed: str, now: datetime, stale_after: timedelta) -> str | None:
        """Claim ``day``'s draw; the seed to draw with (``seed`` for a new claim, the first
        claimant's when taking over a stale one, so the order stays the one recorded), or None
        when another process holds it or it is done."""
        return await self._db.write(partial(_claim, day=day, seed=seed, now=now, stale_after=stale_after))

    async def finish(self, day: date, entries: int, placed: int, now: datetime) -> None:
        def work(conn: Connection) -> None:
            conn.execute(
                update(ReleaseDrawRow)
                .where(ReleaseDrawRow.day == day)
                .values(
                    finished_at=now,
                    entries=ReleaseDrawRow.entries + entries,
                    placed=ReleaseDrawRow.placed + placed,
                )
            )

        await self._db.write(work)

    async def record(self, day: date) -> DrawRecord | None:
        def work(conn: Connection) -> DrawRecord | None:
            columns = ReleaseDrawRow.__table__.c
            row = conn.execute(select(*columns).where(ReleaseDrawRow.day == day)).one_or_none()
            if row is None:
                return None
            return DrawRecord(row.day, row.claimed_at, row.finished_at, row.seed, row.entries, row.placed)

        return await self._db.read(work)
