"""``/metrics`` on ``mawid serve`` with two workers on PostgreSQL and Redis, as in production: the
domain figures move when a booking is made or refused, a ticket is issued, a screen connects and an
optimiser job runs, summed over both workers whichever of them answers the scrape."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from tests.conftest import WORKING_MORNING
from tests.faults.mawid_process import MawidServer, mawid_serve, server_env
from tests.integration.helpers import ABBASSIA, PASSWORDS, booking_body, national_id
from tests.integration.observability.scrape import sample
from tests.integration.planning.conftest import request_body
from tests.services import REDIS_URL, redis_key_space

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

BOOKINGS = "/api/v1/bookings"


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[MawidServer]:
    with redis_key_space() as prefix:
        env = {
            **server_env(database_url, tmp_path / "data", WORKING_MORNING.isoformat(), workers=2),
            "MAWID_REDIS_URL": REDIS_URL,
            "MAWID_REDIS_PREFIX": prefix,
            # Nothing delivers (in demo mode the server would, to the demo inbox): the outbox's
            # figures are what these tests read.
            "MAWID_SENDER": "off",
        }
        with mawid_serve(env, tmp_path / "serve.log", "/api/v1/health") as started:
            yield started


def scrape(http: httpx.Client) -> str:
    response = http.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


def login(http: httpx.Client, username: str) -> dict[str, str]:
    response = http.post("/api/v1/auth/token", json={"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def until(http: httpx.Client, name: str, value: float, **labels: str) -> str:
    """Scrape until the sample ``name`` is ``value`` (within a minute); the last scrape."""
    deadline = time.monotonic() + 60
    while True:
        text = scrape(http)
        seen = sample(text, name, **labels)
        if seen == value:
            return text
        assert time.monotonic() < deadline, f"{name}{labels} is {seen}, expected {value}"
        time.sleep(0.2)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_domain_metrics_move_with_bookings_refusals_tickets_screens_and_jobs(server: MawidServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        before = scrape(http)
        days = [
            http.get(
                f"/api/v1/offices/{ABBASSIA}/availability",
                params={"service": "passport-new", "from": "2026-12-06", "to": "2026-12-06"},
            )
            for _ in range(3)
        ]
        start = days[0].json()["days"][0]["slots"][0]["start"]
        number = national_id()
        made = http.post(BOOKINGS, json=booking_body(start, number, office_id=ABBASSIA))
        assert made.status_code == 201, made.text
        again = http.post(BOOKINGS, json=booking_body(start, number, office_id=ABBASSIA))
        assert again.json()["code"] == "duplicate_booking"
        wrong = http.post(BOOKINGS, json=booking_body(start, "12345678901234", office_id=ABBASSIA))
        assert wrong.json()["code"] == "invalid_national_id"
        kiosk = login(http, "kiosk.abbassia")
        walk_in = {"service": "passport-new"}
        ticket = http.post(f"/api/v1/offices/{ABBASSIA}/tickets", json=walk_in, headers=kiosk)
        assert ticket.status_code == 201, ticket.text

        with connect(server.url.replace("http", "ws") + f"/ws/offices/{ABBASSIA}/display") as screen:
            assert '"snapshot"' in str(screen.recv(timeout=10))
            after = until(http, "mawid_display_sockets_open", 1)
        until(http, "mawid_display_sockets_open", 0)

    def moved(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert moved("mawid_bookings_created_total", route=BOOKINGS) == 1
    assert moved("mawid_bookings_refused_total", route=BOOKINGS, code="duplicate_booking") == 1
    assert moved("mawid_bookings_refused_total", route=BOOKINGS, code="invalid_national_id") == 1
    assert moved("mawid_tickets_issued_total", office_id=ABBASSIA) == 1
    assert moved("mawid_availability_cache_lookups_total") == 3  # hits, misses and shared
    assert moved("mawid_availability_cache_lookups_total", result="miss") >= 1
    assert sample(after, "mawid_queue_waiting", office_id=ABBASSIA) == 1
    assert 0 <= sample(after, "mawid_queue_longest_wait_seconds", office_id=ABBASSIA) < 600
    assert sample(after, "mawid_queue_waiting", office_id="giza-passports") == 0
    assert sample(after, "mawid_metrics_source_up", source="database") == 1
    assert moved("mawid_http_requests_total", path=BOOKINGS, method="POST") == 3


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_an_optimiser_job_is_timed_and_its_messages_wait_in_the_outbox(server: MawidServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert sample(scrape(http), "mawid_outbox_pending") == 0
        asked = http.post("/api/v1/booking-requests", json=request_body())
        assert asked.status_code == 202, asked.text
        job = http.post("/api/v1/manage/optimise", json={}, headers=login(http, "manager.cairo"))
        assert job.status_code == 202, job.text
        after = until(http, "mawid_optimiser_job_seconds_count", 1, outcome="done")
    assert sample(after, "mawid_booking_requests_created_total", route="/api/v1/booking-requests") == 1
    assert sample(after, "mawid_optimiser_job_seconds_sum", outcome="done") > 0
    assert sample(after, "mawid_outbox_pending") == 1  # "your request has a time": not sent yet
    assert sample(after, "mawid_outbox_oldest_pending_seconds") >= 0


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_metrics_are_not_served_through_a_proxy_and_a_forged_request_id_is_replaced(
    server: MawidServer,
) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        proxied = http.get("/metrics", headers={"X-Forwarded-For": "41.33.1.2"})
        assert proxied.status_code == 404
        assert "mawid_" not in proxied.text
        # No trusted proxies here: a client's own X-Request-ID is not taken.
        answer = http.get("/api/v1/services", headers={"X-Request-ID": "forged-request-0001"})
        assert answer.headers["x-request-id"] not in ("", "forged-request-0001")
