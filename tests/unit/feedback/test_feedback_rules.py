"""The pure rules of feedback: what is kept of a comment, how long a link works, when an answer
is refused, and the figures a manager reads."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.answers import (
    MASK,
    MAX_COMMENT,
    answer,
    clean_comment,
    iso_week,
    mask_numbers,
    week_start,
)
from feedback.invitations import (
    TOKEN_LENGTH,
    feedback_link,
    invite,
    looks_like_token,
    new_token,
    token_digest,
)
from feedback.summary import Tally, last_weeks, summarise, weeks_between
from kernel.errors import Conflict, InvalidInput, NotFound

NOW = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)


def _invitation(now: datetime = NOW, days: int = 7, lang: str | None = "ar"):
    return invite(
        office_id="giza-passports",
        service="passport-new",
        day=date(2026, 12, 6),
        lang=lang,
        ticket_id="t" * 32,
        booking_code="7KQ2M9XD",
        now=now,
        valid_days=days,
    )


# The link --------------------------------------------------------------------------------------


def test_a_token_is_128_random_bits_in_url_safe_letters_and_only_its_digest_is_kept():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(token) == TOKEN_LENGTH and looks_like_token(token) for token in tokens)
    token, invitation = _invitation()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest() == token_digest(token)
    assert token not in repr(invitation)


@pytest.mark.parametrize("token", ["", "short", "A" * 21, "A" * 23, "A" * 21 + "/", "٠" * 22, "A" * 21 + "="])
def test_what_is_not_shaped_like_a_token_is_no_token(token):
    assert not looks_like_token(token)


def test_a_link_is_valid_for_its_days_and_not_a_moment_longer():
    _, invitation = _invitation(days=7)
    assert invitation.is_open(NOW + timedelta(days=7) - timedelta(microseconds=1))
    assert not invitation.is_open(NOW + timedelta(days=7))
    _, short = _invitation(days=1)
    assert short.expires_at == NOW + timedelta(days=1)


def test_an_invitation_refuses_a_naive_instant_or_no_validity():
    with pytest.raises(ValueError):
        _invitation(now=NOW.replace(tzinfo=None))
    with pytest.raises(ValueError):
        _invitation(days=0)


def test_the_link_starts_at_the_public_address_and_asks_for_english_when_the_citizen_chose_it():
    assert feedback_link("", "TOKEN") == "/feedback/TOKEN"
    assert feedback_link("https://mawid.example.eg/", "TOKEN") == "https://mawid.example.eg/feedback/TOKEN"
    assert feedback_link("https://mawid.example.eg", "TOKEN", "en").endswith("/feedback/TOKEN?lang=en")


@pytest.mark.parametrize(
    ("chosen", "kept"), [("en", "en"), ("EN ", "en"), ("ar", "ar"), (None, "ar"), ("fr", "ar")]
)
def test_the_invitation_speaks_english_only_when_the_booking_chose_it(chosen, kept):
    assert _invitation(lang=chosen)[1].lang == kept


# The comment -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("my mobile is 01012345678", f"my mobile is {MASK}"),
        ("call 010 1234 5678 please", f"call {MASK} please"),
        ("ID 2-900101-01-1234-5", f"ID {MASK}"),
        ("رقمي القومي ٢٩٠٠١٠١٠١١٢٣٤٥", f"رقمي القومي {MASK}"),
        ("ticket P-017 at counter 3", "ticket P-017 at counter 3"),
        ("waited 45 minutes, from 9.30", "waited 45 minutes, from 9.30"),
        ("year 2026", f"year {MASK}"),
        ("1 2 3", "1 2 3"),
    ],
)
def test_runs_of_four_or_more_digits_are_masked_and_shorter_numbers_stay(typed, kept):
    assert mask_numbers(typed) == kept


def test_a_comment_is_trimmed_emptied_to_nothing_and_stripped_of_invisible_characters():
    assert clean_comment(None) is None
    assert clean_comment("   \n ") is None
    assert clean_comment("  good service\r\nthanks  ") == "good service\nthanks"
    assert clean_comment("\u202egood\u200b service\x00") == "good service"


def test_a_comment_of_500_characters_is_kept_and_one_more_is_refused():
    assert clean_comment(" " + "a" * MAX_COMMENT + " ") == "a" * MAX_COMMENT
    with pytest.raises(InvalidInput) as refused:
        clean_comment("a" * (MAX_COMMENT + 1))
    assert refused.value.code == "comment_too_long"
    assert "501" in refused.value.detail_en and "500" in refused.value.detail_en


@given(st.text(max_size=MAX_COMMENT))
def test_no_run_of_four_digits_survives_into_a_stored_comment(text):
    kept = clean_comment(text)
    if kept is not None:
        digits = [ch for ch in kept if ch.isdecimal()]
        for run in "".join(ch if ch.isdecimal() else " " for ch in kept).split():
            assert len(run) < 4, (text, kept)
        assert len(digits) <= len([ch for ch in text if ch.isdecimal()])


# The answer ------------------------------------------------------------------------------------


def test_an_answer_keeps_the_office_service_and_week_of_the_visit_and_nothing_of_who():
    _, invitation = _invitation()
    kept = answer(invitation, 4, " call me on 01012345678 ", NOW + timedelta(days=2))
    assert (kept.office_id, kept.service, kept.week, kept.rating) == (
        "giza-passports",
        "passport-new",
        "2026-W49",
        4,
    )
    assert kept.comment == f"call me on {MASK}"
    assert "7KQ2M9XD" not in repr(kept) and "t" * 32 not in repr(kept)


@pytest.mark.parametrize("rating", [0, 6, -1, 100, True])
def test_a_rating_outside_one_to_five_is_refused(rating):
    _, invitation = _invitation()
    with pytest.raises(InvalidInput) as refused:
        answer(invitation, rating, None, NOW)
    assert refused.value.code == "invalid_rating"


def test_an_expired_link_is_refused_as_unknown_and_an_answered_one_as_already_given():
    _, invitation = _invitation()
    with pytest.raises(NotFound) as expired:
        answer(invitation, 5, None, invitation.expires_at)
    assert expired.value.code == "feedback_not_found"
    answered = replace(invitation, answered_at=NOW)
    with pytest.raises(Conflict) as again:
        answer(answered, 5, None, NOW + timedelta(hours=1))
    assert again.value.code == "feedback_already_given"


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 12, 6), "2026-W49"),
        (date(2026, 12, 7), "2026-W50"),
        (date(2027, 1, 1), "2026-W53"),
        (date(2025, 12, 29), "2026-W01"),
    ],
)
def test_a_visit_counts_in_the_iso_week_of_its_day(day, week):
    assert iso_week(day) == week
    assert week_start(week) <= day < week_start(week) + timedelta(days=7)


# The figures -----------------------------------------------------------------------------------


def test_the_satisfied_share_counts_fours_and_fives_per_service_and_week():
    figures = summarise(
        [
            ("passport-new", "2026-W49", 5, 3),
            ("passport-new", "2026-W49", 4, 1),
            ("passport-new", "2026-W49", 2, 4),
            ("passport-new", "2026-W50", 3, 2),
            ("civil-certificate", "2026-W50", 1, 1),
        ]
    )
    assert figures.total == Tally(11, 4)
    civil, passports = figures.services
    assert (civil.service, civil.total, civil.total.share) == ("civil-certificate", Tally(1, 0), 0.0)
    assert passports.weeks == {"2026-W49": Tally(8, 4), "2026-W50": Tally(2, 0)}
    assert passports.weeks["2026-W49"].share == 0.5


def test_no_answers_is_no_share_not_zero():
    assert summarise([]).total.share is None
    assert summarise([("passport-new", "2026-W49", 5, 0)]).services == []


COUNTS = st.lists(
    st.tuples(
        st.sampled_from(["passport-new", "civil-certificate", "work-permit"]),
        st.sampled_from(["2026-W48", "2026-W49", "2026-W50"]),
        st.integers(1, 5),
        st.integers(0, 1000),
    ),
    max_size=40,
)


@given(COUNTS)
def test_every_share_lies_in_zero_to_one_and_is_satisfied_over_answers(counts):
    figures = summarise(counts)
    tallies = [figures.total] + [s.total for s in figures.services]
    tallies += [t for s in figures.services for t in s.weeks.values()]
    for tally in tallies:
        assert 0 <= tally.satisfied <= tally.answers
        if tally.answers:
            assert tally.share is not None and 0.0 <= tally.share <= 1.0
            assert tally.share == tally.satisfied / tally.answers
        else:
            assert tally.share is None
    assert figures.total.answers == sum(count for *_, count in counts)
    assert figures.total.satisfied == sum(count for _, _, rating, count in counts if rating >= 4)
    assert figures.total == sum((s.total for s in figures.services), Tally())
    for service in figures.services:
        assert service.total == sum(service.weeks.values(), Tally())


def test_the_report_covers_whole_iso_weeks_and_by_default_the_last_eight():
    assert weeks_between(date(2026, 12, 6), date(2026, 12, 7)) == ["2026-W49", "2026-W50"]
    assert weeks_between(date(2026, 12, 7), date(2026, 12, 6)) == []
    first, last = last_weeks(date(2026, 12, 6), 8)
    assert (first, last) == (date(2026, 10, 12), date(2026, 12, 6))
    assert len(weeks_between(first, last)) == 8
