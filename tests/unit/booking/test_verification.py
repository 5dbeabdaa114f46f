"""Verified mobiles: the code a hold waits for, wrong codes, expiry and resends."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.verification import (
    Hold,
    HoldStatus,
    VerificationPolicy,
    check_code_shape,
    new_code,
    resend,
    try_code,
)
from kernel.errors import Conflict, InvalidInput, NotFound

KEY = b"k" * 32
NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
POLICY = VerificationPolicy()


def held(code: str = "123456") -> Hold:
    return Hold.start(KEY, code, NOW, POLICY)


def test_the_code_sent_confirms_the_hold_and_arabic_digits_count_as_digits() -> None:
    assert try_code(held(), KEY, "123456", NOW, POLICY).confirmed
    assert try_code(held(), KEY, "١٢٣ ٤٥٦", NOW, POLICY).confirmed


def test_the_hold_keeps_only_a_digest_bound_to_itself() -> None:
    one, other = held(), held()
    assert "123456" not in one.code_digest
    assert one.code_digest != other.code_digest  # the same code, another hold: another digest


def test_wrong_codes_count_down_and_the_last_one_drops_the_hold() -> None:
    hold = held()
    for left in range(POLICY.max_wrong - 1, 0, -1):
        verdict = try_code(hold, KEY, "000000", NOW, POLICY)
        assert not verdict.confirmed
        assert (verdict.tries_left, verdict.hold.status) == (left, HoldStatus.AWAITING)
        hold = verdict.hold
    last = try_code(hold, KEY, "000000", NOW, POLICY)
    assert (last.tries_left, last.hold.status) == (0, HoldStatus.DROPPED)
    with pytest.raises(NotFound) as refused:
        try_code(last.hold, KEY, "123456", NOW, POLICY)  # the right code, too late
    assert refused.value.code == "hold_not_found"


def test_an_expired_hold_takes_no_code() -> None:
    with pytest.raises(NotFound):
        try_code(held(), KEY, "123456", NOW + POLICY.ttl, POLICY)
    assert held().live(NOW + POLICY.ttl - timedelta(seconds=1))
    assert not held().live(NOW + POLICY.ttl)


def test_a_resend_replaces_the_code_waits_its_turn_and_is_limited() -> None:
    hold = held("111111")
    with pytest.raises(Conflict) as too_soon:
        resend(hold, KEY, "222222", NOW + timedelta(seconds=10), POLICY)
    assert too_soon.value.code == "resend_too_soon" and "21" in too_soon.value.detail_en
    later = NOW + POLICY.resend_after
    hold = resend(hold, KEY, "222222", later, POLICY)
    assert not try_code(hold, KEY, "111111", later, POLICY).confirmed  # the old code is gone
    assert try_code(hold, KEY, "222222", later, POLICY).confirmed
    assert hold.expires_at == NOW + POLICY.ttl  # a resend does not lengthen the hold
    hold = resend(hold, KEY, "333333", later + POLICY.resend_after, POLICY)
    with pytest.raises(Conflict) as limit:
        resend(hold, KEY, "444444", later + 2 * POLICY.resend_after, POLICY)
    assert limit.value.code == "resend_limit"


def test_nothing_is_resent_for_a_hold_no_longer_awaiting() -> None:
    with pytest.raises(NotFound):
        confirmed = replace(held(), status=HoldStatus.CONFIRMED)
        resend(confirmed, KEY, "222222", NOW + timedelta(minutes=1), POLICY)


@pytest.mark.parametrize("code", ["12345", "1234567", "12a456", "", "１２３４５６"])
def test_a_code_that_is_not_six_digits_is_refused_before_any_try(code: str) -> None:
    with pytest.raises(InvalidInput):
        check_code_shape(code)


@given(st.integers(min_value=0, max_value=40))
def test_codes_are_six_digits(_: int) -> None:
    code = new_code()
    assert len(code) == 6 and code.isdigit()
    check_code_shape(code)


@given(right=st.from_regex(r"\A[0-9]{6}\Z"), typed=st.from_regex(r"\A[0-9]{6}\Z"))
def test_only_the_code_sent_confirms(right: str, typed: str) -> None:
    assert try_code(held(right), KEY, typed, NOW, POLICY).confirmed == (right == typed)
