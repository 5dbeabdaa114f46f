"""The optimiser's run and its jobs, on fakes and an in-process solver: pending requests become
bookings under the direct bookings' rules, each holder told; what cannot be placed is unassigned
with its reason; a slot a direct booking took between solve and write is solved again; a job's
row follows it (queued, running, done or failed) and a silent one reads as interrupted."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import pytest

from booking.booking_requests import RequestStatus
from booking.channels import Channel
from kernel.errors import Conflict
from planning.batch import JobScope
from planning.capacity import slot_key
from planning.jobs import JobGivenUp, failure_reason, scope_to_rerun
from planning.solver_worker import Solved, SolverFailed
from scheduler.problem import Problem
from scheduler.solution import ProgressCallback, no_progress
from tests.fakes.planning import InlineSolver
from tests.unit.planning.conftest import HOME, SERVICE, TOMORROW, World, citizen

EVERYWHERE = JobScope()


def status(world: World, request_id: str) -> tuple[RequestStatus, str | None]:
    row = world.requests.rows[request_id]
    return row.status, row.reason


async def test_pending_requests_are_booked_in_their_window_and_each_holder_told(world: World):
    asked = [await world.ask(n, TOMORROW, TOMORROW + timedelta(days=2)) for n in range(3)]
    run = await world.optimiser.run("job-1", EVERYWHERE)
    assert run.result["assigned"] == 3 and run.result["unassigned"] == {}
    for request_id in asked:
        row = world.requests.rows[request_id]
        assert row.status is RequestStatus.ASSIGNED and row.job_id == "job-1"
        booking = world.bookings.rows[row.booking_id or 0]
        assert booking.office_id == HOME.id and TOMORROW <= booking.day <= TOMORROW + timedelta(days=2)
    assert [m.kind for m in world.outbox] == ["request_assigned"] * 3
    assert (HOME.id, SERVICE) in world.changed


async def test_more_requests_than_places_leave_the_rest_unassigned_as_no_capacity(world: World):
    asked = [await world.ask(n, TOMORROW, TOMORROW) for n in range(7)]  # a day has six places
    run = await world.optimiser.run("job-1", EVERYWHERE)
    assert (run.result["assigned"], run.result["unassigned"]) == (6, {"no_capacity": 1})
    assert sorted(status(world, r)[1] or "" for r in asked) == [""] * 6 + ["no_capacity"]
    assert sum(m.kind == "request_unassigned" for m in world.outbox) == 1


async def test_a_request_whose_holder_booked_the_service_meanwhile_is_unassigned_as_duplicate_booking(
    world: World,
):
    request_id = await world.ask(0, TOMORROW, TOMORROW)
    await world.book((await world.slots(TOMORROW))[0].start, 0)
    run = await world.optimiser.run("job-1", EVERYWHERE)
    assert run.result["unassigned"] == {"duplicate_booking": 1}
    assert status(world, request_id) == (RequestStatus.UNASSIGNED, "duplicate_booking")
    assert len(world.bookings.rows) == 1


async def test_a_request_whose_window_has_passed_is_unassigned_as_window_passed(world: World):
    request_id = await world.ask(0, TOMORROW, TOMORROW)
    world.clock.advance(timedelta(days=2))
    await world.optimiser.run("job-1", EVERYWHERE)
    assert status(world, request_id) == (RequestStatus.UNASSIGNED, "window_passed")


@dataclass
class Overtaken(InlineSolver):
    """After its first solve, direct bookings fill the slot the first answer chose."""

    world: World | None = None
    taken: list[datetime] = field(default_factory=list)

    async def run(self, problem: Problem, progress: ProgressCallback = no_progress) -> Solved:
        solved = await super().run(problem, progress)
        if self.runs == 1 and self.world is not None:
            chosen = solved.solution.assignments[0].slot_key
            slots = await self.world.slots(TOMORROW)
            slot = next(s for s in slots if slot_key(HOME.id, SERVICE, s.start) == chosen)
            for n in range(slot.capacity):
                await self.world.book(slot.start, 100 + n)
            self.taken.append(slot.start)
        return solved


async def test_a_slot_a_direct_booking_took_between_solve_and_write_is_solved_again(world: World):
    asked = [await world.ask(n, TOMORROW, TOMORROW) for n in range(2)]
    world.optimiser.solver = solver = Overtaken(world=world)
    run = await world.optimiser.run("job-1", EVERYWHERE)
    assert solver.runs == 2 and run.result["slot_taken_meanwhile"] >= 1
    assert run.result["assigned"] == 2
    for request_id in asked:
        booking = world.bookings.rows[world.requests.rows[request_id].booking_id or 0]
        assert booking.starts_at not in solver.taken


async def until_finished(world: World, job_id: str) -> None:
    for _ in range(500):
        if world.jobs.rows[job_id].status in ("done", "failed"):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the job did not finish")


async def test_a_submitted_job_is_queued_then_runs_in_the_background_and_ends_done(world: World):
    await world.ask(0, TOMORROW, TOMORROW)
    job = await world.optimiser_jobs.submit(EVERYWHERE, "manager")
    assert job.status == "queued" and job.scope == EVERYWHERE.to_json()
    await until_finished(world, job.id)
    done = await world.optimiser_jobs.job(job.id)
    assert done is not None and (done.status, done.progress) == ("done", 1.0)
    assert done.result is not None and done.result["assigned"] == 1


async def test_a_failing_solve_fails_the_job_with_its_error_and_books_nothing(world: World):
    class Broken(InlineSolver):
        async def run(self, problem: Problem, progress: ProgressCallback = no_progress) -> Solved:
            raise SolverFailed("VerificationError: over capacity")

    await world.ask(0, TOMORROW, TOMORROW)
    world.optimiser.solver = Broken()
    job = await world.jobs.create("manager", EVERYWHERE.to_json(), world.clock.now())
    with pytest.raises(SolverFailed):
        await world.optimiser_jobs.run(job.id, EVERYWHERE)
    failed = world.jobs.rows[job.id]
    assert failed.status == "failed" and failed.error == "SolverFailed: VerificationError: over capacity"
    assert world.bookings.rows == {}


async def test_a_job_marked_failed_while_it_waited_its_turn_is_not_run(world: World):
    await world.ask(0, TOMORROW, TOMORROW)
    job = await world.jobs.create("manager", EVERYWHERE.to_json(), world.clock.now())
    await world.jobs.fail(job.id, "interrupted", world.clock.now())
    with pytest.raises(JobGivenUp):
        await world.optimiser_jobs.run(job.id, EVERYWHERE)
    assert world.bookings.rows == {} and world.jobs.rows[job.id].error == "interrupted"


async def test_a_silent_job_reads_as_interrupted_and_may_be_run_again_but_a_live_one_may_not(world: World):
    job = await world.jobs.create("manager", EVERYWHERE.to_json(), world.clock.now())
    live = await world.optimiser_jobs.job(job.id)
    assert live is not None
    with pytest.raises(Conflict) as refused:
        scope_to_rerun(live)
    assert refused.value.code == "job_still_running"
    world.clock.advance(world.jobs.stale_after + timedelta(seconds=1))
    silent = await world.optimiser_jobs.job(job.id)
    assert silent is not None and silent.status == "failed"
    reason = failure_reason(silent)
    assert reason is not None and reason[0] == "interrupted"
    assert scope_to_rerun(silent) == EVERYWHERE
    assert not await world.jobs.start(job.id, world.clock.now())  # a status only moves forward


async def test_flexible_requests_are_online_and_leave_the_seats_kept_for_clerks(world: World):
    world.offices.by_id[HOME.id] = replace(HOME, assisted_share=1 / 3)  # two of the day's six places
    [await world.ask(n, TOMORROW, TOMORROW) for n in range(7)]
    run = await world.optimiser.run("job-1", EVERYWHERE)
    assert (run.result["assigned"], run.result["unassigned"]) == (4, {"no_capacity": 3})
    rows = world.bookings.slots.values()
    assert sum(row.reserved for row in rows) == 2 and all(
        row.booked <= row.capacity - row.reserved for row in rows
    )
    kept = next(slot for slot in await world.slots(TOMORROW, world.offices.by_id[HOME.id]) if slot.reserved)
    command = replace(world.command(kept.start, citizen(99)), channel=Channel.PHONE)
    assert (await world.appointments.book(command)).channel == "phone"  # a clerk still finds it
