// The query page: YASGUI pointed at this server's /sparql, and the competency
// questions as buttons that open (or re-select) a tab holding that query.
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = new URL(script.dataset.endpoint || "/sparql", window.location.href).href;
  var examples = JSON.parse(document.getElementById("cq-data").textContent);
  var byId = {};
  examples.forEach(function (ex) { byId[ex.id] = ex; });

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    // Keyed by endpoint so tabs saved against another server are not reused here.
    persistenceId: "carekg:" + endpoint,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // Class and property completion ask a remote vocabulary service; this page stays offline.
    yasqe: { autocompleters: ["prefixes", "variables"], value: examples.length ? examples[0].query : "" },
    yasr: { prefixes: {} }
  });

  function openExample(cq) {
    var ex = byId[cq];
    if (!ex) return;
    var name = ex.id;
    var tab = null;
    Object.keys(yasgui._tabs).forEach(function (id) {
      if (yasgui._tabs[id].getName() === name) tab = yasgui._tabs[id];
    });
    if (tab) {
      yasgui.selectTabId(tab.getId());
    } else {
      tab = yasgui.addTab(true, { name: name, yasqe: { value: ex.query }, requestConfig: { endpoint: endpoint } });
    }
    tab.setQuery(ex.query);
    tab.setEndpoint(endpoint);
    document.querySelectorAll("button.example").forEach(function (b) {
      b.classList.toggle("active", b.dataset.cq === cq);
    });
  }

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () { openExample(button.dataset.cq); });
  });
  // Result links to IRIs minted under BASE_IRI open their page on this server (/id/...),
  // which works before the w3id redirect is registered and for a local copy of the data.
  var baseIri = script.dataset.baseIri;
  var idRoot = script.dataset.idRoot;
  function localise(event) {
    var link = event.target.closest && event.target.closest("#yasgui a[href]");
    if (!link || !baseIri) return;
    var href = link.getAttribute("href");
    if (href.indexOf(baseIri) === 0 && href.length > baseIri.length) {
      link.setAttribute("href", idRoot + href.slice(baseIri.length));
      link.removeAttribute("target");
    }
  }
  document.addEventListener("mouseover", localise, true);
  document.addEventListener("focusin", localise, true);
  document.addEventListener("click", localise, true);

  window.carekgYasgui = yasgui;
  window.carekgOpenExample = openExample;
})();
