"""A real hall against real server processes: staff over HTTP, screens over real WebSockets
(the ``websockets`` package), nothing in between."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from tests.integration.hall.conftest import PASSWORDS

WAIT = 5.0
"""Seconds a test waits for a message before it fails."""


@dataclass
class Staff:
    """An admin (who may act in every office) at one office of one server."""

    http: httpx.AsyncClient
    office_id: str
    headers: dict[str, str]

    @classmethod
    async def at(cls, base_url: str, office_id: str) -> Staff:
        http = httpx.AsyncClient(base_url=base_url, timeout=30)
        token = await http.post(
            "/api/v1/auth/token", json={"username": "admin", "password": PASSWORDS["admin"]}
        )
        assert token.status_code == 200, token.text
        return cls(http, office_id, {"Authorization": f"Bearer {token.json()['access_token']}"})

    def on(self, base_url: str) -> Staff:
        """The same staff member, talking to another server process."""
        return Staff(httpx.AsyncClient(base_url=base_url, timeout=30), self.office_id, self.headers)

    async def close(self) -> None:
        await self.http.aclose()

    async def first_service_and_counter(self) -> tuple[str, str]:
        office = (await self.http.get(f"/api/v1/offices/{self.office_id}")).json()
        counter = office["counters"][0]
        return counter["services"][0], str(counter["id"])

    async def walk_in(self, service: str) -> dict[str, Any]:
        response = await self.http.post(
            f"/api/v1/offices/{self.office_id}/tickets", json={"service": service}, headers=self.headers
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    async def open(self, counter: str) -> None:
        response = await self.http.post(
            f"/api/v1/offices/{self.office_id}/counters/{counter}/status",
            json={"status": "open"},
            headers=self.headers,
        )
        assert response.status_code == 200, response.text

    async def call_next(self, counter: str) -> dict[str, Any]:
        response = await self.http.post(
            f"/api/v1/offices/{self.office_id}/counters/{counter}/call-next", headers=self.headers
        )
        assert response.status_code == 200, response.text
        return response.json()["ticket"]  # type: ignore[no-any-return]

    async def step(self, ticket_id: str, action: str) -> None:
        response = await self.http.post(
            f"/api/v1/offices/{self.office_id}/tickets/{ticket_id}/{action}", headers=self.headers
        )
        assert response.status_code == 200, response.text

    async def board(self) -> dict[str, Any]:
        return (await self.http.get(f"/api/v1/offices/{self.office_id}/queue")).json()  # type: ignore[no-any-return]


LIVE_ONLY = frozenset({"estimates", "unserved", "open_services"})
"""What only the live copies of ``queue`` and ``counter`` events carry (``queue_display.onsite``)."""


def without_estimates(event: dict[str, Any]) -> dict[str, Any]:
    """An event as the log keeps it: live copies of ``queue`` events also carry the estimates and
    who waits for a service no open counter serves."""
    return {key: value for key, value in event.items() if key not in LIVE_ONLY}


class Screen:
    """A hall screen on one server: reads messages, keeps the office events it got."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.events: list[dict[str, Any]] = []

    @classmethod
    async def connect(cls, base_url: str, office_id: str, after: int | None = None) -> Screen:
        url = base_url.replace("http://", "ws://") + f"/ws/offices/{office_id}/display"
        if after is not None:
            url += f"?after={after}"
        return cls(await connect(url, open_timeout=WAIT))

    async def receive(self) -> dict[str, Any]:
        message: dict[str, Any] = json.loads(await asyncio.wait_for(self.socket.recv(), WAIT))
        if "seq" in message and message["type"] != "snapshot":
            self.events.append(message)
        return message

    async def next_of(self, kind: str) -> dict[str, Any]:
        """The next message of this type, skipping others."""
        while (message := await self.receive())["type"] != kind:
            continue
        return message

    async def events_through(self, seq: int) -> list[dict[str, Any]]:
        """Read until the event ``seq`` has arrived; every office event received so far."""
        while not self.events or self.events[-1]["seq"] < seq:
            await self.receive()
        return self.events

    async def close(self) -> None:
        await self.socket.close()
