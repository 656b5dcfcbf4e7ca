"""Regression guard: extraction on the development corpus must not fall below today's level.

The corpus is 11 real responses from three councils that the samples do not
cover. Scores are measured two ways: fact types against the gold annotations
(`carekg eval`), and competency answers against the expected CSVs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.corpus import PublisherHints
from graphbuild.evaluate import evaluate
from graphbuild.pipeline import process_document
from graphbuild.results import render_csv
from graphbuild.scoring import CQ_SPEC, match_rows, total
from graphbuild.store import GraphStore
from tests.cq_compare import read_rows

DEV = Path(__file__).parent / "data" / "dev"
SEEDS_GOLD = Path(__file__).parent / "data" / "seeds-gold"


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    paths = sorted((DEV / "docs").glob("*.txt"))
    hints = PublisherHints.from_paths(paths)
    store = GraphStore.open(tmp_path_factory.mktemp("dev") / "store")
    for path in paths:
        processed = process_document(path, hints=hints)
        store.replace_graph(processed.graph_iri, processed.graph)
    return store


def test_fact_types_against_gold_on_the_dev_corpus() -> None:
    report = evaluate(DEV / "docs", DEV / "gold")
    assert not report.failures
    assert report.overall.f1 >= 0.95 and report.overall.precision >= 0.95, [
        (s.name, round(s.f1, 2)) for s in report.scores
    ]
    by_type = {s.name: s for s in report.scores}
    for name in ("source", "organisations", "areas", "refusals"):
        assert by_type[name].f1 == 1.0, (name, by_type[name].missing, by_type[name].extra)


def test_fact_types_against_gold_on_the_samples(sample_paths) -> None:
    report = evaluate(sample_paths[0].parent, SEEDS_GOLD)
    assert report.overall.f1 == 1.0, [(s.name, s.missing, s.extra) for s in report.scores]


def test_competency_answers_on_the_dev_corpus(dev_store: GraphStore, query_files) -> None:
    scores = []
    for name, (keys, values) in CQ_SPEC.items():
        expected_file = DEV / "expected" / f"{name}.csv"
        if not expected_file.exists():
            continue
        got = read_rows(render_csv(dev_store.query(query_files[name].read_text())))
        expected = read_rows(expected_file.read_text())
        scores.append(match_rows(name, keys, values, expected, got))
    overall = total(scores)
    assert overall.f1 >= 0.925 and overall.precision >= 0.925, [
        (s.name, round(s.precision, 2), round(s.recall, 2)) for s in scores
    ]
