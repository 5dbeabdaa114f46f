"""Reaching the real services tests need: a missing one skips locally and fails under CI=true."""

from __future__ import annotations

import os
import socket

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
