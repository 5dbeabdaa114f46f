"""A server process whose optimiser jobs hold until a file appears, so a test can kill the
process while a job runs: ``python -m tests.integration.planning.job_server URL PORT SIGNAL``.

Its job heartbeat beats every 0.2 s (5 s in production) so the test's stale threshold can be
short; its clock is fixed on a working morning like the tests'.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import uvicorn

from api.app import create_app
from api.services import services_of, started_services
from api.settings import Settings
from kernel.clock import FixedClock
from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_SECRET
from tests.integration.planning.held_solver import hold_solver


async def serve(database_url: str, port: int, signal: Path) -> None:
    settings = Settings(database_url=database_url, secret_key=TEST_SECRET, data_dir=Path(tempfile.mkdtemp()))
    app = create_app(settings, FixedClock(WORKING_MORNING))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while started_services(app) is None:  # built by the lifespan
        await asyncio.sleep(0.01)
    hold_solver(app, signal)
    services_of(app).planning.optimiser_jobs.heartbeat_seconds = 0.2
    await serving


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])))
