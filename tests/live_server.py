"""Start real server processes (uvicorn, or granian where asked) for tests and benchmarks that need
real HTTP between processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_answering(
    process: subprocess.Popen[bytes], url: str, timeout: float, output: Callable[[], str]
) -> None:
    """Wait until ``url`` answers 200; fail with the server's ``output`` if it exits first or
    does not answer within ``timeout`` seconds (then it is killed first: ``output`` may read a
    pipe to its end, which would wait forever on a server still running)."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}):\n{output()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise RuntimeError(f"server did not answer {url} in {timeout:.0f} s:\n{output()[-3000:]}")
        time.sleep(0.1)


SERVERS = ("uvicorn", "granian")
"""The ASGI servers a live server can run on: uvicorn (what ``mawid serve`` runs) and granian,
measured beside it (README, "The ASGI server"; ``pip install -e '.[granian]'``)."""

LIVE_SERVER_ENV = "MAWID_LIVE_SERVER"
"""Names the server of every live server a test run starts when a call names none: how the display
tests were run on granian. Not a setting of Mawid's: only these test helpers read it."""


@dataclass(frozen=True)
class LiveServer:
    url: str
    pid: int
    """The process that serves: uvicorn's own, or granian's one worker (its supervisor's child)."""


def _command(server: str, port: int) -> list[str]:
    """The command line of ``server`` serving ``create_app_from_env`` on ``port``, one process, no
    access log, no server banner and no proxy headers believed, like ``mawid serve``."""
    if server == "uvicorn":
        return [
            sys.executable, "-m", "uvicorn", "api.app:create_app_from_env", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log",
            "--no-server-header", "--no-proxy-headers", "--ws-per-message-deflate", "false",
        ]
    if server == "granian":
        # granian sends no server banner and reads no proxy headers unless asked; one worker
        # process under its supervisor.
        return [
            sys.executable, "-m", "granian", "--interface", "asgi", "--factory",
            "api.app:create_app_from_env", "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--log-level", "warning",
        ]
    raise ValueError(f"unknown server {server!r}: one of {', '.join(SERVERS)}")


def _serving_pid(server: str, process: subprocess.Popen[bytes]) -> int:
    """The pid that answers: granian's worker is the one child of its supervisor."""
    if server != "granian":
        return process.pid
    listed = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    return int(listed[0]) if listed else process.pid


@contextmanager
def live_server(
    env: dict[str, str],
    startup_timeout: float = 60.0,
    port: int | None = None,
    server: str | None = None,
    *,
    workers: int = 1,
    root: Path = ROOT,
) -> Iterator[LiveServer]:
    """A process of ``server`` (uvicorn unless named here or in ``MAWID_LIVE_SERVER``) serving
    ``create_app_from_env`` with ``env``, on ``port`` if given (a server restarted on its old port is
    how a screen sees a restart). ``workers`` > 1 (uvicorn only): its supervisor and that many
    worker processes (``pid`` is the supervisor's); ``root``: the checkout whose code it runs (a
    benchmark compares another commit's server with this one's)."""
    server = server or os.environ.get(LIVE_SERVER_ENV) or "uvicorn"
    if workers > 1 and server != "uvicorn":
        raise ValueError("several workers are measured on uvicorn only")
    port = port or free_port()
    spread = ["--workers", str(workers)] if workers > 1 else []
    process = subprocess.Popen(
        [*_command(server, port), *spread],
        cwd=root, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(
            process,
            f"{base}/api/v1/health",
            startup_timeout,
            lambda: process.stderr.read().decode() if process.stderr else "",
        )
        yield LiveServer(base, _serving_pid(server, process))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
