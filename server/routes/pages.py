"""Blueprint: linked-data pages. /id/<rest> dereferences the IRI {BASE_IRI}<rest>; /doc/<file>
shows a source document's text with every evidence span highlighted.

A minted IRI is only useful if a person or a program can follow it, so the
same URL answers HTML to browsers and Turtle, JSON-LD or N-Triples to clients
that ask for them (Accept, or ?format= for links a person can click).
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request, url_for

from graphbuild.store import PREFIXES
from server import describe as d
from server.errors import ApiError
from server.highlight import highlight
from server.resources import store

bp = Blueprint("pages", __name__)

RDF_FORMATS = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
MIME_TO_FORMAT = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
LONG_LITERAL = 400


def negotiate(offer_html: bool = True) -> str:
    """The format to answer in: ?format= first, else the best Accept match, else 406.

    HTML comes first among equals, so `Accept: */*` (curl, a plain link) gets a page.
    """
    wanted = request.args.get("format")
    allowed = {*RDF_FORMATS, *(["html"] if offer_html else [])}
    if wanted:
        if wanted not in allowed:
            raise ApiError(406, f"format {wanted!r} not offered; use one of {sorted(allowed)}")
        return wanted
    offers = [m for m, f in MIME_TO_FORMAT.items() if f in allowed]
    if not request.accept_mimetypes:
        return "html" if offer_html else "ttl"
    best = request.accept_mimetypes.best_match(offers)
    if best is None:
        raise ApiError(406, f"no acceptable format; this resource is offered as {offers}")
    return MIME_TO_FORMAT[best]


def rdf_response(
    triples: list[ox.Triple], fmt: str, extra_prefixes: dict[str, str] | None = None
) -> Response:
    """Triples serialised in one of RDF_FORMATS, with our prefixes for Turtle."""
    mimetype, rdf_format = RDF_FORMATS[fmt]
    prefixes = {**PREFIXES, **(extra_prefixes or {})} if fmt == "ttl" else None
    body = ox.serialize(triples, None, rdf_format, prefixes=prefixes)
    response = Response(body, mimetype=mimetype)
    response.headers["Vary"] = "Accept"
    return response


def iri_to_path(iri: str) -> str | None:
    """The /id/ URL of an IRI minted under BASE_IRI, or None for any other IRI."""
    base = current_app.config["BASE_IRI"]
    if not iri.startswith(base) or len(iri) == len(base):
        return None
    return url_for("pages.resource", rest=iri[len(base) :])


def short_name(iri: str) -> str:
    """An IRI without a label, shortened: its path under BASE_IRI, or a CURIE."""
    base = current_app.config["BASE_IRI"]
    return iri[len(base) :] if iri.startswith(base) and len(iri) > len(base) else d.curie(iri)


@bp.app_template_global()
def link_for(iri: str) -> str:
    """Where a page links an IRI: its /id/ page if minted here, else the IRI itself."""
    return iri_to_path(iri) or iri


@bp.app_template_global()
def doc_link(file_name: str, start: int | None = None, end: int | None = None) -> str:
    """The /doc/ URL of a document, scrolled to one span when given."""
    url = url_for("pages.document", file_name=file_name)
    return url if start is None else f"{url}#{start}-{end}"


@bp.route("/id/<path:rest>")
def resource(rest: str) -> Response | str:
    """Describe {BASE_IRI}<rest> in HTML or RDF; 404 when no triple mentions it."""
    iri = current_app.config["BASE_IRI"] + rest
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise ApiError(404, f"not a valid IRI: {iri}") from None
    fmt = negotiate()
    graph = store()
    if not d.has_triples(graph, iri):
        raise ApiError(404, f"no triples about {iri}")
    if fmt != "html":
        return rdf_response(d.description_triples(graph, iri), fmt)
    desc = d.describe(graph, iri)
    html = render_template(
        "resource.html",
        desc=desc,
        outgoing=[(p, _value(o, desc.labels, desc.file_name)) for p, o in desc.outgoing],
        label_of=lambda x: desc.labels.get(x) or short_name(x),
        alternates={f: f"{request.path}?format={f}" for f in RDF_FORMATS},
    )
    return _html(html)


@bp.route("/doc/<path:file_name>")
def document(file_name: str) -> Response:
    """The text of one source document with every evidence span marked and linkable."""
    graph = store()
    found = d.document_text(graph, file_name)
    if found is None:
        raise ApiError(404, f"no document with file name {file_name}")
    doc_iri, title, text = found
    spans = d.document_spans(graph, doc_iri)
    html = render_template(
        "document.html",
        doc_iri=doc_iri,
        title=title,
        file_name=file_name,
        body=highlight(text, spans),
        span_count=len(spans),
    )
    return _html(html)


def _value(term: ox.Term, labels: dict[str, str], file_name: str | None) -> dict[str, str]:
    """How the page shows an object: a link with a label, or a literal (long ones cut)."""
    if isinstance(term, ox.NamedNode):
        return {
            "href": link_for(term.value),
            "text": labels.get(term.value) or short_name(term.value),
            "title": term.value,
        }
    if isinstance(term, ox.BlankNode):
        return {"text": f"_:{term.value}"}
    text = term.value
    extra = d.curie(term.datatype.value) if term.language is None else f"@{term.language}"
    if len(text) > LONG_LITERAL:
        more = f"… ({len(text):,} characters"
        text = text[:LONG_LITERAL] + more + ("; see the full text)" if file_name else ")")
    if extra in ("xsd:string",):
        extra = ""
    return {"text": text, "datatype": extra}


def _html(body: str) -> Response:
    response = Response(body, mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response
