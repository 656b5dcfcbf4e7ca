"""Pictures stay readable: figure height grows with the longest column, and large networks
label only the structural nodes and the providers found in more than one place."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx

from graphbuild.viz import LABEL_ALL_BELOW, MAX_PROVIDER_LABELS, draw, layered_positions


def big_market(providers: int, on_both: int = 5) -> nx.MultiDiGraph:
    """One council, one framework with two lots; provider i is on lot 1, and on lot 2 if
    i < on_both."""
    g = nx.MultiDiGraph()

    def node(iri: str, kind: str) -> None:
        g.add_node(iri, type=kind, label=iri, iri=iri, councils={"c"}, services=set())

    node("c", "council")
    node("f", "framework")
    g.add_edge("c", "f", key="buys")
    for lot in ("l1", "l2"):
        node(lot, "lot")
        g.add_edge("f", lot, key="hasLot")
    for i in range(providers):
        node(f"p{i}", "provider")
        g.add_edge("l1", f"p{i}", key="member")
        if i < on_both:
            g.add_edge("l2", f"p{i}", key="member")
    return g


def drawn_labels(graph: nx.MultiDiGraph) -> tuple[set[str], float]:
    fig = draw(graph)
    try:
        texts = {t.get_text() for t in fig.axes[0].texts}
        return texts, fig.get_size_inches()[1]
    finally:
        plt.close(fig)


def test_small_networks_label_every_node() -> None:
    graph = big_market(10)
    texts, _height = drawn_labels(graph)
    assert texts == set(graph.nodes)


def test_large_networks_label_only_important_nodes_and_grow_taller() -> None:
    graph = big_market(LABEL_ALL_BELOW + 40)
    texts, height = drawn_labels(graph)
    assert texts == {"c", "f", "l1", "l2", "p0", "p1", "p2", "p3", "p4"}
    assert height > drawn_labels(big_market(10))[1]


def test_layers_run_left_to_right_in_the_order_money_flows() -> None:
    x = {n: p[0] for n, p in layered_positions(big_market(3)).items()}
    assert x["c"] < x["f"] < x["l1"] < x["p0"]


def test_provider_labels_are_capped_on_large_networks() -> None:
    texts, _height = drawn_labels(
        big_market(LABEL_ALL_BELOW + 40, on_both=MAX_PROVIDER_LABELS + 10)
    )
    assert len([t for t in texts if t.startswith("p")]) == MAX_PROVIDER_LABELS
