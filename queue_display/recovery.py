"""Taking up the hall again after the live queue lost it: nothing of the day is lost on a crash.

The live queue store decides and the database archives after it, so when the store holds
nothing of an office — a new process on the embedded memory store, a Redis restarted empty — the
archive is the best account of the day there is. The store notices by itself (its ``live``
marker is gone) and, under a lock so that one process does it, takes the day up from
``take_up``: every ticket of today back into the live queue — waiting, called and serving ones
where they were, each checked-in booking still checked in — and the counters' last archived
states. Ticket numbers never restart: the database hands them out (``TicketNumbers``).

What the archive cannot know is lost, and only that: a step the hall saw in the instant before
the loss, before it was archived (a ticket called then comes back as waiting and is called
again).

Separately, once per process start, ``heal_hall`` settles the bookings a crash left checked in
without a ticket (see ``heal_stranded_check_ins``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from booking.calendar import local_today
from booking.offices import Office
from queue_display.archive.rows import archive_row, counter_from_row, step_row, ticket_from_row
from queue_display.counter import CounterState
from queue_display.counter_desk import counter_services
from queue_display.onsite import OnSite
from queue_display.ports import StrandedBookings, TicketHistory
from queue_display.restoration import Restoration
from queue_display.store.base import QueueStore


def restart_seq_floor() -> int:
    """Where a display log that starts afresh numbers from: milliseconds since 1970 by the
    machine's clock.

    It must exceed any seq a screen may still hold from before the loss, i.e. the lost log must
    have held fewer events than milliseconds passed since it started (a hall logs a few thousand
    a day). The wall clock, not the injected ``Clock``: that one starts again at the same instant
    under ``MAWID_CLOCK``, and this is no time of the hall's.
    """
    return time.time_ns() // 1_000_000


async def take_up(onsite: OnSite, office_id: str) -> Restoration:
    """The office's day as the archive has it: what a store that lost it restores."""
    office = await onsite.office(office_id)
    today = local_today(onsite.clock.now(), office.timezone)
    zone = ZoneInfo(office.timezone)
    rows = await onsite.archive.of_day(office.id, today)
    return Restoration(
        office.id,
        [ticket_from_row(row, zone) for row in rows],
        await _last_counter_states(onsite, office),
        restart_seq_floor(),
    )


@dataclass(frozen=True, slots=True)
class Healed:
    """What settling the stranded check-ins did for one office, for the log."""

    office_id: str
    released: tuple[str, ...] = ()
    """Booking codes that were checked in without a ticket and may check in again."""
    archived: tuple[str, ...] = ()
    """Booking codes whose live ticket had not reached the archive; it has now."""


async def heal_hall(onsite: OnSite, stranded: StrandedBookings) -> list[Healed]:
    """Settle today's stranded check-ins of every office (see ``heal_stranded_check_ins``)."""
    healed = []
    for office in await onsite.appointments.offices.offices():
        today = local_today(onsite.clock.now(), office.timezone)
        released, archived = await heal_stranded_check_ins(
            onsite.queue, onsite.archive, stranded, office.id, today, onsite.clock.now()
        )
        if released or archived:
            healed.append(Healed(office.id, released, archived))
    return healed


async def heal_stranded_check_ins(
    queue: QueueStore,
    archive: TicketHistory,
    stranded: StrandedBookings,
    office_id: str,
    day: date,
    now: datetime,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Settle the bookings of ``day`` that are checked in with no ticket in the archive.

    If the live queue holds a ticket for the booking (Redis outlived the crash of the process
    that checked it in), the ticket is real and only its archiving was lost: archive it.

    Otherwise no ticket exists, and the booking goes back to ``confirmed`` rather than being
    given a ticket now. Such a citizen never got a slip: the kiosk answers only after the ticket
    is archived. A ticket issued here would carry a number nobody holds — called to a counter,
    unanswered, recalled, and finally a no-show that marks the booking missed — while the
    citizen, told at the kiosk that the booking is already checked in, could do nothing. Given
    back its check-in, the booking checks in again at the kiosk and the citizen gets a slip
    with a number they know. Arrived by their slot time, they lose no place by it: such an
    appointment is ordered by its slot, not by when it checked in (``CallPolicy``).

    Returns (released codes, archived codes). Both database steps are single statements that
    re-check the archive, so a ticket archived meanwhile is never undone. One window remains
    with several processes on Redis: a check-in in flight in another process, between its
    database update and its ticket (one Redis round trip), is released here and then gets its
    ticket anyway; its booking then reads ``confirmed`` while its ticket is served.
    """
    released: list[str] = []
    archived: list[str] = []
    for booking in await stranded.find(office_id, day):
        live = await queue.checked_in_ticket(office_id, day, booking.code)
        if live is not None:
            await archive.record([archive_row(live, now)], [step_row(live, "check_in", None, now)])
            archived.append(booking.code)
        elif await stranded.release(booking, now):
            released.append(booking.code)
    return tuple(released), tuple(archived)


async def _last_counter_states(onsite: OnSite, office: Office) -> list[CounterState]:
    """Each active counter's last archived state, with the services it serves now (a manager may
    have changed them since); counters since removed or deactivated are left closed."""
    counters = {counter.label: counter for counter in office.counters if counter.active}
    states = []
    for row in await onsite.counter_log.last_states(office.id):
        counter = counters.get(row["counter"])
        if counter is not None:
            state = counter_from_row(row)
            states.append(CounterState(state.counter_id, state.status, counter_services(office, counter)))
    return states
