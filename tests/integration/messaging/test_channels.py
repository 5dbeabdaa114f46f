"""One contract for every channel a delivery leaves through, run over the real ones: the HTTP SMS
gateway (a process of its own) and the SMTP server (aiosmtpd); the demo inbox where it applies.

A channel delivers a message once, with its delivery id and its Arabic text intact; a refusal of
the message itself is permanent, a passing trouble and an unreachable server are transient."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from messaging.channel import Channel
from messaging.demo_inbox import DemoInbox
from messaging.email_smtp import SmtpMailer, SmtpServer
from messaging.outbox import EMAIL, SMS, Delivery
from messaging.retry import DeliveryFailed
from messaging.sms_gateway import SmsGateway
from tests.integration.messaging.conftest import MAIL_FROM, Gateway, MailServer
from tests.live_server import free_port

TEXT = "تم تأكيد حجزك في مكتب جوازات العباسية، الكود K7Q2M9XP"


def delivery(channel: str, n: int = 1) -> Delivery:
    address = "+201012345678" if channel == SMS else "mona@example.com"
    return Delivery(
        delivery_id=f"{n:032x}",
        channel=SMS if channel == SMS else EMAIL,
        address=address,
        text=TEXT,
        lang="ar",
        kind="booking_confirmed",
        phone="+201012345678",
        subject="موعد: تأكيد الحجز" if channel == EMAIL else None,
    )


@dataclass
class UnderTest:
    name: str
    channel: Channel
    received: Callable[[], list[tuple[str, str, str]]]
    """What reached the other side: (delivery id, address, text) each."""
    refuse: Callable[[bool], None]
    """Make the other side refuse messages: permanently (True) or for now (False)."""
    recover: Callable[[], None]
    """Make it take messages again."""


def _gateway(gateway: Gateway) -> UnderTest:
    def received() -> list[tuple[str, str, str]]:
        return [(r["key"], r["to"], r["text"]) for r in gateway.taken()]

    def refuse(permanent: bool) -> None:
        gateway.control(fail=100, status=400 if permanent else 503)

    def recover() -> None:
        gateway.control(fail=0)

    return UnderTest("sms", SmsGateway(gateway.send_url, gateway.token), received, refuse, recover)


def _smtp(server: MailServer) -> UnderTest:
    def received() -> list[tuple[str, str, str]]:
        return [
            (m["Message-ID"].strip("<>").partition("@")[0], m["To"], m.get_content().strip())
            for m in server.handler.messages
        ]

    def refuse(permanent: bool) -> None:
        if permanent:
            server.handler.refuse_rcpt = "550 5.1.1 No such mailbox"
        else:
            server.handler.refuse_data = "451 4.3.0 Try again later"

    def recover() -> None:
        server.handler.refuse_rcpt = server.handler.refuse_data = None

    mailer = SmtpMailer(SmtpServer.from_url(server.url), MAIL_FROM)
    return UnderTest("email", mailer, received, refuse, recover)


@pytest.fixture(params=["sms", "email"])
async def real(request: pytest.FixtureRequest) -> AsyncIterator[UnderTest]:
    if request.param == "sms":
        under_test = _gateway(request.getfixturevalue("gateway"))
    else:
        under_test = _smtp(request.getfixturevalue("mail_server"))
    try:
        yield under_test
    finally:
        await under_test.channel.close()


async def test_a_message_arrives_once_with_its_delivery_id_and_its_arabic_text(real: UnderTest) -> None:
    sent = delivery(real.name)
    await real.channel.send(sent)
    assert real.received() == [(sent.delivery_id, sent.address, TEXT)]


async def test_a_refusal_of_the_message_itself_is_permanent(real: UnderTest) -> None:
    real.refuse(True)
    with pytest.raises(DeliveryFailed) as failed:
        await real.channel.send(delivery(real.name))
    assert failed.value.failure.permanent
    assert real.received() == []


async def test_a_passing_trouble_is_transient_and_a_later_attempt_goes_through(real: UnderTest) -> None:
    real.refuse(False)
    sent = delivery(real.name)
    with pytest.raises(DeliveryFailed) as failed:
        await real.channel.send(sent)
    assert not failed.value.failure.permanent
    real.recover()
    await real.channel.send(sent)
    assert real.received() == [(sent.delivery_id, sent.address, TEXT)]


@pytest.mark.parametrize("kind", ["sms", "email"])
async def test_a_server_nobody_listens_on_is_transient(kind: str) -> None:
    port = free_port()
    channel: Channel = (
        SmsGateway(f"http://127.0.0.1:{port}/send", "token")
        if kind == "sms"
        else SmtpMailer(SmtpServer.from_url(f"smtp://127.0.0.1:{port}?starttls=0"), MAIL_FROM, timeout=5)
    )
    with pytest.raises(DeliveryFailed) as failed:
        await channel.send(delivery(kind))
    await channel.close()
    assert not failed.value.failure.permanent


async def test_the_demo_inbox_takes_every_message_and_names_itself() -> None:
    inbox = DemoInbox()
    await inbox.send(delivery("sms"))
    await inbox.send(delivery("email"))
    assert inbox.via == "demo"


async def test_the_gateway_gets_the_bearer_token_and_the_delivery_id_as_idempotency_key(
    gateway: Gateway,
) -> None:
    sms = SmsGateway(gateway.send_url, gateway.token)
    sent = delivery(SMS, 7)
    await sms.send(sent)
    await sms.send(sent)  # a repeat after a crash: the gateway knows the id and drops it
    await sms.close()
    first, repeat = gateway.received()
    assert first["id"] == first["key"] == sent.delivery_id and not first["duplicate"]
    assert repeat["key"] == sent.delivery_id and repeat["duplicate"]


async def test_a_gateway_refusing_our_token_is_a_setting_to_fix_not_a_dead_message(gateway: Gateway) -> None:
    sms = SmsGateway(gateway.send_url, "not-the-token")
    with pytest.raises(DeliveryFailed) as failed:
        await sms.send(delivery(SMS))
    await sms.close()
    assert not failed.value.failure.permanent and failed.value.failure.error.startswith("HTTP 401")


async def test_a_gateway_asking_to_wait_says_how_long(gateway: Gateway) -> None:
    gateway.control(fail=1, status=429, retry_after=120)
    sms = SmsGateway(gateway.send_url, gateway.token)
    with pytest.raises(DeliveryFailed) as failed:
        await sms.send(delivery(SMS))
    await sms.close()
    assert failed.value.failure.retry_after == 120 and not failed.value.failure.permanent


async def test_a_gateway_that_does_not_answer_in_time_is_transient(gateway: Gateway) -> None:
    gateway.control(fail=1, status=200, delay=2.0)
    sms = SmsGateway(gateway.send_url, gateway.token, timeout=0.5)
    with pytest.raises(DeliveryFailed) as failed:
        await sms.send(delivery(SMS))
    await sms.close()
    assert not failed.value.failure.permanent and "Timeout" in failed.value.failure.error


async def test_an_email_is_utf8_text_with_its_arabic_subject_and_a_message_id_from_the_delivery(
    mail_server: MailServer,
) -> None:
    mailer = SmtpMailer(SmtpServer.from_url(mail_server.url), MAIL_FROM)
    sent = delivery(EMAIL, 9)
    await mailer.send(sent)
    (mail,) = mail_server.handler.messages
    assert mail["Message-ID"] == f"<{sent.delivery_id}@example.gov.eg>"
    assert mail["Subject"] == "موعد: تأكيد الحجز" and mail["From"] == MAIL_FROM
    assert mail.get_content_charset() == "utf-8" and mail.get_content().strip() == TEXT


async def test_a_mail_server_refusing_our_login_is_a_setting_to_fix(mail_server: MailServer) -> None:
    wrong = SmtpServer.from_url(f"smtp://mawid:wrong@127.0.0.1:{mail_server.port}?starttls=0")
    with pytest.raises(DeliveryFailed) as failed:
        await SmtpMailer(wrong, MAIL_FROM).send(delivery(EMAIL))
    assert not failed.value.failure.permanent and failed.value.failure.error.startswith("SMTP 535")
    assert mail_server.handler.messages == []
