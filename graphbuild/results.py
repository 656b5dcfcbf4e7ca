"""SPARQL results as text: CSV, TSV, JSON or a rich table, for the CLI and the server.

Kept apart from the command line so that every consumer renders a result the
same way: IRIs as IRIs, literals by their lexical form, unbound as empty.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyoxigraph as ox
from rich.table import Table

from graphbuild.store import PREFIXES


def render(result: Any, fmt: str) -> str | Table:
    """Turn a pyoxigraph result into text (or a rich Table) for `fmt`."""
    return _render(result, fmt)


def render_csv(result: Any) -> str:
    """A SELECT result as RFC 4180 CSV with a header row."""
    return str(_render(result, "csv"))


def _render(result: Any, fmt: str) -> str | Table:
    """Turn a pyoxigraph result into text (or a rich Table) for `fmt`."""
    if isinstance(result, ox.QueryBoolean):
        return "true\n" if bool(result) else "false\n"
    if isinstance(result, ox.QueryTriples):
        rdf = ox.RdfFormat.TURTLE if fmt == "table" else ox.RdfFormat.N_TRIPLES
        prefixes = PREFIXES if fmt == "table" else None
        text = ox.serialize(list(result), None, rdf, prefixes=prefixes).decode("utf-8")
        return text if text.endswith("\n") or not text else text + "\n"
    names = [v.value for v in result.variables]
    rows = [[solution[i] for i in range(len(names))] for solution in result]
    if fmt == "table":
        return _table(names, rows)
    if fmt == "json":
        records = [
            {n: _lexical(t) if t is not None else None for n, t in zip(names, row, strict=True)}
            for row in rows
        ]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return _delimited(names, rows, "," if fmt == "csv" else "\t")


def _lexical(term: Any) -> str:
    """An IRI as the IRI, a literal as its lexical form, a blank node as _:id."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _delimited(names: list[str], rows: list[list[Any]], sep: str) -> str:
    """CSV per RFC 4180 (CRLF, quoted as needed); TSV with \\t \\n \\r \\\\ escaped."""
    out = io.StringIO()
    if sep == ",":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([_lexical(t) for t in row] for row in rows)
        return out.getvalue()
    for cells in [names, *([_lexical(t) for t in row] for row in rows)]:
        out.write("\t".join(_tsv_escape(c) for c in cells) + "\n")
    return out.getvalue()


def _tsv_escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _table(names: list[str], rows: list[list[Any]]) -> Table:
    """A rich table, with well-known namespaces shortened to their prefixes."""
    table = Table(*names, caption=f"{len(rows)} rows", show_lines=False)
    for row in rows:
        table.add_row(*(_short(t) for t in row))
    return table


def _short(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
    return _lexical(term)
