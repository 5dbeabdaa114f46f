"""Run every benchmark in turn (``make bench``); each prints its own figures.

    .venv/bin/python -m bench                # all
    .venv/bin/python -m bench booking        # one, by name
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = {
    "booking": ["bench.bench_booking", "--seconds", "8"],
    "optimiser": ["bench.bench_optimiser"],
    "demo-jobs": ["bench.bench_demo_jobs"],
    "display": ["bench.bench_display"],
    "release": ["bench.bench_release"],
    "delivery": ["bench.bench_delivery"],
    "simulation": ["bench.bench_simulation"],
}


def main() -> int:
    chosen = sys.argv[1:] or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    failed = 0
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        failed |= subprocess.run([sys.executable, "-m", *BENCHMARKS[name]], check=False).returncode
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
