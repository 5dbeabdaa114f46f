"""Feedback after the visit: a citizen's answer through the link they were sent
(``/api/v1/feedback/{token}``), and an office's satisfaction for its manager
(``/api/v1/manage/offices/{office_id}/satisfaction``).

The link is the only credential: no account, no identity number. An unknown token and an expired
one get the same 404, so a token cannot be probed for having existed. Neither answer carries
anything personal: the office, the service, the day of the visit and the language of the
invitation; a manager reads shares, counts and masked comments by service and week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import Provide
from litestar.params import FromPath, JSONBody, PathParameter, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from api.auth import STAFF_ONLY, provide_staff, requires
from api.client_address import client_address
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.rate_limits import LOOKUPS_PER_ADDRESS, RateLimits, feedback_allowed
from api.routes.capacity import office_in_scope
from api.views import instant
from booking.calendar import local_today
from booking.services import SERVICES
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from feedback.answers import Answer, not_found, week_start
from feedback.invitations import Invitation
from feedback.messages import MESSAGES
from feedback.store.answers import Answers, Comment
from feedback.store.invitations import Invitations
from feedback.summary import Tally, last_weeks, weeks_between
from kernel.clock import Clock
from kernel.database import Database
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput

DEFAULT_WEEKS = 8
"""The satisfaction report's range when none is asked for: this week and the seven before."""
MAX_WEEKS = 53

Token = Annotated[str, PathParameter(description="The token of the link the citizen was sent.")]
NOT_FOUND = {404: "`feedback_not_found`: no valid link has this token (unknown and expired alike)"}
LOOKED_UP = {429: "`rate_limited`: too many look-ups from this network (`Retry-After`)"}
ANSWER_REFUSALS = {
    409: "`feedback_already_given`: this link has been answered",
    422: "`invalid_rating` (not 1–5), `comment_too_long` (over 500 characters)",
    429: "`rate_limited`: too many answers from this network (`Retry-After`)",
}


class FeedbackOut(msgspec.Struct):
    """What a feedback link is about; nothing personal."""

    office: str
    """The office's id."""
    office_name_en: str
    office_name_ar: str
    service: str
    service_name_en: str
    service_name_ar: str
    day: str
    """The day of the visit."""
    lang: str
    """The language of the invitation (the booking's): ``ar`` or ``en``."""
    answered: bool
    expires_at: str


class FeedbackIn(msgspec.Struct):
    rating: int
    """1 (very bad) to 5 (very good)."""
    comment: str | None = None
    """Optional, at most 500 characters; runs of four or more digits are masked before it is kept."""


class FeedbackAnswerOut(msgspec.Struct):
    """The answer as it was kept."""

    rating: int
    comment: str | None
    """As stored: trimmed, with numbers masked (•••)."""
    week: str
    """The ISO week of the visit, ``2026-W49``."""


async def invitation_view(directory: OfficeDirectory, invitation: Invitation) -> FeedbackOut:
    office = await directory.office(invitation.office_id)
    service = SERVICES.get(invitation.service)
    return FeedbackOut(
        office=invitation.office_id,
        office_name_en=office.name_en if office else invitation.office_id,
        office_name_ar=office.name_ar if office else invitation.office_id,
        service=invitation.service,
        service_name_en=service.name_en if service else invitation.service,
        service_name_ar=service.name_ar if service else invitation.service,
        day=invitation.day.isoformat(),
        lang=invitation.lang,
        answered=invitation.answered,
        expires_at=instant(invitation.expires_at, TIMEZONE),
    )


def answer_view(given: Answer) -> FeedbackAnswerOut:
    return FeedbackAnswerOut(rating=given.rating, comment=given.comment, week=given.week)


class FeedbackController(Controller):
    path = "/api/v1/feedback"
    tags = ["citizens"]

    @get(
        "/{token:str}",
        summary="What a feedback link is about, and whether it has been answered",
        responses=answers(PARAMETERS, NOT_FOUND, LOOKED_UP),
    )
    async def show(
        self,
        request: Request[Any, Any, Any],
        database: Injected[Database],
        clock: Injected[Clock],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        token: Token,
    ) -> FeedbackOut:
        await limits.check(LOOKUPS_PER_ADDRESS, client_address(request))
        invitation = await Invitations(database).open(token, clock.now())
        if invitation is None:
            raise not_found()
        return await invitation_view(directory, invitation)

    @post(
        "/{token:str}",
        status_code=HTTP_201_CREATED,
        summary="Say how the visit went: a rating from 1 to 5 and an optional comment, once",
        responses=answers(BODY, PARAMETERS, NOT_FOUND, ANSWER_REFUSALS),
    )
    async def answer(
        self,
        request: Request[Any, Any, Any],
        database: Injected[Database],
        clock: Injected[Clock],
        limits: Injected[RateLimits],
        token: Token,
        data: JSONBody[FeedbackIn],
    ) -> FeedbackAnswerOut:
        await feedback_allowed(limits, request)
        given = await Answers(database).take(token, data.rating, data.comment, clock.now())
        return answer_view(given)


# The manager's report -------------------------------------------------------------------------


class WeekOut(msgspec.Struct):
    week: str
    """ISO week, ``2026-W49``."""
    starts: str
    """Its Monday."""


class WeekSatisfactionOut(msgspec.Struct):
    week: str
    answers: int
    satisfied: int
    """Answers rating 4 or 5."""
    share: float | None
    """``satisfied / answers``; null without answers."""


class ServiceSatisfactionOut(msgspec.Struct):
    service: str
    answers: int
    satisfied: int
    share: float | None
    weeks: list[WeekSatisfactionOut]
    """The weeks with answers, oldest first."""


class CommentOut(msgspec.Struct):
    """A comment with its service, week and rating only; numbers in it are masked."""

    service: str
    week: str
    rating: int
    comment: str


class SatisfactionOut(msgspec.Struct):
    """An office's satisfaction over the ISO weeks of a range of visit days."""

    office_id: str
    from_: str = msgspec.field(name="from")
    to: str
    weeks: list[WeekOut]
    """Every ISO week of the range, oldest first."""
    answers: int
    satisfied: int
    share: float | None
    services: list[ServiceSatisfactionOut]
    comments: list[CommentOut]
    """The latest comments of the range (at most 20), newest first."""


def _share(tally: Tally) -> float | None:
    return None if tally.share is None else round(tally.share, 4)


def _provide_answers(database: Database) -> Answers:
    return Answers(database)


def _bad_range() -> InvalidInput:
    return MESSAGES.error(InvalidInput, "invalid_satisfaction_range", indic=True, weeks=MAX_WEEKS)


class SatisfactionController(Controller):
    path = "/api/v1/manage/offices/{office_id:str}"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = {
        "user": Provide(provide_staff),
        "feedback_answers": Provide(_provide_answers, sync_to_thread=False),
    }

    @get(
        "/satisfaction",
        summary="Citizens' satisfaction: the share rating 4–5 per service and week, answers, comments",
        responses=answers(
            PARAMETERS, STAFF, {404: "`office_not_found`", 422: "`invalid_satisfaction_range`"}
        ),
    )
    async def satisfaction(
        self,
        clock: Injected[Clock],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        feedback_answers: Injected[Answers],
        office_id: FromPath[str],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: Annotated[date | None, QueryParameter(name="to")] = None,
    ) -> SatisfactionOut:
        """The weeks of the visits from ``from`` to ``to`` (default: this week and the seven
        before it); at most 53 weeks."""
        office = await office_in_scope(directory, user, office_id)
        default_first, today = last_weeks(local_today(clock.now(), TIMEZONE), DEFAULT_WEEKS)
        last = to or today
        first = from_ or (default_first if to is None else last - timedelta(weeks=DEFAULT_WEEKS - 1))
        weeks = weeks_between(first, last)
        if last < first or len(weeks) > MAX_WEEKS:
            raise _bad_range()
        figures, comments = await feedback_answers.of_office(office.id, first, last)
        return SatisfactionOut(
            office_id=office.id,
            from_=first.isoformat(),
            to=last.isoformat(),
            weeks=[WeekOut(week, week_start(week).isoformat()) for week in weeks],
            answers=figures.total.answers,
            satisfied=figures.total.satisfied,
            share=_share(figures.total),
            services=[
                ServiceSatisfactionOut(
                    service=service.service,
                    answers=service.total.answers,
                    satisfied=service.total.satisfied,
                    share=_share(service.total),
                    weeks=[
                        WeekSatisfactionOut(week, tally.answers, tally.satisfied, _share(tally))
                        for week, tally in service.weeks.items()
                    ],
                )
                for service in figures.services
            ],
            comments=[_comment(comment) for comment in comments],
        )


def _comment(comment: Comment) -> CommentOut:
    return CommentOut(comment.service, comment.week, comment.rating, comment.comment)
