"""One booking end to end, taken apart: the SQL statements and transactions it costs, and where
its CPU goes, in an in-process app (no HTTP server, no load generator) on SQLite or PostgreSQL.

    .venv/bin/python -m bench.profile_booking [--bookings 300] [--postgres ADMIN_URL] [--profile]

Books ``--bookings`` times through ``POST /api/v1/bookings`` (ASGI; ``--concurrency`` clients at
once, one by default; each a fresh identity on a free slot, as the rush's first answers are) and
prints the bookings per second and CPU per booking of the whole process, and per booking: statements
executed, transactions, and the statements by kind; with ``--profile``, cProfile's top functions
by cumulative and by own time. A statement is one round trip to PostgreSQL (asyncpg prepares a
statement once per connection, then executes it by name); BEGIN and COMMIT are one more each.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import os
import pstats
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import create_async_engine

from api.app import create_app
from api.cli import prepare
from api.rate_limits import room
from api.settings import Settings
from bench.bench_booking import CLOCK, SECRET, fresh_postgres
from kernel.clock import clock_from_setting


class StatementCounter:
    """Every statement any engine of this process executes, by kind (its first words and table)."""

    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.statements = 0
        self.begins = 0
        self.commits = 0
        self.active = False
        self.shown: list[str] | None = None
        event.listen(Engine, "before_cursor_execute", self._statement)
        event.listen(Engine, "begin", self._begin)
        event.listen(Engine, "commit", self._commit)

    def reset(self) -> None:
        self.kinds.clear()
        self.statements = self.begins = self.commits = 0

    def _statement(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if self.active:
            self.statements += 1
            self.kinds[kind_of(statement)] += 1
            if self.shown is not None:
                self.shown.append(f"[{id(conn) % 10000:04d}] " + " ".join(statement.split())[:160])

    def _begin(self, conn: Any) -> None:
        if self.active:
            self.begins += 1
            if self.shown is not None:
                self.shown.append(f"[{id(conn) % 10000:04d}] -- begin")

    def _commit(self, conn: Any) -> None:
        if self.active:
            self.commits += 1
            if self.shown is not None:
                self.shown.append(f"[{id(conn) % 10000:04d}] -- commit")


async def backend_cpu(url: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving ``url``'s database (on this
    machine), 0 on SQLite."""
    if not url.startswith("postgresql"):
        return 0.0
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        pids = (
            await conn.exec_driver_sql(
                "SELECT pid FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalars()
        total = 0.0
        for pid in pids:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    await engine.dispose()
    return total


def kind_of(statement: str) -> str:
    """``INSERT bookings``, ``SELECT slot_loads``, ``WITH … INSERT bookings``: enough to tell
    the statements of a booking apart."""
    text = " ".join(statement.split())
    verb = text.split(" ", 1)[0].upper()
    table = re.search(r"\b(?:INTO|FROM|UPDATE)\s+\"?(\w+)", text, re.IGNORECASE)
    return f"{verb} {table.group(1) if table else ''}".strip()


def body(index: int, slot: tuple[str, str, str]) -> dict[str, Any]:
    office_id, service, start = slot
    serial = index % 10000
    birth = f"{80 + index // 120000 % 20:02d}{1 + index // 10000 % 12:02d}{1 + index // 1000 % 28:02d}"
    number = f"2{birth}01{serial:04d}1"  # a valid national ID, distinct for each index
    return {
        "service": service,
        "office_id": office_id,
        "start": start,
        "identity": {"type": "national_id", "number": number},
        "full_name": "Benchmark Citizen",
        "phone": "01012345678",
    }


@asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app on this event loop (so cProfile sees its work), spoken to over ASGI."""
    await prepare(settings, seed=True)
    app = create_app(settings, clock_from_setting(settings.clock))
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


async def free_slots(client: Any) -> list[tuple[str, str, str]]:
    offices = (await client.get("/api/v1/offices")).json()
    services = (await client.get("/api/v1/services")).json()
    citizens = {s["code"] for s in services if s["eligibility"] in ("citizen", "any")}
    found = []
    for office in offices:
        for service in office["services"]:
            if service not in citizens:  # the national IDs booked here are citizens'
                continue
            days = (
                await client.get(
                    f"/api/v1/offices/{office['id']}/availability",
                    params={"service": service, "from": "2026-12-06", "to": "2026-12-19"},
                )
            ).json()["days"]
            found += [
                (office["id"], service, slot["start"])
                for day in days
                for slot in day["slots"]
                if slot["remaining"] > 0
            ]
    return found


async def show_one_booking(
    client: httpx.AsyncClient, counter: StatementCounter, slot: tuple[str, str, str]
) -> None:
    """Print the statements of one booking and of the work it sets off, in order."""
    counter.active, counter.shown = True, []
    await client.post("/api/v1/bookings", json=body(800_000, slot))
    await asyncio.sleep(0.2)
    print("One booking's statements ([connection] statement):")
    for line in counter.shown:
        print("  " + line)
    counter.shown = None
    counter.reset()


async def run(settings: Settings, bookings: int, profile: bool, concurrency: int = 1) -> None:
    counter = StatementCounter()
    async with app_client(settings) as client:
        slots = await free_slots(client)
        for warm in range(20):  # compiled caches and prepared statements warm, as in a rush
            await client.post("/api/v1/bookings", json=body(900_000 + warm, slots[-1 - warm]))
        await show_one_booking(client, counter, slots[-30])
        statuses: Counter[int] = Counter()
        profiler = cProfile.Profile() if profile else None
        backends_before = await backend_cpu(settings.effective_database_url)
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        indices = iter(range(bookings))

        async def citizen() -> None:  # one of ``concurrency`` clients booking one after another
            for index in indices:
                answer = await client.post(
                    "/api/v1/bookings", json=body(index, slots[index % (len(slots) - 40)])
                )
                statuses[answer.status_code] += 1
                if answer.status_code >= 400 and statuses[answer.status_code] == 1:
                    print("first refusal:", answer.text[:300], file=sys.stderr)

        await asyncio.gather(*(citizen() for _ in range(concurrency)))
        if profiler:
            profiler.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        counter.active = False
        backends = await backend_cpu(settings.effective_database_url) - backends_before
    print(
        f"{bookings} bookings, {concurrency} at a time: {dict(statuses)}; {bookings / wall:.0f}/s, "
        f"{wall / bookings * 1000:.2f} ms wall, "
        f"{cpu / bookings * 1000:.2f} ms CPU each (in-process client included)"
        + (f", PostgreSQL's backends {backends / bookings * 1000:.2f} ms" if backends else "")
    )
    print(
        f"per booking: {counter.statements / bookings:.2f} statements, "
        f"{counter.begins / bookings:.2f} transactions begun, {counter.commits / bookings:.2f} commits"
    )
    for kind, n in counter.kinds.most_common():
        print(f"  {n / bookings:5.2f}  {kind}")
    if profiler:
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(45)
            print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bookings", type=int, default=300)
    parser.add_argument("--postgres", default="", metavar="ADMIN_URL")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--concurrency", type=int, default=1, help="clients booking at once")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:

        def settings(url: str) -> Settings:
            env = {
                **os.environ,
                "MAWID_DATA_DIR": data_dir,
                "MAWID_SECRET_KEY": SECRET,
                "MAWID_IDENTITY_KEY": SECRET[::-1],
                "MAWID_POW": "off",
                "MAWID_PHONE_VERIFICATION": "off",
                "MAWID_CLOCK": CLOCK,
                "MAWID_DATABASE_URL": url,
                "MAWID_DEMO": "1",
                "MAWID_ACTIVE_BOOKINGS_PER_MOBILE": "10000",
            }
            return Settings.from_env(env)

        if args.postgres:
            with fresh_postgres(args.postgres) as url:
                asyncio.run(run(with_room(settings(url)), args.bookings, args.profile, args.concurrency))
        else:
            path = Path(data_dir) / "mawid.sqlite3"
            asyncio.run(
                run(with_room(settings(f"sqlite:///{path}")), args.bookings, args.profile, args.concurrency)
            )


def with_room(settings: Settings) -> Settings:
    """The settings with every rate limit off: this measures booking, not the limits."""
    from dataclasses import replace

    return replace(settings, rate_limits=room())


if __name__ == "__main__":
    main()
