"""What ``mawid serve`` writes while it serves: JSON lines, each with its request's id, and never the
identity number a citizen sent, in a header, a body, a path or a query."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import WORKING_MORNING
from tests.faults.mawid_process import MawidServer, mawid_serve, server_env
from tests.integration.helpers import ABBASSIA, booking_body, national_id
from tests.integration.observability.scrape import sample

pytestmark = pytest.mark.slow

METRICS_TOKEN = "metrics-token-for-the-test-0123"
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def server(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[MawidServer, int]]:
    """One worker on SQLite behind a 'proxy' on 127.0.0.1; yields it and where its log stood
    once it was ready (what came before is the command's own start-up text)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sqlite_template, data / "mawid.sqlite3")
    env = {
        **server_env(f"sqlite:///{data / 'mawid.sqlite3'}", data, WORKING_MORNING.isoformat(), workers=1),
        "MAWID_TRUSTED_PROXIES": "127.0.0.1/32",
        "MAWID_METRICS_TOKEN": METRICS_TOKEN,
    }
    log = tmp_path / "serve.log"
    with mawid_serve(env, log, "/api/v1/health") as started:
        yield started, log.stat().st_size


def records(server: MawidServer, offset: int) -> list[dict[str, Any]]:
    lines = server.log_path.read_bytes()[offset:].decode().splitlines()
    return [json.loads(line) for line in lines if line.strip()]  # every line is one JSON object


def test_each_log_line_is_json_with_its_request_id_and_no_identity_number(
    server: tuple[MawidServer, int],
) -> None:
    serving, offset = server
    number = national_id()
    with httpx.Client(base_url=serving.url, timeout=30) as http:
        traced = http.get("/api/v1/services", headers={"X-Request-ID": "proxy-trace-000123"})
        assert traced.headers["x-request-id"] == "proxy-trace-000123"
        slots = http.get(
            f"/api/v1/offices/{ABBASSIA}/availability",
            params={"service": "passport-new", "from": "2026-12-06", "to": "2026-12-06"},
        ).json()["days"][0]["slots"]
        made = http.post("/api/v1/bookings", json=booking_body(slots[0]["start"], number, office_id=ABBASSIA))
        assert made.status_code == 201, made.text
        code = made.json()["code"]
        assert http.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number}).status_code == 200
        arabic = number.translate(ARABIC_DIGITS)  # as a phone's keyboard may type it
        again = booking_body(slots[1]["start"], arabic, office_id=ABBASSIA)
        twice = http.post("/api/v1/bookings", json=again)
        assert twice.json()["code"] == "duplicate_booking"
        typed_wrong = booking_body(slots[0]["start"], office_id=ABBASSIA)
        typed_wrong["identity"]["number"] = int(number)
        assert http.post("/api/v1/bookings", json=typed_wrong).status_code == 422
        broken = ('{"identity": {"type": "national_id", "number": "' + number + '"').encode()
        refused = http.post("/api/v1/bookings", content=broken, headers={"Content-Type": "application/json"})
        assert refused.status_code == 400
        assert http.get(f"/api/v1/nowhere/{number}").status_code == 404
        assert http.get("/api/v1/offices", params={"governorate": number}).status_code in (200, 422)
        spoofed = http.get("/api/v1/services", headers={"X-Request-ID": f"id {number}"})
        assert number not in spoofed.headers["x-request-id"]

    logged = records(serving, offset)
    text = serving.log_path.read_text()
    assert number not in text and arabic not in text
    assert all(json.dumps(record, ensure_ascii=False).find(number) < 0 for record in logged)
    assert all(record.get("request_id") for record in logged), [r for r in logged if "request_id" not in r]
    requests = [record for record in logged if record["event"] == "request"]
    assert len(requests) == 10  # one line per answer
    assert {"method": "GET", "route": "/api/v1/services", "status": 200} .items() <= next(
        r for r in requests if r["request_id"] == "proxy-trace-000123"
    ).items()
    booked = next(r for r in requests if r["route"] == "/api/v1/bookings" and r["status"] == 201)
    assert booked["request_id"] == made.headers["x-request-id"]
    assert any(r["route"] is None and r["status"] == 404 for r in requests)  # no path, whatever it held
    answered = {made.headers["x-request-id"], refused.headers["x-request-id"]}
    assert {r["request_id"] for r in requests} >= answered


def test_metrics_need_the_token_when_one_is_set(server: tuple[MawidServer, int]) -> None:
    serving, _ = server
    with httpx.Client(base_url=serving.url, timeout=30) as http:
        assert http.get("/metrics").status_code == 401
        wrong = {"Authorization": "Bearer not-the-token-at-all"}
        assert http.get("/metrics", headers=wrong).status_code == 401
        scraped = http.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert scraped.status_code == 200
    assert sample(scraped.text, "mawid_queue_waiting", office_id=ABBASSIA) == 0
