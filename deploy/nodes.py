"""Many nodes, rehearsed: three ``mawid serve`` processes behind HAProxy on one PostgreSQL and one
Redis, a load client that books and runs a hall through the balancer, and one node SIGKILLed and
restarted in the middle of it.

    .venv/bin/python -m deploy.nodes [--seconds 30] [--down 4] [--postgres ADMIN_URL]   (make nodes)

It starts everything it needs (a database of its own on the PostgreSQL server, dropped afterwards;
a throwaway Redis on a free port; HAProxy with a generated configuration; the nodes) and stops
all of it at the end, whatever happens. It prints what the operator wants to know: requests and
status counts, the errors seen while the node was down, how long until the restarted node was
back in rotation, and the invariants — every booking answered 201 is in the database, no ticket
number was given twice and no ticket was called twice. Exit status 1 when an invariant fails.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bench.bench_booking import fresh_postgres

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ADMIN_URL = os.environ.get(
    "MAWID_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
SECRET = "many-nodes-rehearsal-secret-0123456789abcdef"  # noqa: S105 (a throwaway test cluster)
CLOCK_START = datetime.fromisoformat("2026-12-06T08:30:00+02:00")
"""A Sunday morning in Cairo: the office is open, and the rest of the day's slots can be booked."""
ABBASSIA = "cairo-abbassia-passports"
BOOKED_OFFICES = (ABBASSIA, "giza-passports")
NODES = 3
HEALTH = "/api/v1/health"

# -- the balancer ------------------------------------------------------------------------------


def haproxy_config(front_port: int, node_ports: list[int], stats_socket: Path | None = None) -> str:
    """The HAProxy configuration: round robin over the nodes, each checked on the health endpoint
    every second (out after 2 failures, back after 2 passes). A request that could not even
    connect is sent to another node (``retry-on conn-failure`` + ``redispatch``): that is always
    safe; a request a node died while answering is not retried, since it may have been done."""
    stats = f"    stats socket {stats_socket} mode 600 level user\n" if stats_socket else ""
    servers = "".join(
        f"    server node{i} 127.0.0.1:{port} check\n" for i, port in enumerate(node_ports, start=1)
    )
    return (
        "global\n"
        "    maxconn 4096\n"
        f"{stats}"
        "\n"
        "defaults\n"
        "    mode http\n"
        "    option httplog\n"
        "    timeout connect 2s\n"
        "    timeout client 30s\n"
        "    timeout server 30s\n"
        "    # A client that has not sent its whole request head in 5 s is dropped (slowloris).\n"
        "    timeout http-request 5s\n"
        "    timeout http-keep-alive 10s\n"
        "    # Hall screens hold a WebSocket open all day; the feed pings every 15 s, so an idle\n"
        "    # tunnel is a dead one long before this.\n"
        "    timeout tunnel 1h\n"
        "    timeout client-fin 5s\n"
        "    retries 2\n"
        "    retry-on conn-failure\n"
        "    option redispatch 1\n"
        "\n"
        "frontend mawid\n"
        f"    bind 127.0.0.1:{front_port}\n"
        "    option forwardfor\n"
        "    unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid\n"
        "    http-request set-header X-Request-ID %[unique-id]\n"
        "    default_backend nodes\n"
        "\n"
        "backend nodes\n"
        "    balance roundrobin\n"
        f"    option httpchk GET {HEALTH}\n"
        "    http-check expect status 200\n"
        "    default-server inter 1s fall 2 rise 2\n"
        f"{servers}"
    )


def server_states(stats_socket: Path, backend: str = "nodes") -> dict[str, str]:
    """Each server's status as HAProxy sees it (``UP``, ``DOWN``, ``UP 1/2``…), from ``show stat``."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        sock.connect(str(stats_socket))
        sock.sendall(b"show stat\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    text = b"".join(chunks).decode().lstrip("# ")
    rows = csv.DictReader(io.StringIO(text))
    return {r["svname"]: r["status"] for r in rows if r["pxname"] == backend and r["svname"] != "BACKEND"}


# -- processes ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a process we started (its own session: it and its children), then kill it."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def spawn(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 (our own command lines)
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


def wait_until(check: Any, what: str, timeout: float, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}):\n{tail(log)}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up in {timeout:.0f} s:\n{tail(log)}")
        time.sleep(0.1)


def healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}{HEALTH}", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


@dataclass
class Node:
    """One ``mawid serve`` process on its own port; its clock is the shared rehearsal clock."""

    name: str
    port: int
    env: dict[str, str]
    log: Path
    started: float
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        # Every node's MAWID_CLOCK starts where the rehearsal's clock now stands, so a restarted
        # node does not go back to the morning the others started at.
        now = CLOCK_START + timedelta(seconds=time.monotonic() - self.started)
        env = {**self.env, "MAWID_PORT": str(self.port), "MAWID_CLOCK": now.isoformat()}
        env["MAWID_DEMO"] = "0"  # the database is seeded once beforehand, see ``cluster``
        mawid = Path(sys.executable).with_name("mawid")
        command = [str(mawid)] if mawid.exists() else [sys.executable, "-m", "api.cli"]
        self.process = spawn([*command, "serve"], self.log, env)

    def wait_healthy(self, timeout: float = 60) -> None:
        assert self.process is not None
        wait_until(lambda: healthy(self.port), self.name, timeout, self.process, self.log)

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no shutdown, no goodbye."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)


@dataclass
class Cluster:
    url: str
    nodes: list[Node]
    stats_socket: Path
    database_url: str


@contextmanager
def cluster(work: Path, admin_url: str, started: float) -> Iterator[Cluster]:
    """PostgreSQL database, Redis, three nodes and HAProxy, all stopped on the way out."""
    for binary in ("haproxy", "redis-server"):
        if shutil.which(binary) is None:
            raise RuntimeError(f"{binary} is not installed (apt-get install -y {binary.split('-')[0]})")
    with ExitStack() as stack:
        database_url = stack.enter_context(fresh_postgres(admin_url))
        redis_port = _start_redis(stack, work)
        env = _node_env(database_url, redis_port, work)
        nodes = [
            Node(f"node{i}", free_port(), env, work / f"node{i}.log", started) for i in range(1, NODES + 1)
        ]
        for node in nodes:
            stack.callback(node.stop)
        _seed_once(database_url)
        for node in nodes:
            node.start()
        for node in nodes:
            node.wait_healthy()
        front, stats_socket = _start_balancer(stack, work, nodes)
        yield Cluster(f"http://127.0.0.1:{front}", nodes, stats_socket, database_url)


def _start_redis(stack: ExitStack, work: Path) -> int:
    """A throwaway Redis that keeps nothing on disk, stopped with ``stack``; its port."""
    redis_port = free_port()
    redis_log = work / "redis.log"
    redis = spawn(
        [
            "redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(work),
        ],
        redis_log,
    )
    stack.callback(stop, redis)
    wait_until(lambda: port_open(redis_port), "redis-server", 10, redis, redis_log)
    return redis_port


def _node_env(database_url: str, redis_port: int, work: Path) -> dict[str, str]:
    """What every node's ``mawid serve`` shares (each adds its port and clock, see ``Node.start``)."""
    return {
        **os.environ,
        "MAWID_DATABASE_URL": database_url,
        "MAWID_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "MAWID_SECRET_KEY": SECRET,
        "MAWID_IDENTITY_KEY": SECRET[::-1],  # a key of its own, apart from the token secret
        "MAWID_POW": "off",  # the load solves no puzzles: measure the booking path itself
        "MAWID_PHONE_VERIFICATION": "off",  # one-step bookings: no code to read back from SMS
        "MAWID_TRUSTED_PROXIES": "127.0.0.1/32",  # the balancer: its X-Forwarded-For is believed
        "MAWID_WORKERS": "1",
        # The rehearsal's citizens all book with one mobile number.
        "MAWID_ACTIVE_BOOKINGS_PER_MOBILE": "10000",
        "MAWID_DATA_DIR": str(work / "data"),
    }


def _seed_once(database_url: str) -> None:
    """Migrate and seed the demo offices and staff once, before any node starts (what `mawid
    migrate` and `MAWID_DEMO=1 mawid seed-demo` do), so the three can start at once."""
    from api.cli import prepare
    from api.settings import Settings

    seeded = Settings(database_url=database_url, demo=True, clock=CLOCK_START.isoformat())
    asyncio.run(prepare(seeded, seed=True))


def _start_balancer(stack: ExitStack, work: Path, nodes: list[Node]) -> tuple[int, Path]:
    """HAProxy in front of ``nodes``, stopped with ``stack``, once it sees every node UP: its
    front port and stats socket."""
    front = free_port()
    stats_socket = work / "haproxy.sock"
    config = work / "haproxy.cfg"
    config.write_text(haproxy_config(front, [n.port for n in nodes], stats_socket))
    haproxy_log = work / "haproxy.log"
    haproxy = spawn(["haproxy", "-f", str(config), "-db"], haproxy_log)
    stack.callback(stop, haproxy)

    def all_up() -> bool:
        try:
            return set(server_states(stats_socket).values()) == {"UP"}
        except OSError:
            return False

    wait_until(all_up, "haproxy (every node UP)", 20, haproxy, haproxy_log)
    return front, stats_socket


# -- the load ----------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the load client saw. Times are seconds on the monotonic clock."""

    statuses: Counter[int] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    transport_errors: int = 0
    outcomes: list[tuple[float, str]] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    issued: list[tuple[str, str]] = field(default_factory=list)
    called: list[str] = field(default_factory=list)
    completed: int = 0
    today_codes: list[str] = field(default_factory=list)

    async def send(
        self, client: httpx.AsyncClient, method: str, url: str, **kwargs: Any
    ) -> httpx.Response | None:
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.HTTPError:
            self.transport_errors += 1
            self.outcomes.append((time.monotonic(), "transport"))
            return None
        self.statuses[response.status_code] += 1
        if 400 <= response.status_code < 600:
            try:
                code = response.json().get("code", "?")
            except ValueError:
                code = "-"
            self.refusals[f"{response.status_code} {code}"] += 1
        self.outcomes.append((time.monotonic(), f"{response.status_code // 100}xx"))
        return response


@dataclass
class Staff:
    kiosk: dict[str, str]
    agent: dict[str, str]


def national_ids() -> Iterator[str]:
    """Valid, distinct national IDs (as in tests/integration/helpers.py): birth date, governorate
    01, a serial and its tens-of-thousands digit."""
    serial = 0
    while True:
        serial += 1
        yield f"290010101{serial % 10000:04d}{serial // 10000 % 10}"


async def login(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    from booking.store.seed import DEMO_ACCOUNTS

    password = next(p for u, p, _, _ in DEMO_ACCOUNTS if u == username)
    response = await client.post("/api/v1/auth/token", json={"username": username, "password": password})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def bookable_slots(
    client: httpx.AsyncClient, today: str
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(office, service, start) of the free slots of the coming week at a few offices, and the
    services the Abbassia hall serves."""
    last = (datetime.fromisoformat(today) + timedelta(days=6)).date().isoformat()
    slots: list[tuple[str, str, str]] = []
    hall_services: list[str] = []
    for office_id in BOOKED_OFFICES:
        office = (await client.get(f"/api/v1/offices/{office_id}")).json()
        if office_id == ABBASSIA:
            hall_services = list(office["services"])
        for service in office["services"][:2]:
            days = (
                await client.get(
                    f"/api/v1/offices/{office_id}/availability",
                    params={"service": service, "from": today, "to": last},
                )
            ).json()["days"]
            slots += [(office_id, service, s["start"]) for d in days for s in d["slots"]]
    return slots, hall_services


async def booker(
    client: httpx.AsyncClient,
    tally: Tally,
    slots: list[tuple[str, str, str]],
    ids: Iterator[str],
    today: str,
    done: asyncio.Event,
) -> None:
    """Books random slots; one in three is today at Abbassia, for the kiosk to check in."""
    todays = [s for s in slots if s[0] == ABBASSIA and s[2].startswith(today)]
    while not done.is_set():
        if not slots:
            await asyncio.sleep(0.5)
            continue
        office_id, service, start = random.choice(todays if todays and random.random() < 0.33 else slots)
        body = {
            "service": service,
            "office_id": office_id,
            "start": start,
            "identity": {"type": "national_id", "number": next(ids)},
            "full_name": "منى عبد الرحمن السيد",
            "phone": "01012345678",
        }
        response = await tally.send(client, "POST", "/api/v1/bookings", json=body)
        if response is not None and response.status_code == 409 and (office_id, service, start) in slots:
            slots.remove((office_id, service, start))  # full (or a duplicate): try the others
            if (office_id, service, start) in todays:
                todays.remove((office_id, service, start))
            if not slots:
                await asyncio.sleep(0.5)
        if response is not None and response.status_code == 201:
            code = response.json()["code"]
            tally.confirmed.append(code)
            if office_id == ABBASSIA and start.startswith(today):
                tally.today_codes.append(code)


async def kiosk(
    client: httpx.AsyncClient, tally: Tally, staff: Staff, services: list[str], done: asyncio.Event
) -> None:
    """Walk-ins and check-ins of today's bookings at the Abbassia kiosk, a few a second."""
    url = f"/api/v1/offices/{ABBASSIA}/tickets"
    while not done.is_set():
        if tally.today_codes and random.random() < 0.4:
            body = {"booking_code": tally.today_codes.pop(0)}
        else:
            body = {"service": random.choice(services)}
        response = await tally.send(client, "POST", url, json=body, headers=staff.kiosk)
        if response is not None and response.status_code == 201:
            issued = response.json()
            tally.issued.append((issued["ticket_id"], issued["number"]))
        await asyncio.sleep(0.15)


async def counter(
    client: httpx.AsyncClient, tally: Tally, staff: Staff, counter_id: str, done: asyncio.Event
) -> None:
    """A clerk at one counter: open it, then call, start and complete, over and over. After an
    answer lost to the killed node, the counter's own ticket is read back and finished."""
    base = f"/api/v1/offices/{ABBASSIA}"
    while not done.is_set():
        opened = await tally.send(
            client,
            "POST",
            f"{base}/counters/{counter_id}/status",
            json={"status": "open"},
            headers=staff.agent,
        )
        if opened is not None and opened.status_code == 200:
            break
        await asyncio.sleep(0.3)
    while not done.is_set():
        response = await tally.send(
            client, "POST", f"{base}/counters/{counter_id}/call-next", headers=staff.agent
        )
        ticket: dict[str, Any] | None = None
        if response is not None and response.status_code == 200:
            ticket = response.json()["ticket"]
            tally.called.append(ticket["ticket_id"])
        elif response is not None and response.status_code == 409:  # counter_busy: finish what it holds
            held = await tally.send(client, "GET", f"{base}/counters/{counter_id}", headers=staff.agent)
            ticket = held.json().get("ticket") if held is not None and held.status_code == 200 else None
        else:
            await asyncio.sleep(0.3)
            continue
        if ticket is None:
            continue
        await asyncio.sleep(0.1)
        for action in ("start", "complete") if ticket["status"] == "called" else ("complete",):
            for _ in range(20):
                answer = await tally.send(
                    client, "POST", f"{base}/tickets/{ticket['ticket_id']}/{action}", headers=staff.agent
                )
                if answer is not None and answer.status_code in (200, 409):  # 409: it was done already
                    break
                await asyncio.sleep(0.3)
        tally.completed += 1


def desks(counters: list[dict[str, Any]], how_many: int = 3) -> tuple[list[str], set[str]]:
    """Up to ``how_many`` counters with different services, and the services they serve between
    them (the kiosk issues only those, so every ticket can be called)."""
    chosen: list[str] = []
    served: set[str] = set()
    for c in counters:
        if len(chosen) < how_many and not set(c["services"]) <= served:
            chosen.append(str(c["id"]))
            served |= set(c["services"])
    return chosen, served


@dataclass
class Outage:
    killed_at: float | None = None
    restarted_at: float | None = None
    seen_down_at: float | None = None
    back_at: float | None = None


async def kill_and_restart(
    node: Node, stats_socket: Path, kill_after: float, down: float, outage: Outage
) -> None:
    """SIGKILL ``node`` after ``kill_after`` s, start it again ``down`` s later, and watch HAProxy
    take it out of and back into rotation."""
    await asyncio.sleep(kill_after)
    node.kill()
    outage.killed_at = time.monotonic()
    while outage.back_at is None:
        now = time.monotonic()
        if outage.restarted_at is None and now - outage.killed_at >= down:
            node.start()
            outage.restarted_at = time.monotonic()
        try:
            status = (await asyncio.to_thread(server_states, stats_socket)).get(node.name, "")
        except OSError:
            status = ""
        if outage.seen_down_at is None and status.startswith("DOWN"):
            outage.seen_down_at = time.monotonic()
        if outage.restarted_at is not None and status == "UP":
            outage.back_at = time.monotonic()
        await asyncio.sleep(0.1)


# -- the figures ------------------------------------------------------------------------------


@dataclass
class Report:
    seconds: float
    requests: int
    status_2xx: int
    status_4xx: int
    status_5xx: int
    transport_errors: int
    statuses: dict[str, int]
    refusals: dict[str, int]
    outage_seconds: float | None
    errors_during_outage: int
    answered_2xx_during_outage: int
    seen_down_after: float | None
    back_after_restart: float | None
    back_after_kill: float | None
    bookings_confirmed: int
    bookings_confirmed_in_database: int
    bookings_in_database: int
    tickets_issued: int
    tickets_in_database: int
    numbers_given_twice: int
    tickets_called: int
    tickets_called_twice: int
    tickets_completed: int
    restarted_node_log: str = ""
    """The end of the restarted node's log, when it did not come back: why not."""

    def invariants_hold(self) -> bool:
        return (
            self.bookings_confirmed_in_database == self.bookings_confirmed
            and self.numbers_given_twice == 0
            and self.tickets_called_twice == 0
            and self.back_after_restart is not None
            and self.answered_2xx_during_outage > 0
        )

    def lines(self) -> list[str]:
        def s(value: float | None) -> str:
            return "never" if value is None else f"{value:.1f} s"

        return [
            f"load: {self.seconds:.0f} s through HAProxy over {NODES} nodes, one SIGKILLed and restarted",
            f"requests: {self.requests:,}  2xx {self.status_2xx:,}  4xx {self.status_4xx:,}  "
            f"5xx {self.status_5xx:,}  transport errors {self.transport_errors:,}",
            f"by status: {self.statuses}",
            f"refusals and errors by code: {self.refusals}",
            f"node down (kill → back in rotation): {s(self.outage_seconds)}; HAProxy saw it down after "
            f"{s(self.seen_down_after)}; back in rotation {s(self.back_after_restart)} after its restart",
            f"during the outage: {self.errors_during_outage} errors (5xx or connection), "
            f"{self.answered_2xx_during_outage:,} requests answered 2xx",
            f"bookings: {self.bookings_confirmed:,} confirmed (201), "
            f"{self.bookings_confirmed_in_database:,} of them in the database, "
            f"{self.bookings_in_database:,} bookings in the database",
            f"tickets: {self.tickets_issued:,} issued ({self.tickets_in_database:,} in the database), "
            f"{self.numbers_given_twice} numbers given twice; {self.tickets_called:,} called, "
            f"{self.tickets_called_twice} called twice; {self.tickets_completed:,} completed",
            "invariants: " + ("hold" if self.invariants_hold() else "BROKEN"),
        ] + (
            [f"the restarted node's log ends:\n{self.restarted_node_log}"] if self.restarted_node_log else []
        )


async def database_counts(database_url: str, confirmed: list[str]) -> dict[str, int]:
    """What the database holds, read after the load: the client's word is checked against it."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:

            async def one(sql: str, **params: Any) -> int:
                return int((await conn.execute(text(sql), params)).scalar_one())

            return {
                "confirmed_in_database": await one(
                    "SELECT count(*) FROM bookings WHERE code = ANY(:codes)", codes=confirmed
                ),
                "bookings": await one("SELECT count(*) FROM bookings"),
                "tickets": await one("SELECT count(*) FROM tickets WHERE office_id = :o", o=ABBASSIA),
                "numbers_twice": await one(
                    "SELECT count(*) FROM (SELECT 1 FROM tickets GROUP BY office_id, day, number "
                    "HAVING count(DISTINCT id) > 1) AS twice"
                ),
                "called_twice": await one(
                    "SELECT count(*) FROM (SELECT 1 FROM ticket_steps WHERE action = 'call' "
                    "GROUP BY ticket_id HAVING count(*) > 1) AS twice"
                ),
            }
    finally:
        await engine.dispose()


async def drive(the: Cluster, seconds: float, down: float, bookers: int) -> tuple[Tally, Outage, float]:
    tally, outage = Tally(), Outage()
    today = CLOCK_START.date().isoformat()
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=0)
    # No keep-alive: every request is a new connection, so round robin spreads them over the nodes.
    async with httpx.AsyncClient(base_url=the.url, timeout=10, limits=limits) as client:
        staff = Staff(await login(client, "kiosk.abbassia"), await login(client, "agent.abbassia"))
        slots, hall_services = await bookable_slots(client, today)
        office = (await client.get(f"/api/v1/offices/{ABBASSIA}")).json()
        counter_ids, served = desks(office["counters"])
        hall_services = [s for s in hall_services if s in served]
        done = asyncio.Event()
        ids = national_ids()
        began = time.monotonic()
        workers = [
            asyncio.create_task(booker(client, tally, slots, ids, today, done)) for _ in range(bookers)
        ]
        workers.append(asyncio.create_task(kiosk(client, tally, staff, hall_services, done)))
        workers += [asyncio.create_task(counter(client, tally, staff, c, done)) for c in counter_ids]
        victim = the.nodes[1]
        watcher = asyncio.create_task(kill_and_restart(victim, the.stats_socket, seconds * 0.3, down, outage))
        # Run the planned time, and longer (bounded) if the restarted node is not back yet.
        await asyncio.sleep(seconds)
        await asyncio.wait({watcher}, timeout=45)
        done.set()
        watcher.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        await asyncio.gather(watcher, return_exceptions=True)
        return tally, outage, time.monotonic() - began


def report(tally: Tally, outage: Outage, elapsed: float, counts: dict[str, int]) -> Report:
    start, end = outage.killed_at, outage.back_at or time.monotonic()
    during = [kind for at, kind in tally.outcomes if start is not None and start <= at <= end]
    numbers = Counter(number for _, number in tally.issued)

    def since(mark: float | None, origin: float | None) -> float | None:
        return None if mark is None or origin is None else mark - origin

    by_class = Counter(kind for _, kind in tally.outcomes)
    return Report(
        seconds=elapsed,
        requests=len(tally.outcomes),
        status_2xx=by_class["2xx"],
        status_4xx=by_class["4xx"],
        status_5xx=by_class["5xx"],
        transport_errors=tally.transport_errors,
        statuses={str(code): n for code, n in sorted(tally.statuses.items())},
        refusals=dict(tally.refusals.most_common()),
        outage_seconds=since(outage.back_at, outage.killed_at),
        errors_during_outage=sum(1 for k in during if k in ("5xx", "transport")),
        answered_2xx_during_outage=sum(1 for k in during if k == "2xx"),
        seen_down_after=since(outage.seen_down_at, outage.killed_at),
        back_after_restart=since(outage.back_at, outage.restarted_at),
        back_after_kill=since(outage.back_at, outage.killed_at),
        bookings_confirmed=len(tally.confirmed),
        bookings_confirmed_in_database=counts["confirmed_in_database"],
        bookings_in_database=counts["bookings"],
        tickets_issued=len(tally.issued),
        tickets_in_database=counts["tickets"],
        numbers_given_twice=sum(1 for n in numbers.values() if n > 1) + counts["numbers_twice"],
        tickets_called=len(tally.called),
        tickets_called_twice=sum(1 for n in Counter(tally.called).values() if n > 1) + counts["called_twice"],
        tickets_completed=tally.completed,
    )


def run(
    seconds: float = 30, down: float = 4, bookers: int = 4, admin_url: str = POSTGRES_ADMIN_URL
) -> Report:
    """The whole rehearsal; every process it started is stopped before it returns or raises."""
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="mawid-nodes-") as tmp,
        cluster(Path(tmp), admin_url, started) as the,
    ):
        tally, outage, elapsed = asyncio.run(drive(the, seconds, down, bookers))
        counts = asyncio.run(database_counts(the.database_url, tally.confirmed))
        result = report(tally, outage, elapsed, counts)
        if outage.back_at is None:
            result.restarted_node_log = tail(the.nodes[1].log, 30)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=30, help="how long the load runs (default 30)")
    parser.add_argument(
        "--down", type=float, default=4, help="seconds the killed node stays down (default 4)"
    )
    parser.add_argument("--bookers", type=int, default=4, help="concurrent booking clients (default 4)")
    parser.add_argument(
        "--postgres",
        default=POSTGRES_ADMIN_URL,
        metavar="ADMIN_URL",
        help="PostgreSQL server on which a database of its own is created and dropped",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    result = run(args.seconds, args.down, args.bookers, args.postgres)
    print("\n".join(result.lines()))
    if args.json:
        args.json.write_text(json.dumps(asdict(result), indent=2))
    return 0 if result.invariants_hold() else 1


if __name__ == "__main__":
    sys.exit(main())
