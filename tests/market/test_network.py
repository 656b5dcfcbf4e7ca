"""The market network read from the samples' store: the right nodes, edges and context."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graphbuild.network import provider_reach, subnetwork
from tests.market.conftest import ON_BOTH_LOTS


def labels_of(graph: nx.MultiDiGraph, kind: str) -> set[str]:
    return {a["label"] for _n, a in graph.nodes(data=True) if a["type"] == kind}


def test_the_samples_make_one_council_framework_two_lots_and_their_providers(network) -> None:
    kinds = Counter(a["type"] for _n, a in network.nodes(data=True))
    assert kinds == {"council": 1, "framework": 1, "lot": 2, "provider": 21, "contract": 2}
    assert labels_of(network, "lot") == {"Lot 1", "Lot 2"}
    assert labels_of(network, "council") == {"Leicester City Council"}


def test_edges_are_named_relations_without_duplicates(network) -> None:
    relations = Counter(r for _s, _t, r in network.edges(keys=True))
    assert relations["buys"] == 1 and relations["hasLot"] == 2 and relations["awards"] == 2
    assert relations["supplier"] == 2
    assert relations["member"] == 28  # 19 providers on the lots, 9 of them on both
    assert set(relations) == {"buys", "hasLot", "member", "awards", "supplier"}


def test_nine_providers_are_on_both_lots(network) -> None:
    on_both = {
        network.nodes[p]["label"] for p, r in provider_reach(network).items() if len(r["lots"]) == 2
    }
    assert on_both == ON_BOTH_LOTS


def test_money_keeps_the_stated_figure_and_its_period(network) -> None:
    lots = {a["label"]: a for _n, a in network.nodes(data=True) if a["type"] == "lot"}
    assert lots["Lot 1"]["value"] == 166_600_000 and lots["Lot 1"]["period"] == "7 years"
    contracts = [a for _n, a in network.nodes(data=True) if a["type"] == "contract"]
    assert {(a["value"], a["period"]) for a in contracts} == {(576000, "total"), (33536, "annual")}


def test_services_reach_providers_through_lots_but_not_down_from_councils(network) -> None:
    choices = next(a for _n, a in network.nodes(data=True) if a["label"] == "Choices Care")
    assert any(s.endswith("/domiciliary-care") for s in choices["services"])
    assert choices["councils"] == {"https://w3id.org/carekg/id/council/leicester-city-council"}
    mencap = next(a for _n, a in network.nodes(data=True) if a["label"] == "Mencap")
    assert mencap["services"] == set()  # its contract states no service area


def test_subnetwork_of_a_framework_drops_the_contracts(network) -> None:
    part = subnetwork(
        network, framework="framework agreements for domiciliary care support services"
    )
    assert labels_of(part, "contract") == set()
    assert len(labels_of(part, "provider")) == 19
    assert subnetwork(network, council="leicester").number_of_nodes() == 27
    assert subnetwork(network, council="nowhere").number_of_nodes() == 0
