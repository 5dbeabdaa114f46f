"""The summary table shows the optimiser beside the baselines, with the uncapped optimum (or,
where it is not exact, the bound and the gap)."""

from __future__ import annotations

from rich.console import Console

from scheduler.assign import assign
from scheduler.greedy import cheapest_first, first_come_first_served
from scheduler.optimum import optimise
from scheduler.rebalance import rebalance
from scheduler.report import print_report, rebalance_table
from tests.unit.scheduler.factories import NINE, TWO_PM, booking, problem, request, slot


def test_the_report_compares_both_solutions_and_shows_the_gap() -> None:
    p = problem(
        [request(f"r{i}") for i in range(3)],
        [slot("nine", start=NINE, capacity=3), slot("two", start=TWO_PM, capacity=3)],
    )
    console = Console(record=True, width=120)

    ours, theirs = print_report(p, assign(p), first_come_first_served(p), console)

    text = console.export_text()
    assert "peak utilisation" in text
    assert "gap to bound" in text
    assert ours.peak_utilisation < theirs.peak_utilisation


def test_the_rebalance_table_lists_unplaced_bookings() -> None:
    plan = rebalance([booking("b1")], [slot("giza-9", capacity=0)])
    console = Console(record=True, width=120)

    console.print(rebalance_table(plan))

    assert "not placed (listed)" in console.export_text()


def test_the_report_shows_the_fair_baseline_and_the_cap_against_the_exact_optimum() -> None:
    p = problem(
        [request(f"r{i}", time_of_day="morning") for i in range(3)],
        [slot("nine", start=NINE, capacity=3), slot("two", start=TWO_PM, capacity=3)],
    )
    console = Console(record=True, width=160)

    print_report(p, optimise(p), first_come_first_served(p), console, fair=cheapest_first(p))

    text = console.export_text()
    assert "cheapest slot" in text
    assert "objective without the peak cap" in text
    assert "price of the peak cap" in text
    # The optimum is exact here: no relaxation's bound, no gap to one.
    assert "gap to bound" not in text and "relaxation" not in text
