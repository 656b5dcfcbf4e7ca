"""Market fixtures: the samples' store (built once, closed, as the server tests build it),
its network, and a CLI runner pointed at it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from graphbuild.cli import cli
from graphbuild.network import build_network
from graphbuild.store import GraphStore
from tests.server.conftest import store_path  # noqa: F401  (reused as-is)

LOT_1 = "Lot 1"
LOT_2 = "Lot 2"
ON_BOTH_LOTS = {
    "Adaptus Care Limited",
    "Bluewood Recruitment Ltd",
    "Bonney Care Agency Ltd",
    "Care 4U (Leicestershire) Limited",
    "Choices Care",
    "City & County Care Services (UK)",
    "Evolving Care Limited",
    "Help at Home (Egerton Lodge) Ltd",
    "Private Home Care UK LTD",
}
"""The samples' providers named in both lots' lists (issue 5's "done when")."""


@pytest.fixture(scope="session")
def network(store_path: Path) -> nx.MultiDiGraph:  # noqa: F811
    with GraphStore.open(store_path, read_only=True) as store:
        return build_network(store)


@pytest.fixture()
def run(store_path: Path) -> Callable[..., Result]:  # noqa: F811
    """`carekg --store <samples> ARGS...` in-process."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--store", str(store_path), *args], catch_exceptions=False)

    return invoke
