"""Wrong figures found by the sixth blind probe round, on invented letters."""

from __future__ import annotations

from decimal import Decimal

from tests.test_extractors import facts_of


def test_each_provider_keeps_its_own_value_when_values_are_listed_by_name() -> None:
    facts = facts_of(
        "Northam Borough Council\n\nQ1. Who provides home care?\nA1. Our providers are:\n"
        "- Ashgrove Care Ltd\n- Birchfield Support Limited\n\n"
        "Q2. What is the value of each contract?\nA2. Ashgrove Care Ltd: £1,200,000 per annum.\n"
        "Birchfield Support Limited: £870,000 per annum.\n\n"
        "Q3. How long are the contracts?\nA3. Both contracts run for 3 years.\n"
    )
    values = {c.providers[0]: c.value.amount for c in facts.contracts if c.value}
    assert values == {
        "Ashgrove Care Ltd": Decimal(1200000),
        "Birchfield Support Limited": Decimal(870000),
    }


def test_two_spend_columns_are_two_areas() -> None:
    facts = facts_of(
        "Northam Borough Council\n\n1. What did you spend on respite and day care each year?\n\n"
        "Year\tRespite spend\tDay care spend\n2022/23\t£310,000\t£920,000\n"
        "2023/24\t£335,000\t£955,000\n"
    )
    found = {(a.area, a.value.period): a.value.amount for a in facts.areas}
    assert found[("Respite", "2023-2024")] == Decimal(335000)
    assert found[("Day care", "2022-2023")] == Decimal(920000)
    assert len(found) == 4
