"""The knowledge base: curated answers to the questions citizens ask before a visit, in Arabic and
English, kept as data in ``guidance/knowledge/*.toml`` (one file per topic) and reviewed like code.

Each entry names the questions it answers — in Modern Standard Arabic (``ask_ar``), in Egyptian
colloquial (``ask_eg``) and in English (``ask_en``) — its answer in both languages, the source it
comes from (what a citizen can check, ``source_ar``/``source_en``, and the page or rule a reviewer
checks, ``source_ref``) and links to the pages that act on it. An entry about a service names it
(``service``): its documents then come from the catalogue (``booking/services.py``), never
copied, so the two cannot disagree.

``lexicon.toml`` in the same folder joins the spellings of one notion (see ``guidance.terms``).
``load_knowledge`` refuses a base with a duplicate id, an empty field, an unknown service or a link
that leaves the site; ``tests/unit/guidance/test_knowledge.py`` loads the real one.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from booking.services import SERVICES
from guidance.terms import Lexicon

Lang = Literal["ar", "en"]


def as_lang(value: str) -> Lang:
    """``"en"`` as English, anything else as Arabic (the default)."""
    return "en" if value == "en" else "ar"


KNOWLEDGE_DIR = Path(__file__).parent / "knowledge"
LEXICON_FILE = "lexicon.toml"


@dataclass(frozen=True, slots=True)
class Link:
    """A page of ours that acts on the answer: ``/?service=passport-renewal``, ``/my-booking``."""

    href: str
    ar: str
    en: str

    def label(self, lang: Lang) -> str:
        return self.ar if lang == "ar" else self.en


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    topic: str
    """The file it lives in (``passports``, ``visit``…)."""
    ask_ar: tuple[str, ...]
    ask_eg: tuple[str, ...]
    ask_en: tuple[str, ...]
    answer_ar: str
    answer_en: str
    source_ar: str
    source_en: str
    source_ref: str
    links: tuple[Link, ...] = ()
    service: str | None = None

    @property
    def questions(self) -> tuple[str, ...]:
        """Every question variant, Arabic first: what retrieval indexes."""
        return (*self.ask_ar, *self.ask_eg, *self.ask_en)

    def answer(self, lang: Lang) -> str:
        return self.answer_ar if lang == "ar" else self.answer_en

    def source(self, lang: Lang) -> str:
        return self.source_ar if lang == "ar" else self.source_en

    def documents(self, lang: Lang) -> tuple[str, ...]:
        """The service's documents as the catalogue lists them; none for an entry about no service."""
        if self.service is None:
            return ()
        service = SERVICES[self.service]
        return service.documents_ar if lang == "ar" else service.documents_en


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    lexicon: Lexicon

    def entry(self, entry_id: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)


class KnowledgeError(ValueError):
    """The knowledge base's files are not as ``guidance.knowledge`` describes them."""


_TEXTS = ("answer_ar", "answer_en", "source_ar", "source_en", "source_ref")
_QUESTIONS = ("ask_ar", "ask_eg", "ask_en")


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}: {key} must be a non-empty string")
    return " ".join(value.split())


def _questions(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = raw.get(key)
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v.strip() for v in values)
    ):
        raise KnowledgeError(f"{where}: {key} must be a list of at least one question")
    return tuple(value.strip() for value in values)


def _links(raw: Mapping[str, Any], where: str) -> tuple[Link, ...]:
    links = []
    for link in raw.get("links", []):
        href = _text(link, "href", where)
        if not href.startswith("/") or href.startswith("//"):
            raise KnowledgeError(f"{where}: link {href!r} must be a path on this site")
        links.append(Link(href, _text(link, "ar", where), _text(link, "en", where)))
    return tuple(links)


def parse_entry(raw: Mapping[str, Any], topic: str) -> Entry:
    """One ``[[entry]]`` table, checked."""
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise KnowledgeError(f"{topic}: an entry has no id")
    where = f"{topic}/{entry_id}"
    service = raw.get("service")
    if service is not None and service not in SERVICES:
        raise KnowledgeError(f"{where}: unknown service {service!r}")
    text = {key: _text(raw, key, where) for key in _TEXTS}
    asks = {key: _questions(raw, key, where) for key in _QUESTIONS}
    return Entry(
        id=entry_id,
        topic=topic,
        ask_ar=asks["ask_ar"],
        ask_eg=asks["ask_eg"],
        ask_en=asks["ask_en"],
        answer_ar=text["answer_ar"],
        answer_en=text["answer_en"],
        source_ar=text["source_ar"],
        source_en=text["source_en"],
        source_ref=text["source_ref"],
        links=_links(raw, where),
        service=service,
    )


def knowledge_from(
    topics: Mapping[str, Mapping[str, Any]], lexicon: Mapping[str, Sequence[str]]
) -> KnowledgeBase:
    """The base from parsed topic files (``{topic: {"entry": [...]}}``) and the lexicon's groups."""
    entries: list[Entry] = []
    for topic, content in sorted(topics.items()):
        entries.extend(parse_entry(raw, topic) for raw in content.get("entry", []))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise KnowledgeError(f"entry id {entry.id!r} is used twice")
        seen.add(entry.id)
    if not entries:
        raise KnowledgeError("the knowledge base has no entries")
    return KnowledgeBase(tuple(entries), Lexicon.of(lexicon))


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """The knowledge base in ``directory``: every ``*.toml`` a topic, ``lexicon.toml`` the lexicon."""
    topics = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name != LEXICON_FILE:
            topics[path.stem] = tomllib.loads(path.read_text(encoding="utf-8"))
    lexicon_path = directory / LEXICON_FILE
    groups = (
        tomllib.loads(lexicon_path.read_text(encoding="utf-8")).get("terms", {})
        if lexicon_path.exists()
        else {}
    )
    return knowledge_from(topics, groups)
