"""Solve in a child process: assign, verify independently, and the two baselines beside it.

OR-Tools holds the GIL while its flow solver runs (a 20,000-request batch froze a thread-mate
for 1.3 s in a row, a national one for longer), so a thread would stall the event loop and every
request the server is answering. A process per solve costs half a second to start, gives the
memory of a national solve back to the system when it ends, and can be stopped by terminating
it. Progress comes back over a queue, read off the event loop.

Everything that decides whether an answer may be written happens in the child before the answer
leaves it: `scheduler.verify.check` raises on any broken rule, and a failed check is reported as
an error, never as a solution.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

from scheduler.greedy import cheapest_first, first_come_first_served
from scheduler.metrics import Metrics, measure
from scheduler.optimum import optimise
from scheduler.problem import Problem
from scheduler.solution import ProgressCallback, Solution, no_progress
from scheduler.verify import check

SolveFunction = Callable[[Problem, ProgressCallback], Solution]

#: Share of the progress bar the solver itself takes; verification and the baseline follow.
SOLVER_SHARE = 0.9


class SolverFailed(RuntimeError):
    """The child process raised (a verification failure included) or died."""


@dataclass(frozen=True)
class Solved:
    """A verified solution, the greedy baselines of the same problem (first come, first served
    and the fair one, each request at its cheapest slot), all measured alike."""

    solution: Solution
    baseline: Solution
    metrics: Metrics
    baseline_metrics: Metrics
    fair: Solution | None = None
    fair_metrics: Metrics | None = None


def solve_and_check(
    problem: Problem, solve: SolveFunction = optimise, progress: ProgressCallback = no_progress
) -> Solved:
    """Solve, verify (maximum placement included), and compute the baselines, verified too but
    for maximum placement, which first come, first served does not promise; raises
    `VerificationError` on a broken rule."""
    solution = solve(problem, lambda fraction, phase: progress(SOLVER_SHARE * fraction, phase))
    progress(SOLVER_SHARE, "verifying")
    check(problem, solution)
    progress(0.95, "greedy baselines")
    baseline = first_come_first_served(problem)
    check(problem, baseline, maximum=False)
    fair = cheapest_first(problem)
    check(problem, fair, maximum=False)
    return Solved(
        solution,
        baseline,
        measure(problem, solution),
        measure(problem, baseline),
        fair,
        measure(problem, fair),
    )


def _child(solve: SolveFunction, problem: Problem, channel: Any) -> None:
    try:
        solved = solve_and_check(problem, solve, lambda f, p: channel.put(("progress", f, p)))
        channel.put(("done", solved))
    except BaseException as error:  # everything goes back to the parent, as text
        channel.put(("error", f"{type(error).__name__}: {error}"))


class WorkerSolver:
    """Runs `solve_and_check` in a fresh child process per solve."""

    def __init__(self, solve: SolveFunction = optimise, poll_seconds: float = 0.2) -> None:
        self.solve = solve
        self._poll = poll_seconds
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._running: set[BaseProcess] = set()

    async def run(self, problem: Problem, progress: ProgressCallback = no_progress) -> Solved:
        """The verified answer; raises `SolverFailed` when the child fails or dies."""
        channel = self._context.Queue()
        process = self._context.Process(
            target=_child, args=(self.solve, problem, channel), name="mawid-solver", daemon=True
        )
        await asyncio.to_thread(process.start)  # pickling a national problem takes a moment
        self._running.add(process)
        try:
            while True:
                message = await self._next(channel, process)
                if message is None:
                    continue
                if message[0] == "progress":
                    progress(message[1], message[2])
                elif message[0] == "done":
                    solved: Solved = message[1]
                    return solved
                else:
                    raise SolverFailed(message[1])
        finally:
            self._running.discard(process)
            if process.is_alive():
                process.terminate()
            await asyncio.to_thread(process.join, 5)
            channel.close()

    async def _next(self, channel: Any, process: BaseProcess) -> Any:
        """The child's next message, None when there is none yet; raises when the child died
        without a last word (its final message is flushed before it exits, so look once more)."""
        try:
            return await asyncio.to_thread(channel.get, True, self._poll)
        except queue.Empty:
            if process.is_alive():
                return None
        try:
            return await asyncio.to_thread(channel.get, True, 1.0)
        except queue.Empty:
            raise SolverFailed(f"the solver process stopped (exit code {process.exitcode})") from None

    def stop(self) -> None:
        """Terminate every running solve (the app is shutting down)."""
        for process in list(self._running):
            process.terminate()
