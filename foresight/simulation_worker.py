"""Simulations in a child process: an office day × a hundred replications is a few seconds of
pure-Python CPU (SimPy), which on the event loop would stall every request the server answers,
and in a thread would still hold the GIL.

One worker process, started on the first job and kept (its imports — numpy, scipy, SimPy — cost
a second once, not per job), runs the jobs one after another; a job waiting its turn is
``queued``. Progress comes back over a queue handed to the worker when it starts, tagged with
the job's id. A worker that dies fails the job it ran and is replaced on the next.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from foresight.simulation_jobs import DaySimulation

_channel: Any = None
"""The child's end of the progress queue (set when the worker starts)."""


def _listen(channel: Any) -> None:
    global _channel
    _channel = channel


def _simulate(job_id: str, work: DaySimulation) -> dict[str, Any]:
    _channel.put((job_id, "started", 0.0))
    return work(lambda done, total: _channel.put((job_id, "progress", done / total)))


class SimulationFailed(RuntimeError):
    """The worker process died while it ran the job."""


Listener = tuple[Callable[[], None], Callable[[float], None]]


class SimulationWorker:
    """Runs ``DaySimulation``s in one child process, one at a time (``foresight.simulation_jobs.
    Simulator``)."""

    def __init__(self, poll_seconds: float = 0.2) -> None:
        self._poll = poll_seconds
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._pool: ProcessPoolExecutor | None = None
        self._channel: Any = None
        self._listeners: dict[str, Listener] = {}

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._channel = self._context.Queue()
            self._pool = ProcessPoolExecutor(
                1, mp_context=self._context, initializer=_listen, initargs=(self._channel,)
            )
        return self._pool

    async def run(
        self,
        job_id: str,
        work: DaySimulation,
        started: Callable[[], None],
        progress: Callable[[float], None],
    ) -> dict[str, Any]:
        pool = self._executor()
        self._listeners[job_id] = (started, progress)
        future: Future[dict[str, Any]] = pool.submit(_simulate, job_id, work)
        waiting = asyncio.wrap_future(future)
        try:
            while True:
                done, _ = await asyncio.wait({waiting}, timeout=self._poll)
                self._drain()
                if done:
                    return waiting.result()
        except BrokenProcessPool:
            self._discard(pool)
            raise SimulationFailed("the simulation process stopped") from None
        finally:
            self._listeners.pop(job_id, None)
            future.cancel()  # a job still waiting its turn is dropped; a running one ends alone

    def _drain(self) -> None:
        """Hand every message waiting on the queue to its job's listener."""
        while self._channel is not None:
            try:
                job_id, kind, value = self._channel.get_nowait()
            except queue.Empty:
                return
            listener = self._listeners.get(job_id)
            if listener is None:
                continue
            if kind == "started":
                listener[0]()
            else:
                listener[1](value)

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        """Stop the worker (the app is shutting down): a running simulation is cut short."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in list(pool._processes.values()):  # the executor has no terminate of its own
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
