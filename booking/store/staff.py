"""Staff accounts in the database: credentials, the lock-out count and the session version.

Every change that must hold across processes is one conditional statement on the account's row:
a wrong password raises ``failed_logins`` only from the count it was read at (and sets
``locked_until`` when the policy says so); a right one resets it only while the account is not
locked; deactivating or changing an account bumps ``token_version``, which every token carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.engine import Connection

from booking.staff import LockoutPolicy, Role, StaffAccount, StaffUser, hash_password_off_loop
from booking.store.tables import OfficeRow, StaffUserRow
from kernel.database import Database


@dataclass(frozen=True, slots=True)
class Credentials:
    """What logging in needs to know of an active account."""

    user: StaffUser
    password_hash: str
    locked_until: datetime | None


def _user(row: Any) -> StaffUser:
    return StaffUser(row.id, row.username, Role(row.role), tuple(row.offices), row.token_version)


class StaffStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(
        self, username: str, password: str, role: Role, offices: list[str], now: datetime
    ) -> StaffUser:
        password_hash = await hash_password_off_loop(password)  # slow on purpose: outside the transaction

        def work(conn: Connection) -> int:
            statement = insert(StaffUserRow).values(
                username=username,
                password_hash=password_hash,
                role=role.value,
                offices=offices,
                active=True,
                created_at=now,
            )
            return int(conn.execute(statement.returning(StaffUserRow.id)).scalar_one())

        return StaffUser(await self._db.write(work), username, role, tuple(offices), 0)

    async def credentials(self, username: str) -> Credentials | None:
        """The active account, its password hash and its lock, for logging in."""

        def work(conn: Connection) -> Credentials | None:
            row = conn.execute(
                select(*StaffUserRow.__table__.c).where(
                    StaffUserRow.username == username, StaffUserRow.active.is_(True)
                )
            ).one_or_none()
            if row is None:
                return None
            return Credentials(_user(row), row.password_hash, row.locked_until)

        return await self._db.read(work)

    async def wrong_password(self, user_id: int, now: datetime, policy: LockoutPolicy) -> datetime | None:
        """Count a wrong password; the end of the lock it set, if it set one."""

        def work(conn: Connection) -> datetime | None:
            while True:  # another process may count a failure between our read and our write
                failed = conn.scalar(select(StaffUserRow.failed_logins).where(StaffUserRow.id == user_id))
                if failed is None:
                    return None
                lock = policy.lock_for(failed + 1)
                until = now + lock if lock else None
                values: dict[str, Any] = {"failed_logins": failed + 1}
                if until is not None:
                    values["locked_until"] = until
                changed = conn.execute(
                    update(StaffUserRow)
                    .where(StaffUserRow.id == user_id, StaffUserRow.failed_logins == failed)
                    .values(**values)
                ).rowcount
                if changed:
                    return until

        return await self._db.write(work)

    async def right_password(self, user_id: int, now: datetime) -> bool:
        """Reset the count and note the login, unless a lock began meanwhile (then False)."""

        def work(conn: Connection) -> bool:
            changed = conn.execute(
                update(StaffUserRow)
                .where(
                    StaffUserRow.id == user_id,
                    StaffUserRow.active.is_(True),
                    or_(StaffUserRow.locked_until.is_(None), StaffUserRow.locked_until <= now),
                )
                .values(failed_logins=0, locked_until=None, last_login_at=now)
            ).rowcount
            return bool(changed)

        return await self._db.write(work)

    async def session_version(self, user_id: int) -> int | None:
        """The account's current token version, or None when it is gone or inactive."""

        def work(conn: Connection) -> int | None:
            version = conn.scalar(
                select(StaffUserRow.token_version).where(
                    StaffUserRow.id == user_id, StaffUserRow.active.is_(True)
                )
            )
            return None if version is None else int(version)

        return await self._db.read(work)

    async def end_sessions(self, user_id: int) -> None:
        """Log the account out everywhere: every token issued so far stops working."""

        def work(conn: Connection) -> None:
            conn.execute(
                update(StaffUserRow)
                .where(StaffUserRow.id == user_id)
                .values(token_version=StaffUserRow.token_version + 1)
            )

        await self._db.write(work)

    async def accounts(self) -> list[StaffAccount]:
        def work(conn: Connection) -> list[StaffAccount]:
            rows = conn.execute(select(*StaffUserRow.__table__.c).order_by(StaffUserRow.username))
            return [StaffAccount(_user(row), bool(row.active), row.last_login_at) for row in rows]

        return await self._db.read(work)

    async def account(self, username: str) -> StaffAccount | None:
        def work(conn: Connection) -> StaffAccount | None:
            row = conn.execute(
                select(*StaffUserRow.__table__.c).where(StaffUserRow.username == username)
            ).one_or_none()
            return None if row is None else StaffAccount(_user(row), bool(row.active), row.last_login_at)

        return await self._db.read(work)

    async def change(
        self,
        username: str,
        *,
        active: bool | None = None,
        role: Role | None = None,
        offices: list[str] | None = None,
    ) -> StaffAccount | None:
        """Activate, deactivate, or give a new role or offices; every such change ends the
        account's sessions (its tokens carry the old state). None when there is no such account."""
        values: dict[str, Any] = {"token_version": StaffUserRow.token_version + 1}
        if active is not None:
            values["active"] = active
        if role is not None:
            values["role"] = role.value
        if offices is not None:
            values["offices"] = offices

        def work(conn: Connection) -> bool:
            return bool(
                conn.execute(
                    update(StaffUserRow).where(StaffUserRow.username == username).values(**values)
                ).rowcount
            )

        if not await self._db.write(work):
            return None
        return await self.account(username)

    async def unknown_offices(self, offices: list[str]) -> list[str]:
        """Those of ``offices`` that do not exist."""

        def work(conn: Connection) -> set[str]:
            return set(conn.scalars(select(OfficeRow.id).where(OfficeRow.id.in_(offices))))

        known = await self._db.read(work) if offices else set()
        return [office for office in offices if office not in known]

    async def exists(self, username: str) -> bool:
        def work(conn: Connection) -> bool:
            return conn.scalar(select(StaffUserRow.id).where(StaffUserRow.username == username)) is not None

        return await self._db.read(work)
