"""A small HTTP SMS gateway, run as a real process by the delivery tests and the benchmark.

    python -m tests.sms_gateway --port 8025 --token secret [--token another …]

It speaks the gateway side of README's "Delivery of messages": ``POST /send`` with JSON
``{id, to, text}``, ``Authorization: Bearer <token>`` and ``Idempotency-Key: <id>``; answers
``200 {"id", "duplicate"}`` (a repeat of an id it took is answered 200 and not "sent" again),
``401`` for a wrong token, ``422`` for a body that is not such JSON. What a test needs besides:

    GET  /_received   every request it got, in order: {id, to, text, key, token, status,
                      duplicate}; ``token`` is which of its tokens the request carried (0, 1, …)
    POST /_control    {"fail": N, "status": 503, "retry_after": 5, "delay": 0.0}: the next N
                      requests are answered ``status`` (after ``delay`` seconds, for timeouts);
                      {"latency": 0.02}: every request takes that long, as a real gateway does
    POST /_reset      forget what it received and any failure to come
    GET  /_health     200 once it listens
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

import uvicorn

State = dict[str, Any]
Answer = tuple[int, Any, list[tuple[bytes, bytes]]]
"""Status, JSON body, extra headers."""
_CONTROLS = ("fail", "status", "retry_after", "delay", "latency")


def _new_state() -> State:
    return {
        "received": [],
        "taken": set(),
        "fail": 0,
        "status": 503,
        "retry_after": None,
        "delay": 0.0,
        "latency": 0.0,
    }


class Gateway:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = [f"Bearer {token}" for token in tokens]
        self.state = _new_state()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {key.decode().lower(): value.decode() for key, value in scope["headers"]}
        status, answer, extra = await self._answer(scope["method"], scope["path"], headers, body)
        payload = json.dumps(answer).encode()
        response_headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": payload})

    async def _answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Answer:
        if path.startswith("/_"):
            return self._test_control(path, body)
        if method != "POST":
            return 405, {"error": "POST only"}, []
        if headers.get("authorization") not in self.tokens:
            return 401, {"error": "wrong token"}, []
        if self.state["latency"]:
            await asyncio.sleep(self.state["latency"])
        record = _message(body)
        if record is None:
            return 422, {"error": "send JSON {id, to, text}"}, []
        record["key"] = headers.get("idempotency-key")
        record["token"] = self.tokens.index(headers["authorization"])
        if self.state["fail"] > 0:
            return await self._fail(record)
        return self._take(record)

    def _test_control(self, path: str, body: bytes) -> Answer:
        """The paths only a test calls: health, what was received, reset, failures to come."""
        if path == "/_health":
            return 200, {"ok": True}, []
        if path == "/_received":
            return 200, self.state["received"], []
        if path == "/_reset":
            self.state = _new_state()
            return 200, {"ok": True}, []
        if path == "/_control":
            control = json.loads(body or b"{}")
            self.state.update({key: control[key] for key in _CONTROLS if key in control})
            return 200, {"ok": True}, []
        return 404, {"error": "no such path"}, []

    async def _fail(self, record: dict[str, Any]) -> Answer:
        """One of the failures a test asked for: its status (after its delay, for timeouts)."""
        state = self.state
        state["fail"] -= 1
        if state["delay"]:
            await asyncio.sleep(state["delay"])
        state["received"].append({**record, "status": state["status"], "duplicate": False})
        extra = [(b"retry-after", str(state["retry_after"]).encode())] if state["retry_after"] else []
        return state["status"], {"error": f"failing on purpose for {record['to']}"}, extra

    def _take(self, record: dict[str, Any]) -> Answer:
        """Taken: 200, and a repeat of an id already taken is answered 200 and not sent again."""
        duplicate = record["id"] in self.state["taken"]
        self.state["taken"].add(record["id"])
        self.state["received"].append({**record, "status": 200, "duplicate": duplicate})
        return 200, {"id": record["id"], "duplicate": duplicate}, []


def _message(body: bytes) -> dict[str, Any] | None:
    """The message a body carries, or None when it is not JSON ``{id, to, text}``."""
    try:
        message = json.loads(body)
        return {"id": str(message["id"]), "to": str(message["to"]), "text": str(message["text"])}
    except (ValueError, KeyError, TypeError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", action="append", required=True)
    args = parser.parse_args()
    uvicorn.run(Gateway(args.token), host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
