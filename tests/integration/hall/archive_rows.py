"""A hand-made archive row, for the archive's own rule (rows only move forward)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

AT = datetime.fromisoformat("2026-12-06T08:00:00+02:00")


def row_at(status: str, progress: int) -> dict[str, Any]:
    return {
        "id": "t" * 32,
        "office_id": "cairo-abbassia-passports",
        "day": date(2026, 12, 6),
        "sequence": 1,
        "number": "P-001",
        "service": "passport-new",
        "kind": "walk_in",
        "priority": "none",
        "status": status,
        "booking_code": None,
        "counter": "1",
        "recalls": 0,
        "queued_at": AT,
        "issued_at": AT,
        "slot_start": None,
        "called_at": AT,
        "started_at": None,
        "finished_at": None,
        "wait_seconds": 0.0,
        "service_seconds": None,
        "transferred_from": None,
        "transferred_to": None,
        "progress": progress,
        "updated_at": AT,
    }
