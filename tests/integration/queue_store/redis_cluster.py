"""A real three-master Redis Cluster on free local ports, for the queue store's cluster test.

Three ``redis-server --cluster-enabled yes`` processes with nothing on disk, joined by
``redis-cli --cluster create`` (no replicas), ready once every node reports ``cluster_state:ok``.
Where it cannot start (no redis-server or redis-cli, or the cluster does not form) the test is
skipped with the reason; under CI=true that is a failure.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.services import require

MASTERS = 3


@dataclass(frozen=True)
class RedisClusterNodes:
    ports: tuple[int, ...]

    @property
    def startup_nodes(self) -> list[tuple[str, int]]:
        return [("127.0.0.1", port) for port in self.ports]

    @property
    def url(self) -> str:
        """The ``redis+cluster://`` URL ``api.redis_connection.redis_client`` takes."""
        return f"redis+cluster://127.0.0.1:{self.ports[0]}/0"


def _free_ports(how_many: int) -> list[int]:
    """Ports free now whose +10000 (the cluster bus) is free too."""
    ports: list[int] = []
    while len(ports) < how_many:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port + 10000 > 65535 or port in ports:
            continue
        with socket.socket() as bus:
            try:
                bus.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        ports.append(port)
    return ports


def _cli(port: int, *args: str, timeout: float = 10) -> str:
    done = subprocess.run(
        ["redis-cli", "-p", str(port), *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    return done.stdout + done.stderr


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait(check: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@contextmanager
def redis_cluster(work: Path) -> Iterator[RedisClusterNodes]:
    """Start the cluster in ``work`` (its nodes-<port>.conf files and logs), stop it afterwards."""
    missing = [b for b in ("redis-server", "redis-cli") if shutil.which(b) is None]
    require(not missing, f"{' and '.join(missing)} (Debian package redis-server) for a Redis Cluster")
    ports = _free_ports(MASTERS)
    with ExitStack() as stack:
        for port in ports:
            log = work / f"redis-{port}.log"
            process = subprocess.Popen(
                ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                 "--cluster-config-file", str(work / f"nodes-{port}.conf"), "--cluster-node-timeout", "5000",
                 "--save", "", "--appendonly", "no", "--dir", str(work), "--logfile", str(log)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            stack.callback(_stop, process)
        require(
            _wait(lambda: all("PONG" in _cli(p, "ping", timeout=2) for p in ports), 10),
            f"three redis-server --cluster-enabled nodes on ports {ports}",
        )
        created = _cli(
            ports[0], "--cluster", "create", *(f"127.0.0.1:{p}" for p in ports),
            "--cluster-replicas", "0", "--cluster-yes", timeout=30,
        )  # fmt: skip
        formed = _wait(
            lambda: all("cluster_state:ok" in _cli(p, "cluster", "info", timeout=2) for p in ports), 20
        )
        require(formed, f"a Redis Cluster formed by redis-cli --cluster create ({created.strip()[-300:]})")
        yield RedisClusterNodes(tuple(ports))
