"""The report of brokered bookings and the purge that follows it, as embassies do periodically.

A manager sees the clusters (``booking.brokered``) that touch their offices and cancels the
bookings they judge brokered. Each cancellation frees its slot and identity hold and writes a
message to the booking's mobile, in the citizen's language, in the same transaction
(``messaging.store.outbox``), through the same conditional cancel a rebalance uses
(``planning.ports.Plans``): a booking checked in or moved meanwhile is left alone and reported as
skipped. The bookings are read through ``planning.ports.BookingTrails``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from booking.bookings import Booking
from booking.brokered import Cluster, Thresholds, find_clusters
from booking.offices import Office
from booking.ports import Offices
from booking.provenance import Provenance
from booking.services import SERVICES
from kernel.clock import Clock
from messaging.outbox import OutboxMessage
from planning.messages import MESSAGES
from planning.notifications import day_text, time_text
from planning.ports import BookingTrails, Plans


@dataclass(frozen=True, slots=True)
class Sighting:
    """A cluster as one reader may see it: only the active bookings in their offices are listed
    (what they can cancel), ``total`` says how many active ones the whole cluster has (brokers
    spread over offices), and ``cancelled`` how many of its bookings were cancelled since."""

    cluster: Cluster
    bookings: tuple[Booking, ...]

    @property
    def total(self) -> int:
        return len(self.cluster.active)

    @property
    def cancelled(self) -> int:
        return self.cluster.cancelled


@dataclass(slots=True)
class Purge:
    cancelled: list[Booking] = field(default_factory=list)
    skipped: list[Booking] = field(default_factory=list)  # checked in, served or moved meanwhile


def brokered_notice(booking: Booking, office: Office | None) -> OutboxMessage:
    """What the holder of a purged booking is told: why, and that booking is free and personal."""
    lang = booking.applicant.lang if booking.applicant.lang in ("ar", "en") else "ar"
    service = SERVICES.get(booking.service)
    when, at = day_text(booking.day, lang), time_text(booking.starts_at, lang)
    english = lang == "en"
    service_name = (service.name_en if english else service.name_ar) if service else booking.service
    office_name = (office.name_en if english else office.name_ar) if office else booking.office_id
    text = MESSAGES.text(
        "notice.brokered", lang, code=booking.code, service=service_name, office=office_name, when=when, at=at
    )
    return OutboxMessage(
        kind="booking_cancelled_brokered",
        phone=booking.applicant.phone,
        email=booking.applicant.email,
        lang=lang,
        message=text,
        booking_code=booking.code,
        payload={"start": booking.starts_at.isoformat(), "office_id": booking.office_id},
    )


class BrokeredBookings:
    def __init__(
        self,
        store: BookingTrails,
        plans: Plans,
        offices: Offices,
        clock: Clock,
        limits: Thresholds,
    ) -> None:
        self.store = store
        self._plans = plans
        self._offices = offices
        self.clock = clock
        self.limits = limits

    async def report(self, since: datetime, until: datetime, offices: set[str] | None) -> list[Sighting]:
        """Clusters among every office's bookings made or moved in ``[since, until)`` (so
        spreading over offices does not hide a broker), each shown with its active bookings in
        ``offices`` (None: all); clusters with none there are left out."""
        sightings = []
        for cluster in find_clusters(await self.store.between(since, until), self.limits):
            seen = tuple(b for b in cluster.active if offices is None or b.office_id in offices)
            if seen:
                sightings.append(Sighting(cluster, seen))
        return sightings

    async def bookings(self, codes: Iterable[str]) -> list[Booking]:
        return await self.store.by_codes(codes)

    async def cancel(
        self, bookings: Iterable[Booking], on_cancelled: Callable[[Booking], None] = lambda b: None
    ) -> Purge:
        """Cancel each (the caller has checked they are in its offices) with a message to its mobile."""
        purge = Purge()
        offices = {office.id: office for office in await self._offices.offices()}
        for booking in bookings:
            notice = brokered_notice(booking, offices.get(booking.office_id))
            if await self._plans.cancel(booking, notice, self.clock.now()):
                purge.cancelled.append(booking)
                on_cancelled(booking)
            else:
                purge.skipped.append(booking)
        return purge

    async def note_move(self, booking: Booking, origin: Provenance) -> None:
        """A citizen moved ``booking`` from ``origin``: remembered for the lock-step pattern."""
        await self.store.note_move(booking.id, origin.address, self.clock.now())
