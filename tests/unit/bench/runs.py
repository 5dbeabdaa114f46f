"""Small fake runs for the bench tests: the shapes the benchmarks record, with figures we choose."""

from __future__ import annotations

from typing import Any

from bench.results import PERCENTILES, Machine, Record, Run

MACHINE = Machine(2, "Test CPU", (1.5, 1.0, 0.5), "3.11.9")


def curve(p50_ms: float, p99_ms: float) -> list[list[float]]:
    """A made-up but ordered latency distribution with that median and 99th percentile."""
    points = []
    for p in PERCENTILES:
        if p <= 50:
            ms = p50_ms * (0.2 + 0.8 * p / 50)
        elif p <= 99:
            ms = p50_ms + (p99_ms - p50_ms) * (p - 50) / 49
        else:
            ms = p99_ms * (1 + (p - 99))
        points.append([p, round(ms, 3)])
    return points


def endpoint(rps: float, p99_ms: float, p50_ms: float = 10.0) -> dict[str, Any]:
    return {
        "name": "endpoint",
        "requests_per_second": rps,
        "p50_ms": p50_ms,
        "p99_ms": p99_ms,
        "requests": int(rps * 8),
        "non_2xx": 0,
        "errors": 0,
        "percentiles": curve(p50_ms, p99_ms),
    }


def rush(
    backend: str, bare: float, availability: tuple[float, float], booking: tuple[float, float]
) -> Record:
    return Record(
        f"booking-{backend}",
        {
            "backend": backend,
            "seconds": 8,
            "connections": 64,
            "endpoints": {
                "bare": endpoint(bare, 17),
                "availability": endpoint(*availability),
                "booking": endpoint(*booking, p50_ms=60),
            },
        },
    )


def optimiser(requests: int = 100_000, seconds: float = 9.2, mb: float = 433) -> Record:
    size = {
        "requests": requests,
        "offices": 300,
        "assign_s": seconds,
        "assign_cpu_s": seconds - 0.2,
        "build_s": 1.5,
        "peak_s": 0.5,
        "solve_s": 4.4,
        "peak_mb": mb,
        "placed": 0.9897,
        "greedy_placed": 0.9853,
        "crowding": 101.9,
        "crowding_bound": 100.0,
    }
    return Record("optimiser", {"seed": 0, "chains": 0.0, "sizes": [{**size, "requests": 10_000}, size]})


def display(sockets: int = 1000, one: tuple[float, float] = (52, 418), two: float = 112) -> Record:
    def setup(name: str, p50: float, p99: float) -> dict[str, Any]:
        return {
            "name": name,
            "sockets": sockets,
            "calls": 20,
            "p50_ms": p50,
            "p99_ms": p99,
            "max_ms": p99 * 1.1,
            "percentiles": curve(p50, p99),
        }

    return Record(
        "display",
        {
            "sockets": sockets,
            "calls": 20,
            "setups": {
                "one_process": setup("one process, memory", *one),
                "two_processes_redis": setup("two processes, Redis", 58, two),
            },
        },
    )


def issue_run(date: str = "2026-12-01T10:00:00Z", commit: str = "a" * 40) -> Run:
    """The figures of issue 16's "now" column."""
    return Run(
        date,
        commit,
        False,
        MACHINE,
        ["booking", "booking-postgres", "optimiser", "display"],
        records=[
            rush("sqlite", 6402, (4021, 156), (795, 155)),
            rush("postgresql", 6873, (3447, 410), (549, 412)),
            optimiser(),
            display(),
        ],
    )
