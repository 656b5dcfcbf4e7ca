"""Tables, label records, run-in lists and organisation names, on small invented letters.

Each letter probes one rule: a table's Total row names nothing; "Label: value"
records give one contract each; trading names read both ways round; two names
joined by "and" are two bodies; spend by service area comes from category
tables and from prose that gives a figure a year.
"""

from __future__ import annotations

from decimal import Decimal

from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts
from graphbuild.parsing.names import parse_name, split_joined
from graphbuild.readers.html import read_html_bytes
from graphbuild.readers.text import read_text_bytes


def facts_of(text: str, name: str = "letter.txt") -> DocumentFacts:
    return extract(read_text_bytes(text.encode("utf-8"), name))


def quotes_hold(facts: DocumentFacts) -> None:
    for item in [*facts.contracts, *facts.areas, *facts.organisations]:
        ev = item.evidence
        assert facts.text[ev.start : ev.end] == ev.quote


# 1. A table's Total row is not a provider, a contract or an area.


def test_a_total_row_in_a_table_of_contracts_is_no_provider() -> None:
    facts = facts_of(
        "Glenmere District Council\nFreedom of Information response\n\n"
        "1. Please list the block contracts you hold with care home providers and their value.\n\n"
        "Answer: The council holds the following block contracts for dementia nursing care.\n\n"
        "Provider\tHome\tBeds\tAnnual value\n"
        "Fellgate Care Homes Ltd\tFellgate Lodge\t20\t£900,000\n"
        "Tarrow Nursing Limited\tTarrow House\t12\t£610,500\n"
        "Grand total\t\t32\t£1,510,500\n\n"
        "The contracts began in May 2020 and run for four years, with an option to extend by "
        "a further 6 months.\n"
    )
    contracts = {c.providers[0]: c for c in facts.contracts}
    assert set(contracts) == {"Fellgate Care Homes Ltd", "Tarrow Nursing Limited"}
    assert "Grand total" not in {o.name for o in facts.organisations}
    fellgate = contracts["Fellgate Care Homes Ltd"]
    assert (fellgate.value.amount, fellgate.value.period) == (Decimal("900000"), "annual")
    assert fellgate.title == "block contracts for dementia nursing care - Fellgate Lodge"
    assert (fellgate.term_months, fellgate.extension_months, fellgate.start) == (48, 6, "2020-05")
    quotes_hold(facts)


# 2. "Label: value" records: one contract per record, a provider only under a provider label.


def test_label_records_give_one_contract_each() -> None:
    facts = facts_of(
        "Ormsby Borough Council\nFreedom of Information response\n\n"
        "Q1. Please name the providers of your extra care schemes, the contract value and "
        "dates.\n\n"
        "Answer: The council has two extra care contracts:\n\n"
        "Scheme: Pellow Gardens (40 flats)\n"
        "Landlord: Kestwick Homes Housing Association\n"
        "Care provider: Dunmore Support Ltd t/a Dunmore at Home\n"
        "Contract value: £1.8m over the four-year term\n"
        "Contract start: 1st June 2022\n"
        "Contract end: 31st May 2026, with an option to extend for one further year\n\n"
        "Scheme: Ashby Row (28 flats)\n"
        "Landlord: Kestwick Homes Housing Association\n"
        "Care provider: Whinfell Care Services Limited\n"
        "Contract value: £990,000 total\n"
        "Contract start: 01/07/2021\n"
        "Contract end: 30/06/2025\n\n"
        "Q2. How many people receive care in each scheme?\n\n"
        "Answer: 33 tenants at Pellow Gardens and 21 at Ashby Row receive a care package.\n"
    )
    contracts = {c.providers[0]: c for c in facts.contracts}
    assert set(contracts) == {"Dunmore Support Ltd", "Whinfell Care Services Limited"}
    dunmore, whinfell = (
        contracts["Dunmore Support Ltd"],
        contracts["Whinfell Care Services Limited"],
    )
    assert (dunmore.value.amount, dunmore.value.period) == (Decimal("1800000"), "total")
    assert (dunmore.term_months, dunmore.extension_months) == (48, 12)
    assert (dunmore.start, dunmore.end, dunmore.service_users) == ("2022-06-01", "2026-05-31", 33)
    assert (whinfell.value.amount, whinfell.value.period) == (Decimal("990000"), "total")
    assert (whinfell.start, whinfell.end, whinfell.service_users) == (
        "2021-07-01",
        "2025-06-30",
        21,
    )
    assert whinfell.extension_months is None
    assert dunmore.title.endswith("- Pellow Gardens")
    roles = {o.name: (o.role, o.aliases) for o in facts.organisations}
    assert roles["Dunmore Support Ltd"] == ("provider", ["Dunmore at Home"])
    assert roles["Kestwick Homes Housing Association"][0] == "other"
    assert not any(":" in name or "flats" in name for name in roles)
    quotes_hold(facts)


def test_a_bracket_that_counts_is_not_a_trading_name() -> None:
    assert parse_name("Pellow Gardens (40 flats)").aliases == []
    assert parse_name("Care 2 U (Rutland) Limited").name == "Care 2 U (Rutland) Limited"


# 3. Trading names, either way round.


def test_trading_names_either_way_round() -> None:
    assert (parse_name("Brook Lane Support (a trading name of Merrow Care Group Ltd)")) == (
        parse_name("Merrow Care Group Ltd t/a Brook Lane Support")
    )
    parsed = parse_name("Merrow Care Group Ltd trading as Brook Lane Support")
    assert (parsed.name, parsed.aliases) == ("Merrow Care Group Ltd", ["Brook Lane Support"])


def test_a_run_in_list_of_providers_with_a_trading_name() -> None:
    facts = facts_of(
        "Dunholme Council\nFreedom of Information response\n\n"
        "1. Which providers deliver shared lives in the borough?\n\n"
        "We commission shared lives from four providers: Corrie Homes Ltd, Brook Lane Support "
        "(a trading name of Merrow Care Group Ltd), Stanner Living CIC and Wenlow Trust.\n"
    )
    roles = {o.name: (o.role, o.aliases) for o in facts.organisations}
    assert roles == {
        "Corrie Homes Ltd": ("provider", []),
        "Merrow Care Group Ltd": ("provider", ["Brook Lane Support"]),
        "Stanner Living CIC": ("provider", []),
        "Wenlow Trust": ("provider", []),
    }
    quotes_hold(facts)


# 4. Organisation names: two bodies joined by "and", NHS kept, "The" not a second body.


def test_two_complete_names_joined_by_and_are_two_bodies() -> None:
    assert [p for _, p in split_joined("Hollowell Pathways Limited and Crane Trust")] == [
        "Hollowell Pathways Limited",
        "Crane Trust",
    ]
    assert [p for _, p in split_joined("Pike and Barrow Care Ltd")] == ["Pike and Barrow Care Ltd"]


def test_other_organisations_keep_nhs_and_are_not_doubled() -> None:
    facts = facts_of(
        "Harlow Vale Council\nFreedom of Information response\n\n"
        "1. Which organisations run your day services?\n\n"
        "Answer: Day services are run by:\n"
        "• The Marram Foundation\n"
        "• Sallow Day Centres Ltd\n\n"
        "2. Who else funds the service?\n\n"
        "Answer: Funding comes from NHS Brackenfield Integrated Care Board. The Marram "
        "Foundation also receives a grant, as do Hollowell Pathways Limited and Crane Trust.\n"
    )
    names = [o.name for o in facts.organisations]
    assert "NHS Brackenfield Integrated Care Board" in names
    assert "Brackenfield Integrated Care Board" not in names
    assert "Marram Foundation" not in names and "The Marram Foundation" in names
    assert {"Hollowell Pathways Limited", "Crane Trust"} <= set(names)
    assert not any(" and " in n for n in names)
    quotes_hold(facts)


# 5. Spend by service area: category tables and prose a figure a year.


def test_a_spend_by_service_area_table_gives_one_area_a_row() -> None:
    facts = facts_of(
        "Mardale Council\nFreedom of Information response\n\n"
        "1. Please provide the council's expenditure on adult social care by service area.\n\n"
        "Answer: The figures below are for the financial year 2020/21.\n\n"
        "Service area\tGross expenditure 2020/21\tActive providers\tPurchasing route\n"
        "Home care\t£9,120,400.50\t19\tFramework\n"
        "Extra care\t£2,004,000.00\t3\tBlock\n"
        "Direct payments\t£1,500,000.00\tn/a\tn/a\n"
        "Sub-total\t£12,624,400.50\t\t\n"
    )
    areas = {a.area: a for a in facts.areas}
    assert set(areas) == {"Home care", "Extra care", "Direct payments"}
    home = areas["Home care"]
    assert (home.value.amount, home.value.period) == (Decimal("9120400.50"), "2020-2021")
    assert (home.active_providers, home.purchasing) == (19, "framework")
    assert (areas["Direct payments"].active_providers, areas["Direct payments"].purchasing) == (
        None,
        None,
    )
    quotes_hold(facts)


def test_a_client_group_table_in_html_names_the_service_asked_about() -> None:
    html = (
        "<html><body><main><h1>Respite for adults</h1>"
        "<p>2. How much did you spend on respite care in 2021/22, split by client group?</p>"
        "<table><tr><th>Client group</th><th>Spend 2021/22</th></tr>"
        "<tr><td>Learning disabilities</td><td>£1.1m</td></tr>"
        "<tr><td>Older people</td><td>£402,000</td></tr>"
        "<tr><td><strong>Total</strong></td><td>£1,502,000</td></tr></table>"
        "</main></body></html>"
    )
    facts = extract(read_html_bytes(html.encode("utf-8"), "log.html"))
    got = {(a.area, a.value.amount, a.value.period) for a in facts.areas}
    assert got == {
        ("Respite care - learning disabilities", Decimal("1100000"), "2021-2022"),
        ("Respite care - older people", Decimal("402000"), "2021-2022"),
    }
    quotes_hold(facts)


def test_prose_spend_gives_a_figure_a_year_with_the_current_provider_count() -> None:
    facts = facts_of(
        "Corbridge Council\nFreedom of Information response\n\n"
        "1. Which providers deliver floating support?\n\n"
        "We currently commission floating support from three providers: Anvil Support Ltd, "
        "Tennant Living CIC and Ember Trust.\n\n"
        "2. What was the total spend on floating support in 2020 and 2021?\n\n"
        "Spend is recorded by financial year. Total floating support spend was £2,345,600.10 in "
        "2021/22 and £2.2m in 2020/21.\n"
    )
    got = {(a.area, a.value.amount, a.value.period, a.active_providers) for a in facts.areas}
    assert got == {
        ("Floating support", Decimal("2345600.10"), "2021-2022", 3),
        ("Floating support", Decimal("2200000"), "2020-2021", None),
    }
    quotes_hold(facts)


def test_spend_on_a_qualified_service_keeps_its_name_and_its_basis() -> None:
    facts = facts_of(
        "NHS Larchmoor Integrated Care Board\nFreedom of Information response\n\n"
        "Question 1: Please list the home care providers used for CHC in 2021/22.\n\n"
        "Answer: The ICB used 17 home care providers in 2021/22.\n\n"
        "Question 2: How is CHC home care bought?\n\n"
        "Answer: CHC home care is purchased on a spot basis.\n\n"
        "Question 3: What was the total spend on CHC home care in 2021/22?\n\n"
        "Answer: £9.8m.\n"
    )
    (area,) = facts.areas
    assert (area.area, area.value.amount, area.value.period) == (
        "CHC home care",
        Decimal("9800000"),
        "2021-2022",
    )
    assert (area.active_providers, area.purchasing) == (17, "spot")
    assert "ICB" not in {o.name for o in facts.organisations}
