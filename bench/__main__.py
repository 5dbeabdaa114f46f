"""Run every benchmark in turn (``make bench``); each prints its own figures, then one summary.

    .venv/bin/python -m bench                # all
    .venv/bin/python -m bench booking        # one, by name
    .venv/bin/python -m bench --quick        # issue 16's benchmarks, shortened: checks the wiring

Each benchmark hands its figures to ``bench.results.record`` (a JSON-lines file named by
``MAWID_BENCH_RECORDS``); at the end the run — machine, date, commit, every figure and latency
percentiles — is written to ``bench/results/<UTC date-time>Z-<commit>.json`` and issue 16's table
is printed with the targets beside (``bench.summary``). ``make bench-plot`` draws the last runs'
latency CDFs. The PostgreSQL rush runs on a fresh database created on ``MAWID_BENCH_POSTGRES``
(default: the local server's ``test`` database as admin URL).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from bench.results import RECORDS_ENV, RESULTS_DIR, read_records, start_run, write_run
from bench.summary import print_run

POSTGRES = os.environ.get("MAWID_BENCH_POSTGRES", "postgresql+asyncpg://postgres@127.0.0.1/test")

BENCHMARKS = {
    "booking": ["bench.bench_booking", "--seconds", "8"],
    "booking-postgres": ["bench.bench_booking", "--seconds", "8", "--postgres", POSTGRES],
    "optimiser": ["bench.bench_optimiser"],
    "demo-jobs": ["bench.bench_demo_jobs"],
    "display": ["bench.bench_display"],
    "release": ["bench.bench_release"],
    "delivery": ["bench.bench_delivery"],
    "simulation": ["bench.bench_simulation"],
}

# `--quick`: issue 16's benchmarks in a few minutes on a loaded machine — the figures are only
# there to show every part is wired (the summary judges no target measured at another scale).
QUICK = {
    "booking": ["bench.bench_booking", "--seconds", "3"],
    "booking-postgres": ["bench.bench_booking", "--seconds", "3", "--postgres", POSTGRES],
    "optimiser": ["bench.bench_optimiser", "--sizes", "10000"],
    "display": ["bench.bench_display", "--sockets", "200", "--calls", "5"],
}


def without_password(argument: str) -> str:
    """An argument as the run file may keep it: a database URL's password masked (runs are committed)."""
    return re.sub(r"(://[^:/@]+:)[^@]+@", r"\1***@", argument)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        epilog=f"benchmarks: {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="shortened runs of issue 16's benchmarks")
    parser.add_argument(
        "--results", type=Path, default=RESULTS_DIR, help="where to write the run (%(default)s)"
    )
    args = parser.parse_args(argv)
    commands = {**BENCHMARKS, **QUICK} if args.quick else BENCHMARKS
    chosen = args.names or list(QUICK if args.quick else BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    shown = [" ".join([name, *map(without_password, commands[name][1:])]) for name in chosen]
    run = start_run(shown, quick=args.quick)
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        records = Path(scratch) / "records.jsonl"
        env = {**os.environ, RECORDS_ENV: str(records)}
        for name in chosen:
            print(f"\n=== {name} ===", flush=True)
            done = subprocess.run([sys.executable, "-m", *commands[name]], env=env, check=False)
            if done.returncode:
                failed.append(name)
        run = replace(run, records=read_records(records))
    print()
    print_run(run, where=write_run(run, args.results))
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
