"""``mawid worker``: deliver the outbox (SMS, e-mail) until SIGTERM or Ctrl-C.

Run one or more beside the servers when delivery should not share their processes (then set
``MAWID_SENDER=off`` on the servers). On PostgreSQL any number of workers share the outbox (each
claims its own rows, ``FOR UPDATE SKIP LOCKED``); on SQLite run one sender in all. Like
``mawid serve`` it first brings the schema up to date (``api.cli``), waiting while the database
is unreachable. SIGTERM lets the messages in flight finish and be recorded, then it exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from rich.console import Console

from api.delivery import build_sender
from api.request_logging import logging_config
from api.settings import Settings
from kernel.clock import clock_from_setting
from kernel.database import Database

console = Console(stderr=True)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    commands.add_parser(
        "worker",
        help="deliver the outbox's SMS and e-mails until stopped (SIGTERM finishes what is in flight)",
    )


async def worker(settings: Settings) -> int:
    logging_config().configure()
    database = Database(settings.effective_database_url)
    try:
        sender = build_sender(settings, database, clock_from_setting(settings.clock))
        if sender is None:
            console.print(
                "[red]mawid worker: nothing to deliver through: set MAWID_SMS_URL and MAWID_SMS_TOKEN, "
                "MAWID_SMTP_URL and MAWID_MAIL_FROM, or MAWID_DEMO=1[/red]"
            )
            return 2
        loop = asyncio.get_running_loop()
        for stop_signal in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(stop_signal, sender.stop)
        console.print("mawid worker: delivering the outbox (SIGTERM to stop)")
        try:
            await sender.run()
        finally:
            await sender.close()
        console.print("mawid worker: stopped")
    finally:
        await database.dispose()
    return 0
