"""Availability answers already given, sent before the framework (``api.availability_fast_path``):
the same answer as the route's — status, body, headers, access line and metrics — and only for
requests it reads exactly as the route does; everything else is left to the app."""

from __future__ import annotations

import asyncio
import gzip
import json
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prometheus_client import REGISTRY

from api.availability_fast_path import ROUTE, read_request
from tests.integration.helpers import GIZA, booking_body, national_id

URL = f"/api/v1/offices/{GIZA}/availability"
QUERY = "service=passport-new&from=2026-12-06&to=2026-12-08"
SAME_FOR_THE_ROUTE = "service=passport%2Dnew&from=2026-12-06&to=2026-12-08"
"""The same request with a character escaped: the fast path leaves it to the route, which reads
it as ``QUERY``."""


def served(app: Any, path: str, query: str, headers: list[tuple[bytes, bytes]] | None = None) -> Any:
    """A GET's scope, and a ``send`` that keeps what it is given."""
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "headers": headers or [],
        "root_path": "",
        "client": ("127.0.0.1", 5000),
        "app": app,
        "litestar_app": app,
        "state": {},
    }
    return scope, send, sent


async def fast(client: Any, query: str, headers: list[tuple[bytes, bytes]] | None = None) -> Any:
    """Ask the app's fast path directly, on the app's own event loop."""
    app = client.app
    scope, send, sent = served(app, URL, query, headers)
    answered = await asyncio.to_thread(client.blocking_portal.call, app.kept_availability.serve, scope, send)
    return answered, sent


def comparable(headers: Any) -> dict[str, Any]:
    """Headers without the per-request ones, ``Vary`` as a set of names. (A gzipped body's length
    depends on the compressor's header fields; ``test_the_gzipped_body_is_the_answer`` checks it.)"""
    out: dict[str, Any] = {}
    gzipped = headers.get("content-encoding") == "gzip"
    for name, value in headers.multi_items():
        if name in ("date", "x-request-id") or (gzipped and name == "content-length"):
            continue
        if name == "vary":
            out.setdefault("vary", set()).update(part.strip().lower() for part in value.split(","))
        else:
            assert name not in out, name
            out[name] = value
    return out


async def test_a_second_ask_is_answered_before_the_framework_and_a_first_is_not(client):
    answered, sent = await fast(client, QUERY)
    assert not answered and sent == []  # nothing given yet: the route computes it
    first = await client.get(f"{URL}?{QUERY}")
    assert first.status_code == 200
    answered, sent = await fast(client, QUERY)
    assert answered
    start, body = sent
    assert start["status"] == 200 and body["body"] == first.content


async def test_its_answers_are_the_routes_plain_gzipped_and_304(client):
    await client.get(f"{URL}?{QUERY}")
    for headers in ({}, {"Accept-Encoding": "gzip"}):
        by_route = await client.get(f"{URL}?{SAME_FOR_THE_ROUTE}", headers=headers)
        by_fast_path = await client.get(f"{URL}?{QUERY}", headers=headers)
        assert by_fast_path.status_code == by_route.status_code == 200
        assert by_fast_path.content == by_route.content  # httpx decodes the gzip
        assert comparable(by_fast_path.headers) == comparable(by_route.headers)
        assert by_fast_path.headers["x-request-id"] != by_route.headers["x-request-id"]
    etag = by_route.headers["etag"]
    route_304 = await client.get(f"{URL}?{SAME_FOR_THE_ROUTE}", headers={"If-None-Match": etag})
    fast_304 = await client.get(f"{URL}?{QUERY}", headers={"If-None-Match": etag})
    assert fast_304.status_code == route_304.status_code == 304 and fast_304.content == b""
    assert comparable(fast_304.headers) == comparable(route_304.headers)


async def test_the_gzipped_body_is_the_answer(client):
    plain = await client.get(f"{URL}?{QUERY}")
    await client.get(f"{URL}?{QUERY}")
    answered, sent = await fast(client, QUERY, [(b"accept-encoding", b"gzip, br")])
    assert answered
    headers = dict(sent[0]["headers"])
    assert headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(sent[1]["body"]) == plain.content
    assert int(headers[b"content-length"]) == len(sent[1]["body"])


async def test_a_booking_shows_at_once_through_it(client):
    before = (await client.get(f"{URL}?{QUERY}")).json()
    slot = before["days"][0]["slots"][0]
    made = await client.post("/api/v1/bookings", json=booking_body(slot["start"], national_id()))
    assert made.status_code == 201, made.text
    answered, _ = await fast(client, QUERY)
    assert not answered  # a change was heard: the answer given before is not served again
    after = (await client.get(f"{URL}?{QUERY}")).json()
    assert after["days"][0]["slots"][0]["remaining"] == slot["remaining"] - 1


async def test_a_nul_in_a_header_is_left_to_the_app_which_refuses_it(client):
    await client.get(f"{URL}?{QUERY}")
    answered, sent = await fast(client, QUERY, [(b"x-note", b"a\x00b")])
    assert not answered and sent == []
    refused = await client.get(f"{URL}?{QUERY}", headers={"X-Note": "a\x00b"})
    assert refused.status_code == 400 and refused.json()["code"] == "invalid_characters"


async def test_it_counts_each_answer_under_the_routes_template(client):
    await client.get(f"{URL}?{QUERY}")
    labels = {"method": "GET", "path": ROUTE, "status_code": "200", "app_name": "mawid"}
    before = REGISTRY.get_sample_value("mawid_http_requests_total", labels) or 0.0
    durations = REGISTRY.get_sample_value("mawid_http_request_duration_seconds_count", labels) or 0.0
    for _ in range(3):
        assert (await client.get(f"{URL}?{QUERY}")).status_code == 200
    assert REGISTRY.get_sample_value("mawid_http_requests_total", labels) == before + 3
    assert REGISTRY.get_sample_value("mawid_http_request_duration_seconds_count", labels) == durations + 3


async def test_it_leaves_its_access_line(client, capsys):
    await client.get(f"{URL}?{QUERY}")
    capsys.readouterr()
    answered, sent = await fast(client, QUERY)
    assert answered
    rid = dict(sent[0]["headers"])[b"x-request-id"].decode()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    # Its own line, by its request id (another request's line may be printed meanwhile).
    line = next(line for line in lines if line.get("event") == "request" and line.get("request_id") == rid)
    assert (line["route"], line["status"], line["method"]) == (ROUTE, 200, "GET")
    assert line["duration_ms"] >= 0


# Reading the query: exactly what the route reads, or nothing.

CODES = st.sampled_from(["passport-new", "passport-renewal", "criminal-record-certificate", "x_1"])
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(
    services=st.lists(CODES, min_size=1, max_size=3),
    first=st.none() | DAYS,
    last=st.none() | DAYS,
    people=st.none() | st.integers(min_value=1, max_value=99),
    order=st.randoms(use_true_random=False),
)
def test_a_plain_query_is_read_as_the_route_reads_it(services, first, last, people, order):
    pairs = [("service", code) for code in services]
    pairs += [("from", first.isoformat())] if first else []
    pairs += [("to", last.isoformat())] if last else []
    pairs += [("people", str(people))] if people is not None else []
    order.shuffle(pairs)
    services_in_order = tuple(value for name, value in pairs if name == "service")
    read = read_request(f"/api/v1/offices/{GIZA}/availability", urlencode(pairs).encode())
    assert read == (GIZA, services_in_order, first, last, people or 1)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "from=2026-12-06",  # no service: the route's 400
        "service=passport%2Dnew",  # escaped: the route decodes it
        "service=passport+new",
        "service=passport-new&people=0",
        "service=passport-new&people=01",
        "service=passport-new&people=100",
        "service=passport-new&people=-1",
        "service=passport-new&from=2026-02-30",
        "service=passport-new&from=2026-12-06&from=2026-12-07",
        "service=passport-new&to=20261206",
        "service=passport-new&other=1",
        "service=passport-new&",
        "service=",
        "service",
    ],
)
def test_anything_else_is_left_to_the_route(query):
    assert read_request(f"/api/v1/offices/{GIZA}/availability", query.encode()) is None


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/offices/{GIZA}/availability/",
        f"/api/v1/offices/{GIZA}/today",
        "/api/v1/offices//availability",
        "/api/v1/offices/a/b/availability",
        f"/api/v2/offices/{GIZA}/availability",
    ],
)
def test_other_paths_are_left_to_the_app(path):
    assert read_request(path, b"service=passport-new") is None
