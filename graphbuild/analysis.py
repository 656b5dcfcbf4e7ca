"""Market analysis of the network: overlaps, centrality, concentration, components.

The figures answer a commissioner's questions: which providers sit on more
than one lot or work for more than one council, who is central, how
concentrated each council's market for a service is, and which parts of the
market are separate. Concentration (HHI) is computed only from stated
contract values attributable to one provider: shares are never invented and
no equal-share assumption is made, so when a value is missing the result
says why instead of giving a number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graphbuild.network import build_network, provider_reach
from graphbuild.store import GraphStore

TOP_CENTRAL = 15
EXACT_BETWEENNESS_UP_TO = 1000
"""Above this many nodes betweenness is estimated from BETWEENNESS_SAMPLES source nodes."""
BETWEENNESS_SAMPLES = 300


@dataclass
class Overlap:
    """A provider found in more than one place: lots of one framework, or councils."""

    provider: str
    label: str
    where: list[str]
    where_labels: list[str]


@dataclass
class Centrality:
    """A provider's place in the undirected council-framework-lot-provider-contract network."""

    provider: str
    label: str
    degree: int
    betweenness: float


@dataclass
class Concentration:
    """One council's market for one service: providers, and HHI when shares are known."""

    council: str
    council_label: str
    service: str
    service_label: str
    providers: int
    contracts: int
    valued_contracts: int
    hhi: float | None = None
    hhi_note: str = ""


@dataclass
class Component:
    """A connected part of the market (undirected)."""

    size: int
    councils: list[str]
    providers: int


@dataclass
class Analysis:
    """Everything `carekg analyse` and /api/analysis report."""

    nodes: int
    edges: int
    betweenness_sampled_from: int | None = None
    lot_overlaps: list[Overlap] = field(default_factory=list)
    council_overlaps: list[Overlap] = field(default_factory=list)
    centrality: list[Centrality] = field(default_factory=list)
    concentration: list[Concentration] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def analyse_store(store: GraphStore, top: int = TOP_CENTRAL) -> Analysis:
    """Build the network from the store and analyse it."""
    return analyse(build_network(store), top)


def analyse(graph: nx.MultiDiGraph, top: int = TOP_CENTRAL) -> Analysis:
    """All the figures for one network."""
    n = graph.number_of_nodes()
    return Analysis(
        nodes=n,
        edges=graph.number_of_edges(),
        betweenness_sampled_from=None
        if n <= EXACT_BETWEENNESS_UP_TO
        else min(BETWEENNESS_SAMPLES, n),
        lot_overlaps=lot_overlaps(graph),
        council_overlaps=council_overlaps(graph),
        centrality=centrality(graph, top),
        concentration=concentration(graph),
        components=components(graph),
    )


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node]["label"]


def lot_overlaps(graph: nx.MultiDiGraph) -> list[Overlap]:
    """Providers on more than one lot of the same framework, framework by framework."""
    found = []
    for provider, reach in sorted(provider_reach(graph).items()):
        by_framework: dict[str, list[str]] = defaultdict(list)
        for lot in reach["lots"]:
            for framework in graph.predecessors(lot):
                by_framework[framework].append(lot)
        for lots in by_framework.values():
            if len(lots) > 1:
                lots = sorted(lots, key=lambda n: _label(graph, n))
                found.append(
                    Overlap(
                        provider, _label(graph, provider), lots, [_label(graph, n) for n in lots]
                    )
                )
    return sorted(found, key=lambda o: o.label.lower())


def council_overlaps(graph: nx.MultiDiGraph) -> list[Overlap]:
    """Providers attached (by lot or contract) to more than one council."""
    found = []
    for provider, reach in provider_reach(graph).items():
        if len(reach["councils"]) > 1:
            councils = sorted(reach["councils"], key=lambda n: _label(graph, n))
            found.append(
                Overlap(
                    provider,
                    _label(graph, provider),
                    councils,
                    [_label(graph, n) for n in councils],
                )
            )
    return sorted(found, key=lambda o: o.label.lower())


def centrality(graph: nx.MultiDiGraph, top: int = TOP_CENTRAL) -> list[Centrality]:
    """Providers by betweenness, then degree, in the undirected simple network.

    Undirected because a provider links two councils whichever way the edges
    point; simple because two relations between the same pair are one tie.
    Exact betweenness costs nodes x edges, so large networks get networkx's
    estimate from a fixed, seeded sample of sources (repeatable run to run).
    """
    simple = nx.Graph(graph.to_undirected())
    k = None if len(simple) <= EXACT_BETWEENNESS_UP_TO else min(BETWEENNESS_SAMPLES, len(simple))
    between = nx.betweenness_centrality(simple, k=k, normalized=True, seed=0)
    providers = [n for n, a in graph.nodes(data=True) if a["type"] == "provider"]
    ranked = [
        Centrality(n, _label(graph, n), simple.degree(n), round(between.get(n, 0.0), 6))
        for n in providers
    ]
    ranked.sort(key=lambda c: (-c.betweenness, -c.degree, c.label.lower()))
    return ranked[:top]


def concentration(graph: nx.MultiDiGraph) -> list[Concentration]:
    """Per council and service area: provider count, and HHI from contract values if known."""
    groups: dict[tuple[str, str], dict[str, set]] = defaultdict(
        lambda: {"providers": set(), "contracts": set()}
    )
    for node, attrs in graph.nodes(data=True):
        if attrs["type"] in ("lot", "contract"):
            providers = {
                d for _s, d in graph.out_edges(node) if graph.nodes[d]["type"] == "provider"
            }
            for council in attrs["councils"]:
                for service in attrs["services"] or {""}:
                    groups[(council, service)]["providers"] |= providers
                    if attrs["type"] == "contract":
                        groups[(council, service)]["contracts"].add(node)
    labels = graph.graph.get("serviceLabels", {})
    out = [
        _concentration(graph, c, s, g, labels.get(s, s or "(no service area stated)"))
        for (c, s), g in groups.items()
    ]
    return sorted(out, key=lambda r: (r.council_label.lower(), r.service_label.lower()))


def _concentration(
    graph: nx.MultiDiGraph, council: str, service: str, group: dict[str, set], service_label: str
) -> Concentration:
    contracts = sorted(group["contracts"])
    valued = [c for c in contracts if "value" in graph.nodes[c]]
    row = Concentration(
        council,
        _label(graph, council),
        service,
        service_label,
        len(group["providers"]),
        len(contracts),
        len(valued),
    )
    row.hhi, row.hhi_note = hhi(graph, contracts)
    return row


def hhi(graph: nx.MultiDiGraph, contracts: list[str]) -> tuple[float | None, str]:
    """The Herfindahl-Hirschman index (0-10,000) of contract value by provider, or why not.

    Computed only when every contract states a value over the same period and
    names exactly one supplier; otherwise the shares are unknown and None is
    returned with the reason (a value is never split or guessed).
    """
    if not contracts:
        return None, "no contracts: providers on framework lots have no stated shares"
    missing = [c for c in contracts if "value" not in graph.nodes[c]]
    if missing:
        return None, f"{len(missing)} of {len(contracts)} contracts state no value"
    shared = [c for c in contracts if _suppliers(graph, c) != 1]
    if shared:
        return None, f"{len(shared)} contracts do not name exactly one supplier"
    periods = {graph.nodes[c].get("period", "") for c in contracts}
    if len(periods) > 1:
        return None, f"values are over different periods ({', '.join(sorted(periods))})"
    by_provider: dict[str, float] = defaultdict(float)
    for contract in contracts:
        (provider,) = graph.successors(contract)
        by_provider[provider] += graph.nodes[contract]["value"]
    total = sum(by_provider.values())
    if total <= 0:
        return None, "contract values add up to zero"
    index = sum((100 * v / total) ** 2 for v in by_provider.values())
    period = periods.pop() or "unstated period"
    noun = "value" if len(contracts) == 1 else "values"
    return round(index, 1), f"from {len(contracts)} contract {noun} ({period})"


def _suppliers(graph: nx.MultiDiGraph, contract: str) -> int:
    return sum(1 for d in graph.successors(contract) if graph.nodes[d]["type"] == "provider")


def components(graph: nx.MultiDiGraph) -> list[Component]:
    """Weakly connected components, largest first, with their councils."""
    out = []
    for nodes in nx.weakly_connected_components(graph):
        kinds = [graph.nodes[n]["type"] for n in nodes]
        councils = sorted(_label(graph, n) for n in nodes if graph.nodes[n]["type"] == "council")
        out.append(Component(len(nodes), councils, kinds.count("provider")))
    return sorted(out, key=lambda c: (-c.size, c.councils))
