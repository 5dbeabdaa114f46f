"""Bring a database to the newest schema with Alembic, through the caller's ``Database``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from kernel.database import Database

ROOT = Path(__file__).resolve().parents[2]


def alembic_config() -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return config


MIGRATION_LOCK = 0x6D61_7769_64  # "mawid": one advisory lock id for every node of a deployment


async def migrate(database: Database) -> None:
    """Upgrade to head. Safe to run again, and from several nodes starting at once: on
    PostgreSQL they take turns under an advisory lock held by the migration's transaction (the
    later ones then find nothing to do); SQLite's write transaction serialises them already."""

    def upgrade(connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    await database.write(upgrade)
