"""The on-site queue: the ticket state machine and call policy, wait estimates, the kiosk and the
counters' desk, the live queue store (``store/``: memory or Redis, its Lua scripts in
``store/lua/``), the screens' feed, and the ticket archive in the database (``archive/``).

It sits on ``booking`` (a check-in turns a booking into a ticket) and the shared ``kernel``;
``planning`` and ``api`` sit above it (import-linter's layers contract).
"""
