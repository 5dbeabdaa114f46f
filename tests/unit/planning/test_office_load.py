"""An office's load for the dashboard, on fakes: capacity and bookings per local hour, the
office's own only; a day it does not open is shut with no hours; after a closure the bookings
left in the room it took show as booked against no capacity."""

from __future__ import annotations

from datetime import timedelta

from booking.calendar import Closure
from planning.office_load import DayLoad, HourLoad, office_load
from tests.unit.planning.conftest import HOME, NEARBY, TOMORROW, World

FRIDAY = TOMORROW + timedelta(days=4)


async def test_capacity_and_bookings_per_local_hour_of_the_office_only(world: World):
    nine, half_past, ten = (slot.start for slot in await world.slots(TOMORROW))
    for n, start in enumerate([nine, nine, half_past, ten]):
        await world.book(start, n)
    await world.book(nine, 10, NEARBY)  # another office's booking
    days = await office_load(HOME, TOMORROW, FRIDAY, world.offices, world.loads)
    assert [(d.day, d.open) for d in days] == [
        (TOMORROW + timedelta(days=n), n < 4) for n in range(5)
    ]  # Monday to Thursday open, Friday shut
    monday = days[0]
    assert monday.hours == [HourLoad(9, capacity=4, booked=3), HourLoad(10, capacity=2, booked=1)]
    assert (monday.capacity, monday.booked) == (6, 4)
    assert [h.utilisation for h in monday.hours] == [0.75, 0.5]
    assert days[1] == DayLoad(TOMORROW + timedelta(days=1), True, [HourLoad(9, 4), HourLoad(10, 2)])
    assert days[4] == DayLoad(FRIDAY, False, [])


async def test_after_a_closure_the_bookings_left_show_against_no_capacity(world: World):
    await world.fill(TOMORROW)
    world.close(Closure(HOME.id, TOMORROW))
    [monday] = await office_load(HOME, TOMORROW, TOMORROW, world.offices, world.loads)
    assert not monday.open
    assert monday.hours == [HourLoad(9, capacity=0, booked=4), HourLoad(10, capacity=0, booked=2)]
    assert [h.utilisation for h in monday.hours] == [None, None]
