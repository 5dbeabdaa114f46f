"""Fake of ``booking.ports.BookingHolds``: the seats held while a mobile is verified, in memory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from booking.bookings import Booking, NewBooking
from booking.messages import MESSAGES
from booking.notices import Notice
from booking.ports import BookingHolds
from booking.store.bookings import NoticesNow
from booking.store.holds import KEEP_FINISHED
from booking.store.notices import outbox_message
from booking.verification import HeldBooking, Hold, HoldStatus
from kernel.errors import NotFound
from messaging.outbox import OutboxMessage
from tests.fakes.booking import FakeBookings


class _Undo(Exception):
    """Roll back a booking made only to see whether it would be refused."""


Meanwhile = Callable[["FakeHolds", HeldBooking], Awaitable[None]]


@dataclass
class FakeHolds:
    """``booking.ports.BookingHolds`` as ``booking.store.holds.HoldStore`` keeps it, on ``bookings``:
    a hold's seat counts in its slot's row of ``bookings.slots`` from its start until it leaves
    ``awaiting_verification`` (confirmed, dropped or expired), which it does once, so its seat is
    released once; a confirm turns it into the booking's seat, under every rule of
    ``FakeBookings.create`` (whose refusals leave the hold and its seat as they were). Each step is
    atomic: a refusal undoes all of it. ``record`` and ``resent`` write only onto the hold as it
    was read. What is posted lands in ``outbox``: each code by SMS to the mobile being verified,
    and, given ``notices``, a booking's confirmation.

    ``meanwhile`` are other requests' writes: each is run once, right after a ``find`` has read a
    hold, so that the reader goes on with a stale copy (two codes typed at once)."""

    bookings: FakeBookings
    outbox: list[OutboxMessage] = field(default_factory=list)
    notices: NoticesNow | None = None
    rows: dict[str, HeldBooking] = field(default_factory=dict)
    meanwhile: list[Meanwhile] = field(default_factory=list)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        rows, posted = dict(self.rows), len(self.outbox)
        try:
            with self.bookings.savepoint():
                yield
        except BaseException:
            self.rows.clear()
            self.rows.update(rows)
            del self.outbox[posted:]
            raise

    def _awaiting(self, hold_id: str) -> HeldBooking | None:
        row = self.rows.get(hold_id)
        return row if row is not None and row.hold.status is HoldStatus.AWAITING else None

    def _set(self, row: HeldBooking, **changes: Any) -> None:
        self.rows[row.hold.hold_id] = replace(row, hold=replace(row.hold, **changes))

    def _release(self, new: NewBooking) -> None:
        self.bookings.release_seats(new.office_id, new)

    def _leave(self, which: Callable[[HeldBooking], bool], status: HoldStatus) -> list[tuple[str, str]]:
        """Move the awaiting holds ``which`` picks to ``status`` and free their seats."""
        leaving = [row for row in self.rows.values() if row.hold.status is HoldStatus.AWAITING and which(row)]
        for row in leaving:
            self._set(row, status=status)
            self._release(row.booking)
        return [(row.booking.office_id, service) for row in leaving for service in row.booking.services]

    def _post_code(self, notice: Notice, new: NewBooking) -> None:
        self.outbox.append(
            OutboxMessage(
                kind=notice.kind,
                phone=new.applicant.phone,
                lang=notice.lang,
                message=notice.sms,
                office_id=new.office_id,
            )
        )

    async def _refusal(self, new: NewBooking, now: datetime) -> None:
        """Raise what booking ``new`` now would meet (held seats counted), changing nothing."""
        try:
            with self.bookings.savepoint():
                await self.bookings.create(new, now)
                raise _Undo
        except _Undo:
            pass

    async def start(
        self, new: NewBooking, hold: Hold, notice: Notice, now: datetime
    ) -> list[tuple[str, str]]:
        digest = new.applicant.identity_hash
        with self._transaction():
            freed = self._leave(
                lambda row: (
                    row.booking.applicant.identity_hash == digest and row.booking.service in new.services
                ),
                HoldStatus.DROPPED,
            )
            await self._refusal(new, now)
            self.bookings.take_seats(new.office_id, new.day, new.seats)
            self.rows[hold.hold_id] = HeldBooking(hold, new)
            self._post_code(notice, new)
        return freed

    async def find(self, hold_id: str) -> HeldBooking | None:
        found = self.rows.get(hold_id)
        if found is not None and self.meanwhile:
            await self.meanwhile.pop(0)(self, found)
        return found

    async def confirm(self, held: HeldBooking, now: datetime) -> Booking:
        notices = await self.notices() if self.notices is not None else None
        row = self._awaiting(held.hold.hold_id)
        if row is None or row.hold.expires_at <= now:
            raise MESSAGES.error(NotFound, "hold_not_found")
        with self._transaction():
            self._set(row, status=HoldStatus.CONFIRMED)
            self._release(held.booking)
            booking = await self.bookings.create(held.booking, now)
            if notices is not None:
                self.outbox.append(outbox_message(notices.confirmed(booking), booking))
        return booking

    async def record(self, before: Hold, after: Hold) -> bool:
        row = self._awaiting(before.hold_id)
        if row is None or row.hold.wrong != before.wrong:
            return False
        self._set(row, wrong=after.wrong, status=after.status)
        if after.status is not HoldStatus.AWAITING:
            self._release(row.booking)
        return True

    async def resent(self, before: Hold, after: Hold, notice: Notice, new: NewBooking, now: datetime) -> bool:
        row = self._awaiting(before.hold_id)
        if row is None or row.hold.sends != before.sends:
            return False
        self._set(row, code_digest=after.code_digest, last_sent_at=after.last_sent_at, sends=after.sends)
        self._post_code(notice, new)
        return True

    async def drop(self, hold_id: str) -> list[tuple[str, str]]:
        return self._leave(lambda row: row.hold.hold_id == hold_id, HoldStatus.DROPPED)

    async def sweep(self, now: datetime) -> list[tuple[str, str]]:
        """Expire the holds whose time is up, and forget those finished more than a day ago."""
        freed = self._leave(lambda row: row.hold.expires_at <= now, HoldStatus.EXPIRED)
        for hold_id, row in list(self.rows.items()):
            if row.hold.status is not HoldStatus.AWAITING and row.hold.expires_at < now - KEEP_FINISHED:
                del self.rows[hold_id]
        return freed


def _conforms(holds: FakeHolds) -> None:
    """Type-checked (``mypy tests/fakes``) only: the fake is its port."""
    _: BookingHolds = holds
