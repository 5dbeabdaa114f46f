"""The way a delivery leaves: a ``Channel`` sends one ``Delivery`` or raises ``DeliveryFailed``.

Every channel takes the delivery id along (an SMS gateway's ``Idempotency-Key``, an e-mail's
``Message-ID``) so the other side can drop a repeat: after a crash between "the gateway took it"
and "the outbox knows", the delivery is claimed again once its lease ends and sent again with the
same id. One contract test suite (``tests/integration/messaging/test_channels.py``) runs over
every real channel.
"""

from __future__ import annotations

from typing import Protocol

from messaging.outbox import Delivery


class Channel(Protocol):
    via: str
    """What the outbox records as having sent a delivery: ``gateway``, ``smtp`` or ``demo``."""

    async def send(self, delivery: Delivery) -> None:
        """Deliver, or raise ``messaging.retry.DeliveryFailed`` saying whether to try again."""
        ...

    async def close(self) -> None:
        """Let go of connections; the channel is not used again."""
        ...
