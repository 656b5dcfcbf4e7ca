"""Exports for tools outside RDF: GraphML and GEXF (Gephi, Cytoscape desktop), one CSV per
competency question, and JSON-LD compacted with the published context.

GraphML and GEXF hold only flat attributes, so each node carries label, type
and iri (plus value/period/services/councils as text where known) and each
edge its relation; sets are joined with "|". JSON-LD is compacted with
ontology/context.jsonld, the same context the server publishes at
/context.jsonld, so consumers read short keys ("label", "provider") and get
back exactly the source triples when they expand it.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from graphbuild.errors import CarekgError, QueryError, one_line
from graphbuild.network import build_network
from graphbuild.resources import data_dir, queries_dir
from graphbuild.results import render_csv
from graphbuild.store import GraphStore

NETWORK_FORMATS = ("graphml", "gexf")
EXTRA_FORMATS = (*NETWORK_FORMATS, "cq-csv")
SUFFIXES = {".graphml": "graphml", ".gexf": "gexf"}


def flat_network(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The network with only string/number attributes, as GraphML and GEXF require."""
    flat = nx.DiGraph()
    for node, attrs in graph.nodes(data=True):
        row = {"label": attrs["label"], "type": attrs["type"], "iri": attrs["iri"]}
        row["services"] = "|".join(sorted(attrs.get("services", ())))
        row["councils"] = "|".join(sorted(attrs.get("councils", ())))
        if "value" in attrs:
            row["value"] = float(attrs["value"])
            row["period"] = attrs.get("period", "")
        flat.add_node(node, **row)
    for src, dst, relation in graph.edges(keys=True):
        flat.add_edge(src, dst, relation=relation)
    return flat


def write_network(store: GraphStore, fmt: str, out: BinaryIO) -> None:
    """The market network of the store as GraphML or GEXF bytes."""
    flat = flat_network(build_network(store))
    if fmt == "graphml":
        nx.write_graphml(flat, out, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(flat, out, encoding="utf-8")
    else:
        raise CarekgError(f"export: unknown network format {fmt!r}")


def context() -> dict:
    """The JSON-LD context object served at /context.jsonld."""
    path = data_dir("ontology") / "context.jsonld"
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def write_jsonld(store: GraphStore, out: BinaryIO) -> None:
    """The union of all graphs as JSON-LD compacted with the published context."""
    graph = store.to_rdflib_graph()
    text = graph.serialize(format="json-ld", context=context(), auto_compact=True)
    out.write(text.encode("utf-8"))


def write_cq_csv(store: GraphStore, folder: Path) -> list[Path]:
    """Run every competency question and write its answer as folder/<query name>.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for query in sorted(queries_dir().glob("cq*.rq")):
        try:
            text = render_csv(store.query(query.read_text(encoding="utf-8")))
        except (QueryError, OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"export: {query.name}: {one_line(exc)}") from None
        target = folder / f"{query.stem}.csv"
        atomic_write(target, lambda out, t=text: out.write(t.encode("utf-8")))
        written.append(target)
    return written


def atomic_write(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write beside the target, then rename, so a failed export never leaves half a file."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export_extra(store: GraphStore, fmt: str, output: Path | None, stdout: BinaryIO) -> str:
    """Run one of EXTRA_FORMATS (or compacted jsonld); returns a line for the user, or ''."""
    if fmt == "cq-csv":
        if output is None:
            raise CarekgError("export: cq-csv writes one file per question; give -o FOLDER")
        if output.exists() and not output.is_dir():
            raise CarekgError(f"export: {output} is a file; cq-csv needs a folder")
        files = write_cq_csv(store, output)
        return f"Wrote {len(files)} CSV files to {output}"
    write: Callable[[BinaryIO], None] = (
        (lambda out: write_jsonld(store, out))
        if fmt == "jsonld"
        else (lambda out: write_network(store, fmt, out))
    )
    if output is None:
        buffer = io.BytesIO()
        write(buffer)
        stdout.write(buffer.getvalue())
        return ""
    if not output.parent.is_dir():
        raise CarekgError(f"export: folder {output.parent} does not exist")
    atomic_write(output, write)
    return ""
