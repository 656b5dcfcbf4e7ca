"""Unit prices in invented letters: ranges, averages, and the service they are for."""

from __future__ import annotations

from decimal import Decimal

from tests.test_extractors import facts_of

LETTER = """Northam Borough Council
Freedom of Information response

1. What is the average hourly rate you pay for home care?

On 3 March 2025 the average hourly rate for Evening Calls stood at £19.10

2. What do you pay per night for sleep-in support?

Sleep-in rates agreed under our Better Days contract are £9.40 - £15.60, average £12.05

3. What is the hourly rate for domiciliary care?

The hourly rate for Domiciliary Care is £21.00

4. What did you spend on home care last year?

We spent £2,400,000 on home care in 2024/25.
"""


def test_a_rate_names_the_part_of_the_service_it_is_for() -> None:
    prices = {(p.unit, p.average): p for p in facts_of(LETTER).prices}
    evening = prices["hour", Decimal("19.10")]
    assert evening.service == "domiciliary care - Evening Calls"
    nightly = prices["night", Decimal("12.05")]
    assert (nightly.minimum, nightly.maximum) == (Decimal("9.40"), Decimal("15.60"))
    assert nightly.service == "sleep-in support - Better Days contract"


def test_a_phrase_that_only_repeats_the_service_adds_nothing() -> None:
    prices = {(p.unit, p.average): p for p in facts_of(LETTER).prices}
    assert prices["hour", Decimal("21.00")].service == "domiciliary care"


def test_a_spend_total_is_not_a_price() -> None:
    assert all(p.average != Decimal("2400000") for p in facts_of(LETTER).prices)
    assert len(facts_of(LETTER).prices) == 3


def prices_in(answer: str, question: str = "1. What rates do you pay?") -> list[tuple]:
    facts = facts_of(f"Northam Borough Council\n\n{question}\n\n{answer}\n")
    return [(p.unit, p.minimum, p.maximum, p.average, p.service) for p in facts.prices]


def test_from_x_to_y_is_a_range_and_from_a_date_is_not() -> None:
    d = Decimal
    assert prices_in(
        "In 2024/25 the hourly rate for home care ranged from £23.10 to £31.60, with a "
        "weighted average of £25.40."
    ) == [("hour", d("23.10"), d("31.60"), d("25.40"), "domiciliary care")]
    assert prices_in(
        "The standard hourly rate for supported living from April 2024 is £22.15."
    ) == [("hour", None, None, d("22.15"), "supported living")]


def test_one_sentence_can_price_two_services_or_two_units() -> None:
    d = Decimal
    assert prices_in(
        "Our usual rates are £701.00 per week for residential care and £866.50 per week for "
        "nursing care."
    ) == [
        ("week", None, None, d("701.00"), "residential care"),
        ("week", None, None, d("866.50"), "nursing care"),
    ]
    assert prices_in(
        "Sleep-in nights are paid at £112.00 per night and waking nights at £17.05 per hour.",
        "1. What do you pay for supported living?",
    ) == [
        ("night", None, None, d("112.00"), "sleep-in support"),
        ("hour", None, None, d("17.05"), "supported living"),
    ]


def test_a_daily_rate_is_a_price() -> None:
    assert prices_in("Day opportunities are paid at £61.20 per day.") == [
        ("day", None, None, Decimal("61.20"), "day opportunities")
    ]
