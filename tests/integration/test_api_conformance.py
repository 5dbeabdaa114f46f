"""The OpenAPI document tells the truth: schemathesis calls every operation with generated
requests (valid and invalid) and checks that each answer's status is one the operation
documents and that its body matches the schema documented for that status (problem+json for
refusals). Staff operations are called with a demo administrator's token, so they get past the
guard (logout without one: it would end the session the others use); then each staff operation
once without a token, which must be its documented 401.

Bounded: a dozen generated examples per operation besides schemathesis' own coverage cases, so
the whole document takes about half a minute.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.rate_limits import room
from api.settings import Settings
from kernel.clock import FixedClock
from tests.conftest import TEST_LIMIT_ROOM, WORKING_MORNING
from tests.integration.conftest import TEST_IDENTITY_KEY, TEST_SECRET
from tests.integration.helpers import PASSWORDS

EXAMPLES_PER_OPERATION = 12
PATH_SAMPLES = {"office_id": "cairo-abbassia-passports", "day": "2026-12-07", "username": "agent.abbassia"}
STAFF_TAGS = ["staff", "kiosk", "counters", "managers", "administrators"]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
NO_TOKEN = {"POST /api/v1/auth/logout"}
"""Operations called without the shared token (logging out would end it for the rest)."""

# The schema is read from the app object itself (no request, so nothing starts yet); the app's
# database is copied from the session's seeded template before its first request.
_FOLDER = Path(tempfile.mkdtemp(prefix="mawid-conformance-"))
atexit.register(shutil.rmtree, _FOLDER, True)
_APP = create_app(
    Settings(
        database_url=f"sqlite:///{_FOLDER / 'mawid.sqlite3'}",
        secret_key=TEST_SECRET,
        identity_key=TEST_IDENTITY_KEY,
        data_dir=_FOLDER,
        public_schema=True,
        active_bookings_per_mobile=1000,
        release_cool_off_minutes=(0.0, 0.0),
        rate_limits=room(TEST_LIMIT_ROOM),
    ),
    FixedClock(WORKING_MORNING),
)
schema = schemathesis.openapi.from_dict(_APP.openapi_schema.to_schema())
schema.app = _APP
staff_operations = schema.include(tag=STAFF_TAGS).exclude(path="/api/v1/auth/token")


@pytest.fixture(scope="module")
def admin_headers(sqlite_template: Path) -> Iterator[dict[str, str]]:
    """The database in place, then a demo administrator's token."""
    shutil.copy(sqlite_template, _FOLDER / "mawid.sqlite3")
    with asgi.get_client(_APP) as client:
        response = client.post(
            f"http://{asgi.HOST}/api/v1/auth/token",
            json={"username": "admin", "password": PASSWORDS["admin"]},
        )
    assert response.status_code == 200, response.text
    yield {"Authorization": f"Bearer {response.json()['access_token']}"}
    shutil.rmtree(_FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_answer_is_documented(case: Any, admin_headers: dict[str, str]) -> None:
    headers = {} if f"{case.method} {case.path}" in NO_TOKEN else admin_headers
    case.call_and_validate(headers=headers, checks=CHECKS)



def test_every_staff_operation_refuses_a_stranger_as_documented(admin_headers: dict[str, str]) -> None:
    """Each staff operation called without a token: ``401 not_authenticated``, as its schema
    documents it (``admin_headers`` is asked for only to put the database in place)."""
    operations = [result.ok() for result in staff_operations.get_all_operations()]
    assert len(operations) > 25
    for operation in operations:
        path = {p.name: PATH_SAMPLES.get(p.name, "1") for p in operation.path_parameters}
        response = operation.Case(path_parameters=path).call_and_validate(checks=CHECKS)
        assert response.status_code == 401, (operation.label, response.text)
        assert response.json()["code"] == "not_authenticated"


def test_every_operation_documents_the_refusals_its_shape_allows() -> None:
    """Beyond what generated requests happen to reach: each operation documents, as problem+json,
    400 and 503 (any request; liveness asks nothing that can be down), 413/415/422 when it is a
    POST or PATCH, 422 when it takes parameters, and 401/403 behind the staff guard (401 alone
    for the caller's own session)."""
    document = _APP.openapi_schema.to_schema()
    missing = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            expected = {"400"} if path == "/api/v1/health" else {"400", "503"}
            if method in ("post", "patch"):
                expected |= {"413", "415", "422"}
            if operation.get("parameters"):
                expected.add("422")
            if set(operation.get("tags", ())) & set(STAFF_TAGS) and path != "/api/v1/auth/token":
                expected |= {"401"} if path.startswith("/api/v1/auth/") else {"401", "403"}
            responses = operation["responses"]
            for status in sorted(expected):
                content = responses.get(status, {}).get("content", {})
                if "application/problem+json" not in content:
                    missing.append(f"{method.upper()} {path}: {status}")
    assert missing == []
