"""The question box over HTTP on SQLite and PostgreSQL: an answer with its source, none for a
question outside the knowledge base, refusals in both languages, "did this help?" counted, and a
manager's report that shows a question's words only once asked three times and never a digit."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

Client = AsyncTestClient[Any]


async def _manager(client: Client) -> dict[str, str]:
    response = await client.post(
        "/api/v1/auth/token", json={"username": "manager.cairo", "password": "demo-manager-2026"}
    )
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_a_question_in_egyptian_arabic_gets_its_answer_documents_and_source(client: Client) -> None:
    response = await client.get(
        "/api/v1/guide/answer", params={"q": "عايز اجدد الباسبور محتاج ايه", "lang": "ar"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["entry_id"] == "passport-renewal-documents"
    assert body["answer"].startswith("لتجديد جواز السفر") and body["score"] >= 0.35
    assert "جواز السفر القديم" in body["documents"] and body["source"]
    assert body["links"][0]["href"] == "/?service=passport-renewal"


async def test_an_english_question_is_answered_in_english(client: Client) -> None:
    body = (
        await client.get("/api/v1/guide/answer", params={"q": "I lost my booking code", "lang": "en"})
    ).json()
    assert body["entry_id"] == "lost-booking-code" and body["answer"].startswith("On “My booking”")


async def test_a_question_outside_the_knowledge_base_gets_no_answer_and_the_guide(client: Client) -> None:
    body = (
        await client.get("/api/v1/guide/answer", params={"q": "who won the football match", "lang": "en"})
    ).json()
    assert body["answer"] is None and body["entry_id"] is None
    assert body["links"] == [{"href": "/guide", "label": "The step-by-step guide"}]


async def test_an_empty_or_long_question_is_a_422_in_both_languages(client: Client) -> None:
    for q, code in (("", "question_empty"), ("ا" * 301, "question_too_long")):
        response = await client.get("/api/v1/guide/answer", params={"q": q})
        assert response.status_code == 422
        problem = response.json()
        assert problem["code"] == code and problem["detail"] and problem["detail_ar"]


async def test_feedback_is_counted_and_unanswered_words_appear_after_three_asks(client: Client) -> None:
    assert (
        await client.post("/api/v1/guide/answer/fees/feedback", json={"helpful": True})
    ).status_code == 201
    assert (
        await client.post("/api/v1/guide/answer/fees/feedback", json={"helpful": False})
    ).status_code == 201
    missing = await client.post("/api/v1/guide/answer/nothing-here/feedback", json={"helpful": True})
    assert missing.status_code == 404 and missing.json()["code"] == "guide_entry_not_found"
    manager = await _manager(client)
    question = {"q": "مين كسب ماتش الكورة رقمي 01012345678", "lang": "ar"}
    for asked in range(1, 4):
        await client.get("/api/v1/guide/answer", params=question)
        report = (await client.get("/api/v1/manage/guide", headers=manager)).json()
        assert report["unanswered"][0]["unanswered"] == asked
        assert bool(report["missing"]) is (asked == 3)
    assert report["missing"] == [{"lang": "ar", "words": "كسب ماتش الكوره رقمي", "asked": 3}]
    assert report["helpfulness"] == [{"entry_id": "fees", "helpful": 1, "unhelpful": 1}]
    assert (await client.get("/api/v1/manage/guide")).status_code == 401
