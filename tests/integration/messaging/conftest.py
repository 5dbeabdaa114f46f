"""Real things for the delivery tests: an HTTP SMS gateway process (``tests/sms_gateway.py``), an
SMTP server (aiosmtpd) on a free port, and the outbox on each database."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from kernel.database import Database
from messaging.outbox import OutboxMessage
from messaging.store.outbox import post
from tests.live_server import ROOT, free_port

GATEWAY_TOKEN = "gateway-token-for-tests"
SECOND_TOKEN = "another-token-the-gateway-takes"
SMTP_USER, SMTP_PASSWORD = "mawid", "p@ss word"
MAIL_FROM = "mawid@example.gov.eg"


class Gateway:
    """The test's handle on the gateway process: where to send, and what it received."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.send_url = f"{url}/send"
        self.token = GATEWAY_TOKEN

    def control(self, **what: Any) -> None:
        httpx.post(f"{self.url}/_control", json=what, timeout=5).raise_for_status()

    def received(self) -> list[dict[str, Any]]:
        return httpx.get(f"{self.url}/_received", timeout=30).json()  # type: ignore[no-any-return]

    def taken(self) -> list[dict[str, Any]]:
        """The messages it accepted and "sent" (not failures, not repeats it dropped)."""
        return [r for r in self.received() if r["status"] == 200 and not r["duplicate"]]

    def reset(self) -> None:
        httpx.post(f"{self.url}/_reset", timeout=5).raise_for_status()


@pytest.fixture(scope="session")
def gateway_process() -> Iterator[Gateway]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.sms_gateway",
            "--port",
            str(port),
            "--token",
            GATEWAY_TOKEN,
            "--token",
            SECOND_TOKEN,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    gateway = Gateway(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(f"{gateway.url}/_health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(
                f"the gateway did not start: {process.stderr.read().decode() if process.stderr else ''}"
            )
        time.sleep(0.05)
    try:
        yield gateway
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def gateway(gateway_process: Gateway) -> Gateway:
    """The gateway process, having forgotten earlier tests."""
    gateway_process.reset()
    return gateway_process


@dataclass
class MailHandler:
    """What the SMTP server received; ``refuse_rcpt``/``refuse_data`` make it answer a refusal."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse_rcpt: str | None = None
    refuse_data: str | None = None

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        if self.refuse_data:
            return self.refuse_data
        content = envelope.original_content or b""
        self.messages.append(message_from_bytes(content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted"


def _authenticate(
    server: Any, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@dataclass
class MailServer:
    handler: MailHandler
    port: int

    @property
    def url(self) -> str:
        """``MAWID_SMTP_URL`` for it: with the login, percent-encoded, and no TLS (none offered)."""
        return f"smtp://{SMTP_USER}:p%40ss%20word@127.0.0.1:{self.port}?starttls=0"


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    """An SMTP server (aiosmtpd, in a thread of its own) that wants a login, on a free port."""
    handler = MailHandler()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield MailServer(handler, port)
    finally:
        controller.stop()


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    try:
        yield database
    finally:
        await database.dispose()


def message(
    n: int = 0, email: str | None = None, office_id: str | None = "cairo-abbassia-passports"
) -> OutboxMessage:
    return OutboxMessage(
        kind="booking_confirmed",
        phone=f"+2010{n:08d}",
        lang="ar",
        message=f"تم تأكيد حجزك رقم {n}: الكود ABCD{n:04d}",
        email=email,
        booking_code=f"C{n:07d}",
        office_id=office_id,
    )


async def post_messages(database: Database, now: datetime, *messages: OutboxMessage) -> None:
    def work(conn: Any) -> None:
        for one in messages:
            post(conn, one, now)

    await database.write(work)
