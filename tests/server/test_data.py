"""The dataset as data: VoID, dumps that parse back whole, the JSON-LD context, /health, /."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from rdflib.compare import isomorphic

from graphbuild.errors import StoreError
from graphbuild.resources import queries_dir
from graphbuild.store import GraphStore

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
BASE = "https://w3id.org/carekg/id/"


@pytest.fixture(scope="module")
def counts(store_path: Path) -> dict[str, int]:
    """Quads (as stored) and distinct triples (the union), counted without the server."""
    with GraphStore.open(store_path, read_only=True) as store:
        quads = store.triple_count()
        distinct = len({q.triple for q in store.raw})
        docs = len(
            list(
                store.query(
                    "SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/carekg/"
                    "ontology#SourceDocument> }"
                )
            )
        )
        graphs = len(store.named_graphs())
    return {"quads": quads, "distinct": distinct, "documents": docs, "graphs": graphs}


# --- /health ----------------------------------------------------------------------------


def test_health_reports_counts(client: FlaskClient, counts: dict[str, int]) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "triples": counts["quads"],
        "documents": counts["documents"],
    }
    assert counts["documents"] == 5


def test_health_is_503_when_the_store_fails(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: GraphStore) -> int:
        raise StoreError("store carekg-store: already closed")

    monkeypatch.setattr(GraphStore, "triple_count", broken)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert "closed" in response.json["error"]


# --- VoID -------------------------------------------------------------------------------


def _void(client: FlaskClient, accept: str, fmt: str) -> rdflib.Graph:
    response = client.get("/.well-known/void", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == accept
    return rdflib.Graph().parse(data=response.get_data(as_text=True), format=fmt)


def test_void_describes_the_dataset(client: FlaskClient, counts: dict[str, int]) -> None:
    graph = _void(client, "text/turtle", "turtle")
    dataset = rdflib.URIRef("http://localhost/.well-known/void#carekg")
    assert (dataset, rdflib.RDF.type, VOID.Dataset) in graph
    assert graph.value(dataset, VOID.triples).toPython() == counts["distinct"]
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef("http://localhost/sparql")
    assert str(graph.value(dataset, VOID.uriSpace)) == BASE
    dumps = {str(o) for o in graph.objects(dataset, VOID.dataDump)}
    assert dumps == {f"http://localhost/dumps/carekg.{x}" for x in ("nq.gz", "ttl", "jsonld")}
    vocabularies = set(graph.objects(dataset, VOID.vocabulary))
    assert rdflib.URIRef("https://w3id.org/carekg/ontology#") in vocabularies
    subsets = list(graph.objects(dataset, VOID.subset))
    assert len(subsets) == counts["graphs"]
    assert sum(graph.value(s, VOID.triples).toPython() for s in subsets) == counts["quads"]


def test_void_formats_agree_and_html_is_refused(client: FlaskClient) -> None:
    turtle = _void(client, "text/turtle", "turtle")
    assert isomorphic(turtle, _void(client, "application/ld+json", "json-ld"))
    assert isomorphic(turtle, _void(client, "application/n-triples", "nt"))
    assert client.get("/.well-known/void", headers={"Accept": "text/html"}).status_code == 406


# --- dumps ------------------------------------------------------------------------------


def test_nquads_dump_parses_back_with_every_quad(
    client: FlaskClient, counts: dict[str, int]
) -> None:
    response = client.get("/dumps/carekg.nq.gz")
    assert response.status_code == 200
    assert response.mimetype == "application/gzip"
    assert response.headers["Content-Disposition"] == "attachment; filename=carekg.nq.gz"
    dataset = rdflib.Dataset()
    dataset.parse(data=gzip.decompress(response.data).decode("utf-8"), format="nquads")
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == counts["quads"]
    assert len({graph for *_, graph in quads}) == counts["graphs"]


@pytest.mark.parametrize(
    ("name", "mimetype", "fmt"),
    [("carekg.ttl", "text/turtle", "turtle"), ("carekg.jsonld", "application/ld+json", "json-ld")],
)
def test_merged_dumps_parse_back_with_every_triple(
    client: FlaskClient, counts: dict[str, int], name: str, mimetype: str, fmt: str
) -> None:
    response = client.get(f"/dumps/{name}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"] == f"attachment; filename={name}"
    graph = rdflib.Graph().parse(data=response.get_data(as_text=True), format=fmt)
    assert len(graph) == counts["distinct"]


def test_dump_is_written_once_and_revalidates(client: FlaskClient, app: Flask) -> None:
    first = client.get("/dumps/carekg.ttl")
    cached = app.extensions["carekg.dumps"] / "carekg.ttl"
    written = cached.stat().st_mtime_ns
    second = client.get("/dumps/carekg.ttl")
    assert cached.stat().st_mtime_ns == written
    assert first.headers["ETag"] == second.headers["ETag"]
    again = client.get("/dumps/carekg.ttl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_unknown_dump_is_404(client: FlaskClient) -> None:
    assert client.get("/dumps/carekg.rdf").status_code == 404
    assert client.get("/dumps/..%2Fetc%2Fpasswd").status_code == 404


# --- context and query page ---------------------------------------------------------------


def test_context_is_served_as_json_ld(client: FlaskClient) -> None:
    response = client.get("/context.jsonld")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert json.loads(response.data)["@context"]["ckg"] == "https://w3id.org/carekg/ontology#"


def test_query_page_offers_every_competency_question(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    files = sorted(queries_dir().glob("cq[0-9][0-9]-*.rq"))
    assert len(files) == 13
    for path in files:
        cq, title = re.match(r"#\s*(CQ\d+)\s*:\s*(.+)", path.read_text()).groups()
        assert f'data-cq="{cq}"' in html
        assert str(escape(title.strip())) in html
    examples = json.loads(re.search(r'id="cq-data">(.*?)</script>', html, re.S).group(1))
    assert [e["id"] for e in examples] == [f"CQ{n:02d}" for n in range(1, 14)]
    assert examples[0]["query"] == files[0].read_text()


def test_query_page_loads_nothing_from_other_hosts(client: FlaskClient, app: Flask) -> None:
    html = client.get("/").get_data(as_text=True)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    vendor = Path(app.static_folder) / "vendor/yasgui/yasgui.min.js"
    if vendor.is_file():
        assert '/static/vendor/yasgui/yasgui.min.js"' in html
        assert client.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200
    else:
        assert 'id="vendor-missing"' in html and "make assets" in html


def test_query_page_browses_into_the_graph(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    browse = html.split('id="browse"')[1].split('id="downloads"')[0]
    assert '<a href="/id/organisation/choices-care">Choices Care</a>' in browse
    assert '<a href="/id/council/leicester-city-council">Leicester City Council</a>' in browse
    assert 'Documents <span class="count">(5)</span>' in browse


def test_void_uses_public_url(make_app) -> None:
    app = make_app(PUBLIC_URL="https://carekg.example.org/")
    body = app.test_client().get("/.well-known/void?format=nt").get_data(as_text=True)
    graph = rdflib.Graph().parse(data=body, format="nt")
    dataset = rdflib.URIRef("https://carekg.example.org/.well-known/void#carekg")
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(
        "https://carekg.example.org/sparql"
    )
