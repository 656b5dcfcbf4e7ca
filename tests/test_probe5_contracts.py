"""Probe 5 failures, on small invented letters: unruled pipe tables of contracts, section 22
future publication, refusal labels of lettered and roman items, and section 21 pointers."""

from __future__ import annotations

from pathlib import Path

from graphbuild.extract import extract
from graphbuild.readers import read_document

TABLE_LETTER = """\
Brindlecombe Borough Council
Freedom of Information Act 2000 - Response

Request
(a) Please list all current extra care contracts, with the provider, value, start date and end date.
(b) How many people live in extra care?

Response

(a) The current contracts are set out below.

| Contract | Provider | Value | Term | Start | End | Extension |
| Extra Care - Scheme North | Quillfeather Care Ltd | £640,000 per annum | 3 years \
| 01/05/2022 | 30/04/2025 | 1 + 1 years |
| Extra Care - Scheme South | Tamsworth Living Trust | £1,020,000 total | 4 years \
| 01/02/2021 | 31/01/2025 | none |

The Scheme North contract currently supports 27 service users and the Scheme South \
contract supports 19 service users.

(b) 46 people live in extra care.
"""

LETTERED_LETTER = """\
Oxlade County Council
Freedom of Information response

Request A: How many carers' assessments were completed in 2023?

412 carers' assessments were completed in 2023.

Request B: Please provide the names of the assessors.

This information is personal data and is exempt under section 40(2).
"""

ROMAN_LETTER = """\
Pelham Vale Council

Your request: "Please tell me
i. the number of occupational therapists employed;
ii. the names of the occupational therapists."

Our reply:

i. The council employs 23 occupational therapists.

ii. Names of individual members of staff are personal data and are exempt from \
disclosure under section 40(2).
"""

FUTURE_LETTER = """\
Sallowby Council

Question 1: How many people receive a direct payment?

1,204 people received a direct payment on 31 March 2024.

Question 2: Please provide your market position statement for 2025.

The 2025 market position statement will be presented to Cabinet in May and published \
on our website at that time. We are therefore withholding it under section 22 \
(information intended for future publication).
"""

POINTER_LETTER = """\
Threlkeld District Council

Question 1: How many homes were adapted in 2023?

88 homes were adapted in 2023.

Question 2: Who provides the handyperson service and what is the contract value?

The handyperson service is provided by Merrowfield Repairs Ltd under a contract that \
started on 1 April 2022 for a term of 3 years. The annual contract value is £74,000.

Details of all contracts over £5,000 are published in our contracts register and this \
information is therefore exempt under section 21.
"""


def _facts(tmp_path: Path, text: str, name: str = "letter.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(read_document(path))


def test_unruled_pipe_table_gives_one_contract_per_row(tmp_path: Path) -> None:
    facts = _facts(tmp_path, TABLE_LETTER)
    by_title = {c.title: c for c in facts.contracts}
    assert set(by_title) == {"Extra Care - Scheme North", "Extra Care - Scheme South"}
    north, south = by_title["Extra Care - Scheme North"], by_title["Extra Care - Scheme South"]
    assert north.providers == ["Quillfeather Care Ltd"]
    assert north.value is not None and int(north.value.amount) == 640000
    assert north.value.period == "annual"
    assert (north.start, north.end) == ("2022-05-01", "2025-04-30")
    assert (north.term_months, north.extension_months) == (36, 24)
    assert north.service_users == 27
    assert south.value is not None and south.value.period == "total"
    assert (south.term_months, south.extension_months) == (48, None)
    assert south.service_users == 19
    for contract in facts.contracts:
        assert "list all" not in contract.title.lower()
        stated = facts.text[contract.evidence.start : contract.evidence.end]
        assert stated == contract.evidence.quote


def test_future_publication_is_section_22_not_21(tmp_path: Path) -> None:
    facts = _facts(tmp_path, FUTURE_LETTER)
    bases = {(r.question, r.basis) for r in facts.refusals}
    assert any(b.startswith("s22") for _, b in bases)
    assert not any(b.startswith("s21") for _, b in bases)


def test_lettered_request_refusal_is_labelled_with_its_letter(tmp_path: Path) -> None:
    facts = _facts(tmp_path, LETTERED_LETTER)
    assert [(r.question, r.basis) for r in facts.refusals] == [("B", "s40(2) personal data")]


def test_roman_item_refusal_is_labelled_with_its_numeral(tmp_path: Path) -> None:
    facts = _facts(tmp_path, ROMAN_LETTER)
    labels = [(r.question.strip("()"), r.basis) for r in facts.refusals]
    assert labels == [("ii", "s40(2) personal data")]


def test_section_21_pointer_in_a_full_answer_is_no_refusal(tmp_path: Path) -> None:
    facts = _facts(tmp_path, POINTER_LETTER)
    assert not [r for r in facts.refusals if r.basis.startswith("s21")]
    contract = facts.contracts[0]
    assert contract.value is not None and contract.value.period == "annual"
