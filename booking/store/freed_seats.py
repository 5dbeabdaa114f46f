"""Where a freed seat goes, decided in the transaction that frees it: first to the waitlist (an
offer holding the seat for one person, ``booking.waitlist``), and only the seats nobody waits for
rest for the cool-off (``booking.churn``) before going back on open sale. So a freed seat never
shows as free in between, and a broker cannot time its release.

``seats_freed`` is the one way in, "slot freed, n seats": a single booking's cancel or move frees
one, a group's block its headcount. Part of booking's public store API: the bookings' store calls
it for a citizen's cancel and move and for the office's (a rebalance), the reconfirmation's release
and the waitlist's own sweep call it too.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from booking.churn import ChurnRules
from booking.store.slot_loads import held_seats
from booking.store.tables import (
    SlotHoldRow,
    SlotLoadRow,
    WaitlistEntryRow,
    WaitlistOfferRow,
    WaitlistOfficeRow,
)
from booking.waitlist import EntryStatus, FreedSeats, OfferStatus, WaitlistPolicy

OFFER_GRACE = timedelta(minutes=15)
"""How long past its offer's end a seat stays held should no process be left to sweep the offer:
then it goes back on sale by itself, as a resting seat does."""

_CANDIDATES = 20
"""Entries read per seat beyond the seats wanted: more than racing frees could claim at once."""


def rest_seat(conn: Connection, freed: FreedSeats, now: datetime, rules: ChurnRules) -> None:
    """Keep ``freed``'s seats off sale until a random instant (the cool-off), each drawn apart."""
    for _ in range(freed.seats):
        until = rules.release_at(now)
        if until is not None and until > now:
            conn.execute(
                insert(SlotHoldRow).values(
                    office_id=freed.office_id, service=freed.service, starts_at=freed.starts_at, until=until
                )
            )


def _room(conn: Connection, freed: FreedSeats, now: datetime) -> int:
    """Seats of the slot on sale now: its capacity less its bookings and the seats held."""
    held = held_seats(freed.office_id, freed.service, freed.starts_at, now)
    row = conn.execute(
        select(SlotLoadRow.capacity, SlotLoadRow.booked, held.label("held")).where(
            SlotLoadRow.office_id == freed.office_id,
            SlotLoadRow.service == freed.service,
            SlotLoadRow.starts_at == freed.starts_at,
        )
    ).one_or_none()
    return 0 if row is None else int(row.capacity - row.booked - row.held)


def offer_to_waitlist(conn: Connection, freed: FreedSeats, now: datetime, rules: ChurnRules) -> int:
    """Offer ``freed``'s seats to the first matching entries in line that were not offered this
    seat before (``booking.waitlist.next_in_line``), each held by a ``slot_holds`` row of its
    offer; how many were offered. An entry is claimed by a conditional update (``waiting`` to
    ``offered``), so two frees racing for one person give them one offer."""
    until = WaitlistPolicy(rules.offer_minutes).offer_until(now, freed.starts_at)
    if rules.offer_minutes <= 0 or until is None:
        return 0
    wanted = min(freed.seats, _room(conn, freed, now))  # a slot cut by a closure offers nothing
    if wanted <= 0:
        return 0
    tried = select(WaitlistOfferRow.entry_id).where(
        WaitlistOfferRow.office_id == freed.office_id,
        WaitlistOfferRow.service == freed.service,
        WaitlistOfferRow.starts_at == freed.starts_at,
    )
    candidates = conn.scalars(
        select(WaitlistEntryRow.entry_id)
        .join(WaitlistOfficeRow, WaitlistOfficeRow.entry_id == WaitlistEntryRow.entry_id)
        .where(
            WaitlistOfficeRow.office_id == freed.office_id,
            WaitlistEntryRow.service == freed.service,
            WaitlistEntryRow.status == EntryStatus.WAITING.value,
            WaitlistEntryRow.first_day <= freed.day,
            WaitlistEntryRow.last_day >= freed.day,
            WaitlistEntryRow.entry_id.not_in(tried),
        )
        .order_by(WaitlistEntryRow.created_at, WaitlistEntryRow.entry_id)
        .limit(wanted + _CANDIDATES)
    ).all()
    offered = 0
    for entry_id in candidates:
        if offered == wanted:
            break
        claimed = conn.execute(
            update(WaitlistEntryRow)
            .where(
                WaitlistEntryRow.entry_id == entry_id, WaitlistEntryRow.status == EntryStatus.WAITING.value
            )
            .values(status=EntryStatus.OFFERED.value, updated_at=now)
        ).rowcount
        if claimed != 1:
            continue
        offer_id = secrets.token_hex(16)
        conn.execute(
            insert(WaitlistOfferRow).values(
                offer_id=offer_id,
                entry_id=entry_id,
                office_id=freed.office_id,
                service=freed.service,
                starts_at=freed.starts_at,
                day=freed.day,
                expires_at=until,
                status=OfferStatus.OFFERED.value,
                created_at=now,
            )
        )
        conn.execute(
            insert(SlotHoldRow).values(
                office_id=freed.office_id,
                service=freed.service,
                starts_at=freed.starts_at,
                until=until + OFFER_GRACE,
                offer_id=offer_id,
            )
        )
        offered += 1
    return offered


def seats_freed(
    conn: Connection, freed: FreedSeats, now: datetime, rules: ChurnRules, *, rest: bool = True
) -> int:
    """``freed``'s seats (their ``slot_loads.booked`` already given back) go to the waitlist
    first; with ``rest`` those nobody waits for rest for the cool-off (a citizen's own cancel or
    move), else they are on sale at once (the office's). How many went to the waitlist."""
    offered = offer_to_waitlist(conn, freed, now, rules)
    if rest and freed.seats > offered:
        rest_seat(
            conn,
            FreedSeats(freed.office_id, freed.service, freed.starts_at, freed.day, freed.seats - offered),
            now,
            rules,
        )
    return offered
