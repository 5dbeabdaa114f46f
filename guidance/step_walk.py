"""Walking a step-by-step guide: the answers given so far → the next question, or the outcome.

The answers are the whole state: the pages carry them in the address (``?path=21`` = the second
choice, then the first), so a screen works without a script, Back is a shorter path and a
printed or shared address opens the same screen. Because the loader refuses loops
(``guidance.step_guide_files``), a path is never longer than the guide has questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guidance.step_guide import Choice, Outcome, Question, StepGuide
from guidance.step_guide_files import MAX_CHOICES


class StepPathError(ValueError):
    """Answers that do not fit the guide: a choice a question does not have, or answers after the
    outcome (an old or edited address)."""


@dataclass(frozen=True, slots=True)
class Step:
    """Where a path of answers leads: exactly one of ``question`` and ``outcome``."""

    guide: StepGuide
    answers: tuple[int, ...]
    """Zero-based choice per question answered, in order."""
    trail: tuple[tuple[Question, Choice], ...]
    """Each question answered with the choice made: what the outcome screen recalls."""
    question: Question | None = None
    outcome: Outcome | None = None

    @property
    def back(self) -> tuple[int, ...] | None:
        """The path to the previous question; None on the first one."""
        return self.answers[:-1] if self.answers else None

    def then(self, choice: int) -> tuple[int, ...]:
        return (*self.answers, choice)


def walk(guide: StepGuide, answers: Sequence[int]) -> Step:
    """Follow ``answers`` from the guide's first question."""
    node = guide.start
    trail: list[tuple[Question, Choice]] = []
    for count, answer in enumerate(answers):
        question = guide.questions.get(node)
        if question is None:
            raise StepPathError(f"{guide.id}: {len(answers) - count} answer(s) after the outcome")
        if not 0 <= answer < len(question.choices):
            raise StepPathError(f"{guide.id}/{question.id} has no choice {answer + 1}")
        choice = question.choices[answer]
        trail.append((question, choice))
        node = choice.next
    done = tuple(answers)
    if node in guide.questions:
        return Step(guide, done, tuple(trail), question=guide.questions[node])
    return Step(guide, done, tuple(trail), outcome=guide.outcomes[node])


def parse_path(text: str) -> tuple[int, ...] | None:
    """``"21"`` → ``(1, 0)``: one digit per answer, counted from 1; None for anything else."""
    if len(text) > 64 or not all("1" <= digit <= str(MAX_CHOICES) for digit in text):
        return None
    return tuple(int(digit) - 1 for digit in text)


def path_text(answers: Sequence[int]) -> str:
    """The inverse of ``parse_path``: what the address carries."""
    return "".join(str(answer + 1) for answer in answers)
