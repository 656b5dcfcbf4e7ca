"""The issue's user, in a real browser: run a competency question in YASGUI, open a provider,
follow its evidence to the highlighted quote in the source document."""

from __future__ import annotations

import re

from tests.browser.conftest import ARTIFACTS

TIMEOUT_MS = 30_000


def test_run_cq01_and_see_provider_rows(page, live_url: str) -> None:
    page.goto(f"{live_url}/", wait_until="load")
    page.click('button.example[data-cq="CQ01"]')
    page.wait_for_selector(".tabPanel.active .CodeMirror")
    assert "CQ01" in page.inner_text(".tabPanel.active .CodeMirror")
    page.click(".tabPanel.active .yasqe_queryButton")
    table = page.wait_for_selector(
        ".tabPanel.active .yasr table.dataTable tbody tr td", timeout=TIMEOUT_MS
    )
    assert table is not None
    text = page.inner_text(".tabPanel.active .yasr table.dataTable")
    assert "Choices Care" in text
    rows = page.locator(".tabPanel.active .yasr table.dataTable tbody tr").count()
    assert rows > 10
    page.screenshot(path=str(ARTIFACTS / "query-cq01.png"), full_page=True)
    assert page.foreign_requests == []


def test_result_iris_open_their_page_here(page, live_url: str) -> None:
    """A result IRI under BASE_IRI links to this server's /id/ page, not to w3id.org."""
    page.goto(f"{live_url}/", wait_until="load")
    page.evaluate(
        "carekgYasgui.getTab().setQuery('PREFIX ckg: <https://w3id.org/carekg/ontology#> "
        "SELECT ?p WHERE { ?p a ckg:Provider } ORDER BY ?p LIMIT 3'); null"
    )
    page.click(".tabPanel.active .yasqe_queryButton")
    link = page.wait_for_selector(
        ".tabPanel.active .yasr table.dataTable tbody a[href]", timeout=TIMEOUT_MS
    )
    link.click()
    page.wait_for_url(re.compile(r".*/id/organisation/[a-z0-9-]+$"))
    assert page.url.startswith(live_url)
    assert page.locator("a.evidence-link").count() >= 1


def test_provider_evidence_leads_to_highlighted_quote(page, live_url: str) -> None:
    page.goto(f"{live_url}/", wait_until="load")
    page.click("#browse a:text-is('Choices Care')")
    page.wait_for_url(f"{live_url}/id/organisation/choices-care")
    assert page.inner_text("h1") == "Choices Care"
    page.screenshot(path=str(ARTIFACTS / "provider-choices-care.png"), full_page=True)
    page.click("a.evidence-link")
    page.wait_for_url(re.compile(r".*/doc/.*#\d+-\d+$"))
    span = page.url.rsplit("#", 1)[1]
    mark = page.locator(f'mark[id="{span}"]')
    assert mark.inner_text() == "Choices Care"
    assert "Provider" in (mark.get_attribute("title") or "")
    assert page.evaluate("document.querySelector(':target')?.id") == span
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]  # scrolled to it
    page.screenshot(path=str(ARTIFACTS / "document-evidence.png"))
    assert page.foreign_requests == []


def test_every_competency_question_runs(page, live_url: str) -> None:
    """Each of the 13 examples opens in its own tab and gets an answer, not an error."""
    page.goto(f"{live_url}/", wait_until="load")
    buttons = page.locator("button.example")
    assert buttons.count() == 13
    answered = {}
    for i in range(13):
        cq = buttons.nth(i).get_attribute("data-cq")
        buttons.nth(i).click()
        panel = ".tabPanel.active"
        page.wait_for_function(
            f"document.querySelector('{panel} .CodeMirror').CodeMirror.getValue().includes('{cq}:')"
        )
        page.click(f"{panel} .yasqe_queryButton")
        chip = page.wait_for_selector(
            f"{panel} .yasr_response_chip:has-text('result'), {panel} .yasr .errorResult",
            timeout=TIMEOUT_MS,
        )
        answered[cq] = chip.inner_text()
    assert all(re.match(r"\d+ results? in", text) for text in answered.values()), answered
    names = page.evaluate("Object.values(carekgYasgui._tabs).map(t => t.getName())")
    assert {f"CQ{n:02d}" for n in range(1, 14)} <= set(names)
    assert page.foreign_requests == []
