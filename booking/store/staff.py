"""Staff accounts in the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from booking.staff import Role, StaffUser, hash_password
from booking.store.database import read_transaction, write_transaction
from booking.store.tables import StaffUserRow


class StaffStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def create(
        self, username: str, password: str, role: Role, offices: list[str], now: datetime
    ) -> StaffUser:
        async with write_transaction(self._engine) as conn:
            new_id = (
                await conn.execute(
                    insert(StaffUserRow)
                    .values(
                        username=username,
                        password_hash=hash_password(password),
                        role=role.value,
                        offices=offices,
                        active=True,
                        created_at=now,
                    )
                    .returning(StaffUserRow.id)
                )
            ).scalar_one()
        return StaffUser(new_id, username, role, tuple(offices))

    async def credentials(self, username: str) -> tuple[StaffUser, str] | None:
        """The active user and their password hash, for logging in."""
        async with read_transaction(self._engine) as conn:
            row = (
                await conn.execute(
                    select(StaffUserRow).where(
                        StaffUserRow.username == username, StaffUserRow.active.is_(True)
                    )
                )
            ).one_or_none()
        if row is None:
            return None
        user = StaffUser(row.id, row.username, Role(row.role), tuple(row.offices))
        return user, row.password_hash

    async def exists(self, username: str) -> bool:
        async with read_transaction(self._engine) as conn:
            found = await conn.scalar(select(StaffUserRow.id).where(StaffUserRow.username == username))
            return found is not None
