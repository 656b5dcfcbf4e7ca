"""`carekg build`: documents in, one named graph each into the store.

The biggest command, with a batch's own bookkeeping (progress bar, summary,
one failed document not sinking the rest), so it is kept out of
graphbuild/cli.py; cli.py registers it at its end. The pipeline itself is
imported late, so the other commands work without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from graphbuild.batch import with_batch_context
from graphbuild.cli import _store_path, store_option
from graphbuild.errors import CarekgError, one_line
from graphbuild.identity import DEFAULT_BASE
from graphbuild.resources import examples_dir
from graphbuild.store import GraphStore, load_ontology

BASE_ENV = "CAREKG_BASE"
DEBUG_ENV = "CAREKG_DEBUG"


@dataclass
class BuildSummary:
    """What a build did, for the closing line and the exit code."""

    documents: int = 0
    facts: int = 0
    triples: int = 0
    warnings: int = 0
    failures: int = 0
    graphs: dict[str, Path] = field(default_factory=dict)  # graph IRI -> the file that made it


def _check_base(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    if not value.startswith(("http://", "https://")) or value[-1] not in "/#":
        raise click.BadParameter(f"{value!r} must be an http(s) IRI ending in '/' or '#'")
    return value


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--base",
    envvar=BASE_ENV,
    default=DEFAULT_BASE,
    show_default=True,
    callback=_check_base,
    help=f"IRI prefix for minted data IRIs (env ${BASE_ENV}).",
)
@store_option
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], base: str, store_dir: Path | None) -> None:
    """Build the graph from documents into the store.

    PATHS are files or folders (searched recursively, hidden files skipped);
    with none, the bundled Leicester samples are built. Each document replaces
    its own named graph, so rebuilding a document never duplicates it. A bad
    document prints one `error:` line and the build goes on; the exit code is
    1 if any document failed (the good ones are still stored), else 0.
    """
    files = sorted({p.resolve(): p for p in _document_files(paths or (examples_dir(),))}.values())
    if not files:
        raise CarekgError(f"build: no documents found in {', '.join(map(str, paths))}")
    summary = BuildSummary()
    with GraphStore.open(_store_path(ctx, store_dir)) as store:
        process = with_batch_context(_processor(), files, store)
        _load_ontology(store, summary)
        for path in _progress(files):
            _build_one(store, process, path, base, summary)
        stored = store.named_graphs()
    click.echo(
        f"Built {summary.documents} of {len(files)} documents "
        f"({len(stored)} graphs in store): {summary.facts} facts, {summary.triples} triples, "
        f"{summary.warnings} warnings, {summary.failures} failures"
    )
    if summary.failures:
        ctx.exit(1)


def _processor() -> Callable[[Path, str], Any]:
    """The pipeline entry point, imported late so the other commands work without it."""
    try:
        from graphbuild.pipeline import process_document
    except ModuleNotFoundError as exc:
        if exc.name != "graphbuild.pipeline":
            raise
        raise CarekgError("build: graphbuild.pipeline is not installed") from None
    return process_document


def _document_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, plus every non-hidden file under folders named."""
    for path in paths:
        if path.is_dir():
            for found in path.rglob("*"):
                hidden = any(p.startswith(".") for p in found.relative_to(path).parts)
                if found.is_file() and not hidden:
                    yield found
        else:
            yield path


def _progress(files: list[Path]) -> Iterator[Path]:
    """Yield files while drawing a progress bar on stderr, only if it is a terminal."""
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task("building", total=len(files))
        for path in files:
            bar.update(task, description=path.name)
            yield path
            bar.advance(task)


def _load_ontology(store: GraphStore, summary: BuildSummary) -> None:
    try:
        load_ontology(store)
    except CarekgError as exc:
        click.echo(f"error: {exc}", err=True)
        summary.failures += 1


def _build_one(
    store: GraphStore, process: Callable[[Path, str], Any], path: Path, base: str, s: BuildSummary
) -> None:
    """Process and store one document; count, rather than raise, its failure."""
    try:
        doc = process(path, base)
        if doc.graph_iri in s.graphs:  # IRIs come from file names: same name, same graph
            other = s.graphs[doc.graph_iri]
            raise CarekgError(f"{path}: same document IRI as {other}; rename one of them")
        store.replace_graph(doc.graph_iri, doc.graph)
        s.graphs[doc.graph_iri] = path
    except CarekgError as exc:
        message = str(exc)
        if not message.startswith((path.name, str(path))):
            message = f"{path}: {message}"
        click.echo(f"error: {one_line(message, 500)}", err=True)
        s.failures += 1
        return
    except Exception as exc:  # a bug in an extractor must not sink the whole batch
        if os.environ.get(DEBUG_ENV):
            raise
        reason = one_line(f"{type(exc).__name__}: {exc}")
        click.echo(f"error: {path}: internal error ({reason}); set {DEBUG_ENV}=1", err=True)
        s.failures += 1
        return
    s.documents += 1
    s.facts += doc.facts
    s.triples += len(doc.graph)
    s.warnings += doc.warnings
