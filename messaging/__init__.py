"""Reaching the citizen: the outbox of messages and their delivery by SMS and e-mail.

A context that changes something a citizen must hear of posts the message into the outbox in the
same transaction as the change (``store.outbox.post``); a sender drains the outbox, inside
``mawid serve`` or as ``mawid worker`` processes, each message at most once per attempt:

    outbox.py        what is posted (``OutboxMessage``) and what is delivered (``Delivery``: one
                     message on one channel, with its delivery id, the gateway's idempotency key)
    retry.py         what comes of an attempt: sent, tried again later (backoff) or dead
    channel.py       the ``Channel`` a delivery goes through, and how it says it failed
    sms_gateway.py   SMS through an HTTP gateway (JSON, bearer token, ``Idempotency-Key``)
    email_smtp.py    e-mail over SMTP (aiosmtplib)
    demo_inbox.py    the demo inbox: in demo mode without a gateway, "sent" is a row to read
    channels.py      which channels this deployment has, from its settings
    sender.py        the loop: claim due deliveries, send with bounded concurrency, record
    messages.py      the few words of its own (the e-mail's default subject)
    store/           the outbox table, posting, claiming with a lease, recording, erasing

Layers (import-linter): planning, queue_display, booking and api may use this package; it imports
only the kernel and booking's database seam (``Database``, ``Base``), never planning, the hall or
api. ``outbox``, ``retry``, ``channel`` and ``messages`` are plain Python.
"""
