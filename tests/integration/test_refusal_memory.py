"""Many refusals in a row leave a server's memory where it was.

Refusals are the common answer in a rush ("slot full", "no such booking"); when they were shared
exception instances every raise added its frames to one ever-growing traceback, and 20,000
anonymous look-ups of unknown codes took a server from 182 to 404 MB (~11 KB a refusal). Here a real
server process answers 5,000 refusals over HTTP and its resident memory is read from /proc before
and after: that leak would add ~55 MB, well past the 15 MB allowed.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from api.rate_limits import room_env
from booking.codes import new_booking_code
from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_SECRET
from tests.integration.helpers import booking_body, national_id
from tests.live_server import LiveServer, live_server

pytestmark = pytest.mark.slow

REFUSALS = 5_000
WARM_UP = 1_000
THREADS = 8
MAX_GROWTH_MB = 15.0


def rss_mb(pid: int) -> float:
    """The process's resident memory now (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[LiveServer]:
    path = tmp_path / "mawid.sqlite3"
    shutil.copy(sqlite_template, path)
    env = {"MAWID_DATABASE_URL": f"sqlite:///{path}", "MAWID_SECRET_KEY": TEST_SECRET,
           "MAWID_CLOCK": WORKING_MORNING.isoformat(), "MAWID_DEMO": "0", "MAWID_DATA_DIR": str(tmp_path),
           # The in-process limiter keeps each key's window until it expires (an hour for look-ups
           # per code): memory it is meant to hold, bounded by time, and not what this measures.
           **room_env("off")}
    with live_server(env) as server:
        yield server


Refusal = Callable[[httpx.Client], tuple[int, str]]


def _refusals(client: httpx.Client) -> tuple[Refusal, Refusal, Refusal]:
    """Three ways to be refused: an unknown code, a full slot, a second booking of one service."""
    day = client.get("/api/v1/offices/giza-passports/availability",
                     params={"service": "passport-new", "from": "2026-12-07", "to": "2026-12-07"})
    full, free = day.json()["days"][0]["slots"][:2]
    for _ in range(full["remaining"]):
        assert client.post("/api/v1/bookings", json=booking_body(full["start"])).status_code == 201
    holder = national_id()
    assert client.post("/api/v1/bookings", json=booking_body(free["start"], number=holder)).status_code == 201

    def answer(response: httpx.Response) -> tuple[int, str]:
        return response.status_code, response.json().get("code", "")

    def unknown_code(c: httpx.Client) -> tuple[int, str]:
        return answer(c.get(f"/api/v1/bookings/{new_booking_code()}",
                            headers={"X-Identity-Number": national_id()}))

    def slot_full(c: httpx.Client) -> tuple[int, str]:
        return answer(c.post("/api/v1/bookings", json=booking_body(full["start"])))

    def duplicate(c: httpx.Client) -> tuple[int, str]:
        return answer(c.post("/api/v1/bookings", json=booking_body(free["start"], number=holder)))

    return unknown_code, slot_full, duplicate


def _send(client: httpx.Client, kinds: tuple[Refusal, ...], count: int) -> dict[tuple[int, str], int]:
    """``count`` refusals, mostly look-ups with some bookings mixed in, from several threads."""
    mix = list(itertools.islice(itertools.cycle([kinds[0]] * 8 + list(kinds[1:])), count))
    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(lambda refusal: refusal(client), mix))
    tally: dict[tuple[int, str], int] = {}
    for status_code in answers:
        tally[status_code] = tally.get(status_code, 0) + 1
    return tally


def test_five_thousand_refusals_leave_memory_flat(server: LiveServer) -> None:
    limits = httpx.Limits(max_connections=THREADS, max_keepalive_connections=THREADS)
    with httpx.Client(base_url=server.url, limits=limits, timeout=30) as client:
        kinds = _refusals(client)
        _send(client, kinds, WARM_UP)  # caches, pools and the allocator reach their working size
        before = rss_mb(server.pid)
        tally = _send(client, kinds, REFUSALS)
        after = rss_mb(server.pid)

    print(json.dumps({"refusals": REFUSALS, "rss_before_mb": round(before, 1),
                      "rss_after_mb": round(after, 1), "growth_mb": round(after - before, 1),
                      "answers": {f"{s} {c}": n for (s, c), n in sorted(tally.items())}}))
    assert set(tally) == {(404, "booking_not_found"), (409, "slot_full"), (409, "duplicate_booking")}
    assert sum(tally.values()) == REFUSALS
    growth = f"RSS grew {before:.0f} → {after:.0f} MB over {REFUSALS:,} refusals"
    assert after - before < MAX_GROWTH_MB, growth
