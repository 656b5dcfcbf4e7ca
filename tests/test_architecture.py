"""Rules of the codebase that keep extraction general and the data flow one-way."""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTRACTION = (
    sorted((ROOT / "graphbuild" / "extractors").glob("*.py"))
    + sorted((ROOT / "graphbuild" / "parsing").glob("*.py"))
    + sorted((ROOT / "graphbuild" / "readers").glob("*.py"))
)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", EXTRACTION, ids=lambda p: p.name)
def test_extraction_code_knows_no_rdf_web_or_other_extractors(path: Path) -> None:
    for module in imports(path):
        assert not module.startswith(("rdflib", "flask", "pyoxigraph", "server")), module
        if path.parent.name == "extractors":
            assert not module.startswith("graphbuild.extractors"), module


def test_graphbuild_never_imports_the_server() -> None:
    for path in (ROOT / "graphbuild").rglob("*.py"):
        assert not any(m.startswith("server") for m in imports(path)), path


def sample_specifics() -> set[str]:
    """Names, figures and file names from the samples and the development corpus.

    None may appear in extraction code: it must work on responses nobody here has seen.
    """
    found: set[str] = set()
    data = ROOT / "tests" / "data"
    for path in [*(data / "expected").glob("*.csv"), *(data / "dev" / "expected").glob("*.csv")]:
        for row in csv.DictReader(path.open(encoding="utf-8")):
            for column in (
                "provider",
                "organisation",
                "council",
                "framework",
                "aliases",
                "contract",
            ):
                for value in (row.get(column) or "").split("|"):
                    if len(value.strip()) > 4:
                        found.add(value.strip().lower())
            for column in ("value", "minPrice", "maxPrice", "avgPrice"):
                if len(row.get(column) or "") >= 4:
                    found.add(row[column])
    found |= {p.stem.split("_")[-1] for p in (ROOT / "examples").rglob("*.txt")}
    found |= {p.stem for p in (data / "dev" / "docs").glob("*.txt")}
    for path in (data / "probes").glob("*/gold/*.json"):  # the invented probe responses too
        found |= _gold_names(json.loads(path.read_text(encoding="utf-8")))
        found.add(path.stem)
    return found


def _gold_names(gold: dict) -> set[str]:
    """Body names a gold annotation records: publisher, organisations, frameworks, providers."""
    names = {(gold.get("source") or {}).get("publisher") or ""}
    names |= {  # national regulators are vocabulary, not something a response made up
        org.get("name") or ""
        for org in gold.get("organisations", [])
        if "regulator" not in (org.get("roles") or [])
    }
    for framework in gold.get("frameworks", []):
        names.add(framework.get("name") or "")
        for lot in framework.get("lots", []):
            names |= set(lot.get("providers") or [])
    for contract in gold.get("contracts", []):
        names |= set(contract.get("providers") or [])
    return {name.strip().lower() for name in names if len(name.strip()) > 4}


@pytest.mark.parametrize("path", EXTRACTION, ids=lambda p: p.name)
def test_no_sample_specific_names_figures_or_files(path: Path) -> None:
    code = path.read_text(encoding="utf-8").lower()
    leaked = [s for s in sample_specifics() if re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", code)]
    assert not leaked, f"{path.name} mentions {leaked}"
