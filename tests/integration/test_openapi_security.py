"""The OpenAPI document says how staff authenticate: a bearer token (a JWT from
``POST /api/v1/auth/token``) declared once as a security scheme and asked for by every staff
operation, and by no operation a citizen calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.app import create_app
from api.settings import Settings
from tests.integration.conftest import TEST_IDENTITY_KEY, TEST_SECRET

STAFF_TAGS = {"staff", "kiosk", "counters", "managers", "administrators"}


def _document(tmp_path: Path) -> dict[str, Any]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'mawid.sqlite3'}",
        secret_key=TEST_SECRET,
        identity_key=TEST_IDENTITY_KEY,
        data_dir=tmp_path,
        public_schema=True,
    )
    return create_app(settings).openapi_schema.to_schema()


def test_the_staff_bearer_token_is_declared_as_an_http_bearer_scheme(tmp_path: Path) -> None:
    schemes = _document(tmp_path)["components"]["securitySchemes"]
    assert list(schemes) == ["staffToken"]
    token = schemes["staffToken"]
    assert (token["type"], token["scheme"], token["bearerFormat"]) == ("http", "bearer", "JWT")
    assert "POST /api/v1/auth/token" in token["description"]


def test_every_staff_operation_asks_for_the_token_and_no_citizen_operation_does(tmp_path: Path) -> None:
    asking, not_asking = [], []
    for path, operations in _document(tmp_path)["paths"].items():
        for method, operation in operations.items():
            label = f"{method.upper()} {path}"
            staff = bool(set(operation.get("tags", ())) & STAFF_TAGS) and path != "/api/v1/auth/token"
            asks = operation.get("security") == [{"staffToken": []}]
            (asking if asks else not_asking).append(label)
            assert asks == staff, label
    assert "GET /api/v1/manage/staff" in asking and "POST /api/v1/offices/{office_id}/tickets" in asking
    assert "POST /api/v1/bookings" in not_asking and "POST /api/v1/auth/token" in not_asking

