/* kg explorer: draws the inlined graph with cytoscape.js; search, colours, filters, details.
   Every piece of data reaches the page through textContent or attributes, never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var typeColour = new Map();
  data.types.forEach(function (t) { typeColour.set(t.name, t.colour); });
  var large = data.nodes.length > 400;

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

  /* ---- the graph ---- */
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({
      group: "nodes",
      data: { id: n.id, label: n.label, type: n.type, size: n.size, colour: typeColour.get(n.type) },
      position: { x: n.x, y: n.y }
    });
  });
  data.edges.forEach(function (e, i) {
    elements.push({
      group: "edges",
      data: { id: "e" + i, index: i, source: e.source, target: e.target, label: e.predicate,
              predicate: e.predicate, open: e.open }
    });
  });

  var cy = cytoscape({
    container: document.getElementById("kg-graph"),
    elements: elements,
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.02,
    maxZoom: 5,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    style: [
      { selector: "node", style: {
        "width": "data(size)", "height": "data(size)", "background-color": "data(colour)",
        "label": "data(label)", "font-size": 13, "min-zoomed-font-size": 7,
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap", "text-max-width": 110, "color": "#222",
        "text-outline-color": "#fff", "text-outline-width": 2,
        "border-width": 1, "border-color": "#fff" } },
      { selector: "edge", style: {
        "width": 1.5, "line-color": "#b0bec5", "curve-style": "bezier",
        "target-arrow-shape": "triangle", "target-arrow-color": "#b0bec5", "arrow-scale": 0.9,
        "label": "data(label)", "font-size": 10, "min-zoomed-font-size": 8, "color": "#607d8b",
        "text-rotation": "autorotate", "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: "edge[?open]", style: { "line-style": "dashed" } },
      { selector: ".kg-hidden", style: { "display": "none" } },
      { selector: "node.kg-major", style: { "min-zoomed-font-size": 0, "font-weight": "bold", "z-index": 10 } },
      { selector: ".kg-faded", style: { "opacity": 0.15 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
      { selector: "edge:selected", style: {
        "width": 3, "line-color": "#d62728", "target-arrow-color": "#d62728", "color": "#d62728" } }
    ]
  });

  /* ---- counts ---- */
  var counts = document.getElementById("kg-counts");
  var docCount = Object.keys(data.documents).length;
  function updateCounts() {
    var shownNodes = cy.nodes().not(".kg-hidden").length;
    var shownEdges = cy.edges().filter(function (e) {
      return !e.hasClass("kg-hidden") && !e.source().hasClass("kg-hidden") &&
        !e.target().hasClass("kg-hidden");
    }).length;
    var text = plural(data.nodes.length, "entity", "entities") + " \u00b7 " +
      plural(data.edges.length, "fact") + " \u00b7 " + plural(docCount, "source document");
    if (shownNodes !== data.nodes.length || shownEdges !== data.edges.length) {
      text += " \u00b7 showing " + shownNodes + " and " + shownEdges;
    }
    counts.textContent = text;
  }

  /* ---- colours and legend ---- */
  var colourBy = "type";
  var legend = document.getElementById("kg-legend");
  function setColours(mode) {
    colourBy = mode;
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        var n = byId.get(node.id());
        node.data("colour", mode === "type" ? typeColour.get(n.type) : communityColour(n.community));
      });
    });
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
      var shown = 0;
      for (var c = 0; c < sizes.length && c < data.communities.colours.length; c++) {
        if (sizes[c] < 2) { break; }
        legend.appendChild(el("li", {}, [swatch(communityColour(c + 1)), "community " + (c + 1) + " ",
          el("span", { "class": "kg-count", text: "(" + sizes[c] + ")" })]));
        shown += sizes[c];
      }
      if (shown < data.nodes.length) {
        legend.appendChild(el("li", {}, [swatch(data.communities.other), "smaller communities ",
          el("span", { "class": "kg-count", text: "(" + (data.nodes.length - shown) + ")" })]));
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
    cy.batch(function () {
      var degree = new Map();
      cy.edges().forEach(function (edge) {
        var e = data.edges[edge.data("index")];
        var off = hiddenRelations.has(e.predicate) || e.confidence < minConfidence ||
          hiddenTypes.has(byId.get(e.source).type) || hiddenTypes.has(byId.get(e.target).type) ||
          (ego !== null && !(ego.has(e.source) && ego.has(e.target)));
        edge.toggleClass("kg-hidden", off);
        if (!off) {
          degree.set(e.source, (degree.get(e.source) || 0) + 1);
          degree.set(e.target, (degree.get(e.target) || 0) + 1);
        }
      });
      cy.nodes().forEach(function (node) {
        var id = node.id();
        var d = degree.get(id) || 0;
        node.toggleClass("kg-hidden", hiddenTypes.has(node.data("type")) ||
          (ego !== null ? !ego.has(id) : ((hideIsolated && d === 0) || d < minDegree)));
      });
    });
    updateCounts();
    markMajor();
  }
  /* labels by importance: the best-connected entities shown keep a readable label at every
     zoom (their font scaled against the zoom); the others' labels appear as one zooms in */
  var MAJOR = 30;
  function markMajor() {
    var shown = cy.nodes().not(".kg-hidden").map(function (node) { return byId.get(node.id()); });
    shown.sort(function (a, b) {
      return b.degree - a.degree || b.pagerank - a.pagerank || (a.id < b.id ? -1 : 1);
    });
    var top = new Set(shown.slice(0, MAJOR).filter(function (n) { return n.degree > 0; })
      .map(function (n) { return n.id; }));
    cy.batch(function () {
      cy.nodes(".kg-major").forEach(function (node) {
        if (!top.has(node.id())) { node.removeClass("kg-major"); node.removeStyle(); }
      });
      top.forEach(function (id) { cy.getElementById(id).addClass("kg-major"); });
    });
    scaleLabels();
  }
  function scaleLabels() {
    var z = Math.min(cy.zoom(), 1);
    cy.batch(function () {
      cy.nodes(".kg-major").style({ "font-size": 13 / z, "text-max-width": 140 / z,
                                    "text-outline-width": 2 / z, "text-margin-y": 3 / z });
    });
  }
  var scaling = false;
  cy.on("zoom", function () {
    if (scaling) { return; }
    scaling = true;
    requestAnimationFrame(function () { scaling = false; scaleLabels(); });
  });
  var isolatedBox = document.getElementById("kg-hide-isolated");
  isolatedBox.checked = hideIsolated;
  isolatedBox.addEventListener("change", function () { hideIsolated = isolatedBox.checked; applyFilters(); fitVisible(); });
  /* the view fitted to what the filters leave (else what is left may be specks in a corner) */
  function fitVisible() {
    var shown = cy.nodes().not(".kg-hidden");
    cy.stop();
    cy.fit(shown.nonempty() ? shown : undefined, 30);
  }
  var degreeInput = document.getElementById("kg-min-degree");
  degreeInput.max = String(Math.max(1, Math.min(50, data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 0))));
  degreeInput.addEventListener("input", function () {
    minDegree = Number(degreeInput.value);
    document.getElementById("kg-min-degree-value").textContent = String(minDegree);
    applyFilters();
    fitVisible();
  });
  var confidenceInput = document.getElementById("kg-min-confidence");
  confidenceInput.addEventListener("input", function () {
    minConfidence = Number(confidenceInput.value);
    document.getElementById("kg-min-confidence-value").textContent = minConfidence.toFixed(2);
    applyFilters();
    fitVisible();
  });
  /* the entities within depth steps of id (facts followed either way, whatever the filters) */
  function neighbourhood(id, depth) {
    var seen = new Set([id]);
    var frontier = [id];
    var adjacent = new Map();
    data.edges.forEach(function (e) {
      if (!adjacent.has(e.source)) { adjacent.set(e.source, []); }
      if (!adjacent.has(e.target)) { adjacent.set(e.target, []); }
      adjacent.get(e.source).push(e.target);
      adjacent.get(e.target).push(e.source);
    });
    for (var step = 0; step < depth; step++) {
      var next = [];
      frontier.forEach(function (n) {
        (adjacent.get(n) || []).forEach(function (m) { if (!seen.has(m)) { seen.add(m); next.push(m); } });
      });
      frontier = next;
    }
    return seen;
  }
  function showEgo(id, depth) {
    ego = neighbourhood(id, depth);
    applyFilters();
    cy.fit(cy.nodes().not(".kg-hidden"), 40);
    return ego.size;
  }
  document.getElementById("kg-ego").addEventListener("click", function () {
    var selected = cy.nodes(":selected");
    if (selected.nonempty()) {
      showEgo(selected[0].id(), Number(document.getElementById("kg-ego-depth").value));
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
  }

  function highlight(ele) {
    cy.batch(function () {
      cy.elements().removeClass("kg-faded");
      if (!ele) { return; }
      var keep = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
      cy.elements().not(keep).addClass("kg-faded");
    });
  }

  function focus(id) {
    var node = cy.getElementById(id);
    if (node.empty()) { return false; }
    var n = byId.get(id);
    if (hiddenTypes.has(n.type)) {
      hiddenTypes.delete(n.type);
      typeBoxes.get(n.type).checked = true;
      applyFilters();
    }
    if (node.hasClass("kg-hidden")) {  /* hidden by the other filters: show what it takes */
      ego = null;
      hideIsolated = false;
      isolatedBox.checked = false;
      minDegree = 0;
      degreeInput.value = "0";
      document.getElementById("kg-min-degree-value").textContent = "0";
      applyFilters();
    }
    cy.elements(":selected").unselect();
    node.select();
    highlight(node);
    showNode(id);
    cy.stop();
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.3) }, { duration: 250 });
    return true;
  }

  function reset() {
    if (ego !== null) { ego = null; applyFilters(); }
    cy.stop();
    cy.elements(":selected").unselect();
    highlight(null);
    fitVisible();
  }
  document.getElementById("kg-reset").addEventListener("click", reset);

  cy.on("tap", "node", function (evt) {
    var node = evt.target;
    highlight(node);
    showNode(node.id());
  });
  cy.on("tap", "edge", function (evt) {
    highlight(evt.target);
    showEdge(evt.target.data("index"));
  });
  cy.on("tap", function (evt) {
    if (evt.target === cy) { highlight(null); }
  });

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
  updateCounts();
  applyFilters();
  if (hideIsolated) { fitVisible(); }
  window.kgExplorer = { cy: cy, data: data, focus: focus, search: search, showNode: showNode,
                        showEdge: showEdge, setColours: setColours, reset: reset,
                        showEgo: showEgo, applyFilters: applyFilters, showArticle: showArticle };
})();
