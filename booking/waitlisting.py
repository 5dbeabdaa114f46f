"""Use cases of the waitlist (``booking.waitlist``): join it with a verified mobile, follow or leave
it, and answer an offer (accept: the booking; decline: the seat goes on). ``tick`` is the
background work every server process does: offers whose time is up pass to the next person, and
offers not yet told are texted; the database decides each once (``booking.store.waitlist``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from booking.applicant import Applicant
from booking.appointments import Appointments
from booking.bookings import Booking, NewBooking
from booking.calendar import local_today, to_local
from booking.codes import new_booking_code
from booking.flexible_booking import accepted_offices
from booking.identity import Identity, IdentityType, senior_on_visit
from booking.messages import MESSAGES
from booking.notices import Notice, verification_notice
from booking.offer import existing_office, unknown_service
from booking.ports import WaitlistEntries
from booking.request_offices import Reach
from booking.rules import check_eligibility, check_request_window
from booking.services import SERVICES
from booking.verification import Hold, VerificationPolicy, check_code_shape, new_code, try_code
from booking.waitlist import Entry, NewEntry, Offer
from booking.waitlist_notices import WaitlistNotices
from kernel.days import TIMEZONE
from kernel.errors import Conflict, InvalidInput, NotFound

NO_SUCH_ENTRY = MESSAGES.refusal(NotFound, "waitlist_not_found")
NO_SUCH_OFFER = MESSAGES.refusal(NotFound, "offer_not_found")
RETRIES = 3


@dataclass(frozen=True, slots=True)
class WaitCommand:
    service: str
    identity: Identity
    full_name: str
    phone: str  # already normalised
    reach: Reach
    first_day: date
    last_day: date
    email: str | None = None
    lang: str = "ar"


class Waitlisting:
    def __init__(
        self,
        appointments: Appointments,
        store: WaitlistEntries,
        site_url: str,
        key: bytes | None,
        policy: VerificationPolicy | None = None,
    ) -> None:
        """``key``: the mobile is verified by a code bound to the entry (``booking.verification``);
        None when ``MAWID_PHONE_VERIFICATION`` is off (the entry waits at once)."""
        self.appointments = appointments
        self.store = store
        self.policy = policy or VerificationPolicy()
        self._site_url = site_url
        self._key = key

    def _now(self) -> datetime:
        return self.appointments.clock.now()

    async def notices(self) -> WaitlistNotices:
        """The SMS words as the offices stand now."""
        offices = await self.appointments.offices.offices()
        return WaitlistNotices({office.id: office for office in offices}, self._site_url)

    async def join(self, command: WaitCommand) -> Entry:
        """Check the entry as a flexible request is checked (service open to the identity, days
        open for booking, offices offering it, the identity's standing), then keep it: awaiting
        the code texted to the mobile, or (verification off) waiting at once."""
        service = SERVICES.get(command.service)
        if service is None:
            raise unknown_service(command.service)
        check_eligibility(service, command.identity)
        applicant = Applicant.of(
            command.identity,
            self.appointments.hasher,
            full_name=command.full_name,
            phone=command.phone,
            email=command.email,
            lang=command.lang,
        )
        now = self._now()
        latest = self.appointments.release.last_open_day(now)
        check_request_window(command.first_day, command.last_day, local_today(now, TIMEZONE), latest)
        accepted = await accepted_offices(self.appointments.offices, command.reach, (service,))
        await self.appointments.store.check_standing(applicant, now)
        hold, code = None, ""
        if self._key is not None:
            code = new_code()
            hold = Hold.start(self._key, code, now, self.policy)
        notices = await self.notices()
        entry_id = hold.hold_id if hold else secrets.token_hex(16)
        notice = (
            verification_notice(code, applicant.lang)
            if hold
            else notices.joined(entry_id, service.code, applicant.lang)
        )
        new = NewEntry(
            entry_id=entry_id,
            applicant=applicant,
            service=service.code,
            office_ids=tuple(office.office_id for office in accepted),
            first_day=command.first_day,
            last_day=command.last_day,
            senior_on_visit=command.identity.senior_on(command.first_day),
        )
        return await self.store.join(new, hold, notice, now)

    async def confirm(self, entry_id: str, code: str) -> Entry:
        """The entry waiting in line once ``code`` is the one texted; otherwise
        ``wrong_verification_code`` with the tries left (the entry leaves after the last), or
        ``waitlist_not_found`` once it no longer awaits a code."""
        check_code_shape(code)
        if self._key is None:
            raise NO_SUCH_ENTRY()
        for _ in range(RETRIES):
            entry = await self.store.find(entry_id)
            if entry is None or entry.hold is None or entry.status.value != "awaiting_verification":
                raise NO_SUCH_ENTRY()
            try:
                verdict = try_code(entry.hold, self._key, code, self._now(), self.policy)
            except NotFound:
                raise NO_SUCH_ENTRY() from None
            notice: Notice | None = None
            if verdict.confirmed:
                notice = (await self.notices()).joined(entry_id, entry.service, entry.applicant.lang)
            if await self.store.verified(entry.hold, verdict.hold, notice, self._now()):
                if verdict.confirmed:
                    found = await self.store.find(entry_id)
                    assert found is not None
                    return found
                error = MESSAGES.error(
                    InvalidInput, "wrong_verification_code", indic=True, tries_left=verdict.tries_left
                )
                raise error.telling(tries_left=verdict.tries_left)
        raise NO_SUCH_ENTRY()

    async def find(self, entry_id: str, identity_number: str | None) -> tuple[Entry, list[Offer]]:
        """The entry and the offers made to it, if the identity number is its holder's; the same
        ``waitlist_not_found`` for an unknown entry and a wrong number."""
        entry = await self.store.find(entry_id) if identity_number else None
        if entry is None or not entry.applicant.identified_by(
            identity_number or "", self.appointments.hasher
        ):
            raise NO_SUCH_ENTRY()
        return entry, await self.store.offers_of(entry_id)

    async def leave(self, entry_id: str, identity_number: str | None) -> Entry:
        """Leave the list (a live offer is declined, its seat passed on)."""
        _, offers = await self.find(entry_id, identity_number)
        if not await self.store.leave(entry_id, self._now()):
            raise MESSAGES.error(Conflict, "waitlist_not_changeable")
        for offer in offers:
            self.appointments.changed(offer.office_id, offer.service)
        found = await self.store.find(entry_id)
        assert found is not None
        return found

    async def offer(self, offer_id: str) -> tuple[Offer, Entry]:
        """The offer (what is offered, until when) and the entry it was made to."""
        found = await self.store.offer(offer_id)
        if found is None:
            raise NO_SUCH_OFFER()
        return found

    async def _owned_offer(self, offer_id: str, identity_number: str | None) -> tuple[Offer, Entry]:
        """The offer, if the identity number is its person's; ``offer_not_found`` otherwise."""
        found = await self.store.offer(offer_id) if identity_number else None
        if found is None or not found[1].applicant.identified_by(
            identity_number or "", self.appointments.hasher
        ):
            raise NO_SUCH_OFFER()
        return found

    async def accept(self, offer_id: str, identity_number: str | None) -> Booking:
        """The booking of the offered seat, made under every rule a booking meets; the offer must
        still be live (``offer_not_found`` once it was answered or ran out)."""
        offer, entry = await self._owned_offer(offer_id, identity_number)
        if not offer.live(self._now()):
            raise NO_SUCH_OFFER()
        office = await existing_office(self.appointments.offices, offer.office_id)
        slot = await self.appointments.slot(office, offer.service, offer.starts_at)
        day = to_local(slot.start, office.timezone).date()
        new = NewBooking(
            code=new_booking_code(),
            applicant=entry.applicant,
            senior_on_visit=senior_on_visit(
                IdentityType(entry.applicant.identity_type), identity_number or "", day
            ),
            service=offer.service,
            office_id=office.id,
            starts_at=slot.start,
            ends_at=slot.end,
            day=day,
            slot_capacity=slot.capacity,
        )
        booking = await self.store.accept(offer_id, new, self._now())
        self.appointments.changed(booking.office_id, booking.service, booking.day)
        return booking

    async def decline(self, offer_id: str, identity_number: str | None) -> Offer:
        """Decline the offer: the person waits again in their place; the seat goes on."""
        offer, _ = await self._owned_offer(offer_id, identity_number)
        declined = await self.store.decline(offer_id, self._now())
        if declined is None:
            raise NO_SUCH_OFFER()
        self.appointments.changed(offer.office_id, offer.service)
        return declined

    async def tick(self) -> tuple[int, int]:
        """Pass on the offers whose time is up and text the offers not told yet: (expired, told)."""
        now = self._now()
        notices = await self.notices()
        expired = await self.store.sweep(
            now, local_today(now, TIMEZONE), lambda offer, lang: notices.lapsed(offer.office_id, lang)
        )
        for offer in expired:
            self.appointments.changed(offer.office_id, offer.service)
        told = await self.store.notify(
            now,
            lambda offer, lang: notices.offered(
                offer.offer_id, offer.office_id, offer.day, offer.starts_at, offer.expires_at, lang
            ),
        )
        return len(expired), told
