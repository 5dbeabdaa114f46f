"""What feedback's tables can hold: no identity, name, mobile or e-mail anywhere; an answer not
even the visit's ticket or booking; an invitation the token's digest, never the token."""

from __future__ import annotations

from feedback.store.tables import FeedbackAnswerRow, FeedbackInvitationRow

PERSONAL = {"identity_hash", "identity_last4", "full_name", "phone", "email", "mobile", "token"}


def _columns(row: type) -> set[str]:
    return {column.name for column in row.__table__.columns}  # type: ignore[attr-defined]


def test_no_table_of_feedback_has_a_column_for_who():
    assert not (_columns(FeedbackInvitationRow) | _columns(FeedbackAnswerRow)) & PERSONAL


def test_an_answer_cannot_be_traced_to_its_visit():
    assert _columns(FeedbackAnswerRow) == {
        "id",
        "office_id",
        "service",
        "week",
        "rating",
        "comment",
        "answered_at",
    }
