"""The optimiser on the demo offices, through the HTTP API: prints figures, asserts nothing.

    .venv/bin/python -m bench.bench_demo_jobs [--requests 1500] [--seed 0] [--postgres URL]

A fresh database with the 18 demo offices, on the demo clock (Sunday 6 December 2026, 08:00
Cairo). Direct bookings already hold a share of Monday's early slots; then a morning's flexible
requests arrive, skewed as people are (most want the first days and the morning, and ask around
where they live), and an administrator runs one optimiser job over every office. The job's own
figures are printed (optimiser beside first-come-first-served on the same snapshot), then the
busiest office is shut on the Monday and its bookings rebalanced: preview, then apply.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient
from rich.console import Console
from rich.table import Table

from api.app import create_app
from api.rate_limits import room
from api.settings import Settings
from booking.services import SERVICES, Eligibility
from booking.store.migrate import migrate
from booking.store.seed import seed_demo_accounts, seed_demo_offices
from kernel.clock import FixedClock
from kernel.database import Database

console = Console()
SUNDAY_MORNING = "2026-12-06T08:00:00+02:00"
DAYS = ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-13"]
SECRET = "bench-demo-secret-bench-demo-secret-0123456"


def _identity(n: int, service: str) -> dict[str, Any]:
    if SERVICES[service].eligibility is Eligibility.FOREIGNER:
        return {"type": "passport", "number": f"P{n:07d}", "nationality": "SDN"}
    governorate = ("01", "02", "03", "04", "11", "12", "13", "14", "21", "22")[n // 100_000 % 10]
    return {"type": "national_id", "number": f"2900101{governorate}{n % 10000:04d}{n // 10000 % 10}"}


def _request(n: int, office: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    service = rng.choice(office["services"])
    first = rng.choices(range(3), weights=[0.55, 0.3, 0.15])[0]
    last = min(len(DAYS) - 1, first + rng.choice([0, 1, 2, 3]))
    time_of_day = rng.choices([None, "morning", "midday", "afternoon"], weights=[0.4, 0.35, 0.15, 0.1])[0]
    body = {
        "service": service,
        "identity": _identity(n, service),
        "full_name": "مواطن تجريبي",
        "phone": "01012345678",
        "near": {
            "lat": office["lat"] + rng.gauss(0, 0.03),
            "lon": office["lon"] + rng.gauss(0, 0.03),
            "max_km": 25,
        },
        "from": DAYS[first],
        "to": DAYS[last],
    }
    if time_of_day:
        body["time_of_day"] = time_of_day
    return body


async def _direct_bookings(
    client: Any, offices: list[dict[str, Any]], share: float, rng: random.Random
) -> int:
    """Direct bookings take ``share`` of Monday's slots before 10:00 at every office."""
    made, n = 0, 900_000
    for office in offices:
        for service in office["services"]:
            days = (
                await client.get(
                    f"/api/v1/offices/{office['id']}/availability",
                    params={"service": service, "from": DAYS[0], "to": DAYS[0]},
                )
            ).json()["days"]
            for slot in days[0]["slots"] if days else []:
                if slot["start"] >= f"{DAYS[0]}T10":
                    continue
                for _ in range(round(slot["remaining"] * share)):
                    n += 1
                    body = {
                        "service": service,
                        "office_id": office["id"],
                        "start": slot["start"],
                        "identity": _identity(n, service),
                        "full_name": "مواطن تجريبي",
                        "phone": "01012345678",
                    }
                    made += (await client.post("/api/v1/bookings", json=body)).status_code == 201
    return made


def _comparison(result: dict[str, Any]) -> Table:
    table = Table(title=f"One optimiser job on the demo offices ({result['requests']:,} requests, verified)")
    for column in ("metric", "optimiser", "greedy (FCFS)"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    ours, greedy = result["optimiser"], result["greedy"]
    for key, shown in (
        ("placed_share", "{:.1%}"),
        ("peak_utilisation", "{:.1%}"),
        ("peak_hour_utilisation", "{:.1%}"),
        ("mean_utilisation", "{:.1%}"),
        ("utilisation_std", "{:.3f}"),
        ("mean_distance_km", "{:.1f}"),
        ("crowding_cost", "{:,.0f}"),
        ("objective", "{:,.0f}"),
    ):
        table.add_row(key.replace("_", " "), shown.format(ours[key]), shown.format(greedy[key]))
    table.add_row("lower bound / gap", f"{result['lower_bound']:,.0f} / {result['gap']:.2%}", "")
    reasons = ", ".join(f"{k} {v}" for k, v in result["unassigned"].items()) or "none"
    table.add_row("unassigned, by reason", reasons, "")
    table.add_row(
        "assigned / unassigned / left pending",
        f"{result['assigned']} / {sum(result['unassigned'].values())} / {result['left_pending']}",
        "",
    )
    table.add_row(
        "seconds: load / solve / write",
        " / ".join(f"{result['seconds'][k]:.2f}" for k in ("load", "solve", "write")),
        "",
    )
    return table


async def run(requests: int, seed: int, database_url: str | None) -> None:
    rng = random.Random(seed)
    data_dir = Path(tempfile.mkdtemp(prefix="mawid-bench-demo-"))
    url = database_url or f"sqlite:///{data_dir / 'mawid.sqlite3'}"
    clock = FixedClock(datetime.fromisoformat(SUNDAY_MORNING))
    await _seed_demo(url, clock)
    settings = Settings(
        database_url=url,
        secret_key=SECRET,
        data_dir=data_dir,
        rate_limits=room(),
        active_bookings_per_mobile=10_000,  # the demo's citizens share one mobile number
    )
    async with AsyncTestClient(create_app(settings, clock), timeout=120) as client:
        admin = await _admin(client)
        offices = (await client.get("/api/v1/offices")).json()
        direct = await _direct_bookings(client, offices, 0.5, rng)
        accepted, seconds = await _flexible_requests(client, offices, requests, rng)
        console.print(f"{direct:,} direct bookings; {accepted:,} of {requests:,} requests in {seconds:.1f} s")
        job = await _optimiser_job(client, admin)
        if job["status"] != "done":
            console.print(job["error"])
            return
        console.print(_comparison(job["result"]))
        await _rebalance_busiest(client, admin, offices)


async def _seed_demo(url: str, clock: FixedClock) -> None:
    """A migrated database with the demo offices and staff accounts."""
    database = Database(url)
    await migrate(database)
    await seed_demo_offices(database)
    await seed_demo_accounts(database, clock.now())
    await database.dispose()


async def _admin(client: Any) -> dict[str, str]:
    """The headers of the demo administrator, signed in."""
    token = (
        await client.post("/api/v1/auth/token", json={"username": "admin", "password": "demo-admin-2026"})
    ).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


async def _flexible_requests(
    client: Any, offices: list[dict[str, Any]], requests: int, rng: random.Random
) -> tuple[int, float]:
    """A morning's flexible requests, each near a random office: how many were taken, in how long."""
    started = time.perf_counter()
    sent = [
        (
            await client.post("/api/v1/booking-requests", json=_request(n, rng.choice(offices), rng))
        ).status_code
        for n in range(requests)
    ]
    return sent.count(202), time.perf_counter() - started


async def _optimiser_job(client: Any, admin: dict[str, str]) -> dict[str, Any]:
    """One optimiser job over every office, followed until it is done or failed."""
    started = time.perf_counter()
    job_id = (await client.post("/api/v1/manage/optimise", json={}, headers=admin)).json()["job_id"]
    while (job := (await client.get(f"/api/v1/manage/jobs/{job_id}", headers=admin)).json())[
        "status"
    ] not in (
        "done",
        "failed",
    ):
        await asyncio.sleep(0.2)
    console.print(f"job {job['status']} in {time.perf_counter() - started:.1f} s (wall, through the API)")
    return dict(job)


async def _rebalance_busiest(client: Any, admin: dict[str, str], offices: list[dict[str, Any]]) -> None:
    """Shut the office with the most Monday bookings on Monday, preview its rebalance, apply it."""
    loads = {
        o["id"]: (
            await client.get(
                f"/api/v1/manage/offices/{o['id']}/load?from={DAYS[0]}&to={DAYS[0]}", headers=admin
            )
        ).json()["days"][0]["booked"]
        for o in offices
    }
    busiest = max(loads, key=loads.__getitem__)
    await client.post(
        f"/api/v1/manage/offices/{busiest}/closures",
        json={"date": DAYS[0], "reason_en": "maintenance work", "reason_ar": "أعمال صيانة"},
        headers=admin,
    )
    started = time.perf_counter()
    plan = (
        await client.post(
            f"/api/v1/manage/offices/{busiest}/rebalance-plans", json={"from": DAYS[0]}, headers=admin
        )
    ).json()
    preview_s = time.perf_counter() - started
    applied = (
        await client.post(f"/api/v1/manage/rebalance-plans/{plan['plan_id']}/apply", headers=admin)
    ).json()
    s = plan["stats"]
    console.print(
        f"Rebalance of {busiest} on {DAYS[0]} ({loads[busiest]} bookings): preview {preview_s:.2f} s — "
        f"{s['stayed']} stay, {s['moved_same_office_same_day']} same day, "
        f"{s['moved_same_office_other_day']} same office other day, {s['moved_other_office']} nearby "
        f"office ({s['travel_km']:.0f} km in all), {s['unplaced']} unplaced; applied: {applied['moved']} "
        f"moved, {applied['cancelled']} cancelled, {len(applied['skipped'])} skipped, "
        f"{applied['notifications']} messages in the outbox"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--postgres", help="a PostgreSQL URL of an empty database instead of SQLite")
    args = parser.parse_args()
    asyncio.run(run(args.requests, args.seed, args.postgres))


if __name__ == "__main__":
    main()
