"""Percentages in answers: what each is a share of, and when (invented letters)."""

from __future__ import annotations

from decimal import Decimal

from graphbuild.parsing.measures import count_phrase
from tests.test_extractors import facts_of


def stats_of(question: str, answer: str) -> list[tuple]:
    facts = facts_of(f"Northam Borough Council\n\n{question}\n\n{answer}\n")
    return [(s.value, s.unit, s.measure, s.date) for s in facts.statistics]


def test_an_answer_label_is_not_a_measure_and_the_as_at_date_is_kept() -> None:
    ((value, unit, measure, date),) = stats_of(
        "6. What percentage of visits are made on time?", "Response: 91% as at 30 June 2024."
    )
    assert (value, unit, date) == (Decimal(91), "percent", "2024-06-30")
    assert measure == "percentage of visits are made on time"


def test_two_shares_in_one_sentence_each_keep_their_own_words() -> None:
    rows = stats_of(
        "Q2. What percentage of planned hours were delivered in 2024?",
        "Answer: 95% at Elm Row and 89% at Birch Yard.",
    )
    measures = [measure for _, _, measure, _ in rows]
    assert measures == [
        "percentage of planned hours were delivered in 2024 (at Elm Row)",
        "percentage of planned hours were delivered in 2024 (at Birch Yard)",
    ]


def test_a_share_pointing_back_at_a_figure_is_named_by_the_words_after_it() -> None:
    rows = stats_of(
        "4. How many residents are in spot placements?",
        "315 residents were in spot placements. This represents 64% of all funded placements.",
    )
    assert (Decimal(64), "percent", "share of all funded placements", None) in rows
    assert all(measure != "This represents" for _, _, measure, _ in rows)


def test_people_doing_something_are_counted_as_people() -> None:
    for phrase in (" people attended a day centre", " adults receiving home care"):
        found = count_phrase(phrase, 0)
        assert found is not None and found.unit == "people", phrase
    assert count_phrase(" staff vacancies", 0).unit == "posts"


def test_a_change_names_what_changed_or_is_not_a_statistic() -> None:
    rows = stats_of(
        "3. What did these contracts cost?",
        "Total spend on these three contracts in 2024-2025 was £1,902,340, an increase of 9% "
        "on the previous year.",
    )
    assert rows == [
        (
            Decimal(9),
            "percent",
            "increase in Total spend on these three contracts in 2024-2025",
            "2024-2025",  # the year the changed figure is for
        )
    ]  # 'these three contracts' points back: not a count; the comma in £1,902,340 ends nothing
    assert stats_of("2. What was agency spend?", "£640k, a fall of 21% from the year before.") == []


def test_a_labelled_count_names_its_own_measure() -> None:
    rows = stats_of(
        "1. Tell me about supported living.",
        "It is commissioned through a DPS.\n\nNumber of adults in supported living: 187.",
    )
    assert rows == [(Decimal(187), "people", "adults in supported living", None)]


def test_a_spend_answer_may_go_on_after_its_amount() -> None:
    facts = facts_of(
        "Northam Borough Council\n\n2. What was the council's respite care spend in 2023/24?\n\n"
        "£412k, slightly less than the year before.\n"
    )
    assert [(a.area, a.value.amount, a.value.period) for a in facts.areas] == [
        ("respite care", Decimal(412000), "2023-2024")
    ]


def test_a_figure_the_requester_quotes_is_not_the_authoritys() -> None:
    rows = stats_of(
        "1. How many carers do you support?",
        "The figure of 410 carers you quote does not appear in any of our responses. "
        "We support 236 carers as at 1 May 2024.",
    )
    assert rows == [(Decimal(236), "people", "carers", "2024-05-01")]


def test_a_benchmark_is_not_the_authoritys_figure_and_a_year_is_no_measure() -> None:
    rows = stats_of(
        "2. How quickly are reviews completed?",
        "In 2023/24, 81% of reviews were completed within 20 days, against a national target "
        "of 90%.",
    )
    assert rows == [
        (Decimal(81), "percent", "share of reviews were completed within 20 days", "2023-2024")
    ]


def test_a_number_inside_a_reference_code_is_not_a_count() -> None:
    rows = stats_of("3. Fees?", "Our reply to FOI 2024-0317 covers 9 care homes.")
    assert [value for value, *_ in rows] == [Decimal(9)]
