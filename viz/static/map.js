/* The panorama map: chain choice, search that focuses a node, a profile panel on click,
 * expanding a node's neighbours, filters by district, stage and link kind, exports. */
(function () {
  "use strict";
  var A = window.Atlas;
  var status;

  function say(zh, en) {
    if (!status) return;
    A.clear(status);
    if (!zh && !en) { status.hidden = true; return; }
    status.appendChild(A.bi(zh, en));
    status.hidden = false;
  }
  /* what is drawn: visible nodes, and visible edges whose two ends are visible */
  function counts() {
    var shown = {};
    var n = A.nodes.get({ filter: function (x) { return !x.hidden; } });
    n.forEach(function (x) { shown[x.id] = 1; });
    var e = A.edges.get({ filter: function (x) { return !x.hidden && shown[x.from] && shown[x.to]; } }).length;
    n = n.length;
    document.getElementById("count-nodes").textContent = String(n);
    document.getElementById("count-edges").textContent = String(e);
  }

  /* ---------- merging another view into the map (expand, search hits not drawn yet) ---------- */
  function merge(view, anchorKey) {
    var here = A.network.getPositions(anchorKey ? [anchorKey] : [])[anchorKey];
    var there = null;
    view.nodes.forEach(function (n) { if (n.id === anchorKey) there = { x: n.x, y: n.y }; });
    var dx = here && there ? here.x - there.x : 0, dy = here && there ? here.y - there.y : 0;
    var added = [];
    view.nodes.forEach(function (n) {
      if (A.nodes.get(n.id)) return;
      n.x += dx; n.y += dy;
      n.label = A.labelOf(n);
      added.push(n);
    });
    A.nodes.add(added);
    var edges = view.edges.filter(function (e) { return !A.edges.get(e.id); });
    A.edges.add(edges);
    A.applyFilters();
    return added.length;
  }
  function viewUrl(label, id) {
    var kind = label === "Product" ? "products" : "enterprises";
    return A.dated("/view/" + kind + "/" + encodeURIComponent(id) + "?format=json");
  }
  function expand(label, id) {
    var key = label + ":" + id;
    return A.getJSON(viewUrl(label, id)).then(function (body) {
      var n = merge(A.expand(body.view), key);
      say("已展开 " + n + " 个相邻节点", n + " neighbouring nodes added");
      return n;
    });
  }

  /* ---------- profile panel ---------- */
  var SECTIONS = {
    Enterprise: [
      ["suppliers", "供应商", "Suppliers", "Enterprise"],
      ["customers", "客户", "Customers", "Enterprise"],
      ["partners", "合作伙伴", "Partners", "Enterprise"],
      ["needs_without_local_supply", "本地无供应的需求", "Needs without local supply", "Product"],
      ["produces", "产品", "Products", "Product"],
      ["needs", "原辅料需求", "Needs", "Product"]
    ],
    Product: [
      ["producers", "生产企业", "Producers", "Enterprise"],
      ["consumers", "需求企业", "Consumers", "Enterprise"],
      ["inputs", "原料", "Inputs", "Product"],
      ["outputs", "下游产品", "Outputs", "Product"]
    ]
  };
  function itemText(it) {
    var parts = [it.name || it.id];
    var product = it.product_name || (it.product && (it.product.name || it.product.id)) || it.product_id;
    if (product && product !== parts[0]) parts.push(product);
    if (it.kind) parts.unshift("[" + it.kind + "]");
    return parts.join(" · ");
  }
  function asItems(value) {
    if (Array.isArray(value)) return value;
    if (value && typeof value === "object") { /* e.g. partners grouped by kind */
      var out = [];
      Object.keys(value).forEach(function (k) {
        (Array.isArray(value[k]) ? value[k] : []).forEach(function (it) { out.push(Object.assign({ kind: k }, it)); });
      });
      return out;
    }
    return [];
  }
  function entityOf(profile, label) {
    var own = label === "Product" ? (profile.product || profile.node) : (profile.enterprise || profile.firm || profile.node);
    return own || profile;
  }
  function renderProfile(label, id, profile) {
    var panel = document.getElementById("profile");
    A.clear(panel);
    var me = entityOf(profile, label);
    var close = A.el("button", { type: "button", className: "close", "aria-label": "关闭 Close" }, "×");
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    var kind = A.KIND_NAMES[label] || [label, ""];
    panel.appendChild(A.el("h2", null, me.name || id, " ", A.el("span", { className: "en", text: me.name_en || "" })));
    panel.appendChild(A.el("p", { className: "note" }, A.bi(kind[0], kind[1]), " · ", id));
    var actions = A.el("div", { className: "actions" });
    var exp = A.el("button", { type: "button", id: "btn-expand" }, A.bi("展开相邻节点", "Expand neighbours"));
    exp.addEventListener("click", function () { expand(label, id).catch(function (e) { say("展开失败：" + e.message, "Could not expand: " + e.message); }); });
    actions.appendChild(exp);
    var own = label === "Product" ? "/view/products/" : "/view/enterprises/";
    actions.appendChild(A.el("a", { className: "button", href: A.rootPath() + own + encodeURIComponent(id) }, A.bi("单独视图", "Own view")));
    if (label === "Enterprise") {
      actions.appendChild(A.el("a", { className: "button", href: A.rootPath() + "/match?enterprise=" + encodeURIComponent(id) }, A.bi("找供需", "Match")));
    }
    panel.appendChild(actions);
    var facts = A.nodeFacts(Object.assign({ label: label }, me));
    facts.removeChild(facts.firstChild); /* the heading is already there */
    panel.appendChild(facts);
    (SECTIONS[label] || []).forEach(function (s) {
      var items = asItems(profile[s[0]]);
      var sec = A.el("section", { className: "panel-section", "data-section": s[0] });
      sec.appendChild(A.el("h3", null, A.bi(s[1], s[2]), " ", A.el("span", { className: "count", text: String(items.length) })));
      if (!items.length) { sec.appendChild(A.el("p", { className: "empty" }, A.bi("无", "none"))); panel.appendChild(sec); return; }
      var ul = A.el("ul");
      items.forEach(function (it) {
        var li = A.el("li", { className: "item", tabindex: "0", "data-key": (it.label || s[3]) + ":" + it.id }, itemText(it));
        li.addEventListener("click", function () { focusKey(li.getAttribute("data-key")); });
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      panel.appendChild(sec);
    });
    panel.hidden = false;
  }
  function openProfile(label, id) {
    if (label !== "Enterprise" && label !== "Product") return Promise.resolve();
    var url = (label === "Product" ? "/api/products/" : "/api/enterprises/") + encodeURIComponent(id);
    return A.getJSON(A.dated(url)).then(function (p) { renderProfile(label, id, p); })
      .catch(function (e) { say("无法读取画像：" + e.message, "Could not load the profile: " + e.message); });
  }

  /* ---------- focusing a node, drawn or not yet drawn ---------- */
  function focusKey(key) {
    var i = key.indexOf(":"), label = key.slice(0, i), id = key.slice(i + 1);
    var node = A.nodes.get(key);
    if (node && node.hidden) A.nodes.update({ id: key, hidden: false });
    if (A.focus(key)) return openProfile(label, id);
    return A.getJSON(viewUrl(label, id)).then(function (body) {
      merge(A.expand(body.view), null);
      A.focus(key);
      say("已加入地图：" + id, "Added to the map: " + id);
      return openProfile(label, id);
    });
  }

  /* ---------- search ---------- */
  function setupSearch() {
    var input = document.getElementById("search"), list = document.getElementById("results");
    var timer = null, seq = 0, hits = [], active = -1;
    function close() { list.hidden = true; active = -1; }
    function choose(hit) {
      close();
      input.value = hit.name || hit.id;
      focusKey(hit.label + ":" + hit.id).catch(function (e) { say("未找到：" + e.message, "Not found: " + e.message); });
    }
    function paint() {
      A.clear(list);
      hits.forEach(function (h, i) {
        var kind = A.KIND_NAMES[h.label] || [h.label, ""];
        var li = A.el("li", { role: "option", "data-key": h.label + ":" + h.id },
          h.name || h.id, h.name_en ? A.el("span", { className: "en", text: " " + h.name_en }) : null,
          A.el("span", { className: "kind" }, A.bi(kind[0], kind[1])),
          h.matched ? A.el("span", { className: "kind", text: "· " + h.matched }) : null);
        if (i === active) li.className = "active";
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(h); });
        list.appendChild(li);
      });
      if (!hits.length) list.appendChild(A.el("li", { className: "empty" }, A.bi("没有结果", "No results")));
      list.hidden = false;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        A.getJSON(A.dated("/api/search?limit=12&q=" + encodeURIComponent(q))).then(function (body) {
          if (mine !== seq) return;
          hits = Array.isArray(body) ? body : (body.items || []);
          active = hits.length ? 0 : -1;
          paint();
        }).catch(function (e) { say("搜索失败：" + e.message, "Search failed: " + e.message); });
      }, 180);
    });
    input.addEventListener("keydown", function (ev) {
      if (list.hidden) return;
      if (ev.key === "ArrowDown") { active = Math.min(hits.length - 1, active + 1); paint(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { active = Math.max(0, active - 1); paint(); ev.preventDefault(); }
      else if (ev.key === "Enter" && active >= 0) { choose(hits[active]); ev.preventDefault(); }
      else if (ev.key === "Escape") close();
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var view = A.readView();
    var container = document.getElementById("network");
    status = document.getElementById("map-status");
    if (!view || !container) return;
    A.createNetwork(container, view, {
      clickNode: function (node) {
        if (node.kind === "Group") {
          var url = new URL(window.location.href);
          url.searchParams.append("expand", node.id);
          window.location.assign(url.pathname + url.search);
          return;
        }
        openProfile(node.kind, node.data.id);
      }
    });
    A.wireFilters(counts);
    counts();
    var select = document.getElementById("chain-select");
    if (select) select.addEventListener("change", function () { select.form.submit(); });
    document.getElementById("btn-fit").addEventListener("click", function () { A.fitAll(true); });
    document.getElementById("btn-png").addEventListener("click", function () { A.exportPNG(); });
    document.getElementById("btn-html").addEventListener("click", function () {
      var title = document.querySelector("h1 .zh"), en = document.querySelector("h1 .en");
      A.exportHTML([title ? title.textContent : "ChainAtlas", en ? en.textContent : ""])
        .catch(function (e) { say("导出失败：" + e.message, "Export failed: " + e.message); });
    });
    setupSearch();
    window.AtlasMap = { focusKey: focusKey, expand: expand };
  });
}());
