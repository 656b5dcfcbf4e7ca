"""Pictures of the market network with networkx and matplotlib (Agg: no display needed).

The layout is layered, left to right (council -> framework / contract -> lot
-> provider), because that is how a commissioner reads the market and it
keeps labels from piling on top of each other. Figure height grows with the
longest column so labels stay readable at print size; on large networks only
the structural nodes and the providers in more than one place are labelled.
HTML output is a standalone page with the SVG inline: nothing is fetched.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from graphbuild.network import provider_reach  # noqa: E402

LAYER = {"council": 0, "framework": 1, "contract": 1, "lot": 2, "provider": 3}
COLOURS = {
    "council": "#1f4e79",
    "framework": "#2e7d32",
    "lot": "#8bc34a",
    "contract": "#7b1fa2",
    "provider": "#90a4ae",
}
SHARED_COLOUR = "#e65100"
LABEL_ALL_BELOW = 80
MAX_PROVIDER_LABELS = 40
FONT_SIZE = 8
ROW_INCHES = 0.26
FORMATS = ("png", "svg", "html")


def shared_providers(graph: nx.MultiDiGraph) -> set[str]:
    """Providers on more than one lot or working for more than one council."""
    return {
        p for p, r in provider_reach(graph).items() if len(r["lots"]) > 1 or len(r["councils"]) > 1
    }


def layered_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """x by layer, y spread evenly within a layer; each column grouped by council (fewer
    crossing lines), shared providers first, then by label so the picture is stable."""
    shared = shared_providers(graph)
    columns: dict[int, list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        columns.setdefault(LAYER.get(attrs["type"], 3), []).append(node)
    tallest = max((len(c) for c in columns.values()), default=1)
    positions = {}
    for layer, nodes in columns.items():
        nodes.sort(key=lambda n: _order(graph.nodes[n], n in shared))
        step = tallest / (len(nodes) + 1)
        for i, node in enumerate(nodes):
            positions[node] = (float(layer), tallest - step * (i + 1))
    return positions


def _order(attrs: dict, is_shared: bool) -> tuple:
    return (
        attrs["type"],
        min(attrs["councils"], default=""),
        not is_shared,
        attrs["label"].lower(),
    )


def draw(graph: nx.MultiDiGraph, title: str = "carekg market network") -> plt.Figure:
    """A matplotlib figure of the network, sized so every drawn label is readable."""
    shared = shared_providers(graph)
    positions = layered_positions(graph)
    tallest = max(Counter(x for x, _y in positions.values()).values(), default=1)
    height = max(6.0, min(200.0, tallest * ROW_INCHES + 1.5))
    fig, ax = plt.subplots(figsize=(16, height))
    simple = nx.DiGraph(graph)
    nx.draw_networkx_edges(
        simple, positions, ax=ax, edge_color="#b0bec5", width=0.6, arrows=False, alpha=0.7
    )
    nodes = list(graph.nodes)
    colours = [SHARED_COLOUR if n in shared else COLOURS[graph.nodes[n]["type"]] for n in nodes]
    sizes = [60 + 25 * simple.degree(n) for n in nodes]
    nx.draw_networkx_nodes(
        simple,
        positions,
        nodelist=nodes,
        node_color=colours,
        node_size=sizes,
        ax=ax,
        linewidths=0.5,
        edgecolors="white",
    )
    _labels(graph, positions, shared, ax)
    ax.set_title(title, fontsize=14, loc="left")
    ax.set_axis_off()
    ax.set_xlim(-0.3, 3.9)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.legend(handles=_legend(), loc="lower center", ncol=6, fontsize=9, frameon=False)
    return fig


def _labels(graph: nx.MultiDiGraph, positions: dict, shared: set[str], ax: plt.Axes) -> None:
    """Label everything on small networks; on large ones the non-providers and the most
    connected of the providers found in more than one place (at most MAX_PROVIDER_LABELS)."""
    named = set(graph.nodes)
    if graph.number_of_nodes() > LABEL_ALL_BELOW:
        top = sorted(shared, key=lambda n: (-graph.degree(n), graph.nodes[n]["label"]))
        named = {n for n, a in graph.nodes(data=True) if a["type"] != "provider"}
        named |= set(top[:MAX_PROVIDER_LABELS])
    for node in named:
        label = graph.nodes[node]["label"]
        x, y = positions[node]
        text = label if len(label) <= 48 else label[:46] + "…"
        ax.text(
            x + 0.04,
            y,
            text,
            fontsize=FONT_SIZE,
            va="center",
            ha="left",
            color="#212121",
            weight="bold" if node in shared else "normal",
        )


def _legend() -> list[Line2D]:
    items = [(kind, colour) for kind, colour in COLOURS.items()]
    items.append(("provider on >1 lot or council", SHARED_COLOUR))
    return [
        Line2D(
            [0],
            [0],
            marker="o",
            linestyle="",
            markerfacecolor=c,
            markeredgecolor=c,
            markersize=8,
            label=k,
        )
        for k, c in items
    ]


def save(graph: nx.MultiDiGraph, output: Path, title: str = "carekg market network") -> str:
    """Draw the network to output (.png, .svg or .html); returns the format written."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{output}: use a .png, .svg or .html file name")
    fig = draw(graph, title)
    try:
        if fmt == "html":
            output.write_text(standalone_html(fig, title), encoding="utf-8")
        else:
            fig.savefig(output, format=fmt, dpi=150)
    finally:
        plt.close(fig)
    return fmt


def standalone_html(fig: plt.Figure, title: str) -> str:
    """One self-contained HTML page with the figure as inline SVG (no script, no fetch)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;margin:1rem}}"
        "svg{max-width:100%;height:auto}</style></head>\n<body>"
        f"<h1>{html.escape(title)}</h1>\n{svg}\n</body></html>\n"
    )
