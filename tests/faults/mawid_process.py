"""``mawid serve`` as an operator runs it: a real process (uvicorn's supervisor and its workers),
its output in a file, its worker processes found through /proc so a test can kill one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tests.live_server import ROOT, free_port, wait_until_answering

SECRET = "fault-injection-secret-fault-injection-secret-0123"


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: the fields after its ')' are fixed.
    return int(stat.rsplit(")", 1)[1].split()[1])


def children(pid: int) -> list[int]:
    """Live child processes of ``pid``: from /proc/<pid>/task/*/children where the kernel offers
    it, else by scanning every /proc/<n>/stat for its parent."""
    listed = list(Path(f"/proc/{pid}/task").glob("*/children"))
    if listed:
        found: set[int] = set()
        for path in listed:
            try:
                found.update(int(n) for n in path.read_text().split())
            except OSError:
                continue
        return sorted(found)
    return sorted(
        int(entry.name) for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _parent_of(int(entry.name)) == pid
    )


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """Running and not a zombie waiting for its parent to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass
class MawidServer:
    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def workers(self) -> list[int]:
        """uvicorn's worker processes: the spawned children, without multiprocessing's resource
        tracker."""
        return [
            pid for pid in children(self.pid)
            if alive(pid) and "resource_tracker" not in command_line(pid)
        ]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def server_env(database_url: str, data_dir: Path, clock: str, workers: int) -> dict[str, str]:
    return {
        "MAWID_DATABASE_URL": database_url,
        "MAWID_SECRET_KEY": SECRET,
        "MAWID_DATA_DIR": str(data_dir),
        "MAWID_DEMO": "1",
        "MAWID_CLOCK": clock,
        "MAWID_WORKERS": str(workers),
        "MAWID_HOST": "127.0.0.1",
    }


@contextmanager
def mawid_serve(
    env: dict[str, str], log_path: Path, ready_path: str, startup_timeout: float = 90.0
) -> Iterator[MawidServer]:
    """Start ``mawid serve`` with ``env`` on a free port and wait until ``ready_path`` answers 200;
    at the end stop it as systemd would (SIGTERM, then SIGKILL to its whole process group)."""
    port = free_port()
    mawid = Path(sys.executable).with_name("mawid")
    log = log_path.open("wb")
    process = subprocess.Popen(
        [str(mawid), "serve"], cwd=ROOT, env={**os.environ, **env, "MAWID_PORT": str(port)},
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = MawidServer(process, f"http://127.0.0.1:{port}", log_path)
    try:
        wait_until_answering(process, server.url + ready_path, startup_timeout, server.log)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=15)
        with suppress(ProcessLookupError):
            # The group is the session this process started: its supervisor and workers only.
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
        log.close()
