"""The counts every booking makes go through their indexes, whatever the archive holds: on the
demo's six weeks of history the count of a mobile's active bookings scanned every booking (the
statuses were bound as parameters, so SQLite could not match its partial index), 12 ms of each
booking's CPU instead of 3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.dialects import sqlite

from booking.store.bookings import active_on_mobile


def test_the_count_on_a_mobile_uses_its_partial_index_on_sqlite(sqlite_template: Path) -> None:
    compiled = active_on_mobile("+201012345678").compile(
        dialect=sqlite.dialect(), compile_kwargs={"render_postcompile": True}
    )
    parameters = [compiled.params[name] for name in compiled.positiontup or []]
    with sqlite3.connect(sqlite_template) as connection:
        plan = connection.execute(f"EXPLAIN QUERY PLAN {compiled}", parameters).fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "INDEX ix_bookings_active_phone" in details, details


def test_the_one_read_of_a_booking_on_sqlite_uses_the_indexes(sqlite_template: Path) -> None:
    """The read of a single booking on SQLite (the month's cancellations, the missed appointments
    and the mobile's active bookings in one SELECT) reaches each through an index: the mobile's
    through its partial index, as its count alone does."""
    from datetime import date

    from booking.store.bookings import _sqlite_counts

    values = {
        "churn_subject": "ab" * 32,
        "churn_period": "2026-12",
        "missed_identity": "ab" * 32,
        "missed_since": date(2026, 9, 1),
        "missed_today": date(2026, 12, 6),
        "mobile_phone": "+201012345678",
    }
    compiled = (
        _sqlite_counts(True, True, True)
        .params(values)
        .compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    )
    with sqlite3.connect(sqlite_template) as connection:
        plan = connection.execute(f"EXPLAIN QUERY PLAN {compiled}").fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "INDEX ix_bookings_active_phone" in details, details
    assert "SCAN bookings" not in details, details
    assert "SCAN churn_counts" not in details, details
