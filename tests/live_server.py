"""Start real server processes (uvicorn) for tests that need real HTTP between processes."""

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


@dataclass(frozen=True)
class LiveServer:
    url: str
    pid: int


@contextmanager
def live_server(
    env: dict[str, str],
    startup_timeout: float = 60.0,
    port: int | None = None,
    *,
    workers: int = 1,
    root: Path = ROOT,
) -> Iterator[LiveServer]:
    """A uvicorn process serving ``create_app_from_env`` with ``env``, on ``port`` if given (a
    server restarted on its old port is how a screen sees a restart). ``workers`` > 1: uvicorn's
    supervisor and that many worker processes (``pid`` is the supervisor's); ``root``: the
    checkout whose code it runs (a benchmark compares another commit's server with this one's)."""
    port = port or free_port()
    spread = ["--workers", str(workers)] if workers > 1 else []
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app_from_env", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log",
         "--no-server-header", "--no-proxy-headers", *spread],
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
        yield LiveServer(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
