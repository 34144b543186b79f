/* ChainAtlas shared page code: language and font toggles, safe DOM building, tooltips,
 * network creation (with a first-draw timing), lanes painted behind the graph, exports.
 * Every text from data goes through textContent; nothing here uses innerHTML or eval. */
(function () {
  "use strict";
  var A = (window.Atlas = {});
  var root = document.documentElement;
  var FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";

  /* ---------- DOM helpers ---------- */
  A.el = function (tag, attrs) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === undefined || v === null || v === false) return;
      if (k === "text") node.textContent = String(v);
      else if (k === "className") node.className = v;
      else if (k === "href") node.setAttribute("href", A.safeHref(v));
      else if (k.indexOf("data-") === 0 || k.indexOf("aria-") === 0 || k === "id" || k === "type" || k === "value" || k === "title" ||
               k === "tabindex" || k === "role" || k === "aria-label" || k === "download" || k === "hidden") {
        node.setAttribute(k, String(v));
      }
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  };
  /* Only same-site links: a path, a query or a fragment (never javascript:, never another host). */
  A.safeHref = function (href) {
    var s = String(href);
    return /^(\/(?!\/)|\?|#)/.test(s) ? s : "#";
  };
  A.bi = function (zh, en) {
    var span = A.el("span", { className: "bi" });
    if (zh) span.appendChild(A.el("span", { className: "zh", text: zh }));
    if (zh && en) span.appendChild(document.createTextNode(" "));
    if (en) span.appendChild(A.el("span", { className: "en", text: en }));
    return span;
  };
  A.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };
  A.rootPath = function () { return document.body.getAttribute("data-root") || ""; };

  /* ---------- language and font size ---------- */
  var LANGS = ["both", "zh", "en"];
  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function recall(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  A.setLang = function (mode) {
    root.setAttribute("data-lang", LANGS.indexOf(mode) >= 0 ? mode : "both");
    root.setAttribute("lang", mode === "en" ? "en" : "zh-CN");
    store("chainatlas.lang", root.getAttribute("data-lang"));
    if (A.nodes) {
      var updates = [];
      A.nodes.forEach(function (n) { var l = A.labelOf(n); if (l !== n.label) updates.push({ id: n.id, label: l }); });
      A.nodes.update(updates);
    }
  };
  /* The canvas label in the current language: both (Chinese first), Chinese or English;
   * dense views show one language at a time. */
  A.labelOf = function (n) {
    var mode = A.lang(), zh = n.label_zh || n.label || "", en = n.label_en || "";
    if (mode === "en") return en || zh;
    if (mode === "zh" || !en || (A.view && A.view.meta && A.view.meta.dense)) return zh;
    return zh + "\n" + en;
  };
  A.lang = function () { return root.getAttribute("data-lang") || "both"; };
  A.setLarge = function (on) {
    root.classList.toggle("large", !!on);
    store("chainatlas.large", on ? "1" : "0");
    var b = document.getElementById("size-toggle");
    if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
    if (A.network) A.network.setOptions(A.fontOptions());
  };
  /* Label sizes in canvas units, chosen so that labels read at about 12px (16px in large
   * mode) on screen at the scale the view opened with, within what the layout has room for. */
  A.fontOptions = function () {
    var large = root.classList.contains("large");
    var k = large ? 1.35 : 1;
    var s = A.baseScale || 1, most = (A.view && A.view.meta && A.view.meta.max_font) || 26;
    var node = Math.max(14 * k, Math.min(most * k, 12.5 * k / s));
    var dense = A.view && A.view.meta && A.view.meta.dense;
    /* on a dense view edge labels stay small, so they show once the reader zooms in */
    var edge = dense ? 12 * k : Math.max(12 * k, Math.min(most * 0.8 * k, 10.5 * k / s));
    return { nodes: { font: { size: Math.round(node), face: FONT } }, edges: { font: { size: Math.round(edge), face: FONT } } };
  };
  A.setLang(recall("chainatlas.lang") || "both");
  if (recall("chainatlas.large") === "1") root.classList.add("large");

  /* ---------- field names for the facts shown on hover ---------- */
  var FIELDS = {
    name: ["名称", "Name"], short_name: ["简称", "Short name"], name_en: ["英文名", "English name"],
    id: ["编号", "Id"], label: ["类型", "Kind"], credit_code: ["统一社会信用代码", "Credit code"],
    region_id: ["区域", "District"], park: ["园区", "Park"], chain_id: ["产业链", "Chain"],
    stage: ["环节", "Stage"], scale: ["规模", "Scale"], listed: ["上市", "Listed"], founded: ["成立", "Founded"],
    tags: ["标签", "Tags"], aliases: ["别名", "Aliases"], cas: ["CAS 号", "CAS"], hs_code: ["HS 编码", "HS code"],
    unit: ["单位", "Unit"], city: ["城市", "City"], province: ["省份", "Province"], role: ["角色", "Role"],
    description: ["简介", "Description"], members: ["成员数", "Members"],
    product_id: ["产品", "Product"], product_name: ["产品", "Product"], volume: ["供应量", "Volume"],
    capacity: ["产能", "Capacity"], annual_demand: ["年需求", "Annual demand"], since: ["始于", "Since"],
    source: ["来源", "Source"], kind: ["类型", "Kind"], note: ["备注", "Note"], count: ["关系数", "Links"],
    contact_person: ["联系人", "Contact"], phone: ["电话", "Phone"], email: ["邮箱", "Email"]
  };
  var HIDDEN = { key: 1, pinyin: 1, initials: 1, search_text: 1, source_bundle: 1, source_file: 1,
    source_row: 1, x: 1, y: 1, group_of: 1, aggregate: 1, base_unit: 1, capacity_base: 1,
    demand_base: 1, volume_base: 1 };
  var KIND_NAMES = { Enterprise: ["企业", "Enterprise"], Product: ["产品", "Product"], Chain: ["产业链", "Chain"],
    Region: ["区域", "Region"], Group: ["聚合", "Group"] };
  var REL_NAMES = { SUPPLIES: ["供应", "supplies"], NEEDS: ["需求", "needs"], PRODUCES: ["生产", "produces"],
    COOPERATES: ["合作", "cooperates"], INPUT_TO: ["投入", "input to"], IN_CHAIN: ["属于产业链", "in chain"],
    LOCATED_IN: ["位于", "located in"] };
  var DISTRICT_NAMES = { shangyu: ["上虞", "Shangyu"], ningbo: ["宁波", "Ningbo"], keqiao: ["柯桥", "Keqiao"],
    other: ["其他", "Elsewhere"] };
  A.KIND_NAMES = KIND_NAMES; A.REL_NAMES = REL_NAMES; A.DISTRICT_NAMES = DISTRICT_NAMES;

  function show(v) {
    if (v === true) return "是 yes";
    if (v === false) return "否 no";
    if (Array.isArray(v)) return v.map(show).join("、");
    if (v && typeof v === "object") return JSON.stringify(v);
    return String(v);
  }
  function factList(rows) {
    var dl = A.el("dl", { className: "facts" });
    rows.forEach(function (r) {
      var name = FIELDS[r[0]] || [r[0], ""];
      dl.appendChild(A.el("dt", null, A.bi(name[0], name[1])));
      dl.appendChild(A.el("dd", { text: r[1] }));
    });
    return dl;
  }
  A.nodeFacts = function (data) {
    var d = data || {};
    var kind = KIND_NAMES[d.label] || [d.label || "", ""];
    var box = A.el("div", null, A.el("h4", null, d.name || d.id || "", " ", A.el("span", { className: "en", text: d.name_en || "" })));
    var rows = [["label", kind[0] + " " + kind[1]]];
    Object.keys(d).forEach(function (k) {
      if (HIDDEN[k] || k === "label" || k === "name" || k === "name_en") return;
      var v = d[k];
      if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) return;
      if (k === "region_id" && DISTRICT_NAMES[v]) v = DISTRICT_NAMES[v][0] + " " + DISTRICT_NAMES[v][1];
      rows.push([k, show(v)]);
    });
    box.appendChild(factList(rows));
    return box;
  };
  A.edgeFacts = function (data, labelOf) {
    var d = data || {};
    var rel = REL_NAMES[d.rel] || [d.rel || "", ""];
    var head = A.el("h4", null, labelOf(d.source), " → ", labelOf(d.target));
    var rows = [["kind", rel[0] + " " + rel[1] + (d.key && d.key !== "*" ? " · " + d.key : "")]];
    var p = d.props || {};
    Object.keys(p).forEach(function (k) {
      if (HIDDEN[k] || p[k] === null || p[k] === undefined || p[k] === "") return;
      var v = p[k];
      if ((k === "volume" || k === "capacity" || k === "annual_demand") && p.unit) v = show(v) + " " + p.unit;
      if (k === "unit") return;
      rows.push([k, show(v)]);
    });
    return A.el("div", null, head, factList(rows));
  };

  /* ---------- tooltip ---------- */
  function tipBox() {
    var t = document.getElementById("tip");
    if (!t) { t = A.el("div", { className: "tip", hidden: "hidden" }); t.id = "tip"; document.body.appendChild(t); }
    return t;
  }
  A.showTip = function (container, pointer, content) {
    var t = tipBox();
    A.clear(t).appendChild(content);
    t.hidden = false;
    var r = container.getBoundingClientRect();
    var x = r.left + pointer.x + 16, y = r.top + pointer.y + 16;
    var w = t.offsetWidth, h = t.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, r.left + pointer.x - w - 16);
    if (y + h > window.innerHeight - 8) y = Math.max(8, r.top + pointer.y - h - 16);
    t.style.left = x + "px";
    t.style.top = y + "px";
  };
  A.hideTip = function () { tipBox().hidden = true; };

  /* ---------- lanes (district bands, stage columns) painted behind the graph ---------- */
  function paintLanes(ctx, lanes, network) {
    var c = ctx.canvas;
    var tl = network.DOMtoCanvas({ x: 0, y: 0 });
    var br = network.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight });
    ctx.save();
    ctx.fillStyle = "#ffffff"; /* an opaque background, so PNG exports are not transparent */
    ctx.fillRect(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
    var mode = A.lang();
    var scale = network.getScale() || 1, large = root.classList.contains("large") ? 1.3 : 1;
    var px = function (screen) { return Math.round(Math.max(screen * 0.6, screen * large / scale)); };
    lanes.forEach(function (l) {
      var text = mode === "en" ? l.en : mode === "zh" ? l.zh : (l.zh + "  " + l.en);
      if (l.kind === "band") {
        ctx.globalAlpha = 0.07; ctx.fillStyle = l.colour; ctx.fillRect(l.x, l.y, l.w, l.h);
        ctx.globalAlpha = 0.9; ctx.fillStyle = l.colour; ctx.font = "bold " + px(15) + "px " + FONT;
        ctx.textAlign = "left"; ctx.textBaseline = "top"; ctx.fillText(text, l.x + 12, l.y + 8);
      } else {
        ctx.globalAlpha = 0.35; ctx.strokeStyle = l.colour; ctx.lineWidth = 2; ctx.setLineDash([10, 8]);
        ctx.strokeRect(l.x, l.y, l.w, l.h); ctx.setLineDash([]);
        ctx.globalAlpha = 0.95; ctx.fillStyle = "#37474F"; ctx.font = "bold " + px(16) + "px " + FONT;
        ctx.textAlign = "center"; ctx.textBaseline = "bottom"; ctx.fillText(text, l.x + l.w / 2, l.y - 8);
      }
    });
    ctx.restore();
  }

  /* ---------- the network ---------- */
  /* The scale at which the whole view (nodes and lanes) fits the container. */
  function expectedScale(container, view) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    view.nodes.forEach(function (n) {
      if (typeof n.x !== "number") return;
      x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
    });
    (view.lanes || []).forEach(function (l) {
      x0 = Math.min(x0, l.x); x1 = Math.max(x1, l.x + l.w); y0 = Math.min(y0, l.y - 56); y1 = Math.max(y1, l.y + l.h);
    });
    if (!isFinite(x0)) return 1;
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    return Math.min(1.5, w / Math.max(200, x1 - x0 + 80), h / Math.max(200, y1 - y0 + 80));
  }
  A.readView = function (id) {
    var el = document.getElementById(id || "view-data");
    return el ? A.expand(JSON.parse(el.textContent)) : null;
  };
  /* A view as the server sends it (viz.ViewData.to_json) → vis-network items: colours,
   * dashes and arrows from the per-type styles, ids and answer records rebuilt. */
  A.expand = function (view) {
    var styles = view.styles || { edges: {}, coops: {} };
    view.nodes.forEach(function (n) {
      n.color = { background: n.bg, border: n.bd, highlight: { background: n.bg, border: "#000000" },
                  hover: { background: n.bg, border: "#000000" } };
    });
    view.edges.forEach(function (e) {
      var s = styles.edges[e.kind || e.rel] || styles.edges.AGGREGATE || { colour: "#90A4AE", dashes: false, arrow: true };
      var colour = (e.rel === "COOPERATES" && styles.coops[e.key]) || s.colour;
      e.data = { source: e.from, target: e.to, rel: e.rel, key: e.key, props: e.props || {} };
      if (e.agg) e.data.aggregate = true;
      if (e.kind === "CROSS_CHAIN") e.data.cross_chain = true;
      if (!e.id) e.id = e.from + ">" + e.to + ":" + e.rel + ":" + e.key;
      e.color = { color: colour, highlight: "#000000", hover: colour };
      e.dashes = s.dashes;
      e.arrows = { to: { enabled: s.arrow, scaleFactor: 0.6 } };
    });
    return view;
  };
  A.createNetwork = function (container, view, handlers) {
    var h = handlers || {};
    var t0 = performance.now();
    A.view = view;
    view.nodes.forEach(function (n) { if (n.label_zh !== undefined) n.label = A.labelOf(n); });
    var nodes = new vis.DataSet(view.nodes);
    var edges = new vis.DataSet(view.edges);
    var options = view.options;
    A.baseScale = expectedScale(container, view);
    var f = A.fontOptions();
    options.nodes = options.nodes || {}; options.nodes.font = Object.assign({}, options.nodes.font || {}, f.nodes.font);
    options.edges = options.edges || {}; options.edges.font = Object.assign({}, options.edges.font || {}, f.edges.font);
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    /* vis focuses its frame when the pointer moves over it (keyboard.autoFocus), and a focus
     * scrolls a frame taller than what the window shows of it into view: the page jumped under
     * the pointer, away from the node it was on. The same focus, without the scroll. */
    var frame = container.querySelector(".vis-network");
    if (frame) frame.focus = function () { HTMLElement.prototype.focus.call(frame, { preventScroll: true }); };
    A.perf = { nodes: view.nodes.length, edges: view.edges.length, physics: !!(view.options.physics && view.options.physics.enabled) };
    network.once("afterDrawing", function () {
      A.perf.firstDrawMs = performance.now() - t0;
      A.perf.drawnAt = performance.now(); /* since navigation start */
      document.body.setAttribute("data-drawn", "1");
    });
    var lanes = view.lanes || [];
    network.on("beforeDrawing", function (ctx) { paintLanes(ctx, lanes, network); });
    function labelOf(key) { var n = nodes.get(key); return n ? (n.data.name || n.data.id) : key; }
    network.on("hoverNode", function (p) {
      var n = nodes.get(p.node);
      if (n) A.showTip(container, p.pointer.DOM, A.nodeFacts(n.data));
    });
    network.on("hoverEdge", function (p) {
      var e = edges.get(p.edge);
      if (e) A.showTip(container, p.pointer.DOM, A.edgeFacts(e.data, labelOf));
    });
    network.on("blurNode", A.hideTip);
    network.on("blurEdge", A.hideTip);
    network.on("dragStart", A.hideTip);
    network.on("zoom", A.hideTip);
    network.on("click", function (p) {
      if (p.nodes.length && h.clickNode) h.clickNode(nodes.get(p.nodes[0]), p);
      else if (!p.nodes.length && h.clickEmpty) h.clickEmpty(p);
    });
    if (h.doubleClickNode) network.on("doubleClick", function (p) { if (p.nodes.length) h.doubleClickNode(nodes.get(p.nodes[0])); });
    A.network = network; A.nodes = nodes; A.edges = edges; A.view = view;
    window.network = network; /* for people debugging, and the browser tests */
    if (lanes.length) A.fitAll(false);
    return { network: network, nodes: nodes, edges: edges };
  };
  /* Fit the nodes and the lanes behind them (vis's own fit only knows the nodes). */
  A.fitAll = function (animate) {
    var net = A.network, lanes = (A.view && A.view.lanes) || [];
    if (!net) return;
    if (!lanes.length) { net.fit({ animation: animate ? { duration: 300 } : false }); return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    lanes.forEach(function (l) {
      x0 = Math.min(x0, l.x); x1 = Math.max(x1, l.x + l.w);
      y0 = Math.min(y0, l.y - (l.kind === "layer" ? 56 : 0)); y1 = Math.max(y1, l.y + l.h);
    });
    var pos = net.getPositions();
    Object.keys(pos).forEach(function (k) {
      var p = pos[k];
      x0 = Math.min(x0, p.x - 40); x1 = Math.max(x1, p.x + 40); y0 = Math.min(y0, p.y - 40); y1 = Math.max(y1, p.y + 40);
    });
    var c = net.canvas.frame.canvas, w = c.clientWidth || 800, h = c.clientHeight || 600;
    var scale = Math.min(w / (x1 - x0), h / (y1 - y0)) * 0.97;
    net.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale,
                 animation: animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false });
  };
  A.focus = function (key) {
    if (!A.network || !A.nodes.get(key)) return false;
    A.network.selectNodes([key]);
    /* close enough to read the labels at about 16px, never further out than now */
    var font = A.fontOptions().nodes.font.size;
    var scale = Math.max(A.network.getScale(), Math.min(1.2, 16 / font));
    A.network.focus(key, { scale: scale, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    return true;
  };

  /* ---------- filters: district, stage, link kind (checkboxes of the legend) ---------- */
  function checked(cls) {
    var on = {};
    document.querySelectorAll("input." + cls).forEach(function (i) { on[i.value] = i.checked; });
    return on;
  }
  A.applyFilters = function () {
    if (!A.nodes) return;
    var districts = checked("f-district"), stages = checked("f-stage"), rels = checked("f-rel");
    var nodeUpdates = [];
    A.nodes.forEach(function (n) {
      var byDistrict = (n.kind === "Enterprise" || n.kind === "Region" ||
        (n.kind === "Group" && n.data.group_of === "Enterprise")) && districts[n.district] === false;
      var byStage = n.stage && stages[n.stage] === false;
      var hidden = !!(byDistrict || byStage);
      if (!!n.hidden !== hidden) nodeUpdates.push({ id: n.id, hidden: hidden });
    });
    A.nodes.update(nodeUpdates);
    var edgeUpdates = [];
    A.edges.forEach(function (e) {
      var hidden = rels[e.kind || e.rel] === false;
      if (!!e.hidden !== hidden) edgeUpdates.push({ id: e.id, hidden: hidden });
    });
    A.edges.update(edgeUpdates);
    if (A.onFiltered) A.onFiltered();
  };
  A.wireFilters = function (after) {
    A.onFiltered = after || null;
    document.querySelectorAll("input.f-district, input.f-stage, input.f-rel").forEach(function (i) {
      i.addEventListener("change", A.applyFilters);
    });
  };

  /* ---------- exports ---------- */
  function download(href, name) {
    var a = A.el("a", { download: name });
    a.href = href; /* a data: or blob: URL made here, not from data */
    document.body.appendChild(a); a.click(); a.remove();
  }
  A.fileName = function (ext) {
    var base = (document.title.split("·")[0] || "chainatlas").trim().replace(/[\\/:*?"<>|\s]+/g, "_");
    return (base || "chainatlas") + "." + ext;
  };
  /* A.exportPNG (the print sheet) is in print.js */
  /* The current view (what is visible, where it is) as one standalone HTML file, made by the server. */
  A.exportHTML = function (title) {
    var positions = A.network.getPositions();
    var visible = A.nodes.get({ filter: function (n) { return !n.hidden; } });
    var keep = {};
    visible.forEach(function (n) { keep[n.id] = 1; });
    var body = {
      title: title || [document.title, ""],
      graph: {
        nodes: visible.map(function (n) { return n.data; }),
        edges: A.edges.get({ filter: function (e) { return !e.hidden && keep[e.from] && keep[e.to]; } }).map(function (e) { return e.data; })
      },
      positions: {}
    };
    visible.forEach(function (n) { var p = positions[n.id]; if (p) body.positions[n.id] = [p.x, p.y]; });
    body.lanes = (A.view && A.view.lanes) || [];
    body.dense = !!(A.view && A.view.meta && A.view.meta.dense);
    /* the session cookie goes along (same origin); a Referer naming this page too, because
     * under the pages' no-referrer policy some browsers would send "Origin: null" */
    return fetch(A.rootPath() + "/view/export", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      credentials: "same-origin", referrerPolicy: "same-origin"
    }).then(function (r) {
      if (!r.ok) throw new Error("export failed: " + r.status);
      return r.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      download(url, A.fileName("html"));
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      return blob.size;
    });
  };

  /* ---------- sign-in ---------- */
  /* Where the sign-in page sends a reader back to: the page they are on. */
  A.loginUrl = function () {
    var here = window.location.pathname.slice(A.rootPath().length) + window.location.search;
    return A.rootPath() + "/login?next=" + encodeURIComponent(here);
  };

  /* ---------- the day a page is about ---------- */
  /* A page asked with ?as_of= reads its answers on that day too (none: the API's today);
   * ``day``, when given, is the day instead (a form's date field: blank for today). */
  A.dated = function (url, day) {
    if (day === undefined) day = new URLSearchParams(window.location.search).get("as_of");
    if (!day) return url;
    return url + (url.indexOf("?") < 0 ? "?" : "&") + "as_of=" + encodeURIComponent(day);
  };

  /* ---------- fetch JSON, with problem details turned into a message ---------- */
  /* Same-origin requests carry the session cookie of a signed-in reader; a 401 means the
   * sign-in ended (expired, signed out elsewhere): back to the sign-in page, then here. */
  A.getJSON = function (url) {
    return fetch(A.rootPath() + url, {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    }).then(function (r) {
      if (r.status === 401 && !document.body.hasAttribute("data-standalone")) {
        window.location.assign(A.loginUrl());
      }
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) { var e = new Error(body.detail || body.title || ("HTTP " + r.status)); e.status = r.status; throw e; }
        return body;
      });
    });
  };

  /* ---------- wiring common to every page ---------- */
  document.addEventListener("DOMContentLoaded", function () {
    var lt = document.getElementById("lang-toggle");
    if (lt) lt.addEventListener("click", function () {
      A.setLang(LANGS[(LANGS.indexOf(A.lang()) + 1) % LANGS.length]);
      if (A.network) A.network.redraw();
    });
    var st = document.getElementById("size-toggle");
    if (st) {
      st.setAttribute("aria-pressed", root.classList.contains("large") ? "true" : "false");
      st.addEventListener("click", function () { A.setLarge(!root.classList.contains("large")); });
    }
    /* The sign-in page: a browser that followed a link from another site arrives without its
     * SameSite=Strict cookie although it is signed in; this same-origin request carries it. */
    var form = document.getElementById("login-form");
    if (form) {
      fetch(A.rootPath() + "/session", { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (s) {
          if (s && s.signed_in) window.location.replace(A.safeHref(A.rootPath() + (form.getAttribute("data-next") || "/map")));
        })
        .catch(function () { /* stay on the form */ });
    }
  });
}());
