"""The hall's wiring, shared by the kiosk and the counters: the live queue store decides, then
every change is remembered in the database and announced to the screens.

Order matters. The store's change is already atomic and final when it returns; the archive is
what the store is taken up from if it loses the office (a Redis restarted empty), so it is
written first, a few milliseconds before the screens hear of the change. Announcing cannot fail
the change: publishing only queues the events, and the estimates that ride on some of them are
left out when the store cannot be read (the screens' feed repairs anything missed by seq).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import msgspec

from booking.appointments import Appointments
from booking.offer import existing_office
from booking.offices import Office
from booking.ports import Offices
from booking.rules import BookingStatus
from kernel.clock import Clock
from queue_display.archive.rows import archive_row, step_row
from queue_display.events import CounterChanged, Event, QueueChanged
from queue_display.no_show import DEFAULT_RULE, NoShowRule
from queue_display.ports import CounterHistory, HallBookings, QueueWatcher, TicketHistory
from queue_display.store.base import QueueStore
from queue_display.ticket import Ticket, booking_status

Publish = Callable[[str, Sequence[Event]], None]
"""Hands an office's numbered events to the screens (the display channel of that office)."""

ESTIMATE_EVENTS = (QueueChanged, CounterChanged)
"""Events after which the estimated waits may differ: the queue or the open counters changed."""


@dataclass(frozen=True)
class OnSite:
    """What the kiosk and counter use cases need: the booking side (offices, bookings, clock),
    the live queue, the archives of tickets and counters, and the way to the screens. Typed
    against ports (``queue_display.ports``): the app passes the SQL archives and ``BookingStore``
    (``api.live``), the unit tests their in-memory fakes."""

    appointments: Appointments
    bookings: HallBookings
    """The bookings a check-in and a finished appointment change the status of."""
    queue: QueueStore
    archive: TicketHistory
    counter_log: CounterHistory
    publish: Publish
    no_show_rule: NoShowRule = DEFAULT_RULE
    """When a clerk may mark a called ticket as not having come (``queue_display.no_show``)."""
    watchers: Sequence[QueueWatcher] = ()
    """Told of every change once it is archived and announced: the heads-up texts."""

    @property
    def clock(self) -> Clock:
        return self.appointments.clock

    @property
    def offices(self) -> Offices:
        return self.appointments.offices

    async def office(self, office_id: str) -> Office:
        return await existing_office(self.appointments.offices, office_id)

    async def record(
        self,
        office_id: str,
        tickets: Iterable[Ticket],
        events: Sequence[Event],
        action: str,
        staff: str | None,
        actions: Sequence[str] | None = None,
    ) -> None:
        """Archive a change's tickets, carry a finished appointment's outcome (served, no-show)
        to its booking, and announce the change to the screens. Each ticket's step is archived
        as ``action``, or as its own of ``actions`` (a chain's ``complete`` then ``move_on``)."""
        now = self.clock.now()
        changed = list(tickets)
        steps = list(actions) if actions is not None else [action] * len(changed)
        await self.archive.record(
            [archive_row(t, now) for t in changed],
            [step_row(t, a, staff, now) for t, a in zip(changed, steps, strict=True)],
        )
        for ticket in changed:
            outcome = booking_status(ticket)
            if ticket.booking_code and outcome in (BookingStatus.SERVED, BookingStatus.NO_SHOW):
                await self._finish_booking(ticket.booking_code, BookingStatus(outcome), now)
        await self.announce(office_id, events)
        for watcher in self.watchers:
            await watcher.queue_moved(office_id, changed, action)

    async def announce(self, office_id: str, events: Sequence[Event]) -> None:
        """Publish the events; those that change the estimated waits (``queue``, ``counter``)
        carry the new ``estimates``, and who waits for a service no open counter serves
        (``unserved``, ``open_services``), so screens and consoles need not ask. Only the live
        copies carry them: an event replayed from the log has none, and the screen keeps what
        it has."""
        if not events:
            return
        if any(isinstance(event, ESTIMATE_EVENTS) for event in events):
            try:
                board = await self.queue.board(office_id, self.clock.now())
            except Exception:  # the store went down after the change: announce it without them
                self.publish(office_id, events)
                return
            events = [
                msgspec.structs.replace(
                    event,
                    estimates=board.estimates,
                    unserved=board.unserved,
                    open_services=board.open_services,
                )
                if isinstance(event, ESTIMATE_EVENTS)
                else event
                for event in events
            ]
        self.publish(office_id, events)

    async def _finish_booking(self, code: str, outcome: BookingStatus, now: datetime) -> None:
        booking = await self.bookings.by_code(code)
        if booking is not None:
            # Conditional in the database: a second, late report of the same outcome is a no-op.
            await self.bookings.set_status(booking.id, BookingStatus.CHECKED_IN, outcome, now)
