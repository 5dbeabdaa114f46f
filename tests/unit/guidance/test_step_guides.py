"""The step-by-step guides: what loading refuses (each mistake a reviewer could miss), the walker,
the checklist, and — over the shipped guides — that every path of answers ends at a service of
the catalogue within as many steps as the guide has questions."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from booking.services import CATALOGUE, SERVICES
from guidance.step_guide import StepGuide
from guidance.step_guide_files import StepGuideError, load_step_guides, parse_guide, step_guides_from
from guidance.step_walk import StepPathError, parse_path, path_text, walk

GUIDES = load_step_guides()


def small() -> dict[str, Any]:
    """A guide of two questions and two outcomes that loads."""
    return {
        "title_ar": "جواز السفر",
        "title_en": "Passport",
        "summary_ar": "ملخص",
        "summary_en": "Summary",
        "start": "need",
        "questions": {
            "need": {
                "ask_ar": "ماذا تحتاج؟",
                "ask_en": "What do you need?",
                "choices": [
                    {"ar": "تجديد", "en": "Renewal", "next": "renewal"},
                    {"ar": "أول مرة", "en": "First", "next": "age"},
                ],
            },
            "age": {
                "ask_ar": "كم عمرك؟",
                "ask_en": "How old?",
                "choices": [
                    {"ar": "أقل من ١٨", "en": "Under 18", "next": "first"},
                    {"ar": "١٨ أو أكثر", "en": "18 or over", "next": "first"},
                ],
            },
        },
        "outcomes": {
            "renewal": {"service": "passport-renewal"},
            "first": {
                "service": "passport-new",
                "skip": ["Military service status certificate (men aged 18–30)"],
                "bring": [{"ar": "شهادة الميلاد", "en": "Birth certificate"}],
                "notes": [{"ar": "ملاحظة", "en": "A note"}],
            },
        },
    }


def test_a_small_guide_loads() -> None:
    guide = parse_guide("passports", small())
    assert guide.start == "need" and set(guide.outcomes) == {"renewal", "first"}


def _refused(raw: dict[str, Any], match: str, guide_id: str = "passports") -> None:
    with pytest.raises(StepGuideError, match=match):
        parse_guide(guide_id, raw)


def test_loading_refuses_an_unknown_service() -> None:
    raw = small()
    raw["outcomes"]["renewal"]["service"] = "passport-express"
    _refused(raw, "unknown service 'passport-express'")


def test_loading_refuses_skipping_a_document_the_service_does_not_list() -> None:
    raw = small()
    raw["outcomes"]["first"]["skip"] = ["The old passport"]  # renewal's, not passport-new's
    _refused(raw, "lists no document 'The old passport'")


def test_loading_refuses_an_answer_that_leads_nowhere() -> None:
    raw = small()
    raw["questions"]["age"]["choices"][0]["next"] = "frist"
    _refused(raw, "'frist' leads nowhere")


def test_loading_refuses_an_outcome_no_path_reaches() -> None:
    raw = small()
    raw["outcomes"]["lost"] = {"service": "passport-replacement"}
    _refused(raw, "no path reaches lost")


def test_loading_refuses_a_question_no_path_reaches() -> None:
    raw = small()
    raw["questions"]["orphan"] = copy.deepcopy(raw["questions"]["age"])
    _refused(raw, "no path reaches orphan")


def test_loading_refuses_answers_that_loop() -> None:
    raw = small()
    raw["questions"]["age"]["choices"][1]["next"] = "need"
    _refused(raw, "loop: need → age → need")


def test_loading_refuses_a_question_answered_by_itself() -> None:
    raw = small()
    raw["questions"]["need"]["choices"][0]["next"] = "need"
    _refused(raw, "loop: need → need")


@pytest.mark.parametrize(
    ("where", "key"),
    [
        (("questions", "need"), "ask_en"),
        (("questions", "age", "choices", 1), "ar"),
        (("outcomes", "first", "bring", 0), "en"),
        (("outcomes", "first", "notes", 0), "ar"),
        ((), "title_ar"),
        ((), "summary_en"),
    ],
)
def test_loading_refuses_a_text_missing_in_one_language(where: tuple[str | int, ...], key: str) -> None:
    raw = small()
    node: Any = raw
    for step in where:
        node = node[step]
    del node[key]
    _refused(raw, f"{key} must be a non-empty string")


def test_loading_refuses_a_blank_translation() -> None:
    raw = small()
    raw["questions"]["need"]["choices"][0]["ar"] = "  "
    _refused(raw, "ar must be a non-empty string")


def test_loading_refuses_a_hint_in_one_language_only() -> None:
    raw = small()
    raw["questions"]["age"]["hint_ar"] = "العمر يوم الزيارة"
    _refused(raw, "hint_en must be a non-empty string")


def test_loading_refuses_a_misspelt_key() -> None:
    raw = small()
    raw["outcomes"]["first"]["brings"] = raw["outcomes"]["first"].pop("bring")
    _refused(raw, "unknown key\\(s\\) brings")


@pytest.mark.parametrize("count", [1, 5])
def test_loading_refuses_a_question_with_fewer_than_two_or_more_than_four_choices(count: int) -> None:
    raw = small()
    choice = raw["questions"]["age"]["choices"][0]
    raw["questions"]["age"]["choices"] = [
        {**choice, "ar": f"{choice['ar']} {n}", "en": f"{choice['en']} {n}"} for n in range(count)
    ]
    _refused(raw, "2 to 4 choices")


def test_loading_refuses_two_choices_that_read_the_same() -> None:
    raw = small()
    raw["questions"]["age"]["choices"][1]["en"] = "Under 18"
    _refused(raw, "two choices read the same in en")


def test_loading_refuses_an_id_used_for_a_question_and_an_outcome() -> None:
    raw = small()
    raw["outcomes"]["age"] = {"service": "passport-new"}
    _refused(raw, "named both a question and an outcome")


def test_loading_refuses_a_start_that_is_not_a_question() -> None:
    raw = small()
    raw["start"] = "renewal"
    _refused(raw, "start 'renewal' is not a question")


def test_loading_refuses_a_guide_id_that_cannot_be_an_address() -> None:
    _refused(small(), "not a guide id", guide_id="Passports Guide")


def test_loading_refuses_no_guides() -> None:
    with pytest.raises(StepGuideError, match="no guides"):
        step_guides_from({})


# --- the walker -----------------------------------------------------------------------------


def test_the_first_screen_is_the_start_question_without_a_way_back() -> None:
    step = walk(parse_guide("passports", small()), ())
    assert step.question is not None and step.question.id == "need"
    assert step.outcome is None and step.back is None


def test_answers_lead_to_the_next_question_then_the_outcome_with_the_trail() -> None:
    guide = parse_guide("passports", small())
    step = walk(guide, (1,))
    assert step.question is not None and step.question.id == "age" and step.back == ()
    done = walk(guide, step.then(0))
    assert done.outcome is not None and done.outcome.id == "first"
    assert [(q.id, c.label.en) for q, c in done.trail] == [("need", "First"), ("age", "Under 18")]
    assert done.back == (1,)


@pytest.mark.parametrize("answers", [(2,), (-1,), (1, 5), (0, 0)])
def test_answers_that_do_not_fit_the_guide_are_refused(answers: tuple[int, ...]) -> None:
    with pytest.raises(StepPathError):
        walk(parse_guide("passports", small()), answers)


@pytest.mark.parametrize(("text", "answers"), [("", ()), ("21", (1, 0)), ("4", (3,))])
def test_the_address_carries_one_digit_per_answer(text: str, answers: tuple[int, ...]) -> None:
    assert parse_path(text) == answers
    assert path_text(answers) == text


@pytest.mark.parametrize("text", ["0", "5", "1a", "١", "1 2", "1" * 65])
def test_an_address_path_that_is_not_answers_is_none(text: str) -> None:
    assert parse_path(text) is None


# --- the checklist --------------------------------------------------------------------------


def test_the_checklist_is_the_catalogues_documents_without_the_skipped_then_the_extras() -> None:
    first = parse_guide("passports", small()).outcomes["first"]
    service = SERVICES["passport-new"]
    assert first.checklist("en") == (*service.documents_en[:3], "Birth certificate")
    assert first.checklist("ar") == (*service.documents_ar[:3], "شهادة الميلاد")


def test_an_extra_that_repeats_a_catalogue_document_is_listed_once() -> None:
    raw = small()
    raw["outcomes"]["renewal"]["bring"] = [{"ar": "جواز السفر القديم", "en": "the  old passport"}]
    renewal = parse_guide("passports", raw).outcomes["renewal"]
    assert renewal.checklist("en") == SERVICES["passport-renewal"].documents_en
    assert renewal.checklist("ar") == SERVICES["passport-renewal"].documents_ar


# --- the shipped guides ---------------------------------------------------------------------


def test_the_shipped_guides_lead_to_every_bookable_service_of_the_catalogue() -> None:
    # A guide ends at a booking: the pick-up lane (walk-in only) is the knowledge base's to explain.
    ids = [guide.id for guide in GUIDES.guides]
    assert ids == ["passports", "foreigners", "traffic", "certificates"]
    reached = {code for guide in GUIDES.guides for code in guide.services}
    assert reached == {service.code for service in CATALOGUE if not service.walk_in_only}


def _outcome_ids(guide_id: str, answers: str) -> str:
    guide = GUIDES.guide(guide_id)
    assert guide is not None
    path = parse_path(answers)
    assert path is not None
    outcome = walk(guide, path).outcome
    assert outcome is not None
    return outcome.id


@pytest.mark.parametrize(
    ("guide_id", "answers", "outcome", "must_list", "must_not_list"),
    [
        # a man of 18–30 applying for his first passport brings the military status certificate
        ("passports", "131", "first-man-18-30", "Military service status certificate", None),
        ("passports", "133", "first-no-military", "Proof of profession", "Military service"),
        # a child: the guardian's ID and the birth certificate, no ID card of their own
        ("passports", "11", "first-under-16", "The guardian's original national ID", "Proof of profession"),
        ("passports", "3", "replacement-lost", "police report of the loss or theft", "the damaged passport"),
        ("passports", "4", "replacement-damaged", "The damaged passport itself", "Police report"),
        ("foreigners", "11", "new-study", "enrolment certificate", "Purpose-of-stay"),
        ("foreigners", "121", "new-work", "The work permit issued", None),
        ("foreigners", "122", "work-permit-first", "Employment contract", None),
        ("foreigners", "23", "renewal-family", "marriage or relationship continues", "Updated purpose"),
        ("traffic", "12", "licence-lapsed", "late-renewal fine", None),
        ("traffic", "21", "licence-lost", "police report", "damaged licence"),
        ("certificates", "13", "civil-proxy", "power of attorney", None),
        ("certificates", "42", "record-foreigner", "residence permit", None),
    ],
)
def test_a_case_changes_what_to_bring(
    guide_id: str, answers: str, outcome: str, must_list: str, must_not_list: str | None
) -> None:
    assert _outcome_ids(guide_id, answers) == outcome
    guide = GUIDES.guide(guide_id)
    assert guide is not None
    checklist = " | ".join(guide.outcomes[outcome].checklist("en"))
    assert must_list.casefold() in checklist.casefold()
    if must_not_list:
        assert must_not_list.casefold() not in checklist.casefold()


def test_every_outcome_has_a_checklist_of_the_same_length_in_both_languages() -> None:
    for guide in GUIDES.guides:
        for outcome in guide.outcomes.values():
            assert outcome.checklist("ar") and len(outcome.checklist("ar")) == len(outcome.checklist("en"))


@st.composite
def walks(draw: st.DrawFn) -> tuple[StepGuide, list[int]]:
    """A shipped guide and answers drawn one screen at a time, each among that screen's choices."""
    guide = draw(st.sampled_from(GUIDES.guides))
    answers: list[int] = []
    step = walk(guide, ())
    while step.question is not None and len(answers) <= len(guide.questions):
        answers.append(draw(st.integers(0, len(step.question.choices) - 1)))
        step = walk(guide, answers)
    return guide, answers


@settings(max_examples=300, deadline=None)
@given(walks())
def test_every_path_through_every_guide_ends_at_a_service_within_as_many_steps_as_questions(
    drawn: tuple[StepGuide, list[int]],
) -> None:
    guide, answers = drawn
    step = walk(guide, answers)
    assert step.outcome is not None
    assert step.outcome.service_code in SERVICES
    assert len(answers) <= len(guide.questions)
    assert parse_path(path_text(answers)) == tuple(answers)


def test_the_question_boxs_links_to_a_guide_name_a_shipped_guide() -> None:
    from guidance.knowledge import load_knowledge

    hrefs = [link.href for entry in load_knowledge().entries for link in entry.links]
    to_guides = [href.removeprefix("/guide/") for href in hrefs if href.startswith("/guide/")]
    assert len(to_guides) >= 3
    assert all(GUIDES.guide(guide_id) is not None for guide_id in to_guides), to_guides
