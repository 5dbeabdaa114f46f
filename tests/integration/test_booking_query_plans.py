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
