"""The market explorer at scale: a synthetic store with ~5,000 network nodes, served by the real
app under waitress, opened in Debian's headless chromium through playwright.

Why: the explorer must stay usable on a national-scale market, not only on
the samples. This measures, in the browser, the time from navigation to
the first complete render (fetch /api/network, build the Cytoscape graph,
lay it out, paint) and the latency of each interaction from the event to
the second animation frame after it (so the repaint is included). Server
side it times building the network from the store (first /api/network) and
the analysis (/api/analysis, sampled betweenness above 1,000 nodes).

    .venv/bin/python bench/explore.py                  # ~5,000 nodes, 5 repeats, median
    .venv/bin/python bench/explore.py --councils 10 --providers 1000 --repeats 3
"""

from __future__ import annotations

import _isolate  # noqa: F401  (first: bench/http.py must not shadow the stdlib http)

# isort: split

import sys
from pathlib import Path

# bench/http.py would shadow the standard library's http when this folder is on sys.path.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import random
import statistics
import tempfile
import threading
import time
import urllib.request

import pyoxigraph as ox

CKG = "https://w3id.org/carekg/ontology#"
BASE = "https://w3id.org/carekg/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
SERVICES = [
    "domiciliary-care",
    "residential-care",
    "supported-living",
    "day-opportunities",
    "advocacy",
    "direct-payments-support",
    "extra-care",
    "reablement",
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
SHOT_DIR = Path(__file__).resolve().parent.parent / "test-artifacts"
NEXT_PAINT = "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"


def n(path: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + path)


def c(term: str) -> ox.NamedNode:
    return ox.NamedNode(CKG + term)


def money(quads: list, node: ox.NamedNode, prop: str, amount: int, period: str, g) -> None:
    value = ox.NamedNode(node.value + "/value")
    dec = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    quads += [
        ox.Quad(node, c(prop), value, g),
        ox.Quad(value, c("amount"), ox.Literal(str(amount), datatype=dec), g),
        ox.Quad(value, c("period"), ox.Literal(period), g),
    ]


def synthetic_quads(
    councils: int, providers: int, contracts_each: int, seed: int = 5
) -> list[ox.Quad]:
    """Councils with 2 frameworks of 3 lots (~25 providers each) and ~40 contracts each.

    Providers are drawn from a regional pool shared by neighbouring councils,
    so some sit on several lots and councils, as in the real market.
    """
    rnd = random.Random(seed)
    quads: list[ox.Quad] = []
    for s in SERVICES:
        quads += [
            ox.Quad(n(f"service-area/{s}"), RDF_TYPE, c("ServiceArea"), ox.DefaultGraph()),
            ox.Quad(
                n(f"service-area/{s}"), PREF, ox.Literal(s.replace("-", " ")), ox.DefaultGraph()
            ),
        ]
    pool = [n(f"organisation/provider-{i}") for i in range(providers)]
    for i, p in enumerate(pool):
        quads += [
            ox.Quad(p, RDF_TYPE, c("Provider"), ox.DefaultGraph()),
            ox.Quad(p, PREF, ox.Literal(f"Provider {i} Care Ltd"), ox.DefaultGraph()),
        ]
    region = max(60, providers // councils * 2)
    contracts = contracts_each
    for k in range(councils):
        g = n(f"graph/council-{k}")
        council = n(f"council/council-{k}")
        quads += [
            ox.Quad(council, RDF_TYPE, c("Council"), g),
            ox.Quad(council, PREF, ox.Literal(f"Council {k}"), g),
        ]
        start = (k * providers // councils) % providers
        local = [pool[(start + j) % providers] for j in range(region)]
        for f in range(2):
            fw = n(f"framework/council-{k}/fw-{f}")
            quads += [
                ox.Quad(fw, RDF_TYPE, c("Framework"), g),
                ox.Quad(fw, PREF, ox.Literal(f"Council {k} framework {f}"), g),
                ox.Quad(fw, c("buyer"), council, g),
                ox.Quad(fw, c("service"), n(f"service-area/{rnd.choice(SERVICES)}"), g),
            ]
            for lot_no in range(1, 4):
                lot = ox.NamedNode(f"{fw.value}/lot/{lot_no}")
                quads += [
                    ox.Quad(lot, RDF_TYPE, c("Lot"), g),
                    ox.Quad(lot, PREF, ox.Literal(f"Lot {lot_no}"), g),
                    ox.Quad(lot, c("partOfFramework"), fw, g),
                ]
                money(quads, lot, "estimatedValue", rnd.randint(1, 90) * 10**6, "total", g)
                for p in rnd.sample(local, 25):
                    m = ox.NamedNode(f"{lot.value}/member/{p.value.rsplit('/', 1)[1]}")
                    quads += [
                        ox.Quad(m, RDF_TYPE, c("LotMembership"), g),
                        ox.Quad(m, c("lot"), lot, g),
                        ox.Quad(m, c("provider"), p, g),
                    ]
        for j in range(contracts):
            ct = n(f"contract/council-{k}/contract-{j}")
            quads += [
                ox.Quad(ct, RDF_TYPE, c("Contract"), g),
                ox.Quad(ct, PREF, ox.Literal(f"Council {k} contract {j}"), g),
                ox.Quad(ct, c("buyer"), council, g),
                ox.Quad(ct, c("supplier"), rnd.choice(local), g),
                ox.Quad(ct, c("service"), n(f"service-area/{rnd.choice(SERVICES)}"), g),
            ]
            money(quads, ct, "contractValue", rnd.randint(10, 5000) * 1000, "annual", g)
    return quads


def build_store(path: Path, councils: int, providers: int, contracts: int) -> None:
    store = ox.Store(str(path))
    store.bulk_extend(synthetic_quads(councils, providers, contracts))
    store.flush()
    del store


INTERACTIONS = {
    "filter by council": "const s = document.getElementById('council'); s.selectedIndex = 3;"
    " s.dispatchEvent(new Event('change'));",
    "clear council filter": "const s = document.getElementById('council'); s.selectedIndex = 0;"
    " s.dispatchEvent(new Event('change'));",
    "filter by service": "const s = document.getElementById('service'); s.selectedIndex = 2;"
    " s.dispatchEvent(new Event('change'));",
    "hide providers": "const b = document.querySelector('#types input[value=provider]');"
    " b.click();",
    "show providers": "const b = document.querySelector('#types input[value=provider]');"
    " b.click();",
    "search by name": "document.getElementById('service').selectedIndex = 0;"
    " document.getElementById('search').value = 'Provider 123 ';"
    " carekgExplore.applyFilters();",
    "size by money": "const s = document.getElementById('size'); s.value = 'money';"
    " s.dispatchEvent(new Event('change'));",
    "zoom in x2": "const cy = carekgExplore.cy; cy.zoom({level: cy.zoom() * 2,"
    " renderedPosition: {x: 500, y: 400}});",
    "pan": "carekgExplore.cy.panBy({x: 200, y: 120});",
    "hover a provider": "carekgExplore.cy.$('node[type = \"provider\"]')[7].emit('mouseover');",
}


def mouse_gestures(page) -> dict[str, float]:
    """Real input events (drag, wheel), timed from the first event to the second frame after.

    Cytoscape pans and zooms a cached texture during a gesture (textureOnViewport)
    and redraws once it ends, so these include that final full redraw.
    """
    found = {}
    for name, gesture in (("drag to pan (mouse)", _drag), ("wheel zoom (mouse)", _wheel)):
        t0 = time.perf_counter()
        gesture(page)
        page.evaluate(f"async () => {{ {NEXT_PAINT} }}")
        found[name] = (time.perf_counter() - t0) * 1000
    return found


def _drag(page) -> None:
    box = page.locator("#network").bounding_box()
    x, y = box["x"] + 40, box["y"] + 40  # an empty corner: a drag there pans
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 6):
        page.mouse.move(x + 30 * step, y + 20 * step)
    page.mouse.up()


def _wheel(page) -> None:
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)


def measure(url: str, repeats: int, query: str = "") -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    found: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{url}/explore{query}")
            page.wait_for_selector('#network[data-state="ready"]', timeout=120_000)
            t = page.evaluate("carekgExplore.timings")
            nav = page.evaluate("performance.timing.navigationStart - performance.timeOrigin")
            steps = {
                "first render (navigation -> painted)": t["rendered"] - nav,
                "  fetch /api/network (from script start)": t["fetched"] - t["start"],
                "  build Cytoscape graph": t["built"] - t["fetched"],
                "  filters + layout": t["laidOut"] - t["built"],
                "  paint": t["rendered"] - t["laidOut"],
            }
            shots = not found and not query
            if shots:
                page.screenshot(path=str(SHOT_DIR / "explore-5000.png"))
            for name, script in INTERACTIONS.items():
                steps[name] = page.evaluate(
                    f"async () => {{ const t0 = performance.now(); {script} {NEXT_PAINT}"
                    " return performance.now() - t0; }"
                )
                if shots and name == "filter by council":
                    page.screenshot(path=str(SHOT_DIR / "explore-5000-council.png"))
            steps.update(mouse_gestures(page))
            for name, ms in steps.items():
                found.setdefault(name, []).append(ms)
            page.close()
        browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--councils", type=int, default=30)
    parser.add_argument("--providers", type=int, default=3500, help="pool (not all get used)")
    parser.add_argument("--contracts", type=int, default=60, help="contracts per council")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--webgl-repeats", type=int, default=2, help="0 skips the WebGL run")
    args = parser.parse_args()
    from waitress.server import create_server

    from server import create_app

    SHOT_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="carekg-explore-") as tmp:
        path = Path(tmp) / "store"
        build_store(path, args.councils, args.providers, args.contracts)
        app = create_app({"STORE": str(path)})
        server = create_server(app, host="127.0.0.1", port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        url = f"http://127.0.0.1:{server.effective_port}"
        t0 = time.perf_counter()
        data = urllib.request.urlopen(f"{url}/api/network").read()
        network_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        urllib.request.urlopen(f"{url}/api/network").read()
        cached_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        urllib.request.urlopen(f"{url}/api/analysis").read()
        analysis_s = time.perf_counter() - t0
        graph = app.extensions["carekg.network"]
        print(
            f"network: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges, "
            f"/api/network {len(data) / 1e6:.1f} MB"
        )
        print(
            f"server: first /api/network {network_s:.2f} s (build from store), cached "
            f"{cached_s * 1000:.0f} ms; /api/analysis {analysis_s:.2f} s"
        )
        results = {
            "canvas 2D (default)": measure(url, args.repeats),
        }
        if args.webgl_repeats:
            results["WebGL (?webgl=1)"] = measure(url, args.webgl_repeats, "?webgl=1")
        server.close()
    print(
        f"\nbrowser, median (min-max) of {args.repeats} page loads ({args.webgl_repeats} for "
        "WebGL), ms:"
    )
    names = list(results)
    print(f"| step | {' | '.join(names)} |\n| --- |{' --- |' * len(names)}")
    for step in results[names[0]]:
        cells = [_cell(results[n][step]) if step in results[n] else "" for n in names]
        print(f"| {step} | {' | '.join(cells)} |")


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


if __name__ == "__main__":
    main()
