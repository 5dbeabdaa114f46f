"""The retry policy: backoff that doubles from 30 s up to an hour, with jitter taking away at most
half; a permanent failure or the last attempt makes the delivery dead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from messaging.retry import Dead, Failure, Retry, RetryPolicy, http_failure, smtp_failure, unreachable

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
TRANSIENT = Failure("HTTP 503", permanent=False)
POLICY = RetryPolicy()


def test_the_first_retry_comes_after_about_thirty_seconds_and_each_failure_doubles_it() -> None:
    assert [POLICY.delay(n, jitter=0).total_seconds() for n in range(1, 9)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
    ]


@given(attempts=st.integers(1, 10_000), jitter=st.floats(0, 1, exclude_max=True))
def test_a_delay_is_between_half_and_all_of_its_ceiling_and_never_above_an_hour(
    attempts: int, jitter: float
) -> None:
    ceiling = min(timedelta(seconds=30) * 2 ** min(attempts - 1, 32), timedelta(hours=1))
    delay = POLICY.delay(attempts, jitter)
    assert ceiling / 2 <= delay <= ceiling <= timedelta(hours=1)


@given(attempts=st.integers(1, 7), jitter=st.floats(0, 1, exclude_max=True))
def test_a_transient_failure_before_the_last_attempt_is_tried_again_later(
    attempts: int, jitter: float
) -> None:
    outcome = POLICY.after_failure(attempts, TRANSIENT, NOW, jitter)
    assert isinstance(outcome, Retry) and NOW < outcome.at <= NOW + timedelta(hours=1)
    assert outcome.error == "HTTP 503"


def test_the_last_attempt_failing_makes_the_delivery_dead_with_its_error() -> None:
    assert POLICY.after_failure(8, TRANSIENT, NOW, 0.5) == Dead("HTTP 503")
    assert RetryPolicy(max_attempts=1).after_failure(1, TRANSIENT, NOW, 0.5) == Dead("HTTP 503")


def test_a_permanent_failure_is_dead_at_the_first_attempt() -> None:
    assert POLICY.after_failure(1, Failure("HTTP 400", permanent=True), NOW, 0.1) == Dead("HTTP 400")


def test_a_retry_after_is_honoured_within_the_hour() -> None:
    asked = POLICY.after_failure(1, Failure("HTTP 429", False, retry_after=600), NOW, 0.0)
    assert asked == Retry(NOW + timedelta(seconds=600), "HTTP 429")
    too_long = POLICY.after_failure(1, Failure("HTTP 429", False, retry_after=86_400), NOW, 0.0)
    assert isinstance(too_long, Retry) and too_long.at == NOW + timedelta(hours=1)


def test_a_policy_needs_an_attempt() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)


@pytest.mark.parametrize(
    ("status", "permanent"),
    [
        (400, True),
        (404, True),
        (413, True),
        (422, True),
        (408, False),
        (429, False),
        (401, False),
        (403, False),
        (500, False),
        (502, False),
        (503, False),
        (504, False),
        (302, False),
    ],
)
def test_a_gateway_answer_is_permanent_only_when_the_message_itself_was_refused(
    status: int, permanent: bool
) -> None:
    assert http_failure(status).permanent is permanent


@pytest.mark.parametrize(
    ("code", "permanent"), [(550, True), (554, True), (552, True), (451, False), (421, False)]
)
def test_an_smtp_refusal_is_permanent_when_it_is_5xx(code: int, permanent: bool) -> None:
    assert smtp_failure(code, "no").permanent is permanent


def test_a_connection_error_or_timeout_is_transient() -> None:
    assert not unreachable(ConnectionRefusedError("refused")).permanent
    assert unreachable(TimeoutError()).error == "TimeoutError"


def test_an_error_that_echoes_a_mobile_keeps_only_its_last_four_digits() -> None:
    failure = http_failure(400, "invalid destination +201012345678, try again")
    assert (
        "12345678" not in failure.error and "5678" in failure.error and failure.error.startswith("HTTP 400")
    )
