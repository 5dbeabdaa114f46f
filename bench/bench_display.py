"""How fast a call reaches the hall's screens: 1,000 display sockets, then a counter calls.

    .venv/bin/python -m bench.bench_display [--sockets 1000] [--calls 20] [--no-redis]
        [--server uvicorn|granian] [--client-processes N]

Two setups, every socket a real WebSocket client (the ``websockets`` package) on 127.0.0.1:
  1. one server process on the embedded default (memory queue store and channels);
  2. two server processes sharing Redis, half the screens on each, the calls made through the
     first, so half the deliveries cross processes through Redis pub/sub.
For each call: latency = arrival of the ``called`` event at a screen − the moment the counter's
POST /call-next was sent, so it includes the HTTP request, the store's atomic step, publishing
and the fan-out. Prints p50 / p99 / max over every (call, screen), and the server's peak memory.
All screens live in this one client process on the same cores as the servers, so the figures are
an upper bound of what the server alone would take. To tell the two apart it also prints the
server's own fan-out time per event (``mawid_display_fanout_seconds`` read from each server's
``/metrics`` before and after the calls: from the event reaching the process's display channel to
its last screen's send, p50 / p99 interpolated in the histogram's buckets), and the CPU seconds the
servers and the screens' client spent during the calls. With ``--client-processes N`` the screens
live in N child processes instead, so their CPU is counted apart from the bench's HTTP calls and,
when cores are free, the client's decoding no longer queues behind one process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis
from rich.console import Console
from rich.table import Table
from websockets.asyncio.client import ClientConnection, connect

from api.cli import prepare
from api.settings import Settings
from bench.bench_booking import peak_rss_mb
from bench.results import percentiles, record
from tests.live_server import SERVERS, LiveServer, live_server
from tests.services import REDIS_URL

CLOCK = "2026-12-06T08:30:00+02:00"  # a working Sunday morning
SECRET = "benchmark-secret-benchmark-secret-0123456789"
OFFICE = "cairo-abbassia-passports"
CONNECT_BATCH = 50
ROUND_TIMEOUT = 30.0
CPU = "cpu"
"""Asks a screens' child process for its CPU seconds so far (a ticket number is never this)."""


@dataclass
class Setup:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    per_call_max_ms: list[float] = field(default_factory=list)
    sockets: int = 0
    calls: int = 0
    peak_rss_mb: list[float] = field(default_factory=list)
    fanout: dict[float, float] = field(default_factory=dict)
    """The servers' ``mawid_display_fanout_seconds`` buckets during the calls: upper bound -> count."""
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    wall_s: float = 0.0


class Hall:
    """Screens that note when each ticket number's ``called`` event reached them."""

    def __init__(self) -> None:
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.changed = asyncio.Event()
        self.tasks: list[asyncio.Task[None]] = []
        self.sockets: list[ClientConnection] = []

    async def open(self, base_url: str, count: int) -> None:
        url = base_url.replace("http://", "ws://") + f"/ws/offices/{OFFICE}/display"
        for start in range(0, count, CONNECT_BATCH):
            batch = await asyncio.gather(
                *(
                    connect(url, open_timeout=60, max_queue=None)
                    for _ in range(min(CONNECT_BATCH, count - start))
                )
            )
            for socket in batch:
                await socket.recv()  # the snapshot: the screen is subscribed from here on
                self.sockets.append(socket)
                self.tasks.append(asyncio.create_task(self._listen(socket)))

    async def _listen(self, socket: ClientConnection) -> None:
        async for message in socket:
            if isinstance(message, str) and '"type":"called"' in message:
                self.arrivals[json.loads(message)["number"]].append(time.monotonic())
                self.changed.set()

    async def all_heard(self, number: str) -> list[float]:
        deadline = time.monotonic() + ROUND_TIMEOUT
        while len(self.arrivals[number]) < len(self.sockets):
            self.changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{len(self.arrivals[number])}/{len(self.sockets)} screens heard {number}")
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except TimeoutError:
                continue
        return self.arrivals[number]

    async def cpu(self) -> float:
        """The CPU seconds this process (the screens and the counter's HTTP client) spent so far."""
        return time.process_time()

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*(socket.close() for socket in self.sockets), return_exceptions=True)


def _screens_process(connection: Connection, urls: list[tuple[str, int]]) -> None:
    """A child process holding its share of the screens (``--client-processes``): it opens them,
    then for each number the parent names answers when each of its screens heard it."""

    async def serve() -> None:
        hall = Hall()
        for url, count in urls:
            await hall.open(url, count)
        connection.send(len(hall.sockets))
        loop = asyncio.get_running_loop()
        while (number := await loop.run_in_executor(None, connection.recv)) is not None:
            if number == CPU:
                connection.send(time.process_time())
            else:
                connection.send(await hall.all_heard(number))
        await hall.close()

    asyncio.run(serve())


class SplitHall:
    """The screens spread over child processes, so that the client's CPU is spent (and can be
    counted) apart from the bench's own; arrival times are ``time.monotonic()``, one clock for
    every process of the machine."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self.sockets = 0
        self._children: list[tuple[BaseProcess, Connection]] = []

    async def open(self, shares: list[tuple[str, int]]) -> None:
        context = multiprocessing.get_context("spawn")
        for i in range(self.processes):
            mine = [(url, count // self.processes + (i < count % self.processes)) for url, count in shares]
            ours, theirs = context.Pipe()
            child = context.Process(target=_screens_process, args=(theirs, mine), daemon=True)
            child.start()
            self._children.append((child, ours))
        for _, connection in self._children:
            self.sockets += await self._receive(connection)

    async def _receive(self, connection: Connection) -> Any:
        return await asyncio.get_running_loop().run_in_executor(None, connection.recv)

    async def cpu(self) -> float:
        """The CPU seconds the children have spent so far."""
        for _, connection in self._children:
            connection.send(CPU)
        return sum([await self._receive(connection) for _, connection in self._children])

    async def all_heard(self, number: str) -> list[float]:
        for _, connection in self._children:
            connection.send(number)
        heard: list[float] = []
        for _, connection in self._children:
            heard += await self._receive(connection)
        return heard

    async def close(self) -> None:
        for _, connection in self._children:
            connection.send(None)
        for child, _ in self._children:
            child.join(timeout=30)


class Counter:
    """A kiosk and a counter clerk at the office, over HTTP."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.kiosk: dict[str, str] = {}
        self.agent: dict[str, str] = {}
        self.counter = ""

    async def start(self) -> None:
        for who, username, password in (
            ("kiosk", "kiosk.abbassia", "demo-kiosk-2026"),
            ("agent", "agent.abbassia", "demo-agent-2026"),
        ):
            token = await self.http.post(
                "/api/v1/auth/token", json={"username": username, "password": password}
            )
            setattr(self, who, {"Authorization": f"Bearer {token.json()['access_token']}"})
        office = (await self.http.get(f"/api/v1/offices/{OFFICE}")).json()
        self.counter = str(office["counters"][0]["id"])
        self.service = office["counters"][0]["services"][0]
        await self._post(f"/counters/{self.counter}/status", self.agent, {"status": "open"})

    async def _post(self, path: str, headers: dict[str, str], body: Any = None) -> dict[str, Any]:
        response = await self.http.post(f"/api/v1/offices/{OFFICE}{path}", json=body, headers=headers)
        response.raise_for_status()
        return response.json()

    async def walk_in(self) -> None:
        await self._post("/tickets", self.kiosk, {"service": self.service})

    async def call(self) -> tuple[dict[str, Any], float]:
        sent = time.monotonic()
        ticket = (await self._post(f"/counters/{self.counter}/call-next", self.agent))["ticket"]
        return ticket, sent

    async def dismiss(self, ticket_id: str) -> None:
        await self._post(f"/tickets/{ticket_id}/no-show", self.agent)


FANOUT = "mawid_display_fanout_seconds"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def fanout_buckets(http: httpx.AsyncClient, door: LiveServer) -> dict[float, float]:
    """The server's cumulative fan-out histogram: bucket upper bound -> events at or under it."""
    text = (await http.get(f"{door.url}/metrics")).text
    buckets: dict[float, float] = {}
    for family in text_string_to_metric_families(text):
        if family.name == FANOUT:
            for sample in family.samples:
                if sample.name == f"{FANOUT}_bucket":
                    buckets[float(sample.labels["le"])] = sample.value
    return buckets


def bucket_quantile(buckets: dict[float, float], q: float) -> float:
    """The ``q`` quantile of a cumulative histogram, interpolated linearly inside its bucket (as
    Prometheus' ``histogram_quantile``); NaN when it counted nothing."""
    bounds = sorted(buckets)
    total = buckets[bounds[-1]] if bounds else 0
    if total <= 0:
        return float("nan")
    rank, lower, below = q * total, 0.0, 0.0
    for bound in bounds:
        if buckets[bound] >= rank:
            if bound == float("inf"):
                return lower
            inside = buckets[bound] - below
            return lower + (bound - lower) * ((rank - below) / inside if inside else 1.0)
        lower, below = bound, buckets[bound]
    return lower


async def measure(
    setup: Setup, doors: list[LiveServer], sockets: int, calls: int, client_processes: int = 0
) -> None:
    share = sockets // len(doors)
    shares = [
        (door.url, share if i < len(doors) - 1 else sockets - share * (len(doors) - 1))
        for i, door in enumerate(doors)
    ]
    hall: Hall | SplitHall
    if client_processes:
        hall = SplitHall(client_processes)
        await hall.open(shares)
        setup.sockets = hall.sockets
    else:
        hall = Hall()
        for url, count in shares:
            await hall.open(url, count)
        setup.sockets = len(hall.sockets)
    async with httpx.AsyncClient(base_url=doors[0].url, timeout=30) as http:
        counter = Counter(http)
        await counter.start()
        before = [await fanout_buckets(http, door) for door in doors]
        server_cpu = sum(cpu_seconds(door.pid) for door in doors)
        client_cpu, wall = await hall.cpu(), time.monotonic()
        for _ in range(calls):
            await counter.walk_in()
            await asyncio.sleep(0.2)  # let the walk-in's queue event fan out first
            ticket, sent = await counter.call()
            heard = await hall.all_heard(ticket["number"])
            latencies = [(at - sent) * 1000 for at in heard]
            setup.latencies_ms += latencies
            setup.per_call_max_ms.append(max(latencies))
            await counter.dismiss(ticket["ticket_id"])
            setup.calls += 1
        setup.wall_s = time.monotonic() - wall
        setup.client_cpu_s = await hall.cpu() - client_cpu
        setup.server_cpu_s = sum(cpu_seconds(door.pid) for door in doors) - server_cpu
        after = [await fanout_buckets(http, door) for door in doors]
        for old, new in zip(before, after, strict=True):
            for bound, counted in new.items():
                setup.fanout[bound] = setup.fanout.get(bound, 0.0) + counted - old.get(bound, 0.0)
    await hall.close()
    setup.peak_rss_mb = [peak_rss_mb(door.pid) for door in doors]


@contextmanager
def servers(count: int, redis_prefix: str | None, server: str = "uvicorn") -> Iterator[list[LiveServer]]:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            "MAWID_DATA_DIR": data_dir,
            "MAWID_SECRET_KEY": SECRET,
            "MAWID_IDENTITY_KEY": SECRET[::-1],  # a key of its own, apart from the token secret
            "MAWID_POW": "off",  # the load solves no puzzles: measure the booking path itself
            "MAWID_PHONE_VERIFICATION": "off",  # one-step bookings: no code to read back from SMS
            # Each call is dismissed as a no-show at once: no recalls or minutes asked first.
            "MAWID_COUNTER_NO_SHOW_RECALLS": "0",
            "MAWID_COUNTER_NO_SHOW_MINUTES": "0",
            # Every screen here is on 127.0.0.1: lift the per-address cap (api/display_guard.py).
            "MAWID_DISPLAY_SOCKETS_PER_ADDRESS": "100000",
            "MAWID_CLOCK": CLOCK,
            "MAWID_DEMO": "1",
            "MAWID_DATABASE_URL": "",
            "MAWID_REDIS_URL": REDIS_URL if redis_prefix else "",
            "MAWID_REDIS_PREFIX": redis_prefix or "mawid",
        }
        asyncio.run(prepare(Settings.from_env({**os.environ, **env}), seed=True))
        with ExitStack() as stack:
            yield [stack.enter_context(live_server(env, server=server)) for _ in range(count)]


def forget(prefix: str) -> None:
    client = Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(console: Console, setups: list[Setup]) -> None:
    table = Table(title="Display feed: a call's delivery to every screen")
    for column in (
        "setup",
        "screens",
        "calls",
        "p50 ms",
        "p99 ms",
        "max ms",
        "last screen, median ms",
        "server fan-out p50 / p99 ms",
        "CPU s server / client (wall)",
        "peak RSS MB",
    ):
        table.add_column(column, justify="right" if column != "setup" else "left")
    for s in setups:
        table.add_row(
            s.name,
            f"{s.sockets:,}",
            str(s.calls),
            f"{percentile(s.latencies_ms, 0.50):.1f}",
            f"{percentile(s.latencies_ms, 0.99):.1f}",
            f"{max(s.latencies_ms):.1f}",
            f"{statistics.median(s.per_call_max_ms):.1f}",
            f"{bucket_quantile(s.fanout, 0.5) * 1000:.1f} / {bucket_quantile(s.fanout, 0.99) * 1000:.1f}",
            f"{s.server_cpu_s:.1f} / {s.client_cpu_s:.1f} ({s.wall_s:.1f})",
            " + ".join(f"{m:.0f}" for m in s.peak_rss_mb),
        )
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--no-redis", action="store_true", help="only the single-process setup")
    parser.add_argument(
        "--server",
        choices=SERVERS,
        default="uvicorn",
        help="the ASGI server of each process (granian: pip install -e '.[granian]')",
    )
    parser.add_argument(
        "--client-processes",
        type=int,
        default=0,
        help="hold the screens in this many child processes (default: in the bench's own)",
    )
    args = parser.parse_args()
    console = Console(width=170)
    setups = []
    clients = f", screens in {args.client_processes} processes" if args.client_processes else ""
    one = Setup(f"one {args.server} process, memory{clients}")
    with servers(1, None, args.server) as doors:
        asyncio.run(measure(one, doors, args.sockets, args.calls, args.client_processes))
    setups.append(one)
    if not args.no_redis:
        prefix = f"mawid-bench-{uuid.uuid4().hex[:8]}"
        two = Setup(f"two {args.server} processes, Redis{clients}")
        try:
            with servers(2, prefix, args.server) as doors:
                asyncio.run(measure(two, doors, args.sockets, args.calls, args.client_processes))
        finally:
            forget(prefix)
        setups.append(two)
    report(console, setups)
    record_display(args, setups)


def record_display(args: argparse.Namespace, setups: list[Setup]) -> None:
    """This run's figures for ``python -m bench`` (bench.results), the latencies as percentiles."""
    keys = ["one_process", "two_processes_redis"]  # in the order main() measures them
    record(
        "display",
        {
            "sockets": args.sockets,
            "calls": args.calls,
            "setups": {
                key: {
                    "name": s.name,
                    "sockets": s.sockets,
                    "calls": s.calls,
                    "p50_ms": percentile(s.latencies_ms, 0.50),
                    "p99_ms": percentile(s.latencies_ms, 0.99),
                    "max_ms": max(s.latencies_ms),
                    "last_screen_median_ms": statistics.median(s.per_call_max_ms),
                    "peak_rss_mb": s.peak_rss_mb,
                    "percentiles": percentiles(s.latencies_ms),
                }
                for key, s in zip(keys, setups, strict=False)
            },
        },
    )


if __name__ == "__main__":
    main()
