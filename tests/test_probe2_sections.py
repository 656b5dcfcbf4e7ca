"""Segmentation rules from the second probe set: the requester's words, not-held subjects,
letter-type headings, mail threads, inline answers and quoted or numbered labels.

Every letter here is invented; each test holds one rule.
"""

from __future__ import annotations

from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts
from graphbuild.parsing.sections import Block, segment
from graphbuild.readers.text import read_text_bytes


def _read(text: str):  # noqa: ANN202 - a Document
    return read_text_bytes(text.encode("utf-8"), "letter.txt")


def facts_of(text: str) -> DocumentFacts:
    return extract(_read(text))


def blocks_of(text: str) -> list[Block]:
    return segment(_read(text))


def refusals_of(text: str) -> list[tuple[str, str]]:
    return [(r.question, r.basis) for r in facts_of(text).refusals]


def test_a_sentence_restating_the_request_gives_no_figures() -> None:
    text = (
        "Dear Requester,\n\n"
        "You referred to a newspaper story reporting 640 unfilled posts in the county. "
        "The Pellmoor Trust employed 218 care workers on 31 March 2024.\n"
    )
    facts = facts_of(text)
    values = {s.value for s in facts.statistics}
    assert 640 not in values
    line = next(ln for b in blocks_of(text) for ln in b.answer if "218" in ln.text)
    doc = _read(text)
    start = line.text.index("The Pellmoor")
    assert doc.text[line.start + start : line.end] == line.text[start:]  # offsets intact
    assert "640" not in line.text


def test_a_provider_that_does_not_hold_a_contract_is_no_refusal() -> None:
    text = (
        "1. Which providers deliver reablement?\n\n"
        "Answer: Reablement is delivered in-house. Quillford Care Partners does not hold any "
        "contract with the council.\n\n"
        "2. How many reablement referrals were made in 2023?\n\n"
        "Answer: We do not hold this information.\n"
    )
    assert refusals_of(text) == [("2", "s1(1) not held")]


def test_a_heading_naming_the_letter_type_does_not_start_boilerplate() -> None:
    text = (
        "Internal Review Outcome\n\n"
        "1. Please give the number of people funded for respite in 2023.\n\n"
        "Answer: 57 people were funded for respite in 2023.\n\n"
        "If you are dissatisfied you may complain to the Information Commissioner.\n"
    )
    answers = [ln.text for b in blocks_of(text) for ln in b.answer if not ln.blank]
    assert answers[-1] == "Answer: 57 people were funded for respite in 2023."


def test_a_reply_after_the_requesters_sign_off_is_read() -> None:
    text = (
        "Dear Orrin Vale Council,\n\n"
        "Please provide the weekly rate paid for residential respite.\n\n"
        "Yours faithfully,\nDana Quell\n\n"
        "From: Information Team, Orrin Vale Council\n"
        "Sent: 3 May 2024\n\n"
        "Dear Dana Quell,\n\n"
        "The rate paid for residential respite is withheld under section 43(2) as it would "
        "prejudice commercial interests.\n\n"
        "Yours sincerely,\nInformation Team\n"
    )
    assert [basis for _, basis in refusals_of(text)] == ["s43(2) commercial interests"]


def test_text_after_the_last_question_mark_of_a_numbered_line_is_its_answer() -> None:
    text = (
        "Q1 - How many day centres does the council run? 4\n"
        "Q2 - How many people attend them each week? We do not hold this information.\n"
    )
    blocks = blocks_of(text)
    first = next(b for b in blocks if b.number == "1")
    doc = _read(text)
    answer = next(ln for ln in first.answer if not ln.blank)
    assert answer.text.strip() == "4"
    assert doc.text[answer.start : answer.end] == answer.text
    assert first.question_text.endswith("each week?") is False
    assert refusals_of(text) == [("2", "s1(1) not held")]


def test_a_question_quoted_back_in_bold_is_numbered() -> None:
    text = (
        '**"1. How many respite beds does the council fund?"**\n\n'
        "There are 14 funded beds.\n\n"
        '**"2. Please list the names of the officers managing respite."**\n\n'
        "Officer names are personal data and are withheld under section 40(2).\n"
    )
    assert refusals_of(text) == [("2", "s40(2) personal data")]


def test_a_numbered_declarative_answer_opens_the_next_block() -> None:
    text = (
        "Request\n\n"
        "Please provide (1) the spend on respite and (2) your forecast spend for next year.\n\n"
        "Response\n\n"
        "1. Spend on respite in 2023-2024:\n\n"
        "Respite care\t£410,000\n\n"
        "2. The forecast will be published in the spring and is withheld under section 22 "
        "(information intended for future publication).\n"
    )
    assert refusals_of(text) == [("2", "s22 intended for future publication")]
