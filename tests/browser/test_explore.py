"""The market explorer in headless Chromium: it draws the samples, filters, searches, and a
click on a provider opens its linked-data page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, _missing
from tests.market.conftest import ON_BOTH_LOTS

TIMEOUT_MS = 30_000
VENDOR = Path(__file__).resolve().parents[2] / "server/static/vendor/cytoscape/cytoscape.min.js"


@pytest.fixture()
def explore(page, live_url: str):
    if not VENDOR.is_file():
        _missing("Cytoscape.js not installed (run `make assets`)")
    page.goto(f"{live_url}/explore", wait_until="load")
    page.wait_for_selector('#network[data-state="ready"]', timeout=TIMEOUT_MS)
    return page


def labels(page, selector: str) -> set[str]:
    """Labels of the shown nodes a Cytoscape selector picks (filters hide with class .hidden)."""
    script = f"carekgExplore.cy.$({selector!r}).filter(n => !n.hasClass('hidden'))"
    return set(page.evaluate(script + ".map(n => n.data('label'))"))


def test_explorer_shows_the_samples_and_highlights_providers_on_both_lots(explore) -> None:
    page = explore
    assert page.evaluate("carekgExplore.cy.nodes().length") == 27
    assert page.get_attribute("#network", "data-visible") == "27"
    assert labels(page, "node.shared") == ON_BOTH_LOTS
    assert {"Leicester City Council", "Lot 1", "Lot 2"} <= labels(page, "node")
    listed = page.locator("#shared li a").all_inner_texts()
    assert set(listed) == ON_BOTH_LOTS
    page.screenshot(path=str(ARTIFACTS / "explore.png"))
    assert page.foreign_requests == []


def test_filters_by_type_and_search_by_name(explore) -> None:
    page = explore
    page.uncheck('#types input[value="provider"]')
    assert page.get_attribute("#network", "data-visible") == "6"
    assert labels(page, "node[type = 'provider']") == set()
    page.check('#types input[value="provider"]')
    page.select_option("#service", label="direct payments support")
    assert labels(page, "node[type = 'provider']") == {"Enham"}
    page.select_option("#service", value="")
    page.fill("#search", "choices")
    page.wait_for_selector('#network[data-matches="1"]')
    assert labels(page, "node.match") == {"Choices Care"}
    page.uncheck("#highlight")
    assert labels(page, "node.shared") == set()


def test_council_filter_and_money_sizes(explore) -> None:
    page = explore
    page.select_option("#council", label="Leicester City Council")
    assert page.get_attribute("#network", "data-visible") == "27"
    page.select_option("#size", "money")
    sizes = page.evaluate(
        "Object.fromEntries(carekgExplore.cy.nodes().map(n => [n.data('label'), n.data('size')]))"
    )
    assert sizes["Lot 1"] > sizes["Lot 2"] > sizes["Choices Care"]


def test_click_on_a_provider_opens_its_page(explore, live_url: str) -> None:
    page = explore
    box = page.evaluate(
        """(() => {
          const n = carekgExplore.cy.nodes().filter(n => n.data('label') === 'Choices Care')[0];
          const p = n.renderedPosition();
          const r = document.getElementById('network').getBoundingClientRect();
          return {x: r.left + p.x, y: r.top + p.y};
        })()"""
    )
    page.mouse.click(box["x"], box["y"])
    page.wait_for_url(re.compile(r".*/id/organisation/choices-care$"), timeout=TIMEOUT_MS)
    assert page.url.startswith(live_url)
    assert page.inner_text("h1") == "Choices Care"


def synthetic_network(councils: int = 3, providers_each: int = 800) -> dict:
    """A network JSON too big to draw every link: providers_each providers per council."""
    nodes, edges = [], []
    for k in range(councils):
        council = f"c{k}"
        nodes.append(node(council, f"Council {k}", "council", [council]))
        nodes.append(node(f"l{k}", f"Lot {k}", "lot", [council]))
        edges.append({"source": council, "target": f"l{k}", "relation": "hasLot"})
        for i in range(providers_each):
            nodes.append(node(f"p{k}-{i}", f"Provider {k}-{i}", "provider", [council]))
            edges.append({"source": f"l{k}", "target": f"p{k}-{i}", "relation": "member"})
    councils_list = [{"id": f"c{k}", "label": f"Council {k}"} for k in range(councils)]
    return {"nodes": nodes, "edges": edges, "councils": councils_list, "services": []}


def node(iri: str, label: str, kind: str, councils: list[str]) -> dict:
    return {
        "id": iri,
        "label": label,
        "type": kind,
        "href": "/",
        "degree": 1,
        "value": None,
        "period": None,
        "services": [],
        "councils": councils,
        "lots": 1,
        "shared": False,
    }


def test_large_networks_draw_links_once_filtered(page, live_url: str) -> None:
    """Above the link limit the overview shows nodes only; picking a council brings links."""
    import json

    if not VENDOR.is_file():
        _missing("Cytoscape.js not installed (run `make assets`)")
    body = json.dumps(synthetic_network())
    page.route(
        "**/api/network",
        lambda route: route.fulfill(status=200, content_type="application/json", body=body),
    )
    page.goto(f"{live_url}/explore", wait_until="load")
    page.wait_for_selector('#network[data-state="ready"]', timeout=TIMEOUT_MS)
    shown_edges = "carekgExplore.cy.edges().filter(e => !e.hasClass('hidden')).length"
    assert page.evaluate("carekgExplore.large") is True
    assert page.evaluate(shown_edges) == 0
    assert "Links are drawn when" in page.inner_text("#counts")
    page.select_option("#council", "c1")
    assert page.get_attribute("#network", "data-visible") == "802"
    assert page.evaluate(shown_edges) == 801
