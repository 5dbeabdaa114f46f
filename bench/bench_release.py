"""Who gets the most wanted time of a new day: a bot that asks first, or people who ask later.

A bot sends its bookings the instant the day opens; honest citizens ask over the next minutes,
everyone for the day's first slot (the time people want most). Printed: how many of the bot's
attempts and of the honest ones got that slot, with fair releases off (the rolling window: the
slot opens at its exact minute and goes to whoever is first) and on (the day opens at 09:00 and
the first ten minutes are decided by lot).

    .venv/bin/python -m bench.bench_release [--bot 20] [--honest 40]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient

from api.app import create_app
from api.rate_limits import room
from api.settings import Settings
from booking.release import OFF, ReleasePolicy
from booking.store.migrate import migrate
from booking.store.seed import seed_demo_offices
from kernel.clock import FixedClock
from kernel.database import Database

OFFICE, SERVICE = "giza-passports", "passport-renewal"
NEW_DAY = "2027-02-04"  # 60 days after Sunday 6 December 2026
_serials = itertools.count(1)


def identity() -> dict[str, str]:
    n = next(_serials)
    return {"type": "national_id", "number": f"290010101{n % 10000:04d}{n // 10000 % 10}"}


def body(start: str) -> dict[str, Any]:
    return {
        "service": SERVICE,
        "office_id": OFFICE,
        "start": start,
        "identity": identity(),
        "full_name": "منى عبد الرحمن السيد",
        "phone": f"010{next(_serials):08d}",
    }


async def contest(release: ReleasePolicy, opens: datetime, bot: int, honest: int) -> dict[str, Any]:
    clock = FixedClock(opens)
    with tempfile.TemporaryDirectory() as data_dir:
        database = Database(f"sqlite:///{data_dir}/mawid.sqlite3")
        await migrate(database)
        await seed_demo_offices(database)
        await database.dispose()
        settings = Settings(
            demo=True, data_dir=Path(data_dir), rate_limits=room(), release=release, secret_key="b" * 40
        )
        async with AsyncTestClient(create_app(settings, clock)) as client:
            answer = await client.get(
                f"/api/v1/offices/{OFFICE}/availability",
                params={"service": SERVICE, "from": NEW_DAY, "to": NEW_DAY},
            )
            assert answer.status_code == 200, answer.text
            wanted = answer.json()["days"][0]["slots"][0]
            people: list[tuple[str, str, Any]] = []  # (who, identity number, answer)

            async def ask(who: str) -> None:
                sent = body(wanted["start"])
                answer = await client.post("/api/v1/bookings", json=sent)
                people.append((who, sent["identity"]["number"], answer))

            for _ in range(bot):  # the bot, all in the first instant
                await ask("bot")
            for _ in range(honest):  # people, over the next minutes
                clock.advance(timedelta(seconds=9))
                await ask("honest")
            clock.instant = opens + timedelta(minutes=12)
            await asyncio.sleep(6)  # the server's watcher decides the draw
            got = {"bot": 0, "honest": 0}
            for who, number, response in people:
                made = response.json()
                if response.status_code == 201:
                    start = made["start"]
                elif response.status_code == 202:  # an entry into the draw: what became of it
                    state = await client.get(
                        f"/api/v1/booking-requests/{made['request_id']}",
                        headers={"X-Identity-Number": number},
                    )
                    start = (state.json().get("booking") or {}).get("start")
                else:
                    start = None
                got[who] += start == wanted["start"]
            return {"capacity": wanted["remaining"], **got}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bot", type=int, default=20)
    parser.add_argument("--honest", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=20, help="openings drawn (the draw is random)")
    args = parser.parse_args()
    opening = datetime.fromisoformat("2026-12-06T09:00:00+02:00")
    rolling_opens = datetime.fromisoformat("2026-12-06T08:00:00+02:00")  # the first slot's own minute
    before = await contest(OFF, rolling_opens, args.bot, args.honest)
    after = {"bot": 0, "honest": 0}
    for _ in range(args.rounds):
        drawn = await contest(ReleasePolicy(), opening, args.bot, args.honest)
        after = {who: after[who] + drawn[who] for who in after}
    print(
        f"{args.bot} bot attempts at the opening instant, {args.honest} honest ones over the next 6 minutes,"
    )
    print(
        f"all for the day's first slot ({before['capacity']} places); the draw over {args.rounds} openings:"
    )
    for name, figures, rounds in (
        ("fair releases off (rolling window)", before, 1),
        ("fair releases on (draw)", after, args.rounds),
    ):
        bot_share = figures["bot"] / (args.bot * rounds)
        honest_share = figures["honest"] / (args.honest * rounds)
        print(
            f"  {name:<36} bot got {figures['bot']:>2} ({bot_share:5.1%} of its attempts), "
            f"honest got {figures['honest']:>2} ({honest_share:5.1%})"
        )


if __name__ == "__main__":
    asyncio.run(main())
