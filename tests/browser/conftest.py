"""Browser-test fixtures: the app under waitress on a free port, and Debian's headless chromium.

The browser is the system's /usr/bin/chromium driven by the playwright
package (`make browser` installs it); `playwright install` is never used.
Without chromium, playwright or the YASGUI assets these tests skip, except in
CI (CI=true), where a missing piece is a set-up bug and must fail.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.server.conftest import app, make_app, store_path  # noqa: F401  (reused as-is)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; `make test` should have installed it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_url(app: Flask) -> Iterator[str]:  # noqa: F811
    """The app served by waitress on 127.0.0.1 and a free port, in a daemon thread."""
    from waitress.server import create_server

    vendor = Path(app.static_folder or "") / "vendor/yasgui/yasgui.min.js"
    if not vendor.is_file():
        _missing("YASGUI assets not installed (run `make assets`)")
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        _missing(f"{CHROMIUM} not installed (run `make browser`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, live_url: str) -> Iterator[object]:
    """A fresh page that records requests to any host other than the app's."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.foreign_requests = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((live_url, "data:", "blob:"))
            else page.foreign_requests.append(r.url)
        ),
    )
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    context.close()
