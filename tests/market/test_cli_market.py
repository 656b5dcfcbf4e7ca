"""`carekg analyse`, `carekg viz` and the network exports, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.market.conftest import ON_BOTH_LOTS


def test_analyse_lists_the_providers_on_both_lots(run) -> None:
    result = run("analyse")
    assert result.exit_code == 0, result.output
    assert "Providers on more than one lot of a framework (9)" in result.output
    for name in ON_BOTH_LOTS:
        assert name in result.output
    assert "no contracts: providers on framework lots have no stated shares" in result.output


def test_analyse_json_has_every_section(run) -> None:
    result = run("analyse", "--format", "json")
    data = json.loads(result.output)
    assert {o["label"] for o in data["lot_overlaps"]} == ON_BOTH_LOTS
    assert data["betweenness_sampled_from"] is None  # small: exact
    assert set(data) == {
        "nodes",
        "edges",
        "betweenness_sampled_from",
        "lot_overlaps",
        "council_overlaps",
        "centrality",
        "concentration",
        "components",
    }


def test_viz_writes_png_svg_and_standalone_html(run, tmp_path: Path) -> None:
    for name in ("market.png", "market.svg", "market.html"):
        result = run("viz", "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    assert (tmp_path / "market.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "market.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Choices Care" in svg
    page = (tmp_path / "market.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "<script" not in page and 'src="http' not in page  # nothing fetched


def test_viz_of_one_council_or_framework(run, tmp_path: Path) -> None:
    result = run("viz", "-o", str(tmp_path / "f.svg"), "--framework", "domiciliary care support")
    assert "22 nodes" in result.output  # framework, 2 lots, 19 providers
    assert "Enham" not in (tmp_path / "f.svg").read_text(encoding="utf-8")
    result = run("viz", "-o", str(tmp_path / "c.png"), "--council", "Leicester City Council")
    assert "27 nodes" in result.output


def test_viz_refuses_unknown_suffix_and_unknown_council(run, tmp_path: Path) -> None:
    assert run("viz", "-o", str(tmp_path / "x.gif")).exit_code != 0
    result = run("viz", "-o", str(tmp_path / "x.png"), "--council", "Atlantis")
    assert result.exit_code == 1 and "nothing matches 'Atlantis'" in result.output
