"""``mawid purge``: erase the names, mobiles and e-mails past their keeping time now (the server
also does it daily), and say which identity keys live rows still need (key rotation)."""

from __future__ import annotations

import argparse

from api.retention_schedule import PersonalDataRetention
from api.settings import Settings
from booking.identity import IdentityHasher
from booking.store.migrate import migrate
from booking.store.retention import Retention
from kernel.clock import clock_from_setting
from kernel.database import Database


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    commands.add_parser(
        "purge",
        help="erase names, mobiles and e-mails past MAWID_RETENTION_VISIT_DAYS / _CANCELLED_DAYS",
    )


async def purge(settings: Settings, args: argparse.Namespace) -> int:
    hasher = IdentityHasher.from_secret(*settings.resolved_identity_keys())
    retention = Retention(settings.retention_visit_days, settings.retention_cancelled_days)
    database = Database(settings.effective_database_url)
    try:
        await migrate(database)
        personal_data = PersonalDataRetention(database, retention)
        purged = await personal_data.purge(clock_from_setting(settings.clock).now())
        by_key = await personal_data.live_rows_by_key()
    finally:
        await database.dispose()
    print(
        f"Erased names, mobiles and e-mails of {purged.bookings} bookings, {purged.requests} requests "
        f"and {purged.messages} messages (kept {retention.visit_days} days after the visit, "
        f"{retention.cancelled_days} after a cancellation)."
    )
    configured = [key.id for key in hasher.keys]
    for key_id in sorted(set(by_key) | set(configured), key=lambda k: (k not in configured, k)):
        role = "retired" if key_id in configured else "NOT CONFIGURED"
        role = "current" if key_id == hasher.key_id else role
        live = by_key.get(key_id, 0)
        print(f"identity key {key_id or '(none)'}\t{role}\t{live} live bookings and requests")
    return 0
