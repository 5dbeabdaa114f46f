"""Two real server processes on one database and one Redis: a booking or a cancellation made
through one shows in the other's availability, which heard of it over pub/sub (not merely because
its blocks expired: it counts what it heard, in ``mawid_availability_changes_heard_total``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.display.conftest import server_env, server_pair
from tests.integration.helpers import GIZA, booking_body, national_id
from tests.integration.observability.scrape import sample
from tests.live_server import LiveServer
from tests.services import REDIS_URL, redis_key_space

pytestmark = pytest.mark.slow

MONDAY = "2026-12-07"
AVAILABILITY = f"/api/v1/offices/{GIZA}/availability"
PARAMS = {"service": "passport-new", "from": MONDAY, "to": MONDAY}
HEARD = "mawid_availability_changes_heard_total"
PATIENCE = 10.0  # seconds to wait for what pub/sub brings in milliseconds (a loaded machine)


@pytest.fixture(scope="module")
def pair(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, LiveServer]]:
    with redis_key_space() as prefix:
        env = server_env(
            tmp_path_factory.mktemp("availability-redis"),
            sqlite_template,
            MAWID_REDIS_URL=REDIS_URL,
            MAWID_REDIS_PREFIX=prefix,
        )
        with server_pair(env) as servers:
            yield servers


def first_slot(server: LiveServer) -> tuple[dict[str, Any], str]:
    answer = httpx.get(server.url + AVAILABILITY, params=PARAMS, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["days"][0]["slots"][0], answer.headers["etag"]


def heard(server: LiveServer) -> float:
    return sample(httpx.get(server.url + "/metrics", timeout=10).text, HEARD)


def until_remaining(server: LiveServer, start: str, remaining: int) -> str:
    """Wait until ``server`` shows ``remaining`` seats at ``start``; its ETag then."""
    deadline = time.monotonic() + PATIENCE
    while True:
        slot, etag = first_slot(server)
        assert slot["start"] == start
        if slot["remaining"] == remaining:
            return etag
        assert time.monotonic() < deadline, f"{server.url} still shows {slot['remaining']} seats"
        time.sleep(0.02)


def test_a_booking_and_its_cancellation_through_one_process_show_in_the_other(
    pair: tuple[LiveServer, LiveServer],
) -> None:
    a, b = pair
    slot, etag = first_slot(b)
    heard_before = heard(b)
    number = national_id()
    made = httpx.post(a.url + "/api/v1/bookings", json=booking_body(slot["start"], number), timeout=10)
    assert made.status_code == 201, made.text
    booked_etag = until_remaining(b, slot["start"], slot["remaining"] - 1)
    assert booked_etag != etag
    assert heard(b) > heard_before  # B heard A's change over Redis

    heard_before = heard(b)
    code = made.json()["code"]
    cancelled = httpx.delete(
        a.url + f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number}, timeout=10
    )
    assert cancelled.status_code in (200, 204), cancelled.text
    assert until_remaining(b, slot["start"], slot["remaining"]) == etag  # the same bytes as before
    assert heard(b) > heard_before
    unchanged = httpx.get(b.url + AVAILABILITY, params=PARAMS, headers={"If-None-Match": etag}, timeout=10)
    assert unchanged.status_code == 304 and unchanged.content == b""
