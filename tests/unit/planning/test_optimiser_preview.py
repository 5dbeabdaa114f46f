"""An optimiser preview says what a run would do and writes nothing; applying it writes exactly
what it said, with what changed since handled as a run handles it (a request gone is left alone,
a slot gone or full is solved again); a preview is applied once, while fresh, and only a finished
preview is. On fakes and an in-process solver."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from booking.booking_requests import RequestStatus
from booking.calendar import Closure
from kernel.errors import Conflict
from planning.batch import JobScope
from planning.job_record import APPLY, PREVIEW
from planning.jobs import PREVIEW_KEEPS, mode_to_rerun
from planning.optimiser_preview import read_plan
from tests.unit.planning.conftest import HOME, NEARBY, TOMORROW, World

EVERYWHERE = JobScope()
DAY_AFTER = TOMORROW + timedelta(days=1)


def bookings_of(world: World) -> dict[str, datetime]:
    """Request id → the start of the booking it became."""
    return {
        request_id: world.bookings.rows[row.booking_id].starts_at
        for request_id, row in world.requests.rows.items()
        if row.booking_id is not None
    }


async def test_a_preview_says_what_a_run_would_do_and_writes_nothing(world: World):
    asked = [await world.ask(n, TOMORROW, DAY_AFTER, (HOME, NEARBY)) for n in range(5)]
    preview = await world.optimiser.preview("preview-1", EVERYWHERE)
    result = preview.result
    assert (result["requests"], result["assigned"], result["unassigned"]) == (5, 5, {})
    assert sum(entry["placed"] for entry in result["by_office_day"]) == 5
    assert {entry["office_id"] for entry in result["by_office_day"]} <= {HOME.id, NEARBY.id}
    assert result["optimiser"]["placed"] == 5 and result["verified"] is True

    busiest = {entry["office_id"]: entry for entry in result["busiest"]}
    assert set(busiest) == {HOME.id, NEARBY.id}
    for entry in busiest.values():
        assert entry["before"]["booked"] == 0  # nothing booked yet
    most = max(busiest.values(), key=lambda entry: entry["after"]["utilisation"])
    assert most["after"]["booked"] >= 1 and most["after"]["capacity"] > 0

    placements, refusals = read_plan(preview.plan or {})
    assert sorted(p.request_id for p in placements) == sorted(asked) and refusals == []
    assert all(world.requests.rows[r].status is RequestStatus.PENDING for r in asked)
    assert world.bookings.rows == {} and world.outbox == [] and world.changed == []


async def test_the_busiest_hour_before_counts_the_direct_bookings_and_after_adds_the_placed(world: World):
    slots = await world.slots(TOMORROW)
    await world.book(slots[0].start, 900)
    await world.book(slots[0].start, 901)  # 09:00 holds two of its four places
    await world.ask(0, TOMORROW, TOMORROW)
    result = (await world.optimiser.preview("preview-1", EVERYWHERE)).result
    (home,) = result["busiest"]
    assert home["before"] == {
        "date": TOMORROW.isoformat(),
        "hour": "09:00",
        "booked": 2,
        "capacity": home["before"]["capacity"],
        "utilisation": round(2 / home["before"]["capacity"], 4),
    }
    assert home["after"]["booked"] >= 2 and home["after"]["utilisation"] >= home["before"]["utilisation"]
    assert result["by_office_day"] == [{"office_id": HOME.id, "date": TOMORROW.isoformat(), "placed": 1}]


async def test_applying_a_preview_books_exactly_what_it_showed(world: World):
    asked = [await world.ask(n, TOMORROW, DAY_AFTER, (HOME, NEARBY)) for n in range(5)]
    preview = await world.optimiser.preview("preview-1", EVERYWHERE)
    shown = {p.request_id: p.starts_at for p in read_plan(preview.plan or {})[0]}
    applied = await world.optimiser.apply("apply-1", EVERYWHERE, preview.plan or {})
    assert applied.result["assigned"] == 5 and applied.result["left_pending"] == 0
    assert bookings_of(world) == shown
    for request_id in asked:
        assert world.requests.rows[request_id].job_id == "apply-1"
    assert [m.kind for m in world.outbox] == ["request_assigned"] * 5


async def test_what_changed_since_the_preview_is_handled_as_a_run_handles_it(world: World):
    gone, moved, kept = [await world.ask(n, TOMORROW, DAY_AFTER) for n in range(3)]
    preview = await world.optimiser.preview("preview-1", EVERYWHERE)
    planned = {p.request_id: p.starts_at for p in read_plan(preview.plan or {})[0]}
    await world.requests.cancel(gone, world.clock.now())
    # Direct bookings fill the slot planned for ``moved`` (and ``kept``'s, if it is the same).
    slot = next(s for s in await world.slots(planned[moved].date()) if s.start == planned[moved])
    for n in range(slot.capacity):
        await world.book(slot.start, 500 + n)

    result = (await world.optimiser.apply("apply-1", EVERYWHERE, preview.plan or {})).result
    assert result["no_longer_pending"] == 1 and result["slot_taken_meanwhile"] >= 1
    assert world.requests.rows[gone].status is RequestStatus.CANCELLED
    booked = bookings_of(world)
    assert booked[moved] != planned[moved]
    if planned[kept] != planned[moved]:
        assert booked[kept] == planned[kept]


async def test_a_day_closed_since_the_preview_is_not_booked_into(world: World):
    request_id = await world.ask(0, TOMORROW, DAY_AFTER)
    preview = await world.optimiser.preview("preview-1", EVERYWHERE)
    (placement,), _ = read_plan(preview.plan or {})
    world.close(Closure(HOME.id, placement.starts_at.date()))
    result = (await world.optimiser.apply("apply-1", EVERYWHERE, preview.plan or {})).result
    assert result["assigned"] == 1
    assert bookings_of(world)[request_id].date() != placement.starts_at.date()


async def until_finished(world: World, job_id: str) -> None:
    for _ in range(500):
        if world.jobs.rows[job_id].status in ("done", "failed"):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the job did not finish")


async def test_a_preview_job_keeps_its_plan_and_is_applied_once(world: World):
    jobs = world.optimiser_jobs
    await world.ask(0, TOMORROW, TOMORROW)
    preview = await jobs.submit(EVERYWHERE, "manager", mode=PREVIEW)
    await until_finished(world, preview.id)
    done = await jobs.job(preview.id)
    assert done is not None and done.mode == PREVIEW and done.result and done.result["assigned"] == 1
    assert world.bookings.rows == {} and await world.jobs.plan(preview.id)

    applying = await jobs.apply(done, "manager")
    assert (applying.mode, applying.applies) == (APPLY, preview.id)
    await until_finished(world, applying.id)
    applied = await jobs.job(applying.id)
    assert applied is not None and applied.status == "done" and applied.result
    assert applied.result["assigned"] == 1 and len(world.bookings.rows) == 1

    again = await jobs.job(preview.id)
    assert again is not None and again.applied_by == applying.id
    with pytest.raises(Conflict) as refused:
        await jobs.apply(again, "manager")
    assert refused.value.code == "preview_already_applied"
    with pytest.raises(Conflict) as raced:  # two clicks that both read it unapplied
        await jobs.apply(done, "manager")
    assert raced.value.code == "preview_already_applied"
    assert len(world.bookings.rows) == 1
    assert mode_to_rerun(again) == PREVIEW and mode_to_rerun(applied) == "run"


async def test_only_a_finished_fresh_preview_is_applied(world: World):
    jobs = world.optimiser_jobs
    await world.ask(0, TOMORROW, TOMORROW)
    run = await jobs.submit(EVERYWHERE, "manager")
    await until_finished(world, run.id)
    finished_run = await jobs.job(run.id)
    assert finished_run is not None
    with pytest.raises(Conflict) as not_preview:
        await jobs.apply(finished_run, "manager")
    assert not_preview.value.code == "not_a_preview"

    await world.ask(1, TOMORROW, TOMORROW)
    preview = await jobs.submit(EVERYWHERE, "manager", mode=PREVIEW)
    with pytest.raises(Conflict) as unfinished:
        await jobs.apply(preview, "manager")  # still queued
    assert unfinished.value.code == "not_a_preview"
    await until_finished(world, preview.id)
    world.clock.advance(PREVIEW_KEEPS + timedelta(minutes=1))
    stale = await jobs.job(preview.id)
    assert stale is not None
    with pytest.raises(Conflict) as old:
        await jobs.apply(stale, "manager")
    assert old.value.code == "preview_stale" and "٦٠" in old.value.detail_ar
    # The run booked the first citizen; the second's request still waits for a run.
    assert sorted(row.status for row in world.requests.rows.values()) == [
        RequestStatus.ASSIGNED,
        RequestStatus.PENDING,
    ]
