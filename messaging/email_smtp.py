"""E-mail over SMTP (aiosmtplib): one connection per message, plain UTF-8 text.

``MAWID_SMTP_URL`` names the server: ``smtp://user:password@host:587?starttls=1`` (STARTTLS
required), ``smtp://host:25`` (STARTTLS when the server offers it; ``starttls=0`` never), or
``smtps://user:password@host:465`` (TLS from the first byte). User and password are
percent-encoded in the URL. ``MAWID_MAIL_FROM`` is the sender's address.

Each message's ``Message-ID`` is made from its delivery id, so a message sent again after a crash
carries the same one. A refusal of the recipient or of the message (RCPT, DATA) is permanent when
it is 5xx and transient when 4xx; the server unreachable, refusing our login or our sender address,
or not offering a required STARTTLS is transient: a setting to fix, not a message to give up on.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from messaging.outbox import Delivery
from messaging.retry import DeliveryFailed, Failure, smtp_failure, unreachable

TIMEOUT_SECONDS = 30.0
_SWITCH = {
    **dict.fromkeys(("1", "true", "yes", "on"), True),
    **dict.fromkeys(("0", "false", "no", "off"), False),
}


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    use_tls: bool = False
    """``smtps://``: TLS from the first byte."""
    start_tls: bool | None = None
    """True: STARTTLS required; False: never; None: when the server offers it."""

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """Read ``MAWID_SMTP_URL``; ValueError saying what is wrong."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("it must start with smtp:// or smtps://")
        if not parts.hostname:
            raise ValueError("it names no host")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("its port is not a number") from None
        query = parse_qs(parts.query)
        start_tls: bool | None = None
        if "starttls" in query:
            value = query["starttls"][-1].lower()
            if value not in _SWITCH:
                raise ValueError("starttls must be 1 or 0")
            start_tls = _SWITCH[value]
        use_tls = parts.scheme == "smtps"
        if use_tls and start_tls:
            raise ValueError("smtps:// is TLS already; drop starttls=1")
        return cls(
            host=parts.hostname,
            port=port or (465 if use_tls else 587 if start_tls else 25),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            use_tls=use_tls,
            start_tls=False if use_tls else start_tls,
        )


def email_message(delivery: Delivery, mail_from: str) -> EmailMessage:
    """The e-mail for ``delivery``: UTF-8 plain text, its Message-ID made from the delivery id."""
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = delivery.address
    message["Subject"] = delivery.subject or ""
    message["Message-ID"] = f"<{delivery.delivery_id}@{mail_from.rpartition('@')[2] or 'mawid'}>"
    message["Date"] = formatdate(usegmt=True)  # the moment it leaves, whatever the app's clock says
    message["Content-Language"] = delivery.lang
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
    message.set_content(delivery.text, charset="utf-8")
    return message


def _failure(error: Exception) -> Failure:
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused) and error.recipients:
        refused = error.recipients[0]
        return smtp_failure(refused.code, refused.message)
    if isinstance(error, aiosmtplib.SMTPRecipientRefused | aiosmtplib.SMTPDataError):
        return smtp_failure(error.code, error.message)
    if isinstance(error, aiosmtplib.SMTPResponseException):  # greeting, HELO, login, sender refused
        return Failure(smtp_failure(error.code, error.message).error, permanent=False)
    return unreachable(error)


class SmtpMailer:
    via = "smtp"

    def __init__(self, server: SmtpServer, mail_from: str, *, timeout: float = TIMEOUT_SECONDS) -> None:
        self._server = server
        self._from = mail_from
        self._timeout = timeout

    async def send(self, delivery: Delivery) -> None:
        server = self._server
        try:
            await aiosmtplib.send(
                email_message(delivery, self._from),
                hostname=server.host,
                port=server.port,
                username=server.username,
                password=server.password,
                use_tls=server.use_tls,
                start_tls=server.start_tls,
                timeout=self._timeout,
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            raise DeliveryFailed(_failure(error)) from None

    async def close(self) -> None:
        """Nothing is kept open between messages."""
