"""Fixtures for fault injection: a PostgreSQL cluster of the test's own that it may kill."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faults.postgres_cluster import PostgresCluster, can_run, throwaway_cluster
from tests.services import require


@pytest.fixture
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A fresh cluster on a free port with an empty database ``mawid``; skipped (failed under
    CI=true) where PostgreSQL's server binaries cannot be run."""
    usable, missing = can_run()
    require(usable, missing)
    with throwaway_cluster() as cluster:
        yield cluster
