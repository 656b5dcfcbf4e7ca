"""HTTP throughput and latency of /sparql against Oxigraph's own server and a bare Flask route.

Why: user SPARQL goes through a pool of worker processes (for the time
limit), which costs a round trip per query. This measures what that costs
on loopback, on a ~100k-triple store built from the samples copied under
distinct names, for a point lookup and a GROUP BY aggregate, at 1, 8 and
32 concurrent clients, against:

  carekg    `carekg serve` (our app under waitress, threads=8, request log on), as shipped
  carekg-nocache  the same with CAREKG_ANSWER_CACHE_BYTES=0: every lookup evaluated
  oxigraph  `oxigraph serve-read-only --union-default-graph` on the same store
            (PyPI `oxigraph`, installed at bench time into a throw-away venv)
  minimal   a Flask route that runs the query on pyoxigraph and returns its JSON,
            nothing else (no checks, no log): what the engine costs inside Flask
  bare      a Flask route returning a constant under the same waitress config (the ceiling)

The answer cache only serves lookups, so carekg-nocache and minimal are run for
the lookups, and bare once per client count.

Load comes from wrk (`apt-get install wrk`): keep-alive connections, each
run bounded in time (--seconds) on 127.0.0.1 only.

    .venv/bin/python bench/http.py                   # 100k triples, 5 s per run
    .venv/bin/python bench/http.py --seconds 2 --clients 8
"""

from __future__ import annotations

import _isolate  # noqa: F401  (first: this file's name would shadow the stdlib http)

# isort: split

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OXIGRAPH_VENV = Path(tempfile.gettempdir()) / "carekg-bench-oxigraph"
WAITRESS_THREADS = 8
ACCEPT = "application/sparql-results+json"
SERVERS = ["carekg", "carekg-nocache", "oxigraph", "minimal", "bare"]
LOOKUP_ONLY = {"carekg-nocache", "minimal"}
CKG = "https://w3id.org/carekg/ontology#"
AGGREGATE = (
    f"PREFIX ckg: <{CKG}> SELECT ?p (COUNT(DISTINCT ?m) AS ?n) "
    "WHERE { ?m a ckg:LotMembership ; ckg:provider ?p } GROUP BY ?p"
)


def build_store(folder: Path, target: int) -> Path:
    """Samples copied under distinct names until the store holds about `target` quads."""
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "bench" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    make_corpus = build.make_corpus
    from graphbuild.pipeline import process_document
    from graphbuild.store import GraphStore, load_ontology

    store_path = folder / "store"
    corpus = folder / "docs"
    corpus.mkdir()
    with GraphStore.open(store_path) as store:
        load_ontology(store)
        start = store.triple_count()
        (corpus / "first").mkdir()
        for path in make_corpus(corpus / "first", 1):
            store.replace_graph(*_graph(process_document(path)))
        per_copy = max(store.triple_count() - start, 1)
        copies = max(target // per_copy, 1)
        (corpus / "rest").mkdir()
        for path in make_corpus(corpus / "rest", copies - 1):
            store.replace_graph(*_graph(process_document(path)))
        print(f"store: {store.triple_count():,} quads in {len(store.named_graphs())} graphs")
    return store_path


def _graph(processed) -> tuple:
    return processed.graph_iri, processed.graph


def lookup_iris(store_path: Path) -> tuple[str, str]:
    """A document IRI (minted per document: a few rows) and a provider IRI.

    The samples are copied, so a provider (and a membership) is named by every
    copy and its lookup returns hundreds of rows, duplicates included.
    """
    from graphbuild.store import GraphStore

    document = f"SELECT ?d WHERE {{ ?d a <{CKG}SourceDocument> }} ORDER BY ?d LIMIT 1"
    provider = f"SELECT ?p WHERE {{ ?m <{CKG}provider> ?p }} ORDER BY ?p LIMIT 1"
    with GraphStore.open(store_path, read_only=True) as store:
        first = next(iter(store.query(document)))["d"].value
        return first, next(iter(store.query(provider)))["p"].value


def oxigraph_binary() -> Path:
    """The `oxigraph` CLI of the same version as pyoxigraph, in a venv outside the project."""
    import pyoxigraph

    binary = OXIGRAPH_VENV / "bin" / "oxigraph"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(OXIGRAPH_VENV)], check=True)
        pip = [str(OXIGRAPH_VENV / "bin" / "pip"), "install", "-q"]
        subprocess.run([*pip, f"oxigraph=={pyoxigraph.__version__}"], check=True)
    return binary


def serve_bare(port: int) -> None:
    """Child process: the ceiling, a constant answer under the same waitress config."""
    import logging

    import waitress

    logging.getLogger("waitress").setLevel(logging.ERROR)
    from flask import Flask, Response

    app = Flask("bare")
    body = b'{"head":{"vars":["n"]},"results":{"bindings":[]}}'

    @app.get("/sparql")
    def constant() -> Response:
        return Response(body, mimetype=ACCEPT)

    waitress.serve(app, host="127.0.0.1", port=port, threads=WAITRESS_THREADS, _quiet=True)


def serve_minimal(port: int, store_path: str) -> None:
    """Child process: the engine inside Flask with nothing else, under the same waitress config."""
    import logging

    import pyoxigraph as ox
    import waitress

    logging.getLogger("waitress").setLevel(logging.ERROR)
    from flask import Flask, Response, request

    store = ox.Store.read_only(store_path)
    app = Flask("minimal")

    @app.get("/sparql")
    def answer() -> Response:
        solutions = store.query(request.args["query"], use_default_graph_as_union=True)
        if isinstance(solutions, ox.QueryBoolean):
            return Response(str(solutions).lower(), mimetype="text/plain")
        body = solutions.serialize(format=ox.QueryResultsFormat.JSON)
        return Response(body, mimetype=ACCEPT)

    waitress.serve(app, host="127.0.0.1", port=port, threads=WAITRESS_THREADS, _quiet=True)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(name: str, store: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    me = [sys.executable, __file__]
    carekg = [
        str(Path(sys.executable).parent / "carekg"),
        "serve",
        "--store",
        str(store),
        "--port",
        str(port),
        "--threads",
        str(WAITRESS_THREADS),
        "--workers",
        str(workers),
    ]
    commands = {
        "carekg": carekg,
        "carekg-nocache": carekg,
        "oxigraph": [str(oxigraph_binary()), "serve-read-only", "--location", str(store),
                     "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        "minimal": [*me, "--serve-minimal", str(port), str(store)],
        "bare": [*me, "--serve-bare", str(port)],
    }  # fmt: skip
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = {**os.environ, "CAREKG_ANSWER_CACHE_BYTES": "0"} if name == "carekg-nocache" else None
    process = subprocess.Popen(commands[name], env=env, **quiet)
    path = "/query" if name == "oxigraph" else "/sparql"
    base = f"http://127.0.0.1:{port}{path}"
    wait_ready(base + "?" + urllib.parse.urlencode({"query": "ASK {}"}))
    return process, base


def wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(urllib.request.Request(url), timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def answer_rows(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept": ACCEPT})
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(json.loads(response.read())["results"]["bindings"])


def wrk(url: str, clients: int, seconds: float) -> dict[str, float]:
    """One bounded wrk run: requests/s and p50/p99 latency in ms."""
    command = ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "--latency", "-H", f"Accept: {ACCEPT}", url]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors or "Socket errors" in out:
        print(out, file=sys.stderr)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run(args: argparse.Namespace) -> list[dict]:
    if shutil.which("wrk") is None:
        raise SystemExit("bench/http.py needs wrk: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_store(Path(tmp), args.triples)
        document, provider = lookup_iris(store)
        queries = {
            "point lookup": f"SELECT ?p ?o WHERE {{ <{document}> ?p ?o }}",
            "provider lookup": f"SELECT ?p ?o WHERE {{ <{provider}> ?p ?o }}",
            "aggregate": AGGREGATE,
        }
        servers: dict[str, tuple[subprocess.Popen, str]] = {}
        try:
            for name in SERVERS:
                servers[name] = start(name, store, args.workers)
            return measure({n: base for n, (_, base) in servers.items()}, queries, args)
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait(timeout=30)


def measure(bases: dict[str, str], queries: dict[str, str], args) -> list[dict]:
    """Servers measured back to back for each (query, clients), `--repeat` times: medians.

    All three servers stay up (idle when not measured), so a burst of other
    load on the machine hits them alike and the ratios hold better.
    """
    runs: dict[tuple[str, str, int], list[dict]] = {}
    answers: dict[tuple[str, str], int] = {}
    for _ in range(args.repeat):
        for label, query in queries.items():
            for clients in args.clients:
                for server, base in bases.items():
                    key = (server, "constant" if server == "bare" else label, clients)
                    if server == "bare" and label != next(iter(queries)):
                        continue
                    if server in LOOKUP_ONLY and "lookup" not in label:
                        continue
                    url = base + "?" + urllib.parse.urlencode({"query": query})
                    if (server, label) not in answers:
                        answers[server, label] = answer_rows(url)
                        wrk(url, 8, 1)  # warm-up
                    runs.setdefault(key, []).append(wrk(url, clients, args.seconds))
                    print(json.dumps({"run": key, **runs[key][-1]}), flush=True)
    rows = []
    for (server, label, clients), stats in runs.items():
        row = {"server": server, "query": label, "clients": clients,
               "rows": answers.get((server, label), 0)}  # fmt: skip
        for field in ("rps", "p50", "p99"):
            row[field] = statistics.median(s[field] for s in stats)
        row["runs"] = [s["rps"] for s in stats]
        rows.append(row)
    return sorted(rows, key=lambda r: (SERVERS.index(r["server"]), r["query"], r["clients"]))


def table(rows: list[dict]) -> str:
    lines = ["| server | query | clients | requests/s | p50 ms | p99 ms | rows |",
             "| --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for r in rows:
        lines.append(f"| {r['server']} | {r['query']} | {r['clients']} | {r['rps']:,.0f} | "
                     f"{r['p50']:.2f} | {r['p99']:.2f} | {r['rows']} |")  # fmt: skip
    return "\n".join(lines)


def ratios(rows: list[dict], clients: int) -> str:
    """Goal ratios at `clients`, run by run (each pair measured back to back): median [min-max]."""

    def runs(server: str, query: str) -> list[float]:
        key = (server, query, clients)
        match = [r["runs"] for r in rows if (r["server"], r["query"], r["clients"]) == key]
        return match[0] if match else []

    def ratio(a: tuple[str, str], b: tuple[str, str]) -> str:
        pairs = [x / y for x, y in zip(runs(*a), runs(*b), strict=False) if y]
        if not pairs:
            return "n/a"
        return f"{statistics.median(pairs):.0%} [{min(pairs):.0%}-{max(pairs):.0%}]"

    bare = ("bare", "constant")
    point = {name: (name, "point lookup") for name in SERVERS}
    return (
        f"At {clients} clients, median [min-max] of per-run ratios: "
        f"aggregate carekg/oxigraph {ratio(('carekg', 'aggregate'), ('oxigraph', 'aggregate'))}"
        f" (goal >= 80%); point lookup carekg/bare {ratio(point['carekg'], bare)}"
        f" (goal >= 50%); carekg-nocache/bare {ratio(point['carekg-nocache'], bare)};"
        f" minimal/bare {ratio(point['minimal'], bare)};"
        f" carekg/oxigraph {ratio(point['carekg'], point['oxigraph'])}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell (median)")
    parser.add_argument("--store", type=Path, help="reuse a built store (else one is built)")
    parser.add_argument("--keep-store", type=Path, help="build the store here and keep it")
    parser.add_argument("--workers", type=int, default=2, help="QUERY_WORKERS for carekg")
    parser.add_argument("--serve-bare", metavar="PORT", help=argparse.SUPPRESS)
    hidden = argparse.SUPPRESS
    parser.add_argument("--serve-minimal", nargs=2, metavar=("PORT", "STORE"), help=hidden)
    args = parser.parse_args()
    if args.serve_bare:
        return serve_bare(int(args.serve_bare))
    if args.serve_minimal:
        return serve_minimal(int(args.serve_minimal[0]), args.serve_minimal[1])
    if args.keep_store:
        args.keep_store.mkdir(parents=True)
        args.store = build_store(args.keep_store, args.triples)
    rows = run(args)
    print(table(rows))
    print(json.dumps(rows))
    print(ratios(rows, 8 if 8 in args.clients else args.clients[0]))


if __name__ == "__main__":
    main()
