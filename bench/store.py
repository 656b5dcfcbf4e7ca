"""Compare pyoxigraph (the carekg store) with an in-memory rdflib Graph.

Why: carekg keeps its graph in pyoxigraph and only hands rdflib the union for
pyshacl. This measures what that choice buys on data shaped like carekg's
(frameworks, lots, provider memberships, statistics, each with PROV/OA
evidence), at 100k and 1M triples: load time, four typical queries, peak RSS.

Each (engine, size) runs in its own process so peak memory is its own.

    .venv/bin/python bench/store.py                 # 100k and 1M, both engines
    .venv/bin/python bench/store.py --sizes 100000  # quicker
"""

from __future__ import annotations

import _isolate  # noqa: F401  (first: bench/http.py must not shadow the stdlib http)

# isort: split

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

CKG = "https://w3id.org/carekg/ontology#"
ID = "https://w3id.org/carekg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"
COUNCILS = 20
PROVIDERS = 2000
NAMES = [
    "Care",
    "Homes",
    "Support",
    "Living",
    "Home",
    "Healthcare",
    "Community",
    "Services",
    "Trust",
    "Partners",
]

PREFIX = (
    f"PREFIX ckg: <{CKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    f"PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
)
QUERIES = {
    "point lookup": f"SELECT DISTINCT ?p ?o WHERE {{ <{ID}organisation/provider-13> ?p ?o }}",
    "join (CQ01-like)": PREFIX
    + f"""
        SELECT DISTINCT ?fw ?lot ?provider ?label WHERE {{
          ?fw a ckg:Framework ; ckg:buyer <{ID}council/council-3> .
          ?lot ckg:partOfFramework ?fw .
          ?m ckg:lot ?lot ; ckg:provider ?provider .
          ?provider rdfs:label ?label }}""",
    "aggregate GROUP BY": PREFIX
    + """
        SELECT ?provider (COUNT(DISTINCT ?lot) AS ?lots) WHERE {
          ?m a ckg:LotMembership ; ckg:lot ?lot ; ckg:provider ?provider }
        GROUP BY ?provider ORDER BY DESC(?lots) LIMIT 10""",
    "FILTER regex on labels": PREFIX
    + """
        SELECT DISTINCT ?p ?label WHERE { ?p a ckg:Provider ; rdfs:label ?label
          FILTER regex(?label, "healthcare 1[0-9]", "i") }""",
}


def _evidence(fact: str, doc: int, start: int) -> Iterator[tuple[str, str, str]]:
    """The PROV + Web Annotation evidence every carekg fact carries (11 triples)."""
    document = f"<{ID}document/doc-{doc}>"
    ev = f"{ID}evidence/doc-{doc}/{start}-{start + 40}"
    yield fact, f"<{PROV}wasDerivedFrom>", document
    yield fact, f"<{PROV}qualifiedDerivation>", f"<{ev}>"
    yield f"<{ev}>", f"<{RDF_TYPE}>", f"<{PROV}Derivation>"
    yield f"<{ev}>", f"<{PROV}entity>", document
    yield f"<{ev}>", f"<{OA}hasSelector>", f"<{ev}/position>"
    yield f"<{ev}>", f"<{OA}hasSelector>", f"<{ev}/quote>"
    yield f"<{ev}/position>", f"<{OA}start>", f'"{start}"^^<{XSD}nonNegativeInteger>'
    yield f"<{ev}/position>", f"<{OA}end>", f'"{start + 40}"^^<{XSD}nonNegativeInteger>'
    yield f"<{ev}/quote>", f"<{RDF_TYPE}>", f"<{OA}TextQuoteSelector>"
    yield f"<{ev}/quote>", f"<{OA}exact>", f'"quoted words {start} of document {doc}"'
    yield f"<{ev}/position>", f"<{RDF_TYPE}>", f"<{OA}TextPositionSelector>"


def _document(doc: int) -> Iterator[tuple[str, str, str]]:
    """One synthetic FOI response: a framework with 3 lots of 8 providers, 6 statistics."""
    council = f"<{ID}council/council-{doc % COUNCILS}>"
    fw = f"{ID}framework/council-{doc % COUNCILS}/fw-{doc}"
    yield f"<{fw}>", f"<{RDF_TYPE}>", f"<{CKG}Framework>"
    yield f"<{fw}>", f"<{CKG}buyer>", council
    yield f"<{fw}>", f"<{RDFS_LABEL}>", f'"Framework {doc}"'
    yield from _evidence(f"<{fw}>", doc, 0)
    for n in range(1, 4):
        lot = f"{fw}/lot/{n}"
        yield f"<{lot}>", f"<{RDF_TYPE}>", f"<{CKG}Lot>"
        yield f"<{lot}>", f"<{CKG}partOfFramework>", f"<{fw}>"
        yield from _evidence(f"<{lot}>", doc, 100 * n)
        for k in range(8):
            pid = (doc * 7 + n * 13 + k * 31) % PROVIDERS
            provider = f"{ID}organisation/provider-{pid}"
            member = f"<{lot}/member/provider-{pid}>"
            yield f"<{provider}>", f"<{RDF_TYPE}>", f"<{CKG}Provider>"
            yield f"<{provider}>", f"<{RDFS_LABEL}>", f'"{NAMES[pid % len(NAMES)]} {pid}"'
            yield member, f"<{RDF_TYPE}>", f"<{CKG}LotMembership>"
            yield member, f"<{CKG}lot>", f"<{lot}>"
            yield member, f"<{CKG}provider>", f"<{provider}>"
            yield from _evidence(member, doc, 100 * n + 10 * k)
    for s in range(6):
        stat = f"<{ID}statistic/doc-{doc}/{1000 + s}>"
        yield stat, f"<{RDF_TYPE}>", f"<{CKG}Statistic>"
        yield stat, f"<{CKG}value>", f'"{s * 3.5}"^^<{XSD}decimal>'
        yield stat, f"<{CKG}council>", council
        yield from _evidence(stat, doc, 1000 + s)


def synthetic_nquads(target: int) -> tuple[bytes, int]:
    """N-Quads with one named graph per document, until about `target` triples."""
    lines: list[str] = []
    doc = 0
    while len(lines) < target:
        graph = f"<{ID}graph/doc-{doc}>"
        lines.extend(f"{s} {p} {o} {graph} ." for s, p, o in _document(doc))
        doc += 1
    return ("\n".join(lines) + "\n").encode("utf-8"), doc


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run_engine(engine: str, size: int, repeats: int) -> dict[str, object]:
    """Load the synthetic data into one engine and time the queries."""
    data, documents = synthetic_nquads(size)
    result: dict[str, object] = {"engine": engine, "size": size, "documents": documents}
    if engine == "pyoxigraph":
        import pyoxigraph as ox

        folder = tempfile.TemporaryDirectory()
        store = ox.Store(folder.name)
        result["load_s"], _ = _timed(lambda: store.bulk_load(data, ox.RdfFormat.N_QUADS))
        result["triples"] = len(store)

        def ask(q: str) -> int:
            return len(list(store.query(q, use_default_graph_as_union=True)))
    else:
        import rdflib

        graph = rdflib.Graph()
        triples = b"\n".join(line.rsplit(b" ", 2)[0] + b" ." for line in data.splitlines())
        result["load_s"], _ = _timed(lambda: graph.parse(data=triples, format="nt"))
        result["triples"] = len(graph)

        def ask(q: str) -> int:
            return len(list(graph.query(q)))

    for name, sparql in QUERIES.items():
        times, rows = [], 0
        for _ in range(repeats):
            elapsed, rows = _timed(lambda sparql=sparql: ask(sparql))
            times.append(elapsed)
        result[name] = {"median_s": statistics.median(times), "rows": rows}
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run_replace_graph(size: int) -> dict[str, object]:
    """The carekg write path: one atomic replace_graph per document."""
    import rdflib

    from graphbuild.store import GraphStore

    data, documents = synthetic_nquads(size)
    by_graph: dict[bytes, list[bytes]] = {}
    for line in data.splitlines():
        head, graph, _dot = line.rsplit(b" ", 2)
        by_graph.setdefault(graph, []).append(head + b" .")
    graphs = []
    for iri, lines in by_graph.items():
        graphs.append(
            (iri.decode()[1:-1], rdflib.Graph().parse(data=b"\n".join(lines), format="nt"))
        )
    with tempfile.TemporaryDirectory() as folder, GraphStore.open(Path(folder)) as store:
        elapsed, _ = _timed(lambda: [store.replace_graph(iri, g) for iri, g in graphs])
        triples = store.triple_count()
    return {"size": size, "documents": documents, "triples": triples, "load_s": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--engine", choices=["pyoxigraph", "rdflib", "replace_graph"])
    args = parser.parse_args()
    if args.engine:  # child process: one engine, one size
        size = args.sizes[0]
        if args.engine == "replace_graph":
            out = run_replace_graph(size)
        else:
            out = run_engine(args.engine, size, args.repeats)
        print(json.dumps(out))
        return
    for size in args.sizes:
        for engine in ("pyoxigraph", "rdflib", "replace_graph"):
            cmd = [sys.executable, __file__, "--engine", engine, "--sizes", str(size)]
            cmd += ["--repeats", str(args.repeats)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            print(done.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
