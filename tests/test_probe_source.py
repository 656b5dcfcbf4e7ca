"""Source facts (publisher, title, reference, date) on letters laid out as FOI teams write them.

Every letter here is invented; each test names the layout rule it pins down.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.extractors.source import extract_source
from graphbuild.facts import Evidence, SourceInfo
from graphbuild.readers import read_document
from graphbuild.readers.html import read_html_bytes
from graphbuild.readers.text import read_text_bytes


def source_of(text: str) -> SourceInfo:
    return extract_source(read_text_bytes(text.encode("utf-8"), "letter.txt"))


def assert_quotes(text: str, *evidence: Evidence | None) -> None:
    for ev in evidence:
        assert ev is not None and text[ev.start : ev.end] == ev.quote


def test_an_nhs_body_in_the_letterhead_publishes_not_a_council_named_in_answers() -> None:
    text = (
        "NHS Brackenmoor Integrated Care Board\nFreedom of Information Response\n\n"
        "Question 1: Who leads the complex care framework?\n\n"
        "Answer: Glenholt County Council leads it. Glenholt County Council also pays for "
        "social care; Glenholt County Council holds the framework documents.\n"
    )
    source = source_of(text)
    assert source.council == "NHS Brackenmoor Integrated Care Board"
    assert source.council_evidence.start == 0
    assert_quotes(text, source.council_evidence)


def test_a_trust_heads_its_letter_and_an_icb_mentioned_in_an_answer_is_not_the_publisher() -> None:
    trust = source_of(
        "Ravelston Community Healthcare NHS Foundation Trust\n\n"
        "1. How many district nurses do you employ?\n\n212 nurses.\n"
    )
    assert trust.council == "Ravelston Community Healthcare NHS Foundation Trust"
    unsigned = source_of(
        "1. Who commissions the service?\n\n"
        "Answer: NHS Corrindale Integrated Care Board commissions it.\n"
    )
    assert unsigned.council is None  # an answer names a partner, not the writer


def test_a_letterhead_in_capitals_names_the_council() -> None:
    text = (
        "DUNMERE VALE BOROUGH COUNCIL\nFreedom of Information Act 2000 - Response\n\n"
        "1. How many care homes are there?\n\nThere are 14 care homes.\n"
    )
    source = source_of(text)
    assert source.council == "Dunmere Vale Borough Council"
    assert source.council_evidence.quote == "DUNMERE VALE BOROUGH COUNCIL"
    assert_quotes(text, source.council_evidence)


def test_a_web_page_names_its_publisher_only_in_its_title() -> None:
    page = (
        "<html><head><title>Disclosure log - Respite care - Hollowmere District Council</title>"
        "</head><body><header><a href='/'>Hollowmere District Council</a></header><main>"
        "<h1>Respite care</h1><p>Reference: HDC-DL-2022-0815</p>"
        "<p>1. How many respite beds do you commission?</p><p>9 beds.</p></main>"
        "<footer>Hollowmere District Council, Market Square</footer></body></html>"
    )
    doc = read_html_bytes(page.encode("utf-8"), "page.html")
    assert doc.text.startswith("Respite care")  # the letter's heading still comes first
    source = extract_source(doc)
    assert source.council == "Hollowmere District Council"
    assert source.title == "Respite care"
    assert_quotes(doc.text, source.council_evidence)
    assert "Market Square" not in doc.text  # the footer is still dropped


def test_the_page_title_is_not_repeated_when_the_content_already_shows_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><title>Respite care</title></head><body><main><h1>Respite care</h1>"
        "<p>9 beds.</p></main></body></html>",
        encoding="utf-8",
    )
    assert read_document(path).text == "Respite care\n\n9 beds."


@pytest.mark.parametrize(
    ("line", "reference"),
    [
        ("Our ref: FOI-QX-2021-0077", "FOI-QX-2021-0077"),
        ("Reference: QBC/FOI/3310", "QBC/FOI/3310"),
        ("FOI Reference: ZTICB-FOI-0451", "ZTICB-FOI-0451"),
        ("Response to request ref. QD-IR-22/0199", "QD-IR-22/0199"),
        ("Our Reference: FOI/QDC/7702", "FOI/QDC/7702"),
        ("Request number: 2022/FOI/00871", "2022/FOI/00871"),
        ("Subject: RE: FOI 22-4410 Respite care", "FOI 22-4410"),
        ("Reference: QCC-DL-2022-1234 | Date of response: 1 May 2022", "QCC-DL-2022-1234"),
        ("Six homes are listed; see reference 2023/24 budget.", None),
        ("Reference number: FOI 2023 1234", None),  # where the code ends is unclear
    ],
)
def test_references_made_of_several_letter_and_digit_groups(
    line: str, reference: str | None
) -> None:
    text = f"Quillford Council\n{line}\n\n1. How many homes?\n\nSix homes.\n"
    source = source_of(text)
    assert source.reference == reference
    if reference:
        assert_quotes(text, source.reference_evidence)


def test_an_explicit_subject_line_is_the_title_and_a_generic_heading_is_not() -> None:
    text = (
        "Yarrowby County Council\nOur ref: FOI-2201\nDate: 3 March 2022\n\n"
        "Freedom of Information Act 2000 - Request for information\n"
        "Subject: Shared lives scheme - carers and payments\n\n"
        "1. How many shared lives carers are there?\n\nThere are 41 carers.\n"
    )
    source = source_of(text)
    assert source.title == "Shared lives scheme - carers and payments"
    assert_quotes(text, source.title_evidence)
    generic = source_of(
        "Yarrowby County Council\nFreedom of Information Request - Response\n\n"
        "1. How many carers?\n\n41 carers.\n"
    )
    assert generic.title is None


def test_an_email_subject_loses_its_re_and_reference() -> None:
    source = source_of(
        "From: FOI Team <foi@example.org>\nSent: 02 May 2022 09:15\n"
        "Subject: RE: FOI 22-0917 Shared lives carers\n\nDear Ms Ilori,\n\n"
        "1. How many carers?\n\n41 carers.\n"
    )
    assert (source.title, source.reference) == ("Shared lives carers", "FOI 22-0917")
    letter = source_of(
        "Dear Mr Amadi\n\nRe: Freedom of Information request – Shared lives carers\n\n"
        "1. How many carers?\n\n41 carers.\n"
    )
    assert letter.title == "Shared lives carers"


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("Date received: 3 April 2022\nDate of response: 28 April 2022", "2022-04-28"),
        ("Sent: 12 May 2022 14:03\nTo: requester", "2022-05-12"),
        ("Reference: QV-0042 | Date of response: 9 June 2022 | Category: Adults", "2022-06-09"),
        ("Date received: 3 April 2022", None),
        ("Our ref: QV-0042\n\n17 June 2022", "2022-06-17"),
    ],
)
def test_the_response_date_is_the_letters_not_the_requests(header: str, date: str | None) -> None:
    text = f"Pellbridge Council\n{header}\n\n1. How many homes?\n\nSix homes.\n"
    source = source_of(text)
    assert source.date == date
    if date:
        assert_quotes(text, source.date_evidence)
