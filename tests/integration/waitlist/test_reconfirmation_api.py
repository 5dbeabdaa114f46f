"""Reconfirmation over HTTP on SQLite and PostgreSQL, read in the demo inbox: bookings of a service
in scope are asked by SMS on the 10th day before the visit; one not reconfirmed by the end of the
3rd day before is cancelled with a message, and its seat offered to the waitlist."""

from __future__ import annotations

from datetime import datetime, timedelta

from kernel.clock import FixedClock
from tests.integration.helpers import GIZA, booking_body, login, national_id, slots
from tests.integration.waitlist.conftest import Client, Inbox, waitlist_body

VISIT_DAY = "2026-12-20"
ASKED = datetime.fromisoformat("2026-12-10T07:00:00+02:00")
PAST_DEADLINE = datetime.fromisoformat("2026-12-18T00:00:01+02:00")


async def test_an_unconfirmed_booking_is_released_to_the_waitlist(
    demo: Client, inbox: Inbox, clock: FixedClock
) -> None:
    slot = (await slots(demo, GIZA, day=VISIT_DAY))[0]
    held = []
    for _ in range(slot["remaining"]):
        number = national_id()
        made = await demo.post("/api/v1/bookings", json=booking_body(slot["start"], number, lang="en"))
        assert made.status_code == 201, made.text
        held.append((made.json()["code"], number))
    waiting = waitlist_body(national_id(), "01055556661", VISIT_DAY)
    assert (await demo.post("/api/v1/waitlist", json=waiting)).status_code == 202

    await inbox.run()  # the window has not opened: nobody is asked yet
    assert not [t for t in await inbox.texts("01012345678") if "Will you come" in t]

    clock.instant = ASKED
    await inbox.run()
    await inbox.run()  # asked once, however often the work runs
    asked = [t for t in await inbox.texts("01012345678") if "Will you come" in t]
    assert len(asked) == len(held)
    first_code, first_number = held[0]
    assert any(f"/reconfirm/{first_code}" in text for text in asked)

    for code, number in held[1:]:
        done = await demo.post(f"/api/v1/bookings/{code}/reconfirm", headers={"X-Identity-Number": number})
        assert done.status_code == 200, done.text
        assert done.json()["status"] == "reconfirmed"
        assert done.json()["deadline"] == "2026-12-18T00:00:00+02:00"
    wrong = await demo.post(
        f"/api/v1/bookings/{first_code}/reconfirm", headers={"X-Identity-Number": held[1][1]}
    )
    assert wrong.status_code == 404

    clock.instant = PAST_DEADLINE
    await inbox.run()
    released = await demo.get(f"/api/v1/bookings/{first_code}", headers={"X-Identity-Number": first_number})
    assert released.json()["status"] == "cancelled"
    assert released.json()["office_change"]["why_en"] == "it was not reconfirmed in time"
    await inbox.find("01012345678", f"Booking {first_code} at")
    await inbox.find("01055556661", "held for you until")  # the seat went to the person waiting
    for code, number in held[1:]:
        kept = await demo.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
        assert kept.json()["status"] == "confirmed"
    late = await demo.post(
        f"/api/v1/bookings/{first_code}/reconfirm", headers={"X-Identity-Number": first_number}
    )
    assert late.status_code == 409 and late.json()["code"] == "reconfirm_not_needed"

    # After the day, the dashboard's figures: the kept bookings were never checked in (missed).
    clock.instant = PAST_DEADLINE + timedelta(days=3)
    admin = await login(demo, "admin")
    report = await demo.get(f"/api/v1/manage/offices/{GIZA}/no-shows", headers=admin)
    assert report.status_code == 200, report.text
    [asked] = [row for row in report.json()["rows"] if row["asked"]]
    kept_count = len(held) - 1
    assert (asked["service"], asked["visits"], asked["missed"]) == ("passport-new", kept_count, kept_count)
    assert (asked["rate"], asked["released"]) == (1.0, 1)
    agent = await login(demo, "agent.abbassia")
    assert (await demo.get(f"/api/v1/manage/offices/{GIZA}/no-shows", headers=agent)).status_code == 403


async def test_a_booking_made_inside_the_window_is_not_asked(
    demo: Client, inbox: Inbox, clock: FixedClock
) -> None:
    clock.instant = ASKED + timedelta(days=1)
    slot = (await slots(demo, GIZA, day=VISIT_DAY))[1]
    number = national_id()
    made = await demo.post("/api/v1/bookings", json=booking_body(slot["start"], number, phone="01055556662"))
    code = made.json()["code"]
    await inbox.run()
    assert not [t for t in await inbox.texts("01055556662") if "/reconfirm/" in t]
    refused = await demo.post(f"/api/v1/bookings/{code}/reconfirm", headers={"X-Identity-Number": number})
    assert refused.status_code == 409 and refused.json()["code"] == "reconfirm_not_needed"
