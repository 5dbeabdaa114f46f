"""The demo inbox: in demo mode, a channel with no gateway or mail server configured delivers here.

"Sending" is done the moment it is claimed: the sender records the delivery as sent via ``demo``,
and ``GET /api/v1/demo/inbox?phone=`` and the page ``/demo/inbox`` show what the citizen's phone
would have received (``messaging.store.outbox.OutboxStore.demo_inbox``). Outside demo mode
nothing is ever delivered here.
"""

from __future__ import annotations

from messaging.outbox import Delivery


class DemoInbox:
    via = "demo"

    async def send(self, delivery: Delivery) -> None:
        """Nothing leaves: the outbox row, marked sent via ``demo``, is the inbox."""

    async def close(self) -> None:
        """Nothing to let go of."""
