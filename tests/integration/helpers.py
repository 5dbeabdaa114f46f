"""Small builders for booking requests in tests."""

from __future__ import annotations

import itertools
from typing import Any

from booking.store.seed import DEMO_ACCOUNTS

_serials = itertools.count(1)


def national_id(serial: int | None = None, birth: str = "900101", governorate: str = "01") -> str:
    """A valid national ID, different for each call unless ``serial`` is given."""
    n = next(_serials) if serial is None else serial
    return f"2{birth}{governorate}{n % 10000:04d}{n // 10000 % 10}"


def booking_body(
    start: str,
    number: str | None = None,
    service: str = "passport-new",
    office_id: str = "giza-passports",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "service": service,
        "office_id": office_id,
        "start": start,
        "identity": {"type": "national_id", "number": number or national_id()},
        "full_name": "منى عبد الرحمن السيد",
        "phone": "01012345678",
        **extra,
    }


async def slots(
    client: Any, office_id: str = "giza-passports", service: str = "passport-new", day: str = "2026-12-06"
) -> list[dict[str, Any]]:
    response = await client.get(
        f"/api/v1/offices/{office_id}/availability", params={"service": service, "from": day, "to": day}
    )
    assert response.status_code == 200, response.text
    return response.json()["days"][0]["slots"]  # type: ignore[no-any-return]


ABBASSIA = "cairo-abbassia-passports"
GIZA = "giza-passports"
Headers = dict[str, str]
# The demo accounts' passwords, from the seed itself, so tests and the README's table cannot drift.
PASSWORDS = {username: password for username, password, _, _ in DEMO_ACCOUNTS}


async def login(client: Any, username: str) -> Headers:
    """Bearer headers for a demo staff account on the test app."""
    response = await client.post(
        "/api/v1/auth/token", json={"username": username, "password": PASSWORDS[username]}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
