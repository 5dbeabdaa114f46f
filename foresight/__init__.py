"""Foresight: an office day seen before it happens.

Pure like ``scheduler``: no framework, no database. It simulates an office day (SimPy) with the
hall's real call policy (``queue_display.policy``), compares scenarios side by side (a counter
more or less, a counter closed, a walk-in-only hall), and holds the queueing theory the
simulation is checked against and staffing advice is built on (Erlang C). The demand forecast
and the staffing advice per hour will live here too: they are all "what the day will look like".
"""
