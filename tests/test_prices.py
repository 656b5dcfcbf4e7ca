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
