"""How long the server takes to hand an office's event to every screen of the office it holds.

``mawid_display_fanout_seconds`` (``api.metrics``): from the moment an event reached this
process's display channel to the moment the last of the office's screens in this process had it
written to its socket. That is the server's own part of a call reaching the hall, apart from the
HTTP call before it and the network and the screens' decoding after it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from api.metrics import DISPLAY_FANOUT

FORGET_AFTER_SECONDS = 60.0
"""An event some screen never confirmed (it left half-way) is forgotten after this long."""


class FanoutTimer:
    """One office's events in flight in this process: when each arrived, and how many of the
    office's screens have still to send it."""

    def __init__(self, observe: Callable[[float], None] = DISPLAY_FANOUT.observe) -> None:
        self._observe = observe
        self._open: dict[int, tuple[float, int]] = {}
        self.screens = 0

    def arrived(self, seq: int, screens: int | None = None) -> None:
        """Event ``seq`` reached the process; ``screens`` (default: all the office's) will send it.
        Only the first call for a seq counts."""
        if seq in self._open:
            return
        now = time.perf_counter()
        for stale in [s for s, (at, _) in self._open.items() if now - at > FORGET_AFTER_SECONDS]:
            del self._open[stale]
        self._open[seq] = (now, self.screens if screens is None else screens)
        if self._open[seq][1] <= 0:
            self.sent(seq, 0)

    def sent(self, seq: int, screens: int = 1) -> None:
        """``screens`` more screens have sent (or skipped) event ``seq``."""
        if (entry := self._open.get(seq)) is None:
            return
        at, left = entry[0], entry[1] - screens
        if left > 0:
            self._open[seq] = (at, left)
            return
        del self._open[seq]
        self._observe(time.perf_counter() - at)
