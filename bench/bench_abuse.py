"""Abuse benchmark: what a bot gets, what a password flood does to everyone else, and whether honest
people still get through. Prints figures; never part of the tests.

    .venv/bin/python -m bench.bench_abuse                    # this tree
    .venv/bin/python -m bench.bench_abuse --tree /tmp/old    # the server from another checkout
                                                             # (e.g. a git worktree of an old commit)

A ``mawid serve`` in demo mode on SQLite (defaults as shipped, so proof of work and the other
defences of that tree are on too), with ``MAWID_TRUSTED_PROXIES=127.0.0.1/32`` so the honest rush
can arrive from many addresses through X-Forwarded-For as if through our proxy:

1. the hoarding bot: one address, one mobile, made-up identities, 24 connections, 10 s; and
   again with a fresh mobile per booking → bookings it got;
2. the login flood: 4 parallel loops of wrong passwords → ``/api/v1/health`` p50/p99 beside the
   same at rest;
3. an honest rush: 300 people from 300 addresses, one booking each → the share that got one
   (a full slot, 409, is counted apart: it is not the defences' doing).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from tests.live_server import free_port, wait_until_answering

ROOT = Path(__file__).resolve().parents[1]
CLOCK = "2026-12-06T08:00:00+02:00"  # a Sunday morning: a working day
FIRST_DAY = date(2026, 12, 7)
OFFICE = "cairo-abbassia-passports"
SERVICE = "passport-renewal"
HEALTH = "/api/v1/health"
_serials = itertools.count(1)


def national_id() -> str:
    """A well-formed national ID nobody holds (the check digit is, rightly, not judged)."""
    n = next(_serials)
    return f"290010101{n % 100000:05d}"  # born 1 Jan 1990 in Cairo, serial n


def mobile(n: int) -> str:
    return f"010{n:08d}"


@contextmanager
def mawid_serve(tree: Path, data_dir: str, extra: dict[str, str]) -> Iterator[str]:
    """``mawid serve`` from ``tree`` (its own code, this virtualenv) on a free port."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MAWID_")},
        "MAWID_DEMO": "1",
        "MAWID_DATA_DIR": data_dir,
        "MAWID_CLOCK": CLOCK,
        "MAWID_PORT": str(port),
        "MAWID_TRUSTED_PROXIES": "127.0.0.1/32",
        "MAWID_PHONE_VERIFICATION": "off",  # one-step bookings: no code to read back from SMS
        **extra,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve"],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, base + HEALTH, 90, lambda: "")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


async def free_slots(http: httpx.AsyncClient, base: str, days: int = 60) -> list[str]:
    answer = await http.get(
        f"{base}/api/v1/offices/{OFFICE}/availability",
        params={
            "service": SERVICE,
            "from": FIRST_DAY.isoformat(),
            "to": (FIRST_DAY + timedelta(days)).isoformat(),
        },
    )
    answer.raise_for_status()
    return [slot["start"] for day in answer.json()["days"] for slot in day["slots"] if slot["remaining"] > 0]


def body(start: str, phone: str) -> dict[str, Any]:
    return {
        "service": SERVICE,
        "office_id": OFFICE,
        "start": start,
        "identity": {"type": "national_id", "number": national_id()},
        "full_name": "محمد أحمد علي",
        "phone": phone,
    }


async def hoarding_bot(base: str, starts: list[str], seconds: float, rotate_mobile: bool) -> Counter[int]:
    """24 connections from one address booking slot after slot until the time is up."""
    answers: Counter[int] = Counter()
    deadline = time.monotonic() + seconds
    slot = itertools.cycle(starts)
    phones = itertools.count(50_000_000)

    async def connection() -> None:
        async with httpx.AsyncClient(timeout=30) as http:
            while time.monotonic() < deadline:
                phone = mobile(next(phones)) if rotate_mobile else mobile(12_345_678)
                answer = await http.post(f"{base}/api/v1/bookings", json=body(next(slot), phone))
                answers[answer.status_code] += 1

    await asyncio.gather(*(connection() for _ in range(24)))
    return answers


async def health_latencies(base: str, seconds: float) -> list[float]:
    times = []
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=30) as http:
        while time.monotonic() < deadline:
            began = time.perf_counter()
            (await http.get(base + HEALTH)).raise_for_status()
            times.append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(0.02)
    return times


async def login_flood(base: str, seconds: float) -> tuple[list[float], Counter[int]]:
    answers: Counter[int] = Counter()
    deadline = time.monotonic() + seconds

    async def loop() -> None:
        async with httpx.AsyncClient(timeout=30) as http:
            while time.monotonic() < deadline:
                guess = {"username": "admin", "password": f"guess-{time.monotonic_ns()}"}
                answers[(await http.post(f"{base}/api/v1/auth/token", json=guess)).status_code] += 1

    flood = asyncio.gather(*(loop() for _ in range(4)))
    await asyncio.sleep(0.5)  # the flood under way
    latencies = await health_latencies(base, seconds - 1)
    await flood
    return latencies, answers


async def honest_rush(base: str, starts: list[str], people: int) -> Counter[int]:
    """``people`` citizens from as many addresses, through our proxy, one booking each."""
    answers: Counter[int] = Counter()
    queue = list(range(people))

    async def connection() -> None:
        async with httpx.AsyncClient(timeout=30) as http:
            while queue:
                n = queue.pop()
                address = f"198.18.{n // 250}.{n % 250 + 1}"
                answer = await http.post(
                    f"{base}/api/v1/bookings",
                    json=body(starts[n % len(starts)], mobile(20_000_000 + n)),
                    headers={"X-Forwarded-For": address},
                )
                answers[answer.status_code] += 1

    await asyncio.gather(*(connection() for _ in range(24)))
    return answers


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def statuses(answers: Counter[int]) -> str:
    return ", ".join(f"{code}×{count}" for code, count in sorted(answers.items()))


async def measure(base: str, seconds: float, people: int) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    async with httpx.AsyncClient(timeout=60) as http:
        starts = await free_slots(http, base)
    rest = await health_latencies(base, 3)
    rows.append(
        ("health at rest", f"p50 {statistics.median(rest):.1f} ms, p99 {percentile(rest, 0.99):.1f} ms", "")
    )
    flood, logins = await login_flood(base, 6)
    rows.append(
        (
            "health under a 4-loop login flood",
            f"p50 {statistics.median(flood):.1f} ms, p99 {percentile(flood, 0.99):.1f} ms",
            f"logins: {statuses(logins)}",
        )
    )
    for rotate in (True, False):  # a fresh mobile first: it meets the address limit alone
        third = len(starts) // 3  # each bot and the honest rush on slots of their own
        own = starts[third:] if rotate else starts[:third]
        bot = await hoarding_bot(base, own[:third], seconds, rotate)
        what = "a new mobile each time" if rotate else "one mobile"
        rows.append(
            (f"hoarding bot, one address, {what}, {seconds:g} s", f"{bot[201]} bookings", statuses(bot))
        )
    rush = await honest_rush(base, starts[2 * (len(starts) // 3) :], people)
    decided = sum(rush.values()) - rush[409]
    share = rush[201] / decided if decided else 0.0
    rows.append(
        (f"honest rush, {people} addresses via the proxy", f"{share:.0%} got through", statuses(rush))
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose server to run")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each bot runs")
    parser.add_argument("--people", type=int, default=300, help="honest citizens in the rush")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a server setting, e.g. MAWID_POW=off for the rate limits alone (this bench solves no puzzles)",
    )
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.env)
    with tempfile.TemporaryDirectory() as data_dir, mawid_serve(args.tree.resolve(), data_dir, extra) as base:
        rows = asyncio.run(measure(base, args.seconds, args.people))
    table = Table(title=f"Abuse ({args.tree.resolve()} {' '.join(args.env)})")
    for column in ("attack", "figure", "answers"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


if __name__ == "__main__":
    main()
