"""SMS through an HTTP gateway: one ``POST`` of JSON per message.

    POST {MAWID_SMS_URL}
    Authorization: Bearer {MAWID_SMS_TOKEN}
    Idempotency-Key: {id}
    Content-Type: application/json

    {"id": "3f2a…", "to": "+201012345678", "text": "…"}

Any 2xx is "taken". The gateway should answer a repeat of an ``id`` it has taken with 2xx again
and not send it twice: after a crash a delivery is sent again with the same id. Other answers
are classified by ``messaging.retry.http_failure`` (4xx permanent except 401, 403, 408 and
429; 5xx transient, ``Retry-After`` in seconds honoured); a timeout or a connection error is
transient. An aggregator's API that wants another shape is reached through a small relay.
"""

from __future__ import annotations

import asyncio
import ssl

import httpx

from messaging.outbox import Delivery
from messaging.retry import DeliveryFailed, http_failure, unreachable

TIMEOUT_SECONDS = 10.0


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


class SmsGateway:
    via = "gateway"

    def __init__(
        self, url: str, token: str, *, concurrency: int = 16, timeout: float = TIMEOUT_SECONDS
    ) -> None:
        self._url = url
        # One client per connection, lent out in turn: httpcore's pool looks at every one of its
        # connections for every request, which at 16 connections took more CPU than the sending
        # (bench/bench_delivery.py: about 2.4 times the messages per second this way). They share
        # one TLS context: loading the CA bundle takes a tenth of a second each time.
        tls = ssl.create_default_context()
        self._clients = [
            httpx.AsyncClient(
                headers={"Authorization": f"Bearer {token}", "User-Agent": "mawid-sender"},
                timeout=timeout,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
                follow_redirects=False,
                verify=tls,
            )
            for _ in range(concurrency)
        ]
        self._free: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue()
        for client in self._clients:
            self._free.put_nowait(client)

    async def send(self, delivery: Delivery) -> None:
        body = {"id": delivery.delivery_id, "to": delivery.address, "text": delivery.text}
        client = await self._free.get()
        try:
            response = await client.post(
                self._url, json=body, headers={"Idempotency-Key": delivery.delivery_id}
            )
        except httpx.HTTPError as error:  # timeouts, refused and broken connections
            raise DeliveryFailed(unreachable(error)) from None
        finally:
            self._free.put_nowait(client)
        if not response.is_success:
            failure = http_failure(response.status_code, response.text[:200], _retry_after(response))
            raise DeliveryFailed(failure)

    async def close(self) -> None:
        for client in self._clients:
            await client.aclose()
