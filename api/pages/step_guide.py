"""The step-by-step guide's pages: ``/guide`` lists the guides ("what do you need to do?") and
``/guide/{guide_id}?path=…`` shows one question per screen, then the outcome — the service, what
to bring (printable) and "Book this", which opens the booking page with the service chosen.

Every screen is rendered by the server from the answers in the address (``guidance.step_walk``),
so the guide works without a script: each answer is a link one digit longer, Back one shorter.
The question box's "nothing found" points here (``api.routes.guide.GUIDE_URL``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, get
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from api.pages.i18n import Translator
from api.pages.layout import page_language, render_page
from api.providers import Injected
from api.routes.guide import GUIDE_URL
from guidance.step_guide import StepGuide, StepGuides
from guidance.step_walk import Step, StepPathError, parse_path, path_text, walk


def step_url(guide: StepGuide, answers: tuple[int, ...]) -> str:
    """The screen the answers lead to; the guide's first question without any."""
    base = f"{GUIDE_URL}/{guide.id}"
    return f"{base}?{urlencode({'path': path_text(answers)})}" if answers else base


def book_url(service_code: str) -> str:
    """The booking page with the service chosen (``CitizenPages.book``'s ``?service=``)."""
    return f"/?{urlencode({'service': service_code})}"


def _screen(step: Step, t: Translator) -> dict[str, Any]:
    """What the template needs for one screen, every link already built."""
    guide = step.guide
    back = step.back
    context: dict[str, Any] = {
        "guide": guide,
        "step": step,
        "back_url": GUIDE_URL if back is None else step_url(guide, back),
        "restart_url": step_url(guide, ()),
    }
    if step.question is not None:
        context["choice_urls"] = [step_url(guide, step.then(n)) for n in range(len(step.question.choices))]
        context["number"] = len(step.answers) + 1
        return context
    outcome = step.outcome
    assert outcome is not None
    service = outcome.service
    context.update(
        service_name=t.pick(service.name_ar, service.name_en),
        checklist=outcome.checklist(t.lang),
        notes=[note(t.lang) for note in outcome.notes],
        answered=[
            (question.ask(t.lang), choice.label(t.lang), step_url(guide, step.answers[:n]))
            for n, (question, choice) in enumerate(step.trail)
        ],
        book_url=book_url(service.code),
    )
    return context


class StepGuidePages(Controller):
    path = GUIDE_URL
    include_in_schema = False

    @get("", summary="The step-by-step guides")
    async def guides(self, request: Request[Any, Any, Any], step_guides: Injected[StepGuides]) -> Template:
        return render_page(request, "citizen/step_guides.html", "steps.title", guides=step_guides.guides)

    @get("/{guide_id:str}", summary="One screen of a step-by-step guide")
    async def guide(
        self,
        request: Request[Any, Any, Any],
        step_guides: Injected[StepGuides],
        guide_id: FromPath[str],
        path: FromQuery[str] = "",
    ) -> Template | Redirect:
        """``?path=`` holds the answers so far, one digit each; an address that no longer fits the
        guide (an old link after the guide changed) starts it again."""
        guide = step_guides.guide(guide_id)
        if guide is None:
            page = render_page(
                request, "citizen/step_guides.html", "steps.title", guides=step_guides.guides, unknown=True
            )
            page.status_code = 404
            return page
        answers = parse_path(path)
        try:
            step = walk(guide, answers) if answers is not None else None
        except StepPathError:
            step = None
        if step is None:
            return Redirect(step_url(guide, ()), status_code=303)
        lang, _ = page_language(request)
        t = Translator(lang)
        return render_page(
            request, "citizen/step_guide.html", "steps.title", title=guide.title(lang), **_screen(step, t)
        )
