/* kg explorer: draws the inlined graph with sigma.js (WebGL) on a graphology graph; search,
   colours, filters, ego view, details and the article view.
   Every piece of data reaches the page through textContent or attributes, never as HTML. */
(function () {
  "use strict";

  var started = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = new Map();
  var nodeIndex = new Map();
  data.nodes.forEach(function (n, i) { byId.set(n.id, n); nodeIndex.set(n.id, i); });
  var typeColour = new Map();
  data.types.forEach(function (t) { typeColour.set(t.name, t.colour); });
  var large = data.nodes.length > 400;
  var EDGE_COLOUR = "#b0bec5";
  var OPEN_EDGE_COLOUR = "#d7ccc8";  /* open relations: paler, warmer (no dashes in WebGL) */
  var FADED_NODE = "#e6e9eb";
  var FADED_EDGE = "#f1f3f4";
  var SELECTED_EDGE = "#d62728";
  var EDGE_EVENTS_MAX = 5000;

  function communityColour(c) {  /* communities are numbered from 1, largest first */
    var colours = data.communities.colours;
    return c <= colours.length && data.communities.sizes[c - 1] > 1 ? colours[c - 1] : data.communities.other;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }

  /* ---- the graph: graphology holds it, sigma draws it with WebGL ---- */
  var nodeCount = data.nodes.length;
  var edgeCount = data.edges.length;
  var edgeSource = new Int32Array(edgeCount);
  var edgeTarget = new Int32Array(edgeCount);
  var incident = data.nodes.map(function () { return []; });  /* edge indices of each node */
  data.edges.forEach(function (e, i) {
    edgeSource[i] = nodeIndex.get(e.source);
    edgeTarget[i] = nodeIndex.get(e.target);
    incident[edgeSource[i]].push(i);
    if (edgeTarget[i] !== edgeSource[i]) { incident[edgeTarget[i]].push(i); }
  });
  /* sizes: the page's diameters (by PageRank) as sigma radii, smaller when there are many */
  var sizeScale = large ? 0.3 : 0.35;
  var graph = new graphology.MultiDirectedGraph();
  data.nodes.forEach(function (n, i) {
    graph.addNode(n.id, { i: i, x: n.x, y: -n.y, size: n.size * sizeScale, label: n.label,
                          color: typeColour.get(n.type) || "#999" });
  });
  data.edges.forEach(function (e, i) {
    graph.addEdgeWithKey("e" + i, e.source, e.target, { i: i, label: e.predicate, size: large ? 1 : 1.5,
      color: e.open ? OPEN_EDGE_COLOUR : EDGE_COLOUR, type: e.source === e.target ? "line" : "arrow" });
  });

  /* what the filters leave (1 = hidden) and what is highlighted; the reducers read them */
  var nodeHidden = new Uint8Array(nodeCount);
  var edgeHidden = new Uint8Array(edgeCount);
  var major = new Uint8Array(nodeCount);  /* the best-connected entities shown */
  var labelled = new Uint8Array(nodeCount);  /* labels drawn at the current zoom */
  var keepNodes = null;  /* a highlight: the node indices kept in colour, or null */
  var keepEdges = null;
  var selectedNode = null;  /* the selected entity's id */
  var selectedEdge = -1;
  var shown = { nodes: nodeCount, edges: edgeCount };

  var container = document.getElementById("kg-graph");
  var renderer = null;
  try {
    renderer = new Sigma(graph, container, {
      allowInvalidContainer: true,
      defaultEdgeType: "arrow",
      renderEdgeLabels: true,
      enableEdgeEvents: edgeCount <= EDGE_EVENTS_MAX,
      hideEdgesOnMove: large,
      zIndex: true,
      labelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
      labelSize: 13,
      labelWeight: "600",
      labelColor: { color: "#222" },
      /* labels by importance: chosen by placeLabels (below), drawn as forced labels */
      labelRenderedSizeThreshold: 0,
      edgeLabelSize: 11,
      edgeLabelColor: { color: "#607d8b" },
      edgeLabelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
      stagePadding: 40,
      minCameraRatio: 0.002,
      maxCameraRatio: 20,
      nodeReducer: function (id, attrs) {
        var i = attrs.i;
        var out = Object.assign({}, attrs);
        if (nodeHidden[i]) { out.hidden = true; return out; }
        out.zIndex = 1;
        if (labelled[i]) { out.forceLabel = true; out.zIndex = 2; } else { out.label = null; }
        if (keepNodes !== null && !keepNodes.has(i)) {
          out.color = FADED_NODE; out.label = null; out.forceLabel = false; out.zIndex = 0;
        } else if (keepNodes !== null) {
          out.zIndex = 3;
        }
        if (id === selectedNode) { out.highlighted = true; out.zIndex = 4; }
        return out;
      },
      edgeReducer: function (id, attrs) {
        var i = attrs.i;
        var out = Object.assign({}, attrs);
        if (edgeHidden[i] || nodeHidden[edgeSource[i]] || nodeHidden[edgeTarget[i]]) {
          out.hidden = true;
          return out;
        }
        if (keepEdges !== null && !keepEdges.has(i)) {
          out.color = FADED_EDGE; out.label = null; out.zIndex = 0;
        } else if (keepEdges !== null) {
          out.zIndex = 1; out.forceLabel = true;
        }
        if (i === selectedEdge) { out.color = SELECTED_EDGE; out.size = 3; out.zIndex = 2; }
        return out;
      }
    });
  } catch (err) {  /* no WebGL: everything but the drawing still works */
    renderer = null;
    container.appendChild(el("p", { "class": "kg-note kg-no-webgl", text:
      "This browser cannot draw the graph (no WebGL): search, filters, the details and the " +
      "articles still work." }));
  }
  function refresh() { if (renderer) { renderer.refresh(); } }

  /* ---- the camera, in the layout's pixels (zoom 1: one layout pixel on one screen pixel) ---- */
  function zoom() {
    if (!renderer) { return 1; }
    var a = renderer.graphToViewport({ x: 0, y: 0 });
    var b = renderer.graphToViewport({ x: 100, y: 0 });
    return Math.hypot(b.x - a.x, b.y - a.y) / 100;
  }
  function framed(i) {  /* a node's position in sigma's camera coordinates */
    var n = data.nodes[i];
    return renderer.viewportToFramedGraph(renderer.graphToViewport({ x: n.x, y: -n.y }));
  }
  function moveCamera(state, animate) {
    var camera = renderer.getCamera();
    if (animate) { camera.animate(state, { duration: 250 }); } else { camera.setState(state); }
  }
  /* the view fitted to the entities shown, without zooming in past 1.5 */
  function fitVisible(animate) {
    if (!renderer) { return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = 0; i < nodeCount; i++) {
      if (nodeHidden[i]) { continue; }
      var p = framed(i);
      x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
    }
    if (x0 === Infinity) { moveCamera({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, animate); return; }
    var camera = renderer.getCamera();
    var closest = camera.ratio * zoom() / 1.5;  /* the ratio at zoom 1.5 */
    var ratio = Math.max((Math.max(x1 - x0, y1 - y0) || 0) * 1.15, closest);
    moveCamera({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: ratio, angle: 0 }, animate);
  }
  function center(id, minZoom) {
    if (!renderer) { return; }
    var camera = renderer.getCamera();
    var p = framed(nodeIndex.get(id));
    var z = zoom();
    moveCamera({ x: p.x, y: p.y, ratio: z >= minZoom ? camera.ratio : camera.ratio * z / minZoom, angle: 0 }, true);
  }
  /* where a node (its centre) or an edge (its midpoint) is drawn, in page pixels */
  function screenPosition(key) {
    var box = container.getBoundingClientRect();
    function at(i) {
      var n = data.nodes[i];
      var p = renderer.graphToViewport({ x: n.x, y: -n.y });
      return [box.left + p.x, box.top + p.y];
    }
    if (nodeIndex.has(key)) { return at(nodeIndex.get(key)); }
    var e = Number(String(key).slice(1));
    var a = at(edgeSource[e]), b = at(edgeTarget[e]);
    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  }

  /* ---- counts ---- */
  var counts = document.getElementById("kg-counts");
  var docCount = Object.keys(data.documents).length;
  function updateCounts() {
    var text = plural(nodeCount, "entity", "entities") + " \u00b7 " +
      plural(edgeCount, "fact") + " \u00b7 " + plural(docCount, "source document");
    if (shown.nodes !== nodeCount || shown.edges !== edgeCount) {
      text += " \u00b7 showing " + shown.nodes + " and " + shown.edges;
    }
    counts.textContent = text;
  }
  /* the nodes and edges in the graph, then those the renderer draws (its reduced data) */
  function drawnCounts() {
    if (!renderer) { return [nodeCount, edgeCount, shown.nodes, shown.edges]; }
    var nodes = 0, edges = 0;
    graph.forEachNode(function (id) {
      var d = renderer.getNodeDisplayData(id);
      if (d && !d.hidden) { nodes++; }
    });
    graph.forEachEdge(function (id) {
      var d = renderer.getEdgeDisplayData(id);
      if (d && !d.hidden) { edges++; }
    });
    return [graph.order, graph.size, nodes, edges];
  }

  /* ---- colours and legend ---- */
  var colourBy = "type";
  var legend = document.getElementById("kg-legend");
  function setColours(mode) {
    colourBy = mode;
    graph.updateEachNodeAttributes(function (id, attrs) {
      var n = data.nodes[attrs.i];
      attrs.color = (mode === "type" ? typeColour.get(n.type) : communityColour(n.community)) || "#999";
      return attrs;
    }, { attributes: ["color"] });
    legend.replaceChildren();
    if (mode === "type") {
      var present = new Map();
      data.nodes.forEach(function (n) { present.set(n.type, (present.get(n.type) || 0) + 1); });
      data.types.forEach(function (t) {
        if (present.has(t.name)) {
          legend.appendChild(el("li", {}, [swatch(t.colour), t.name + " ",
            el("span", { "class": "kg-count", text: "(" + present.get(t.name) + ")" })]));
        }
      });
    } else {
      var sizes = data.communities.sizes;
      var listed = 0;
      for (var c = 0; c < sizes.length && c < data.communities.colours.length; c++) {
        if (sizes[c] < 2) { break; }
        legend.appendChild(el("li", {}, [swatch(communityColour(c + 1)), "community " + (c + 1) + " ",
          el("span", { "class": "kg-count", text: "(" + sizes[c] + ")" })]));
        listed += sizes[c];
      }
      if (listed < nodeCount) {
        legend.appendChild(el("li", {}, [swatch(data.communities.other), "smaller communities ",
          el("span", { "class": "kg-count", text: "(" + (nodeCount - listed) + ")" })]));
      }
    }
  }
  function swatch(colour) {
    var s = el("span", { "class": "kg-swatch" });
    s.style.background = colour;
    return s;
  }
  document.querySelectorAll("input[name=kg-colour]").forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { setColours(radio.value); } });
  });

  /* ---- filters ---- */
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();
  /* an archive's graph has many entities without facts: hidden from the start */
  var hideIsolated = large;
  var minDegree = 0;
  var minConfidence = 0;
  var ego = null;  /* the node ids of an ego view (shown alone), or null */
  function applyFilters() {
    var degree = new Int32Array(nodeCount);
    var edges = 0, nodes = 0;
    for (var i = 0; i < edgeCount; i++) {
      var e = data.edges[i];
      var off = hiddenRelations.has(e.predicate) || e.confidence < minConfidence ||
        hiddenTypes.has(data.nodes[edgeSource[i]].type) || hiddenTypes.has(data.nodes[edgeTarget[i]].type) ||
        (ego !== null && !(ego.has(e.source) && ego.has(e.target)));
      edgeHidden[i] = off ? 1 : 0;
      if (!off) { degree[edgeSource[i]]++; degree[edgeTarget[i]]++; }
    }
    for (var j = 0; j < nodeCount; j++) {
      var n = data.nodes[j];
      var d = degree[j];
      var hide = hiddenTypes.has(n.type) ||
        (ego !== null ? !ego.has(n.id) : ((hideIsolated && d === 0) || d < minDegree));
      nodeHidden[j] = hide ? 1 : 0;
      if (!hide) { nodes++; }
    }
    for (var k = 0; k < edgeCount; k++) {
      if (!edgeHidden[k] && !nodeHidden[edgeSource[k]] && !nodeHidden[edgeTarget[k]]) { edges++; }
    }
    shown = { nodes: nodes, edges: edges };
    /* a click on an edge needs sigma to draw the edges a second time (its picking layer):
       only while few enough are shown for that to stay quick */
    if (renderer && renderer.getSetting("enableEdgeEvents") !== (edges <= EDGE_EVENTS_MAX)) {
      renderer.setSetting("enableEdgeEvents", edges <= EDGE_EVENTS_MAX);
    }
    markMajor();
    updateCounts();
    placeLabels();
    refresh();
  }
  /* labels by importance: the 30 best-connected entities shown are labelled at every zoom */
  var MAJOR = 30;
  function markMajor() {
    var order = [];
    for (var i = 0; i < nodeCount; i++) {
      major[i] = 0;
      if (!nodeHidden[i] && data.nodes[i].degree > 0) { order.push(i); }
    }
    order.sort(function (a, b) {
      var na = data.nodes[a], nb = data.nodes[b];
      return nb.degree - na.degree || nb.pagerank - na.pagerank || (na.id < nb.id ? -1 : 1);
    });
    order.slice(0, MAJOR).forEach(function (i) { major[i] = 1; });
  }
  /* labels by importance at every zoom: the entities shown, best-connected first (the
     highlighted ones before all), each labelled when its label does not overlap one already
     placed at the current zoom (a grid of the placed boxes: linear in the entities) */
  var LABEL_FONT = "600 13px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  var importance = data.nodes.map(function (n, i) { return i; });
  importance.sort(function (a, b) {
    var na = data.nodes[a], nb = data.nodes[b];
    return nb.degree - na.degree || nb.pagerank - na.pagerank || (na.id < nb.id ? -1 : 1);
  });
  var labelWidth = new Float32Array(nodeCount).fill(-1);
  var measure = document.createElement("canvas").getContext("2d");
  function widthOf(i) {
    if (labelWidth[i] < 0) {
      measure.font = LABEL_FONT;
      labelWidth[i] = measure.measureText(data.nodes[i].label).width;
    }
    return labelWidth[i];
  }
  var labelRatio = null;
  function placeLabels() {
    labelled.fill(0);
    if (!renderer) { return; }
    labelRatio = renderer.getCamera().ratio;
    var CELL = 64, H = 16, PAD = 3;
    var cells = new Map();
    var boxes = [];
    function fits(x0, y0, x1, y1) {
      for (var cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++) {
        for (var cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++) {
          var list = cells.get(cx * 65536 + cy);
          if (!list) { continue; }
          for (var k = 0; k < list.length; k++) {
            var b = boxes[list[k]];
            if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) { return false; }
          }
        }
      }
      return true;
    }
    function add(x0, y0, x1, y1) {
      boxes.push([x0, y0, x1, y1]);
      for (var cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++) {
        for (var cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++) {
          var key = cx * 65536 + cy;
          if (!cells.has(key)) { cells.set(key, []); }
          cells.get(key).push(boxes.length - 1);
        }
      }
    }
    var order = importance;
    if (keepNodes !== null) {
      order = importance.filter(function (i) { return keepNodes.has(i); });
    }
    var sel = selectedNode !== null ? nodeIndex.get(selectedNode) : -1;
    if (sel >= 0) { order = [sel].concat(order.filter(function (i) { return i !== sel; })); }
    var w = container.clientWidth, h = container.clientHeight;
    for (var k = 0; k < order.length; k++) {
      var i = order[k];
      if (nodeHidden[i]) { continue; }
      var n = data.nodes[i];
      var p = renderer.graphToViewport({ x: n.x, y: -n.y });
      /* far outside the view: labelled if it fits when the view gets there */
      if (p.x < -2 * w || p.x > 3 * w || p.y < -2 * h || p.y > 3 * h) { continue; }
      var r = renderer.getNodeDisplayData(n.id);
      var size = r ? renderer.scaleSize(r.size) : 4;
      var x0 = p.x + size + 3 - PAD, y0 = p.y - H / 2 - PAD;
      var x1 = p.x + size + 3 + widthOf(i) + PAD, y1 = p.y + H / 2 + PAD;
      if (fits(x0, y0, x1, y1) && fits(p.x - size, p.y - size, p.x + size, p.y + size)) {
        add(x0, y0, x1, y1);
        labelled[i] = 1;
      }
    }
  }
  var labelTimer = null;
  function relabel() {
    labelTimer = null;
    placeLabels();
    refresh();
  }
  function majorIds() {
    var ids = [];
    for (var i = 0; i < nodeCount; i++) { if (major[i]) { ids.push(data.nodes[i].id); } }
    return ids;
  }
  var isolatedBox = document.getElementById("kg-hide-isolated");
  isolatedBox.checked = hideIsolated;
  isolatedBox.addEventListener("change", function () {
    hideIsolated = isolatedBox.checked;
    applyFilters();
    fitVisible(true);
  });
  var degreeInput = document.getElementById("kg-min-degree");
  degreeInput.max = String(Math.max(1, Math.min(50, data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 0))));
  degreeInput.addEventListener("input", function () {
    minDegree = Number(degreeInput.value);
    document.getElementById("kg-min-degree-value").textContent = String(minDegree);
    applyFilters();
    fitVisible(true);
  });
  var confidenceInput = document.getElementById("kg-min-confidence");
  confidenceInput.addEventListener("input", function () {
    minConfidence = Number(confidenceInput.value);
    document.getElementById("kg-min-confidence-value").textContent = minConfidence.toFixed(2);
    applyFilters();
  });
  /* the entities within depth steps of id, facts followed either way */
  function neighbourhood(id, depth) {
    var seen = new Set([nodeIndex.get(id)]);
    var frontier = [nodeIndex.get(id)];
    for (var step = 0; step < depth; step++) {
      var next = [];
      frontier.forEach(function (i) {
        incident[i].forEach(function (e) {
          [edgeSource[e], edgeTarget[e]].forEach(function (j) {
            if (!seen.has(j)) { seen.add(j); next.push(j); }
          });
        });
      });
      frontier = next;
    }
    return new Set(Array.from(seen).map(function (i) { return data.nodes[i].id; }));
  }
  function showEgo(id, depth) {
    if (!nodeIndex.has(id)) { return 0; }
    ego = neighbourhood(id, depth);
    selectedNode = id;
    applyFilters();
    fitVisible(true);
    return ego.size;
  }
  document.getElementById("kg-ego").addEventListener("click", function () {
    if (selectedNode !== null) {
      showEgo(selectedNode, Number(document.getElementById("kg-ego-depth").value));
    }
  });
  function checkbox(label, count, extraClass, onChange) {
    var box = el("input", { type: "checkbox" });
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); applyFilters(); });
    return el("label", extraClass ? { "class": extraClass } : {}, [box, " " + label + " ",
      el("span", { "class": "kg-count", text: "(" + count + ")" })]);
  }
  var typeFilters = document.getElementById("kg-type-filters");
  var typeBoxes = new Map();
  data.types.forEach(function (t) {
    var count = data.nodes.filter(function (n) { return n.type === t.name; }).length;
    if (!count) { return; }
    var label = checkbox(t.name, count, "", function (on) {
      if (on) { hiddenTypes.delete(t.name); } else { hiddenTypes.add(t.name); }
    });
    typeBoxes.set(t.name, label.querySelector("input"));
    typeFilters.appendChild(label);
  });
  var relationFilters = document.getElementById("kg-relation-filters");
  data.relations.forEach(function (r) {
    relationFilters.appendChild(checkbox(r.name, r.count, r.open ? "kg-open" : "", function (on) {
      if (on) { hiddenRelations.delete(r.name); } else { hiddenRelations.add(r.name); }
    }));
  });
  function setAllRelations(on) {
    relationFilters.querySelectorAll("input").forEach(function (box) { box.checked = on; });
    hiddenRelations = new Set(on ? [] : data.relations.map(function (r) { return r.name; }));
    applyFilters();
  }
  document.getElementById("kg-relations-all").addEventListener("click", function () { setAllRelations(true); });
  document.getElementById("kg-relations-none").addEventListener("click", function () { setAllRelations(false); });

  /* ---- details ---- */
  var details = document.getElementById("kg-details");

  function entityLink(id) {
    var n = byId.get(id);
    var b = el("button", { type: "button", "class": "kg-entity-link", text: n ? n.label : id });
    b.addEventListener("click", function () { focus(id); });
    return b;
  }
  function sameAsLink(iri) {
    var m = /wikidata\.org\/entity\/(Q\d+)/.exec(iri);
    var g = /geonames\.org\/(\d+)/.exec(iri);
    var text = m ? "Wikidata " + m[1] : g ? "GeoNames " + g[1] : iri;
    return /^https?:\/\//.test(iri) ?
      el("a", { href: iri, target: "_blank", rel: "noopener noreferrer", text: text }) :
      el("span", { text: iri });
  }
  function source(iri) {
    var doc = data.documents[iri] || { title: "", url: "" };
    var name = doc.title || iri;
    var children = ["\u2014 "];
    children.push(/^https?:\/\//i.test(doc.url || "") ? el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer", text: name }) : name);
    if (doc.text) {
      var read = el("button", { type: "button", "class": "kg-read", text: "read the article" });
      read.addEventListener("click", function () { showArticle(iri); });
      children.push(" ", read);
    }
    return el("div", { "class": "kg-source", title: iri }, children);
  }

  /* ---- the article view: the text, its entities marked, each sentence's facts after it ---- */
  var wordChar = /[\p{L}\p{N}]/u;
  function mentions(doc, iri) {
    var names = [];
    var ids = new Set(doc.entities || []);  /* kgo:mentionedIn, and the ends of its facts */
    data.edges.forEach(function (e) {
      if (e.evidence.some(function (ev) { return ev.document === iri; })) {
        ids.add(e.source);
        ids.add(e.target);
      }
    });
    Array.from(ids).sort().forEach(function (id) {
      var n = byId.get(id);
      if (!n) { return; }
      [n.label].concat(n.aliases).forEach(function (name) {
        if (name.length > 1) { names.push({ name: name, id: id }); }
      });
    });
    names.sort(function (a, b) { return b.name.length - a.name.length || (a.id < b.id ? -1 : 1); });
    var text = doc.text;
    var taken = new Uint8Array(text.length);
    var marks = [];
    names.forEach(function (m) {
      for (var at = text.indexOf(m.name); at >= 0; at = text.indexOf(m.name, at + 1)) {
        var end = at + m.name.length;
        if ((at > 0 && wordChar.test(text[at - 1])) || (end < text.length && wordChar.test(text[end]))) { continue; }
        var free = true;
        for (var i = at; i < end && free; i++) { free = !taken[i]; }
        if (!free) { continue; }
        taken.fill(1, at, end);
        marks.push({ start: at, end: end, id: m.id });
      }
    });
    return { marks: marks.sort(function (a, b) { return a.start - b.start; }), entities: ids.size };
  }
  function showArticle(iri) {
    var doc = data.documents[iri];
    if (!doc || !doc.text) { return 0; }
    var text = doc.text;
    var bySpan = new Map();
    data.edges.forEach(function (e, i) {
      e.evidence.forEach(function (ev) {
        if (ev.document !== iri || !(ev.end > ev.start)) { return; }
        var key = ev.start + ":" + ev.end;
        if (!bySpan.has(key)) { bySpan.set(key, { start: ev.start, end: ev.end, edges: [] }); }
        var span = bySpan.get(key);
        if (span.edges.indexOf(i) < 0) { span.edges.push(i); }
      });
    });
    var sentences = Array.from(bySpan.values()).sort(function (a, b) { return a.start - b.start; });
    var segments = [];  /* the text cut at the sentences that have facts */
    var at = 0;
    sentences.forEach(function (sn) {
      if (sn.start < at) { return; }
      if (sn.start > at) { segments.push({ start: at, end: sn.start, edges: null }); }
      segments.push(sn);
      at = sn.end;
    });
    if (at < text.length) { segments.push({ start: at, end: text.length, edges: null }); }
    var found = mentions(doc, iri);
    var marks = found.marks;
    var article = el("div", { "class": "kg-article" });
    var m = 0;
    segments.forEach(function (seg) {
      var box = el("span", seg.edges ? { "class": "kg-fact-sentence" } : {});
      var pos = seg.start;
      while (m < marks.length && marks[m].start < seg.end) {
        var mark = marks[m++];
        if (mark.start < pos || mark.end > seg.end) { continue; }  /* across a boundary: plain */
        box.appendChild(document.createTextNode(text.slice(pos, mark.start)));
        var n = byId.get(mark.id);
        var tag = el("mark", { "class": "kg-mention", title: n.label + " (" + n.type + ")",
                               "data-entity": mark.id, text: text.slice(mark.start, mark.end) });
        tag.style.borderBottomColor = typeColour.get(n.type) || "#999";
        tag.addEventListener("click", function (id) { return function () { focus(id); }; }(mark.id));
        box.appendChild(tag);
        pos = mark.end;
      }
      box.appendChild(document.createTextNode(text.slice(pos, seg.end)));
      article.appendChild(box);
      if (seg.edges) {
        var facts = el("span", { "class": "kg-article-facts" });
        seg.edges.forEach(function (i) { facts.appendChild(factLine(data.edges[i])); });
        article.appendChild(facts);
      }
    });
    details.replaceChildren();
    details.appendChild(el("h2", { text: doc.title || iri }));
    details.appendChild(el("p", { "class": "kg-note", text: plural(marks.length, "mention") + " of " +
      plural(found.entities, "entity", "entities") + " \u00b7 " +
      plural(sentences.length, "sentence") + " with facts" }));
    details.appendChild(article);
    details.scrollTop = 0;
    return marks.length;
  }
  function evidenceList(items) {
    var frag = document.createDocumentFragment();
    items.forEach(function (ev) {
      frag.appendChild(el("blockquote", { "class": "kg-evidence", text: ev.sentence }));
      if (ev.document) { frag.appendChild(source(ev.document)); }
    });
    if (!items.length) { frag.appendChild(el("p", { "class": "kg-note", text: "No evidence sentence recorded." })); }
    return frag;
  }
  function factLine(e) {
    return el("div", {}, [entityLink(e.source), " ",
      el("span", { "class": "kg-relation", text: e.predicate + (e.open ? " (open)" : "") }), " ",
      entityLink(e.target),
      el("span", { "class": "kg-count", text: " confidence " + e.confidence.toFixed(2) })]);
  }

  function showNode(id) {
    var n = byId.get(id);
    details.replaceChildren();
    details.appendChild(el("h2", { text: n.label }));
    var colour = typeColour.get(n.type);
    var dl = el("dl", {}, [
      el("dt", { text: "Type" }), el("dd", {}, [swatch(colour), n.type]),
      el("dt", { text: "Also" }), el("dd", { text: n.aliases.length ? n.aliases.join(", ") : "\u2014" })
    ]);
    if (n.same_as.length) {
      var links = el("dd");
      n.same_as.forEach(function (iri, i) { if (i) { links.appendChild(document.createTextNode(", ")); } links.appendChild(sameAsLink(iri)); });
      dl.appendChild(el("dt", { text: "Links" }));
      dl.appendChild(links);
    }
    dl.appendChild(el("dt", { text: "IRI" }));
    dl.appendChild(el("dd", { text: n.id }));
    dl.appendChild(el("dt", { text: "PageRank" }));
    dl.appendChild(el("dd", { text: n.pagerank.toFixed(4) + "  \u00b7  community " + n.community }));
    details.appendChild(dl);

    var facts = [];
    data.edges.forEach(function (e, i) { if (e.source === id || e.target === id) { facts.push(i); } });
    details.appendChild(el("h3", { text: "Facts (" + facts.length + ")" }));
    var list = el("ol");
    facts.forEach(function (i) {
      var e = data.edges[i];
      var item = el("li", { "class": "kg-fact", "data-edge": "e" + i }, [factLine(e)]);
      item.appendChild(evidenceList(e.evidence));
      list.appendChild(item);
    });
    details.appendChild(list);
    if (n.quotes.length) {
      details.appendChild(el("h3", { text: "Quotations (" + n.quotes.length + ")" }));
      var quotes = el("ol");
      n.quotes.forEach(function (q) {
        var item = el("li", { "class": "kg-fact" }, [el("div", { text: "\u201c" + q.text + "\u201d" })]);
        item.appendChild(evidenceList([{ sentence: q.sentence, document: q.document }]));
        quotes.appendChild(item);
      });
      details.appendChild(quotes);
    }
  }

  function showEdge(index) {
    var e = data.edges[index];
    details.replaceChildren();
    details.appendChild(el("h2", { text: e.predicate }));
    details.appendChild(el("p", { "class": "kg-note", text: e.open ?
      "Open relation: a verb outside the relation inventory." : "Relation from the inventory." }));
    details.appendChild(factLine(e));
    details.appendChild(el("h3", { text: "Evidence (" + e.evidence.length + ")" }));
    details.appendChild(evidenceList(e.evidence));
    /* other facts between the same two entities (drawn on top of each other) */
    var others = incident[edgeSource[index]].filter(function (j) {
      return j !== index && ((edgeSource[j] === edgeSource[index] && edgeTarget[j] === edgeTarget[index]) ||
        (edgeSource[j] === edgeTarget[index] && edgeTarget[j] === edgeSource[index]));
    });
    if (others.length) {
      details.appendChild(el("h3", { text: "Other facts between them (" + others.length + ")" }));
      others.forEach(function (j) { details.appendChild(factLine(data.edges[j])); });
    }
  }

  /* an entity and its neighbours (or an edge and its ends) in colour, the rest faded */
  function highlight(kind, key) {
    keepNodes = null;
    keepEdges = null;
    selectedEdge = -1;
    if (kind === "node") {
      var i = nodeIndex.get(key);
      keepNodes = new Set([i]);
      keepEdges = new Set();
      incident[i].forEach(function (e) {
        keepEdges.add(e);
        keepNodes.add(edgeSource[e]);
        keepNodes.add(edgeTarget[e]);
      });
    } else if (kind === "edge") {
      selectedEdge = key;
      keepEdges = new Set([key]);
      keepNodes = new Set([edgeSource[key], edgeTarget[key]]);
    }
    placeLabels();
    refresh();
  }

  function select(id) {
    selectedNode = id;
    highlight("node", id);
    showNode(id);
  }

  function focus(id) {
    if (!nodeIndex.has(id)) { return false; }
    var n = byId.get(id);
    if (hiddenTypes.has(n.type)) {
      hiddenTypes.delete(n.type);
      typeBoxes.get(n.type).checked = true;
      applyFilters();
    }
    if (nodeHidden[nodeIndex.get(id)]) {  /* hidden by the other filters: show what it takes */
      ego = null;
      hideIsolated = false;
      isolatedBox.checked = false;
      minDegree = 0;
      degreeInput.value = "0";
      document.getElementById("kg-min-degree-value").textContent = "0";
      applyFilters();
    }
    select(id);
    center(id, 1.3);
    return true;
  }

  function reset() {
    if (ego !== null) { ego = null; applyFilters(); }
    selectedNode = null;
    highlight(null);
    fitVisible(true);
  }
  document.getElementById("kg-reset").addEventListener("click", reset);

  if (renderer) {
    /* labels placed again when the zoom changes (not on a pan: they are placed around the view) */
    /* zooming out brings labels together: placed again at once (1.2 times out); zooming in
       spreads them: placed again when the camera rests */
    function later() {
      if (labelTimer !== null) { clearTimeout(labelTimer); }
      labelTimer = setTimeout(relabel, 150);
    }
    renderer.getCamera().on("updated", function (state) {
      if (labelRatio !== null && Math.abs(state.ratio / labelRatio - 1) < 0.02) { return; }
      if (labelRatio !== null && state.ratio > labelRatio * 1.2) {
        /* after sigma's own frame for this camera: its projection is updated there */
        if (labelTimer !== null) { clearTimeout(labelTimer); }
        labelRatio = state.ratio;
        labelTimer = null;
        requestAnimationFrame(function () { relabel(); later(); });
      } else {
        later();
      }
    });
    renderer.on("resize", later);
    renderer.on("clickNode", function (evt) { select(evt.node); });
    renderer.on("clickEdge", function (evt) {
      var i = graph.getEdgeAttribute(evt.edge, "i");
      selectedNode = null;
      highlight("edge", i);
      showEdge(i);
    });
    renderer.on("clickStage", function () { selectedNode = null; highlight(null); });
    renderer.on("enterNode", function () { container.style.cursor = "pointer"; });
    renderer.on("leaveNode", function () { container.style.cursor = ""; });
    renderer.on("enterEdge", function () { container.style.cursor = "pointer"; });
    renderer.on("leaveEdge", function () { container.style.cursor = ""; });
  }

  /* ---- search ---- */
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var index = data.nodes.map(function (n) {
    return { id: n.id, names: [fold(n.label)].concat(n.aliases.map(fold)), pagerank: n.pagerank,
             degree: n.degree };
  });
  function search(query) {
    var q = fold(query.trim());
    if (!q) { return []; }
    var found = [];
    index.forEach(function (entry) {
      var best = 99;
      entry.names.forEach(function (name, i) {
        var alias = i > 0 ? 1 : 0;
        var rank = name === q ? 0 : name.startsWith(q) ? 2 : name.indexOf(q) >= 0 ? 4 : 99;
        if (rank < 99) { best = Math.min(best, rank + alias); }
      });
      if (best < 99) { found.push({ id: entry.id, rank: best, pagerank: entry.pagerank, degree: entry.degree }); }
    });
    /* a whole name or alias first, then one that starts so, then one that holds the text; within
       each, the best-connected entity first (a surname finds the person the facts are about, not
       a stray mention), then a label before an alias */
    found.sort(function (a, b) {
      return (a.rank >> 1) - (b.rank >> 1) || b.degree - a.degree || a.rank - b.rank ||
        b.pagerank - a.pagerank || (a.id < b.id ? -1 : 1);
    });
    return found.map(function (f) { return f.id; });
  }
  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  function showResults() {
    results.replaceChildren();
    search(input.value).slice(0, 12).forEach(function (id) {
      var n = byId.get(id);
      var b = el("button", { type: "button" }, [n.label + " "]);
      if (n.aliases.length) { b.appendChild(el("span", { "class": "kg-alias", text: n.aliases.join(", ") })); }
      b.appendChild(el("span", { "class": "kg-count", text: (n.aliases.length ? " \u00b7 " : "") + plural(n.degree, "fact") }));
      b.addEventListener("click", function () { focus(id); });
      results.appendChild(el("li", {}, [b]));
    });
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter") {
      var hits = search(input.value);
      if (hits.length) { focus(hits[0]); }
    }
  });

  setColours(colourBy);
  applyFilters();
  fitVisible(false);
  relabel();
  /* labels on screen now (sigma's label grid, plus the forced ones) */
  function labelsShown() {
    var ids = [];
    for (var i = 0; i < nodeCount; i++) { if (labelled[i] && !nodeHidden[i]) { ids.push(data.nodes[i].id); } }
    return ids;
  }
  window.kgExplorer = { renderer: renderer, graph: graph, data: data, focus: focus, search: search,
                        showNode: showNode, showEdge: showEdge, setColours: setColours, reset: reset,
                        showEgo: showEgo, applyFilters: applyFilters, showArticle: showArticle,
                        counts: drawnCounts, zoom: zoom, screenPosition: screenPosition,
                        selected: function () { return selectedNode; }, major: majorIds,
                        labelsShown: labelsShown, fitVisible: fitVisible,
                        setupMilliseconds: performance.now() - started };
})();
