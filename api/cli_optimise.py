"""``mawid optimise``: the optimiser from the command line, on the database or a generated instance.

On the database it is the same run as ``POST /manage/optimise`` (a job row any process can read,
the solve in a child process, each answer written atomically), with a progress bar, then the
optimiser beside the first-come-first-served baseline and what became of the requests.
``--rerun JOB_ID`` runs a finished or failed job's scope again, as ``POST /manage/jobs/{id}/rerun``
does. With ``--generate N`` it solves a generated national instance instead and writes nothing.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.planning_wiring import optimiser_jobs_on
from api.settings import Settings
from booking.store.migrate import migrate
from booking.store.offices import OfficeDirectory, OfficeStore
from kernel.clock import clock_from_setting
from kernel.database import Database
from kernel.errors import DomainError
from planning.batch import JobScope
from planning.jobs import OptimiserJobs, scope_to_rerun
from planning.solver_worker import WorkerSolver, solve_and_check
from scheduler.generate import InstanceSpec, generate
from scheduler.report import comparison_table

out = Console()  # tables go to standard output; progress and messages to standard error
err = Console(stderr=True)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    optimise = commands.add_parser(
        "optimise", help="assign pending flexible requests (or a generated instance) and report vs greedy"
    )
    optimise.add_argument("--office", action="append", dest="offices", help="cover only these offices")
    optimise.add_argument("--from", dest="first_day", type=date.fromisoformat, help="first day (YYYY-MM-DD)")
    optimise.add_argument("--to", dest="last_day", type=date.fromisoformat, help="last day (YYYY-MM-DD)")
    optimise.add_argument(
        "--generate", type=int, metavar="N", help="solve a generated instance of N requests"
    )
    optimise.add_argument(
        "--generate-offices", type=int, default=300, help="offices of the generated instance"
    )
    optimise.add_argument("--seed", type=int, default=0, help="seed of the generated instance")
    optimise.add_argument(
        "--rerun", metavar="JOB_ID", help="run a finished or failed job again, over the same offices and days"
    )


@contextmanager
def _bar() -> Iterator[Callable[[float, str], None]]:
    columns = (TextColumn("{task.description:<36}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"))
    with Progress(*columns, TimeElapsedColumn(), console=err, transient=False) as progress:
        task = progress.add_task("starting", total=1.0)
        yield lambda fraction, phase: progress.update(task, completed=fraction, description=phase)


def _generated(requests: int, offices: int, seed: int) -> None:
    started = time.perf_counter()
    instance = generate(InstanceSpec(requests=requests, offices=offices, seed=seed))
    problem = instance.problem
    err.print(
        f"Generated {len(problem.requests):,} requests over {len(instance.offices)} offices, "
        f"{len(problem.slots):,} slots, in {time.perf_counter() - started:.1f} s."
    )
    with _bar() as progress:
        solved = solve_and_check(problem, progress=progress)
        progress(1.0, "verified")
    title = f"Generated instance: {requests:,} requests, seed {seed} (verified)"
    out.print(
        comparison_table(
            solved.metrics, solved.baseline_metrics, solved.solution, title=title, fair=solved.fair_metrics
        )
    )


def _refuse(message: str, code: int = 1) -> SystemExit:
    err.print(f"[red]mawid optimise: {message}[/red]")
    return SystemExit(code)


async def _rerun_scope(jobs: OptimiserJobs, job_id: str) -> JobScope:
    """The scope of the job to run again; refused, as the API refuses, when unknown or live."""
    old = await jobs.job(job_id)
    if old is None:
        raise _refuse(f"there is no optimiser job {job_id}")
    try:
        scope = scope_to_rerun(old)
    except DomainError as refusal:
        raise _refuse(refusal.detail_en) from None
    err.print(f"Running job {old.id} ({old.status}) again over {old.scope}")
    return scope


async def _on_database(settings: Settings, scope: JobScope, rerun_of: str | None = None) -> None:
    database = Database(settings.effective_database_url)
    try:
        await migrate(database)
        clock = clock_from_setting(settings.clock)
        offices = OfficeDirectory(OfficeStore(database), clock)
        jobs = optimiser_jobs_on(database, offices, clock, WorkerSolver())
        if rerun_of is not None:
            scope = await _rerun_scope(jobs, rerun_of)
        job = await jobs.store.create("cli", scope.to_json(), clock.now())
        err.print(f"Job {job.id}")
        with _bar() as progress:
            run = await jobs.run(job.id, scope, progress)
    finally:
        await database.dispose()
    result = run.result
    if run.solved is not None:
        title = f"Optimiser vs greedy on {result['requests']:,} pending requests (verified)"
        out.print(
            comparison_table(
                run.solved.metrics,
                run.solved.baseline_metrics,
                run.solved.solution,
                title=title,
                fair=run.solved.fair_metrics,
            )
        )
    table = Table(title="What became of the requests")
    table.add_column("requests")
    table.add_column("count", justify="right")
    table.add_row("considered", f"{result['requests']:,}")
    table.add_row("assigned (booked)", f"{result['assigned']:,}")
    for reason, count in result["unassigned"].items():
        table.add_row(f"unassigned: {reason}", f"{count:,}")
    table.add_row("left pending", f"{result['left_pending']:,}")
    table.add_row("cancelled meanwhile", f"{result['no_longer_pending']:,}")
    out.print(table)


async def optimise(settings: Settings, args: argparse.Namespace) -> None:
    """Run the ``optimise`` command as parsed."""
    scoped = args.generate is not None or args.offices or args.first_day or args.last_day
    if args.rerun is not None and scoped:
        raise _refuse("--rerun takes the old job's offices and days; give it alone", code=2)
    if args.generate is not None:
        _generated(args.generate, args.generate_offices, args.seed)
        return
    offices = frozenset(args.offices) if args.offices else None
    await _on_database(settings, JobScope(offices, args.first_day, args.last_day), args.rerun)
