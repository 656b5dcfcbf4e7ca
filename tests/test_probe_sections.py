"""How letters are cut into question/answer blocks, and the refusals read from them.

Each letter here is invented; each test holds one layout rule found in real FOI replies.
"""

from __future__ import annotations

from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts
from graphbuild.parsing.sections import segment
from graphbuild.readers.text import read_text_bytes


def facts_of(text: str) -> DocumentFacts:
    return extract(read_text_bytes(text.encode("utf-8"), "letter.txt"))


def refusals_of(text: str) -> list[tuple[str, str]]:
    return [(r.question, r.basis) for r in facts_of(text).refusals]


def test_a_sentence_naming_a_web_address_is_kept_but_contact_lines_are_not() -> None:
    text = (
        "1. Do you publish the specification for respite care?\n\n"
        "Answer: Yes. The specification is published on our website at "
        "www.glenhollow-example.gov.uk/respite and is therefore exempt under section 21.\n"
        "www.glenhollow-example.gov.uk\n"
        "Tel: 01234 567 890\n"
    )
    blocks = segment(read_text_bytes(text.encode("utf-8"), "letter.txt"))
    answer = [ln.text for b in blocks for ln in b.answer if not ln.blank]
    assert answer == [text.splitlines()[2]]
    assert refusals_of(text) == [("1", "s21 accessible by other means")]


def test_a_bare_response_label_continues_the_question_it_follows() -> None:
    text = (
        "2. What weekly fee do you pay for each band?\n\n"
        "Response:\n"
        "Band A: £702.50 per week.\n"
        "Band B: fees are individually agreed and are withheld under section 43(2).\n\n"
        "3. How many beds are there?\n\n"
        "Response: 58 beds.\n"
    )
    blocks = segment(read_text_bytes(text.encode("utf-8"), "letter.txt"))
    assert [(b.number, len([ln for ln in b.answer if not ln.blank])) for b in blocks] == [
        ("2", 2),
        ("3", 1),
    ]
    assert refusals_of(text) == [("2", "s43(2) commercial interests")]


def test_repeated_you_asked_labels_with_quoted_questions_are_numbered_in_order() -> None:
    text = (
        "Quillbrook Borough Council\n\n"
        "You asked:\n\n"
        '"How many people used shared lives care in 2022/23?"\n\n'
        "Our response:\n\n"
        "37 people used shared lives care in 2022/23.\n\n"
        "You asked:\n\n"
        '"Please give the weekly payment made to each carer."\n\n'
        "Our response:\n\n"
        "This information is not held.\n"
    )
    blocks = segment(read_text_bytes(text.encode("utf-8"), "letter.txt"))
    asked = [b for b in blocks if b.question]
    assert [b.number for b in asked] == ["1", "2"]
    assert "shared lives" in asked[0].question_text and "37 people" in asked[0].answer_text
    assert "weekly payment" in asked[1].question_text and "not held" in asked[1].answer_text
    assert refusals_of(text) == [("2", "s1(1) not held")]
    labelled = (
        "Question:\nHow many carers are registered?\nAnswer:\n52 carers.\n\n"
        "Question:\nWhat do you pay each carer?\nAnswer:\nThat is not recorded.\n"
    )
    blocks = segment(read_text_bytes(labelled.encode("utf-8"), "letter.txt"))
    assert [(b.number, b.question_text, b.answer_text.strip()) for b in blocks] == [
        ("1", "How many carers are registered?", "52 carers."),
        ("2", "What do you pay each carer?", "That is not recorded."),
    ]


def test_your_request_and_our_response_make_one_question() -> None:
    text = (
        "Request reference: QB/0071\n\n"
        "Your request:\n\n"
        '"Please provide every payment made to care providers since 2009."\n\n'
        "Our response:\n\n"
        "We are refusing your request under section 12 because the cost of complying "
        "would exceed the appropriate limit.\n"
    )
    blocks = segment(read_text_bytes(text.encode("utf-8"), "letter.txt"))
    answered = [b for b in blocks if b.question and b.answer_text.strip()]
    assert len(answered) == 1 and "every payment" in answered[0].question_text
    assert refusals_of(text) == [("1", "s12 cost")]


def test_a_refusal_letter_without_the_request_quoted_still_refuses() -> None:
    text = (
        "Dear Mr Varley,\n\n"
        "Thank you for your request about day services.\n\n"
        "We estimate that locating this information would exceed the appropriate limit, "
        "and we are therefore refusing it under section 12.\n"
    )
    assert refusals_of(text) == [("1", "s12 cost")]


def test_information_therefore_not_held_is_s1() -> None:
    text = (
        "4. What did you spend on respite care in 2015?\n\n"
        "Answer: Records before 2018 were destroyed; this information is therefore not held.\n"
    )
    assert refusals_of(text) == [("4", "s1(1) not held")]


def test_not_held_centrally_is_not_a_not_held_refusal() -> None:
    text = (
        "1. Please send every variation letter.\n\n"
        "Answer: Finding them would exceed the appropriate limit under section 12. "
        "Variation letters are kept on each provider's file and are not held centrally.\n"
    )
    assert refusals_of(text) == [("1", "s12 cost")]


def test_a_refusal_under_a_lettered_sub_question_names_it() -> None:
    interleaved = (
        "3. For the nursing block contract, what is the:\n\n"
        "a) number of beds? 40 beds.\n\n"
        "b) weekly rate?\n\n"
        "The weekly rate is withheld under section 43(2) as commercially sensitive.\n"
    )
    assert refusals_of(interleaved) == [("3(b)", "s43(2) commercial interests")]
    echoed = (
        "Request:\n"
        '"About your block contracts:\n'
        "(a) How many beds are commissioned?\n"
        '(b) What weekly rate is paid?"\n\n'
        "Answer:\n\n"
        "(a) 40 beds.\n\n"
        "(b) The weekly rate is withheld under section 43(2) of the Act.\n"
    )
    assert refusals_of(echoed) == [("(b)", "s43(2) commercial interests")]
    together = (
        "5. Please give for each provider:\n"
        "a) the hourly rate\n"
        "b) the number of hours\n\n"
        "Answer: This is withheld under section 43(2) as commercially sensitive.\n"
    )
    assert refusals_of(together) == [("5", "s43(2) commercial interests")]
    run_on = (
        "6. Of those placements, please state:\n"
        "a. the number in nursing homes,\n\n"
        "41 placements\n\n"
        "b. the number in residential homes, and\n"
        "c. the number funded jointly.\n\n"
        "Joint funding is not recorded, so we do not hold this information.\n"
    )
    assert refusals_of(run_on) == [("6(c)", "s1(1) not held")]
