"""/explore, /api/network and /api/analysis over the samples."""

from __future__ import annotations

import re

from tests.market.conftest import ON_BOTH_LOTS


def test_network_json_has_the_samples_nodes_edges_and_filters(client) -> None:
    data = client.get("/api/network").get_json()
    kinds = {}
    for node in data["nodes"]:
        kinds[node["type"]] = kinds.get(node["type"], 0) + 1
    assert kinds == {"council": 1, "framework": 1, "lot": 2, "provider": 21, "contract": 2}
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert len(data["edges"]) == 35
    assert [c["label"] for c in data["councils"]] == ["Leicester City Council"]
    assert "domiciliary care" in {s["label"] for s in data["services"]}


def test_providers_on_both_lots_are_marked_shared_and_link_to_their_pages(client) -> None:
    nodes = client.get("/api/network").get_json()["nodes"]
    shared = [n for n in nodes if n["shared"]]
    assert {n["label"] for n in shared} == ON_BOTH_LOTS
    assert all(n["lots"] == 2 and n["degree"] == 2 for n in shared)
    choices = next(n for n in nodes if n["label"] == "Choices Care")
    assert choices["href"] == "/id/organisation/choices-care"
    assert client.get(choices["href"]).status_code == 200


def test_money_is_given_with_its_period(client) -> None:
    nodes = client.get("/api/network").get_json()["nodes"]
    lot1 = next(n for n in nodes if n["label"] == "Lot 1")
    assert (lot1["value"], lot1["period"]) == (166600000.0, "7 years")
    framework = next(n for n in nodes if n["type"] == "framework")
    assert framework["value"] is None


def test_analysis_endpoint_serves_the_cli_figures(client) -> None:
    data = client.get("/api/analysis").get_json()
    assert {o["label"] for o in data["lot_overlaps"]} == ON_BOTH_LOTS
    assert data["components"][0]["size"] == 27
    dom = next(r for r in data["concentration"] if r["service_label"] == "domiciliary care")
    assert dom["hhi"] is None and dom["hhi_note"]


def test_explore_page_loads_cytoscape_from_this_server(client) -> None:
    html = client.get("/explore").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert "/static/vendor/cytoscape/cytoscape.min.js" in scripts
    assert all(s.startswith("/static/") for s in scripts)
    assert 'data-src="/api/network"' in html


def test_explore_page_says_how_to_install_a_missing_viewer(make_app, tmp_path) -> None:
    app = make_app(TESTING=True)
    app.static_folder = str(tmp_path)  # no vendor copy here
    html = app.test_client().get("/explore").get_data(as_text=True)
    assert 'id="vendor-missing"' in html and "make assets" in html
    assert 'cytoscape.min.js"></script>' not in html
