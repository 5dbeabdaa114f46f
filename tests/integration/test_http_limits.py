"""A real ``mawid serve`` process against clients that never finish their requests, and more
clients than its connection cap: each half-open request is answered 408 (or closed) after its
deadline, and the server goes on answering everyone else."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from tests.live_server import ROOT, free_port, wait_until_answering

pytestmark = pytest.mark.slow

OFFICE = "cairo-abbassia-passports"
TIMEOUT = 1.0
"""The head and body deadlines of the server under test, in seconds."""
SLACK = 3.0
"""What a closing may lag behind its deadline on a busy two-core machine."""
HALF_HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"


@dataclass
class Server:
    """A ``mawid serve`` process in demo mode on a free port, its output in ``log``."""

    host: str
    port: int
    log: Path
    process: subprocess.Popen[bytes]

    @classmethod
    def spawn(cls, tmp_path: Path, template: Path, **env: str) -> Server:
        port = free_port()
        data = tmp_path / f"data-{port}"
        data.mkdir()
        shutil.copy(template, data / "mawid.sqlite3")  # migrated and seeded: starts in seconds
        environment = {
            **os.environ,
            "MAWID_DEMO": "1",
            "MAWID_DATA_DIR": str(data),
            "MAWID_PORT": str(port),
            "MAWID_HOST": "127.0.0.1",
            "MAWID_DATABASE_URL": "",
            "MAWID_REDIS_URL": "",
            "MAWID_WORKERS": "1",
            **env,
        }
        log = tmp_path / f"serve-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / "mawid"), "serve"],
                cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
            )
        return cls("127.0.0.1", port, log, process)

    def wait_until_healthy(self) -> None:
        wait_until_answering(self.process, f"{self.url}/api/v1/health", 60, self.log.read_text)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


CAP = 5


@pytest.fixture(scope="module")
def servers(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Server]]:
    """Two servers started side by side: one with 1 s deadlines, one with a cap of 5 connections
    (and deadlines long enough that the connections it holds open are not closed meanwhile)."""
    tmp_path = tmp_path_factory.mktemp("limits")
    started = [
        Server.spawn(
            tmp_path, sqlite_template,
            MAWID_HTTP_HEADER_TIMEOUT=str(TIMEOUT),
            MAWID_HTTP_BODY_TIMEOUT=str(TIMEOUT),
            MAWID_DISPLAY_PING_SECONDS="0.3",
        ),
        Server.spawn(
            tmp_path, sqlite_template, MAWID_MAX_CONNECTIONS=str(CAP), MAWID_HTTP_HEADER_TIMEOUT="60"
        ),
    ]
    try:
        for server in started:
            server.wait_until_healthy()
        yield started[0], started[1]
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def server(servers: tuple[Server, Server]) -> Server:
    return servers[0]


@pytest.fixture
def capped(servers: tuple[Server, Server]) -> Server:
    return servers[1]


async def _until_closed(host: str, port: int, send: bytes, trickle: float = 0.0) -> tuple[float, bytes]:
    """Open a connection, send ``send`` (a byte every ``trickle`` seconds if given), and read until
    the server closes it: (seconds from connecting to the close, everything the server said).
    The clock starts before the connection is asked for: with 200 connecting at once on a busy
    machine, this coroutine may resume well after the server accepted it (and started its deadline)."""
    started = time.monotonic()
    reader, writer = await asyncio.open_connection(host, port)
    try:
        if trickle:
            async def drip() -> None:
                for byte in send:
                    writer.write(bytes([byte]))
                    await asyncio.sleep(trickle)

            dripping = asyncio.create_task(drip())
        elif send:
            writer.write(send)
        try:
            received = await asyncio.wait_for(reader.read(), TIMEOUT + SLACK + 5)
        except ConnectionResetError:
            # Bytes still arriving as the server closes make the kernel reset the connection,
            # which may drop what the server wrote last: a trickling client sees a reset.
            received = b""
        elapsed = time.monotonic() - started
        if trickle:
            dripping.cancel()
        return elapsed, received
    finally:
        writer.close()


def _problem(received: bytes) -> tuple[int, dict[str, str], dict[str, object]]:
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, json.loads(body)


async def test_half_sent_heads_are_answered_408_and_closed(server: Server) -> None:
    host, port = server.host, server.port
    results = await asyncio.gather(
        *(_until_closed(host, port, HALF_HEAD) for _ in range(200)),
        *(_until_closed(host, port, b"") for _ in range(10)),  # connect and say nothing
        _until_closed(host, port, HALF_HEAD, trickle=0.2),  # a byte at a time, never finishing
    )
    half, silent, trickled = results[:200], results[200:210], results[210]

    assert max(elapsed for elapsed, _ in results) < TIMEOUT + SLACK
    assert min(elapsed for elapsed, _ in results) > TIMEOUT * 0.5  # a deadline, not at once
    assert trickled[1] == b"" or _problem(trickled[1])[0] == 408
    for _, received in half:
        status, headers, body = _problem(received)
        assert status == 408
        assert headers["content-type"] == "application/problem+json"
        assert headers["connection"] == "close"
        assert body["code"] == "request_timeout" and body["detail_ar"]
    assert all(received == b"" for _, received in silent)  # nothing asked, nothing answered

    response = httpx.get(f"http://{host}:{port}/api/v1/health", timeout=5)
    assert response.status_code == 200


async def test_a_half_sent_head_after_a_full_request_times_out_too(server: Server) -> None:
    host, port = server.host, server.port
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        first = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        assert first.startswith(b"HTTP/1.1 200")
        length = next(int(line.split(b":")[1]) for line in first.split(b"\r\n")
                      if line.lower().startswith(b"content-length"))
        await reader.readexactly(length)
        writer.write(HALF_HEAD)  # the keep-alive connection starts a second request, never finished
        started = time.monotonic()
        rest = await asyncio.wait_for(reader.read(), TIMEOUT + SLACK)
        assert time.monotonic() - started < TIMEOUT + SLACK
        assert _problem(rest)[0] == 408
    finally:
        writer.close()


async def test_a_body_that_never_arrives_is_answered_408(server: Server) -> None:
    host, port, log = server.host, server.port, server.log
    request = (
        b"POST /api/v1/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n" + b'{"office":'
    )
    elapsed, received = await _until_closed(host, port, request)

    assert TIMEOUT * 0.5 < elapsed < TIMEOUT + SLACK
    status, _, body = _problem(received)
    assert status == 408 and body["code"] == "request_timeout"
    assert "body" in str(body["detail"])
    assert "Traceback" not in log.read_text()


async def test_requests_and_hall_screens_work_within_the_deadlines(server: Server) -> None:
    host, port = server.host, server.port
    async with httpx.AsyncClient(base_url=f"http://{host}:{port}", timeout=5) as http:
        response = await http.post(
            "/api/v1/auth/token", json={"username": "nobody", "password": "wrong-password-here"}
        )
        assert response.status_code in (401, 422)  # a body read in full, answered by the app
        assert (await http.get(f"/api/v1/offices/{OFFICE}")).status_code == 200

    async with connect(f"ws://{host}:{port}/ws/offices/{OFFICE}/display") as screen:
        first = json.loads(await asyncio.wait_for(screen.recv(), 5))
        assert first["type"] == "snapshot"
        await asyncio.sleep(TIMEOUT * 2)  # longer than any request deadline: a screen stays connected
        later = json.loads(await asyncio.wait_for(screen.recv(), 5))
        assert later["type"]


async def test_connections_beyond_the_cap_are_refused_with_503(capped: Server) -> None:
    host, port, url = capped.host, capped.port, f"{capped.url}/api/v1/health"
    held = [await asyncio.open_connection(host, port) for _ in range(CAP - 1)]
    try:
        # With CAP - 1 connections open, one more is still served: the cap is CAP, not CAP - 1.
        async with httpx.AsyncClient(timeout=5) as http:
            assert (await http.get(url)).status_code == 200
        held.append(await asyncio.open_connection(host, port))
        await asyncio.sleep(0.2)

        async with httpx.AsyncClient(timeout=5) as http:
            refused = await http.get(url)
        assert refused.status_code == 503
        assert refused.headers["retry-after"].isdigit()
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["code"] == "server_busy" and refused.json()["detail_ar"]

        with pytest.raises(InvalidStatus) as screen:
            async with connect(f"ws://{host}:{port}/ws/offices/{OFFICE}/display"):
                pass
        assert screen.value.response.status_code == 503
    finally:
        for _, writer in held:
            writer.close()

    deadline = time.monotonic() + 5
    async with httpx.AsyncClient(timeout=5) as http:
        while (status := (await http.get(url)).status_code) == 503 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
    assert status == 200
