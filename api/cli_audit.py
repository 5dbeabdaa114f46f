"""``mawid audit verify``: walk the audit log's hash chain and name the first row that breaks it.

Exit 0 with "N events, chain intact" and the head hash; exit 1 with the first edited, inserted or
deleted event. The chain alone cannot see its own last rows cut off, so keep the head hash this
prints somewhere the database's owners cannot write (a ticket, a signed e-mail, a printout) and
pass it back with ``--head``: a log cut short, or rewritten from some row on, then fails.
"""

from __future__ import annotations

import argparse

from rich.console import Console

from api.settings import Settings
from booking.store.audit_events import AuditEventStore
from kernel.database import Database

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="check the audit log")
    actions = audit.add_subparsers(dest="audit_action", required=True)
    verify = actions.add_parser("verify", help="walk the hash chain; exit 1 at the first broken event")
    verify.add_argument(
        "--head", metavar="HASH", help="a head hash an earlier verify printed: the log must still reach it"
    )


async def audit(settings: Settings, args: argparse.Namespace) -> int:
    """Exit status of ``mawid audit verify``: 0 intact, 1 broken."""
    database = Database(settings.effective_database_url)
    try:
        report = await AuditEventStore(database).verify(head=args.head)
    finally:
        await database.dispose()
    if report.broken is None:
        out.print(f"{report.events} events, chain intact")
        out.print(f"head {report.head}")
        return 0
    broken = report.broken
    where = f"event {broken.event_id}" if broken.event_id is not None else "the log"
    out.print(f"[red]{where}: {broken.kind} — {broken.explanation}[/red]")
    err.print(f"checked {report.events} events; the chain holds up to the event before")
    return 1
