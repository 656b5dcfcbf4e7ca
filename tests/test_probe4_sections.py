"""Segmentation and refusal rules from the fourth probe set: lettered questions answered by
lines repeating the letter, a "not recorded" that explains a cost refusal, and a not-held
sentence that covers every item of a request answered once.

Every letter here is invented; each test holds one rule.
"""

from __future__ import annotations

from graphbuild.extract import extract
from graphbuild.parsing.sections import Block, segment
from graphbuild.readers.document import Document
from graphbuild.readers.text import read_text_bytes


def _read(text: str) -> Document:
    return read_text_bytes(text.encode("utf-8"), "letter.txt")


def blocks_of(text: str) -> list[Block]:
    return segment(_read(text))


def refusals_of(text: str) -> set[tuple[str, str]]:
    return {(r.question, r.basis) for r in extract(_read(text)).refusals}


LETTERED = (
    "Pellingford Borough Council\n\n"
    "Your questions are repeated below with our answers beneath each.\n\n"
    "(a) How many adults received a direct payment on 31 March 2024?\n\n"
    "(a) 318 adults received a direct payment on 31 March 2024.\n\n"
    "(b) Please give the hourly rate paid to each personal assistant agency.\n\n"
    "(b) Rates agreed with individual agencies are withheld under section 43(2) of the Act "
    "(commercial interests).\n\n"
    "(c) How many personal assistants does each agency employ?\n\n"
    "(c) The council does not hold this information.\n"
)


def test_lettered_items_without_a_numbered_parent_are_answered_by_their_letter() -> None:
    answered = {b.number: b.answer_text for b in blocks_of(LETTERED) if b.question}
    assert set(answered) == {"a", "b", "c"}
    assert "318 adults" in answered["a"]
    assert "section 43(2)" in answered["b"] and "does not hold" in answered["c"]
    assert refusals_of(LETTERED) == {
        ("(b)", "s43(2) commercial interests"),
        ("(c)", "s1(1) not held"),
    }


COSTED = (
    "Ashmere Community Trust\n\n"
    "Q1. For each patient discharged to a reablement bed, please give the destination.\n"
    "Destination on discharge is not recorded in a reportable field, so each record would need "
    "a manual review. We estimate this would take 90 hours, above the appropriate limit of "
    "18 hours, and refuse this part under section 12 of the Act.\n"
)


def test_not_recorded_in_a_reportable_field_is_the_cost_rationale_not_a_not_held() -> None:
    assert refusals_of(COSTED) == {("1", "s12 cost")}


BLANKET = (
    "Brackenholt District Council\n\n"
    "Your request:\n"
    "1. How many foster placements did you fund in 2023/24?\n"
    "2. What weekly allowance do you pay foster carers?\n"
    "3. Please list the fostering agencies you contract with.\n\n"
    "Our response:\n"
    "Brackenholt District Council is not a children's services authority. We can confirm "
    "that the council does not hold the information you have requested.\n"
)


def test_a_not_held_for_the_whole_request_refuses_every_numbered_item() -> None:
    assert refusals_of(BLANKET) == {
        ("1", "s1(1) not held"),
        ("2", "s1(1) not held"),
        ("3", "s1(1) not held"),
    }


def test_a_not_held_for_one_thing_in_a_request_answered_once_stays_on_the_request() -> None:
    one_thing = BLANKET.replace("the information you have requested", "a list of agencies")
    assert refusals_of(one_thing) == {("1", "s1(1) not held")}
