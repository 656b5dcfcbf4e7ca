"""Serialising query answers with a row cap.

Why not pyoxigraph's own `QuerySolutions.serialize`: it writes the whole
iterator and cannot stop after MAX_ROWS rows. So SELECT and ASK answers are
written here (SPARQL 1.1 Query Results JSON, XML, CSV and TSV); graphs are
cut with islice and handed to pyoxigraph's RDF serialisers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
GRAPH_PREFIXES = {
    "ckg": "https://w3id.org/carekg/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def cap(rows: Iterable, max_rows: int) -> tuple[list, bool]:
    """The first `max_rows` items, and whether there were more."""
    taken = list(islice(rows, max_rows + 1))
    return taken[:max_rows], len(taken) > max_rows


def serialise_solutions(variables: list[str], rows: list[ox.QuerySolution], fmt: str) -> bytes:
    """A SELECT answer in `fmt` (json, xml, csv or tsv)."""
    return _SOLUTION_WRITERS[fmt](variables, rows)


def serialise_boolean(value: bool, fmt: str) -> bytes:
    """An ASK answer; CSV and TSV have no boolean form: `true`/`false`, as oxigraph writes."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head></head><boolean>{word}</boolean></sparql>\n"
        ).encode()
    return word.encode()


def serialise_triples(triples: list[ox.Triple], fmt: str) -> bytes:
    """A CONSTRUCT or DESCRIBE answer (or the service description) in an RDF format."""
    prefixes = GRAPH_PREFIXES if fmt in {"ttl", "rdfxml"} else None
    return ox.serialize(triples, None, RDF_FORMATS[fmt], prefixes=prefixes)


def _json(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            term = row[name]
            if term is not None:
                binding[name] = _json_term(term)
        bindings.append(binding)
    body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    triple = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
    return {"type": "triple", "value": {k: _json_term(v) for k, v in triple.items()}}


def _xml(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(name)}/>" for name in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for name in variables:
            term = row[name]
            if term is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return _XML_INVALID.sub("\ufffd", "".join(out)).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            dt = quoteattr(term.datatype.value)
            return f"<literal datatype={dt}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    parts = (("subject", term.subject), ("predicate", term.predicate), ("object", term.object))
    inner = "".join(f"<{k}>{_xml_term(v)}</{k}>" for k, v in parts)
    return f"<triple>{inner}</triple>"


def _csv(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_term(row[name]) for name in variables])
    return buffer.getvalue().encode()


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _tsv(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    lines = ["\t".join(f"?{name}" for name in variables)]
    for row in rows:
        lines.append("\t".join("" if row[n] is None else str(row[n]) for n in variables))
    return ("\n".join(lines) + "\n").encode()


_SOLUTION_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
