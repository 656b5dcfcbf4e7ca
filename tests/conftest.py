"""Shared fixtures: the bundled samples built once into a store for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.pipeline import process_document
from graphbuild.resources import examples_dir, queries_dir
from graphbuild.store import GraphStore, load_ontology

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(p for p in examples_dir().iterdir() if p.suffix == ".txt")


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, sample_paths: list[Path]) -> GraphStore:
    """The five samples built exactly as `carekg build` builds them."""
    store = GraphStore.open(tmp_path_factory.mktemp("kg") / "store")
    load_ontology(store)
    for path in sample_paths:
        processed = process_document(path)
        store.replace_graph(processed.graph_iri, processed.graph)
    store.flush()
    return store


@pytest.fixture(scope="session")
def query_files() -> dict[str, Path]:
    return {p.name[:4]: p for p in sorted(queries_dir().glob("cq[0-9][0-9]-*.rq"))}
