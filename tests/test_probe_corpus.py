"""Regression guard on the probe responses: invented FOI letters in layouts the samples lack.

Each round was written blind (documents and gold before anyone looked at the code), scored,
and the general faults it showed were fixed; the rounds stay here so that those layouts keep
working. Thresholds sit just under today's scores: precision first, since a wrong fact is
worse than a missing one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.evaluate import evaluate

PROBES = Path(__file__).parent / "data" / "probes"


@pytest.mark.parametrize(
    ("round_name", "min_precision", "min_f1"),
    [
        ("round1", 0.83, 0.80),
        ("round2", 0.90, 0.85),
        ("round3", 0.82, 0.78),
        ("round4", 0.85, 0.79),
        ("round5", 0.66, 0.62),
    ],
)
def test_probe_round_keeps_its_scores(round_name: str, min_precision: float, min_f1: float) -> None:
    report = evaluate(PROBES / round_name / "docs", PROBES / round_name / "gold")
    assert not report.failures
    overall = report.overall
    assert overall.precision >= min_precision and overall.f1 >= min_f1, [
        (s.name, round(s.precision, 2), round(s.recall, 2)) for s in report.scores
    ]


def test_every_probe_response_builds_into_a_graph_that_conforms(tmp_path: Path) -> None:
    """Facts from one sentence or one table are separate nodes (no two values on one node),
    and no date contradicts another: the shapes hold on every layout the probes cover."""
    from graphbuild.pipeline import process_document
    from graphbuild.store import GraphStore, load_ontology
    from graphbuild.validate import validate_store

    with GraphStore.open(tmp_path / "store") as store:
        load_ontology(store)
        for path in sorted(PROBES.glob("*/docs/*")):
            processed = process_document(path)
            store.replace_graph(processed.graph_iri, processed.graph)
        report = validate_store(store)
    assert report.conforms, report.lines[:10]
