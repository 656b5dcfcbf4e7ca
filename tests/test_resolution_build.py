"""One provider across documents and councils, through a real `carekg build`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.parsing.names import parse_name
from graphbuild.resources import queries_dir
from graphbuild.results import render_csv
from graphbuild.store import GraphStore
from tests.cq_compare import read_rows

NORTH = """Northshire County Council
Freedom of Information request - Home care providers

1. Which providers are on your home care framework?

Our current providers are listed below:

Bright Care Ltd (Company No. 04567123)
Abbey Homecare (trading as Abbey Care)
Brigthwell Care Services Ltd
"""
SOUTH = """Southshire Council
Freedom of Information request - Home care providers

1. Which providers are on your home care framework?

Our current providers are listed below:

BRIGHT CARE LIMITED
Abbey Care
Brightwell Care Services Ltd
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    folder = tmp_path_factory.mktemp("letters")
    (folder / "north.txt").write_text(NORTH, encoding="utf-8")
    (folder / "south.txt").write_text(SOUTH, encoding="utf-8")
    path = tmp_path_factory.mktemp("kg") / "store"
    result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return GraphStore.open(path, read_only=True)


def ask(store: GraphStore, name: str) -> list[dict[str, str]]:
    query = next(queries_dir().glob(f"{name}-*.rq")).read_text()
    return read_rows(render_csv(store.query(query)))


def test_a_provider_named_by_two_councils_counts_two_councils(store: GraphStore) -> None:
    reach = {row["provider"]: row for row in ask(store, "cq07")}
    assert reach["Bright Care Ltd"]["councils"] == "2"
    assert reach["Abbey Homecare"]["councils"] == "2"


def test_every_spelling_is_kept_on_the_one_node(store: GraphStore) -> None:
    organisations = {row["organisation"]: row for row in ask(store, "cq12")}
    assert "BRIGHT CARE LIMITED" not in organisations
    assert organisations["Bright Care Ltd"]["aliases"] == "BRIGHT CARE LIMITED"
    assert organisations["Abbey Homecare"]["aliases"] == "Abbey Care"


def test_a_near_miss_is_a_scored_candidate_not_a_merge(store: GraphStore) -> None:
    organisations = {row["organisation"] for row in ask(store, "cq12")}
    assert {"Brightwell Care Services Ltd", "Brigthwell Care Services Ltd"} <= organisations
    rows = list(
        store.query(
            "PREFIX ckg: <https://w3id.org/carekg/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT DISTINCT ?score WHERE { ?m a ckg:MatchCandidate ; ckg:matchScore ?score ; "
            "ckg:candidate ?a, ?b . ?a skos:closeMatch ?b }"
        )
    )
    assert len(rows) == 1 and 0.8 <= float(rows[0]["score"].value) < 1


def test_registration_numbers_are_identifiers_not_names(store: GraphStore) -> None:
    rows = list(
        store.query(
            "PREFIX ckg: <https://w3id.org/carekg/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT DISTINCT ?number WHERE { ?o skos:prefLabel 'Bright Care Ltd' ; "
            "ckg:identifier ?i . ?i skos:notation ?number }"
        )
    )
    assert [r["number"].value for r in rows] == ["04567123"]
    assert parse_name("Bright Care Ltd (Company No. 04567123)").aliases == []


def test_a_place_in_brackets_is_part_of_a_franchise_name() -> None:
    assert parse_name("Home Instead Senior Care (Derby)").aliases == []
    assert parse_name("Carewatch (Purple Balm)").aliases == ["Purple Balm"]


def test_rebuilding_one_document_keeps_the_merged_node(store: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "north.txt").write_text(NORTH, encoding="utf-8")
    (folder / "south.txt").write_text(SOUTH, encoding="utf-8")
    path = tmp_path / "store"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["build", str(folder / "north.txt"), "--store", str(path)]).exit_code
        == 0
    )
    assert (
        runner.invoke(cli, ["build", str(folder / "south.txt"), "--store", str(path)]).exit_code
        == 0
    )
    with GraphStore.open(path, read_only=True) as kg:
        reach = {row["provider"]: row for row in ask(kg, "cq07")}
    assert reach["Bright Care Ltd"]["councils"] == "2"
