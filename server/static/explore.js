/* The market explorer: /api/network drawn with Cytoscape.js, filtered in the browser.
 *
 * Up to LARGE nodes the layout is columns in the order money flows (council,
 * framework or contract, lot, provider), with every label shown. Above it each
 * council's market is drawn as rings around the council, councils on a grid
 * (linear time, where force-directed cose is quadratic), labels appear only
 * when zoomed in, and links are drawn
 * only once filters leave EDGES_UP_TO nodes or fewer (and for a hovered node):
 * they are over half the paint time and, at that size, an unreadable hairball.
 * window.carekgExplore exposes the graph and timings for tests and bench/explore.py.
 */
(function () {
  "use strict";
  const LARGE = 800;
  const EDGES_UP_TO = 2000;
  const RING_ORDER = ["council", "framework", "lot", "contract", "provider"];
  const SPACING = 26;
  const LAYER = { council: 0, framework: 1, contract: 1, lot: 2, provider: 3 };
  const COLUMN = 280, ROW = 34;
  const COLOURS = {
    council: "#1f4e79", framework: "#2e7d32", lot: "#8bc34a",
    contract: "#7b1fa2", provider: "#90a4ae",
  };
  const $ = (id) => document.getElementById(id);
  const container = $("network");
  const timings = { start: performance.now() };
  const api = { timings, ready: false };
  let edgesHidden = false;
  window.carekgExplore = api;

  function money(value, period) {
    if (value === null || value === undefined) return "";
    const text = "£" + Math.round(value).toLocaleString("en-GB");
    return period ? `${text} (${period})` : text;
  }

  function elementsOf(data) {
    const nodes = data.nodes.map((n) => ({ group: "nodes", data: { ...n, size: 20 } }));
    const edges = data.edges.map((e, i) => ({
      group: "edges", data: { id: "e" + i, source: e.source, target: e.target, relation: e.relation },
    }));
    return nodes.concat(edges);
  }

  function style(large) {
    return [
      { selector: "node", style: {
        "background-color": "#999",
        width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": large ? 9 : 13, color: "#1d2430",
        "text-valign": large ? "bottom" : "center", "text-halign": large ? "center" : "right",
        "text-margin-x": large ? 0 : 5, "text-margin-y": large ? 3 : 0,
        "text-wrap": "ellipsis", "text-max-width": large ? 140 : 260,
        "min-zoomed-font-size": large ? 10 : 0,
        "text-background-color": "#f7f8fa", "text-background-opacity": large ? 0 : 0.75,
        "text-background-padding": 1,
        "border-width": 1, "border-color": "#fff",
      } },
      ...Object.entries(COLOURS).map(([type, colour]) => ({
        selector: `node[type = '${type}']`, style: { "background-color": colour },
      })),
      { selector: "node[type = 'provider']", style: { "font-size": large ? 8 : 12 } },
      { selector: "node[type = 'council'], node[type = 'framework']",
        style: { "font-weight": "bold", "font-size": large ? 12 : 14 } },
      { selector: "node.shared", style: {
        "background-color": "#e65100", "border-color": "#7a2900", "border-width": 2,
        "font-weight": "bold", "z-index": 10,
      } },
      { selector: "node.match", style: {
        "border-color": "#ffd54a", "border-width": 5, "z-index": 20, "min-zoomed-font-size": 0,
      } },
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: ".hidden", style: { display: "none" } },
      { selector: "edge", style: {
        width: 1, "line-color": "#b0bec5", "curve-style": large ? "haystack" : "bezier",
        opacity: 0.8,
      } },
      { selector: "edge[relation = 'supplier'], edge[relation = 'awards']",
        style: { "line-color": "#b39ddb", "line-style": "dashed" } },
      { selector: "edge.hover", style: { width: 2, "line-color": "#1f5f8b", "z-index": 30 } },
      { selector: "node:selected", style: { "border-color": "#1f5f8b", "border-width": 4 } },
    ];
  }

  function layoutOptions(cy) {
    const positions = cy.nodes().length > LARGE ? clusterPositions(cy) : layeredPositions(cy);
    return { name: "preset", fit: true, padding: 30, positions };
  }

  /* Large networks: one "flower" per council on a grid, the council at its centre and
   * rings of frameworks, lots, contracts and providers around it (a node sits with the
   * first of its councils). Linear time, and each council's market stays together. */
  function clusterPositions(cy) {
    const groups = new Map();
    cy.nodes().forEach((n) => {
      const key = n.data("councils")[0] || "";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(n);
    });
    const layouts = [...groups.values()].map(flower);
    const cell = 2 * Math.max(...layouts.map((l) => l.radius)) + 120;
    const columns = Math.ceil(Math.sqrt(layouts.length));
    const positions = {};
    layouts.forEach((layout, i) => {
      const cx = (i % columns) * cell, cy0 = Math.floor(i / columns) * cell;
      for (const [id, p] of Object.entries(layout.at)) positions[id] = { x: cx + p.x, y: cy0 + p.y };
    });
    return positions;
  }

  function flower(nodes) {
    const rings = RING_ORDER.map((type) => nodes.filter((n) => n.data("type") === type)
      .sort((a, b) => a.data("label").localeCompare(b.data("label"), undefined, { numeric: true })));
    const at = {};
    let radius = 0;
    for (const ring of rings) {
      if (!ring.length) continue;
      radius = ring.length === 1 && radius === 0 ? 0
        : Math.max(radius + 70, (ring.length * SPACING) / (2 * Math.PI));
      ring.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / ring.length - Math.PI / 2;
        at[n.id()] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
      });
    }
    return { at, radius };
  }

  /* Small networks read best as columns, the way money flows: council, then framework or
   * contract, then lot, then provider; providers sorted so shared ones sit together. */
  function layeredPositions(cy) {
    const columns = new Map();
    cy.nodes().forEach((n) => {
      const layer = LAYER[n.data("type")] ?? 3;
      if (!columns.has(layer)) columns.set(layer, []);
      columns.get(layer).push(n);
    });
    const key = (n) => [n.data("councils")[0] || "", n.data("shared") ? 0 : 1, n.data("label").toLowerCase()];
    const order = (a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0].localeCompare(y[0]) || x[1] - y[1] || x[2].localeCompare(y[2]);
    };
    const tallest = Math.max(...[...columns.values()].map((c) => c.length));
    const positions = {};
    for (const [layer, nodes] of columns) {
      nodes.sort(order);
      const gap = (tallest * ROW) / nodes.length;
      nodes.forEach((n, i) => { positions[n.id()] = { x: layer * COLUMN, y: (i + 0.5) * gap }; });
    }
    return positions;
  }

  /* Cytoscape's WebGL renderer, opt-in with ?webgl=1: on software GL (headless, no GPU)
   * it measured slower than canvas 2D (bench/RESULTS.md), so it is not the default. */
  function webglWanted() {
    if (new URLSearchParams(window.location.search).get("webgl") !== "1") return false;
    try {
      return !!document.createElement("canvas").getContext("webgl2");
    } catch (error) {
      return false;
    }
  }

  function fillSelect(select, options) {
    for (const o of options) select.add(new Option(o.label, o.id));
  }

  function sizeNodes(cy, mode) {
    const values = cy.nodes().map((n) => n.data("value") || 0);
    const top = Math.max(1, ...values);
    cy.batch(() => cy.nodes().forEach((n) => {
      const size = mode === "money"
        ? (n.data("value") ? 14 + 56 * Math.sqrt(n.data("value") / top) : 10)
        : 14 + 7 * Math.sqrt(n.data("degree"));
      n.data("size", Math.round(size));
    }));
  }

  /* Classes are set on whole collections (one style pass) rather than node by node. */
  function applyFilters(cy) {
    const t0 = performance.now();
    const council = $("council").value;
    const service = $("service").value;
    const types = new Set([...document.querySelectorAll("#types input:checked")].map((i) => i.value));
    const needle = $("search").value.trim().toLowerCase();
    const nodes = cy.nodes();
    const shown = nodes.filter((n) => {
      const d = n.data();
      return types.has(d.type)
        && (!council || d.councils.includes(council))
        && (!service || d.services.includes(service));
    });
    const matches = needle ? shown.filter((n) => n.data("label").toLowerCase().includes(needle))
      : cy.collection();
    const edgesOff = shown.length > EDGES_UP_TO;
    cy.batch(() => {
      cy.elements().removeClass("hidden faded match shared");
      nodes.difference(shown).addClass("hidden");
      (edgesOff ? cy.edges() : nodes.difference(shown).connectedEdges()).addClass("hidden");
      if ($("highlight").checked) nodes.filter((n) => n.data("shared")).addClass("shared");
      if (needle) {
        cy.elements().difference(matches).addClass("faded");
        matches.addClass("match");
      }
    });
    const total = nodes.length;
    $("counts").textContent = `Showing ${shown.length} of ${total} nodes`
      + (needle ? ` · ${matches.length} match “${$("search").value.trim()}”` : "")
      + (edgesOff ? `. Links are drawn when ${EDGES_UP_TO.toLocaleString("en-GB")} nodes or`
        + " fewer are shown (filter by council or service area), and on hover." : "");
    edgesHidden = edgesOff;
    container.dataset.visible = String(shown.length);
    container.dataset.matches = String(matches.length);
    return performance.now() - t0;
  }

  /* With too many nodes for all their links, a hovered node shows its own. */
  function hoverEdges(cy, node) {
    cy.batch(() => {
      cy.edges(".hover").removeClass("hover").addClass("hidden");
      if (node) {
        node.connectedEdges().filter((e) => !e.source().hasClass("hidden")
          && !e.target().hasClass("hidden")).removeClass("hidden").addClass("hover");
      }
    });
  }

  function showDetails(node) {
    const d = node.data();
    const box = $("details");
    box.hidden = false;
    box.replaceChildren();
    const h = document.createElement("h2");
    h.textContent = d.label;
    box.append(h);
    const lines = [`${d.type} · ${d.degree} connection${d.degree === 1 ? "" : "s"}`];
    if (d.value) lines.push(money(d.value, d.period));
    if (d.type === "provider" && d.lots) lines.push(`on ${d.lots} lot${d.lots === 1 ? "" : "s"}`);
    if (d.shared) lines.push("on more than one lot or council");
    for (const text of lines) {
      const p = document.createElement("p");
      p.textContent = text;
      box.append(p);
    }
  }

  function listShared(data) {
    const shared = data.nodes.filter((n) => n.shared)
      .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
    const box = $("shared");
    const h = document.createElement("h2");
    h.textContent = `${shared.length} provider${shared.length === 1 ? "" : "s"} on more than one lot or council`;
    const ul = document.createElement("ul");
    for (const n of shared.slice(0, 60)) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = n.href;
      a.textContent = n.label;
      li.append(a);
      ul.append(li);
    }
    box.replaceChildren(h, ul);
  }

  function wire(cy, data) {
    const refilter = () => { api.lastFilterMs = applyFilters(cy); };
    const refit = () => {
      refilter();
      const shown = cy.nodes().filter((n) => !n.hasClass("hidden"));
      if (shown.length) cy.fit(shown, 30);
    };
    for (const id of ["council", "service"]) $(id).addEventListener("change", refit);
    $("highlight").addEventListener("change", refilter);
    $("types").addEventListener("change", refit);
    let timer = null;
    $("search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refilter, 120); });
    $("size").addEventListener("change", () => sizeNodes(cy, $("size").value));
    cy.on("tap", "node", (event) => { window.location.href = event.target.data("href"); });
    cy.on("mouseover", "node", (event) => {
      showDetails(event.target);
      if (edgesHidden) hoverEdges(cy, event.target);
    });
    cy.on("mouseout", "node", () => { if (edgesHidden) hoverEdges(cy, null); });
    listShared(data);
  }

  async function main() {
    const response = await fetch(container.dataset.src, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    const data = await response.json();
    timings.fetched = performance.now();
    const large = data.nodes.length > LARGE;
    const webgl = large && webglWanted();
    const cy = cytoscape({
      container, elements: elementsOf(data), style: style(large), layout: { name: "preset" },
      minZoom: 0.01, maxZoom: 4,
      hideEdgesOnViewport: large && !webgl, textureOnViewport: large && !webgl,
      pixelRatio: large ? 1 : "auto",
      renderer: { name: "canvas", webgl, webglBgColor: [247, 248, 250] },
    });
    api.webgl = webgl;
    timings.built = performance.now();
    fillSelect($("council"), data.councils);
    fillSelect($("service"), data.services);
    sizeNodes(cy, $("size").value);
    applyFilters(cy);
    cy.layout(layoutOptions(cy)).run();
    timings.laidOut = performance.now();
    wire(cy, data);
    api.cy = cy;
    api.applyFilters = () => applyFilters(cy);
    api.large = large;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      timings.rendered = performance.now();
      api.ready = true;
      $("loading").hidden = true;
      container.dataset.state = "ready";
    }));
  }

  main().catch((error) => {
    $("loading").textContent = "Could not load the network: " + error.message;
    container.dataset.state = "error";
  });
})();
