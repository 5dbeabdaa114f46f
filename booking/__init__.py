"""Booking: offices and counters, the calendar, the service catalogue, identity, the booking
rules and use cases (appointments, flexible requests, the opening-draw entries), and in
``store/`` their SQL, plus the one ``Database`` seam and the declarative ``Base`` every context's
tables join (one schema for Alembic).

Below it only the shared kernel (``kernel``); above it the on-site queue (``queue_display``),
``planning`` and ``api`` (import-linter's layers contract).
"""
