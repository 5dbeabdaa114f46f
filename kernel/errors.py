"""Domain errors carry a stable snake_case code and a message in English and Arabic.

The API maps each family (invalid input, conflict, not found) to an HTTP status; the domain
itself knows nothing of HTTP. A refusal with fixed words is a ``Refusal``, never an error instance
shared at module level: see ``Refusal`` for why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Self, TypeVar


class DomainError(Exception):
    """A refusal that a citizen or a clerk should understand, in both languages."""

    code: str = "domain_error"
    identity_hash: str | None = None
    """The digest of the identity a rule by identity refused (a cap, a ban), so that the audit
    log can name the citizen by it; never the number."""
    facts: dict[str, int | str] | None = None
    """What a client may act on beside the words (``tries_left`` after a wrong code), added to the
    answer's body as they are."""

    def __init__(self, code: str, detail_en: str, detail_ar: str) -> None:
        super().__init__(detail_en)
        self.code = code
        self.detail_en = detail_en
        self.detail_ar = detail_ar

    def concerning(self, identity_hash: str) -> Self:
        """This refusal, saying whose identity it refuses."""
        self.identity_hash = str(identity_hash)
        return self

    def telling(self, **facts: int | str) -> Self:
        """This refusal, with ``facts`` for the client (``facts``)."""
        self.facts = dict(facts)
        return self


class InvalidInput(DomainError):
    """The request itself is wrong: a bad ID, phone, date or slot."""


class Conflict(DomainError):
    """The request is well formed but the state of the world refuses it (slot full, duplicate)."""


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know whether it does."""


class Forbidden(DomainError):
    """The caller is known but may not act here (another office, another role)."""


_E = TypeVar("_E", bound=DomainError)


@dataclass(frozen=True, slots=True)
class Refusal(Generic[_E]):
    """A refusal whose words never change: ``raise SLOT_FULL()`` raises a fresh error each time.

    An exception instance raised again keeps the traceback it already had and adds the new frames
    to it, so an instance kept at module level and raised on every "slot full" held every frame of
    every request it was raised in (one worker grew 147 → 656 MB in a rush). ``code`` is here so
    callers can match a refusal they caught without building one.
    """

    family: type[_E]
    code: str
    detail_en: str
    detail_ar: str

    def __call__(self) -> _E:
        return self.family(self.code, self.detail_en, self.detail_ar)
