"""Lettered lots, merged framework names, legal tails, joint commissioners, prose contract
dates and titles, department headings and unlabelled references, on invented letters.

Each test probes one rule found by the fourth probe round.
"""

from __future__ import annotations

from tests.test_probe2_contracts import facts_of, quotes_hold, roles

LETTERED = """\
BRAMCOTE COUNCIL
FREEDOM OF INFORMATION RESPONSE
Request number: 2023-4411
Subject: Day Opportunities Framework - providers
Date: 3 March 2023

Request
Please list the providers on each lot of your day opportunities framework.

Response
The Bramcote Day Opportunities Open Framework began on 1 May 2021. It has two lots.

Lot A – Older People
Quillby Day Care Ltd
Tenterlow Community CIC

Lot II – Younger Adults
Tenterlow Community CIC
Hourly rate: £19.80
"""


def test_a_lettered_or_roman_lot_heads_a_lot_and_is_no_organisation() -> None:
    facts = facts_of(LETTERED)
    lots = {lot.number: lot for fw in facts.frameworks for lot in fw.lots}
    assert set(lots) == {"A", "II"}
    assert lots["A"].title == "Older People"
    assert [m.provider for m in lots["A"].members] == [
        "Quillby Day Care Ltd",
        "Tenterlow Community CIC",
    ]
    assert [m.provider for m in lots["II"].members] == ["Tenterlow Community CIC"]
    assert not any(org.name.startswith("Lot ") for org in facts.organisations)
    quotes_hold(facts)


def test_a_generic_subject_framework_merges_into_the_fuller_name() -> None:
    facts = facts_of(LETTERED)
    assert [fw.name for fw in facts.frameworks] == ["Bramcote Day Opportunities Open Framework"]


def test_a_legal_suffix_after_an_organisation_word_stays_in_the_name() -> None:
    facts = facts_of(
        "Q1. Who runs the homes?\n"
        "The homes are block-booked. Ashby House (12 beds); and Corley Lodge (9 beds), "
        "operated by Pennine Vale Care Partnership LLP.\n"
    )
    assert roles(facts).get("Pennine Vale Care Partnership LLP") == "provider"
    assert "Pennine Vale Care Partnership" not in roles(facts)
    quotes_hold(facts)


def test_commissioned_by_two_bodies_makes_them_co_commissioners() -> None:
    facts = facts_of(
        "Brenhope Hospitals NHS Trust\n\n"
        "Q1. How many step-down beds are there?\n"
        "There are 30 beds under an arrangement commissioned by NHS Brenhope and Tarn "
        "Integrated Care Board and Tarnside District Council.\n"
    )
    found = roles(facts)
    assert found.get("NHS Brenhope and Tarn Integrated Care Board") == "co-commissioner"
    assert found.get("Tarnside District Council") == "co-commissioner"
    quotes_hold(facts)


def test_a_prose_contract_takes_its_bare_to_end_date_and_its_subject_as_title() -> None:
    facts = facts_of(
        "Q1. Who provides the care?\n"
        "Night support at the two schemes is provided by Hexley Support Services Limited under "
        "a block contract which started on 1 October 2022 for an initial term of three years, "
        "to 30 September 2025. The contract value is £410,000 per annum.\n"
    )
    [contract] = facts.contracts
    assert contract.start == "2022-10-01"
    assert contract.end == "2025-09-30"
    assert contract.title == "Night support at the two schemes"
    quotes_hold(facts)


def test_a_department_heading_is_not_the_title_and_an_unlabelled_code_is_the_reference() -> None:
    facts = facts_of(
        "Orrington Borough Council\n"
        "Children, Families and Education - Freedom of Information\n\n"
        "Short Breaks for Disabled Children\n\n"
        "Freedom of Information Request CFE-23/0457\n"
        "Date: 9 May 2023\n\n"
        "Dear Mr Lowe\n\nThank you for your request.\n"
    )
    assert facts.source.title == "Short Breaks for Disabled Children"
    assert facts.source.reference == "CFE-23/0457"
