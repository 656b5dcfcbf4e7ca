"""The `carekg` command: thin click commands over the graphbuild library.

User mistakes (bad paths, bad queries, a missing or locked store) end as one
line `error: ...` on stderr and a non-zero exit, never a traceback; the
mapping from problem to exit code lives on the error classes.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from graphbuild.errors import CarekgError, QueryError, StoreError, one_line
from graphbuild.network_export import EXTRA_FORMATS, export_extra
from graphbuild.results import render
from graphbuild.store import (
    EXPORT_FORMATS,
    ONTOLOGY_GRAPH,
    PREFIXES,
    STORE_ENV,
    GraphStore,
    default_store,
)

STATS_CLASSES = (
    "Framework",
    "Lot",
    "LotMembership",
    "Provider",
    "Contract",
    "Statistic",
    "UnitPrice",
    "Refusal",
    "AreaFigure",
    "ExtractionWarning",
)
SUFFIX_FORMATS = {
    ".ttl": "ttl",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".graphml": "graphml",
    ".gexf": "gexf",
}


class CarekgGroup(click.Group):
    """A click group whose every failure a user can cause is one line on stderr."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        logging.getLogger("rdflib").setLevel(logging.ERROR)  # ill-typed literals log tracebacks
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.ClickException as exc:
            code = _fail(f"{exc.format_message()} (see carekg --help)", exc.exit_code)
        except click.Abort:
            code = _fail("aborted", 1)
        except CarekgError as exc:
            code = _fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            code = 1  # the reader (e.g. `head`) went away; nothing useful to say
        except OSError as exc:
            code = _fail(_os_message(exc), 1)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _fail(message: str, code: int) -> int:
    click.echo(f"error: {one_line(message, 500)}", err=True)
    return code


def _os_message(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"


store_option = click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Store folder (default: ${STORE_ENV}, else ./carekg-store).",
)


@click.group(cls=CarekgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@store_option
@click.version_option(package_name="carekg")
@click.pass_context
def cli(ctx: click.Context, store_dir: Path | None) -> None:
    """Turn UK council FOI responses into an evidenced RDF knowledge graph.

    Every command takes --store DIR (before or after the command name).
    """
    ctx.obj = {"store": store_dir}


def _store_path(ctx: click.Context, store_dir: Path | None) -> Path:
    """The command's --store, else the group's, else $CAREKG_STORE / ./carekg-store."""
    return store_dir or (ctx.obj or {}).get("store") or default_store()


def _open_existing(ctx: click.Context, store_dir: Path | None) -> GraphStore:
    """Open read-only: looking at a store must never create an empty one."""
    return GraphStore.open(_store_path(ctx, store_dir), read_only=True)


# --- validate --------------------------------------------------------------


@cli.command()
@store_option
@click.pass_context
def validate(ctx: click.Context, store_dir: Path | None) -> None:
    """Check the stored graph against the SHACL shapes; exit 1 on any violation."""
    try:
        from graphbuild.validate import validate_store
    except ModuleNotFoundError as exc:
        if exc.name != "graphbuild.validate":
            raise
        raise CarekgError("validate: graphbuild.validate is not installed") from None
    with _open_existing(ctx, store_dir) as store:
        report = validate_store(store)
    for line in report.lines:
        click.echo(line)
    verdict = "conforms" if report.conforms else "does not conform"
    click.echo(f"Graph {verdict}: {report.violations} violations, {report.warnings} warnings")
    if report.violations or not report.conforms:
        ctx.exit(1)


# --- query -----------------------------------------------------------------


@cli.command()
@click.argument("sparql", required=False)
@click.option(
    "--file",
    "-f",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from this file instead of the argument.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="How to print SELECT rows.",
)
@store_option
@click.pass_context
def query(
    ctx: click.Context,
    sparql: str | None,
    query_file: Path | None,
    fmt: str,
    store_dir: Path | None,
) -> None:
    """Run a SPARQL query over all graphs (the union) and print the answer.

    SELECT rows print as a table, or as csv (RFC 4180, header row), tsv or
    json, with IRIs as the IRI and literals as their lexical value; unbound
    cells are empty (null in json). ASK prints true or false. CONSTRUCT and
    DESCRIBE print Turtle (table) or N-Triples (other formats). A malformed
    query exits 2.
    """
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give a SPARQL query or --file FILE, not both or neither")
    label = str(query_file) if query_file else "argument"
    text = _read_query(query_file) if query_file else sparql
    with _open_existing(ctx, store_dir) as store:
        try:
            result = store.query(text)
            output = render(result, fmt)
        except QueryError as exc:
            raise QueryError(f"query {label}: {exc}") from None
        except (OSError, ValueError, RuntimeError) as exc:  # raised while iterating results
            raise QueryError(f"query {label}: {one_line(exc)}") from None
    if isinstance(output, Table):
        _stdout_console().print(output)
    else:
        click.echo(output, nl=False)


def _read_query(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise QueryError(f"query {path}: not UTF-8 text") from None


def _stdout_console() -> Console:
    """A console for tables; wide when piped so cells do not wrap mid-IRI."""
    console = Console()
    return console if console.is_terminal else Console(width=200)


# --- export ----------------------------------------------------------------


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*EXPORT_FORMATS, *EXTRA_FORMATS]),
    default=None,
    help="nq/trig keep one graph per document; ttl/nt/jsonld/xml write the union (jsonld "
    "compacted with the published context); graphml/gexf write the market network; cq-csv "
    "writes one CSV per competency question into -o FOLDER. Default: from the -o suffix, "
    "else trig.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None)
@store_option
@click.pass_context
def export(
    ctx: click.Context, fmt: str | None, output: Path | None, store_dir: Path | None
) -> None:
    """Write the whole store as RDF, or its market network, to stdout or -o FILE.

    A file is replaced only when complete; cq-csv writes into -o FOLDER.
    """
    fmt = fmt or SUFFIX_FORMATS.get(output.suffix.lower() if output else "", "trig")
    with _open_existing(ctx, store_dir) as store:
        if fmt in (*EXTRA_FORMATS, "jsonld"):
            stdout = click.get_binary_stream("stdout")
            if message := export_extra(store, fmt, output, stdout):
                click.echo(message)
            return
        if output is None:
            store.export(fmt, click.get_binary_stream("stdout"))
            return
        _export_to_file(store, fmt, output)


def _export_to_file(store: GraphStore, fmt: str, output: Path) -> None:
    """Write beside the target, then rename, so a failed export never truncates a file."""
    folder = output.parent
    if not folder.is_dir():
        raise CarekgError(f"export: folder {folder} does not exist")
    handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            store.export(fmt, out)
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- stats -----------------------------------------------------------------


@cli.command()
@store_option
@click.pass_context
def stats(ctx: click.Context, store_dir: Path | None) -> None:
    """Count documents (named graphs), triples, and nodes of each main class."""
    with _open_existing(ctx, store_dir) as store:
        graphs = store.named_graphs()
        counts = _class_counts(store)
        table = Table("what", "count")
        table.add_row("documents", str(len([g for g in graphs if g != ONTOLOGY_GRAPH])))
        table.add_row("triples", str(store.triple_count()))
    for name in STATS_CLASSES:
        table.add_row(f"ckg:{name}", str(counts.get(name, 0)))
    click.echo(f"Store: {store.path}")
    _stdout_console().print(table)


def _class_counts(store: GraphStore) -> dict[str, int]:
    """Distinct nodes typed with each class in STATS_CLASSES, in one query."""
    ckg = PREFIXES["ckg"]
    values = " ".join(f"<{ckg}{name}>" for name in STATS_CLASSES)
    sparql = (
        f"SELECT ?class (COUNT(DISTINCT ?node) AS ?n) WHERE {{ VALUES ?class {{ {values} }} "
        "?node a ?class } GROUP BY ?class"
    )
    try:
        rows = list(store.query(sparql))
    except (QueryError, OSError) as exc:
        raise StoreError(f"stats: cannot count classes: {exc}") from None
    return {row["class"].value[len(ckg) :]: int(row["n"].value) for row in rows}


main = cli


# --- build, eval, analyse and viz: in build_cli.py, eval_cli.py, market_cli.py ---

from graphbuild.build_cli import build  # noqa: E402  (they import this module's helpers)
from graphbuild.eval_cli import eval_command  # noqa: E402
from graphbuild.market_cli import analyse, viz  # noqa: E402

cli.add_command(build)
cli.add_command(eval_command)
cli.add_command(analyse)
cli.add_command(viz)
