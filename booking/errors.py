"""Domain errors carry a stable snake_case code and a message in English and Arabic.

The API maps each family (invalid input, conflict, not found) to an HTTP status; the domain
itself knows nothing of HTTP.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refusal that a citizen or a clerk should understand, in both languages."""

    code: str = "domain_error"

    def __init__(self, code: str, detail_en: str, detail_ar: str) -> None:
        super().__init__(detail_en)
        self.code = code
        self.detail_en = detail_en
        self.detail_ar = detail_ar


class InvalidInput(DomainError):
    """The request itself is wrong: a bad ID, phone, date or slot."""


class Conflict(DomainError):
    """The request is well formed but the state of the world refuses it (slot full, duplicate)."""


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know whether it does."""


class Forbidden(DomainError):
    """The caller is known but may not act here (another office, another role)."""
