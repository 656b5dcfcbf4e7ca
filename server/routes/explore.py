"""Blueprint: the market explorer. /explore draws the network with Cytoscape.js; /api/network
and /api/analysis serve the network and its analysis as JSON.

The network is built once per app from the read-only store (it cannot change
under a running server) and kept in app.extensions, so drawing and
filtering cost the server nothing after the first request. Cytoscape.js is
served from server/static/vendor/cytoscape (copied from node_modules by
`make assets`), never from a CDN.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import networkx as nx
from flask import Blueprint, Response, current_app, jsonify, render_template

from graphbuild.analysis import analyse
from graphbuild.network import NODE_TYPES, RELATIONS, build_network, provider_reach
from server.resources import store
from server.routes.pages import iri_to_path

bp = Blueprint("explore", __name__)

NETWORK_KEY = "carekg.network"
ANALYSIS_KEY = "carekg.analysis"
NETWORK_BODY_KEY = "carekg.network.json"
VENDOR_FILE = "vendor/cytoscape/cytoscape.min.js"
_lock = threading.Lock()


def network() -> nx.MultiDiGraph:
    """The store's market network, built on first use and then shared by all requests."""
    graph = current_app.extensions.get(NETWORK_KEY)
    if graph is None:
        with _lock:
            graph = current_app.extensions.get(NETWORK_KEY)
            if graph is None:
                graph = build_network(store())
                current_app.extensions[NETWORK_KEY] = graph
    return graph


def network_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes and edges as the explorer draws them, with what its filters need.

    `shared` marks providers on more than one lot or working for more than
    one council: the explorer highlights them.
    """
    reach = provider_reach(graph)
    undirected_degree = dict(nx.Graph(graph.to_undirected()).degree())
    nodes = []
    for node, attrs in graph.nodes(data=True):
        lots = len(reach.get(node, {}).get("lots", ()))
        councils = sorted(attrs["councils"])
        nodes.append(
            {
                "id": node,
                "label": attrs["label"],
                "type": attrs["type"],
                "href": iri_to_path(node) or node,
                "degree": undirected_degree.get(node, 0),
                "value": attrs.get("value"),
                "period": attrs.get("period"),
                "services": sorted(attrs["services"]),
                "councils": councils,
                "lots": lots,
                "shared": attrs["type"] == "provider" and (lots > 1 or len(councils) > 1),
            }
        )
    edges = [{"source": s, "target": t, "relation": r} for s, t, r in graph.edges(keys=True)]
    labels = graph.graph.get("serviceLabels", {})
    services = sorted({s for n in nodes for s in n["services"]})
    return {
        "nodes": nodes,
        "edges": edges,
        "councils": sorted(
            ({"id": n["id"], "label": n["label"]} for n in nodes if n["type"] == "council"),
            key=lambda c: c["label"].lower(),
        ),
        "services": sorted(
            ({"id": s, "label": labels.get(s, s.rsplit("/", 1)[-1])} for s in services),
            key=lambda c: c["label"].lower(),
        ),
        "types": list(NODE_TYPES),
        "relations": RELATIONS,
    }


@bp.route("/api/network")
def api_network() -> Response:
    """The network as JSON, serialised once per app (a few MB at national scale)."""
    body = current_app.extensions.get(NETWORK_BODY_KEY)
    if body is None:
        body = json.dumps(network_json(network()), ensure_ascii=False).encode("utf-8")
        current_app.extensions[NETWORK_BODY_KEY] = body
    return Response(body, mimetype="application/json")


@bp.route("/api/analysis")
def api_analysis() -> Response:
    """The figures `carekg analyse --format json` prints, for the same store."""
    figures = current_app.extensions.get(ANALYSIS_KEY)
    if figures is None:
        figures = analyse(network()).to_dict()
        current_app.extensions[ANALYSIS_KEY] = figures
    return jsonify(figures)


@bp.route("/explore")
def explore() -> str:
    static = Path(current_app.static_folder or "")
    missing = [] if (static / VENDOR_FILE).is_file() else [VENDOR_FILE]
    return render_template("explore.html", missing=missing, types=NODE_TYPES)
