"""Provider roles, prose contracts and lot lines, on small invented letters.

Each test probes one rule: a cue reaches over a whole list of names and keeps a
trading name; a provider that went into administration and the one its packages
went to are both providers; a title-cased name with "and" is not cut in two; a
contract with a bracketed part "is worth" a value; "at a total value of"; a value
after "worth" among other amounts; optional extensions; a lot line with a title,
members and a rate range; a framework name with a year range; co-commissioners.
"""

from __future__ import annotations

from decimal import Decimal

from graphbuild.parsing.terms import extension_months
from tests.test_probe2_contracts import facts_of, quotes_hold, roles

HEAD = "Quarrington District Council\nFreedom of Information response\n\n"


def test_a_cue_reaches_over_a_list_and_keeps_the_trading_name() -> None:
    facts = facts_of(
        HEAD + "1. Who delivers your day services?\n\n"
        "Answer: Day services are delivered by Wrenfold Care Ltd (trading as Wrenfold Days), "
        "Osterby Support Limited and Dunmere & Vale Care Partnership.\n"
    )
    got = roles(facts)
    for name in ("Wrenfold Care Ltd", "Osterby Support Limited", "Dunmere & Vale Care Partnership"):
        assert got.get(name) == "provider", name
    wrenfold = next(o for o in facts.organisations if o.name == "Wrenfold Care Ltd")
    assert "Wrenfold Days" in wrenfold.aliases
    quotes_hold(facts)


def test_administration_and_a_transfer_are_provider_cues() -> None:
    facts = facts_of(
        HEAD + "1. Have any providers failed?\n\n"
        "Answer: One provider, Tillbrook Homecare Ltd, went into administration in June 2023 "
        "and its packages were transferred to Harlow Gate Care Limited.\n"
    )
    got = roles(facts)
    assert got.get("Tillbrook Homecare Ltd") == "provider"
    assert got.get("Harlow Gate Care Limited") == "provider"


def test_a_title_cased_name_with_for_and_is_not_cut_in_two() -> None:
    facts = facts_of(
        HEAD + "1. Which providers were used for placements?\n\n"
        "Answer: Placements were made with Morrow Vale Services Ltd, Ettrick Care Homes for "
        "Older Adults and Brantholme Residential Homes Limited.\n"
    )
    got = roles(facts)
    assert got.get("Ettrick Care Homes for Older Adults") == "provider"
    assert got.get("Brantholme Residential Homes Limited") == "provider"
    assert not any(name.startswith("Homes for") for name in got)


def test_a_contract_with_a_bracketed_part_is_worth_a_value() -> None:
    facts = facts_of(
        HEAD + "1. What are your homecare contracts?\n\n"
        "Answer: The Quarrington Homecare Contract (East) with Pellow Home Care Ltd is worth "
        "£1.35 million per annum and runs for 36 months from 1 June 2022 to 31 May 2025, "
        "with an option to extend for a further 12 months. The Quarrington Homecare Contract "
        "(West) with Sedley Support Limited is worth £880,000 per annum over the same term.\n"
    )
    by_provider = {c.providers[0]: c for c in facts.contracts if c.providers}
    east = by_provider["Pellow Home Care Ltd"]
    assert east.value is not None and east.value.amount == Decimal("1350000")
    assert (east.term_months, east.extension_months) == (36, 12)
    assert (east.start, east.end) == ("2022-06-01", "2025-05-31")
    assert east.title == "Quarrington Homecare Contract (East)"
    west = by_provider["Sedley Support Limited"]
    assert west.value is not None and west.value.amount == Decimal("880000")
    assert (west.term_months, west.start, west.end) == (36, "2022-06-01", "2025-05-31")
    quotes_hold(facts)


def test_a_total_value_without_the_word_contract() -> None:
    facts = facts_of(
        HEAD + "1. What is the value of the night sitting service?\n\n"
        "Answer: The Night Sitting Service is provided by Kelda House Hospice at a total value "
        "of £640,000 over its term.\n"
    )
    contract = next(c for c in facts.contracts if c.providers == ["Kelda House Hospice"])
    assert contract.value is not None and contract.value.amount == Decimal("640000")
    assert contract.value.period == "total"


def test_the_value_after_worth_wins_over_a_unit_price() -> None:
    facts = facts_of(
        HEAD + "1. Who provides respite beds, and what is the contract value?\n\n"
        "Answer: Respite beds are provided by Ormsby Lodge Care Ltd under the Quarrington "
        "Respite Beds Contract, worth £415,000 per annum for 9 beds. The price per bed is "
        "£880 per week.\n"
    )
    contract = next(c for c in facts.contracts if c.providers == ["Ormsby Lodge Care Ltd"])
    assert contract.value is not None and contract.value.amount == Decimal("415000")
    assert contract.title == "Quarrington Respite Beds Contract"


def test_optional_extensions_in_words() -> None:
    assert extension_months("for 3 years, with an optional 1-year extension.") == 12
    assert extension_months("for two years with a 6-month extension option") == 6


def test_a_lot_line_with_title_members_and_a_rate_range() -> None:
    facts = facts_of(
        HEAD + "1. Please list the lots of your Respite Framework Agreement 2023-2027.\n\n"
        "Answer: The Respite Framework Agreement 2023-2027 has two lots:\n"
        "Lot 1 - Older People: Marrick Care Ltd, Soulby Homes Limited (trading as Soulby "
        "Care), and Appleby Fold CIC. Hourly rates range from £21.10 to £23.75.\n"
        "Lot 2 - Younger Adults: Marrick Care Ltd and Kirkby Thore Support Limited. "
        "The hourly rate is £22.40 for all providers.\n"
    )
    framework = next(f for f in facts.frameworks if f.lots)
    assert framework.name == "Respite Framework Agreement 2023-2027"
    lots = {lot.number: lot for lot in framework.lots}
    assert lots["1"].title == "Older People" and lots["1"].value is None
    assert [m.provider for m in lots["1"].members] == [
        "Marrick Care Ltd",
        "Soulby Homes Limited",
        "Appleby Fold CIC",
    ]
    price = lots["1"].prices[0]
    assert (price.unit, price.minimum, price.maximum) == (
        "hour",
        Decimal("21.10"),
        Decimal("23.75"),
    )
    assert lots["2"].prices[0].average == Decimal("22.40")
    assert len(lots["2"].members) == 2


def test_co_commissioners_in_several_phrasings() -> None:
    facts = facts_of(
        HEAD + "1. Who commissions these services?\n\n"
        "Answer: The council commissions nursing placements jointly with NHS Lowmoor "
        "Integrated Care Board. The Trust commissions these services with Fellside City "
        "Council. The ICB works closely with Ousby County Council and Renwick Borough Council, "
        "who jointly fund some packages.\n"
    )
    got = roles(facts)
    for name in (
        "NHS Lowmoor Integrated Care Board",
        "Fellside City Council",
        "Ousby County Council",
        "Renwick Borough Council",
    ):
        assert got.get(name) == "co-commissioner", name
