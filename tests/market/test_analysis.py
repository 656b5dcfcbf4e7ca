"""Market analysis: overlaps, centrality, components, and HHI only from known shares."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graphbuild.analysis import analyse, concentration, hhi
from tests.market.conftest import ON_BOTH_LOTS


def market(contracts: dict[str, tuple[list[str], float | None, str]]) -> nx.MultiDiGraph:
    """A one-council market: contract -> (suppliers, value or None, period)."""
    g = nx.MultiDiGraph()
    council = "c"
    g.add_node(
        council, type="council", label="Council", iri=council, councils={council}, services={"s"}
    )
    for name, (suppliers, value, period) in contracts.items():
        attrs = {"value": value, "period": period} if value is not None else {}
        g.add_node(
            name, type="contract", label=name, iri=name, councils={council}, services={"s"}, **attrs
        )
        g.add_edge(council, name, key="awards")
        for p in suppliers:
            g.add_node(p, type="provider", label=p, iri=p, councils={council}, services={"s"})
            g.add_edge(name, p, key="supplier")
    return g


def test_hhi_from_stated_values_per_provider() -> None:
    g = market(
        {"k1": (["a"], 75.0, "annual"), "k2": (["b"], 20.0, "annual"), "k3": (["b"], 5.0, "annual")}
    )
    value, note = hhi(g, ["k1", "k2", "k3"])
    assert value == pytest.approx(75**2 + 25**2)
    assert "3 contract values (annual)" in note


@pytest.mark.parametrize(
    ("contracts", "reason"),
    [
        (
            {"k1": (["a"], 10.0, "annual"), "k2": (["b"], None, "")},
            "1 of 2 contracts state no value",
        ),
        ({"k1": (["a", "b"], 10.0, "annual")}, "do not name exactly one supplier"),
        ({"k1": ([], 10.0, "annual")}, "do not name exactly one supplier"),
        ({"k1": (["a"], 10.0, "annual"), "k2": (["b"], 10.0, "total")}, "different periods"),
    ],
)
def test_hhi_is_not_computed_when_shares_are_unknown(contracts, reason: str) -> None:
    value, note = hhi(market(contracts), sorted(contracts))
    assert value is None
    assert reason in note


def test_framework_only_markets_get_a_count_and_no_hhi(network) -> None:
    rows = {r.service_label: r for r in concentration(network)}
    dom = rows["domiciliary care"]
    assert dom.providers == 19 and dom.contracts == 0
    assert dom.hhi is None and "no contracts" in dom.hhi_note


def test_overlaps_centrality_and_components_of_the_samples(network) -> None:
    result = analyse(network)
    assert {o.label for o in result.lot_overlaps} == ON_BOTH_LOTS
    assert all(o.where_labels == ["Lot 1", "Lot 2"] for o in result.lot_overlaps)
    assert result.council_overlaps == []
    assert {c.label for c in result.centrality[:9]} == ON_BOTH_LOTS
    assert all(c.degree == 2 and c.betweenness > 0 for c in result.centrality[:9])
    assert [(c.size, c.providers) for c in result.components] == [(27, 21)]
    json.dumps(result.to_dict())  # serialisable as is


def test_council_overlap_needs_two_councils() -> None:
    g = market({"k1": (["a"], 1.0, "annual")})
    g.add_node("d", type="council", label="Other", iri="d", councils={"d"}, services=set())
    g.nodes["a"]["councils"] = {"c", "d"}
    result = analyse(g)
    assert [(o.label, o.where_labels) for o in result.council_overlaps] == [
        ("a", ["Council", "Other"])
    ]


def test_large_networks_get_a_seeded_betweenness_estimate(network, monkeypatch) -> None:
    import graphbuild.analysis as analysis

    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_UP_TO", 10)
    monkeypatch.setattr(analysis, "BETWEENNESS_SAMPLES", 12)
    first, again = analyse(network), analyse(network)
    assert first.betweenness_sampled_from == 12
    assert first.centrality == again.centrality  # the sample is seeded: repeatable
