"""Extractors on the samples and on small letters written to probe one rule each."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts, Evidence
from graphbuild.readers import read_document
from graphbuild.readers.text import read_text_bytes


def facts_of(text: str, name: str = "letter.txt") -> DocumentFacts:
    return extract(read_text_bytes(text.encode("utf-8"), name))


def all_evidence(facts: DocumentFacts) -> list[Evidence]:
    found = [o.evidence for o in facts.organisations] + [f.evidence for f in facts.frameworks]
    for fw in facts.frameworks:
        for lot in fw.lots:
            found += [lot.evidence] + [m.evidence for m in lot.members]
            found += [p.evidence for p in lot.prices]
    for group in (
        facts.contracts,
        facts.areas,
        facts.statistics,
        facts.prices,
        facts.refusals,
        facts.warnings,
        facts.questions,
    ):
        found += [item.evidence for item in group]
    return found


def test_every_fact_quotes_the_text_it_came_from(sample_paths: list[Path]) -> None:
    for path in sample_paths:
        facts = extract(read_document(path))
        evidence = all_evidence(facts)
        assert evidence, path.name
        for ev in evidence:
            assert ev.document == path.name
            assert ev.quote and facts.text[ev.start : ev.end] == ev.quote


def test_figures_in_the_request_are_not_facts() -> None:
    facts = facts_of(
        "Freedom of Information Act 2000 – Day services\n\nYou asked:\n\n"
        "1. Into which band does funding fall: up to £500,000, or £4 million or above?\n\n"
        "2. How many of your 30 day centres have more than 12 staff?\n\n"
        "Please see our website.\n"
    )
    assert facts.statistics == [] and facts.prices == [] and facts.areas == []
    assert facts.contracts == []


def test_a_refusal_letter_yields_refusals_not_contracts() -> None:
    facts = facts_of(
        "Freedom of Information Act 2000 – Home care contracts\n\nYou asked:\n\n"
        "1. What is the hourly rate paid to each provider under the contract?\n\n"
        "The hourly rates are commercially sensitive and are withheld under Section 43(2) "
        "of the Freedom of Information Act 2000.\n\n"
        "2. Who are the named officers?\n\n"
        "Names of junior staff are exempt under section 40(2) (personal data).\n"
    )
    assert [(r.question, r.basis) for r in facts.refusals] == [
        ("1", "s43(2) commercial interests"),
        ("2", "s40(2) personal data"),
    ]
    assert facts.contracts == [] and facts.prices == [] and facts.frameworks == []


def test_information_not_held_is_s1(sample_paths: list[Path]) -> None:
    facts = extract(read_document(sample_paths[2]))
    assert [(r.question, r.basis) for r in facts.refusals] == [("6", "s1(1) not held")]


def test_self_contradicting_lot_labels_are_placed_by_section_and_warned(sample_paths):
    facts = extract(read_document(sample_paths[4]))
    (framework,) = facts.frameworks
    lot2 = next(lot for lot in framework.lots if lot.number == "2")
    (price,) = lot2.prices
    assert (price.minimum, price.maximum, price.unit) == (
        Decimal("870.89"),
        Decimal("1260.89"),
        "week",
    )
    assert len(facts.warnings) == 2
    assert all("Lot 1" in w.message and "Lot 2" in w.message for w in facts.warnings)
    assert all("for Lot 1" in w.evidence.quote for w in facts.warnings)


def test_contract_terms_and_value_basis(sample_paths: list[Path]) -> None:
    facts = extract(read_document(sample_paths[1]))
    first, second = facts.contracts
    assert (first.providers, first.value.amount, first.value.period, first.value.stated) == (
        ["Enham"],
        Decimal("576000"),
        "total",
        "£576,000 over 3 years",
    )
    assert (first.term_months, first.extension_months, first.end) == (36, 24, "2012-03-31")
    assert (second.value.period, second.term_months, second.extension_months) == ("annual", 12, 12)


def test_lot_titles_values_and_period(sample_paths: list[Path]) -> None:
    (framework,) = extract(read_document(sample_paths[4])).frameworks
    lot1 = framework.lots[0]
    assert lot1.title == "Provision of General Domiciliary Support Service"
    assert (lot1.value.amount, lot1.value.period) == (Decimal("166600000"), "7 years")
    assert (framework.start, framework.end, framework.max_end) == (
        "2017-10-09",
        "2022-10-09",
        "2024-10-08",
    )
    assert framework.partners == ["Leicester City Clinical Commissioning Group"]


def test_counts_written_in_words_and_of_which() -> None:
    facts = facts_of(
        "Freedom of Information Act 2000 – Staffing\n\nYou asked:\n\n"
        "1. How many staff work in commissioning?\n\n"
        "The commissioning team contains twelve FTE of which 2.5 posts are vacant.\n"
    )
    values = [(s.value, s.unit) for s in facts.statistics]
    assert values == [(Decimal(12), "FTE"), (Decimal("2.5"), "FTE")]


@pytest.mark.parametrize("name", ["Brandon Trust", "Helping Hands"])
def test_plain_provider_list_under_a_lot(name: str) -> None:
    facts = facts_of(
        "Freedom of Information Act 2000 – Framework\n\nYou asked:\n\n"
        "1. Which providers are on your framework?\n\n"
        "Lot 3 providers:\nBrandon Trust\nHelping Hands\n\n"
        "The Home Support Framework commenced on 1 April 2020.\n"
    )
    (framework,) = facts.frameworks
    assert framework.name == "Home Support Framework" and framework.start == "2020-04-01"
    assert name in [m.provider for m in framework.lots[0].members]


def test_lot_headings_with_titles_list_their_providers_and_a_range_dates_the_term() -> None:
    facts = facts_of(
        "Westshire Council\nFreedom of Information request - Home support framework\n\n"
        "1. Please list the providers on each lot of your home support framework.\n\n"
        "The Home Support Framework Agreement runs from 1 April 2020 to 31 March 2024, with an "
        "option to extend to 31 March 2026.\n\n"
        "Lot 1 - Older People\n• Alpha Homecare Ltd\n• Beta Support Services Limited\n\n"
        "Lot 2 - Learning Disabilities\n• Gamma Care CIC\n• Alpha Homecare Ltd\n"
    )
    (framework,) = facts.frameworks
    assert (framework.start, framework.end, framework.max_end) == (
        "2020-04-01",
        "2024-03-31",
        "2026-03-31",
    )
    lots = {lot.number: lot for lot in framework.lots}
    assert lots["1"].title == "Older People" and lots["2"].title == "Learning Disabilities"
    assert [m.provider for m in lots["2"].members] == ["Gamma Care CIC", "Alpha Homecare Ltd"]


def test_a_provider_by_lot_grid_gives_memberships() -> None:
    facts = facts_of(
        "Northvale Council\nFreedom of Information request - Domiciliary care framework\n\n"
        "1. Which providers are on each lot of your domiciliary care framework?\n\n"
        "Provider\tLot 1\tLot 2\nAlpha Homecare Ltd\tYes\tNo\n"
        "Beta Support Services Limited\tYes\tYes\nGamma Care CIC\t\tYes\n"
    )
    (framework,) = facts.frameworks
    members = {(lot.number, m.provider) for lot in framework.lots for m in lot.members}
    assert members == {
        ("1", "Alpha Homecare Ltd"),
        ("1", "Beta Support Services Limited"),
        ("2", "Beta Support Services Limited"),
        ("2", "Gamma Care CIC"),
    }
    assert sorted(o.name for o in facts.organisations) == [
        "Alpha Homecare Ltd",
        "Beta Support Services Limited",
        "Gamma Care CIC",
    ]


def test_exemptions_named_without_a_section_number() -> None:
    facts = facts_of(
        "Eastshire Council\nFreedom of Information request - Care home fees\n\n"
        "1. What fee do you pay each care home?\n\n"
        "The fees paid to individual homes are exempt because releasing them would prejudice the "
        "commercial interests of the homes and of the council.\n\n"
        "2. Please send your market position statement.\n\n"
        "This information is reasonably accessible by other means: it is on our website.\n\n"
        "3. How many staff work in brokerage?\n\n"
        "There are 12 staff in the brokerage team. Their personal data is not included.\n"
    )
    assert [(r.question, r.basis) for r in facts.refusals] == [
        ("1", "s43(2) commercial interests"),
        ("2", "s21 accessible by other means"),
    ]


def test_an_emailed_reply_with_q_and_a_labels() -> None:
    facts = facts_of(
        "Dear Ms Patel,\n\nFreedom of Information Request Ref: FOI-2023-0456\n\n"
        "Thank you for your request. Southvale Borough Council holds the information.\n\n"
        "Q1. How many people receive home care funded by the council?\n"
        "A1. 1,234 people were receiving council-funded home care as at 31 March 2023.\n\n"
        "Q2. Who are your home care providers?\n"
        "A2. Our current providers are:\n- Care Alpha Ltd\n"
        "- Care Beta Limited (trading as Beta Homecare)\n\n"
        "Q3. How much did you spend on home care in 2022/23?\nA3. £12.4m\n\nYours sincerely,\n"
    )
    assert facts.source.council == "Southvale Borough Council"
    assert facts.source.title is None  # a salutation is not a title
    assert [(s.value, s.unit, s.date) for s in facts.statistics] == [
        (Decimal(1234), "people", "2023-03-31")
    ]
    assert [(o.name, o.aliases) for o in facts.organisations] == [
        ("Care Alpha Ltd", []),
        ("Care Beta Limited", ["Beta Homecare"]),
    ]
    (spend,) = facts.areas
    assert (spend.area, spend.value.amount, spend.value.period) == (
        "domiciliary care",
        Decimal("12400000"),
        "2022-2023",
    )


def test_question_and_response_labels_and_a_table_of_contracts() -> None:
    facts = facts_of(
        "Riverford City Council\nInformation Governance\nOur ref: FOI/23/1187\n"
        "Date: 14 September 2023\n\nRequest for information: Supported living contracts\n\n"
        "Question 1: Please list your supported living providers and the annual value of each "
        "contract.\n\nResponse: The information is provided in the table below.\n\n"
        "Provider\tAnnual contract value\tContract end date\n"
        "Oak Tree Support Ltd\t£1,250,000\t31/03/2025\n"
        "Riverside Living CIC\t£640,500\t30/09/2024\n\n"
        "Question 2: How many people are currently supported in supported living?\n\n"
        "Response: 412 people as at 1 September 2023.\n"
    )
    source = facts.source
    assert (source.title, source.reference, source.date) == (
        "Supported living contracts",
        "FOI/23/1187",
        "2023-09-14",
    )
    contracts = {c.providers[0]: c for c in facts.contracts}
    assert (
        contracts["Oak Tree Support Ltd"].value.amount,
        contracts["Oak Tree Support Ltd"].end,
    ) == (
        Decimal("1250000"),
        "2025-03-31",
    )
    assert contracts["Riverside Living CIC"].value.period == "annual"
    assert [(s.value, s.unit, s.date) for s in facts.statistics] == [
        (Decimal(412), "people", "2023-09-01")
    ]


def test_spend_per_year_with_a_provider_column_is_not_a_list_of_contracts() -> None:
    facts = facts_of(
        "Riverford City Council\n\n1. How much did you spend on advocacy each year, and with "
        "whom?\n\nYear\tAmount spent\tOrganisation\n2021 - 2022\t£45,000\tVoice Ability\n"
        "2022 - 2023\t£43,000\tVoice Ability\n"
    )
    assert facts.contracts == []


def test_a_question_that_builds_on_another_shares_its_week() -> None:
    facts = facts_of(
        "Eastmoor County Council\nFreedom of Information response\n\n"
        "1. Please give the number of hours of home care provided in the week commencing "
        "6 May 2024.\n\n"
        "8,420 hours.\n\n"
        "2. Of the hours given in answer to question 1, please state the share (%) delivered "
        "by the independent sector.\n\n"
        "92% of those hours.\n"
    )
    stats = {s.unit: s for s in facts.statistics}
    assert (stats["hours"].value, stats["hours"].date) == (Decimal(8420), "2024-05-06")
    share = stats["percent"]
    assert (share.value, share.date) == (Decimal(92), "2024-05-06")
    assert share.measure.startswith("share (%) of the hours delivered by the independent sector")


def test_a_share_without_a_referenced_question_has_no_borrowed_date() -> None:
    facts = facts_of(
        "Eastmoor County Council\n\n"
        "1. Please give the number of hours of home care provided in the week commencing "
        "6 May 2024.\n\n8,420 hours.\n\n"
        "2. Please state the share (%) of home care delivered by the independent sector.\n\n"
        "92%.\n"
    )
    (share,) = [s for s in facts.statistics if s.unit == "percent"]
    assert share.value == Decimal(92) and share.date is None


def test_a_national_regulator_is_named_as_a_regulator() -> None:
    facts = facts_of(
        "Northam Borough Council\n\n1. Are your providers rated Good?\n\n"
        "All of our providers are rated Good or Outstanding by the Care Quality Commission.\n"
    )
    assert [(o.name, o.role) for o in facts.organisations] == [
        ("Care Quality Commission", "regulator")
    ]
