"""The waitlist in the database (``booking.waitlist``): entries, the offices each accepts, and the
offers that hold freed seats for one person at a time.

Every change of an offer leaves ``offered`` by one conditional update (accepted, declined, expired)
in the transaction that also moves its seat: into the booking (accepted), or on to the next person
in line, or to the cool-off and open sale (``booking.store.freed_seats``). So however many
processes sweep and accept at once, an offer is answered once and its seat is counted once: held
by the offer (a ``slot_holds`` row) or booked, never both.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.bookings import Booking, NewBooking
from booking.churn import NO_RULES, ChurnRules
from booking.messages import MESSAGES
from booking.notices import Notice
from booking.rules import ACTIVE_STATUSES
from booking.services import SERVICES
from booking.store.applicants import applicant_columns, take_applicant
from booking.store.bookings import DUPLICATE, NoticesNow, insert_booking, write_with_fresh_code
from booking.store.freed_seats import seats_freed
from booking.store.notices import post_notice
from booking.store.tables import (
    BookingRow,
    SlotHoldRow,
    WaitlistEntryRow,
    WaitlistOfferRow,
    WaitlistOfficeRow,
)
from booking.verification import Hold, HoldStatus
from booking.waitlist import (
    LIVE_ENTRY,
    Entry,
    EntryStatus,
    FreedSeats,
    NewEntry,
    Offer,
    OfferStatus,
    after_answer,
)
from kernel.database import Database
from kernel.errors import Conflict, NotFound
from messaging.outbox import OutboxMessage
from messaging.store.outbox import post

_OFFERED = OfferStatus.OFFERED.value
_LIVE = [status.value for status in LIVE_ENTRY]

#: Builds an offer's SMS (``booking.waitlist_notices``) from the offer and its person's language.
OfferNotice = Callable[[Offer, str], Notice]
#: Builds the SMS of an offer let lapse.
LapseNotice = Callable[[Offer, str], Notice]

NO_SUCH_OFFER = MESSAGES.refusal(NotFound, "offer_not_found")


def _entry(conn: Connection, row: Any) -> Entry:
    values = dict(row._mapping)
    applicant = take_applicant(values)
    offices = conn.scalars(
        select(WaitlistOfficeRow.office_id).where(WaitlistOfficeRow.entry_id == row.entry_id)
    ).all()
    hold = None
    if values["code_digest"] is not None:
        hold = Hold(
            hold_id=row.entry_id,
            code_digest=values["code_digest"],
            created_at=values["created_at"],
            expires_at=values["code_expires_at"],
            last_sent_at=values["code_sent_at"],
            sends=values["code_sends"],
            wrong=values["code_wrong"],
        )
    return Entry(
        entry_id=row.entry_id,
        applicant=applicant,
        service=row.service,
        office_ids=tuple(sorted(offices)),
        first_day=row.first_day,
        last_day=row.last_day,
        status=EntryStatus(row.status),
        created_at=row.created_at,
        hold=hold,
    )


def _offer(row: Any) -> Offer:
    return Offer(
        offer_id=row.offer_id,
        entry_id=row.entry_id,
        office_id=row.office_id,
        service=row.service,
        starts_at=row.starts_at,
        day=row.day,
        expires_at=row.expires_at,
        status=OfferStatus(row.status),
        created_at=row.created_at,
    )


def _message(notice: Notice, phone: str) -> OutboxMessage:
    return OutboxMessage(
        kind=notice.kind,
        phone=phone,
        lang=notice.lang,
        message=notice.sms,
        office_id=notice.office_id,
        booking_code=notice.booking_code,
    )


def _pass_on(conn: Connection, offer: Offer, now: datetime, rules: ChurnRules) -> int:
    """The seat of an offer that ended unaccepted goes to the next in line who was not offered it
    yet, or rests for the cool-off and then goes on sale; how many were offered it."""
    conn.execute(delete(SlotHoldRow).where(SlotHoldRow.offer_id == offer.offer_id))
    return seats_freed(
        conn, FreedSeats(offer.office_id, offer.service, offer.starts_at, offer.day), now, rules
    )


def _end_offer(conn: Connection, condition: Any, status: OfferStatus, now: datetime) -> list[Offer]:
    """Move the live offers matching ``condition`` to ``status`` (one conditional update), and
    their entries to what that answer makes of them (``booking.waitlist.after_answer``)."""
    rows = conn.execute(
        update(WaitlistOfferRow)
        .where(WaitlistOfferRow.status == _OFFERED, condition)
        .values(status=status.value, answered_at=now)
        .returning(*WaitlistOfferRow.__table__.c)
    ).all()
    offers = [_offer(row) for row in rows]
    for offer in offers:
        conn.execute(
            update(WaitlistEntryRow)
            .where(
                WaitlistEntryRow.entry_id == offer.entry_id,
                WaitlistEntryRow.status == EntryStatus.OFFERED.value,
            )
            .values(status=after_answer(status).value, updated_at=now)
        )
    return offers


class WaitlistStore:
    def __init__(
        self, database: Database, rules: ChurnRules = NO_RULES, notices: NoticesNow | None = None
    ) -> None:
        """``rules``: the bookings' rules (an accepted offer books under them; a seat nobody takes
        rests for their cool-off; offers hold for their ``offer_minutes``). ``notices``: the
        confirmation of a booking made from an offer is posted in its transaction."""
        self._db = database
        self.rules = rules
        self._notices = notices

    async def join(self, new: NewEntry, hold: Hold | None, notice: Notice, now: datetime) -> Entry:
        """Put ``new`` on the list (awaiting its code while ``hold`` is given, else waiting) and
        post ``notice`` (the code, or "you are on the list"), or raise ``duplicate_waitlist``
        (already on it for the service) / ``duplicate_booking`` (holds an active booking of it)."""

        def work(conn: Connection) -> Entry:
            booked = conn.scalar(
                select(
                    exists().where(
                        BookingRow.identity_hash == new.applicant.identity_hash,
                        BookingRow.service == new.service,
                        BookingRow.status.in_([s.value for s in ACTIVE_STATUSES]),
                    )
                )
            )
            if booked:
                raise DUPLICATE()
            status = EntryStatus.AWAITING if hold is not None else EntryStatus.WAITING
            conn.execute(
                insert(WaitlistEntryRow).values(
                    entry_id=new.entry_id,
                    **applicant_columns(new.applicant),
                    senior_on_visit=new.senior_on_visit,
                    service=new.service,
                    first_day=new.first_day,
                    last_day=new.last_day,
                    status=status.value,
                    created_at=now,
                    updated_at=now,
                    code_digest=hold.code_digest if hold else None,
                    code_expires_at=hold.expires_at if hold else None,
                    code_sent_at=hold.last_sent_at if hold else None,
                    code_sends=hold.sends if hold else 0,
                    code_wrong=0,
                )
            )
            conn.execute(
                insert(WaitlistOfficeRow),
                [{"entry_id": new.entry_id, "office_id": o} for o in new.office_ids],
            )
            post(conn, _message(notice, new.applicant.phone), now)
            row = conn.execute(
                select(*WaitlistEntryRow.__table__.c).where(WaitlistEntryRow.entry_id == new.entry_id)
            ).one()
            return _entry(conn, row)

        try:
            return await self._db.write(work)
        except IntegrityError:
            service = SERVICES[new.service]
            raise MESSAGES.error(
                Conflict, "duplicate_waitlist", service_en=service.name_en, service_ar=service.name_ar
            ) from None

    async def find(self, entry_id: str) -> Entry | None:
        def work(conn: Connection) -> Entry | None:
            row = conn.execute(
                select(*WaitlistEntryRow.__table__.c).where(WaitlistEntryRow.entry_id == entry_id)
            ).one_or_none()
            return _entry(conn, row) if row is not None else None

        return await self._db.read(work)

    async def verified(self, before: Hold, after: Hold, notice: Notice | None, now: datetime) -> bool:
        """Keep a typed code's verdict, only if the entry still awaits as ``before`` was read:
        confirmed, it waits in line (and ``notice`` is posted); dropped after the last wrong
        code, it leaves; otherwise the wrong code is counted. False when it changed meanwhile."""
        status = {
            HoldStatus.CONFIRMED: EntryStatus.WAITING,
            HoldStatus.DROPPED: EntryStatus.LEFT,
            HoldStatus.EXPIRED: EntryStatus.LEFT,
        }.get(after.status, EntryStatus.AWAITING)

        def work(conn: Connection) -> bool:
            row = conn.execute(
                update(WaitlistEntryRow)
                .where(
                    WaitlistEntryRow.entry_id == before.hold_id,
                    WaitlistEntryRow.status == EntryStatus.AWAITING.value,
                    WaitlistEntryRow.code_wrong == before.wrong,
                )
                .values(status=status.value, code_wrong=after.wrong, updated_at=now)
                .returning(WaitlistEntryRow.phone)
            ).one_or_none()
            if row is not None and notice is not None and status is EntryStatus.WAITING:
                post(conn, _message(notice, row.phone), now)
            return row is not None

        return await self._db.write(work)

    async def leave(self, entry_id: str, now: datetime) -> bool:
        """Take the entry off the list; a live offer it holds is declined and its seat passed on.
        False when it was no longer on the list."""

        def work(conn: Connection) -> bool:
            for offer in _end_offer(conn, WaitlistOfferRow.entry_id == entry_id, OfferStatus.DECLINED, now):
                _pass_on(conn, offer, now, self.rules)
            left = conn.execute(
                update(WaitlistEntryRow)
                .where(WaitlistEntryRow.entry_id == entry_id, WaitlistEntryRow.status.in_(_LIVE))
                .values(status=EntryStatus.LEFT.value, updated_at=now)
            ).rowcount
            return bool(left == 1)

        return await self._db.write(work)

    async def offer(self, offer_id: str) -> tuple[Offer, Entry] | None:
        """The offer and the entry it was made to."""

        def work(conn: Connection) -> tuple[Offer, Entry] | None:
            row = conn.execute(
                select(*WaitlistOfferRow.__table__.c).where(WaitlistOfferRow.offer_id == offer_id)
            ).one_or_none()
            if row is None:
                return None
            entry = conn.execute(
                select(*WaitlistEntryRow.__table__.c).where(WaitlistEntryRow.entry_id == row.entry_id)
            ).one()
            return _offer(row), _entry(conn, entry)

        return await self._db.read(work)

    async def offers_of(self, entry_id: str) -> list[Offer]:
        def work(conn: Connection) -> list[Offer]:
            rows = conn.execute(
                select(*WaitlistOfferRow.__table__.c)
                .where(WaitlistOfferRow.entry_id == entry_id)
                .order_by(WaitlistOfferRow.created_at)
            )
            return [_offer(row) for row in rows]

        return await self._db.read(work)

    async def accept(self, offer_id: str, new: NewBooking, now: datetime) -> Booking:
        """The booking of a live offer: one transaction ends the offer (only while it is live),
        drops its seat's hold and books the seat under every rule, with the confirmation SMS.
        ``offer_not_found`` when it is no longer live; a rule's refusal leaves the offer live."""
        notices = await self._notices() if self._notices is not None else None

        def work(conn: Connection, new: NewBooking) -> Booking:
            ended = _end_offer(
                conn,
                (WaitlistOfferRow.offer_id == offer_id) & (WaitlistOfferRow.expires_at > now),
                OfferStatus.ACCEPTED,
                now,
            )
            if not ended:
                raise NO_SUCH_OFFER()
            conn.execute(delete(SlotHoldRow).where(SlotHoldRow.offer_id == offer_id))
            booking = insert_booking(conn, new, now, self.rules)
            if notices is not None:
                post_notice(conn, notices.confirmed(booking), booking, now)
            return booking

        return await write_with_fresh_code(self._db, work, new)

    async def decline(self, offer_id: str, now: datetime) -> Offer | None:
        """Decline a live offer: the person waits again in their place, the seat goes on.
        None when the offer was no longer live."""

        def work(conn: Connection) -> Offer | None:
            ended = _end_offer(conn, WaitlistOfferRow.offer_id == offer_id, OfferStatus.DECLINED, now)
            for offer in ended:
                _pass_on(conn, offer, now, self.rules)
            return ended[0] if ended else None

        return await self._db.write(work)

    async def sweep(self, now: datetime, today: date, lapsed: LapseNotice) -> list[Offer]:
        """Expire the offers whose time is up (each person off the list, told by ``lapsed``, the
        seat passed on) and end the entries whose window is over: the offers expired."""

        def work(conn: Connection) -> list[Offer]:
            expired = _end_offer(conn, WaitlistOfferRow.expires_at <= now, OfferStatus.EXPIRED, now)
            for offer in expired:
                phone, lang = conn.execute(
                    select(WaitlistEntryRow.phone, WaitlistEntryRow.lang).where(
                        WaitlistEntryRow.entry_id == offer.entry_id
                    )
                ).one()
                post(conn, _message(lapsed(offer, lang), phone), now)
                _pass_on(conn, offer, now, self.rules)
            conn.execute(
                update(WaitlistEntryRow)
                .where(
                    WaitlistEntryRow.status.in_([EntryStatus.WAITING.value, EntryStatus.AWAITING.value]),
                    WaitlistEntryRow.last_day < today,
                )
                .values(status=EntryStatus.ENDED.value, updated_at=now)
            )
            return expired

        return await self._db.write(work)

    async def notify(self, now: datetime, offered: OfferNotice, limit: int = 200) -> int:
        """Post the SMS of each live offer not told yet, marking it told in the same transaction
        (one conditional update each: told once whoever notifies); how many were told."""

        def work(conn: Connection) -> int:
            rows = conn.execute(
                select(*WaitlistOfferRow.__table__.c, WaitlistEntryRow.phone, WaitlistEntryRow.lang)
                .join(WaitlistEntryRow, WaitlistEntryRow.entry_id == WaitlistOfferRow.entry_id)
                .where(WaitlistOfferRow.status == _OFFERED, WaitlistOfferRow.notified_at.is_(None))
                .order_by(WaitlistOfferRow.created_at)
                .limit(limit)
            ).all()
            told = 0
            for row in rows:
                marked = conn.execute(
                    update(WaitlistOfferRow)
                    .where(WaitlistOfferRow.offer_id == row.offer_id, WaitlistOfferRow.notified_at.is_(None))
                    .values(notified_at=now)
                ).rowcount
                if marked == 1:
                    post(conn, _message(offered(_offer(row), row.lang), row.phone), now)
                    told += 1
            return told

        return await self._db.write(work)
