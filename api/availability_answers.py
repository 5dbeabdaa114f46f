"""Availability answers as bytes: the days kept encoded (``api.availability_blocks``), the days
missing computed once for everyone asking at the same moment, the answer assembled around them.

The answer is advice: the booking itself is decided by the database. What it says is at most a
second old; a change heard (``api.availability_news``) shows at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

import msgspec
import structlog
from prometheus_client import Counter

from api.availability_blocks import Answer, Block, Chain, DayBlocks, Frame
from api.metrics import AVAILABILITY_CACHE
from api.views import availability_view, day_view
from booking.appointments import Appointments, availability_range
from booking.chains import checked_chain
from booking.groups import check_headcount
from booking.offer import existing_office, office_and_service
from booking.ports import Offices
from booking.release import ReleasePolicy
from kernel.clock import Clock
from kernel.days import days_between
from kernel.errors import DomainError

log = structlog.get_logger("mawid.availability")

Computing = tuple[str, Chain, int, date, date]

REFRESHES_AT_ONCE = 16
"""Days computed anew aside read the database this many at a time: the office×service pairs asked
in a rush age together, and a hundred refreshes at once took every pooled PostgreSQL connection
(and opened and closed the overflow each second) while nobody was waiting for them."""

Request = tuple[str, tuple[str, ...], date | None, date | None, int]
"""What is asked: office, services (as given), from, to, people."""


class AvailabilityAnswers:
    def __init__(
        self,
        appointments: Appointments,
        offices: Offices,
        release: ReleasePolicy,
        clock: Clock,
        blocks: DayBlocks,
        lookups: Counter = AVAILABILITY_CACHE,
    ) -> None:
        """``lookups`` counts answers: ``hit`` (every day kept), ``miss`` (days computed) or
        ``shared`` (waited for days another request was computing)."""
        self._appointments = appointments
        self._offices = offices
        self._release = release
        self._clock = clock
        self.blocks = blocks
        self._lookups = lookups
        self._hit = lookups.labels("hit")
        self._computing: dict[Computing, asyncio.Future[dict[date, Block]]] = {}
        self._aside: set[asyncio.Task[None]] = set()
        self._gate: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None

    async def answer(
        self, office_id: str, services: Sequence[str], first: date | None, last: date | None, people: int
    ) -> Answer:
        """The JSON of ``AvailabilityOut``, byte for byte; refuses what ``party_availability`` does."""
        request = (office_id, tuple(services), first, last, people)
        given = self.kept(request)
        if given is not None:
            return given
        chain = checked_chain(services)
        check_headcount(people, self._appointments.max_companions)
        frame = self.blocks.frame(office_id, chain) or await self._frame(office_id, chain)
        first, last = availability_range(first, last, self._clock.now(), frame.timezone)
        days = days_between(first, last)
        kept = [self.blocks.block((office_id, chain, people, day)) for day in days]
        missing = [day for day, block in zip(days, kept, strict=True) if block is None]
        if not missing:
            self._hit.inc()
            return self._assembled(request, chain, frame, days, [b for b in kept if b is not None])
        computed = await self._days(office_id, chain, people, missing[0], missing[-1])
        blocks = [block or computed[day] for day, block in zip(days, kept, strict=True)]
        answer = self.blocks.answer(office_id, chain, people, first, last, frame, blocks)
        self.blocks.give(request, answer, frame, blocks, (office_id, chain, people, first, last))
        return answer

    def at_hand(self, request: Request) -> Answer | None:
        """The answer to ``request`` (office, services, from, to, people) from what this process
        keeps, with no database and no waiting: the answer last given if still good, else one
        assembled from the frame and day blocks kept (every day of it must be); None when
        something must be read or the request is to be refused (``answer`` does both)."""
        given = self.kept(request)
        if given is not None:
            return given
        office_id, services, first, last, people = request
        try:
            chain = checked_chain(services)
            check_headcount(people, self._appointments.max_companions)
            frame = self.blocks.frame(office_id, chain)
            if frame is None:
                return None
            first, last = availability_range(first, last, self._clock.now(), frame.timezone)
        except DomainError:
            return None
        days = days_between(first, last)
        blocks = []
        for day in days:
            block = self.blocks.block((office_id, chain, people, day))
            if block is None:
                return None
            blocks.append(block)
        self._hit.inc()
        return self._assembled(request, chain, frame, days, blocks)

    def _assembled(
        self, request: Request, chain: Chain, frame: Frame, days: list[date], blocks: list[Block]
    ) -> Answer:
        """The answer around the kept blocks of ``days``, remembered for ``request``; the days
        old enough are computed anew aside."""
        office_id, people = request[0], request[4]
        first, last = days[0], days[-1]
        stale = [day for day, block in zip(days, blocks, strict=True) if self.blocks.stale(block)]
        if stale:
            self._refresh(office_id, chain, people, stale[0], stale[-1])
        answer = self.blocks.answer(office_id, chain, people, first, last, frame, blocks)
        self.blocks.give(request, answer, frame, blocks, (office_id, chain, people, first, last))
        return answer

    def kept(self, request: Request) -> Answer | None:
        """The answer last given to exactly this request (office, services, from, to, people) if it
        is still good; None when it must be computed (``answer``). Costs one lookup."""
        given = self.blocks.given(request)
        if given is None:
            return None
        self._hit.inc()
        answer, refresh = given
        if refresh is not None:
            self._refresh(*refresh)
        return answer

    def _refresh(self, office_id: str, chain: Chain, people: int, first: date, last: date) -> None:
        """Compute these days anew aside, unless they already are: the blocks still served
        meanwhile are less than a second old, and nobody waits for the database."""
        key = (office_id, chain, people, first, last)
        if key not in self._computing:
            self._launch(key, asked=False)

    async def close(self) -> None:
        """Stop the computations under way (the app is stopping)."""
        loop = asyncio.get_running_loop()
        for task in list(self._aside):
            task.cancel()
        # (A test may have served requests on an event loop of its own.)
        await asyncio.gather(*(t for t in self._aside if t.get_loop() is loop), return_exceptions=True)

    async def _frame(self, office_id: str, chain: Chain) -> Frame:
        """The answer's bytes around its days; ``office_not_found`` or ``service_not_offered``."""
        office = await existing_office(self._offices, office_id)
        for code in chain:
            await office_and_service(self._offices, office.id, code)
        empty = availability_view(office, chain[0], [], self._release, self._clock.now(), chain)
        return self.blocks.put_frame(office_id, chain, msgspec.json.encode(empty), office.timezone)

    async def _days(
        self, office_id: str, chain: Chain, people: int, first: date, last: date
    ) -> dict[date, Block]:
        """The blocks of the days from ``first`` to ``last``, computed once while others wait."""
        key = (office_id, chain, people, first, last)
        pending = self._computing.get(key)
        if pending is not None:
            self._lookups.labels("shared").inc()
        else:
            self._lookups.labels("miss").inc()
            pending = self._launch(key, asked=True)
        return await asyncio.shield(pending)

    def _refresh_gate(self) -> asyncio.Semaphore:
        """At most ``REFRESHES_AT_ONCE`` refreshes read at once (on this event loop)."""
        loop = asyncio.get_running_loop()
        if self._gate is None or self._gate[0] is not loop:
            self._gate = (loop, asyncio.Semaphore(REFRESHES_AT_ONCE))
        return self._gate[1]

    def _launch(self, key: Computing, asked: bool) -> asyncio.Future[dict[date, Block]]:
        """Start computing ``key``'s days in a task of their own, known at once to every later
        asker (so a thousand askers in the same instant start one computation, not a thousand);
        a requester that goes away does not stop it."""
        future: asyncio.Future[dict[date, Block]] = asyncio.get_running_loop().create_future()
        self._computing[key] = future
        task = asyncio.create_task(self._fill(key, future, asked))
        self._aside.add(task)
        task.add_done_callback(self._aside.discard)
        return future

    async def _fill(self, key: Computing, future: asyncio.Future[dict[date, Block]], asked: bool) -> None:
        try:
            if asked:
                blocks = await self._compute(*key)
            else:
                async with self._refresh_gate():
                    blocks = await self._compute(*key)
        except asyncio.CancelledError:  # the app is stopping
            future.cancel()
            raise
        except Exception as error:
            future.set_exception(error)
            future.exception()  # mark retrieved: waiters (if any) re-raise it themselves
            if not asked:  # the database away: the next request tries again
                log.info("availability_refresh_failed", error=type(error).__name__)
            return
        finally:
            self._computing.pop(key, None)
        future.set_result(blocks)

    async def _compute(
        self, office_id: str, chain: Chain, people: int, first: date, last: date
    ) -> dict[date, Block]:
        heard = {day: self.blocks.generation(office_id, chain, day) for day in days_between(first, last)}
        read_at = self.blocks.now()
        days = await self._appointments.party_availability(office_id, chain, first, last, people)
        office = await existing_office(self._offices, office_id)
        await self._frame(office_id, chain)  # the frame's second of life renewed with its days'
        encode = msgspec.json.encode
        return {
            day.day: self.blocks.put(
                (office_id, chain, people, day.day), encode(day_view(office, day)), heard[day.day], read_at
            )
            for day in days
        }
