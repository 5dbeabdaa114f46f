"""Staff accounts: roles, the offices each may act in, and password hashing (Argon2id).

A hash takes ~220 ms of CPU on purpose. On the event loop that stalls every request of the
process (four parallel loops of wrong passwords took ``/health`` from 3 ms to 770 ms), so the
server hashes only through ``verify_password_off_loop`` / ``hash_password_off_loop``: a pool of
``HASHING_THREADS`` threads of its own (argon2's C code releases the GIL). A flood queues there
instead of taking the loop, the database's threads or the default executor.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    AGENT = "agent"
    KIOSK = "kiosk"
    CLERK = "clerk"
    """Books appointments for citizens at an office's desk or on its phone line (assisted booking)."""


@dataclass(frozen=True, slots=True)
class StaffUser:
    id: int
    username: str
    role: Role
    offices: tuple[str, ...]
    token_version: int = 0
    """The account's session generation when the token was issued; bumping it ends every session."""

    def may_act_in(self, office_id: str) -> bool:
        """Admins act everywhere; everyone else only in the offices they are assigned to."""
        return self.role is Role.ADMIN or office_id in self.offices


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """An account as administrators see it (never its password hash)."""

    user: StaffUser
    active: bool
    last_login_at: datetime | None


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """After ``failures`` wrong passwords in a row an account refuses every password, the right
    one too, for ``seconds``; each further wrong one (once the lock has ended) doubles the lock,
    up to ``max_seconds``. A right password resets the count."""

    failures: int = 5
    seconds: float = 60.0
    max_seconds: float = 3600.0

    def lock_for(self, failed_logins: int) -> timedelta | None:
        """How long the account locks after its ``failed_logins``-th wrong password in a row."""
        beyond = failed_logins - self.failures
        if beyond < 0:
            return None
        return timedelta(seconds=min(self.seconds * 2 ** min(beyond, 40), self.max_seconds))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


HASHING_THREADS = 2
"""Hashes running at once per process: two cores' worth; more would only queue in the CPU."""
_hashing = ThreadPoolExecutor(HASHING_THREADS, thread_name_prefix="mawid-argon2")


async def verify_password_off_loop(password_hash: str, password: str) -> bool:
    """``verify_password`` in the hashing pool, so the event loop keeps serving meanwhile."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing, verify_password, password_hash, password)


async def hash_password_off_loop(password: str) -> str:
    """``hash_password`` in the hashing pool."""
    return await asyncio.get_running_loop().run_in_executor(_hashing, hash_password, password)


async def verify_unknown_user_off_loop(password: str) -> bool:
    """For a name with no account: verify ``password`` (in the hashing pool) against a dummy hash
    of the production cost, so the answer takes as long as for a known name and the timing does not
    tell an attacker which usernames exist. Always False."""
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(_hashing, lambda: verify_password(_unknown_user_hash(), password))
    return False


@cache
def _unknown_user_hash() -> str:
    # Made on first use, in the pool: at import it cost every process (each server worker, each
    # command) ~0.3 s of CPU. Its own hasher, so it always has the production parameters.
    return PasswordHasher().hash("no such user")
