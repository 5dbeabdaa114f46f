"""The rush when new slots open: availability reads and booking writes against ONE server process,
beside the same server's bare JSON endpoint, measured by wrk in its own process.

    .venv/bin/python -m bench.bench_booking [--seconds 10] [--connections 64] [--postgres ADMIN_URL]
        [--server uvicorn|granian] [--workers N] [--tree /tmp/old] [--reads-only]

Prints requests/s, p50/p99 latency, the ratios to the bare endpoint, the server's CPU time per
request (user + system, every server process; the figure to compare on a loaded machine), its
peak memory, and its resident memory before and after the booking rush (whose answers, once slots
fill, are mostly refusals: a refusal must leave nothing behind, so the two should stay close).
Availability is measured twice on the freshly started server: its first 2 s, when every office and
service is asked for the first time and read from the database, then the rush as it goes on (the
row issue 16's table judges; the first asks' row and record stand beside it).

``--workers N`` serves with N uvicorn worker processes (as ``MAWID_WORKERS=N``); ``--tree`` runs the
server from another checkout (e.g. ``git worktree add --detach /tmp/old main``), so old and new code
can be measured alternately with the same load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from api.cli import prepare
from api.rate_limits import room_env
from api.settings import Settings
from bench.results import record
from bench.wrk import LoadResult, run_wrk
from tests.live_server import ROOT, SERVERS, live_server

CLOCK = "2026-12-06T07:00:00+02:00"  # a Sunday morning: the day's slots have just opened
SECRET = "benchmark-secret-benchmark-secret-0123456789"

AVAILABILITY_LUA = """
local targets = {%s}
local n = 0
request = function()
  n = n + 1
  local t = targets[(n %% #targets) + 1]
  return wrk.format("GET", "/api/v1/offices/" .. t[1] .. "/availability?service=" .. t[2]
    .. "&from=2026-12-06&to=2026-12-19")
end
"""

COLD_SECONDS = 2
"""How long the first asks are measured apart: the server has just started, nothing is kept."""

BOOKING_LUA = """
local slots = {%s}
local n = 0
local thread_id = 0
setup = function(thread) thread:set("thread_id", math.random(0, 8)) end
request = function()
  n = n + 1
  local s = slots[math.random(1, #slots)]
  -- A distinct, valid national ID per request: birth date and serial walk with n.
  local yy = 50 + n %% 50
  local mm = 1 + math.floor(n / 50) %% 12
  local dd = 1 + math.floor(n / 600) %% 28
  local serial = (thread_id * 1000 + math.floor(n / 16800)) %% 10000
  local nid = string.format("2%%02d%%02d%%02d01%%04d1", yy, mm, dd, serial)
  local body = string.format('{"service":"%%s","office_id":"%%s","start":"%%s",'
    .. '"identity":{"type":"national_id","number":"%%s"},'
    .. '"full_name":"Benchmark Citizen","phone":"01012345678"}', s[2], s[1], s[3], nid)
  return wrk.format("POST", "/api/v1/bookings", {["Content-Type"] = "application/json"}, body)
end
"""


def server_pids(pid: int) -> list[int]:
    """The server's processes: ``pid`` and, under uvicorn's supervisor, its workers."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        for child in children:
            found += server_pids(int(child))
    return found


def status_mb(pid: int, field: str) -> float:
    """A memory figure of the server from /proc/<pid>/status (``VmHWM``, ``VmRSS``), in MB,
    summed over its worker processes."""
    total = 0.0
    for each in server_pids(pid):
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                total += int(line.split()[1]) / 1024
    return total


def peak_rss_mb(pid: int) -> float:
    return status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    return status_mb(pid, "VmRSS")


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the server's processes have used so far, all their threads
    (granian's Rust ones too)."""
    total = 0
    for each in server_pids(pid):
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def measured(pid: int, load: Callable[[], LoadResult], cpu_ms: dict[str, float]) -> LoadResult:
    """``load``'s result, and the server's CPU milliseconds per request in ``cpu_ms`` under its name:
    on a shared machine the CPU a request costs tells more than the requests a second it got."""
    before = cpu_seconds(pid)
    result = load()
    cpu_ms[result.name] = (cpu_seconds(pid) - before) * 1000 / max(result.requests, 1)
    return result


@dataclass(frozen=True)
class Memory:
    """The server's resident memory just before and just after the booking rush, and its peak."""

    before_rush: float
    after_rush: float
    peak: float


def lua_table(rows: Sequence[tuple[str, ...]]) -> str:
    return ",".join("{" + ",".join(json.dumps(v) for v in row) + "}" for row in rows)


def targets(base: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    offices = httpx.get(f"{base}/api/v1/offices").json()
    pairs = [(o["id"], s) for o in offices for s in o["services"]]
    # The rush books with Egyptian national IDs: only services a citizen may book, or a fifth of
    # its answers would be identity_not_eligible refusals (foreigners' residence, visas, permits).
    services = httpx.get(f"{base}/api/v1/services").json()
    for_citizens = {s["code"] for s in services if s["eligibility"] != "foreigner"}
    slots = []
    for office_id, service in pairs:
        if service not in for_citizens:
            continue
        days = httpx.get(
            f"{base}/api/v1/offices/{office_id}/availability",
            params={"service": service, "from": "2026-12-06", "to": "2026-12-19"},
        ).json()["days"]
        slots += [(office_id, service, slot["start"]) for day in days for slot in day["slots"]]
    return pairs, slots


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1, help="server processes (MAWID_WORKERS)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose server to run")
    parser.add_argument(
        "--postgres",
        default="",
        metavar="ADMIN_URL",
        help="run on a fresh database created on this server, e.g. postgresql+asyncpg://postgres@127.0.0.1/test",
    )
    parser.add_argument(
        "--server",
        choices=SERVERS,
        default="uvicorn",
        help="the ASGI server of the one process under load (granian: pip install -e '.[granian]')",
    )
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="the bare endpoint and availability only, no booking rush (to compare availability alone)",
    )
    args = parser.parse_args()
    args.database_url = ""
    if args.postgres:
        with fresh_postgres(args.postgres) as url:
            args.database_url = url
            run(args)
    else:
        run(args)


@contextmanager
def fresh_postgres(admin_url: str) -> Iterator[str]:
    name = f"mawid_bench_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.exec_driver_sql(sql)
        await engine.dispose()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def run(args: argparse.Namespace) -> None:
    console = Console()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            "MAWID_DATA_DIR": data_dir,
            "MAWID_SECRET_KEY": SECRET,
            "MAWID_IDENTITY_KEY": SECRET[::-1],  # a key of its own, apart from the token secret
            "MAWID_POW": "off",  # the load solves no puzzles: measure the booking path itself
            "MAWID_PHONE_VERIFICATION": "off",  # one-step bookings: no code to read back from SMS
            "MAWID_CLOCK": CLOCK,
            "MAWID_DATABASE_URL": args.database_url,
            "MAWID_DEMO": "1",
            **room_env(),  # one address books thousands: this measures booking, not the limits
            "MAWID_ACTIVE_BOOKINGS_PER_MOBILE": "10000",  # …with one mobile number: the cap is still checked
            "MAWID_WORKERS": str(args.workers),
        }
        if args.workers > 1:  # the workers share their metrics through files, as under `mawid serve`
            env["PROMETHEUS_MULTIPROC_DIR"] = str(Path(data_dir) / "prometheus")
            (Path(data_dir) / "prometheus").mkdir(mode=0o700)
        settings = Settings.from_env({**os.environ, **env})
        asyncio.run(prepare(settings, seed=True))
        with live_server(env, server=args.server, workers=args.workers, root=args.tree.resolve()) as server:
            base, pid = server.url, server.pid
            pairs, slots = targets(base)
            work = Path(data_dir)
            (work / "availability.lua").write_text(AVAILABILITY_LUA % lua_table(pairs))
            (work / "booking.lua").write_text(BOOKING_LUA % lua_table(slots))
            c, s = args.connections, args.seconds
            cpu: dict[str, float] = {}
            bare = measured(
                pid, lambda: run_wrk("bare JSON (/api/v1/health)", f"{base}/api/v1/health", s, c), cpu
            )
            # The first asks of every pair (nothing kept yet: each is read from the database),
            # then the rush as it goes on, every pair asked within the second before.
            cold = measured(
                pid,
                lambda: run_wrk("availability, first 2 s", base, COLD_SECONDS, c, work / "availability.lua"),
                cpu,
            )
            reads = measured(
                pid, lambda: run_wrk("availability (14 days)", base, s, c, work / "availability.lua"), cpu
            )
            before_rush = rss_mb(pid)
            if args.reads_only:
                memory = Memory(before_rush, before_rush, peak_rss_mb(pid))
                report(console, [bare, cold, reads], bare, memory, args, len(slots), cpu)
                return
            writes = measured(
                pid, lambda: run_wrk("booking (POST)", base, s, c, work / "booking.lua"), cpu
            )
            memory = Memory(before_rush, rss_mb(pid), peak_rss_mb(pid))
    report(console, [bare, cold, reads, writes], bare, memory, args, len(slots), cpu)
    endpoints = {"bare": bare, "availability_first_asks": cold, "availability": reads, "booking": writes}
    record_rush(args, endpoints, memory, len(slots))


def report(
    console: Console,
    results: list[LoadResult],
    bare: LoadResult,
    memory: Memory,
    args: argparse.Namespace,
    slot_count: int,
    cpu_ms: dict[str, float],
) -> None:
    backend = "PostgreSQL" if args.database_url.startswith("postgresql") else "SQLite (embedded)"
    processes = (
        f"one {args.server} process" if args.workers == 1 else f"{args.workers} {args.server} processes"
    )
    table = Table(
        title=f"Rush benchmark — {processes}, {backend}, wrk -c{args.connections} -d{args.seconds}s"
        f" ({args.tree.resolve()}; load {os.getloadavg()[0]:.1f})"
    )
    columns = (
        "endpoint",
        "req/s",
        "vs bare",
        "p50 ms",
        "p99 ms",
        "server CPU ms/req",
        "requests",
        "non-2xx",
        "errors",
    )
    for column in columns:
        table.add_column(column, justify="right" if column != "endpoint" else "left")
    for r in results:
        table.add_row(
            r.name,
            f"{r.requests_per_second:,.0f}",
            f"{r.requests_per_second / bare.requests_per_second:.0%}",
            f"{r.p50_ms:.1f}",
            f"{r.p99_ms:.1f}",
            f"{cpu_ms[r.name]:.2f}",
            f"{r.requests:,}",
            f"{r.non_2xx:,}",
            f"{r.errors:,}",
        )
    console.print(table)
    console.print(
        f"server peak memory (VmHWM): {memory.peak:.0f} MB; {slot_count:,} slots offered; "
        "non-2xx on booking = 409 slot_full/duplicate once slots fill"
    )
    writes = results[-1]
    if args.reads_only:
        return
    console.print(
        f"server memory (VmRSS) around the booking rush: {memory.before_rush:.0f} MB before, "
        f"{memory.after_rush:.0f} MB after ({memory.after_rush - memory.before_rush:+.0f} MB) "
        f"over {writes.requests:,} requests, {writes.non_2xx:,} of them refused"
    )


def record_rush(
    args: argparse.Namespace, endpoints: dict[str, LoadResult], memory: Memory, slot_count: int
) -> None:
    """This run's figures for ``python -m bench`` (bench.results): one record per backend."""
    backend = "postgresql" if args.database_url.startswith("postgresql") else "sqlite"
    figures = {
        "backend": backend,
        "seconds": args.seconds,
        "connections": args.connections,
        "slots": slot_count,
        "endpoints": {name: result.to_json() for name, result in endpoints.items()},
        "memory_mb": {"before": memory.before_rush, "after": memory.after_rush, "peak": memory.peak},
    }
    record(f"booking-{backend}", figures)


if __name__ == "__main__":
    main()
