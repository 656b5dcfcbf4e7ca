"""Server fixtures: the bundled samples built once into a closed store, and an app over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from graphbuild.pipeline import process_document
from graphbuild.resources import examples_dir
from graphbuild.store import GraphStore, load_ontology
from server import create_app
from tests.server.helpers import TEST_TIMEOUT


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the five samples built as `carekg build` builds them, then closed.

    It is closed so the app (and its query workers) can open it read-only.
    """
    path = tmp_path_factory.mktemp("server") / "store"
    with GraphStore.open(path) as store:
        load_ontology(store)
        for sample in sorted(p for p in examples_dir().iterdir() if p.suffix == ".txt"):
            processed = process_document(sample)
            store.replace_graph(processed.graph_iri, processed.graph)
    return path


@pytest.fixture(scope="session")
def make_app(store_path: Path) -> Iterator[Callable[..., Flask]]:
    """Factory for apps with extra settings; their query workers are stopped at the end."""
    made: list[Flask] = []

    def make(**settings: object) -> Flask:
        config = {
            "STORE": str(store_path),
            "TESTING": True,
            "QUERY_WORKERS": 2,
            "QUERY_TIMEOUT": TEST_TIMEOUT,
        }
        app = create_app({**config, **settings})
        made.append(app)
        return app

    yield make
    for app in made:
        service = app.extensions.get("carekg.queries")
        if service is not None:
            service.close()


@pytest.fixture(scope="session")
def app(make_app: Callable[..., Flask]) -> Flask:
    """One app for the session: two query workers (so one can hang while the other answers)."""
    return make_app()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
