"""The ``mawid`` command: serve, worker, migrate, seed-demo, create-user, user (and optimise, simulate,
see --help)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import itertools
import sys
import time
from collections.abc import Callable, Sequence

from rich.console import Console

from api import cli_audit, cli_forecast, cli_optimise, cli_purge, cli_simulate, cli_worker
from api.audit import AuditTrail
from api.outages import dependency_down
from api.settings import Settings, SettingsError
from booking.calendar import local_today
from booking.demo import DEMO_OFFICES
from booking.identity import IdentityHasher
from booking.staff import Role
from booking.store.migrate import migrate
from booking.store.seed import DEMO_ACCOUNTS, seed_demo_accounts, seed_demo_offices
from booking.store.staff import StaffStore
from kernel.clock import clock_from_setting
from kernel.database import Database
from kernel.days import TIMEZONE

console = Console(stderr=True)


async def prepare(settings: Settings, seed: bool) -> None:
    """Migrate, and in demo mode seed offices, their past and accounts on first start."""
    database = Database(settings.effective_database_url)
    try:
        await migrate(database)
        if seed:
            added = await seed_demo_offices(database)
            if added:
                console.print(f"Seeded {added} demo offices.")
            await _seed_demo_history(settings, database)
        if settings.demo:
            now = clock_from_setting(settings.clock).now()
            created = await seed_demo_accounts(database, now)
            if created:
                console.print("Demo staff accounts (demo mode only):")
                for username, password, role, _ in DEMO_ACCOUNTS:
                    if username in created:
                        console.print(f"  {role.value:8} {username} / {password}")
    finally:
        await database.dispose()


async def _seed_demo_history(settings: Settings, database: Database) -> None:
    """``MAWID_DEMO_HISTORY_WEEKS`` weeks of simulated past for the demo offices that have none."""
    if settings.demo_history_weeks <= 0:
        return
    from foresight.store.demo_history import write_demo_history  # numpy and SimPy: only when seeding

    try:
        hasher = IdentityHasher.from_secret(*settings.resolved_identity_keys())
    except SettingsError as error:
        console.print(f"No demo history written: {error}")
        return
    now = clock_from_setting(settings.clock).now()
    started = time.perf_counter()
    with console.status(f"Simulating {settings.demo_history_weeks} weeks of demo history…"):
        written = await write_demo_history(
            database, DEMO_OFFICES, now, local_today(now, TIMEZONE), settings.demo_history_weeks, hasher
        )
    if written.offices:
        console.print(
            f"Wrote {settings.demo_history_weeks} weeks of demo history for {written.offices} offices: "
            f"{written.tickets} tickets, {written.bookings} bookings ({time.perf_counter() - started:.1f} s)."
        )


START_RETRY_SECONDS = (1, 2, 4, 8, 10)
"""Back-off while the database cannot be reached at start; the last pause repeats."""


async def _prepare_when_reachable(settings: Settings) -> None:
    """``prepare``, tried again with back-off for as long as the database is unreachable: a node
    started during an outage comes up when it ends, instead of failing and needing a hand."""
    for attempt in itertools.count():
        try:
            await prepare(settings, seed=settings.demo)
            return
        except Exception as error:
            if dependency_down(error) is None:
                raise
            pause = START_RETRY_SECONDS[min(attempt, len(START_RETRY_SECONDS) - 1)]
            console.print(f"mawid: database unreachable ({type(error).__name__}); retrying in {pause} s")
            await asyncio.sleep(pause)


# A worker imports the whole app before it answers the supervisor's first health check; on a
# loaded machine that took 10-14 s, past uvicorn's 5 s, and the workers were killed and restarted
# in a loop. 30 s still replaces a hung worker. It is also how long a dead worker can go unnoticed:
# uvicorn's supervisor keeps its end of each worker's pipe open, so a worker killed between a ping
# and its answer is seen dead only when this wait runs out.
WORKER_HEALTHCHECK_SECONDS = 30


def _serve(settings: Settings) -> None:
    import uvicorn

    settings.resolved_secret()  # fail before starting workers, with a clear message
    settings.resolved_identity_keys()
    asyncio.run(_prepare_when_reachable(settings))
    docs = "  (API docs: /schema)" if settings.public_schema else ""
    console.print(f"Mawid on http://{settings.host}:{settings.port}{docs}")
    from api.http_server import MawidH11Protocol
    from api.metrics import prepare_multiprocess

    # Several workers share their metrics through files (api/metrics.py); set before they start.
    prepare_multiprocess(settings.workers, settings.data_dir)
    uvicorn.run(
        "api.app:create_app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level="warning",
        access_log=False,
        # Head/body deadlines and the connection cap (api/http_server.py); pinned to h11, which
        # it builds on, whether or not httptools is installed.
        http=MawidH11Protocol,
        limit_concurrency=settings.max_connections,
        server_header=False,  # no "server: uvicorn" banner telling scanners what to try
        # X-Forwarded-For is believed only from MAWID_TRUSTED_PROXIES (api/client_address.py);
        # uvicorn's own handling would believe it from 127.0.0.1 before we see the peer.
        proxy_headers=False,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        # The hall's frames are a few hundred bytes of JSON sent to every screen: compressing
        # them is zlib per socket per frame (a fifth of the fan-out's CPU, README "Benchmarks")
        # for bytes a LAN does not miss, and it would undo the one encoding every screen shares.
        ws_per_message_deflate=False,
    )


async def _create_user(settings: Settings, username: str, role: Role, offices: list[str]) -> None:
    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise SettingsError("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        raise SettingsError("a staff password needs at least 12 characters")
    if role is not Role.ADMIN and not offices:
        raise SettingsError("a manager, agent or kiosk needs at least one --office")
    database = Database(settings.effective_database_url)
    try:
        await migrate(database)
        staff = StaffStore(database)
        if await staff.exists(username):
            raise SettingsError(f"user {username!r} exists already")
        await staff.create(username, password, role, offices, clock_from_setting(settings.clock).now())
    finally:
        await database.dispose()
    console.print(f"Created {role.value} {username!r} for {', '.join(offices) or 'all offices'}.")


CONSOLE_ACTOR = "console"
"""Who the audit trail names for a change made with ``mawid user`` at the server's console."""


async def _user_command(settings: Settings, action: str, username: str | None) -> None:
    """``mawid user list|deactivate NAME|activate NAME``: what an administrator does on the
    dashboard's API, for an operator at the console (e.g. when no administrator can log in).
    Deactivating ends the account's sessions; every server process refuses its tokens within
    seconds."""
    database = Database(settings.effective_database_url)
    try:
        await migrate(database)
        staff = StaffStore(database)
        if action == "list":
            for account in await staff.accounts():
                user = account.user
                state = "active" if account.active else "inactive"
                last = account.last_login_at.isoformat() if account.last_login_at else "never"
                print(f"{user.username}\t{user.role.value}\t{','.join(user.offices) or '*'}\t{state}\t{last}")
            return
        assert username is not None
        before = await staff.account(username)
        after = await staff.change(username, active=action == "activate")
        if before is None or after is None:
            raise SettingsError(f"there is no staff account {username!r}")
        await AuditTrail.on(database, clock_from_setting(settings.clock)).record(
            actor=CONSOLE_ACTOR,
            action=f"staff.{action}d",
            target=username,
            detail={"before": {"active": before.active}, "after": {"active": after.active}},
        )
    finally:
        await database.dispose()
    console.print(f"{'Activated' if action == 'activate' else 'Deactivated'} {username!r}.")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="mawid", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="migrate, seed in demo mode, and serve HTTP")
    commands.add_parser("migrate", help="bring the database schema up to date")
    commands.add_parser(
        "seed-demo",
        help="add the demo offices to an empty database, and their past (MAWID_DEMO_HISTORY_WEEKS)",
    )
    user = commands.add_parser("create-user", help="add a staff account (password on stdin)")
    user.add_argument("username")
    user.add_argument("--role", required=True, choices=[r.value for r in Role])
    user.add_argument("--office", action="append", default=[], dest="offices")
    accounts = commands.add_parser("user", help="list, deactivate or activate staff accounts")
    account_actions = accounts.add_subparsers(dest="user_action", required=True)
    account_actions.add_parser("list", help="every staff account, its role, offices and last login")
    for action, says in (
        ("deactivate", "refuse its logins and end its sessions"),
        ("activate", "let it log in again"),
    ):
        account_actions.add_parser(action, help=says).add_argument("username")
    cli_optimise.add_parser(commands)
    cli_simulate.add_parser(commands)
    cli_forecast.add_parser(commands)
    cli_audit.add_parser(commands)
    cli_purge.add_parser(commands)
    cli_worker.add_parser(commands)
    return root


def _migrate(settings: Settings) -> None:
    asyncio.run(prepare(settings, seed=False))
    console.print("Database is up to date.")


def _worker(settings: Settings) -> int:
    asyncio.run(_prepare_when_reachable(settings))  # as serve starts: migrate (and seed a demo)
    return asyncio.run(cli_worker.worker(settings))


Command = Callable[[Settings, argparse.Namespace], int | None]
"""A command's work, given the settings and its arguments: its exit status, or None for 0."""

COMMANDS: dict[str, Command] = {
    "serve": lambda settings, args: _serve(settings),
    "migrate": lambda settings, args: _migrate(settings),
    "seed-demo": lambda settings, args: asyncio.run(prepare(settings, seed=True)),
    "create-user": lambda settings, args: asyncio.run(
        _create_user(settings, args.username, Role(args.role), args.offices)
    ),
    "user": lambda settings, args: asyncio.run(
        _user_command(settings, args.user_action, getattr(args, "username", None))
    ),
    "optimise": lambda settings, args: asyncio.run(cli_optimise.optimise(settings, args)),
    "simulate": lambda settings, args: asyncio.run(cli_simulate.simulate(settings, args)),
    "forecast": lambda settings, args: asyncio.run(cli_forecast.forecast(settings, args)),
    "audit": lambda settings, args: asyncio.run(cli_audit.audit(settings, args)),
    "purge": lambda settings, args: asyncio.run(cli_purge.purge(settings, args)),
    "worker": lambda settings, args: _worker(settings),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](Settings.from_env(), args) or 0
    except SettingsError as error:
        console.print(f"[red]mawid: {error}[/red]")
        return 2


if __name__ == "__main__":
    sys.exit(main())
