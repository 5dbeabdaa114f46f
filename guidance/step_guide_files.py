"""The step-by-step guides as data: ``guidance/guides/*.toml``, one file per group of services,
reviewed like code. The file's name is the guide's id (``/guide/passports``).

A file holds the guide's ``title_ar``/``title_en``, ``summary_ar``/``summary_en``, ``order`` in the
list, the ``start`` question, then ``[questions.ID]`` (``ask_ar``/``ask_en``, optional
``hint_ar``/``hint_en``, two to four ``[[questions.ID.choices]]`` with ``ar``, ``en`` and ``next``)
and ``[outcomes.ID]`` (``service``, optional ``skip`` — catalogue documents by their English text —
and ``[[outcomes.ID.bring]]`` / ``[[outcomes.ID.notes]]`` with ``ar`` and ``en``).

Loading refuses what a reviewer could miss: an unknown key (a typo), a text missing in one language,
an unknown service, a skipped document the service does not list, an answer leading nowhere, a
question or outcome no path reaches, a path that loops, an id used for both a question and an
outcome. So every path through a shipped guide ends, in a bounded number of steps, at a service
that exists (``tests/unit/guidance/test_step_guides.py`` walks them all).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from booking.services import SERVICES
from guidance.step_guide import Choice, Outcome, Question, StepGuide, StepGuides, Text

GUIDES_DIR = Path(__file__).parent / "guides"
MIN_CHOICES, MAX_CHOICES = 2, 4
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_GUIDE_KEYS = {"title_ar", "title_en", "summary_ar", "summary_en", "order", "start", "questions", "outcomes"}
_QUESTION_KEYS = {"ask_ar", "ask_en", "hint_ar", "hint_en", "choices"}
_CHOICE_KEYS = {"ar", "en", "next"}
_OUTCOME_KEYS = {"service", "skip", "bring", "notes"}
_TEXT_KEYS = {"ar", "en"}


class StepGuideError(ValueError):
    """A guide's file is not as ``guidance.step_guide_files`` describes it."""


def _keys(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise StepGuideError(f"{where}: unknown key(s) {', '.join(unknown)}")


def _string(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise StepGuideError(f"{where}: {key} must be a non-empty string")
    return " ".join(value.split())


def _text(raw: Mapping[str, Any], where: str, prefix: str = "") -> Text:
    """``{prefix}ar`` and ``{prefix}en``, both present: a guide speaks both languages or is refused."""
    return Text(_string(raw, f"{prefix}ar", where), _string(raw, f"{prefix}en", where))


def _texts(raw: Any, where: str) -> tuple[Text, ...]:
    if not isinstance(raw, list):
        raise StepGuideError(f"{where}: must be a list of tables with ar and en")
    texts = []
    for index, item in enumerate(raw):
        at = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise StepGuideError(f"{at}: must be a table with ar and en")
        _keys(item, _TEXT_KEYS, at)
        texts.append(_text(item, at))
    return tuple(texts)


def _question(question_id: str, raw: Any, where: str) -> Question:
    at = f"{where}/questions/{question_id}"
    if not isinstance(raw, dict):
        raise StepGuideError(f"{at}: must be a table")
    _keys(raw, _QUESTION_KEYS, at)
    hint = None
    if "hint_ar" in raw or "hint_en" in raw:
        hint = _text(raw, at, "hint_")
    choices_raw = raw.get("choices")
    if not isinstance(choices_raw, list) or not MIN_CHOICES <= len(choices_raw) <= MAX_CHOICES:
        raise StepGuideError(f"{at}: a question has {MIN_CHOICES} to {MAX_CHOICES} choices")
    choices = []
    for index, choice in enumerate(choices_raw):
        choice_at = f"{at}/choices[{index}]"
        if not isinstance(choice, dict):
            raise StepGuideError(f"{choice_at}: must be a table")
        _keys(choice, _CHOICE_KEYS, choice_at)
        choices.append(Choice(_text(choice, choice_at), _string(choice, "next", choice_at)))
    for lang in ("ar", "en"):
        labels = [getattr(choice.label, lang) for choice in choices]
        if len(set(labels)) != len(labels):
            raise StepGuideError(f"{at}: two choices read the same in {lang}")
    return Question(question_id, _text(raw, at, "ask_"), tuple(choices), hint)


def _outcome(outcome_id: str, raw: Any, where: str) -> Outcome:
    at = f"{where}/outcomes/{outcome_id}"
    if not isinstance(raw, dict):
        raise StepGuideError(f"{at}: must be a table")
    _keys(raw, _OUTCOME_KEYS, at)
    code = _string(raw, "service", at)
    service = SERVICES.get(code)
    if service is None:
        raise StepGuideError(f"{at}: unknown service {code!r}")
    skip = raw.get("skip", [])
    if not isinstance(skip, list) or not all(isinstance(item, str) for item in skip):
        raise StepGuideError(f"{at}: skip must be a list of the service's documents")
    for item in skip:
        if item not in service.documents_en:
            raise StepGuideError(f"{at}: {code} lists no document {item!r} to skip")
    return Outcome(
        outcome_id,
        code,
        bring=_texts(raw.get("bring", []), f"{at}/bring"),
        skip=tuple(skip),
        notes=_texts(raw.get("notes", []), f"{at}/notes"),
    )


def _table(raw: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        raise StepGuideError(f"{where}: {key} must hold at least one table")
    for node_id in value:
        if not _ID.match(node_id):
            raise StepGuideError(f"{where}: {node_id!r} is not an id (lower case, digits and hyphens)")
    return value


def _check_links(guide: StepGuide) -> None:
    """The start is a question, every answer leads to a node, and no id names two nodes."""
    where = guide.id
    clash = guide.questions.keys() & guide.outcomes.keys()
    if clash:
        raise StepGuideError(f"{where}: {sorted(clash)} named both a question and an outcome")
    if guide.start not in guide.questions:
        raise StepGuideError(f"{where}: start {guide.start!r} is not a question")
    for question in guide.questions.values():
        for choice in question.choices:
            if choice.next not in guide.questions and choice.next not in guide.outcomes:
                raise StepGuideError(f"{where}/questions/{question.id}: {choice.next!r} leads nowhere")


def _check_paths(guide: StepGuide) -> None:
    """Every node is reached from the start, and no path loops: depth-first from the start, a node
    met again while still on the path is a loop."""
    where = guide.id
    reached: set[str] = set()
    on_path: list[str] = []

    def visit(node: str) -> None:
        if node in on_path:
            loop = " → ".join([*on_path[on_path.index(node) :], node])
            raise StepGuideError(f"{where}: the answers loop: {loop}")
        if node in reached:
            return
        reached.add(node)
        question = guide.questions.get(node)
        if question is None:
            return
        on_path.append(node)
        for choice in question.choices:
            visit(choice.next)
        on_path.pop()

    visit(guide.start)
    unused = sorted((guide.questions.keys() | guide.outcomes.keys()) - reached)
    if unused:
        raise StepGuideError(f"{where}: no path reaches {', '.join(unused)}")


def parse_guide(guide_id: str, raw: Mapping[str, Any]) -> StepGuide:
    """One guide file's content, checked."""
    if not _ID.match(guide_id):
        raise StepGuideError(f"{guide_id!r} is not a guide id (lower case, digits and hyphens)")
    _keys(raw, _GUIDE_KEYS, guide_id)
    order = raw.get("order", 0)
    if not isinstance(order, int):
        raise StepGuideError(f"{guide_id}: order must be a whole number")
    questions = {
        key: _question(key, value, guide_id) for key, value in _table(raw, "questions", guide_id).items()
    }
    outcomes = {
        key: _outcome(key, value, guide_id) for key, value in _table(raw, "outcomes", guide_id).items()
    }
    guide = StepGuide(
        id=guide_id,
        title=_text(raw, guide_id, "title_"),
        summary=_text(raw, guide_id, "summary_"),
        start=_string(raw, "start", guide_id),
        questions=questions,
        outcomes=outcomes,
        order=order,
    )
    _check_links(guide)
    _check_paths(guide)
    return guide


def step_guides_from(files: Mapping[str, Mapping[str, Any]]) -> StepGuides:
    """The guides from parsed files (``{guide_id: content}``), in their ``order``, then by id."""
    guides = [parse_guide(guide_id, content) for guide_id, content in files.items()]
    if not guides:
        raise StepGuideError("there are no guides")
    return StepGuides(tuple(sorted(guides, key=lambda guide: (guide.order, guide.id))))


def load_step_guides(directory: Path = GUIDES_DIR) -> StepGuides:
    """Every ``*.toml`` in ``directory`` a guide named after its file."""
    files = {}
    for path in sorted(directory.glob("*.toml")):
        try:
            files[path.stem] = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise StepGuideError(f"{path.name}: {error}") from error
    return step_guides_from(files)
