"""When a clerk may mark a called ticket as not having come (a no-show).

Called to a counter, a citizen may be at the far end of a crowded hall, hard of hearing, or
outside for a minute; one press of "did not come" the second the number is called would send
them to the back of another day. So a no-show is refused until both

    recalls(t) ≥ N      the number was called again N times (N = 2: heard three times in all), and
    now ≥ called_at(t) + M      M minutes have passed since the first call (M = 3),

with N and M the office's settings (``MAWID_COUNTER_NO_SHOW_RECALLS``, ``_MINUTES``). Three
minutes is about what an elderly citizen at the back of a hall of a few hundred needs to hear the
number twice and walk up, and not much more than a counter's idle time between two citizens; the
recalls make sure the number was not said only once, over the noise. The fourth recall, which
``ticket.recall`` turns into a no-show, obeys the same rule. Both conditions only grow true while
a ticket stays called (recalls rise, time passes), so the store checks the rule on the very ticket
it then changes, in the same atomic step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from queue_display import errors
from queue_display.ticket import MAX_RECALLS, Ticket, TicketStatus


@dataclass(frozen=True, slots=True)
class NoShowRule:
    recalls: int = 2
    """Recalls a ticket must have had (0 to ``MAX_RECALLS``; 0: none asked for)."""
    minutes: int = 3
    """Minutes since the first call (0: no wait)."""

    def __post_init__(self) -> None:
        if not 0 <= self.recalls <= MAX_RECALLS:
            raise ValueError(f"a no-show can ask for 0 to {MAX_RECALLS} recalls, not {self.recalls}")
        if self.minutes < 0:
            raise ValueError("a no-show's wait cannot be negative")

    def allowed_from(self, ticket: Ticket) -> datetime | None:
        """When the wait since the first call is over (None: the ticket was never called)."""
        if ticket.called_at is None:
            return None
        return ticket.called_at + timedelta(minutes=self.minutes)

    def check(self, ticket: Ticket, now: datetime) -> None:
        """Refuse (``no_show_too_early``) a no-show of a called ticket the rule does not allow
        yet; a ticket that is not called is left to the state machine to refuse."""
        if ticket.status is not TicketStatus.CALLED:
            return
        allowed_from = self.allowed_from(ticket)
        recalls_short = ticket.recalls < self.recalls
        too_soon = allowed_from is not None and now < allowed_from
        if not (recalls_short or too_soon):
            return
        shown = allowed_from or now
        raise errors.no_show_too_early(
            ticket.number,
            ticket.recalls,
            self.recalls,
            shown.strftime("%H:%M"),
            self.minutes,
            recalls_short=recalls_short,
            too_soon=too_soon,
        )


DEFAULT_RULE = NoShowRule()
"""Two recalls and three minutes: the settings' defaults."""

ANY_TIME = NoShowRule(recalls=0, minutes=0)
"""No condition: what the stores apply when told no rule (their own tests, tools)."""
