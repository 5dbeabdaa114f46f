"""Planning's persistence: optimiser jobs (``jobs``), the optimiser's and the opening draw's
answers written as bookings (``assignments``), opening draws (``release_draws``), rebalance plans
(``rebalance_plans``), each posting its messages to citizens into messaging's outbox
(``messaging.store.outbox``); their tables in ``tables``, on booking's ``Base`` so Alembic sees
one schema.

The flexible requests themselves are booking's (``booking.store.booking_requests``): booking takes
them in; planning decides them.
"""
