"""A flexible request for several services (a chain) on the planning side: it becomes one
scheduler request with its later services, only at offices offering them all, and a placed chain
comes back as one placement whose later visits follow its first, slot after slot."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from booking.offices import Counter, Office
from planning.batch import JobScope, build_batch
from planning.decisions import Placement
from planning.optimise import decisions
from scheduler.assign import assign
from scheduler.verify import check
from tests.fakes.booking import FakeOffices
from tests.fakes.planning import FakeSlotLoads
from tests.unit.planning.conftest import HOME, SERVICE, TOMORROW, World

RECORD = "criminal-record-certificate"


def _twin() -> Office:
    """An office whose one counter serves passports and criminal records, 09:00–10:30."""
    return replace(
        HOME,
        id="twin",
        services=(SERVICE, RECORD),
        counters=(Counter(1, "1", frozenset({SERVICE, RECORD})),),
    )


async def test_a_chain_request_is_placed_as_one_unit_and_written_back_as_one_placement(world: World) -> None:
    twin = _twin()
    request_id = await world.ask(0, TOMORROW, TOMORROW + timedelta(days=1))
    asked = world.requests.rows[request_id]
    chain = replace(
        asked,
        later_services=(RECORD,),
        reach={**asked.reach, "offices": [[HOME.id, 1.0], [twin.id, 4.0]]},
    )
    directory = FakeOffices.of(HOME, twin)

    batch = await build_batch(
        [chain], JobScope(), directory, FakeSlotLoads(world.bookings), world.clock.now()
    )

    (request,) = batch.problem.requests
    assert request.services == (SERVICE, RECORD)
    assert [c.office_id for c in request.offices] == ["twin"]  # home offers no criminal records
    assert {s.minutes for s in batch.problem.slots} == {twin.slot_minutes}
    solution = assign(batch.problem)
    check(batch.problem, solution)
    (placement,) = decisions(batch, solution)
    assert isinstance(placement, Placement)
    first, then = placement.visits
    assert placement.office_id == "twin"
    assert (first.service, then.service) == (SERVICE, RECORD)
    assert then.starts_at == first.ends_at
    assert placement.later_visits[0].slot_capacity >= 1


async def test_a_chain_with_a_service_the_identity_may_not_have_is_not_eligible(world: World) -> None:
    twin = _twin()
    request_id = await world.ask(0, TOMORROW, TOMORROW)
    asked = world.requests.rows[request_id]
    chain = replace(
        asked, later_services=("residence-renewal",), reach={**asked.reach, "offices": [[twin.id, 4.0]]}
    )

    batch = await build_batch(
        [chain], JobScope(), FakeOffices.of(twin), FakeSlotLoads(world.bookings), world.clock.now()
    )

    (request,) = batch.problem.requests
    assert not request.eligible
    assert assign(batch.problem).unassigned == {request_id: "not_eligible"}
