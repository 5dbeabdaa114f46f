"""Staff accounts in the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from booking.staff import Role, StaffUser, hash_password
from booking.store.database import Database
from booking.store.tables import StaffUserRow


class StaffStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(
        self, username: str, password: str, role: Role, offices: list[str], now: datetime
    ) -> StaffUser:
        password_hash = hash_password(password)  # slow on purpose: outside the transaction

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

        return StaffUser(await self._db.write(work), username, role, tuple(offices))

    async def credentials(self, username: str) -> tuple[StaffUser, str] | None:
        """The active user and their password hash, for logging in."""

        def work(conn: Connection) -> tuple[StaffUser, str] | None:
            row = conn.execute(
                select(*StaffUserRow.__table__.c).where(
                    StaffUserRow.username == username, StaffUserRow.active.is_(True)
                )
            ).one_or_none()
            if row is None:
                return None
            return StaffUser(row.id, row.username, Role(row.role), tuple(row.offices)), row.password_hash

        return await self._db.read(work)

    async def exists(self, username: str) -> bool:
        def work(conn: Connection) -> bool:
            return conn.scalar(select(StaffUserRow.id).where(StaffUserRow.username == username)) is not None

        return await self._db.read(work)
