"""Linked-data pages: /id/ dereferencing by Accept, 404s, and /doc/ highlighting and escaping."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient
from rdflib.compare import isomorphic

from graphbuild.store import GraphStore
from server import create_app
from server.describe import Span
from server.highlight import highlight

BASE = "https://w3id.org/carekg/id/"
PROVIDER = "organisation/choices-care"
DOC_FILE = "004_178006b32a6c2739.txt"
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def test_provider_page_shows_label_types_links_and_evidence(client: FlaskClient) -> None:
    response = client.get(f"/id/{PROVIDER}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Accept" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<h1>Choices Care</h1>" in html
    assert ">Provider</a>" in html  # the type, by its ontology rdfs:label
    assert 'href="/id/framework/leicester-city-council/' in html  # incoming lot membership
    assert "member/choices-care" in html
    assert f'href="/doc/{DOC_FILE}#1378-1390"' in html  # evidence link to the span
    assert "<blockquote>Choices Care</blockquote>" in html


def test_plain_link_and_curl_get_html(client: FlaskClient) -> None:
    for accept in ("*/*", None):
        headers = {"Accept": accept} if accept else {}
        assert client.get(f"/id/{PROVIDER}", headers=headers).mimetype == "text/html"


@pytest.mark.parametrize(
    ("accept", "mimetype", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("text/html;q=0.5, text/turtle", "text/turtle", "turtle"),
    ],
)
def test_rdf_by_accept_is_the_description_with_evidence(
    client: FlaskClient, accept: str, mimetype: str, rdflib_format: str
) -> None:
    response = client.get(f"/id/{PROVIDER}", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == mimetype
    graph = rdflib.Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    me = rdflib.URIRef(BASE + PROVIDER)
    assert (me, rdflib.RDFS.label, rdflib.Literal("Choices Care")) in graph
    evidence = graph.value(me, PROV.qualifiedDerivation)
    assert evidence is not None
    quotes = {graph.value(sel, OA.exact) for sel in graph.objects(evidence, OA.hasSelector)}
    assert rdflib.Literal("Choices Care") in quotes
    assert not list(graph.triples((None, None, me)))  # outgoing only, no incoming links


def test_format_parameter_overrides_accept(client: FlaskClient) -> None:
    response = client.get(f"/id/{PROVIDER}?format=nt", headers={"Accept": "text/html"})
    assert response.mimetype == "application/n-triples"


def test_formats_agree(client: FlaskClient) -> None:
    graphs = [
        rdflib.Graph().parse(
            data=client.get(f"/id/{PROVIDER}?format={f}").get_data(as_text=True), format=p
        )
        for f, p in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"))
    ]
    assert len(graphs[0]) > 10
    assert isomorphic(graphs[0], graphs[1])
    assert isomorphic(graphs[0], graphs[2])


def test_unacceptable_format_is_406(client: FlaskClient) -> None:
    assert client.get(f"/id/{PROVIDER}", headers={"Accept": "application/pdf"}).status_code == 406
    assert client.get(f"/id/{PROVIDER}?format=pdf").status_code == 406


@pytest.mark.parametrize(
    "path", ["/id/organisation/no-such-provider", "/id/a%20b", "/id/x%3Ey", "/doc/nope.txt"]
)
def test_unknown_resources_are_404(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    assert response.get_data(as_text=True).count("\n") == 1  # one-line error


def test_object_only_iri_has_a_page(client: FlaskClient) -> None:
    """The council is mostly an object; its page lists who refers to it."""
    html = client.get("/id/council/leicester-city-council").get_data(as_text=True)
    assert "Referenced by" in html
    assert 'href="/id/document/004-178006b32a6c2739-txt"' in html


def test_ontology_terms_are_shown_by_label(client: FlaskClient) -> None:
    html = client.get("/id/document/004-178006b32a6c2739-txt").get_data(as_text=True)
    assert ">file name</a>" in html  # ckg:fileName's rdfs:label
    assert f'href="/doc/{DOC_FILE}"' in html  # the document page links its highlighted text
    assert "characters; see the full text)" in html  # the long ckg:text is cut on the page


def test_document_marks_every_evidence_span(client: FlaskClient, store_path: Path) -> None:
    response = client.get(f"/doc/{DOC_FILE}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    ids = set(re.findall(r'<mark id="(\d+-\d+)"', html))
    assert "1378-1390" in ids
    assert re.search(
        r'<mark id="1378-1390" title="[^"]*Choices Care \(Organisation, Provider\)', html
    )
    assert ids == _spans_in_store(store_path, f"{BASE}document/004-178006b32a6c2739-txt")
    assert "City &amp; County" in html  # document text is escaped


def _spans_in_store(store_path: Path, doc: str) -> set[str]:
    with GraphStore.open(store_path, read_only=True) as store:
        rows = store.query(
            "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            f"SELECT DISTINCT ?s ?e WHERE {{ ?ev prov:entity <{doc}> ; oa:hasSelector ?p . "
            "?p oa:start ?s ; oa:end ?e }"
        )
        return {f"{r['s'].value}-{r['e'].value}" for r in rows}


# --- escaping, end to end on a hostile document --------------------------------------------

HOSTILE_TEXT = 'Intro <script>alert("x")</script> & <b>Acme "Care"</b> end'


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """A store holding one document whose text and fact label are HTML."""
    path = tmp_path_factory.mktemp("hostile") / "store"
    ckg = rdflib.Namespace("https://w3id.org/carekg/ontology#")
    doc, fact = rdflib.URIRef(BASE + "document/evil"), rdflib.URIRef(BASE + "organisation/evil")
    ev = rdflib.URIRef(BASE + "evidence/evil/6-34")
    pos = rdflib.URIRef(str(ev) + "/position")
    start = HOSTILE_TEXT.index("<script>")
    g = rdflib.Graph()
    for triple in [
        (doc, rdflib.RDF.type, ckg.SourceDocument),
        (doc, ckg.fileName, rdflib.Literal("evil.txt")),
        (doc, ckg.text, rdflib.Literal(HOSTILE_TEXT)),
        (fact, rdflib.RDFS.label, rdflib.Literal('<img src=x onerror="alert(1)">')),
        (fact, PROV.qualifiedDerivation, ev),
        (ev, PROV.entity, doc),
        (ev, OA.hasSelector, pos),
        (pos, OA.start, rdflib.Literal(start)),
        (pos, OA.end, rdflib.Literal(start + len('<script>alert("x")</script>'))),
    ]:
        g.add(triple)
    with GraphStore.open(path) as store:
        store.replace_graph(BASE + "graph/evil", g)
    app: Flask = create_app({"STORE": str(path), "TESTING": True})
    return app.test_client()


def test_document_text_and_titles_are_escaped(hostile_client: FlaskClient) -> None:
    html = hostile_client.get("/doc/evil.txt").get_data(as_text=True)
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'title="&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"' in html


def test_resource_page_escapes_labels(hostile_client: FlaskClient) -> None:
    html = hostile_client.get("/id/organisation/evil").get_data(as_text=True)
    assert "<img" not in html
    assert "&lt;img src=x" in html


# --- the highlighter on its own ----------------------------------------------------------


class _Nesting(HTMLParser):
    """Fails on a </mark> that closes nothing; counts marks left open."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "mark"
        assert self.depth >= 0


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 5), (1, 3), (2, 7), (8, 18)],  # nested, overlapping, to the end
        [(0, 10), (0, 10), (0, 4)],  # identical and sharing a start
        [(3, 6), (5, 9), (8, 12), (11, 15)],  # a chain of overlaps
        [(4, 2), (-1, 3), (0, 99)],  # nonsense offsets are ignored
    ],
)
def test_highlight_keeps_text_and_nests_marks(spans: list[tuple[int, int]]) -> None:
    text = "abc<de>&fghij<script>"
    html = str(highlight(text, [Span(s, e, f"fact {s}") for s, e in spans]))
    parser = _Nesting()
    parser.feed(html)
    assert parser.depth == 0
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text
    valid = {f"{s}-{e}" for s, e in spans if 0 <= s < e <= len(text)}
    assert set(re.findall(r'<mark id="([^"]+)"', html)) == valid
    assert "<script>" not in html
