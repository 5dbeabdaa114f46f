"""The ``mawid`` command on a real SQLite file, as an operator would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.settings import Settings

SECRET = "cli-test-secret-cli-test-secret-0123456789"


def mawid(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MAWID_DATA_DIR": str(tmp_path), "MAWID_SECRET_KEY": SECRET, "MAWID_DEMO": "0"}
    env.pop("MAWID_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def seeded_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory ``mawid migrate`` and ``mawid seed-demo`` made, once for the module."""
    data_dir = tmp_path_factory.mktemp("cli-seeded")
    assert mawid(data_dir, "migrate").returncode == 0
    result = mawid(data_dir, "seed-demo")
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def seeded(seeded_once: Path, tmp_path: Path) -> Path:
    """A copy of that directory for the test to change (two process starts fewer a test)."""
    data_dir = tmp_path / "data"
    shutil.copytree(seeded_once, data_dir)
    return data_dir


async def test_create_user_reads_the_password_from_stdin_and_the_account_can_log_in(seeded: Path):
    result = mawid(
        seeded,
        "create-user",
        "clerk.giza",
        "--role",
        "agent",
        "--office",
        "giza-passports",
        stdin="a long enough password\n",
    )
    assert result.returncode == 0, result.stderr
    assert "a long enough password" not in result.stdout + result.stderr
    settings = Settings(secret_key=SECRET, data_dir=seeded)
    async with AsyncTestClient(create_app(settings)) as client:
        token = await client.post(
            "/api/v1/auth/token", json={"username": "clerk.giza", "password": "a long enough password"}
        )
        assert token.status_code == 200
        assert token.json()["offices"] == ["giza-passports"]
        demo = await client.post(
            "/api/v1/auth/token", json={"username": "admin", "password": "demo-admin-2026"}
        )
        assert demo.status_code == 401, "no demo accounts outside demo mode"


def test_create_user_refuses_a_short_password_and_an_agent_without_office(seeded: Path):
    short = mawid(
        seeded, "create-user", "x", "--role", "agent", "--office", "giza-passports", stdin="short\n"
    )
    assert short.returncode == 2 and "12 characters" in short.stderr
    homeless = mawid(seeded, "create-user", "y", "--role", "agent", stdin="a long enough password\n")
    assert homeless.returncode == 2 and "--office" in homeless.stderr


def test_seed_demo_twice_keeps_the_offices_once(seeded: Path):
    again = mawid(seeded, "seed-demo")
    assert again.returncode == 0
    assert "Seeded" not in again.stderr


def test_serve_outside_demo_mode_without_a_secret_explains_itself(tmp_path: Path):
    env = {**os.environ, "MAWID_DATA_DIR": str(tmp_path), "MAWID_DEMO": "0"}
    env.pop("MAWID_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "serve"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "MAWID_SECRET_KEY" in result.stderr
