"""Exports for other tools, each read back: GraphML and GEXF give the same nodes and edges,
cq-csv one CSV per competency question, JSON-LD the same graph with the published context."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from graphbuild.network_export import context
from graphbuild.resources import data_dir, queries_dir
from graphbuild.store import GraphStore

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_read_back_to_the_same_nodes_and_edges(
    fmt: str, run, network, tmp_path: Path
) -> None:
    out = tmp_path / f"market.{fmt}"
    result = run("export", "-o", str(out))  # format from the suffix
    assert result.exit_code == 0, result.output
    back = READERS[fmt](out)
    assert set(back.nodes) == set(network.nodes)
    assert {(s, t, d["relation"]) for s, t, d in back.edges(data=True)} == {
        (s, t, r) for s, t, r in network.edges(keys=True)
    }
    choices = "https://w3id.org/carekg/id/organisation/choices-care"
    attrs = back.nodes[choices]
    assert attrs["type"] == "provider" and attrs["iri"] == choices
    assert attrs["label"] == "Choices Care"


def test_graphml_to_stdout(run) -> None:
    result = run("export", "--format", "graphml")
    assert result.output.lstrip().startswith("<?xml") and "<graphml" in result.output


def test_cq_csv_writes_one_file_per_question(run, tmp_path: Path) -> None:
    folder = tmp_path / "cq"
    result = run("export", "--format", "cq-csv", "-o", str(folder))
    assert result.exit_code == 0, result.output
    expected = {p.stem + ".csv" for p in queries_dir().glob("cq*.rq")}
    assert {p.name for p in folder.iterdir()} == expected and len(expected) == 13
    rows = list(csv.DictReader((folder / "cq01-providers-on-lots.csv").open(encoding="utf-8")))
    assert any("Choices Care" in row.values() for row in rows)


def test_cq_csv_needs_a_folder(run) -> None:
    result = run("export", "--format", "cq-csv")
    assert result.exit_code != 0 and "give -o FOLDER" in result.output


def test_jsonld_is_compacted_with_the_published_context(
    run, store_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "carekg.jsonld"
    assert run("export", "-o", str(out)).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    published = json.loads((data_dir("ontology") / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"] == context()
    membership = next(n for n in doc["@graph"] if n.get("type") == "LotMembership")
    assert {"id", "lot", "provider", "label"} <= set(membership)  # short keys, not IRIs
    back = rdflib.Graph().parse(out, format="json-ld")
    with GraphStore.open(store_path, read_only=True) as store:
        source = store.to_rdflib_graph()
    assert len(back) == len(source)
    assert isomorphic(back, source)
