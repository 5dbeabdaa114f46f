"""``mawid optimise`` as an operator runs it: on a generated instance, and on the database."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.rate_limits import room
from api.services import services_of
from api.settings import Settings
from booking.store.seed import seed_demo_accounts
from kernel.clock import FixedClock
from kernel.database import Database
from tests.conftest import TEST_LIMIT_ROOM, WORKING_MORNING
from tests.integration.planning.conftest import ABBASSIA, ask, finished, login, optimise, status_of
from tests.integration.planning.held_solver import crowd_into_first_slot

SECRET = "cli-optimise-secret-cli-optimise-secret-0123"


def mawid(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MAWID_DATA_DIR": str(data_dir),
        "MAWID_SECRET_KEY": SECRET,
        "MAWID_CLOCK": WORKING_MORNING.isoformat(),
        "COLUMNS": "120",
    }
    env.pop("MAWID_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def seeded_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory ``mawid seed-demo`` filled, once for the module."""
    data_dir = tmp_path_factory.mktemp("optimise-seeded")
    result = mawid(data_dir, "seed-demo")
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def seeded(seeded_once: Path, tmp_path: Path) -> Path:
    """A copy of that directory for the test to change (a process start fewer a test)."""
    data_dir = tmp_path / "data"
    shutil.copytree(seeded_once, data_dir)
    return data_dir


def row(output: str, name: str) -> list[str]:
    """The cells of the table row whose first cell is ``name``."""
    line = next(line for line in output.splitlines() if line.strip("│ ").startswith(name))
    return [cell.strip() for cell in line.split("│")[2:-1]]


def test_optimise_on_a_generated_instance_prints_the_optimiser_beside_greedy(tmp_path):
    result = mawid(tmp_path, "optimise", "--generate", "300", "--generate-offices", "20", "--seed", "3")
    assert result.returncode == 0, result.stderr
    ours, greedy, _, cheapest, _ = row(result.stdout, "peak utilisation (hall)")
    assert float(ours.rstrip("%")) <= min(float(greedy.rstrip("%")), float(cheapest.rstrip("%")))
    # Measured against the exact optimum without the peak cap, not a relaxation's bound.
    assert re.search(r"price of the peak cap \(objective\)\s*│\s*\+[\d.]+%", result.stdout)
    assert "gap to bound" not in result.stdout
    assert "(verified)" in result.stdout


async def test_optimise_on_the_database_books_the_pending_requests(seeded: Path):
    settings = Settings(secret_key=SECRET, data_dir=seeded, rate_limits=room(TEST_LIMIT_ROOM))
    async with AsyncTestClient(create_app(settings, FixedClock(WORKING_MORNING))) as client:
        asked = [await ask(client, first="2026-12-07", last="2026-12-08") for _ in range(6)]
    result = mawid(seeded, "optimise", "--office", "cairo-abbassia-passports")
    assert result.returncode == 0, result.stderr
    assert row(result.stdout, "assigned (booked)") == ["6"]
    assert row(result.stdout, "requests placed")[:2] == ["6", "6"]
    async with AsyncTestClient(create_app(settings, FixedClock(WORKING_MORNING))) as client:
        for request_id, number in asked:
            assert (await status_of(client, request_id, number))["status"] == "assigned"


async def test_optimise_rerun_runs_a_failed_job_again_over_its_offices(seeded: Path):
    settings = Settings(secret_key=SECRET, data_dir=seeded, rate_limits=room(TEST_LIMIT_ROOM))
    database = Database(settings.effective_database_url)
    await seed_demo_accounts(database, WORKING_MORNING)  # the manager who starts the failing job
    await database.dispose()
    async with AsyncTestClient(create_app(settings, FixedClock(WORKING_MORNING))) as client:
        services_of(client.app).planning.optimiser_jobs.optimiser.solver.solve = crowd_into_first_slot
        asked = [await ask(client, first="2026-12-07", last="2026-12-08") for _ in range(8)]
        manager = await login(client, "manager.cairo")
        failed = await finished(client, manager, await optimise(client, manager, offices=[ABBASSIA]))
    assert failed["status"] == "failed"
    result = mawid(seeded, "optimise", "--rerun", failed["job_id"])
    assert result.returncode == 0, result.stderr
    assert f"Running job {failed['job_id']} (failed) again" in result.stderr
    assert row(result.stdout, "assigned (booked)") == ["8"]
    async with AsyncTestClient(create_app(settings, FixedClock(WORKING_MORNING))) as client:
        for request_id, number in asked:
            assert (await status_of(client, request_id, number))["status"] == "assigned"


def test_optimise_rerun_of_an_unknown_job_is_refused(seeded: Path):
    result = mawid(seeded, "optimise", "--rerun", "no-such-job")
    assert result.returncode == 1 and "no optimiser job no-such-job" in result.stderr
