"""Statistics and area figures as a third round of FOI letters writes them (invented letters).

Changes are statistics only when the sentence names what changed; figures keep the date
the sentence gives them; 'Of these, ...' and 'Label: N.' runs are grouped counts; a
count of providers stays one; answer labels never name an area.
"""

from __future__ import annotations

from decimal import Decimal

from graphbuild.facts import DocumentFacts
from tests.test_extractors import facts_of


def letter(*pairs: str) -> DocumentFacts:
    return facts_of("Lowbridge Borough Council\n\n" + "\n\n".join(pairs) + "\n")


def stats(facts: DocumentFacts) -> list[tuple]:
    return [(s.value, s.unit, s.measure, s.date, s.group) for s in facts.statistics]


def test_a_change_without_a_named_subject_is_not_a_statistic() -> None:
    facts = letter(
        "1. What was the turnover of your reablement staff?",
        "Staff turnover was 12.4% in 2023-24 (down 2.2% from 2022-23).",
        "2. What hourly rate do you pay personal assistants?",
        "£12.80 per hour from April 2024 (this was a 5.1% increase on the previous year).",
    )
    values = [value for value, *_ in stats(facts)]
    assert values == [Decimal("12.4")]
    assert stats(facts)[0][3] == "2023-2024"
    for s in facts.statistics:
        assert facts.text[s.evidence.start : s.evidence.end] == s.evidence.quote


def test_a_figure_keeps_the_date_or_year_its_sentence_gives() -> None:
    facts = letter(
        "1. How many people receive day care, and how many reablement hours were delivered?",
        "1,020 people were receiving day care on 31 March 2024. The service delivered "
        "610,200 hours of reablement in the 2023/24 financial year.",
    )
    dated = {value: date for value, _, _, date, _ in stats(facts)}
    assert dated == {Decimal(1020): "2024-03-31", Decimal(610200): "2023-2024"}


def test_of_these_splits_the_count_just_given() -> None:
    facts = letter(
        "Question 1: How many people were eligible for NHS Continuing Healthcare (CHC) "
        "at 31 May 2024, split by setting?",
        "Answer 1: 940 people were eligible for CHC at 31 May 2024. Of these, 602 were in "
        "care homes and 338 were receiving care at home.",
    )
    rows = {value: (unit, measure, date) for value, unit, measure, date, _ in stats(facts)}
    assert set(rows) == {Decimal(940), Decimal(602), Decimal(338)}
    assert rows[Decimal(602)] == (
        "people",
        "people were eligible for CHC in care homes",
        "2024-05-31",
    )
    assert rows[Decimal(338)][1].endswith("receiving care at home")
    assert "Answer" not in rows[Decimal(940)][1]


def test_a_run_of_labelled_counts_is_grouped_by_label_and_skips_suppressed_ones() -> None:
    facts = letter(
        "2. Number of patients placed in step-up beds, by locality.",
        "Eastfield locality: 131. Westfield locality: 96. Hill locality: fewer than 5.",
    )
    rows = stats(facts)
    assert [(value, group) for value, _, _, _, group in rows] == [
        (Decimal(131), "Eastfield locality"),
        (Decimal(96), "Westfield locality"),
    ]
    assert rows[0][2] == "patients placed in step-up beds, Eastfield locality"
    assert facts.statistics[1].evidence.quote == "Westfield locality: 96."


def test_a_count_of_providers_is_not_a_count_of_contracts_nor_in_a_contract_section() -> None:
    facts = letter(
        "3. Which providers hold block contracts for day care?",
        "Three providers hold block day care contracts for the city:\n"
        "   - Alder Day Services Ltd: block contract for 900 hours per week.\n"
        "All other day care is bought on a spot basis from providers on the Lowbridge "
        "Approved List, which currently has 27 providers.",
    )
    rows = {value: (unit, measure) for value, unit, measure, _, _ in stats(facts)}
    assert rows[Decimal(3)][0] == "providers"
    assert rows[Decimal(27)] == ("providers", "providers on the Lowbridge Approved List")
    assert not any("outputs" in measure for _, measure in rows.values())


def test_an_answer_label_never_names_an_area_and_each_year_keeps_its_figure() -> None:
    facts = letter(
        "Question 1: How many people were eligible for NHS Continuing Healthcare (CHC)?",
        "Answer 1: 940 people were eligible.",
        "Question 3: What was your total spend on CHC in 2023/24 and in 2022/23?",
        "Answer 3: Total CHC spend was £42.1 million in 2023/24, compared with £39,800,000 "
        "in 2022/23 (an increase of 5.8%).",
    )
    areas = sorted((a.area, a.value.amount, a.value.period) for a in facts.areas)
    assert areas == [
        ("NHS Continuing Healthcare", Decimal("39800000"), "2022-2023"),
        ("NHS Continuing Healthcare", Decimal("42100000"), "2023-2024"),
    ]


def test_of_whom_parts_keep_their_share_and_age_group() -> None:
    facts = letter(
        "4. How many people receive long-term support, and how many are of working age?",
        "2,310 people were receiving long-term support on 31 March 2024, of whom 905 (39.2%) "
        "were aged 18-64.",
    )
    rows = {
        value: (unit, measure, date, group) for value, unit, measure, date, group in stats(facts)
    }
    assert rows[Decimal(905)] == (
        "people",
        "people were receiving long-term support aged 18-64",
        "2024-03-31",
        "aged 18-64",
    )
    assert rows[Decimal("39.2")][1] == "share of people were receiving long-term support aged 18-64"
