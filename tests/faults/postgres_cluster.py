"""A throwaway PostgreSQL cluster of our own, on a free port, that a test may stop hard and start
again: the shared server on 5432 is never touched, so killing this one is a real outage that
harms nobody else."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.live_server import free_port

SHARED_PORT = 5432


def server_binaries() -> Path | None:
    """The newest installed ``/usr/lib/postgresql/<version>/bin`` holding initdb and pg_ctl."""
    found = [Path(d) for d in glob.glob("/usr/lib/postgresql/*/bin")]
    usable = [d for d in found if (d / "initdb").exists() and (d / "pg_ctl").exists()]
    usable.sort(key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)
    return usable[-1] if usable else None


def _as_owner() -> list[str]:
    """initdb and pg_ctl refuse root: as root, run them as the ``postgres`` user."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root needs runuser to start PostgreSQL as the postgres user")
    return [runuser, "-u", "postgres", "--"]


def can_run() -> tuple[bool, str]:
    """Whether a cluster can be made here, and what is missing when not."""
    if server_binaries() is None:
        return False, "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return False, "runuser (to run initdb as the postgres user)"
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return False, "a postgres system user (initdb refuses root)"
    return True, ""


@dataclass
class PostgresCluster:
    """One cluster in ``root`` (data in ``root/data``, socket in ``root``), listening on
    127.0.0.1:``port``, with trust authentication for the ``postgres`` role."""

    bin_dir: Path
    root: Path
    port: int
    database: str = "mawid"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "postgres.log"

    def url(self, driver: str = "postgresql+asyncpg") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        completed = subprocess.run(
            [*_as_owner(), *args], capture_output=True, text=True, timeout=timeout, check=False
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed ({completed.returncode}): {completed.stdout}{completed.stderr}"
            )

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args)

    def init(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-A", "trust", "-U", "postgres",
            "--no-sync", "--encoding=UTF8", "--locale=C",
        )

    def start(self) -> None:
        """Start (again) on the same port; returns once the server accepts connections."""
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-o", options, "-l", str(self.log_file), "-w", "-t", "30", "start")

    def stop_hard(self) -> None:
        """An immediate shutdown: every backend is killed at once, nothing is checkpointed and open
        connections are cut, as when the database host loses its server process."""
        self._pg_ctl("-m", "immediate", "-w", "stop")

    def running(self) -> bool:
        completed = subprocess.run(
            [*_as_owner(), str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "status"],
            capture_output=True, check=False,
        )
        return completed.returncode == 0

    def create_database(self) -> None:
        self._run(
            str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            self.database,
        )


@contextmanager
def throwaway_cluster(database: str = "mawid") -> Iterator[PostgresCluster]:
    """initdb, start and create ``database``; at the end stop it (hard) and delete every file."""
    bin_dir = server_binaries()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    port = free_port()
    while port == SHARED_PORT:  # pragma: no cover - the kernel does not hand out 5432 to bind(0)
        port = free_port()
    # Not pytest's tmp_path: its parents are 0700 root, which the postgres user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="mawid-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
    cluster = PostgresCluster(bin_dir, root, port, database)
    try:
        cluster.init()
        cluster.start()
        cluster.create_database()
        yield cluster
    finally:
        try:
            if cluster.running():
                cluster.stop_hard()
        finally:
            for _ in range(20):  # the postmaster may still be removing its files
                shutil.rmtree(root, ignore_errors=True)
                if not root.exists():
                    break
                time.sleep(0.1)
