"""Which channels a deployment delivers through, from its settings.

An SMS goes to the HTTP gateway when ``MAWID_SMS_URL`` is set, an e-mail to the SMTP server when
``MAWID_SMTP_URL`` is; in demo mode a channel with neither goes to the demo inbox. Outside demo
mode a channel with neither has no sender: its deliveries stay pending in the outbox (never
dropped) until one is configured, and the process says so once when it starts.
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog

from messaging.channel import Channel
from messaging.demo_inbox import DemoInbox
from messaging.email_smtp import SmtpMailer, SmtpServer
from messaging.outbox import CHANNELS, EMAIL, SMS
from messaging.sms_gateway import SmsGateway

log = structlog.get_logger("mawid.delivery")

_SETTING = {SMS: "MAWID_SMS_URL", EMAIL: "MAWID_SMTP_URL"}


@dataclass(frozen=True, slots=True)
class ChannelSettings:
    demo: bool = False
    sms_url: str = ""
    sms_token: str = ""
    smtp_url: str = ""
    mail_from: str = ""
    concurrency: int = 16


def open_channels(settings: ChannelSettings) -> dict[str, Channel]:
    """The channels this process delivers through, by channel name (``sms``, ``email``)."""
    channels: dict[str, Channel] = {}
    if settings.sms_url:
        channels[SMS] = SmsGateway(settings.sms_url, settings.sms_token, concurrency=settings.concurrency)
    elif settings.demo:
        channels[SMS] = DemoInbox()
    if settings.smtp_url:
        channels[EMAIL] = SmtpMailer(SmtpServer.from_url(settings.smtp_url), settings.mail_from)
    elif settings.demo:
        channels[EMAIL] = DemoInbox()
    return channels


def announce(channels: dict[str, Channel]) -> None:
    """Say once, at start, where each channel's messages go, and loudly which stay pending."""
    for name in CHANNELS:
        channel = channels.get(name)
        if channel is None:
            log.warning(
                "delivery_not_configured",
                channel=name,
                detail=f"{_SETTING[name]} is not set and demo mode is off: {name} messages stay "
                "pending in the outbox until it is",
            )
        else:
            log.info("delivery_channel", channel=name, via=channel.via)
