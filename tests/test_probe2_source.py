"""Source facts and request pages on a second round of FOI layouts.

Every document here is invented; each test names the layout rule it pins down.
"""

from __future__ import annotations

from pathlib import Path

from graphbuild.extract import extract
from graphbuild.extractors.source import extract_source
from graphbuild.parsing.sections import segment
from graphbuild.readers import read_document
from graphbuild.readers.html import read_html_bytes
from tests.test_probe_source import assert_quotes, source_of

_PAGE = (
    "<html><head><title>Respite rates - a Freedom of Information request to Quillbrook "
    "District Council - WhatDoTheyKnow</title></head><body>"
    "<header class='site-header'><a href='/'>WhatDoTheyKnow</a></header><main>"
    "<h1>Respite rates for carers</h1>"
    "<p class='request-header'>Sam Ortolan made this request.</p>"
    "<div class='correspondence' id='outgoing-7'><p>Dear Quillbrook District Council,</p>"
    "<p>Please provide your respite rates. Other councils pay around £31 per hour.</p>"
    "<p>Yours faithfully,<br>Sam Ortolan</p></div>"
    "<div class='correspondence' id='incoming-9'>"
    "<p>From: Quillbrook District Council<br>Sent: 2 May 2024</p>"
    "<p>Freedom of Information request ref: QDC-7781</p>"
    "<p>The council pays £27.40 per hour for respite care at home.</p>"
    "<p>Yours sincerely,<br>Information Team</p></div>"
    "<div class='annotations'><p>A user noted £19 per hour last year.</p></div>"
    "</main></body></html>"
)


def test_a_request_page_reads_the_request_as_question_and_the_reply_as_answer() -> None:
    doc = read_html_bytes(_PAGE.encode("utf-8"), "request.html")
    blocks = segment(doc)
    asked = " ".join(b.question_text for b in blocks)
    answered = " ".join(b.answer_text for b in blocks)
    assert "£31 per hour" in asked and "£31" not in answered
    assert "£27.40 per hour" in answered
    assert "£19" not in doc.text
    prices = extract(doc).prices
    assert prices and all("31" not in p.evidence.quote for p in prices)
    assert any("27.40" in p.evidence.quote for p in prices)


def test_a_request_page_keeps_its_h1_title_and_the_reply_s_reference_and_date() -> None:
    doc = read_html_bytes(_PAGE.encode("utf-8"), "request.html")
    source = extract_source(doc)
    assert source.title == "Respite rates for carers"
    assert source.reference == "QDC-7781"
    assert source.date == "2024-05-02"
    assert source.council == "Quillbrook District Council"
    assert_quotes(doc.text, source.title_evidence, source.reference_evidence)


def test_a_salutation_is_never_part_of_the_publisher_s_name() -> None:
    text = (
        "Dear Marrowdene Borough Council,\n\n"
        "Thank you for the information about day care.\n\n"
        "Marrowdene Borough Council pays £48 a day.\n"
    )
    source = source_of(text)
    assert source.council == "Marrowdene Borough Council"
    assert_quotes(text, source.council_evidence)
    assert source.council_evidence.quote == "Marrowdene Borough Council"


def test_a_request_title_label_names_the_title_not_the_department_line() -> None:
    text = (
        "HOLLINGFORD BOROUGH COUNCIL\nCommunity Services Directorate\n"
        "Our ref: HBC/2211\nDate: 4 March 2024\n\n"
        "Request title: Shared Lives carers\n\n"
        "1. How many Shared Lives carers are approved? 14\n"
    )
    source = source_of(text)
    assert source.title == "Shared Lives carers"
    assert_quotes(text, source.title_evidence)


def test_a_bilingual_letterhead_is_not_the_title() -> None:
    text = (
        "Cyngor Sir Afonwen / Afonwen County Council\n"
        "Freedom of Information Act 2000 - Response\n\n"
        "Reference: ACC/FOI/88\nDate: 9 October 2023\n\n"
        "Reablement service capacity\n\n"
        'Your request:\n"How many reablement hours do you commission?"\n'
    )
    source = source_of(text)
    assert source.title == "Reablement service capacity"
    assert source.council == "Afonwen County Council"


def test_response_sent_labels_the_letter_s_date() -> None:
    text = (
        "Royal Borough of Kestermere\nFreedom of Information Response\n"
        "Request ID: RBK-4410\nResponse sent: 7 February 2024\n\n"
        "Title: Meals on wheels\n\nThe service is run in house.\n"
    )
    source = source_of(text)
    assert source.date == "2024-02-07"
    assert_quotes(text, source.date_evidence)


def test_the_topic_after_an_internal_review_prefix_is_the_title() -> None:
    text = (
        "NHS Pellbrook Integrated Care Board\nInternal Review Outcome\n\n"
        "Internal review reference: IR-PB-17\nDate: 3 June 2024\n\nDear Requester,\n\n"
        "Internal review: Wheelchair services waiting times\n\n"
        "I have reviewed the request afresh.\n"
    )
    source = source_of(text)
    assert source.title == "Wheelchair services waiting times"
    assert_quotes(text, source.title_evidence)


def test_a_spreadsheet_caption_gives_the_response_s_reference_and_the_title(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "Dunmarsh District Council - Home care contracts list "
        "(attachment to FOI response DDC-FOI-2024-0070),,\n"
        'Provider,Service,Annual value\nBrightpath Care Ltd,Home care,"120,000"\n',
        encoding="utf-8",
    )
    doc = read_document(path)
    source = extract_source(doc)
    assert source.reference == "DDC-FOI-2024-0070"
    assert source.title == "Home care contracts list"
    assert source.council == "Dunmarsh District Council"
    assert_quotes(doc.text, source.reference_evidence, source.title_evidence)


def test_a_long_letterhead_keeps_the_title_after_it_and_an_address_is_no_title() -> None:
    source = source_of(
        "Eastcombe District Council\nInformation Governance Team\nTown Hall, High Street, "
        "Eastcombe EC4 2QR\nTelephone: 01632 960111\nEmail: foi@eastcombe.example\n\n"
        "Our ref: FOI/2024/00312\nDate: 2 May 2024\n\nDear Requester,\n\n"
        "Freedom of Information Act 2000 - Request for information: Respite care beds\n\n"
        "1. How many respite beds do you commission?\n\nResponse: 14.\n"
    )
    assert source.title == "Respite care beds"


def test_a_request_label_naming_a_topic_is_the_title() -> None:
    source = source_of(
        "Eastcombe District Council\n\nRequest: Respite care beds and their costs\n\n"
        "You asked for the number of beds.\n\n1. Fourteen beds.\n"
    )
    assert source.title == "Respite care beds and their costs"


def test_a_heading_that_starts_with_the_request_number_gives_the_reference() -> None:
    source = source_of(
        "Eastcombe District Council\nFOI 2024-0193 | Response sent: 3 June 2024\n\n"
        "1. How many respite beds?\n\n14.\n"
    )
    assert source.reference == "FOI 2024-0193"
