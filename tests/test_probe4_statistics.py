"""Statistics as a fourth round of FOI letters writes them (invented letters).

A spelled-out number after 'the' or 'all' is a determiner; 'of whom N' counts the people just
named; a bound ('more than ten hours') describing those people is not a figure; a sentence
listing figures for several named places gives each its own place; 'Name (N beds)' is the
beds at Name; acronyms, stays and discharges are read as counts.
"""

from __future__ import annotations

from decimal import Decimal

from graphbuild.facts import DocumentFacts
from tests.test_extractors import facts_of


def letter(*pairs: str) -> DocumentFacts:
    return facts_of("Brackenmoor District Council\n\n" + "\n\n".join(pairs) + "\n")


def stats(facts: DocumentFacts) -> dict[Decimal, tuple]:
    for s in facts.statistics:
        assert facts.text[s.evidence.start : s.evidence.end] == s.evidence.quote
    return {s.value: (s.unit, s.measure, s.date) for s in facts.statistics}


def test_a_determiner_and_a_threshold_are_not_counts_and_of_whom_counts_people() -> None:
    facts = letter(
        "1. How many tenants live in your supported housing?",
        "Across the four hostels there were 132 tenants as at 1st May 2024, of whom 27 were "
        "receiving more than twelve hours of support a week.",
    )
    found = stats(facts)
    assert set(found) == {Decimal(132), Decimal(27)}
    assert found[Decimal(132)] == ("people", "tenants across the four hostels", "2024-05-01")
    assert found[Decimal(27)][0] == "people"
    assert "more than twelve hours" in found[Decimal(27)][1]


def test_each_named_place_keeps_its_own_figures() -> None:
    facts = letter(
        "1. How many flats are in each scheme and how full are they?",
        "As at 1st May 2024, Copperbeech Court has 52 apartments and an occupancy rate of "
        "91 percent, and Sedgewick Lodge has 38 flats and an occupancy rate of 84.5 percent.",
    )
    found = stats(facts)
    assert found[Decimal(52)][:2] == ("units", "apartments at Copperbeech Court")
    assert found[Decimal(38)][:2] == ("flats", "flats at Sedgewick Lodge")
    assert found[Decimal(91)][1] == "occupancy rate - Copperbeech Court"
    assert found[Decimal("84.5")][1] == "occupancy rate - Sedgewick Lodge"


def test_a_bracketed_count_belongs_to_the_name_before_it() -> None:
    facts = letter(
        "1. Which homes provide the beds?",
        "The beds are provided by Holloway Grange (14 beds), operated by Tarnside Care Ltd; "
        "and Pellham House (9 beds).",
    )
    found = stats(facts)
    assert found[Decimal(14)][:2] == ("beds", "beds at Holloway Grange")
    assert found[Decimal(9)][:2] == ("beds", "beds at Pellham House")


def test_acronym_beds_stays_and_discharges_are_counts() -> None:
    facts = letter(
        "1. How many intermediate care beds do you have?",
        "As at 1st May 2024 the Trust had access to 33 step up step down (SUSD) beds.",
        "2. What was the average stay?",
        "The average length of stay in 2022/23 was 19 days. There were 275 discharges into "
        "SUSD beds during 2022/23.",
    )
    found = stats(facts)
    assert found[Decimal(33)][0] == "beds" and "step up step down" in found[Decimal(33)][1]
    assert found[Decimal(19)] == ("days", "average length of stay", "2022-2023")
    assert found[Decimal(275)][0] == "discharges"
    assert found[Decimal(275)][2] == "2022-2023"
