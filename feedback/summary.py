"""The satisfaction figures a manager reads: of the answers about an office's visits, the share
that rated 4 or 5, per service and ISO week of the visit, per service, and over all.

A share is ``satisfied / answers``, always between 0 and 1; with no answers there is no share
(None), never a misleading 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from feedback.answers import SATISFIED, iso_week


@dataclass(frozen=True, slots=True)
class Tally:
    answers: int = 0
    satisfied: int = 0

    @property
    def share(self) -> float | None:
        """The satisfied share, or None with nothing to share out."""
        return self.satisfied / self.answers if self.answers else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.answers + other.answers, self.satisfied + other.satisfied)


@dataclass(frozen=True, slots=True)
class ServiceSatisfaction:
    service: str
    total: Tally
    weeks: dict[str, Tally]
    """Only the weeks with answers, by ISO week label."""


@dataclass(frozen=True, slots=True)
class Satisfaction:
    total: Tally
    services: list[ServiceSatisfaction] = field(default_factory=list)
    """Services with answers, in the order of their codes."""


def summarise(counts: Iterable[tuple[str, str, int, int]]) -> Satisfaction:
    """Fold ``(service, week, rating, how many)`` counts into the figures."""
    tallies: dict[str, dict[str, Tally]] = {}
    for service, week, rating, count in counts:
        if count <= 0:
            continue
        weeks = tallies.setdefault(service, {})
        weeks[week] = weeks.get(week, Tally()) + Tally(count, count if rating in SATISFIED else 0)
    services = [
        ServiceSatisfaction(service, sum(weeks.values(), Tally()), dict(sorted(weeks.items())))
        for service, weeks in sorted(tallies.items())
    ]
    return Satisfaction(sum((s.total for s in services), Tally()), services)


def weeks_between(first: date, last: date) -> list[str]:
    """The ISO weeks from the one holding ``first`` to the one holding ``last``."""
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(iso_week(monday))
        monday += timedelta(weeks=1)
    return weeks


def last_weeks(today: date, count: int) -> tuple[date, date]:
    """The default range: the Monday ``count - 1`` weeks before this one, to today."""
    return today - timedelta(days=today.weekday(), weeks=count - 1), today
