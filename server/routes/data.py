"""Blueprint: the dataset as data. VoID at /.well-known/void, full dumps, the JSON-LD context,
and /health for monitors.

Dumps are written once per store state into a cache folder and then streamed
as files: serialising the whole store on every download would let a handful
of clients keep the server busy.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, request, send_file

from graphbuild.errors import CarekgError
from graphbuild.resources import data_dir
from graphbuild.store import PREFIXES, GraphStore
from server.describe import select
from server.errors import ApiError
from server.resources import store
from server.routes.pages import negotiate, rdf_response

bp = Blueprint("data", __name__)

DUMPS = {
    "carekg.nq.gz": ("nq", "application/gzip"),
    "carekg.ttl": ("ttl", "text/turtle"),
    "carekg.jsonld": ("jsonld", "application/ld+json"),
}
CACHE_KEY = "carekg.dumps"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID_PREFIXES = {"void": VOID, "sd": SD}
VOCABULARIES = ("ckg", "prov", "oa", "skos", "dcterms", "org")
_lock = threading.Lock()


@bp.route("/health")
def health() -> tuple[Response, int]:
    """200 with counts while the store answers; 503 (still JSON) when it cannot be read."""
    try:
        graph = store()
        triples = graph.triple_count()
        rows = select(graph, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ckg:SourceDocument }")
        documents = int(rows[0]["n"].value)
    except (CarekgError, OSError, RuntimeError, ValueError) as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        return jsonify({"status": "unavailable", "error": message}), 503
    return jsonify({"status": "ok", "triples": triples, "documents": documents}), 200


@bp.route("/context.jsonld")
def context() -> Response:
    """The JSON-LD context of the ontology, readable from other origins (it is public data)."""
    response = send_file(data_dir("ontology") / "context.jsonld", mimetype="application/ld+json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/.well-known/void")
def void() -> Response:
    """A VoID description of the dataset: size, endpoint, dumps, URI space, vocabularies."""
    fmt = negotiate(offer_html=False)
    response = rdf_response(void_triples(store(), _public_url()), fmt, VOID_PREFIXES)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/dumps/<name>")
def dump(name: str) -> Response:
    """Stream a whole-store dump, writing it to the cache first if this store state is new."""
    if name not in DUMPS:
        raise ApiError(404, f"no dump {name}; offered: {', '.join(DUMPS)}")
    fmt, mimetype = DUMPS[name]
    path = _cached_dump(name, fmt)
    return send_file(
        path,
        mimetype=mimetype,
        as_attachment=True,
        download_name=name,
        etag=True,
        conditional=True,
        max_age=300,
    )


def void_triples(graph: GraphStore, public: str) -> list[ox.Triple]:
    """The VoID graph: the dataset, and one subset per named graph with its triple count."""
    ds = ox.NamedNode(f"{public}/.well-known/void#carekg")

    def v(term: str) -> ox.NamedNode:
        return ox.NamedNode(VOID + term)

    dcterms = PREFIXES["dcterms"]
    distinct = select(
        graph, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    )
    triples = [
        ox.Triple(ds, ox.NamedNode(PREFIXES["rdf"] + "type"), v("Dataset")),
        ox.Triple(ds, ox.NamedNode(dcterms + "title"), ox.Literal("carekg")),
        ox.Triple(
            ds,
            ox.NamedNode(dcterms + "description"),
            ox.Literal(
                "UK council FOI responses on social-care commissioning, as an evidenced graph."
            ),
        ),
        ox.Triple(
            ds,
            v("triples"),
            ox.Literal(
                str(distinct[0]["n"].value), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer")
            ),
        ),
        ox.Triple(ds, v("sparqlEndpoint"), ox.NamedNode(f"{public}/sparql")),
        ox.Triple(ds, v("uriSpace"), ox.Literal(current_app.config["BASE_IRI"])),
    ]
    triples += [ox.Triple(ds, v("dataDump"), ox.NamedNode(f"{public}/dumps/{n}")) for n in DUMPS]
    triples += [ox.Triple(ds, v("vocabulary"), ox.NamedNode(PREFIXES[p])) for p in VOCABULARIES]
    example = select(graph, "SELECT ?x WHERE { ?x a ckg:Provider } ORDER BY ?x LIMIT 1")
    triples += [ox.Triple(ds, v("exampleResource"), r["x"]) for r in example]
    return triples + _subsets(graph, ds, v)


def _subsets(graph: GraphStore, ds: ox.NamedNode, v) -> list[ox.Triple]:
    rows = select(
        graph, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    triples = []
    integer = ox.NamedNode(PREFIXES["xsd"] + "integer")
    for row in rows:
        sub = ox.NamedNode(
            f"{ds.value}-graph-{hashlib.sha1(row['g'].value.encode()).hexdigest()[:12]}"
        )
        triples += [
            ox.Triple(ds, v("subset"), sub),
            ox.Triple(sub, ox.NamedNode(PREFIXES["rdf"] + "type"), v("Dataset")),
            ox.Triple(sub, ox.NamedNode(SD + "name"), row["g"]),
            ox.Triple(sub, v("triples"), ox.Literal(row["n"].value, datatype=integer)),
        ]
    return triples


def _public_url() -> str:
    """The server's own base URL: PUBLIC_URL if set, else what this request was sent to."""
    return (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")


def _cached_dump(name: str, fmt: str) -> Path:
    """The dump file for this store state, written once (atomically) into the cache."""
    folder = _cache_folder()
    target = folder / name
    if target.is_file():
        return target
    with _lock:
        if not target.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as tmp:
                if fmt == "nq":
                    with gzip.GzipFile(fileobj=tmp, mode="wb", mtime=0) as gz:
                        store().export("nq", gz)
                else:
                    store().export(fmt, tmp)
            os.chmod(tmp.name, 0o644)
            os.replace(tmp.name, target)
    return target


def _cache_folder() -> Path:
    """<tmp>/carekg-dumps/<fingerprint>: one folder per store state this app serves.

    The app opens its store read-only, so its state is fixed for the app's life;
    the fingerprint (a hash of the N-Quads) is worked out once, on first use.
    """
    folder = current_app.extensions.get(CACHE_KEY)
    if folder is None:
        with _lock:
            folder = current_app.extensions.get(CACHE_KEY)
            if folder is None:
                folder = Path(tempfile.gettempdir()) / "carekg-dumps" / _fingerprint(store())
                current_app.extensions[CACHE_KEY] = folder
    return folder


class _Hasher:
    """A write-only file object that hashes what is written to it."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered; pyoxigraph calls this when the dump ends."""


def _fingerprint(graph: GraphStore) -> str:
    hasher = _Hasher()
    graph.export("nq", hasher)
    return hasher.digest.hexdigest()[:20]


def clear_cache() -> None:
    """Drop every cached dump (for tests and for operators short of disk)."""
    shutil.rmtree(Path(tempfile.gettempdir()) / "carekg-dumps", ignore_errors=True)
