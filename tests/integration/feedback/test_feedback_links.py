"""After a booked visit is completed at the counter its holder gets a single-use link in their
language; the link is answered once, refuses a second answer, and works no more once expired —
on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from api.settings import Settings
from feedback.store.tables import FeedbackInvitationRow
from kernel.clock import FixedClock
from kernel.database import Database
from tests.integration.feedback.conftest import (
    ABBASSIA,
    PASSPORT,
    Client,
    Headers,
    book,
    feedback_messages,
    problem,
    serve,
    token_of,
    visit_with_link,
)


async def _invitation_rows(database_url: str) -> list[dict[str, object]]:
    database = Database(database_url)
    try:
        columns = FeedbackInvitationRow.__table__.columns
        rows = await database.read(lambda conn: conn.execute(select(*columns)).all())
        return [dict(row._mapping) for row in rows]
    finally:
        await database.dispose()


@pytest.mark.parametrize("lang", ["ar", "en"])
async def test_a_completed_booking_sends_its_holder_a_link_in_their_language(
    client: Client,
    kiosk: Headers,
    agent: Headers,
    clock: FixedClock,
    database_url: str,
    settings: Settings,
    lang: str,
) -> None:
    booking = await book(client, lang)
    completed = await serve(client, kiosk, agent, clock, booking)
    assert completed.status_code == 200, completed.text
    assert completed.json()["ticket"]["status"] == "done"

    (message,) = await feedback_messages(database_url)
    token = token_of(message)
    assert (message.phone, message.lang, message.booking_code) == ("+201012345678", lang, booking["code"])
    link = f"{settings.site_url}/feedback/{token}"
    assert message.payload["link"] == (f"{link}?lang=en" if lang == "en" else link)
    if lang == "ar":
        assert "قيّمها من ١ إلى ٥ خلال ٧ أيام" in message.message and len(message.message) <= 134
    else:
        assert "Rate it from 1 to 5 within 7 days" in message.message

    (row,) = await _invitation_rows(database_url)
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in row.values()}  # only the digest is kept
    assert (row["office_id"], row["service"], str(row["day"]), row["lang"]) == (
        ABBASSIA,
        PASSPORT,
        "2026-12-06",
        lang,
    )
    assert row["expires_at"] - row["created_at"] == timedelta(days=7)


async def test_a_walk_in_is_not_invited_having_left_no_mobile(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    assert (await serve(client, kiosk, agent, clock, None)).status_code == 200
    assert await feedback_messages(database_url) == []
    assert await _invitation_rows(database_url) == []


async def test_a_link_is_answered_once_and_keeps_no_number_typed_into_the_comment(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    booking, token = await visit_with_link(client, kiosk, agent, clock, database_url)
    shown = await client.get(f"/api/v1/feedback/{token}")
    assert shown.status_code == 200, shown.text
    about = shown.json()
    assert {k: about[k] for k in ("office", "service", "day", "lang", "answered")} == {
        "office": ABBASSIA,
        "service": PASSPORT,
        "day": "2026-12-06",
        "lang": "ar",
        "answered": False,
    }
    assert booking["code"] not in shown.text and "1012345678" not in shown.text

    comment = "  الموظف كان لطيفًا، رقمي ٠١٠١٢٣٤٥٦٧٨ و ID 29001010112345 للمتابعة  "
    answered = await client.post(f"/api/v1/feedback/{token}", json={"rating": 5, "comment": comment})
    assert answered.status_code == 201, answered.text
    kept = answered.json()
    assert kept == {
        "rating": 5,
        "comment": "الموظف كان لطيفًا، رقمي ••• و ID ••• للمتابعة",
        "week": "2026-W49",
    }

    again = await client.post(f"/api/v1/feedback/{token}", json={"rating": 1})
    problem(again, 409, "feedback_already_given")
    assert (await client.get(f"/api/v1/feedback/{token}")).json()["answered"] is True
    (row,) = await _invitation_rows(database_url)
    assert row["answered_at"] is not None
    assert (row["ticket_id"], row["booking_code"]) == (None, None)  # the visit is no longer traceable


async def test_an_expired_link_answers_as_an_unknown_one(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    _, token = await visit_with_link(client, kiosk, agent, clock, database_url)
    clock.advance(timedelta(days=7, seconds=-1))
    assert (await client.get(f"/api/v1/feedback/{token}")).status_code == 200
    clock.advance(timedelta(seconds=1))
    expired_get = await client.get(f"/api/v1/feedback/{token}")
    expired_post = await client.post(f"/api/v1/feedback/{token}", json={"rating": 4})
    unknown_get = await client.get("/api/v1/feedback/AAAAAAAAAAAAAAAAAAAAAA")
    malformed_post = await client.post("/api/v1/feedback/not-a-token", json={"rating": 4})
    for response in (expired_get, expired_post, unknown_get, malformed_post):
        problem(response, 404, "feedback_not_found")
    assert expired_get.json() == unknown_get.json()


async def test_a_bad_rating_or_comment_is_refused_and_leaves_the_link_usable(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    _, token = await visit_with_link(client, kiosk, agent, clock, database_url)
    url = f"/api/v1/feedback/{token}"
    problem(await client.post(url, json={"rating": 0}), 422, "invalid_rating")
    problem(await client.post(url, json={"rating": 6}), 422, "invalid_rating")
    problem(await client.post(url, json={"rating": 3, "comment": "x" * 501}), 422, "comment_too_long")
    problem(await client.post(url, json={"rating": "five"}), 422, "invalid_request")
    problem(await client.post(url, json={}), 422, "invalid_request")
    answered = await client.post(url, json={"rating": 3, "comment": "  " + "x" * 500 + "\n "})
    assert answered.status_code == 201, answered.text
    assert answered.json()["comment"] == "x" * 500


async def test_a_visit_is_completed_even_when_the_invitation_cannot_be_written(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    """The invitation's table gone (a failed migration, say): the clerk's step still succeeds,
    and no message announces a link that was never kept."""
    database = Database(database_url)
    try:
        await database.write(lambda conn: conn.execute(text("DROP TABLE feedback_invitations")))
    finally:
        await database.dispose()
    booking = await book(client)
    completed = await serve(client, kiosk, agent, clock, booking)
    assert completed.status_code == 200, completed.text
    assert completed.json()["ticket"]["status"] == "done"
    assert await feedback_messages(database_url) == []
