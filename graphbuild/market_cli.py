"""`carekg analyse` and `carekg viz`: thin commands over graphbuild.analysis and graphbuild.viz.

Kept out of graphbuild/cli.py so that file stays small; cli.py registers them
at its end. matplotlib is imported only by `viz`, so other commands start fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from graphbuild.analysis import Analysis, analyse_store
from graphbuild.cli import _open_existing, _stdout_console, store_option
from graphbuild.errors import CarekgError


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Readable tables, or the same figures as JSON.",
)
@click.option(
    "--top",
    default=15,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="How many providers to list by centrality.",
)
@store_option
@click.pass_context
def analyse(ctx: click.Context, fmt: str, top: int, store_dir: Path | None) -> None:
    """Analyse the market network: overlaps, centrality, concentration (HHI), components.

    HHI is computed only from stated contract values that each name one
    supplier over one period; otherwise the table says why it is missing.
    """
    with _open_existing(ctx, store_dir) as store:
        result = analyse_store(store, top)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    print_analysis(result, _stdout_console())


def print_analysis(result: Analysis, console: Console) -> None:
    """The analysis as rich tables, one per question."""
    console.print(f"Market network: {result.nodes} nodes, {result.edges} edges")
    if result.betweenness_sampled_from:
        console.print(
            f"(betweenness estimated from {result.betweenness_sampled_from} sampled "
            "nodes: the network is large)"
        )
    for title, overlaps in (
        ("Providers on more than one lot of a framework", result.lot_overlaps),
        ("Providers working for more than one council", result.council_overlaps),
    ):
        table = Table("provider", "on", title=f"{title} ({len(overlaps)})", title_justify="left")
        for row in overlaps:
            table.add_row(row.label, "; ".join(row.where_labels))
        console.print(table if overlaps else f"{title}: none")
    table = Table(
        "provider", "degree", "betweenness", title="Most central providers", title_justify="left"
    )
    for c in result.centrality:
        table.add_row(c.label, str(c.degree), f"{c.betweenness:.4f}")
    console.print(table)
    table = Table(
        "council",
        "service",
        "providers",
        "contracts (valued)",
        "HHI",
        "note",
        title="Market concentration",
        title_justify="left",
    )
    for r in result.concentration:
        hhi = "—" if r.hhi is None else f"{r.hhi:,.0f}"
        table.add_row(
            r.council_label,
            r.service_label,
            str(r.providers),
            f"{r.contracts} ({r.valued_contracts})",
            hhi,
            r.hhi_note,
        )
    console.print(table)
    table = Table(
        "size", "providers", "councils", title="Connected components", title_justify="left"
    )
    for comp in result.components:
        table.add_row(str(comp.size), str(comp.providers), ", ".join(comp.councils) or "—")
    console.print(table)


@click.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Picture to write: .png, .svg or .html (standalone, inline SVG).",
)
@click.option("--council", default=None, help="Draw only this council's part (name or IRI).")
@click.option("--framework", default=None, help="Draw only this framework's part (name or IRI).")
@store_option
@click.pass_context
def viz(
    ctx: click.Context,
    output: Path,
    council: str | None,
    framework: str | None,
    store_dir: Path | None,
) -> None:
    """Draw the market network (or one council's or framework's part) to a file."""
    from graphbuild.network import build_network, subnetwork
    from graphbuild.viz import FORMATS, save

    if output.suffix.lower().lstrip(".") not in FORMATS:
        raise click.BadParameter("use a .png, .svg or .html file name", param_hint="-o")
    if council and framework:
        raise click.UsageError("give --council or --framework, not both")
    with _open_existing(ctx, store_dir) as store:
        graph = subnetwork(build_network(store), council, framework)
    if graph.number_of_nodes() == 0:
        raise CarekgError(f"viz: nothing matches {council or framework!r}")
    title = f"carekg market: {council or framework or 'all councils'}"
    save(graph, output, title)
    click.echo(f"Wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
