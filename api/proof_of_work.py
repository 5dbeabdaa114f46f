"""Proof of work under pressure: an ALTCHA puzzle a browser solves in a second or two before it
may book, asked only when booking traffic says a script may be at work.

A hoarding bot makes hundreds of bookings a second; a citizen makes one. A puzzle that costs
``maxnumber / 2`` SHA-256 hashes on average costs a citizen a moment once, and a bot that cost on
every booking: it does not stop a determined bot alone (the rate limits do), it makes each of its
bookings cost CPU time, and more as it pushes harder.

The puzzle is ALTCHA's v1 format (``altcha`` on PyPI): ``{algorithm, challenge, maxnumber, salt,
signature}``; the client finds ``number`` with ``SHA-256(salt + number) == challenge`` and sends
back the base64 of ``{algorithm, challenge, number, salt, signature}``. The salt carries the
challenge's expiry and its difficulty (``expires``, ``max``), both covered by the HMAC signature,
whose key is derived from ``MAWID_SECRET_KEY`` (never the raw key). Each solution is accepted once:
its challenge is remembered as used until it expires (Redis ``SET NX EX`` when ``MAWID_REDIS_URL``
is set, so a replay to another process is refused too; in-process otherwise, bounded).

``MAWID_POW``: ``off`` never asks; ``on`` always asks, at least ``MAWID_POW_DIFFICULTY``;
``adaptive`` (the default) asks only while the booking attempts in the last
``MAWID_POW_WINDOW_SECONDS`` exceed ``MAWID_POW_OFFICE_THRESHOLD`` at the office or
``MAWID_POW_SYSTEM_THRESHOLD`` over all offices. Under pressure the difficulty doubles each time
the rate doubles past its threshold, up to ``MAWID_POW_MAX_DIFFICULTY``. Attempts are counted in
one-second buckets, in Redis when configured (so every process sees the same pressure), else
in-process.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from typing import Any, Literal, cast

import altcha
import structlog
from altcha.v1 import PayloadType
from litestar import Request, Response
from redis import exceptions as redis_errors
from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster

from api.messages import MESSAGES
from api.problems import problem
from api.redis_connection import redis_client

log = structlog.get_logger("mawid.proof_of_work")

POW_MODES = ("off", "adaptive", "on")
PowMode = Literal["off", "adaptive", "on"]
CHALLENGE_SECONDS = 300
"""A challenge's life: time to solve it and send the booking; its solution is remembered this long."""
MAX_PAYLOAD_CHARACTERS = 2048
"""An honest payload is about 300 characters; a longer one is refused before it is decoded."""
USED_CHALLENGES_KEPT = 100_000
"""In-process memory of used challenges (one process, no Redis). At five minutes each that is
over 300 solved puzzles a second; past it new solutions are refused rather than old ones forgotten."""
OFFICES_TRACKED = 10_000
"""In-process attempt counters kept at once; office ids come from requests, so they are bounded."""
_OFFICE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_KEY_CONTEXT = b"mawid/altcha/v1"
_REDIS_DOWN = (redis_errors.ConnectionError, redis_errors.TimeoutError, redis_errors.RedisClusterException)


def altcha_key(secret: str) -> str:
    """The HMAC key for ALTCHA signatures: derived from the server secret, so a leaked puzzle key
    (it signs public challenges) says nothing about the key that signs staff tokens."""
    return hmac.new(secret.encode(), _KEY_CONTEXT, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class PowPolicy:
    """When a puzzle is asked and how hard it is (the ``MAWID_POW_*`` settings)."""

    mode: PowMode = "adaptive"
    window_seconds: int = 10
    office_threshold: int = 10
    system_threshold: int = 50
    difficulty: int = 50_000
    max_difficulty: int = 1_000_000

    def required(self, office_attempts: int, system_attempts: int) -> int | None:
        """``maxnumber`` of the puzzle to ask for, given the attempts in the window (this one
        included), or None when no puzzle is needed."""
        if self.mode == "off":
            return None
        ratio = max(office_attempts / self.office_threshold, system_attempts / self.system_threshold)
        if ratio <= 1:
            return self.difficulty if self.mode == "on" else None
        doublings = math.floor(math.log2(ratio))
        return min(self.difficulty << min(doublings, 30), self.max_difficulty)


class ProofOfWorkRequired(Exception):
    """A booking that needs a solved puzzle came without one (428) or with a bad one (400)."""

    def __init__(self, status: int, reason: str, challenge: dict[str, Any]) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.challenge = challenge


_DETAIL = {428: "proof_of_work_required.missing", 400: "proof_of_work_required.invalid"}


def proof_of_work_refusal(_: Request[Any, Any, Any], error: ProofOfWorkRequired) -> Response[Any]:
    """``428`` (no solution) or ``400`` (a bad one), ``code: proof_of_work_required``, with a fresh
    challenge to solve in ``challenge`` and why a solution was refused in ``reason``."""
    detail, detail_ar = MESSAGES.texts(_DETAIL[error.status])
    return problem(
        error.status,
        "proof_of_work_required",
        detail,
        detail_ar,
        reason=error.reason,
        challenge=error.challenge,
    )


class LocalAttempts:
    """Booking attempts per office and overall in one-second buckets, in this process only."""

    def __init__(self, window_seconds: int, now: Callable[[], float] = time.time) -> None:
        self.window = window_seconds
        self.now = now
        self._buckets: dict[str, dict[int, int]] = {}

    async def count(self, scope: str, add: bool) -> int:
        second = int(self.now())
        oldest = second - self.window + 1
        buckets = self._buckets.get(scope)
        if buckets is None:
            if not add:
                return 0
            if len(self._buckets) >= OFFICES_TRACKED:
                self._forget_quiet(oldest)
                if len(self._buckets) >= OFFICES_TRACKED:
                    return 0
            buckets = self._buckets[scope] = {}
        for old in [s for s in buckets if s < oldest]:
            del buckets[old]
        if add:
            buckets[second] = buckets.get(second, 0) + 1
        return sum(buckets.values())

    def _forget_quiet(self, oldest: int) -> None:
        for scope in [s for s, b in self._buckets.items() if not any(t >= oldest for t in b)]:
            del self._buckets[scope]


_COUNT_SCRIPT = (files("api") / "lua" / "pow_attempts.lua").read_text(encoding="utf-8")
"""Count an attempt and sum the window, atomically (api/lua/, package data)."""


class RedisAttempts:
    """The same counts in Redis, shared by every process: one key per scope and second
    (``<prefix>:{<office>}:pow:<second>``, the office as hash tag so one script touches one
    Cluster slot), counted and summed over the window in one atomic script."""

    def __init__(self, redis: Redis | RedisCluster, prefix: str, window_seconds: int) -> None:
        self.redis = redis
        self.prefix = prefix
        self.window = window_seconds
        self._script = redis.register_script(_COUNT_SCRIPT)

    async def count(self, scope: str, add: bool) -> int:
        second = int(time.time())
        keys = [f"{self.prefix}:{{{scope}}}:pow:{second - age}" for age in range(self.window)]
        return int(await self._script(keys=keys, args=["1" if add else "0", self.window + 1]))


class LocalUsedChallenges:
    """Challenges already solved once, until they expire; in this process only, bounded."""

    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self.now = now
        self._until: dict[str, float] = {}

    async def claim(self, challenge: str, expires: float) -> bool:
        now = self.now()
        if challenge in self._until and self._until[challenge] > now:
            return False
        if len(self._until) >= USED_CHALLENGES_KEPT:
            self._until = {c: t for c, t in self._until.items() if t > now}
            if len(self._until) >= USED_CHALLENGES_KEPT:
                return False
        self._until[challenge] = expires
        return True


class RedisUsedChallenges:
    """Used challenges in Redis: ``SET NX EX`` answers "first use" to exactly one process."""

    def __init__(self, redis: Redis | RedisCluster, prefix: str) -> None:
        self.redis = redis
        self.prefix = prefix

    async def claim(self, challenge: str, expires: float) -> bool:
        seconds = max(1, math.ceil(expires - time.time()) + 1)
        return bool(await self.redis.set(f"{self.prefix}:altcha:used:{challenge}", "1", nx=True, ex=seconds))


class ProofOfWork:
    """Issues challenges and judges solutions; the ``proof_of_work`` a handler is given."""

    def __init__(
        self, policy: PowPolicy, secret: str, redis_url: str = "", redis_prefix: str = "mawid"
    ) -> None:
        self.policy = policy
        self.key = altcha_key(secret)
        self._redis = redis_client(redis_url, decode_responses=True) if redis_url else None
        self._local_attempts = LocalAttempts(policy.window_seconds)
        self._local_used = LocalUsedChallenges()
        self._attempts: LocalAttempts | RedisAttempts = self._local_attempts
        self._used: LocalUsedChallenges | RedisUsedChallenges = self._local_used
        if self._redis is not None:
            self._attempts = RedisAttempts(self._redis, redis_prefix, policy.window_seconds)
            self._used = RedisUsedChallenges(self._redis, redis_prefix)

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()

    def issue(self, max_number: int) -> dict[str, Any]:
        """A signed v1 challenge of difficulty ``max_number``, valid ``CHALLENGE_SECONDS``."""
        challenge = altcha.create_challenge_v1(
            algorithm="SHA-256",
            max_number=max_number,
            salt_length=12,
            hmac_key=self.key,
            salt="",
            number=None,
            expires=datetime.now(UTC) + timedelta(seconds=CHALLENGE_SECONDS),
            params={"max": str(max_number)},
        )
        return {
            "algorithm": challenge.algorithm,
            "challenge": challenge.challenge,
            "maxnumber": challenge.max_number,
            "salt": challenge.salt,
            "signature": challenge.signature,
        }

    async def challenge_for(self, office_id: str | None) -> dict[str, Any]:
        """A challenge as hard as the current pressure asks (at least ``MAWID_POW_DIFFICULTY``,
        so a page may solve one ahead even while none is required)."""
        required = self.policy.required(*await self._pressure(office_id, add=False))
        return self.issue(required or self.policy.difficulty)

    async def demand(self, office_id: str | None, payload: str | None) -> None:
        """Count this booking attempt, then raise ``ProofOfWorkRequired`` unless no puzzle is
        needed now or ``payload`` solves one of ours, hard enough, unexpired and unused."""
        if self.policy.mode == "off":
            return
        required = self.policy.required(*await self._pressure(office_id, add=True))
        if required is None:
            return
        if payload is None or not payload.strip():
            raise ProofOfWorkRequired(428, "missing", self.issue(required))
        solution, reason = self._judge(payload, required)
        if solution is None:
            raise ProofOfWorkRequired(400, reason, self.issue(required))
        if not await self._claim(solution["challenge"], float(solution["expires"])):
            raise ProofOfWorkRequired(400, "replayed", self.issue(required))

    def _judge(self, payload: str, required: int) -> tuple[dict[str, Any] | None, str]:
        """The decoded solution when it is valid for ``required``; else None and why not."""
        if len(payload) > MAX_PAYLOAD_CHARACTERS:
            return None, "invalid"
        try:
            decoded = json.loads(base64.b64decode(payload, validate=True))
        except (binascii.Error, ValueError):
            return None, "invalid"
        fields = ("algorithm", "challenge", "salt", "signature")
        if (
            not isinstance(decoded, dict)
            or decoded.get("algorithm") != "SHA-256"
            or not all(isinstance(decoded.get(name), str) for name in fields)
            or type(decoded.get("number")) is not int
            or decoded["number"] < 0
        ):
            return None, "invalid"
        solution = cast(PayloadType, {name: decoded[name] for name in (*fields, "number")})
        params = altcha.extract_params_v1(solution)
        try:
            expires = int(params["expires"][0])
            max_number = int(params["max"][0])
        except (KeyError, IndexError, ValueError):
            return None, "invalid"
        ok, error = altcha.verify_solution_v1(solution, self.key, check_expires=True)
        if error and "expired" in error:
            return None, "expired"
        if not ok or solution["number"] > max_number:
            return None, "invalid"
        if expires > time.time() + CHALLENGE_SECONDS + 60:
            return None, "invalid"
        # Solved while traffic was quieter: good enough if within one doubling of what is asked now.
        if max_number < required // 2:
            return None, "too_easy"
        return {**solution, "expires": expires}, ""

    async def _pressure(self, office_id: str | None, add: bool) -> tuple[int, int]:
        """Attempts in the window at the office and overall (``add``: counting this one)."""
        office = office_id if office_id and _OFFICE_ID.fullmatch(office_id) else None
        try:
            return await self._count_both(self._attempts, office, add)
        except _REDIS_DOWN as error:
            log.warning("proof_of_work_redis_down", error=str(error))
            return await self._count_both(self._local_attempts, office, add)

    @staticmethod
    async def _count_both(
        attempts: LocalAttempts | RedisAttempts, office: str | None, add: bool
    ) -> tuple[int, int]:
        system = await attempts.count("pow-all", add)
        return (await attempts.count(f"office:{office}", add) if office else 0), system

    async def _claim(self, challenge: str, expires: float) -> bool:
        try:
            return await self._used.claim(challenge, expires)
        except _REDIS_DOWN as error:
            log.warning("proof_of_work_redis_down", error=str(error))
            return await self._local_used.claim(challenge, expires)
