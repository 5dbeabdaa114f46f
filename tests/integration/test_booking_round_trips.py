"""What one booking costs the database: on PostgreSQL its transaction is three statements (every
lock but the slot's, then the slot's seat with the checks that must follow the locks, then the
citizen's message), whatever the rules it checks; on SQLite, whose write transactions take turns,
no lock is taken for a read and it is six (the booking, its visit, the identity's count, one read
of what the rules count, the slot's seat, the message). The rules themselves are tested elsewhere
(test_booking_api, tests/security/test_identity_rules.py, the concurrency tests) on both
databases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.integration.helpers import booking_body, slots


@contextmanager
def transactions() -> Iterator[list[list[str]]]:
    """The statements of every transaction begun meanwhile, by any engine of this process."""
    done: list[list[str]] = []
    open_: dict[int, list[str]] = {}

    def begin(conn: Any) -> None:
        open_[id(conn)] = []

    def statement(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if id(conn) in open_:
            open_[id(conn)].append(" ".join(sql.split()))

    def commit(conn: Any) -> None:
        done.append(open_.pop(id(conn), []))

    event.listen(Engine, "begin", begin)
    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Engine, "commit", commit)
    try:
        yield done
    finally:
        event.remove(Engine, "begin", begin)
        event.remove(Engine, "before_cursor_execute", statement)
        event.remove(Engine, "commit", commit)


async def test_a_booking_is_written_in_few_statements(client: Any, database_url: str) -> None:
    start = (await slots(client))[0]["start"]
    with transactions() as seen:
        answer = await client.post("/api/v1/bookings", json=booking_body(start))
    assert answer.status_code == 201, answer.text
    [booking] = [t for t in seen if any("INSERT INTO bookings" in s for s in t)]
    assert any("INSERT INTO outbox" in s for s in booking)  # the message goes in the same transaction
    if database_url.startswith("postgresql"):
        assert len(booking) == 3, booking
    else:
        assert not any("mobile_locks" in s for s in booking), booking
        # The booking, its visit, the identity's count, one read of what the rules count, the
        # slot's seat, the message.
        assert len([s for s in booking if not s.startswith("BEGIN")]) == 6, booking
