// Graph page: draws the neighbourhood listed on the page as an SVG
// node-link diagram (force layout), colours nodes by document type and by
// held or not, sizes them by cited-by count. A node is chosen by click or
// keyboard (Tab, Enter); the chosen node can be opened or expanded (its
// own neighbourhood is fetched from /api/v1/graph and merged in). The list
// beside the drawing stays the accessible view and grows with it.
(function () {
  "use strict";
  var root = document.getElementById("graph");
  var box = document.getElementById("canvas");
  if (!root || !box) return;
  var SVG = "http://www.w3.org/2000/svg";
  var W = 800, H = 560;
  var dir = root.dataset.direction || "both";
  var nodes = new Map(), links = new Map(), selected = null, drawn = new Map();
  var typeClass = {
    "kamervragen": "c0", "brief": "c1", "motie": "c2", "memorie van toelichting": "c3",
    "nota naar aanleiding van het verslag": "c4", "voorstel van wet": "c5",
    "advies raad van state": "c6", "koninklijke boodschap": "c7", "verslag schriftelijk overleg": "c8"
  };

  function cls(n) {
    if (!n.held) return "c9 out";
    return typeClass[n.type] || "c" + (hash(n.type || "") % 9);
  }
  function hash(s) { var h = 0; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return Math.abs(h); }
  function radius(n) { return 6 + 3 * Math.sqrt(n.cited_by || 0); }
  function label(n) {
    return n.id + (n.title ? ": " + n.title : "") + (n.type ? " (" + n.type + ")" : "") +
      (n.held ? ", in collectie" : ", niet in collectie") + ", geciteerd door " + (n.cited_by || 0);
  }

  function load(id, depth) {
    var u = "/api/v1/graph?limit=150&id=" + encodeURIComponent(id) + "&depth=" + depth + "&direction=" + encodeURIComponent(dir) +
      (root.dataset.all ? "" : "&kind=documents");
    return fetch(u).then(function (r) {
      if (!r.ok) throw new Error("status " + r.status);
      return r.json();
    });
  }

  function merge(sub, near) {
    var added = [];
    var c = near && nodes.get(near);
    sub.nodes.forEach(function (n, i) {
      if (nodes.has(n.id)) return;
      var a = (2 * Math.PI * i) / Math.max(sub.nodes.length, 1);
      n.x = c ? c.x + 60 * Math.cos(a) : W / 2 + (n.id === sub.root ? 0 : 200 * Math.cos(a));
      n.y = c ? c.y + 60 * Math.sin(a) : H / 2 + (n.id === sub.root ? 0 : 200 * Math.sin(a));
      nodes.set(n.id, n);
      added.push(n);
    });
    sub.edges.forEach(function (e) { links.set(e.from + "\u0000" + e.to, e); });
    return added;
  }

  // layout runs a fixed number of steps of a simple force simulation:
  // repulsion between all nodes, springs along links, a pull to the centre.
  function layout(steps, fixedRoot) {
    var list = Array.from(nodes.values());
    for (var s = 0; s < steps; s++) {
      var t = 1 - s / steps;
      list.forEach(function (n) { n.vx = 0; n.vy = 0; });
      for (var i = 0; i < list.length; i++) {
        for (var j = i + 1; j < list.length; j++) {
          var a = list[i], b = list[j];
          var dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          var f = 5000 / d2;
          var d = Math.sqrt(d2);
          a.vx += f * dx / d; a.vy += f * dy / d;
          b.vx -= f * dx / d; b.vy -= f * dy / d;
        }
      }
      links.forEach(function (e) {
        var a = nodes.get(e.from), b = nodes.get(e.to);
        if (!a || !b) return;
        var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = (d - 110) * 0.04;
        a.vx += f * dx / d; a.vy += f * dy / d;
        b.vx -= f * dx / d; b.vy -= f * dy / d;
      });
      list.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.003; n.vy += (H / 2 - n.y) * 0.003;
        if (fixedRoot && n.id === fixedRoot) return;
        var m = Math.sqrt(n.vx * n.vx + n.vy * n.vy), lim = 20 * t + 1;
        if (m > lim) { n.vx *= lim / m; n.vy *= lim / m; }
        n.x = Math.min(W - 20, Math.max(20, n.x + n.vx));
        n.y = Math.min(H - 20, Math.max(20, n.y + n.vy));
      });
    }
  }

  function el(name, attrs) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  function draw() {
    // Fit the view to the drawing, with room for the labels.
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x - 30); y0 = Math.min(y0, n.y - 30);
      x1 = Math.max(x1, n.x + 150); y1 = Math.max(y1, n.y + 30);
    });
    var vw = Math.max(x1 - x0, 300), vh = Math.max(y1 - y0, 200);
    var svg = el("svg", { viewBox: [x0, y0, vw, vh].map(function (v) { return v.toFixed(0); }).join(" "), role: "group", "aria-label": "Citatiegraaf, " + nodes.size + " documenten" });
    var defs = el("defs", {});
    var marker = el("marker", { id: "pijl", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto" });
    marker.append(el("path", { d: "M0,0 L10,5 L0,10 z", "class": "arrow" }));
    defs.append(marker);
    svg.append(defs);
    links.forEach(function (e) {
      var a = nodes.get(e.from), b = nodes.get(e.to);
      if (!a || !b) return;
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1, r = radius(b) + 2;
      svg.append(el("line", { x1: a.x, y1: a.y, x2: b.x - dx * r / d, y2: b.y - dy * r / d, "class": "glink", "marker-end": "url(#pijl)" }));
    });
    drawn = new Map();
    nodes.forEach(function (n) {
      var g = el("g", { "class": "gnode " + cls(n) + (n.id === root.dataset.id ? " root" : "") + (n.id === selected ? " sel" : ""),
        tabindex: "0", role: "button", "aria-label": label(n), "data-id": n.id, transform: "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")" });
      var t = el("title", {});
      t.textContent = label(n);
      g.append(t, el("circle", { r: radius(n).toFixed(1) }));
      var tx = el("text", { x: (radius(n) + 3).toFixed(1), y: "4" });
      tx.textContent = n.id.length > 26 ? n.id.slice(0, 25) + "…" : n.id;
      g.append(tx);
      g.addEventListener("click", function () { select(n.id, true); });
      // Choose on keyup, so that the key press does not also reach the
      // button that gets the focus.
      g.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") ev.preventDefault();
      });
      g.addEventListener("keyup", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(n.id, true); }
      });
      drawn.set(n.id, g);
      svg.append(g);
    });
    box.replaceChildren(svg);
  }

  function select(id, focusPanel) {
    selected = id;
    drawn.forEach(function (g, k) { g.classList.toggle("sel", k === id); });
    document.querySelectorAll("#nodes li").forEach(function (li) { li.classList.toggle("sel", li.dataset.id === id); });
    var n = nodes.get(id);
    var panel = document.getElementById("selection");
    var h = document.createElement("p");
    h.textContent = label(n);
    var open = document.createElement("a");
    open.textContent = "Openen";
    open.id = "open-node";
    if (n.held) open.href = "/doc/" + encodeURIComponent(n.id);
    else if (n.url) { open.href = n.url; open.rel = "external noopener"; open.textContent = "Openen (externe bron)"; }
    var btn = document.createElement("button");
    btn.type = "button";
    btn.id = "expand-node";
    btn.className = "secondary";
    btn.textContent = "Uitbreiden";
    btn.addEventListener("click", function () { expand(id); });
    panel.replaceChildren(h, btn, open.href ? open : "");
    if (focusPanel) btn.focus({ preventScroll: true });
  }

  function expand(id) {
    var status = document.getElementById("selection");
    load(id, 1).then(function (sub) {
      var added = merge(sub, id);
      layout(120, null);
      draw();
      addToList(added);
      var msg = document.createElement("p");
      msg.id = "expand-result";
      msg.textContent = added.length ? added.length + " documenten toegevoegd rond " + id + "." : "Geen nieuwe documenten rond " + id + ".";
      select(id, false);
      status.append(msg);
      var g = drawn.get(id);
      if (g) g.focus({ preventScroll: true });
    }).catch(function (err) {
      var msg = document.createElement("p");
      msg.className = "fail";
      msg.textContent = "Uitbreiden mislukt: " + err.message;
      status.append(msg);
    });
  }

  function addToList(added) {
    var ul = document.getElementById("nodes");
    added.forEach(function (n) {
      var li = document.createElement("li");
      li.dataset.id = n.id;
      var a = document.createElement("a");
      a.textContent = n.id;
      if (n.held) a.href = "/doc/" + encodeURIComponent(n.id);
      else if (n.url) { a.href = n.url; a.rel = "external noopener"; a.className = "ext"; }
      var m = document.createElement("span");
      m.className = "meta";
      m.textContent = " " + (n.type ? n.type + " · " : "") + (n.held ? "in collectie" : "niet in collectie") + " · geciteerd door " + (n.cited_by || 0);
      li.append(a.href ? a : n.id, m);
      ul.append(li);
    });
    document.getElementById("nodecount").textContent = String(nodes.size);
  }

  load(root.dataset.id, root.dataset.depth || 1).then(function (sub) {
    merge(sub, null);
    var r = nodes.get(sub.root);
    if (r) { r.x = W / 2; r.y = H / 2; }
    layout(300, sub.root);
    draw();
    box.dataset.ready = "true";
  }).catch(function (err) {
    box.textContent = "De tekening kon niet worden geladen (" + err.message + "); de lijst hiernaast is volledig.";
  });
})();
