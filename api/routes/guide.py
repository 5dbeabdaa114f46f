"""The question box: ``GET /api/v1/guide/answer?q=&lang=`` answers a citizen's question from the
knowledge base (``guidance``), ``POST /api/v1/guide/answer/{entry_id}/feedback`` records whether
it helped, and ``GET /api/v1/manage/guide`` shows managers what went unanswered.

No login, nothing personal in or out: a question without an answer is counted by its topic words'
keyed digest (``guidance/unanswered.py``), never kept as typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from api.auth import STAFF_ONLY, requires
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.rate_limits import RateLimits, guide_question_allowed
from booking.calendar import local_today
from booking.staff import Role
from guidance.guide import Guide
from guidance.knowledge import Entry, Lang, as_lang
from guidance.messages import MESSAGES
from guidance.unanswered import MAX_QUESTION
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput

GUIDE_URL = "/guide"
"""Where a question without an answer is pointed: the step-by-step guide."""
DEFAULT_DAYS = 30
MAX_DAYS = 366
LIMITED = {429: "`rate_limited`: too many questions from this network (`Retry-After`)"}


class LinkOut(msgspec.Struct):
    href: str
    label: str


class GuideAnswerOut(msgspec.Struct):
    """The best answer, or ``answer: null`` when no entry answers the question well enough."""

    answer: str | None
    """The answer in the language asked for; null when nothing matched."""
    entry_id: str | None
    """The knowledge-base entry it comes from (``guidance/knowledge/*.toml``)."""
    score: float | None
    """How much of the question the entry covers, 0–1 (answers start at the threshold)."""
    lang: str
    source: str | None = None
    """Where the answer comes from, in words a citizen can check."""
    documents: list[str] = []
    """The service's documents, from the catalogue, for an entry about a service."""
    links: list[LinkOut] = []
    """Pages that act on the answer; with a null answer, the guide."""


class FeedbackIn(msgspec.Struct):
    helpful: bool


class FeedbackOut(msgspec.Struct):
    entry_id: str
    helpful: bool


def answer_view(entry: Entry, score: float, lang: Lang) -> GuideAnswerOut:
    return GuideAnswerOut(
        answer=entry.answer(lang),
        entry_id=entry.id,
        score=round(score, 3),
        lang=lang,
        source=entry.source(lang),
        documents=list(entry.documents(lang)),
        links=[LinkOut(link.href, link.label(lang)) for link in entry.links],
    )


def no_answer_view(lang: Lang) -> GuideAnswerOut:
    label = "الدليل خطوة بخطوة" if lang == "ar" else "The step-by-step guide"
    return GuideAnswerOut(
        answer=None, entry_id=None, score=None, lang=lang, links=[LinkOut(GUIDE_URL, label)]
    )


async def ask(guide: Guide, question: str, lang: Lang) -> GuideAnswerOut:
    """The answer as the API and the home page give it."""
    found = await guide.answer(question, lang)
    return no_answer_view(lang) if found is None else answer_view(found.entry, found.score, lang)


class GuideController(Controller):
    path = "/api/v1/guide"
    tags = ["citizens"]

    @get(
        "/answer",
        summary="Answer a question from the knowledge base, or say there is none",
        description=(
            f"`q`: the question, 1–{MAX_QUESTION} characters, Arabic (Modern Standard or Egyptian) or "
            "English; `lang`: the language of the answer (`ar`, the default, or `en`)."
        ),
        responses=answers(
            PARAMETERS, {422: "`question_empty`, `question_too_long` (over 300 characters)"}, LIMITED
        ),
    )
    async def answer(
        self,
        request: Request[Any, Any, Any],
        guide: Injected[Guide],
        limits: Injected[RateLimits],
        q: Annotated[str, QueryParameter(description="The question.")] = "",
        lang: Annotated[str, QueryParameter(description="`ar` (default) or `en`.")] = "ar",
    ) -> GuideAnswerOut:
        await guide_question_allowed(limits, request)
        return await ask(guide, q, as_lang(lang))

    @post(
        "/answer/{entry_id:str}/feedback",
        status_code=HTTP_201_CREATED,
        summary="Say whether an answer helped (counted per entry and day, nothing else kept)",
        responses=answers(BODY, PARAMETERS, {404: "`guide_entry_not_found`"}, LIMITED),
    )
    async def feedback(
        self,
        request: Request[Any, Any, Any],
        guide: Injected[Guide],
        limits: Injected[RateLimits],
        entry_id: FromPath[str],
        data: JSONBody[FeedbackIn],
    ) -> FeedbackOut:
        await guide_question_allowed(limits, request)
        entry = await guide.feedback(entry_id, data.helpful)
        return FeedbackOut(entry.id, data.helpful)


class DayCountOut(msgspec.Struct):
    day: str
    lang: str
    unanswered: int


class MissingTopicOut(msgspec.Struct):
    lang: str
    words: str
    """Normalised topic words (no digits), shown once asked three times."""
    asked: int


class HelpfulnessOut(msgspec.Struct):
    entry_id: str
    helpful: int
    unhelpful: int


class GuideReportOut(msgspec.Struct):
    from_: str = msgspec.field(name="from")
    to: str = ""
    unanswered: list[DayCountOut] = []
    missing: list[MissingTopicOut] = []
    helpfulness: list[HelpfulnessOut] = []


class GuideReportController(Controller):
    path = "/api/v1/manage/guide"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY

    @get(
        "",
        summary="The question box: unanswered questions per day and language, topics asked often, "
        "and how helpful each answer was",
        responses=answers(PARAMETERS, STAFF, {422: "`invalid_guide_range`"}),
    )
    async def report(
        self,
        guide: Injected[Guide],
        clock: Injected[Clock],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: Annotated[date | None, QueryParameter(name="to")] = None,
    ) -> GuideReportOut:
        """Days from ``from`` to ``to`` (default: the last 30 days); at most 366."""
        last = to or local_today(clock.now(), TIMEZONE)
        first = from_ or last - timedelta(days=DEFAULT_DAYS - 1)
        if last < first or (last - first).days >= MAX_DAYS:
            raise MESSAGES.error(InvalidInput, "invalid_guide_range", indic=True, days=MAX_DAYS)
        figures = await guide.report(first, last)
        return GuideReportOut(
            from_=first.isoformat(),
            to=last.isoformat(),
            unanswered=[DayCountOut(c.day.isoformat(), c.lang, c.asked) for c in figures.unanswered],
            missing=[MissingTopicOut(m.lang, m.words, m.asked) for m in figures.missing],
            helpfulness=[HelpfulnessOut(h.entry_id, h.helpful, h.unhelpful) for h in figures.helpfulness],
        )
