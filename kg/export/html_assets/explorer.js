/* kg explorer: reads the graph from the page's JSON block and draws it with vis-network.
   Every text that comes from documents is set with textContent (or drawn on the canvas), never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var FONT = getComputedStyle(document.body).fontFamily;
  var DEFAULT_COLOR = "#9e9e9e";

  var typeColor = {};
  data.node_types.forEach(function (t) { typeColor[t.name] = t.color; });
  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var edgeById = {};
  var edgesOfNode = {};
  data.edges.forEach(function (e) {
    edgeById[e.id] = e;
    (edgesOfNode[e.from] = edgesOfNode[e.from] || []).push(e);
    if (e.to !== e.from) { (edgesOfNode[e.to] = edgesOfNode[e.to] || []).push(e); }
  });

  var shownNodeTypes = {};
  data.node_types.forEach(function (t) { shownNodeTypes[t.name] = true; });
  var shownEdgeTypes = {};
  data.edge_types.forEach(function (t) { shownEdgeTypes[t.name] = true; });
  // Entities without relations start hidden when there are relations to show: they would fill the view.
  var isolatedCount = data.nodes.filter(function (n) { return n.degree === 0; }).length;
  var showIsolated = data.edges.length === 0;

  // ---- small DOM helpers (text only) ----
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function colorOf(type) { return typeColor[type] || DEFAULT_COLOR; }
  function typeBadge(type) {
    var b = el("span", { "class": "kg-type" }, type);
    b.style.background = colorOf(type);
    return b;
  }
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().trim(); }

  // ---- vis data ----
  function nodeVisible(n) { return shownNodeTypes[n.type] !== false && (showIsolated || n.degree > 0); }
  function edgeVisible(e) {
    return shownEdgeTypes[e.type] !== false && nodeVisible(nodeById[e.from]) && nodeVisible(nodeById[e.to]);
  }
  function visNode(n) {
    var c = colorOf(n.type);
    return {
      id: n.id, label: n.label, hidden: !nodeVisible(n),
      title: n.type + ": " + n.label + (n.aliases.length ? "\n" + n.aliases.join(" / ") : ""),
      size: 8 + 4 * Math.sqrt(Math.min(n.degree, 60)),
      color: { background: c, border: "#3e4c59", highlight: { background: c, border: "#000" } },
      font: { face: FONT, size: 18, strokeWidth: 3, strokeColor: "#ffffff" }
    };
  }
  var pairSeen = {};
  function visEdge(e) {
    var key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    var k = pairSeen[key] = (pairSeen[key] || 0) + 1;
    var out = {
      id: e.id, from: e.from, to: e.to, label: e.type, hidden: !edgeVisible(e), arrows: "to",
      title: e.type + " (" + e.confidence + ")",
      font: { face: FONT, size: 10, align: "middle", color: "#52606d", strokeWidth: 3, strokeColor: "#ffffff" },
      color: { color: "#9aa5b1", highlight: "#1f2933", hover: "#52606d" },
      smooth: k > 1 ? { enabled: true, type: "curvedCW", roundness: 0.18 * (k - 1) } : false
    };
    return out;
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var big = data.nodes.length > 300;
  var options = {
    layout: { randomSeed: 7, improvedLayout: !big },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, navigationButtons: false, keyboard: false },
    nodes: { shape: "dot", borderWidth: 1 },
    edges: { width: 1, selectionWidth: 2, arrows: { to: { scaleFactor: 0.5 } } },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -50, centralGravity: 0.03, springLength: 80, springConstant: 0.08, avoidOverlap: 0.5 },
      maxVelocity: 60, minVelocity: 1, timestep: 0.5,
      stabilization: { enabled: true, iterations: data.stabilization_iterations, updateInterval: 20, fit: true }
    }
  };
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  var progress = document.getElementById("kg-progress");
  var progressText = document.getElementById("kg-progress-text");
  network.on("stabilizationProgress", function (p) {
    progressText.textContent = "布局中 Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    // Stop physics once laid out: the view stays still and responsive at a few thousand nodes.
    network.setOptions({ physics: false });
    fitVisible();
    progress.classList.add("kg-done");
    document.body.setAttribute("data-kg-ready", "1");
  });

  function largestComponent(ids) {
    // The first view frames the biggest connected part, so its labels are legible; small islands sit around it.
    var seen = {}, best = [];
    var visibleEdges = edges.get({ filter: function (e) { return !e.hidden; } });
    var adjacent = {};
    visibleEdges.forEach(function (e) {
      (adjacent[e.from] = adjacent[e.from] || []).push(e.to);
      (adjacent[e.to] = adjacent[e.to] || []).push(e.from);
    });
    ids.forEach(function (start) {
      if (seen[start]) { return; }
      var component = [start], i = 0;
      seen[start] = true;
      while (i < component.length) {
        (adjacent[component[i++]] || []).forEach(function (next) {
          if (!seen[next]) { seen[next] = true; component.push(next); }
        });
      }
      if (component.length > best.length) { best = component; }
    });
    return best;
  }
  function fitVisible() {
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    var main = largestComponent(ids);
    var target = main.length >= 10 ? main : ids;
    network.fit(target.length ? { nodes: target, animation: false } : { animation: false });
  }

  // ---- filters ----
  function refreshVisibility() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !nodeVisible(n) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !edgeVisible(e) }; }));
  }
  function filterRow(list, item, shown, swatchColor, idPrefix) {
    var li = el("li");
    var label = el("label", { "class": "kg-check" });
    var box = el("input", { type: "checkbox", "data-type": item.name, id: idPrefix + list.children.length });
    box.checked = true;
    box.addEventListener("change", function () { shown[item.name] = box.checked; refreshVisibility(); });
    label.appendChild(box);
    if (swatchColor) {
      var sw = el("span", { "class": "kg-swatch" });
      sw.style.background = swatchColor;
      label.appendChild(sw);
    }
    label.appendChild(el("span", { "class": "kg-name" }, item.name));
    label.appendChild(el("span", { "class": "kg-count" }, item.count));
    li.appendChild(label);
    list.appendChild(li);
  }
  var nodeTypeList = document.getElementById("kg-node-types");
  data.node_types.forEach(function (t) { filterRow(nodeTypeList, t, shownNodeTypes, colorOf(t.name), "kg-nt-"); });
  var edgeTypeList = document.getElementById("kg-edge-types");
  data.edge_types.forEach(function (t) { filterRow(edgeTypeList, t, shownEdgeTypes, null, "kg-et-"); });
  var isolatedBox = document.getElementById("kg-show-isolated");
  isolatedBox.checked = showIsolated;
  document.getElementById("kg-isolated-count").textContent = String(isolatedCount);
  isolatedBox.addEventListener("change", function () { showIsolated = isolatedBox.checked; refreshVisibility(); });

  // ---- summary ----
  document.getElementById("kg-totals").textContent =
    data.nodes.length + " 个实体 entities · " + data.edges.length + " 条关系 relations";
  document.getElementById("kg-doc-count").textContent = String(data.documents.length);
  var docList = document.getElementById("kg-documents");
  data.documents.forEach(function (d) { docList.appendChild(el("li", null, d)); });
  if (data.documents.length <= 10) { document.getElementById("kg-documents-box").open = true; }

  // ---- details ----
  var details = document.getElementById("kg-details");
  function field(dl, name, value) {
    dl.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function nodeLink(id) {
    var n = nodeById[id];
    var b = el("button", { type: "button", "class": "kg-link" }, n ? n.label : id);
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function showNode(id) {
    var n = nodeById[id];
    if (!n) { return; }
    clear(details);
    details.setAttribute("data-kind", "node");
    details.setAttribute("data-id", id);
    var h = el("h2", { id: "kg-details-title" }, n.label);
    details.appendChild(h);
    var dl = el("dl");
    field(dl, "类型 Type", typeBadge(n.type));
    field(dl, "别名 Aliases", n.aliases.length ? n.aliases.join("、") : "—");
    field(dl, "提及 Mentions", n.mentions);
    field(dl, "文档 Documents", n.documents.length ? n.documents.join("\n") : "—");
    if (n.purpose) { field(dl, "目的 Purpose", n.purpose); }
    if (n.date) { field(dl, "日期 Date", n.date); }
    details.appendChild(dl);
    if (n.evidence && n.evidence.length) {
      details.appendChild(el("h3", null, "证据 Evidence (" + n.evidence.length + ")"));
      n.evidence.forEach(function (ev) { showEvidence(ev); });
    }
    var rels = edgesOfNode[id] || [];
    details.appendChild(el("h3", null, "关系 Relations (" + rels.length + ")"));
    var ul = el("ul", { "class": "kg-relations" });
    rels.forEach(function (e) {
      var li = el("li");
      var outgoing = e.from === id;
      var edgeButton = el("button", { type: "button", "class": "kg-link" }, (outgoing ? "→ " : "← ") + e.type);
      edgeButton.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      li.appendChild(edgeButton);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(nodeLink(outgoing ? e.to : e.from));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    clear(details);
    details.setAttribute("data-kind", "edge");
    details.setAttribute("data-id", id);
    var head = nodeById[e.from], tail = nodeById[e.to];
    details.appendChild(el("h2", { id: "kg-details-title" },
      (head ? head.label : e.from) + " —" + e.type + "→ " + (tail ? tail.label : e.to)));
    var dl = el("dl");
    field(dl, "关系 Relation", e.type);
    field(dl, "主体 Head", nodeLink(e.from));
    field(dl, "客体 Tail", nodeLink(e.to));
    field(dl, "置信度 Confidence", Number(e.confidence).toFixed(2));
    field(dl, "规则 Rules", e.rules.join(", ") || "—");
    Object.keys(e.attrs).sort().forEach(function (k) { field(dl, k, e.attrs[k]); });
    details.appendChild(dl);
    details.appendChild(el("h3", null, "证据 Evidence (" + e.evidence.length + ")"));
    e.evidence.forEach(function (ev) { showEvidence(ev); });
  }
  function showEvidence(ev) {
    details.appendChild(el("blockquote", { "class": "kg-evidence" }, ev.sentence));
    details.appendChild(el("p", { "class": "kg-source" },
      "文档 document " + ev.doc + " · 字符 chars " + ev.start + "–" + ev.end));
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ---- search ----
  var searchIndex = data.nodes.map(function (n) {
    return { id: n.id, names: [n.label].concat(n.aliases).map(norm) };
  });
  function search(query) {
    var q = norm(query);
    if (!q) { return []; }
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = -1;
      entry.names.forEach(function (name) {
        var at = name.indexOf(q);
        if (at < 0) { return; }
        var rank = name === q ? 0 : at === 0 ? 1 : 2;
        if (best < 0 || rank < best) { best = rank; }
      });
      if (best >= 0) { hits.push({ id: entry.id, rank: best }); }
    });
    hits.sort(function (a, b) {
      var na = nodeById[a.id], nb = nodeById[b.id];
      return a.rank - b.rank || nb.degree - na.degree || na.label.length - nb.label.length ||
        (na.label < nb.label ? -1 : na.label > nb.label ? 1 : 0);
    });
    return hits.slice(0, 30).map(function (h) { return h.id; });
  }
  function focusNode(id) {
    var n = nodeById[id];
    if (!n) { return; }
    if (!nodeVisible(n)) {
      // Searching for a hidden entity shows its type again rather than focusing nothing.
      shownNodeTypes[n.type] = true;
      if (n.degree === 0) { showIsolated = true; isolatedBox.checked = true; }
      Array.prototype.forEach.call(nodeTypeList.querySelectorAll("input[data-type]"), function (b) {
        if (b.getAttribute("data-type") === n.type) { b.checked = true; }
      });
      refreshVisibility();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  var searchInput = document.getElementById("kg-search");
  var resultList = document.getElementById("kg-search-results");
  var currentHits = [];
  function renderResults() {
    currentHits = search(searchInput.value);
    clear(resultList);
    if (!searchInput.value.trim()) { return; }
    if (!currentHits.length) { resultList.appendChild(el("li", { "class": "kg-empty" }, "无结果 no match")); return; }
    currentHits.forEach(function (id, i) {
      var n = nodeById[id];
      var li = el("li", { role: "option", "data-id": id, "class": i === 0 ? "kg-active" : "" });
      var sw = el("span", { "class": "kg-swatch" });
      sw.style.background = colorOf(n.type);
      li.appendChild(sw);
      li.appendChild(el("span", { "class": "kg-label" }, n.label));
      if (n.aliases.length) { li.appendChild(el("span", { "class": "kg-alias" }, n.aliases.join(" / "))); }
      li.addEventListener("click", function () { focusNode(id); });
      resultList.appendChild(li);
    });
  }
  searchInput.addEventListener("input", renderResults);
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.isComposing && currentHits.length) { focusNode(currentHits[0]); }
  });

  // For tests and for users of the browser console.
  window.kgExplorer = { network: network, nodes: nodes, edges: edges, data: data, search: search, focusNode: focusNode };
})();
