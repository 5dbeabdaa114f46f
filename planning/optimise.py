"""One optimiser run on the database: load the pending requests, solve in a child process,
verify, write each answer atomically, and say what happened.

Writing follows the solve, so the world may have moved: a direct booking may have taken the last
place of a slot the optimiser chose. Such a request is *not* told there was no room: after the
first pass, the requests whose slot was taken are solved once more against fresh loads, and any
still refused then stay ``pending`` for the next run. Requests the optimiser could not place are
``unassigned`` with the reason code, unless their window reaches beyond the job's days (they
stay pending). The figures in the result (optimiser vs greedy, bound, gap) describe the first
solve, which is the optimiser's plan for the whole batch.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from booking.bookings import Visit
from booking.calendar import to_local
from booking.ports import Offices
from booking.release import ReleasePolicy
from booking.rules import MAX_AHEAD, MIN_LEAD
from kernel.clock import Clock
from kernel.days import TIMEZONE
from planning.batch import WINDOW_PASSED, Batch, JobScope, build_batch
from planning.capacity import capacity_map, slot_key
from planning.decisions import FINAL_REFUSALS, Decision, LaterVisit, Outcome, Placement, Refusal
from planning.figures import solved_view
from planning.notifications import Notices
from planning.optimiser_preview import busiest_hours, placed_by_office_day, plan_of, read_plan
from planning.ports import Assignments, PendingRequests, SlotLoads, Solver
from planning.solver_worker import Solved
from scheduler.problem import Problem
from scheduler.solution import ProgressCallback, Solution, no_progress

#: Passes over the requests whose slot a direct booking took between solve and write.
ROUNDS = 2


@dataclass
class OptimiseRun:
    """What a run did (or a preview would do): the JSON result, the first solve for reports, and
    a preview's decisions to keep (``plan``)."""

    result: dict[str, Any]
    problem: Problem | None = None
    solved: Solved | None = None
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    plan: dict[str, Any] | None = None


def decisions(batch: Batch, solution: Solution) -> list[Decision]:
    """Placements for the assigned, refusals for the unassigned whose whole window was looked at."""
    found: list[Decision] = []
    for a in solution.assignments:
        where = batch.bookable[a.slot_key]
        request = batch.requests[a.request_id]
        later = tuple(
            LaterVisit(
                Visit(service, batch.bookable[key].slot.start, batch.bookable[key].slot.end),
                batch.bookable[key].slot.capacity,
                batch.bookable[key].slot.reserved,
            )
            for service, key in zip(request.later_services, a.later_slot_keys, strict=True)
        )
        found.append(
            Placement(
                request,
                where.office.id,
                where.slot.start,
                where.slot.end,
                where.day,
                where.slot.capacity,
                later,
                where.slot.reserved,
            )
        )
    for request_id, reason in solution.unassigned.items():
        if request_id not in batch.open_ended:
            found.append(Refusal(batch.requests[request_id], reason))
    return found


class Optimiser:
    def __init__(
        self,
        requests: PendingRequests,
        assignments: Assignments,
        offices: Offices,
        slot_loads: SlotLoads,
        clock: Clock,
        solver: Solver,
        on_change: Callable[[str, str], None] = lambda office_id, service: None,
        release: ReleasePolicy | None = None,
    ) -> None:
        """``on_change(office_id, service)`` hears of the slots bookings were written into;
        ``release`` is the direct bookings' (``booking.release``): no day is booked that a
        citizen could not book yet, and ``assignments`` books under their churn rules."""
        self._release = release or ReleasePolicy()
        self._on_change = on_change
        self._loads = slot_loads
        self._directory = offices
        self._clock = clock
        self.solver = solver
        self._requests = requests
        self._assignments = assignments

    async def _batch(self, scope: JobScope, only: set[str] | None = None) -> Batch:
        pending = await self._requests.pending()
        if only is not None:
            pending = [r for r in pending if r.id in only]
        now = self._clock.now()
        latest = self._release.last_decided_day(now)
        return await build_batch(pending, scope, self._directory, self._loads, now, latest=latest)

    async def _first_pass(
        self, scope: JobScope, progress: ProgressCallback
    ) -> tuple[Batch, Solved | None, list[Decision], _Tally]:
        """Load the batch and solve it once: the decisions a run writes first, or a preview keeps."""
        started = time.perf_counter()
        progress(0.0, "loading requests")
        batch = await self._batch(scope)
        tally = _Tally(seconds={"load": time.perf_counter() - started})
        todo: list[Decision] = [Refusal(r, WINDOW_PASSED) for r in batch.expired]
        solved = None
        if batch.problem.requests:
            with tally.timed("solve"):
                solved = await self.solver.run(batch.problem, lambda f, p: progress(0.05 + 0.7 * f, p))
            todo += decisions(batch, solved.solution)
        return batch, solved, todo, tally

    async def run(
        self, job_id: str, scope: JobScope, progress: ProgressCallback = no_progress
    ) -> OptimiseRun:
        """Optimise the pending requests in ``scope``, writing bookings as job ``job_id``."""
        batch, first, todo, tally = await self._first_pass(scope, progress)
        considered = len(batch.problem.requests) + len(batch.expired)
        await self._commit(job_id, scope, todo, set(), tally, progress)
        result = _figures(tally.result(considered), batch.problem, first)
        progress(1.0, "done")
        return OptimiseRun(result, batch.problem, first, tally.outcomes)

    async def preview(
        self, job_id: str, scope: JobScope, progress: ProgressCallback = no_progress
    ) -> OptimiseRun:
        """What ``run`` would do now, writing nothing: the same counts and figures (``assigned``
        is what would be), placements per office and day, each office's busiest hour before and
        after, and the decisions to keep (``OptimiseRun.plan``) for the job that applies them."""
        batch, first, todo, tally = await self._first_pass(scope, progress)
        progress(0.9, "preparing the preview")
        considered = len(batch.problem.requests) + len(batch.expired)
        for d in todo:
            if isinstance(d, Refusal):
                tally.reasons[d.reason] += 1
        placed = sum(isinstance(d, Placement) for d in todo)
        result = {
            "requests": considered,
            "assigned": placed,
            "unassigned": dict(sorted(tally.reasons.items())),
            "left_pending": considered - len(todo),
            "no_longer_pending": 0,
            "slot_taken_meanwhile": 0,
            "seconds": {k: round(v, 3) for k, v in tally.seconds.items()},
        }
        result = _figures(result, batch.problem, first)
        progress(1.0, "done")
        return OptimiseRun(result, batch.problem, first, plan=plan_of(todo))

    async def apply(
        self, job_id: str, scope: JobScope, plan: dict[str, Any], progress: ProgressCallback = no_progress
    ) -> OptimiseRun:
        """Write what a preview kept (``plan``) as job ``job_id``, as a run writes its first
        solve: each placement in its slot as the grid has it now; a request no longer pending is
        left alone (``no_longer_pending``); a slot gone or filled since the preview is solved
        again, like a slot a direct booking took between a run's solve and write."""
        started = time.perf_counter()
        progress(0.0, "loading the preview")
        placements, refusals = read_plan(plan)
        pending = {r.id: r for r in await self._requests.pending()}
        tally = _Tally(seconds={})
        office_days: dict[str, set[date]] = {}
        for p in placements:
            office_days.setdefault(p.office_id, set()).add(to_local(p.starts_at, TIMEZONE).date())
        now = self._clock.now()
        grid = await capacity_map(
            self._directory, self._loads, office_days, now + MIN_LEAD, now + MAX_AHEAD, now
        )
        todo: list[Decision] = []
        again: set[str] = set()
        for p in placements:
            request = pending.get(p.request_id)
            if request is None:
                tally.outcomes[p.request_id] = Outcome.GONE
                continue
            if request.later_services:  # a plan keeps a chain's first visit only: place it again
                again.add(request.id)
                continue
            where = grid.bookable.get(slot_key(p.office_id, request.service, p.starts_at))
            if where is None:  # closed, or too soon, since the preview: place it again
                again.add(request.id)
                continue
            todo.append(
                Placement(
                    request,
                    p.office_id,
                    where.slot.start,
                    where.slot.end,
                    where.day,
                    where.slot.capacity,
                    slot_reserved=where.slot.reserved,
                )
            )
        for r in refusals:
            request = pending.get(r.request_id)
            if request is None:
                tally.outcomes[r.request_id] = Outcome.GONE
            else:
                todo.append(Refusal(request, r.reason))
        tally.seconds["load"] = time.perf_counter() - started
        await self._commit(job_id, scope, todo, again, tally, progress)
        progress(1.0, "done")
        return OptimiseRun(tally.result(len(placements) + len(refusals)), outcomes=tally.outcomes)

    async def _commit(
        self,
        job_id: str,
        scope: JobScope,
        todo: list[Decision],
        again: set[str],
        tally: _Tally,
        progress: ProgressCallback,
    ) -> None:
        """Write ``todo``; the requests whose slot was taken meanwhile (and those in ``again``)
        are solved once more against fresh loads and written; any refused again stay pending."""
        notices = Notices({o.id: o for o in await self._directory.offices()})
        for round_ in range(ROUNDS):
            with tally.timed("write"):
                written = await self._write(todo, job_id, notices, progress)
            tally.add(todo, written)
            taken = {i for i, o in written.items() if o is Outcome.SLOT_TAKEN} | again
            again = set()
            if round_ == 0:
                tally.retried = len(taken)
            if not taken or round_ == ROUNDS - 1:
                break
            progress(0.75, "placing again the requests whose slot was taken meanwhile")
            batch, todo = await self._batch(scope, only=taken), []
            if batch.problem.requests:
                with tally.timed("solve"):
                    solved = await self.solver.run(batch.problem, lambda f, p: progress(0.05 + 0.7 * f, p))
                todo = decisions(batch, solved.solution)

    async def _write(
        self, todo: Sequence[Decision], job_id: str, notices: Notices, progress: ProgressCallback
    ) -> dict[str, Outcome]:
        progress(0.75, "writing bookings")
        written = await self._assignments.write(
            todo,
            job_id,
            self._clock.now(),
            notices,
            lambda done, total: progress(0.75 + 0.2 * done / total, "writing bookings"),
        )
        for office_id, service in {
            (d.office_id, service) for d in todo if isinstance(d, Placement) for service in d.request.services
        }:
            self._on_change(office_id, service)
        return written


def _figures(result: dict[str, Any], problem: Problem, first: Solved | None) -> dict[str, Any]:
    """The counts, with what the first solve says of the batch: beside greedy, per office and
    day, and each office's busiest hour before and after."""
    result.update(slots=len(problem.slots), offices=len({s.office_id for s in problem.slots}))
    if first is not None:
        result.update(solved_view(first))
        result.update(
            by_office_day=placed_by_office_day(problem, first.solution),
            busiest=busiest_hours(problem, first.solution),
        )
    return result


@dataclass
class _Tally:
    """What became of each request over the rounds, and where the time went."""

    seconds: dict[str, float]
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    retried: int = 0

    @contextmanager
    def timed(self, part: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[part] = self.seconds.get(part, 0.0) + time.perf_counter() - started

    def add(self, todo: Sequence[Decision], written: dict[str, Outcome]) -> None:
        self.outcomes.update(written)
        for d in todo:
            outcome = written[d.request.id]
            if isinstance(d, Refusal) and outcome is Outcome.UNASSIGNED:
                self.reasons[d.reason] += 1
            elif outcome in FINAL_REFUSALS:
                self.reasons[outcome.value] += 1

    def result(self, considered: int) -> dict[str, Any]:
        counts = Counter(self.outcomes.values())
        return {
            "requests": considered,
            "assigned": counts[Outcome.ASSIGNED],
            "unassigned": dict(sorted(self.reasons.items())),
            # Still pending: refused twice for a slot taken meanwhile, or not placed within the
            # job's days while their window reaches beyond them (never written at all).
            "left_pending": counts[Outcome.SLOT_TAKEN] + considered - len(self.outcomes),
            "no_longer_pending": counts[Outcome.GONE],
            "slot_taken_meanwhile": self.retried,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }
