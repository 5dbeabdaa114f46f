"""Taking up the hall again when a server starts: nothing of the day is lost on a crash.

The live queue store decides and the database archives after it, so after a restart of the
embedded memory store (or a Redis that lost its keys) the archive is the best account of the
day there is: every office's tickets of today go back into the live queue — waiting, called and
serving ones where they were, the day's numbering continued, each checked-in booking still
checked in — and the counters take up their last archived state. Runs in the app's startup,
before the first request; on a Redis that kept everything it changes nothing (see
``QueueStore.restore``).

What the archive cannot know is lost, and only that: a step the hall saw in the instant before
the crash, before it was archived (a ticket called then comes back as waiting and is called
again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from booking.calendar import local_today
from booking.offices import Office
from booking.store.stranded_check_ins import StrandedCheckIns
from booking.store.tickets import TicketArchive
from queue_display.archive_rows import archive_row, counter_from_row, step_row, ticket_from_row
from queue_display.counter import CounterState
from queue_display.counter_desk import counter_services
from queue_display.onsite import OnSite
from queue_display.restoration import Restoration
from queue_display.store.base import QueueStore


@dataclass(frozen=True, slots=True)
class Recovered:
    """What starting up did for one office, for the log."""

    office_id: str
    tickets: int
    """Tickets taken back into the live queue (0 when it still held them all)."""
    released: tuple[str, ...] = ()
    """Booking codes that were checked in without a ticket and may check in again."""
    archived: tuple[str, ...] = ()
    """Booking codes whose live ticket had not reached the archive; it has now."""

    @property
    def anything(self) -> bool:
        return bool(self.tickets or self.released or self.archived)


async def restore_hall(onsite: OnSite, stranded: StrandedCheckIns, seq_floor: int) -> list[Recovered]:
    """Restore every office's day (see the module); ``seq_floor`` as in ``Restoration``."""
    return [
        await restore_office(onsite, stranded, office, seq_floor)
        for office in await onsite.appointments.offices.offices()
    ]


async def restore_office(
    onsite: OnSite, stranded: StrandedCheckIns, office: Office, seq_floor: int
) -> Recovered:
    now = onsite.clock.now()
    today = local_today(now, office.timezone)
    zone = ZoneInfo(office.timezone)
    rows = await onsite.archive.of_day(office.id, today)
    restoration = Restoration(
        office.id,
        [ticket_from_row(row, zone) for row in rows],
        await _last_counter_states(onsite, office),
        seq_floor,
    )
    taken = await onsite.queue.restore(restoration)
    released, archived = await heal_stranded_check_ins(
        onsite.queue, onsite.archive, stranded, office.id, today, now
    )
    return Recovered(office.id, taken, released, archived)


async def heal_stranded_check_ins(
    queue: QueueStore,
    archive: TicketArchive,
    stranded: StrandedCheckIns,
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
