"""Build throughput: the bundled samples copied many times, through the real build path.

Why: `carekg build` must stay fast enough to rebuild a council's whole FOI
archive in minutes. This runs the same steps as the command for each
document (`pipeline.process_document` then `GraphStore.replace_graph`) and
reports documents/s, triples/s and peak RSS (ru_maxrss, so no tracing
overhead distorts the timing).

    .venv/bin/python bench/build.py               # 5 samples x 200 copies
    .venv/bin/python bench/build.py --copies 20   # quicker
"""

from __future__ import annotations

import _isolate  # noqa: F401  (first: bench/http.py must not shadow the stdlib http)

# isort: split

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from graphbuild.errors import CarekgError
from graphbuild.identity import DEFAULT_BASE
from graphbuild.resources import examples_dir
from graphbuild.store import GraphStore, load_ontology


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """Copy every sample `copies` times under distinct names (so distinct graphs)."""
    samples = sorted(examples_dir().glob("*.txt"))
    paths = []
    for n in range(copies):
        for sample in samples:
            target = folder / f"c{n:04d}_{sample.name}"
            shutil.copyfile(sample, target)
            paths.append(target)
    return paths


def build(paths: list[Path], store: GraphStore) -> dict[str, float]:
    """Process and store each document exactly as `carekg build` does."""
    from graphbuild.pipeline import process_document

    triples = facts = failures = 0
    storing = 0.0
    start = time.perf_counter()
    load_ontology(store)
    for path in paths:
        try:
            doc = process_document(path, DEFAULT_BASE)
            before = time.perf_counter()
            store.replace_graph(doc.graph_iri, doc.graph)
            storing += time.perf_counter() - before
        except CarekgError:
            failures += 1
            continue
        triples += len(doc.graph)
        facts += doc.facts
    store.flush()
    elapsed = time.perf_counter() - start
    return {
        "documents": len(paths) - failures,
        "failures": failures,
        "facts": facts,
        "triples": triples,
        "seconds": round(elapsed, 2),
        "of_which_replace_graph_s": round(storing, 2),
        "documents_per_s": round((len(paths) - failures) / elapsed, 1),
        "triples_per_s": round(triples / elapsed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        paths = make_corpus(corpus, args.copies)
        with GraphStore.open(Path(tmp) / "store") as store:
            result = build(paths, store)
            result["stored_quads"] = store.triple_count()
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
