"""How fast the outbox drains to an SMS gateway: messages per second from posted to recorded sent.

A gateway process on this machine (``tests/sms_gateway.py``, answering at once or after
``--latency`` seconds, as a real one would) takes the SMS; the outbox is a fresh SQLite file, or
a fresh PostgreSQL database with ``--postgres`` (then ``--senders`` senders, each with its own
connections, share it as ``mawid worker`` processes would). Each sender has ``--concurrency``
messages in flight. The figure counts claiming, sending and recording; posting is not timed.

    .venv/bin/python -m bench.bench_delivery [--messages 5000] [--concurrency 16] [--latency 0]
                                             [--postgres] [--senders 2]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from booking.store.migrate import migrate
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.outbox import OutboxMessage
from messaging.retry import RetryPolicy
from messaging.sender import Sender
from messaging.sms_gateway import SmsGateway
from messaging.store.outbox import OutboxStore, post
from tests.live_server import ROOT, free_port
from tests.services import POSTGRES_ADMIN_URL

TOKEN = "bench-token"
NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
TEXT = (  # an Arabic SMS of two UCS-2 segments, as the confirmations will be
    "تم تأكيد حجزك لخدمة «إصدار جواز سفر» في مكتب جوازات العباسية يوم الأحد ٦ ديسمبر الساعة ٩:٣٠. "
    "الكود K7Q2M9XP"
)


def start_gateway() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sms_gateway", "--port", str(port), "--token", TOKEN],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{url}/_health", timeout=1)
            return process, url
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the gateway did not start")


async def fill(database: Database, count: int) -> None:
    messages = [
        OutboxMessage(
            kind="bench", phone=f"+2010{n:08d}", lang="ar", message=TEXT, office_id="giza-passports"
        )
        for n in range(count)
    ]

    def work(conn: Any) -> None:
        for message in messages:
            post(conn, message, NOW)

    await database.write(work)


async def drain(url: str, gateway_url: str, senders: int, concurrency: int) -> float:
    """Seconds until ``senders`` senders have delivered the whole outbox."""
    databases = [Database(url) for _ in range(senders)]
    channels = [SmsGateway(f"{gateway_url}/send", TOKEN, concurrency=concurrency) for _ in range(senders)]
    clock = FixedClock(NOW)
    workers = [
        Sender(
            OutboxStore(db),
            {"sms": channel},
            clock,
            RetryPolicy(),
            concurrency=concurrency,
            idle_seconds=0.05,
        )
        for db, channel in zip(databases, channels, strict=True)
    ]
    store = OutboxStore(databases[0])
    started = time.perf_counter()
    tasks = [asyncio.create_task(worker.run()) for worker in workers]
    while await store.unsent(1):
        await asyncio.sleep(0.02)
    elapsed = time.perf_counter() - started
    for worker in workers:
        worker.stop()
    await asyncio.gather(*tasks)
    for worker, database in zip(workers, databases, strict=True):
        await worker.close()
        await database.dispose()
    return elapsed


async def postgres_database() -> tuple[str, str]:
    admin = make_url(POSTGRES_ADMIN_URL)
    name = f"mawid_bench_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(
        host=admin.host, port=admin.port, user=admin.username, database=admin.database
    )
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    return admin.set(database=name).render_as_string(hide_password=False), name


async def drop_postgres(name: str) -> None:
    admin = make_url(POSTGRES_ADMIN_URL)
    connection = await asyncpg.connect(
        host=admin.host, port=admin.port, user=admin.username, database=admin.database
    )
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await connection.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds the gateway takes per SMS")
    parser.add_argument("--postgres", action="store_true", help="the outbox on PostgreSQL (else SQLite)")
    parser.add_argument("--senders", type=int, default=1)
    args = parser.parse_args()
    gateway, gateway_url = start_gateway()
    httpx.post(f"{gateway_url}/_control", json={"latency": args.latency}, timeout=5)
    pg_name = None
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            if args.postgres:
                url, pg_name = await postgres_database()
            else:
                url = f"sqlite:///{data_dir}/mawid.sqlite3"
            database = Database(url)
            await migrate(database)
            await fill(database, args.messages)
            await database.dispose()
            seconds = await drain(url, gateway_url, args.senders, args.concurrency)
        received = httpx.get(f"{gateway_url}/_received", timeout=60).json()
        repeats = len(received) - len({r["id"] for r in received})
        backend = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"{args.messages} SMS on {backend}, {args.senders} sender(s) × {args.concurrency} in flight, "
            f"gateway latency {args.latency * 1000:.0f} ms: {seconds:.2f} s, "
            f"{args.messages / seconds:,.0f} messages/s; "
            f"{len(received)} reached the gateway, {repeats} repeats"
        )
    finally:
        gateway.terminate()
        gateway.wait()
        if pg_name:
            await drop_postgres(pg_name)


if __name__ == "__main__":
    asyncio.run(main())
