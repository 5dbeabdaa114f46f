"""Demo data for the embedded default: offices across the country and one account per role."""

from __future__ import annotations

from datetime import datetime

from booking.demo import DEMO_OFFICES
from booking.staff import Role
from booking.store.offices import OfficeStore
from booking.store.staff import StaffStore
from kernel.database import Database

# Documented in the README; created only when MAWID_DEMO is set.
DEMO_ACCOUNTS: tuple[tuple[str, str, Role, tuple[str, ...]], ...] = (
    ("admin", "demo-admin-2026", Role.ADMIN, ()),
    (
        "manager.cairo",
        "demo-manager-2026",
        Role.MANAGER,
        ("cairo-abbassia-passports", "cairo-immigration", "cairo-nasr-city-traffic"),
    ),
    ("agent.abbassia", "demo-agent-2026", Role.AGENT, ("cairo-abbassia-passports",)),
    ("kiosk.abbassia", "demo-kiosk-2026", Role.KIOSK, ("cairo-abbassia-passports",)),
    (
        "clerk.abbassia",
        "demo-clerk-2026",
        Role.CLERK,
        ("cairo-abbassia-passports", "sharqia-zagazig-passports"),
    ),
)


async def seed_demo_offices(database: Database) -> int:
    """Add the demo offices when the database has none; returns how many were added."""
    offices = OfficeStore(database)
    if await offices.count():
        return 0
    for office in DEMO_OFFICES:
        await offices.add_office(office)
    return len(DEMO_OFFICES)


async def seed_demo_accounts(database: Database, now: datetime) -> list[str]:
    staff = StaffStore(database)
    created = []
    for username, password, role, offices in DEMO_ACCOUNTS:
        if not await staff.exists(username):
            await staff.create(username, password, role, list(offices), now)
            created.append(username)
    return created
