"""A job decides only the requests whose every office lies in its scope."""

from datetime import UTC, date, datetime

from booking.applicant import Applicant
from booking.booking_requests import BookingRequest, RequestStatus
from planning.batch import JobScope

NOW = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)


def request(*offices: str) -> BookingRequest:
    return BookingRequest(
        id="r", code="7KQ2M9XD",
        applicant=Applicant(
            identity_hash="h", identity_type="national_id", identity_nationality="EGY",
            identity_last4="1234", identity_key_id="k",
            full_name="x", phone="+201012345678", email=None, lang="ar",
        ),
        senior_on_visit=False,
        service="passport-new", reach={"kind": "offices", "offices": [[o, 0.0] for o in offices]},
        first_day=date(2026, 12, 7), last_day=date(2026, 12, 8), time_of_day=None,
        status=RequestStatus.PENDING, reason=None, booking_id=None, job_id=None,
        created_at=NOW, updated_at=NOW,
    )  # fmt: skip


def test_a_scope_covers_a_request_only_when_it_holds_every_office_the_request_accepts():
    scope = JobScope(frozenset({"a", "b"}))
    assert scope.covers(request("a")) and scope.covers(request("a", "b"))
    assert not scope.covers(request("a", "c"))
    assert JobScope().covers(request("a", "c"))


def test_a_scope_survives_its_trip_through_the_job_row():
    scope = JobScope(frozenset({"b", "a"}), date(2026, 12, 7), date(2026, 12, 9))
    assert scope.to_json() == {"offices": ["a", "b"], "from": "2026-12-07", "to": "2026-12-09"}
    assert JobScope.from_json(scope.to_json()) == scope
    assert JobScope.from_json(JobScope().to_json()) == JobScope()
