"""The step-by-step guide: for one group of services, a few questions — each one screen, two to
four answers — that lead to the service a citizen's case needs and what to bring for it.

A guide is a small decision graph kept as data (``guidance/guides/*.toml``, loaded and checked by
``guidance.step_guide_files``), never in templates: each answer leads to the next question or to an
outcome. An outcome names a service of the catalogue (``booking/services.py``) and what the case
changes about the catalogue's documents — items it does not need (``skip``, named by the
catalogue's English text so a reviewer sees which) and items it adds (``bring``) — with notes.
The checklist is computed, so the guide and the booking page cannot disagree about the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from booking.services import SERVICES, Service
from guidance.knowledge import Lang


@dataclass(frozen=True, slots=True)
class Text:
    """One sentence in both languages; Arabic first."""

    ar: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.ar if lang == "ar" else self.en


@dataclass(frozen=True, slots=True)
class Choice:
    """An answer to a question and the node it leads to (a question's or an outcome's id)."""

    label: Text
    next: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    ask: Text
    choices: tuple[Choice, ...]
    hint: Text | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a path of answers ends: the service, and what this case changes about its documents."""

    id: str
    service_code: str
    bring: tuple[Text, ...] = ()
    """Documents this case needs beyond the catalogue's list."""
    skip: tuple[str, ...] = ()
    """Catalogue documents (their English text) this case does not need."""
    notes: tuple[Text, ...] = ()

    @property
    def service(self) -> Service:
        return SERVICES[self.service_code]

    def checklist(self, lang: Lang) -> tuple[str, ...]:
        """What to bring: the catalogue's documents without the skipped ones, then this case's
        extras, each once (compared without case and spacing)."""
        service = self.service
        kept = [
            (english, arabic)
            for english, arabic in zip(service.documents_en, service.documents_ar, strict=True)
            if english not in self.skip
        ]
        items = [arabic if lang == "ar" else english for english, arabic in kept]
        items += [extra(lang) for extra in self.bring]
        seen: set[str] = set()
        unique = []
        for item in items:
            key = " ".join(item.casefold().split())
            if key not in seen:
                seen.add(key)
                unique.append(item)
        return tuple(unique)


@dataclass(frozen=True, slots=True)
class StepGuide:
    """One guide: its title and summary for the list, where it starts, its questions and outcomes."""

    id: str
    title: Text
    summary: Text
    start: str
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]
    order: int = 0

    @property
    def services(self) -> tuple[str, ...]:
        """The services its outcomes lead to, each once, in the order the outcomes are written."""
        return tuple(dict.fromkeys(outcome.service_code for outcome in self.outcomes.values()))


@dataclass(frozen=True, slots=True)
class StepGuides:
    guides: tuple[StepGuide, ...]

    def guide(self, guide_id: str) -> StepGuide | None:
        return next((guide for guide in self.guides if guide.id == guide_id), None)
