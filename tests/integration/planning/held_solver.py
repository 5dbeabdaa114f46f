"""A solver that holds on until the test says go: the solve stays "running" for as long as a test
needs to prove the API answers meanwhile, or to book the optimiser's slots from under it.

It runs in the solver's child process, so the signal is a file (``path`` exists: go).
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Any

from api.services import services_of
from scheduler.assign import assign
from scheduler.problem import Problem
from scheduler.solution import Assignment, ProgressCallback, Solution

HOLD_LIMIT_SECONDS = 60.0


def _held(signal: str, problem: Problem, progress: ProgressCallback) -> Solution:
    progress(0.05, "held by the test")
    deadline = time.monotonic() + HOLD_LIMIT_SECONDS
    while not Path(signal).exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the test never released the solver")
        time.sleep(0.02)
    return assign(problem, progress)


def hold_solver(app: Any, signal: Path) -> None:
    """Make the app's optimiser jobs wait for ``signal`` before solving."""
    services_of(app).planning.optimiser_jobs.optimiser.solver.solve = partial(_held, str(signal))


def crowd_into_first_slot(problem: Problem, progress: ProgressCallback) -> Solution:
    """A wrong solver: everyone into the first slot of their service, room or not."""
    first = {}
    for slot in problem.slots:
        first.setdefault(slot.service, slot.key)
    return Solution(
        assignments=[Assignment(r.id, first[r.service]) for r in problem.requests],
        unassigned={},
        objective=0.0,
        crowding_cost=0.0,
        preference_cost=0.0,
    )
