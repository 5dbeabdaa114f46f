"""Text me when I'm close: a citizen gives a mobile and how many people ahead is close enough
(3 by default), at the kiosk or on the ticket's live page, and gets one SMS when the place in
line reaches it and one when the number is called. Walk-ins too: the mobile is asked for, not
read from a booking.

This module decides what is due for one heads-up given the ticket as it stands (``due``) and
words the texts; ``HeadsUps`` (``queue_display.heads_ups``) looks at every open heads-up of an
office whenever its queue moves, and the store marks each text sent in the transaction that
posts it, so it goes once whichever process saw the queue move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from queue_display.messages import MESSAGES
from queue_display.ticket import AT_COUNTER, FINAL, Ticket, TicketStatus

DEFAULT_AHEAD = 3
MAX_AHEAD = 20

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class Text(StrEnum):
    NEAR = "near"
    """The place in line reached the number asked for."""
    CALLED = "called"
    """The number is called to a counter."""


@dataclass(frozen=True, slots=True)
class HeadsUp:
    """One open heads-up, as the store keeps it."""

    id: int
    ticket_id: str
    office_id: str
    day: date
    phone: str
    lang: str
    ahead: int
    near_sent: bool
    called_sent: bool

    def __repr__(self) -> str:  # keep the mobile out of logs and tracebacks
        return f"HeadsUp(id={self.id}, ticket_id={self.ticket_id!r}, ahead={self.ahead})"


@dataclass(frozen=True, slots=True)
class Due:
    """What a heads-up needs now: a text to send (or None), and whether it is then over."""

    text: Text | None
    close: bool = False


NOTHING = Due(None)


def due(heads_up: HeadsUp, ticket: Ticket, position: int | None, is_due: bool) -> Due:
    """What ``heads_up`` needs, for ``ticket`` (the one carrying its holder now) at ``position``
    (None unless waiting). ``is_due``: the ticket can be called now (an appointment before its
    slot cannot, whatever its place: no "you are close" an hour early)."""
    if ticket.status in AT_COUNTER:
        return Due(None if heads_up.called_sent else Text.CALLED, close=True)
    if ticket.status in FINAL:
        return Due(None, close=True)
    waiting = ticket.status is TicketStatus.WAITING and is_due and position is not None
    if waiting and not heads_up.near_sent and (position or 1) - 1 <= heads_up.ahead:
        return Due(Text.NEAR)
    return NOTHING


def message(text: Text, ticket: Ticket, office_name: str, position: int | None, lang: str) -> str:
    """The SMS, in the heads-up's language (Arabic-Indic digits in Arabic)."""
    counter = ticket.counter or ""
    ahead = max(0, (position or 1) - 1)
    if lang == "ar":
        counter, shown_ahead = counter.translate(_ARABIC_DIGITS), str(ahead).translate(_ARABIC_DIGITS)
    else:
        shown_ahead = str(ahead)
    key = "heads_up.called" if text is Text.CALLED else "heads_up.near"
    return MESSAGES.text(
        key, lang, number=ticket.number, counter=counter, ahead=shown_ahead, office=office_name
    )


def last4(phone: str) -> str:
    return phone[-4:]
