"""In-memory fakes of the contexts' ports (``booking/ports.py``, …), for unit tests of use cases.

Small and hand-written (cosmicpython's pattern), no mocks: each fake keeps its rows in a dict and
enforces, simply, the invariants the use cases rely on the real store for.
"""
