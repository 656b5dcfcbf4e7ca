"""Segmentation and refusal rules from the third probe set: answers introduced in prose,
question | response tables, Scottish FOI section numbers and neither-confirm-nor-deny.

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


def refusals_of(text: str) -> list[tuple[str, str]]:
    return [(r.question, r.basis) for r in extract(_read(text)).refusals]


PROSE_LETTER = (
    "Larkhollow District Council\n\n"
    "You asked:\n\n"
    "1. How many care homes do you contract with?\n"
    "2. What weekly fee do you pay each home?\n"
    "3. Please provide all inspection notes for 2023.\n\n"
    "In response to question 1, the council contracts with 17 care homes.\n\n"
    "Regarding question 2, fees agreed with individual homes are withheld under "
    "Section 43(2) of the Act (commercial interests).\n\n"
    "In reply to your question 3: locating the notes would exceed the appropriate limit, "
    "so we refuse this part under Section 12 of the Act.\n"
)


def test_prose_answer_opens_the_answer_to_the_question_it_names() -> None:
    answered = {b.number: b.answer_text for b in blocks_of(PROSE_LETTER) if b.question}
    assert "17 care homes" in answered["1"]
    assert "Section 43(2)" in answered["2"] and "Section 43(2)" not in answered["3"]
    assert set(refusals_of(PROSE_LETTER)) == {
        ("2", "s43(2) commercial interests"),
        ("3", "s12 cost"),
    }


TABLE_LETTER = (
    "Brackenholt Borough Council\n"
    "Freedom of Information Act 2000 response\n\n"
    "Question\tResponse\n"
    "1. How many carers received a carer's grant in 2023?\t412 carers.\n"
    "2. Please list the names of every grant recipient.\tThis is personal data and is "
    "exempt under Section 40(2) of the Act.\n\n"
    "Figures below 5 are suppressed.\n"
)


def test_question_response_table_rows_become_blocks_with_cell_offsets() -> None:
    doc = _read(TABLE_LETTER)
    blocks = [b for b in segment(doc) if b.question]
    assert [b.number for b in blocks] == ["1", "2"]
    first = blocks[0]
    assert first.question_text.endswith("in 2023?")
    assert first.answer_text == "412 carers."
    for line in [*first.question, *first.answer]:
        assert doc.text[line.start : line.end] == line.text
    assert "suppressed" not in blocks[-1].answer_text
    assert refusals_of(TABLE_LETTER) == [("2", "s40(2) personal data")]


SCOTTISH_LETTER = (
    "Dunmorrach Council\n"
    "Freedom of Information (Scotland) Act 2002 - Response\n\n"
    "You asked:\n\n"
    "(a) the number of respite placements in 2023;\n"
    "(b) the names of the families using respite.\n\n"
    "Our response\n\n"
    "(a) There were 61 respite placements in 2023.\n\n"
    "(b) Family names are withheld under section 38(1)(b) of FOISA (personal information).\n\n"
    "You may apply to the Scottish Information Commissioner.\n"
)


def test_foisa_section_38_is_personal_data_once_per_question() -> None:
    refusals = refusals_of(SCOTTISH_LETTER)
    assert [basis for _, basis in refusals] == ["s40(2) personal data"]
    assert not any("health and safety" in basis for _, basis in refusals)


NCND_LETTER = (
    "Question 1: Are you investigating any home care provider for fraud?\n"
    "Answer 1: The council neither confirms nor denies whether it holds this information. "
    "Section 31(3) of the Freedom of Information Act applies.\n"
)


def test_neither_confirm_nor_deny_is_a_refusal_on_the_cited_section() -> None:
    assert refusals_of(NCND_LETTER) == [("1", "s31 law enforcement")]
