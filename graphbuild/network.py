"""The market as a network: councils, frameworks, lots, providers and contracts, for networkx.

Built from a handful of SPARQL SELECTs rather than rdflib's networkx bridge
(`rdflib.extras.external_graph_libs`): the bridge turns every triple into an
edge, so evidence, labels, literals and the reified LotMembership nodes would
all become nodes to prune again, and it needs the whole store copied into an
rdflib Graph first. The queries read only the few relations the market is
made of, straight from the pyoxigraph store, and name each edge for what it
means (a lot membership becomes one lot -> provider edge). Every query uses
DISTINCT: pyoxigraph 0.5 returns a triple held in two named graphs twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import networkx as nx
import pyoxigraph as ox

from graphbuild.store import PREFIXES, GraphStore

NODE_TYPES = ("council", "framework", "lot", "provider", "contract")
RELATIONS = {
    "buys": "council commissions the framework (inverse of ckg:buyer)",
    "hasLot": "framework has the lot (inverse of ckg:partOfFramework)",
    "member": "provider is on the lot (a ckg:LotMembership)",
    "awards": "council let the contract (inverse of ckg:buyer)",
    "supplier": "contract is supplied by the provider (ckg:supplier)",
}
HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
LABEL = "rdfs:label|skos:prefLabel"

QUERIES = {
    "framework": f"""SELECT DISTINCT ?council ?councilLabel ?framework ?frameworkLabel ?service
        WHERE {{ ?framework a ckg:Framework .
        OPTIONAL {{ ?framework ckg:buyer ?council . OPTIONAL {{ ?council {LABEL} ?councilLabel }} }}
        OPTIONAL {{ ?framework {LABEL} ?frameworkLabel }}
        OPTIONAL {{ ?framework ckg:service ?service }} }}""",
    "lot": """SELECT DISTINCT ?framework ?lot ?lotLabel WHERE {
        ?lot a ckg:Lot ; ckg:partOfFramework ?framework .
        OPTIONAL { ?lot skos:prefLabel ?lotLabel } }""",
    "member": f"""SELECT DISTINCT ?lot ?provider ?providerLabel WHERE {{
        ?m a ckg:LotMembership ; ckg:lot ?lot ; ckg:provider ?provider .
        OPTIONAL {{ ?provider {LABEL} ?providerLabel }} }}""",
    "contract": f"""SELECT DISTINCT ?council ?councilLabel ?contract ?contractLabel ?service
        ?provider ?providerLabel WHERE {{ ?contract a ckg:Contract .
        OPTIONAL {{ ?contract ckg:buyer ?council . OPTIONAL {{ ?council {LABEL} ?councilLabel }} }}
        OPTIONAL {{ ?contract {LABEL} ?contractLabel }}
        OPTIONAL {{ ?contract ckg:service ?service }}
        OPTIONAL {{ ?contract ckg:supplier ?provider .
                    OPTIONAL {{ ?provider {LABEL} ?providerLabel }} }} }}""",
    "money": """SELECT DISTINCT ?node ?kind ?amount ?period WHERE {
        VALUES ?kind { ckg:estimatedValue ckg:contractValue }
        ?node ?kind ?value . ?value ckg:amount ?amount .
        OPTIONAL { ?value ckg:period ?period } }""",
    "spend": """SELECT DISTINCT ?figure ?council ?service ?amount ?period WHERE {
        ?figure a ckg:AreaFigure ; ckg:council ?council ; ckg:spend ?value .
        ?value ckg:amount ?amount . OPTIONAL { ?figure ckg:serviceArea ?service }
        OPTIONAL { ?value ckg:period ?period } }""",
    "serviceLabel": """SELECT DISTINCT ?service ?label WHERE {
        ?service a ckg:ServiceArea ; skos:prefLabel ?label }""",
}


def rows(store: GraphStore, name: str) -> list[dict[str, str]]:
    """One of QUERIES as plain dicts of variable -> lexical value (unbound left out)."""
    result = store.query(HEADER + QUERIES[name])
    names = [v.value for v in result.variables]
    out = []
    for solution in result:
        row = {}
        for i, var in enumerate(names):
            term = solution[i]
            if isinstance(term, ox.NamedNode | ox.Literal):
                row[var] = term.value
        out.append(row)
    return out


def build_network(store: GraphStore) -> nx.MultiDiGraph:
    """The market network of the store: typed, labelled nodes and named, directed edges.

    Node attributes: label, type, iri, services (set of service-area IRIs),
    councils (set of council IRIs) and, where the graph states one, value and
    period (lot/framework estimated value, contract value, largest spend figure).
    """
    graph = nx.MultiDiGraph()
    for row in rows(store, "framework"):
        _node(graph, row["framework"], "framework", row.get("frameworkLabel"), row.get("service"))
        if "council" in row:
            _node(graph, row["council"], "council", row.get("councilLabel"), row.get("service"))
            _edge(graph, row["council"], row["framework"], "buys")
    for row in rows(store, "lot"):
        _node(graph, row["lot"], "lot", row.get("lotLabel"))
        _edge(graph, row["framework"], row["lot"], "hasLot")
    for row in rows(store, "member"):
        _node(graph, row["provider"], "provider", row.get("providerLabel"))
        _edge(graph, row["lot"], row["provider"], "member")
    _add_contracts(graph, rows(store, "contract"))
    _add_money(graph, rows(store, "money"), rows(store, "spend"))
    _spread_context(graph)
    graph.graph["serviceLabels"] = {r["service"]: r["label"] for r in rows(store, "serviceLabel")}
    return graph


def _add_contracts(graph: nx.MultiDiGraph, found: Iterable[dict[str, str]]) -> None:
    for row in found:
        _node(graph, row["contract"], "contract", row.get("contractLabel"), row.get("service"))
        if "council" in row:
            _node(graph, row["council"], "council", row.get("councilLabel"))
            _edge(graph, row["council"], row["contract"], "awards")
        if "provider" in row:
            _node(graph, row["provider"], "provider", row.get("providerLabel"))
            _edge(graph, row["contract"], row["provider"], "supplier")


def _add_money(
    graph: nx.MultiDiGraph, values: list[dict[str, str]], spend: list[dict[str, str]]
) -> None:
    """Each node's largest stated amount; councils get their largest spend figure.

    Amounts over different periods are not added up: a node keeps one stated
    figure with its period, so a reader can tell a total from an annual value.
    """
    for row in values:
        if row["node"] in graph:
            _keep_largest(graph.nodes[row["node"]], row.get("amount"), row.get("period"))
    for row in spend:
        if row["council"] in graph:
            _keep_largest(graph.nodes[row["council"]], row.get("amount"), row.get("period"))


def _keep_largest(attrs: dict, amount: str | None, period: str | None) -> None:
    value = to_float(amount)
    if value is not None and value > attrs.get("value", -1.0):
        attrs["value"] = value
        attrs["period"] = period or ""


def to_float(text: str | None) -> float | None:
    """A decimal literal as a float, or None when absent or not a number."""
    try:
        return float(Decimal(text)) if text else None
    except InvalidOperation:
        return None


def _spread_context(graph: nx.MultiDiGraph) -> None:
    """Give each node the councils and service areas it sits under (for filtering).

    A lot inherits its framework's; a provider collects those of its lots and
    contracts; a council collects those of what it commissions, but never
    hands them down (a contract with no stated service gets none).
    """
    for node, attrs in graph.nodes(data=True):
        if attrs["type"] == "council":
            attrs["councils"].add(node)
    for _ in range(3):  # council -> framework/contract -> lot -> provider
        for src, dst in graph.edges():
            graph.nodes[dst]["councils"] |= graph.nodes[src]["councils"]
            if graph.nodes[src]["type"] != "council":
                graph.nodes[dst]["services"] |= graph.nodes[src]["services"]
    for src, dst in graph.edges():
        if graph.nodes[src]["type"] == "council":
            graph.nodes[src]["services"] |= graph.nodes[dst]["services"]


def _node(graph: nx.MultiDiGraph, iri: str, kind: str, label: str | None, service=None) -> None:
    if iri not in graph:
        graph.add_node(
            iri, iri=iri, type=kind, label=label or _tail(iri), services=set(), councils=set()
        )
    elif label and graph.nodes[iri]["label"] == _tail(iri):
        graph.nodes[iri]["label"] = label
    if service:
        graph.nodes[iri]["services"].add(service)


def _edge(graph: nx.MultiDiGraph, src: str, dst: str, relation: str) -> None:
    """One edge per (src, dst, relation): the key is the relation, so repeats merge."""
    if src in graph and dst in graph:
        graph.add_edge(src, dst, key=relation, relation=relation)


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def provider_reach(graph: nx.MultiDiGraph) -> dict[str, dict[str, set[str]]]:
    """For each provider: the lots it is on and the councils it works for."""
    reach: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"lots": set(), "councils": set()})
    for node, attrs in graph.nodes(data=True):
        if attrs["type"] != "provider":
            continue
        reach[node]["councils"] |= attrs["councils"]
        for src, _dst, rel in graph.in_edges(node, keys=True):
            if rel == "member":
                reach[node]["lots"].add(src)
    return dict(reach)


def subnetwork(
    graph: nx.MultiDiGraph, council: str | None = None, framework: str | None = None
) -> nx.MultiDiGraph:
    """The part of the network under one council or one framework.

    Matched by IRI, slug or label; failing that, by a part of the label, so
    `--council devon` finds Devon County Council.
    """
    if not council and not framework:
        return graph
    kind, wanted = ("council", council) if council else ("framework", framework)
    candidates = [(n, a) for n, a in graph.nodes(data=True) if a["type"] == kind]
    roots = [n for n, a in candidates if _matches(n, a, wanted)] or [
        n for n, a in candidates if (wanted or "").strip().lower() in a["label"].lower()
    ]
    keep: set[str] = set()
    for root in roots:
        keep |= {root, *nx.descendants(graph, root)}
    return graph.subgraph(keep).copy()


def _matches(node: str, attrs: dict, wanted: str | None) -> bool:
    text = (wanted or "").strip().lower()
    return text in (node.lower(), attrs["label"].lower(), _tail(node).lower())
