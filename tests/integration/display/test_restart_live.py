"""Nothing of the hall is lost on a crash: a real server on the embedded default (memory queue,
SQLite) is killed with SIGKILL mid-morning and started again on the same data."""

from __future__ import annotations

import os
import signal
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import WORKING_MORNING
from tests.integration.display.conftest import server_env
from tests.integration.display.hall_client import Screen, Staff
from tests.integration.helpers import booking_body, slots
from tests.live_server import free_port, live_server

OFFICE = "cairo-abbassia-passports"


async def book_today(http: httpx.AsyncClient, service: str) -> dict[str, Any]:
    start = (await slots(http, OFFICE, service, WORKING_MORNING.date().isoformat()))[0]["start"]
    body = booking_body(start, service=service, office_id=OFFICE)
    response = await http.post("/api/v1/bookings", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def check_in(staff: Staff, code: str) -> httpx.Response:
    return await staff.http.post(
        f"/api/v1/offices/{OFFICE}/tickets", json={"booking_code": code}, headers=staff.headers
    )


async def test_a_server_killed_mid_morning_comes_back_with_its_queue(
    sqlite_template: Path, tmp_path: Path
) -> None:
    env, port = server_env(tmp_path, sqlite_template), free_port()
    with live_server(env, port=port) as first:
        staff = await Staff.at(first.url, OFFICE)
        service, counter = await staff.first_service_and_counter()
        served = await staff.walk_in(service)
        await staff.open(counter)
        assert (await staff.call_next(counter))["ticket_id"] == served["ticket_id"]
        await staff.step(served["ticket_id"], "start")
        booking = await book_today(staff.http, service)
        checked = await check_in(staff, booking["code"])
        assert checked.status_code == 201, checked.text
        before = await staff.board()
        assert before["waiting"][service] == 1 and len(before["serving"]) == 1
        screen = await Screen.connect(first.url, OFFICE)
        seen = (await screen.receive())["seq"]
        await screen.close()
        await staff.close()
        os.kill(first.pid, signal.SIGKILL)

    # Time passed while it was down: the appointment's slot has come.
    slot = datetime.fromisoformat(booking["start"])
    later = max(slot, WORKING_MORNING) + timedelta(minutes=1)
    with live_server({**env, "MAWID_CLOCK": later.isoformat()}, port=port) as second:
        staff = await Staff.at(second.url, OFFICE)
        board = await staff.board()
        assert board["serving"] == before["serving"]
        assert [s["number"] for s in board["serving"]] == [served["number"]]
        assert board["waiting"] == before["waiting"] and board["recent"] == before["recent"]

        # Screens from before the crash, behind or ahead of the new log, get the board afresh.
        for after in (seen, board["seq"] + 1000):
            back = await Screen.connect(second.url, OFFICE, after=after)
            snapshot = await back.receive()
            assert snapshot["type"] == "snapshot" and snapshot["serving"] == before["serving"]
            await back.close()

        walk_in = await staff.walk_in(service)
        issued_before = {served["number"], checked.json()["number"]}
        assert walk_in["number"] == "P-003" and walk_in["number"] not in issued_before
        again = await check_in(staff, booking["code"])
        assert (again.status_code, again.json()["code"]) == (409, "already_checked_in")

        # The counter is still open and still holds its citizen; then it carries on.
        await staff.step(served["ticket_id"], "complete")
        assert (await staff.call_next(counter))["number"] == checked.json()["number"]
        await staff.close()
