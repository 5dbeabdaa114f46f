"""Proof of work under pressure, attacked as a bot would: booking without solving, replaying one
solution, forging or stretching one, solving an easy puzzle and spending it when traffic is high,
and replaying through a second server process.

Solutions are found here in Python with the ``altcha`` library, as a bot would find them; the
browser's own solver is tested in tests/browser/test_proof_of_work_page.py.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import altcha
import httpx
import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.proof_of_work import PowPolicy, altcha_key
from api.settings import Settings, SettingsError
from kernel.clock import FixedClock
from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_SECRET
from tests.integration.helpers import ABBASSIA, GIZA, booking_body, national_id, slots
from tests.live_server import LiveServer, live_server
from tests.services import REDIS_URL, redis_key_space

PROBLEM = "application/problem+json"
DIFFICULTY = 5_000  # small, so a test solves in milliseconds; the mechanism is the same
NO_LIMITS = {"bookings_per_address": "off", "bookings_per_mobile": "off"}  # other tests own those


def solve(challenge: dict[str, Any], number: int | None = None) -> str:
    """The base64 ALTCHA payload for ``challenge`` (or with ``number`` instead of the answer)."""
    if number is None:
        solution = altcha.solve_challenge_v1(
            challenge["challenge"], challenge["salt"], "SHA-256", challenge["maxnumber"]
        )
        assert solution is not None, "every challenge of ours has an answer"
        number = solution.number
    payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
    return encode({**payload, "number": number})


def encode(payload: Any) -> str:
    return base64.b64encode(json.dumps(payload).encode()).decode()


def assert_pow_required(response: httpx.Response, status: int, reason: str) -> dict[str, Any]:
    """The refusal: problem+json, both languages, why, and a fresh challenge to solve."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["code"] == "proof_of_work_required"
    assert body["reason"] == reason
    assert body["detail"] and re.search("[\u0600-\u06ff]", body["detail_ar"])
    challenge = body["challenge"]
    assert set(challenge) == {"algorithm", "challenge", "maxnumber", "salt", "signature"}
    assert challenge["algorithm"] == "SHA-256"
    return challenge  # type: ignore[no-any-return]


def _app(sqlite_template: Path, tmp_path: Path, **settings: Any) -> AsyncTestClient:  # type: ignore[type-arg]
    path = tmp_path / "mawid.sqlite3"
    shutil.copy(sqlite_template, path)
    config = Settings(
        database_url=f"sqlite:///{path}",
        secret_key=TEST_SECRET,
        data_dir=tmp_path,
        active_bookings_per_mobile=1000,
        rate_limits=NO_LIMITS,
        pow_difficulty=DIFFICULTY,
        **settings,
    )
    return AsyncTestClient(create_app(config, FixedClock(WORKING_MORNING)))


@pytest.fixture
async def always(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    async with _app(sqlite_template, tmp_path, pow_mode="on") as client:
        yield client


async def _free_starts(client: Any, office: str = GIZA, count: int = 10) -> list[str]:
    starts = [slot["start"] for slot in await slots(client, office) if slot["remaining"] > 0]
    assert len(starts) >= count
    return starts[:count]


async def test_on_a_booking_without_a_solution_is_428_with_a_challenge(always: Any) -> None:
    start = (await _free_starts(always, count=1))[0]

    response = await always.post("/api/v1/bookings", json=booking_body(start))

    challenge = assert_pow_required(response, 428, "missing")
    assert challenge["maxnumber"] == DIFFICULTY
    assert "expires=" in challenge["salt"] and f"max={DIFFICULTY}" in challenge["salt"]


async def test_on_a_solved_challenge_books_once_and_its_replay_is_refused(always: Any) -> None:
    first, second = await _free_starts(always, count=2)
    refused = await always.post("/api/v1/bookings", json=booking_body(first))
    solution = solve(assert_pow_required(refused, 428, "missing"))

    booked = await always.post("/api/v1/bookings", json=booking_body(first, altcha=solution))
    assert booked.status_code == 201, booked.text

    # The same solution for another identity and slot: a bot re-spending one puzzle.
    replay = await always.post("/api/v1/bookings", json=booking_body(second, altcha=solution))
    fresh = assert_pow_required(replay, 400, "replayed")
    assert fresh["challenge"] != json.loads(base64.b64decode(solution))["challenge"]
    again = await always.post("/api/v1/bookings", json=booking_body(second, altcha=solve(fresh)))
    assert again.status_code == 201, again.text


async def test_the_challenge_endpoint_gives_a_puzzle_that_books(always: Any) -> None:
    start = (await _free_starts(always, count=1))[0]
    response = await always.get("/api/v1/altcha/challenge", params={"office": GIZA})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    challenge = response.json()
    assert challenge["maxnumber"] == DIFFICULTY and challenge["algorithm"] == "SHA-256"

    booked = await always.post("/api/v1/bookings", json=booking_body(start, altcha=solve(challenge)))
    assert booked.status_code == 201, booked.text


async def test_a_flexible_request_needs_a_solution_too(always: Any) -> None:
    body = {
        "service": "passport-renewal",
        "identity": {"type": "national_id", "number": national_id()},
        "full_name": "منى عبد الرحمن السيد",
        "phone": "01012345678",
        "from": "2026-12-08",
        "to": "2026-12-20",
        "offices": [ABBASSIA, GIZA],
    }
    challenge = assert_pow_required(await always.post("/api/v1/booking-requests", json=body), 428, "missing")

    accepted = await always.post("/api/v1/booking-requests", json={**body, "altcha": solve(challenge)})

    assert accepted.status_code == 202, accepted.text


def _tampered(challenge: dict[str, Any]) -> dict[str, str]:
    """Ways to pass without doing the work, or with someone else's key."""
    right = json.loads(base64.b64decode(solve(challenge)))
    hex_nonce, _, _ = challenge["salt"].partition("?")
    later = int(datetime.now(UTC).timestamp()) + 86_400
    stretched = f"{hex_nonce}?expires={later}&max={DIFFICULTY}&"
    raw_key = altcha.create_challenge_v1(
        algorithm="SHA-256", max_number=10, salt_length=12, hmac_key=TEST_SECRET, salt="", number=3,
        expires=datetime.now(UTC) + timedelta(minutes=5), params={"max": str(DIFFICULTY)},
    )
    return {
        "wrong number": encode({**right, "number": (right["number"] + 1) % (DIFFICULTY + 1)}),
        "forged signature": encode({**right, "signature": "0" * 64}),
        "expiry stretched in the salt": encode({**right, "salt": stretched}),
        "number as text": encode({**right, "number": str(right["number"])}),
        "SHA-1 claimed": encode({**right, "algorithm": "SHA-1"}),
        "not base64": "%%%not-base64%%%",
        "a JSON list": encode([right]),
        "signed with the raw secret": encode({**raw_key.to_dict(), "number": 3}),
        "too long": "A" * 5000,
    }


async def test_tampered_solutions_are_400_and_book_nothing(always: Any) -> None:
    start = (await _free_starts(always, count=1))[0]
    free_before = await slots(always, GIZA)
    challenge = (await always.get("/api/v1/altcha/challenge")).json()

    for name, payload in _tampered(challenge).items():
        response = await always.post("/api/v1/bookings", json=booking_body(start, altcha=payload))
        assert response.status_code == 400, f"{name}: {response.text}"
        assert_pow_required(response, 400, "invalid")

    assert await slots(always, GIZA) == free_before


async def test_an_expired_solution_is_400(always: Any) -> None:
    start = (await _free_starts(always, count=1))[0]
    old = altcha.create_challenge_v1(
        algorithm="SHA-256", max_number=DIFFICULTY, salt_length=12, hmac_key=altcha_key(TEST_SECRET), salt="",
        number=None, expires=datetime.now(UTC) - timedelta(seconds=1), params={"max": str(DIFFICULTY)},
    )
    challenge = {**old.to_dict(), "maxnumber": old.max_number}

    response = await always.post("/api/v1/bookings", json=booking_body(start, altcha=solve(challenge)))

    assert_pow_required(response, 400, "expired")


async def test_adaptive_asks_nothing_while_quiet_and_a_puzzle_once_an_office_is_rushed(
    sqlite_template: Path, tmp_path: Path
) -> None:
    async with _app(
        sqlite_template, tmp_path, pow_mode="adaptive", pow_office_threshold=3, pow_system_threshold=100
    ) as client:
        starts = await _free_starts(client, count=6)
        for start in starts[:3]:  # quiet: three bookings in the window, no puzzle
            assert (await client.post("/api/v1/bookings", json=booking_body(start))).status_code == 201

        rushed = await client.post("/api/v1/bookings", json=booking_body(starts[3]))
        challenge = assert_pow_required(rushed, 428, "missing")
        assert challenge["maxnumber"] == DIFFICULTY

        # Another office is still quiet: its citizens are not asked.
        other = (await _free_starts(client, ABBASSIA, count=1))[0]
        quiet = await client.post("/api/v1/bookings", json=booking_body(other, office_id=ABBASSIA))
        assert quiet.status_code == 201, quiet.text

        booked = await client.post("/api/v1/bookings", json=booking_body(starts[3], altcha=solve(challenge)))
        assert booked.status_code == 201, booked.text


async def test_adaptive_asks_once_the_whole_system_is_rushed(sqlite_template: Path, tmp_path: Path) -> None:
    async with _app(
        sqlite_template, tmp_path, pow_mode="adaptive", pow_office_threshold=100, pow_system_threshold=2
    ) as client:
        giza = await _free_starts(client, count=2)
        abbassia = (await _free_starts(client, ABBASSIA, count=1))[0]
        for start in giza:
            assert (await client.post("/api/v1/bookings", json=booking_body(start))).status_code == 201
        rushed = await client.post("/api/v1/bookings", json=booking_body(abbassia, office_id=ABBASSIA))
        assert_pow_required(rushed, 428, "missing")


async def test_an_easy_puzzle_fetched_while_quiet_is_not_enough_under_a_heavy_rush(
    sqlite_template: Path, tmp_path: Path
) -> None:
    async with _app(
        sqlite_template, tmp_path, pow_mode="adaptive", pow_office_threshold=2, pow_system_threshold=1000
    ) as client:
        easy = (await client.get("/api/v1/altcha/challenge", params={"office": GIZA})).json()
        assert easy["maxnumber"] == DIFFICULTY
        starts = await _free_starts(client, count=10)
        for start in starts[:8]:  # four times the threshold: the puzzle is four times harder
            await client.post("/api/v1/bookings", json=booking_body(start))

        response = await client.post("/api/v1/bookings", json=booking_body(starts[8], altcha=solve(easy)))

        harder = assert_pow_required(response, 400, "too_easy")
        assert harder["maxnumber"] >= 4 * DIFFICULTY


async def test_off_never_asks(sqlite_template: Path, tmp_path: Path) -> None:
    async with _app(
        sqlite_template, tmp_path, pow_mode="off", pow_office_threshold=1, pow_system_threshold=1
    ) as client:
        for start in await _free_starts(client, count=6):
            assert (await client.post("/api/v1/bookings", json=booking_body(start))).status_code == 201


def test_difficulty_doubles_with_the_rate_up_to_the_cap() -> None:
    policy = PowPolicy(mode="adaptive", office_threshold=10, system_threshold=50, difficulty=1000,
                       max_difficulty=8000)
    assert policy.required(10, 50) is None  # at the thresholds: normal traffic
    assert policy.required(11, 0) == 1000
    assert policy.required(20, 0) == 2000
    assert policy.required(0, 200) == 4000
    assert policy.required(10_000, 0) == 8000
    assert PowPolicy(mode="on", difficulty=1000).required(0, 0) == 1000
    assert PowPolicy(mode="off").required(10_000, 10_000) is None


def test_settings_read_pow_and_refuse_nonsense() -> None:
    settings = Settings.from_env({"MAWID_POW": "on", "MAWID_POW_DIFFICULTY": "20000"})
    assert (settings.pow_mode, settings.pow_difficulty) == ("on", 20_000)
    assert Settings.from_env({}).pow_mode == "adaptive"
    for env in ({"MAWID_POW": "sometimes"}, {"MAWID_POW_DIFFICULTY": "12"},
                {"MAWID_POW_DIFFICULTY": "2000000", "MAWID_POW_MAX_DIFFICULTY": "1000000"}):
        with pytest.raises(SettingsError, match="MAWID_POW"):
            Settings.from_env(env)


# Two server processes sharing Redis: a solution spent on one is refused by the other, and the
# rush counted by both asks for a puzzle on either.


@pytest.fixture
def two_servers(sqlite_template: Path, tmp_path: Path) -> Iterator[list[LiveServer]]:
    with redis_key_space() as prefix:
        database = tmp_path / "mawid.sqlite3"
        shutil.copy(sqlite_template, database)
        env = _two_servers_env(database, tmp_path, prefix)
        with live_server(env) as first, live_server(env) as second:
            yield [first, second]


def _two_servers_env(database: Path, tmp_path: Path, prefix: str) -> dict[str, str]:
    return {
        "MAWID_DATABASE_URL": f"sqlite:///{database}",
        "MAWID_SECRET_KEY": TEST_SECRET,
        "MAWID_CLOCK": WORKING_MORNING.isoformat(),
        "MAWID_DEMO": "0",
        "MAWID_DATA_DIR": str(tmp_path),
        "MAWID_REDIS_URL": REDIS_URL,
        "MAWID_REDIS_PREFIX": prefix,
        "MAWID_POW": "adaptive",
        "MAWID_POW_OFFICE_THRESHOLD": "4",
        "MAWID_POW_DIFFICULTY": str(DIFFICULTY),
        "MAWID_LIMIT_BOOKINGS_PER_ADDRESS": "off",
        "MAWID_LIMIT_BOOKINGS_PER_MOBILE": "off",
        "MAWID_ACTIVE_BOOKINGS_PER_MOBILE": "0",
    }


@pytest.mark.slow
@pytest.mark.redis
def test_two_processes_share_the_pressure_and_refuse_each_others_spent_solutions(
    two_servers: list[LiveServer],
) -> None:
    first, second = (server.url for server in two_servers)
    days = httpx.get(
        f"{first}/api/v1/offices/{GIZA}/availability",
        params={"service": "passport-new", "from": "2026-12-06", "to": "2026-12-06"},
    ).json()["days"]
    starts = [slot["start"] for slot in days[0]["slots"] if slot["remaining"] > 0][:8]

    # Four attempts, two through each process: at the office's threshold, no puzzle yet.
    for i, start in enumerate(starts[:4]):
        base = (first, second)[i % 2]
        assert httpx.post(f"{base}/api/v1/bookings", json=booking_body(start)).status_code == 201

    # The fifth, through either process, is over it: each saw only two, Redis saw five.
    rushed = httpx.post(f"{first}/api/v1/bookings", json=booking_body(starts[4]))
    solution = solve(assert_pow_required(rushed, 428, "missing"))
    booked = httpx.post(f"{second}/api/v1/bookings", json=booking_body(starts[4], altcha=solution))
    assert booked.status_code == 201, booked.text

    replay = httpx.post(f"{first}/api/v1/bookings", json=booking_body(starts[5], altcha=solution))
    assert_pow_required(replay, 400, "replayed")
