"""Reaching the real services tests need: a missing one skips locally and fails under CI=true."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

POSTGRES_ADMIN_URL = os.environ.get(
    "MAWID_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("MAWID_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require(available: bool, what: str) -> None:
    """Skip with a reason when a service is missing; under CI=true that is a failure."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} is not reachable, and CI=true requires it", pytrace=False)
    pytest.skip(f"{what} is not reachable")


@contextmanager
def redis_key_space() -> Iterator[str]:
    """A Redis key prefix of one's own (``MAWID_REDIS_PREFIX``) on the test Redis, whose keys are
    deleted afterwards; skips (or, under CI=true, fails) when Redis is not reachable."""
    where = urlsplit(REDIS_URL)
    require(port_open(where.hostname or "127.0.0.1", where.port or 6379), f"Redis at {REDIS_URL}")
    prefix = f"mawid-test-{uuid.uuid4().hex[:12]}"
    try:
        yield prefix
    finally:
        from redis import Redis

        client = Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()
