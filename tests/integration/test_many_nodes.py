"""Three nodes behind HAProxy on one PostgreSQL and one Redis, one SIGKILLed and restarted while
citizens book and a hall runs through the balancer: a short run of ``deploy/nodes.py`` (``make
nodes`` runs the long one and prints its figures)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy.engine import make_url

from deploy.nodes import run
from tests.services import POSTGRES_ADMIN_URL, port_open, require

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]


def test_a_node_killed_under_load_loses_nothing_and_the_balancer_keeps_answering() -> None:
    require(shutil.which("haproxy") is not None, "the haproxy binary (Debian package haproxy)")
    require(shutil.which("redis-server") is not None, "the redis-server binary")
    admin = make_url(POSTGRES_ADMIN_URL)
    require(port_open(admin.host or "127.0.0.1", admin.port or 5432), "PostgreSQL")

    report = run(seconds=12, down=2, bookers=3)

    print("\n".join(report.lines()))
    assert report.bookings_confirmed > 0 and report.tickets_issued > 0 and report.tickets_called > 0
    # Every booking answered 201 is in the database; more may be (a 201 lost with the node).
    assert report.bookings_confirmed_in_database == report.bookings_confirmed
    assert report.bookings_in_database >= report.bookings_confirmed
    assert report.numbers_given_twice == 0
    assert report.tickets_called_twice == 0
    # HAProxy took the node out, kept answering from the others, and took it back after its restart.
    assert report.seen_down_after is not None
    assert report.answered_2xx_during_outage > 0
    assert report.back_after_restart is not None, report.restarted_node_log
    assert report.invariants_hold()
