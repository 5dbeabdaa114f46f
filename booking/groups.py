"""Several people, one appointment: a family books one block, under one code, served back to back
by one counter.

**What a block takes.** One counter serves the party one after the other, so the block uses
headcount × one person's counter time, in a row: person *k* (0 the applicant) is at the counter
from ``start + k · duration``, and takes one seat in the slot of the office's grid in which that
turn begins. A service as long as a slot therefore takes one seat in each of ``headcount``
consecutive slots; a shorter one takes as many seats of a slot as turns begin in it (three 10-minute
passport pick-ups in a 30-minute slot), and the next slot the rest. Taking all the seats of one
slot instead would promise the party to several counters at once while one serves it, and leave
the later slots sold to others while that counter is still busy with the family. Each seat is a
seat of the slot's ordinary capacity (``booking.capacity``), taken in the booking's one
transaction like a chain's (``booking.store.bookings``): all or none.

**Services.** Everyone in the party takes the same service, or the same chain of services
(``booking.chains``): the block of each later service begins at the slot following the end of the
previous service's block. A party needing different services books separately: one queue number
per counter walk keeps the hall simple, and eligibility is checked for each person and service.

Pure rules: the grids and the loads come from the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from booking.bookings import Companion
from booking.capacity import Slot
from booking.identity import Identity, IdentityHasher
from booking.messages import MESSAGES
from booking.rules import clean_full_name
from booking.services import SERVICES
from kernel.errors import DomainError, InvalidInput

E = TypeVar("E", bound=DomainError)

MAX_COMPANIONS = 5
"""How many people beside the applicant one booking may carry, unless the settings say otherwise
(``MAWID_GROUP_EXTRA_PEOPLE``): the issue's family of six."""


@dataclass(frozen=True, slots=True)
class Block:
    """One service of a party's booking: ``seats[k]`` is the slot in which person k's turn begins."""

    service: str
    seats: tuple[Slot, ...]

    @property
    def start(self) -> datetime:
        return self.seats[0].start

    @property
    def end(self) -> datetime:
        return self.seats[-1].end

    def needs(self) -> dict[datetime, int]:
        """How many seats the block takes in each of its slots, by the slot's start."""
        taken: dict[datetime, int] = {}
        for seat in self.seats:
            taken[seat.start] = taken.get(seat.start, 0) + 1
        return taken


def check_headcount(headcount: int, max_companions: int) -> None:
    """One to ``1 + max_companions`` people, or ``too_many_people``."""
    if headcount < 1 or headcount > 1 + max_companions:
        raise MESSAGES.error(InvalidInput, "too_many_people", indic=True, most=1 + max_companions)


def block_from(first: Slot, grid: Mapping[datetime, Slot], headcount: int, slot_minutes: int) -> Block | None:
    """The block of ``headcount`` people of ``first``'s service from ``first`` on (``grid``: that
    service's slots of the day by start); None when a person's turn falls in a slot without a
    seat for the service (no counter for it then, or the day ends)."""
    duration = SERVICES[first.service].duration_minutes
    seats = [first]
    for person in range(1, headcount):
        offset = (person * duration) // slot_minutes * slot_minutes
        seat = grid.get(first.start + timedelta(minutes=offset))
        if seat is None:
            return None
        seats.append(seat)
    return Block(first.service, tuple(seats))


def blocks_from(
    first: Slot, grids: Sequence[Mapping[datetime, Slot]], headcount: int, slot_minutes: int
) -> tuple[Block, ...] | None:
    """Every service's block, the first from ``first`` (``grids[0]`` its service's grid), each
    later one from the slot that starts when the previous block ends; None when one does not fit."""
    block = block_from(first, grids[0], headcount, slot_minutes)
    if block is None:
        return None
    blocks = [block]
    for grid in grids[1:]:
        following = grid.get(blocks[-1].end)
        if following is None:
            return None
        block = block_from(following, grid, headcount, slot_minutes)
        if block is None:
            return None
        blocks.append(block)
    return tuple(blocks)


def room_for(blocks: Sequence[Block], left: Callable[[Slot], int]) -> int:
    """How many such parties the slots could still take: the least, over every slot the blocks
    use, of the seats it has left (``left``) divided by the seats a party takes there."""
    rooms: list[int] = []
    for block in blocks:
        by_start = {seat.start: seat for seat in block.seats}
        rooms.extend(left(by_start[start]) // need for start, need in block.needs().items())
    return max(0, min(rooms)) if rooms else 0


@dataclass(frozen=True, slots=True)
class PersonCommand:
    """Someone a citizen books with themselves: their identity and name as typed."""

    identity: Identity
    full_name: str


def companion_of(person: int, command: PersonCommand, hasher: IdentityHasher) -> Companion:
    """Person ``person`` (1 onwards) of a party as kept: the name cleaned (``invalid_name`` naming
    the person), the number digested under every configured key."""
    try:
        name = clean_full_name(command.full_name)
    except DomainError as error:
        raise about_person(error, person, command.full_name.strip()[:60]) from None
    current, *retired = hasher.digests(command.identity)
    return Companion(
        person=person,
        full_name=name,
        identity_hash=current,
        identity_type=command.identity.type.value,
        identity_nationality=command.identity.nationality,
        identity_last4=command.identity.last4,
        identity_key_id=hasher.key_id,
        retired_hashes=tuple(retired),
    )


def check_distinct(applicant_hash: str, companions: Sequence[Companion]) -> None:
    """Each person once: ``repeated_person`` names the first named again."""
    seen = {applicant_hash}
    for companion in companions:
        if companion.identity_hash in seen:
            raise MESSAGES.error(
                InvalidInput,
                "repeated_person",
                indic=True,
                person=companion.person + 1,
                name=companion.full_name,
            )
        seen.add(companion.identity_hash)


def about_person(error: E, person: int, name: str) -> E:
    """``error`` (a rule that refused one person of a party) saying which person: by place in the
    party (1 the applicant) and name, never by identity number; the code and facts kept, with
    ``person`` added."""
    english, _ = MESSAGES.texts("person_refused", person=person + 1, name=name, reason=error.detail_en)
    _, arabic = MESSAGES.texts("person_refused", person=_indic(person + 1), name=name, reason=error.detail_ar)
    told = type(error)(error.code, english, arabic)
    told.identity_hash = error.identity_hash
    return told.telling(**(error.facts or {}), person=person + 1)


def _indic(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
