"""The composition root: every collaborator of the app built once, from the settings, when it
starts (``compose``), and the work it does in the background while it runs (``running``).

Nothing here waits for the database or Redis: a worker restarted during an outage must start,
answer 503 while it lasts, and serve as soon as it ends. Each office's queue is taken up from the
archive on first use (``queue_display.recovery``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Any

import structlog

from api.audit import AuditTrail
from api.auth import SessionVersions, TokenIssuer
from api.availability_answers import AvailabilityAnswers
from api.availability_blocks import DayBlocks
from api.availability_news import AvailabilityNews
from api.delivery import start_sending
from api.display_guard import DisplaySockets
from api.feedback_invitations import FeedbackInviter
from api.identity_rules import churn_rules
from api.live import LiveHall
from api.office_today import OfficeToday
from api.outages import Outages
from api.planning_wiring import compose_planning, planning_running
from api.proof_of_work import PowPolicy, ProofOfWork
from api.rate_limits import RateLimits
from api.remote_queue import lapse_parked, remote_queue
from api.routes.suspicious import brokered_bookings
from api.scheduled_jobs import scheduled_work
from api.second_chance import SecondChance
from api.services import Services
from api.settings import Settings
from booking.appointments import Appointments
from booking.identity import IdentityHasher
from booking.notices import notices_from
from booking.provenance import ProvenanceHasher
from booking.reconfirmation import ReconfirmPolicy
from booking.reconfirming import Reconfirming
from booking.recovery import CodeRecovery
from booking.store.bookings import BookingStore
from booking.store.holds import HoldStore
from booking.store.offices import OfficeDirectory, OfficeStore
from booking.store.reconfirmations import ReconfirmationStore
from booking.store.recovery import RecoveryStore
from booking.store.staff import StaffStore
from booking.store.waitlist import WaitlistStore
from booking.verified_booking import VerifiedBooking
from booking.waitlisting import Waitlisting
from foresight.simulation_jobs import SimulationJobs
from foresight.simulation_worker import SimulationWorker
from foresight.store.simulation_jobs import SimulationJobSql
from guidance.guide import Guide
from guidance.knowledge import load_knowledge
from guidance.step_guide_files import load_step_guides
from guidance.store.ledger import SqlGuideLedger
from kernel.clock import Clock
from kernel.database import Database
from messaging.store.outbox import OutboxStore
from queue_display.archive.heads_ups import HeadsUpStore
from queue_display.archive.ticket_statistics import TicketStatistics
from queue_display.heads_ups import HeadsUps

log = structlog.get_logger("mawid.holds")

AVAILABILITY_TTL_SECONDS = 1.0


def compose(
    settings: Settings, clock: Clock, live: LiveHall, secret: str, identity_keys: tuple[str, ...]
) -> Services:
    """The app's services over one database, on ``clock``, with the hall's ``live`` state (made
    with the app: its channels are a plugin). ``secret`` signs tokens and puzzles; the identity
    keys (current first) key the identity digests and, the current one, the provenance digests."""
    database = Database(settings.effective_database_url, pool=settings.database_pool)
    directory = OfficeDirectory(OfficeStore(database), clock)
    rules = churn_rules(settings)
    # A booking made, cancelled or moved by its citizen posts their message in its transaction.
    notices = notices_from(directory, settings.site_url)
    bookings = BookingStore(database, rules, notices)
    # Each day's availability kept encoded for a second at most, dropped at once in every process
    # when a change touches it (through Redis when set).
    availability_blocks = DayBlocks(ttl_seconds=AVAILABILITY_TTL_SECONDS)
    availability_news = AvailabilityNews(availability_blocks, settings.redis_url, settings.redis_prefix)
    hasher = IdentityHasher.from_secret(*identity_keys)
    second_chance = SecondChance()

    def changed(office_id: str, service: str, day: date | None = None, /) -> None:
        availability_news.changed(office_id, service, day)

    appointments = Appointments(
        directory,
        bookings,
        clock,
        hasher,
        on_change=changed,
        release=settings.release,
        max_companions=settings.group_extra_people,
        on_freed=second_chance.nudge,  # a seat freed may be offered to the waitlist at once
    )
    audit = AuditTrail.on(database, clock)
    planning = compose_planning(
        database,
        directory,
        bookings,
        clock=clock,
        hasher=hasher,
        release=settings.release,
        rules=rules,
        appointments=appointments,
        audit=audit,
        dropped=availability_news.changed,
    )
    heads_ups = HeadsUps(live.queue, HeadsUpStore(database), directory, clock, settings.heads_up_ahead)
    onsite = live.onsite(appointments, bookings, database, watchers=(heads_ups,))
    verified = None
    if settings.phone_verification:  # a booking waits for the code texted to the mobile
        holds = HoldStore(database, rules, notices)
        verified = VerifiedBooking(appointments, holds, verification_key(secret))
    code_key = verification_key(secret) if settings.phone_verification else None
    waitlist_store = WaitlistStore(database, rules, notices)
    second_chance.waitlist = Waitlisting(appointments, waitlist_store, settings.site_url, code_key)
    second_chance.reconfirming = Reconfirming(
        appointments, ReconfirmationStore(database, rules), reconfirm_policy(settings), settings.site_url
    )
    return Services(
        settings=settings,
        clock=clock,
        database=database,
        directory=directory,
        release=settings.release,
        appointments=appointments,
        planning=planning,
        onsite=onsite,
        statistics=TicketStatistics(database),
        scheduled=scheduled_work(settings, database, clock, planning.optimiser_jobs, directory),
        brokered=brokered_bookings(settings, database, directory, clock),
        provenance=ProvenanceHasher.from_secret(identity_keys[0]),
        staff=StaffStore(database),
        tokens=TokenIssuer(secret, timedelta(hours=settings.token_hours)),
        sessions=SessionVersions(),
        audit=audit,
        limits=RateLimits.from_settings(settings),  # Redis when set: shared by every process
        proof_of_work=ProofOfWork(pow_policy(settings), secret, settings.redis_url, settings.redis_prefix),
        availability=AvailabilityAnswers(
            appointments, directory, settings.release, clock, availability_blocks
        ),
        availability_news=availability_news,
        office_today=OfficeToday(appointments, onsite.queue),
        display_sockets=DisplaySockets.from_settings(settings),  # in Redis when set
        display_screens=live.screens,
        outages=Outages(),
        outbox=OutboxStore(database),  # the demo inbox and the offices' delivery state
        feedback=FeedbackInviter(database, bookings, clock, settings),
        code_recovery=CodeRecovery(directory, RecoveryStore(database), hasher, clock, settings.site_url),
        verified=verified,
        second_chance=second_chance,
        simulations=SimulationJobs(SimulationJobSql(database), SimulationWorker(), clock),
        guide=Guide(load_knowledge(), SqlGuideLedger(database), clock, guide_key(secret)),
        step_guides=load_step_guides(),
        remote_queue=remote_queue(settings, secret, onsite, database, heads_ups),
    )


def reconfirm_policy(settings: Settings) -> ReconfirmPolicy:
    ask, until = settings.reconfirm_window_days
    return ReconfirmPolicy(frozenset(settings.reconfirm_services), ask, until)


def verification_key(secret: str) -> bytes:
    """The key of the codes' digests, derived from the app's secret (never the secret itself)."""
    return hmac.new(secret.encode(), b"mawid verification codes", hashlib.sha256).digest()


def guide_key(secret: str) -> bytes:
    """The key of unanswered questions' digests, derived from the app's secret."""
    return hmac.new(secret.encode(), b"mawid guide questions", hashlib.sha256).digest()


@asynccontextmanager
async def running(services: Services, live: LiveHall) -> AsyncIterator[None]:
    """While the app serves: the opening draws watched, stranded check-ins healed, the scheduled
    work (the daily erasure, the national batches) done when due. Afterwards every task stops and
    every connection closes."""
    healing = await live.start_healing(services.onsite, services.database)
    sending = start_sending(services.settings, services.database, services.clock)  # SMS and e-mail
    try:
        # The scheduled work stops first: no batch is submitted to a job runner being closed.
        async with (
            planning_running(services.planning),
            in_background(services.scheduled.run_forever()),
            in_background(sweep_holds(services.verified)),
            in_background(lapse_parked(services.remote_queue)),
            in_background(services.second_chance.run_forever()),
            in_background(services.availability_news.run()),
        ):
            yield
    finally:
        await services.simulations.close()
        await sending.stop()
        if healing is not None:
            healing.cancel()
        await live.close()
        await services.proof_of_work.close()
        await services.display_sockets.close()
        await services.availability.close()
        await services.availability_news.close()
        await services.limits.close()
        await services.database.dispose()


@asynccontextmanager
async def in_background(work: Coroutine[Any, Any, None]) -> AsyncIterator[None]:
    """Run ``work`` as a task inside the block; cancel it, and wait for it to stop, after."""
    task = asyncio.create_task(work)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


HOLD_SWEEP_SECONDS = 30.0


async def sweep_holds(verified: VerifiedBooking | None) -> None:
    """Every half minute, expire the holds whose time is up and free their seats (each hold's
    start and confirm sweep too). Does nothing when mobiles are not verified; a failed sweep
    (the database briefly away) is logged and tried again at the next."""
    if verified is None:
        return
    while True:
        await asyncio.sleep(HOLD_SWEEP_SECONDS)
        try:
            await verified.sweep()
        except Exception:  # the loop must outlive an outage
            log.warning("hold_sweep_failed", exc_info=True)


def pow_policy(settings: Settings) -> PowPolicy:
    return PowPolicy(
        mode=settings.pow_mode,  # type: ignore[arg-type]  # checked in Settings.from_env
        window_seconds=settings.pow_window_seconds,
        office_threshold=settings.pow_office_threshold,
        system_threshold=settings.pow_system_threshold,
        difficulty=settings.pow_difficulty,
        max_difficulty=settings.pow_max_difficulty,
    )
