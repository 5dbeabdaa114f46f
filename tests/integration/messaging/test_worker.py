"""``mawid worker`` as real processes: two on PostgreSQL drain one outbox and every message reaches
the gateway exactly once; SIGTERM lets the messages in flight finish; with nowhere to deliver it
refuses to start."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from kernel.clock import FixedClock
from kernel.database import Database
from messaging.store.outbox import OutboxStore
from tests.integration.messaging.conftest import SECOND_TOKEN, Gateway, message, post_messages
from tests.live_server import ROOT

pytestmark = pytest.mark.slow
MAWID = Path(sys.executable).with_name("mawid")


@contextmanager
def worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A ``mawid worker`` process, once it says it is delivering; killed if a test leaves it running."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(MAWID), "worker"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while b"delivering the outbox" not in log.read_bytes():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def worker_env(
    database_url: str, clock: FixedClock, gateway: Gateway, tmp_path: Path, token: str
) -> dict[str, str]:
    return {
        "MAWID_DATABASE_URL": database_url,
        "MAWID_DATA_DIR": str(tmp_path),
        "MAWID_DEMO": "0",
        "MAWID_CLOCK": (clock.now() + timedelta(seconds=5)).isoformat(),
        "MAWID_SMS_URL": gateway.send_url,
        "MAWID_SMS_TOKEN": token,
    }


def stopped(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


async def wait_until(condition: Callable[[], Awaitable[bool]], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.2)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_two_workers_on_postgresql_deliver_every_message_exactly_once(
    database_url: str, database: Database, clock: FixedClock, gateway: Gateway, tmp_path: Path
) -> None:
    count = 1500
    gateway.control(latency=0.02)  # each SMS takes a while, as at a real gateway: the two overlap
    with ExitStack() as both:
        workers = [
            both.enter_context(
                worker(
                    worker_env(database_url, clock, gateway, tmp_path, token), tmp_path / f"worker-{n}.log"
                )
            )
            for n, token in enumerate((gateway.token, SECOND_TOKEN))
        ]
        await post_messages(database, clock.now(), *(message(n) for n in range(count)))

        async def drained() -> bool:
            return not await OutboxStore(database).unsent()

        await wait_until(drained)
        assert [stopped(process) for process in workers] == [0, 0]
    received = gateway.received()
    ids = [r["id"] for r in received]
    assert len(ids) == len(set(ids)) == count, "each message reached the gateway exactly once"
    assert all(r["status"] == 200 and not r["duplicate"] for r in received)
    by_worker = {token: sum(1 for r in received if r["token"] == token) for token in (0, 1)}
    assert by_worker[0] > 0 and by_worker[1] > 0, f"both workers took part: {by_worker}"
    print(f"delivered by each worker: {by_worker}")


async def test_a_worker_stopped_with_sigterm_finishes_the_messages_in_flight(
    database_url: str, database: Database, clock: FixedClock, gateway: Gateway, tmp_path: Path
) -> None:
    gateway.control(latency=1.0)
    with worker(
        worker_env(database_url, clock, gateway, tmp_path, gateway.token), tmp_path / "w.log"
    ) as process:
        await post_messages(database, clock.now(), *(message(n) for n in range(5)))

        async def in_flight() -> bool:
            return len(await OutboxStore(database).unsent()) == 5 and bool(
                await database.read(
                    lambda conn: conn.exec_driver_sql(
                        "SELECT 1 FROM outbox WHERE claim_token IS NOT NULL"
                    ).first()
                )
            )

        await wait_until(in_flight, 30)
        assert stopped(process) == 0
    assert await OutboxStore(database).unsent() == [], "what was in flight was sent and recorded"
    assert len(gateway.taken()) == 5
    assert "stopped" in (tmp_path / "w.log").read_text()


def test_a_worker_with_nowhere_to_deliver_says_so_and_exits(database_url: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MAWID_DATABASE_URL": database_url,
        "MAWID_DATA_DIR": str(tmp_path),
        "MAWID_DEMO": "0",
    }
    for name in ("MAWID_SMS_URL", "MAWID_SMTP_URL"):
        env.pop(name, None)
    done = subprocess.run(
        [str(MAWID), "worker"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "MAWID_SMS_URL" in done.stderr and "delivery_not_configured" in done.stdout
