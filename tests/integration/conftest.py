"""An app on a real database, spoken to over ASGI HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.rate_limits import room
from api.settings import Settings
from kernel.clock import FixedClock
from tests.conftest import TEST_LIMIT_ROOM

TEST_SECRET = "test-secret-that-is-long-enough-for-hmac-0123456789"
TEST_IDENTITY_KEY = "test-identity-key-apart-from-the-token-secret-0123"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    # Tests book many slots with one test mobile number and expect a cancelled seat back at once;
    # the per-mobile cap and the release cool-off have their own tests
    # (tests/security/test_identity_rules.py), which set what they exercise.
    return Settings(
        database_url=database_url,
        secret_key=TEST_SECRET,
        identity_key=TEST_IDENTITY_KEY,
        data_dir=tmp_path,
        active_bookings_per_mobile=1000,
        release_cool_off_minutes=(0.0, 0.0),
        rate_limits=room(TEST_LIMIT_ROOM),  # the limits have their own tests
        phone_verification=False,  # the one-step 201; verified mobiles have their own tests
    )


@pytest.fixture
async def client(settings: Settings, clock: FixedClock) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    async with AsyncTestClient(create_app(settings, clock)) as client:
        yield client
