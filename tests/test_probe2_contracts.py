"""Contracts and organisations from prose, CSV registers and requests, on invented letters.

Each test probes one rule: names in the request are no organisations; a CSV
register's bare-number value column is pounds and its service column titles the
contract; prose cues ("delivered by", "awarded to") make a provider and a negation
does not; a paragraph naming one provider with money and dates is one contract;
Welsh and community-interest legal forms end a name.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts
from graphbuild.parsing.names import ORG_END, split_list
from graphbuild.parsing.terms import extension_months, term_months
from graphbuild.readers.spreadsheet import read_csv
from graphbuild.readers.text import read_text_bytes


def facts_of(text: str, name: str = "letter.txt") -> DocumentFacts:
    return extract(read_text_bytes(text.encode("utf-8"), name))


def roles(facts: DocumentFacts) -> dict[str, str]:
    return {org.name: org.role for org in facts.organisations}


def quotes_hold(facts: DocumentFacts) -> None:
    for item in [*facts.contracts, *facts.organisations]:
        ev = item.evidence
        assert facts.text[ev.start : ev.end] == ev.quote


# 1. A provider named only in the request is no organisation.


def test_a_company_named_as_an_example_in_a_question_is_not_an_organisation() -> None:
    facts = facts_of(
        "Brindlecombe Borough Council\nFreedom of Information response\n\n"
        '1. "Please list your home care providers (for example, is Quillon Care Ltd one?)."\n\n'
        "Answer: We commission home care from the providers on our approved list. The list is "
        "reviewed each year.\n"
    )
    assert "Quillon Care Ltd" not in roles(facts)


def test_a_company_in_a_restated_request_is_not_an_organisation() -> None:
    facts = facts_of(
        "Brindlecombe Borough Council\n\nDear Requester,\n\n"
        "I write regarding your request, in which you asked for the complaints about "
        "Sorrel Homecare Ltd since 2016.\n\n"
        "The council has concluded that this request is vexatious under section 14(1).\n"
    )
    assert "Sorrel Homecare Ltd" not in roles(facts)


# 2. A CSV register: bare numbers under a value header are pounds; a service column titles.


def test_a_csv_register_reads_bare_values_and_titles_by_service(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "Brindlecombe Borough Council - contracts register,,,,\n"
        "Provider,Service,Start date,End date,Annual value (£)\n"
        'Tollard Care Ltd,Home care - east,01/05/2022,30/04/2025,"1,234,500"\n'
        'Pewsey Advocacy,Independent advocacy,01/06/2023,31/05/2026,"98,700"\n'
        'Total,,,,"1,333,200"\n',
        encoding="utf-8",
    )
    facts = extract(read_csv(path))
    by_provider = {c.providers[0]: c for c in facts.contracts}
    assert set(by_provider) == {"Tollard Care Ltd", "Pewsey Advocacy"}
    care = by_provider["Tollard Care Ltd"]
    assert care.title == "Home care - east"
    assert care.value.amount == Decimal("1234500") and care.value.period == "annual"
    assert (care.start, care.end) == ("2022-05-01", "2025-04-30")
    quotes_hold(facts)


# 3. Prose cues give the provider role; a negation does not.


def test_prose_cues_make_providers_and_a_negation_does_not() -> None:
    facts = facts_of(
        "Brindlecombe Borough Council\nFreedom of Information response\n\n"
        "1. Who provides your advocacy and carers services?\n\n"
        "Answer: Advocacy is delivered by Marden Voice Partnership. The carers service was "
        "awarded to Yatesbury Carers Network. Coombe Support Services does not hold any "
        "contract with the council.\n"
    )
    found = roles(facts)
    assert found["Marden Voice Partnership"] == "provider"
    assert found["Yatesbury Carers Network"] == "provider"
    assert found.get("Coombe Support Services") == "other"
    quotes_hold(facts)


def test_a_providers_label_with_a_semicolon_list_names_each_provider() -> None:
    facts = facts_of(
        "Brindlecombe Borough Council\nFreedom of Information response\n\n"
        "1. Which providers are admitted to the supported living system?\n\n"
        "Answer: Admitted providers: Hafod Lân Cyf; Tregaron Support Ltd; Pennant Living CIC\n"
    )
    found = roles(facts)
    for name in ("Hafod Lân Cyf", "Tregaron Support Ltd", "Pennant Living CIC"):
        assert found.get(name) == "provider", name


# 4. A paragraph naming one provider with money and dates is one contract.


def test_a_prose_paragraph_is_one_contract_with_term_and_extensions() -> None:
    facts = facts_of(
        "Brindlecombe Borough Council\nFreedom of Information response\n\n"
        "You requested details of the council's reablement contract.\n\n"
        "Reablement\n"
        "The reablement care contract is held by Oxenwood Reablement Ltd. The contract value "
        "is £742,300 per annum. The term is 2 years + 1 + 1, starting on 1 June 2022. The "
        "contract supports 64 people.\n"
    )
    (contract,) = facts.contracts
    assert contract.providers == ["Oxenwood Reablement Ltd"]
    assert contract.title == "reablement care"
    assert contract.value.amount == Decimal("742300") and contract.value.period == "annual"
    assert (contract.term_months, contract.extension_months) == (24, 24)
    assert contract.start == "2022-06-01" and contract.service_users == 64
    assert roles(facts)["Oxenwood Reablement Ltd"] == "provider"
    quotes_hold(facts)


def test_a_value_is_never_given_to_a_sentence_naming_two_providers() -> None:
    facts = facts_of(
        "Brindlecombe Borough Council\nFreedom of Information response\n\n"
        "1. How many respite beds does the council commission?\n\n"
        "Answer: 10 beds are provided by Alton Priors Care Ltd and 6 by Huish Nursing Limited, "
        "at a combined £410,000 a year. The block contract with Alton Priors Care Ltd runs "
        "from 2023-07-01 to 2025-06-30.\n"
    )
    (contract,) = facts.contracts
    assert contract.providers == ["Alton Priors Care Ltd"]
    assert contract.value is None
    assert (contract.start, contract.end, contract.term_months) == ("2023-07-01", "2025-06-30", 24)
    assert "respite beds" in contract.title


def test_terms_read_plus_options_and_a_value_over_years() -> None:
    assert term_months("The term is 3 years + 1 + 1.") == 36
    assert extension_months("The term is 3 years + 1 + 1.") == 24
    assert term_months("The value is £2.4 million over four years.") == 48
    assert term_months("Rates rose over two years.") is None


# 5. Welsh and community-interest legal forms end a name.


def test_welsh_and_community_interest_legal_forms_end_a_name() -> None:
    for name in ("Gofal Da Cyf", "Gofal Da Cyfyngedig", "Lark Rise Community Interest Company"):
        assert ORG_END.search(name), name
    text = "Gofal Da Cyf; Lark Rise Community Interest Company; Brook Care Ltd"
    assert [text[a:b] for a, b in split_list(text)] == [
        "Gofal Da Cyf",
        "Lark Rise Community Interest Company",
        "Brook Care Ltd",
    ]
