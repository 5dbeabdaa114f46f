"""HTTP hardening, attacked as the issue did: cross-site form bodies, thousand-deep JSON, NUL in
paths, parameters and strings, missing security headers, a server banner, a public schema loading
Swagger from a CDN, WebSocket hijacking from other origins and socket floods, invisible names.

The banner, the static NUL path and the WebSocket run against a real ``mawid serve`` process (its
own HTTP protocol, uvicorn's flags); the rest against the app in-process, on SQLite and, where the
database matters (NUL in strings), on PostgreSQL too.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar.testing import AsyncTestClient
from websockets.asyncio.client import ClientConnection, connect

from api.app import create_app
from api.hardening import MAX_JSON_DEPTH
from api.settings import Settings, SettingsError
from kernel.clock import FixedClock
from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_SECRET
from tests.integration.helpers import ABBASSIA, booking_body, login, national_id, slots
from tests.live_server import ROOT, free_port, wait_until_answering

PROBLEM = "application/problem+json"
JSON = "application/json"
Client = AsyncTestClient


def assert_problem(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["detail"] and body["detail_ar"] and body["status"] == status
    if code:
        assert body["code"] == code, body
    return body


def _client(database_url: str, tmp_path: Path, **settings: Any) -> Client:
    config = Settings(database_url=database_url, secret_key=TEST_SECRET, data_dir=tmp_path, **settings)
    return AsyncTestClient(create_app(config, FixedClock(WORKING_MORNING)))


@pytest.fixture
async def client(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Client]:
    """The app on a copy of the seeded SQLite database (headers and routing need no PostgreSQL)."""
    path = tmp_path / "mawid.sqlite3"
    shutil.copy(sqlite_template, path)
    async with _client(f"sqlite:///{path}", tmp_path) as client:
        yield client


@pytest.fixture
async def any_db_client(database_url: str, tmp_path: Path) -> AsyncIterator[Client]:
    """The app on SQLite and on PostgreSQL in turn (PostgreSQL refuses NUL in text)."""
    async with _client(database_url, tmp_path) as client:
        yield client


async def _remaining(client: Client, start: str) -> int:
    return next(s["remaining"] for s in await slots(client) if s["start"] == start)


# 1. JSON endpoints refuse other content types


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",  # what a cross-site form with enctype="text/plain" sends
        "text/plain;charset=UTF-8",  # what fetch(..., {mode: "no-cors", body: "…"}) sends
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        None,
    ],
)
async def test_a_booking_body_that_is_not_declared_json_is_refused_and_books_nothing(
    client: Client, content_type: str | None
) -> None:
    start = (await slots(client))[0]["start"]
    before = await _remaining(client, start)
    headers = {"content-type": content_type} if content_type else {}
    response = await client.post(
        "/api/v1/bookings", content=json.dumps(booking_body(start)).encode(), headers=headers
    )
    body = assert_problem(response, 415, "unsupported_media_type")
    assert "application/json" in body["detail"]
    assert await _remaining(client, start) == before


async def test_requests_and_staff_writes_refuse_form_bodies_too(client: Client) -> None:
    agent = await login(client, "agent.abbassia")
    for path in ("/api/v1/booking-requests", f"/api/v1/offices/{ABBASSIA}/counters/1/status"):
        response = await client.post(
            path, content=b'{"status": "open"}', headers={**agent, "content-type": "text/plain"}
        )
        assert_problem(response, 415, "unsupported_media_type")


async def test_json_with_a_charset_books_and_bodiless_posts_need_no_content_type(client: Client) -> None:
    start = (await slots(client))[0]["start"]
    response = await client.post(
        "/api/v1/bookings",
        content=json.dumps(booking_body(start)).encode(),
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    # call-next has no body: no content type, and it is not refused for lacking one.
    agent = await login(client, "agent.abbassia")
    office = (await client.get(f"/api/v1/offices/{ABBASSIA}")).json()
    counter = office["counters"][0]["id"]
    opened = await client.post(
        f"/api/v1/offices/{ABBASSIA}/counters/{counter}/status", json={"status": "open"}, headers=agent
    )
    assert opened.status_code == 200, opened.text
    called = await client.post(f"/api/v1/offices/{ABBASSIA}/counters/{counter}/call-next", headers=agent)
    assert called.status_code in (200, 204), called.text


def test_the_pages_send_json_with_its_content_type() -> None:
    """Every API call of the pages goes through api.js, which declares JSON whenever it sends a
    body (the browser tests exercise the flows themselves)."""
    api_js = (ROOT / "api/static/js/lib/api.js").read_text()
    assert 'if (body !== undefined) headers["Content-Type"] = "application/json";' in api_js
    assert "JSON.stringify(options.body)" in api_js
    others = [
        path.name
        for path in (ROOT / "api/static/js").rglob("*.js")
        if path.name != "api.js" and re.search(r"fetch\([^)]*method", path.read_text())
    ]
    assert others == []  # no page script posts by itself


# 2. Malformed, deep and NUL-carrying input is 4xx, never 500


@pytest.mark.parametrize(
    "body, code",
    [
        (b"[" * 1000 + b"]" * 1000, "too_deeply_nested"),
        (b'{"a":' * 1000 + b"1" + b"}" * 1000, "too_deeply_nested"),
        (b"[" * 60_000, "too_deeply_nested"),  # never closed, just under the size limit
        (b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1), "too_deeply_nested"),
        (b"{not json", "invalid_json"),
        (b'{"full_name": "\\ud800"}', "invalid_json"),  # a lone surrogate
        (b'{"full_name": "\xff"}', "invalid_json"),  # not UTF-8
    ],
)
async def test_unreadable_bodies_are_400_problems_and_log_no_traceback(
    client: Client, capsys: pytest.CaptureFixture[str], body: bytes, code: str
) -> None:
    response = await client.post("/api/v1/bookings", content=body, headers={"content-type": JSON})
    assert_problem(response, 400, code)
    assert "unhandled_error" not in capsys.readouterr().out


async def test_nul_in_json_strings_is_refused_on_each_database(
    any_db_client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    client = any_db_client
    start = (await slots(client))[0]["start"]
    for change in (
        {"full_name": "منى\u0000 عبد الرحمن"},
        {"office_id": "giza-passports\u0000"},
        {"identity": {"type": "passport", "number": "A1234567\u0000", "nationality": "SDN"}},
        {"notes\u0000": "x"},
    ):
        response = await client.post("/api/v1/bookings", json={**booking_body(start), **change})
        assert_problem(response, 400, "invalid_characters")
    response = await client.post(
        "/api/v1/booking-requests", json={"office_id": "giza-passports", "full_name": "\u0000"}
    )
    assert_problem(response, 400, "invalid_characters")
    assert "unhandled_error" not in capsys.readouterr().out
    # And the honest booking still goes through.
    assert (await client.post("/api/v1/bookings", json=booking_body(start))).status_code == 201


@pytest.mark.parametrize(
    "path, status",
    [
        ("/static/js/lib/api.js%00.png", 404),
        ("/api/v1/offices/giza-passports%00/queue", 404),
        ("/api/v1/bookings/AB%00CD", 404),
        ("/static/" + "x" * 5000, 404),  # longer than a file name can be
        ("/api/v1/offices/giza-passports/availability?service=passport-new%00&from=2026-12-06", 400),
    ],
)
async def test_nul_and_overlong_names_in_the_address_are_4xx(
    any_db_client: Client, capsys: pytest.CaptureFixture[str], path: str, status: int
) -> None:
    response = await any_db_client.get(path, headers={"X-Identity-Number": national_id()})
    assert_problem(response, status)
    assert "unhandled_error" not in capsys.readouterr().out


# 3. Headers


async def test_every_answer_says_nosniff(client: Client) -> None:
    paths = ("/", "/static/js/lib/api.js", "/api/v1/offices", "/api/v1/nowhere", "/nowhere", "/qr/7KQ2M9XD")
    for path in paths:
        response = await client.get(path)
        assert response.headers.get("x-content-type-options") == "nosniff", path


async def test_personal_data_is_never_stored_and_varies_with_the_identity(client: Client) -> None:
    start = (await slots(client))[0]["start"]
    number = national_id()
    made = await client.post("/api/v1/bookings", json=booking_body(start, number))
    assert made.status_code == 201
    code = made.json()["code"]
    manager = await login(client, "manager.cairo")
    answers = {
        "created": made,
        "looked up": await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number}),
        "calendar": await client.get(
            f"/api/v1/bookings/{code}/calendar.ics", headers={"X-Identity-Number": number}
        ),
        "wrong identity": await client.get(
            f"/api/v1/bookings/{code}", headers={"X-Identity-Number": national_id()}
        ),
        "staff": await client.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=manager),
        "refused": await client.post("/api/v1/bookings", content=b"x", headers={"content-type": "text/html"}),
    }
    for what, response in answers.items():
        assert response.headers.get("cache-control") == "no-store", what
        vary = {part.strip().lower() for part in response.headers.get("vary", "").split(",")}
        assert "x-identity-number" in vary, what
    page = await client.get("/my-booking")
    assert page.headers["cache-control"] == "no-cache"  # the pages keep their own policy


# 4. /schema


async def test_the_schema_is_hidden_unless_public(sqlite_template: Path, tmp_path: Path) -> None:
    shutil.copy(sqlite_template, tmp_path / "mawid.sqlite3")
    async with _client(f"sqlite:///{tmp_path / 'mawid.sqlite3'}", tmp_path, public_schema=False) as client:
        for path in ("/schema", "/schema/openapi.json", "/schema/swagger"):
            assert_problem(await client.get(path), 404)
        assert (await client.get("/api/v1/offices")).status_code == 200


def test_the_schema_is_public_by_default_in_demo_mode_only() -> None:
    assert Settings.from_env({"MAWID_DEMO": "1"}).public_schema
    assert not Settings.from_env({}).public_schema
    assert Settings.from_env({"MAWID_PUBLIC_SCHEMA": "1"}).public_schema
    assert not Settings.from_env({"MAWID_DEMO": "1", "MAWID_PUBLIC_SCHEMA": "0"}).public_schema
    with pytest.raises(SettingsError, match="MAWID_PUBLIC_SCHEMA"):
        Settings.from_env({"MAWID_PUBLIC_SCHEMA": "maybe"})


async def test_the_schema_page_loads_swagger_from_our_own_static_files(client: Client) -> None:
    page = await client.get("/schema")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(url.startswith("/static/") for url in assets), assets
    assert "<script>" not in page.text and "https://" not in page.text  # no inline script, no CDN
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "connect-src 'self'" in csp
    for url in assets:
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert "cdn." not in asset.text
    spec_url = re.search(r'data-spec-url="([^"]+)"', page.text)
    assert spec_url and (await client.get(spec_url.group(1))).json()["paths"]


# 6. Names


@pytest.mark.parametrize(
    "name",
    [
        "\u200b\u200b\u200b",  # three zero-width spaces
        "Mona\u202e nemaR-dbA",  # right-to-left override
        "منى\u200fعبد الرحمن",  # right-to-left mark
        "\u2066Mona Abdel\u2069",  # isolates
        "\ufeffمنى عبد الرحمن",  # byte-order mark
        "Mona\u200dAbdel",  # zero-width joiner
        "\u3164\u3164\u3164",  # Hangul fillers: letters that draw nothing
        "...",
    ],
)
async def test_invisible_and_direction_changing_names_are_refused(client: Client, name: str) -> None:
    start = (await slots(client))[0]["start"]
    response = await client.post("/api/v1/bookings", json=booking_body(start, full_name=name))
    assert_problem(response, 422, "invalid_name")


async def test_honest_names_in_both_scripts_still_book(client: Client) -> None:
    for name in ("منى عبد الرحمن السيد", "Mary-Jane O'Neil", "Ahmed  Ali\tHassan"):
        start = (await slots(client))[0]["start"]
        response = await client.post("/api/v1/bookings", json=booking_body(start, full_name=name))
        assert response.status_code == 201, response.text


# 3, 2, 5 over a real server: the banner, the static NUL path, the display WebSocket

SOCKETS_PER_ADDRESS = 3


@pytest.fixture(scope="module")
def served(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A ``mawid serve`` process (demo mode, 1 s head deadline, three display sockets per address,
    127.0.0.1 a trusted proxy): its base URL and its log."""
    data = tmp_path_factory.mktemp("hardening")
    shutil.copy(sqlite_template, data / "mawid.sqlite3")
    port = free_port()
    log = data / "serve.log"
    env = {
        **os.environ,
        "MAWID_DEMO": "1",
        "MAWID_DATA_DIR": str(data),
        "MAWID_PORT": str(port),
        "MAWID_HOST": "127.0.0.1",
        "MAWID_DATABASE_URL": "",
        "MAWID_REDIS_URL": "",
        "MAWID_WORKERS": "1",
        "MAWID_HTTP_HEADER_TIMEOUT": "1",
        "MAWID_DISPLAY_SOCKETS_PER_ADDRESS": str(SOCKETS_PER_ADDRESS),
        "MAWID_ALLOWED_ORIGINS": "",
        "MAWID_TRUSTED_PROXIES": "127.0.0.1/32",  # the tests play the balancer for other clients
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "mawid"), "serve"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, f"{base}/api/v1/health", 60, log.read_text)
        yield base, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


async def _raw(base: str, request: bytes, wait: float = 0.0) -> bytes:
    """Send ``request`` as is (no client library to tidy the path) and read until the server closes."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), timeout=5 + wait)
    finally:
        writer.close()


def _head(raw: bytes) -> dict[str, str]:
    lines = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}


@pytest.mark.slow
async def test_the_real_server_names_no_server_software(served: tuple[str, Path]) -> None:
    base, _ = served
    async with httpx.AsyncClient(base_url=base) as http:
        for path in ("/api/v1/health", "/", "/static/js/lib/api.js", "/nowhere", "/schema"):
            response = await http.get(path)
            assert "server" not in response.headers, (path, response.headers)
            assert response.headers["x-content-type-options"] == "nosniff", path
    # The protocol's own answers (here a 408 for a head that never ends) carry no banner either.
    timed_out = await _raw(base, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n", wait=3)
    assert timed_out.startswith(b"HTTP/1.1 408")
    assert "server" not in _head(timed_out)


@pytest.mark.slow
async def test_the_static_nul_path_is_a_404_on_the_real_server(served: tuple[str, Path]) -> None:
    base, log = served
    request = b"GET /static/js/lib/api.js%00.png HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    answer = await _raw(base, request)
    assert answer.startswith(b"HTTP/1.1 404"), answer[:200]
    assert _head(answer)["content-type"].startswith(PROBLEM)
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["detail_ar"]
    async with httpx.AsyncClient(base_url=base) as http:
        assert (await http.get("/static/js/lib/api.js")).status_code == 200
    assert "Traceback" not in log.read_text() and "unhandled_error" not in log.read_text()


def _ws(base: str) -> str:
    return base.replace("http://", "ws://") + f"/ws/offices/{ABBASSIA}/display"


async def _first(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), timeout=5))
    return message


async def _refused(base: str, origin: str | None) -> tuple[int | None, str | None, dict[str, Any]]:
    async with connect(_ws(base), origin=origin, open_timeout=5) as socket:  # type: ignore[arg-type]
        message = await _first(socket)
        await asyncio.wait_for(socket.wait_closed(), timeout=5)
        assert socket.close_code is not None
        return socket.close_code, socket.close_reason, message


@pytest.mark.slow
async def test_the_display_socket_refuses_pages_of_other_origins(served: tuple[str, Path]) -> None:
    base, _ = served
    for origin in ("https://evil.example", "null", base.replace("127.0.0.1", "localhost"), f"{base}1"):
        code, reason, message = await _refused(base, origin)
        assert (code, reason) == (4403, "origin_not_allowed"), origin
        assert message["type"] == "error" and message["detail_ar"]
    # Its own pages (same host and port) and clients that are no page at all are served.
    for own in (base, None):
        async with connect(_ws(base), origin=own, open_timeout=5) as socket:  # type: ignore[arg-type]
            assert (await _first(socket))["type"] == "snapshot", own


@pytest.mark.slow
async def test_one_address_holds_only_its_share_of_display_sockets(served: tuple[str, Path]) -> None:
    base, _ = served
    held = [await connect(_ws(base), open_timeout=5) for _ in range(SOCKETS_PER_ADDRESS)]
    try:
        for socket in held:
            assert (await _first(socket))["type"] == "snapshot"
        code, reason, message = await _refused(base, None)
        assert (code, reason, message["code"]) == (4429, "too_many_sockets", "too_many_sockets")
        # Another client behind our proxy is counted on its own address, not the proxy's.
        behind = {"X-Forwarded-For": "203.0.113.7"}
        async with connect(_ws(base), additional_headers=behind, open_timeout=5) as other:
            assert (await _first(other))["type"] == "snapshot"
        await held.pop().close()
        await asyncio.sleep(0.3)  # the server hears the goodbye and counts the socket out
        async with connect(_ws(base), open_timeout=5) as again:
            assert (await _first(again))["type"] == "snapshot"
    finally:
        for socket in held:
            await socket.close()


@pytest.mark.slow
async def test_the_display_socket_sends_its_frames_uncompressed(served: tuple[str, Path]) -> None:
    # websockets' client offers permessage-deflate by default; mawid serve declines it, so every
    # screen of an office is sent the one frame its event was encoded into (no zlib per socket).
    base, _ = served
    async with connect(_ws(base), open_timeout=5) as socket:
        assert socket.response is not None
        assert "Sec-WebSocket-Extensions" not in socket.response.headers
        assert (await _first(socket))["type"] == "snapshot"
