"""Staff accounts: roles, the offices each may act in, and password hashing (Argon2id)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    AGENT = "agent"
    KIOSK = "kiosk"


@dataclass(frozen=True, slots=True)
class StaffUser:
    id: int
    username: str
    role: Role
    offices: tuple[str, ...]

    def may_act_in(self, office_id: str) -> bool:
        """Admins act everywhere; everyone else only in the offices they are assigned to."""
        return self.role is Role.ADMIN or office_id in self.offices


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verifying against this when the user does not exist keeps the response time the same, so the
# timing does not tell an attacker which usernames exist.
UNKNOWN_USER_HASH = hash_password("no such user")
