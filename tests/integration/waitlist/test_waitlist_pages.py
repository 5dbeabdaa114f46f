"""The waitlist's pages with plain forms, Arabic first: join from the page, open the offer from its
SMS link and accept it there, reconfirm from the reconfirmation link. On SQLite only: the pages
call the use cases the API tests run on both databases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from booking.services import SERVICES
from kernel.clock import FixedClock
from tests.conftest import fresh_database
from tests.integration.helpers import GIZA, booking_body, national_id, slots
from tests.integration.waitlist.conftest import Client, Inbox

DAY = "2026-12-07"


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request, "sqlite", tmp_path) as url:
        yield url


async def test_a_citizen_joins_from_the_page_and_books_from_the_offers_page(
    demo: Client, inbox: Inbox, clock: FixedClock
) -> None:
    page = await demo.get("/waitlist", params={"service": "passport-new", "office": GIZA})
    assert page.status_code == 200 and 'dir="rtl"' in page.text and "قائمة الانتظار" in page.text
    assert 'value="passport-new" selected' in page.text

    slot = (await slots(demo, GIZA, day=DAY))[4]
    held = []
    for _ in range(slot["remaining"]):
        number = national_id()
        made = await demo.post("/api/v1/bookings", json=booking_body(slot["start"], number))
        held.append((made.json()["code"], number))
    mine = national_id()
    form = {
        "service": "passport-new",
        "office": GIZA,
        "governorate": "",
        "from": DAY,
        "to": DAY,
        "identity_number": mine,
        "full_name": "سلمى محمود عبد الله",
        "phone": "01077778881",
    }
    joined = await demo.post("/waitlist", data=form)
    assert joined.status_code == 200 and "أنت الآن في قائمة الانتظار" in joined.text
    refused = await demo.post("/waitlist", data=form)  # again: told why, in Arabic, on the form
    assert "أنت مسجَّل بالفعل في قائمة الانتظار" in refused.text and mine not in refused.text

    clock.advance(timedelta(seconds=1))
    code, number = held[0]
    await demo.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    await inbox.run()
    sms = await inbox.find("01077778881", "محجوز لك حتى")
    link = re.search(r"/waitlist/offers/[0-9a-f]{32}", sms)
    assert link
    offer = await demo.get(link.group(0))
    assert offer.status_code == 200 and "محجوز لك حتى" in offer.text and "٨:٣٠" in offer.text
    answered = await demo.post(link.group(0), data={"identity_number": mine, "action": "accept"})
    assert answered.status_code == 200 and "تم حجزك" in answered.text
    again = await demo.get(link.group(0))
    assert again.status_code == 200 and "لم يعد هذا العرض متاحًا" in again.text
    entry = re.search(r'href="/waitlist/([0-9a-f]{32})"', joined.text)
    assert entry
    status = await demo.post(f"/waitlist/{entry.group(1)}", data={"identity_number": mine})
    assert "تم الحجز" in status.text and SERVICES["passport-new"].name_ar in status.text
    missing = await demo.get("/waitlist/offers/" + "f" * 32)
    assert missing.status_code == 404 and "لم يعد هذا العرض متاحًا" in missing.text


async def test_the_reconfirmation_page_reconfirms_nothing_that_was_not_asked(demo: Client) -> None:
    slot = (await slots(demo, GIZA, day=DAY))[0]
    number = national_id()
    made = await demo.post("/api/v1/bookings", json=booking_body(slot["start"], number))
    code = made.json()["code"]
    page = await demo.get(f"/reconfirm/{code}")
    assert page.status_code == 200 and "تأكيد الحضور" in page.text
    answered = await demo.post(f"/reconfirm/{code}", data={"identity_number": number})
    assert "لا يحتاج هذا الحجز إلى إعادة تأكيد الآن" in answered.text
