"""The ticket archive: the on-site queue's history in the database.

The live queue store (memory or Redis, ``queue_display.store``) decides; the archive remembers
what must outlive it: every ticket as it last stood and each of its steps (``tickets``), counters
opened, paused and closed (``counter_steps``), the day's ticket numbers (``ticket_numbers``),
bookings stranded between check-in and ticket (``stranded_check_ins``) and an office's day in
figures (``ticket_statistics``). ``tables`` holds their SQLAlchemy tables; ``rows`` is the only
place that knows both a ``Ticket`` and its archived row (plain Python, no SQL).
"""
