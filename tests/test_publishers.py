"""A response from an NHS body is published by a public body, not a council."""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import RDF

from graphbuild.pipeline import process_document
from graphbuild.validate import validate_graph

CKG = Namespace("https://w3id.org/carekg/ontology#")

LETTER = """NHS Harrowdale Integrated Care Board
Freedom of Information Team

Our ref: HICB-FOI-2024-0311
Date of response: 12 June 2024

1. How many people received NHS Continuing Healthcare at home on 31 March 2024?

Response: 214 people as at 31 March 2024.
"""


def test_an_integrated_care_board_is_a_public_body_and_not_a_council(tmp_path: Path) -> None:
    path = tmp_path / "icb.txt"
    path.write_text(LETTER, encoding="utf-8")
    graph = process_document(path).graph
    publishers = set(graph.subjects(RDF.type, CKG.PublicBody))
    assert len(publishers) == 1
    assert not set(graph.subjects(RDF.type, CKG.Council))
    assert validate_graph(graph).conforms
