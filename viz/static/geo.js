/* ChainAtlas /geo: district outlines, firm points and supply flows on one canvas, in Web
 * Mercator, from /api/geo. No library, and no tiles unless the operator names an internal tile
 * server (CHAINATLAS_TILE_URL): every request stays on the operator's hosts.
 * Text from data is drawn with fillText or escaped into the SVG export; never HTML. */
(function () {
  "use strict";
  var A = window.Atlas;
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];
  var SHADES = ["#eef4fa", "#cfe0f1", "#9ec3e6", "#5f9fd3", "#2b6cb0"];
  var MEASURES = { enterprises: ["企业数", "firms"], local_supply_share: ["本地配套率", "local-supply coverage"], gaps: ["缺链产品", "open gaps"] };
  var state = { data: null, k: 1, tx: 0, ty: 0, grid: null, drawn: [] };
  var canvas, ctx, map;

  function merc(lon, lat) {
    var x = lon * Math.PI / 180;
    var y = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
    return [x, y];
  }
  function screen(lon, lat) {
    var m = merc(lon, lat);
    return [m[0] * state.k + state.tx, -m[1] * state.k + state.ty];
  }
  function chainColors() {
    var colors = {};
    var opts = document.querySelectorAll("#geo-chain option");
    var i = 0;
    Array.prototype.forEach.call(opts, function (o) { if (o.value) colors[o.value] = PALETTE[i++ % PALETTE.length]; });
    return colors;
  }
  function features(kind) {
    return state.data ? state.data.features.filter(function (f) { return f.properties.kind === kind; }) : [];
  }
  function rings(geom) {
    return geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  }
  function bounds() {
    var pts = [];
    features("region").forEach(function (f) { rings(f.geometry).forEach(function (p) { pts = pts.concat(p[0]); }); });
    features("enterprise").forEach(function (f) { pts.push(f.geometry.coordinates); });
    if (!pts.length) return null;
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    pts.forEach(function (c) { var m = merc(c[0], c[1]); b[0] = Math.min(b[0], m[0]); b[1] = Math.min(b[1], m[1]); b[2] = Math.max(b[2], m[0]); b[3] = Math.max(b[3], m[1]); });
    return b;
  }
  function fit() {
    var b = bounds();
    var w = canvas.width, h = canvas.height;
    if (!b) return;
    state.k = 0.92 * Math.min(w / (b[2] - b[0] || 1e-6), h / (b[3] - b[1] || 1e-6));
    state.tx = w / 2 - (b[0] + b[2]) / 2 * state.k;
    state.ty = h / 2 + (b[1] + b[3]) / 2 * state.k;
    draw();
  }
  function measure() { return document.getElementById("geo-measure").value; }
  function classes(values) {
    var nums = values.filter(function (v) { return typeof v === "number"; });
    var lo = Math.min.apply(null, nums), hi = Math.max.apply(null, nums);
    return { lo: lo, hi: hi, of: function (v) {
      if (typeof v !== "number") return null;
      if (hi === lo) return SHADES.length - 1;
      return Math.min(SHADES.length - 1, Math.floor((v - lo) / (hi - lo) * SHADES.length));
    } };
  }
  function fmt(v) {
    if (typeof v !== "number") return "—";
    return measure() === "local_supply_share" ? Math.round(v * 1000) / 10 + "%" : String(v);
  }
  function pathOf(geom) {
    var p = new Path2D();
    rings(geom).forEach(function (poly) {
      poly.forEach(function (ring) {
        ring.forEach(function (c, i) { var s = screen(c[0], c[1]); if (i) p.lineTo(s[0], s[1]); else p.moveTo(s[0], s[1]); });
        p.closePath();
      });
    });
    return p;
  }
  function flowWidths(flows) {
    var max = {};
    flows.forEach(function (f) { var u = f.properties.unit || ""; max[u] = Math.max(max[u] || 0, f.properties.volume || 0); });
    return function (f) { var m = max[f.properties.unit || ""]; return m ? 0.6 + 3.4 * Math.sqrt((f.properties.volume || 0) / m) : 1; };
  }
  function curve(a, b) {
    var mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2, dx = b[0] - a[0], dy = b[1] - a[1];
    return [mx - dy * 0.2, my + dx * 0.2];
  }
  /* An operator's XYZ tiles under the outlines (CHAINATLAS_TILE_URL): Web Mercator, as drawn. */
  var tileCache = {};
  function tiles() {
    var url = map.getAttribute("data-tiles");
    if (!url) return false;
    var world = 2 * Math.PI * state.k;
    var z = Math.max(0, Math.min(19, Math.round(Math.log2(world / 256))));
    var n = Math.pow(2, z), size = world / n;
    function col(sx) { return Math.floor(((sx - state.tx) / state.k + Math.PI) / (2 * Math.PI) * n); }
    function row(sy) { return Math.floor((Math.PI - (state.ty - sy) / state.k) / (2 * Math.PI) * n); }
    var x0 = Math.max(0, col(0)), x1 = Math.min(n - 1, col(canvas.width));
    var y0 = Math.max(0, row(0)), y1 = Math.min(n - 1, row(canvas.height));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 96) return true;
    for (var x = x0; x <= x1; x++) for (var y = y0; y <= y1; y++) {
      var key = z + "/" + x + "/" + y, img = tileCache[key];
      if (!img) {
        img = tileCache[key] = new Image();
        img.crossOrigin = "anonymous";
        img.onload = function () { window.requestAnimationFrame(draw); };
        img.src = url.replace("{z}", z).replace("{x}", x).replace("{y}", y);
      }
      if (img.complete && img.naturalWidth) {
        ctx.drawImage(img, (x / n * 2 * Math.PI - Math.PI) * state.k + state.tx, state.ty - (Math.PI - y / n * 2 * Math.PI) * state.k, size, size);
      }
    }
    return true;
  }
  function draw() {
    if (!state.data) return;
    var colors = chainColors(), m = measure();
    var regions = features("region"), firms = features("enterprise");
    var flows = document.getElementById("geo-flows").checked ? features("supply") : [];
    var cls = classes(regions.map(function (f) { return f.properties[m]; }));
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    var tiled = tiles();
    regions.forEach(function (f) {
      var p = pathOf(f.geometry), c = cls.of(f.properties[m]);
      ctx.fillStyle = c === null ? "#f0f0f0" : SHADES[c];
      ctx.globalAlpha = tiled ? 0.55 : 1;
      ctx.fill(p, "evenodd");
      ctx.globalAlpha = 1;
      ctx.strokeStyle = "#5b6b7d"; ctx.lineWidth = 1.2; ctx.stroke(p);
    });
    var width = flowWidths(flows), at = {};
    firms.forEach(function (f) { at[f.properties.id] = screen(f.geometry.coordinates[0], f.geometry.coordinates[1]); });
    ctx.globalAlpha = 0.55;
    flows.forEach(function (f) {
      var a = at[f.properties.supplier_id], b = at[f.properties.buyer_id];
      if (!a || !b) return;
      var c = curve(a, b);
      ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.quadraticCurveTo(c[0], c[1], b[0], b[1]);
      ctx.strokeStyle = f.properties.cross_region ? "#e8590c" : "#3b5b92";
      ctx.lineWidth = width(f); ctx.stroke();
    });
    ctx.globalAlpha = 1;
    var r = firms.length > 3000 ? 2 : 4;
    state.grid = {}; state.drawn = [];
    firms.forEach(function (f) {
      var s = at[f.properties.id], color = colors[f.properties.chain_id] || "#666";
      ctx.beginPath(); ctx.arc(s[0], s[1], r, 0, 2 * Math.PI);
      if (f.properties.approximate) { ctx.strokeStyle = color; ctx.lineWidth = 1.5; ctx.stroke(); }
      else { ctx.fillStyle = color; ctx.fill(); }
      var key = Math.floor(s[0] / 12) + ":" + Math.floor(s[1] / 12);
      (state.grid[key] = state.grid[key] || []).push([s, f]);
      state.drawn.push(f);
    });
    ctx.fillStyle = "#1f2933"; ctx.font = "bold 14px 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
    regions.forEach(function (f) {
      var b = [Infinity, Infinity, -Infinity, -Infinity];
      rings(f.geometry).forEach(function (p) { p[0].forEach(function (c) { var s = screen(c[0], c[1]); b[0] = Math.min(b[0], s[0]); b[1] = Math.min(b[1], s[1]); b[2] = Math.max(b[2], s[0]); b[3] = Math.max(b[3], s[1]); }); });
      ctx.fillText(f.properties.name + " " + (f.properties.name_en || "") + " · " + fmt(f.properties[m]), b[0] + 6, b[1] + 18);
    });
    document.getElementById("geo-count-firms").textContent = String(firms.length);
    document.getElementById("geo-count-flows").textContent = String(flows.length);
    map.setAttribute("data-firms", String(firms.length));
    map.setAttribute("data-flows", String(flows.length));
    map.setAttribute("data-regions", String(regions.length));
    legend(colors, cls);
  }
  function legend(colors, cls) {
    var box = document.getElementById("geo-legend"), m = measure();
    box.textContent = "";
    box.appendChild(A.el("h2", {}, A.bi("图例", "Legend")));
    var shades = A.el("ul", {});
    shades.appendChild(A.el("li", {}, A.bi(MEASURES[m][0], MEASURES[m][1])));
    SHADES.forEach(function (c, i) {
      var sw = A.el("span", { className: "swatch" }); sw.style.background = c;
      var lo = cls.lo + (cls.hi - cls.lo) * i / SHADES.length;
      shades.appendChild(A.el("li", {}, sw, fmt(m === "local_supply_share" ? lo : Math.round(lo))));
    });
    box.appendChild(shades);
    var chains = A.el("ul", {});
    Array.prototype.forEach.call(document.querySelectorAll("#geo-chain option"), function (o) {
      if (!o.value) return;
      var dot = A.el("span", { className: "dot" }); dot.style.background = colors[o.value];
      chains.appendChild(A.el("li", {}, dot, o.textContent));
    });
    var hollow = A.el("span", { className: "dot hollow" });
    chains.appendChild(A.el("li", {}, hollow, A.bi("位置近似（园区或区县）", "approximate (park or district)")));
    box.appendChild(chains);
    var lines = A.el("ul", {});
    [["#3b5b92", "区内供应", "supply within a district"], ["#e8590c", "跨区供应", "supply across districts"]].forEach(function (l) {
      var sw = A.el("span", { className: "swatch" }); sw.style.background = l[0];
      lines.appendChild(A.el("li", {}, sw, A.bi(l[1], l[2])));
    });
    box.appendChild(lines);
  }
  function nearest(x, y) {
    var best = null, bd = 64;
    for (var i = -1; i <= 1; i++) for (var j = -1; j <= 1; j++) {
      (state.grid[(Math.floor(x / 12) + i) + ":" + (Math.floor(y / 12) + j)] || []).forEach(function (e) {
        var d = (e[0][0] - x) * (e[0][0] - x) + (e[0][1] - y) * (e[0][1] - y);
        if (d < bd) { bd = d; best = e[1]; }
      });
    }
    return best;
  }
  function point(ev) {
    var r = canvas.getBoundingClientRect();
    return [(ev.clientX - r.left) * canvas.width / r.width, (ev.clientY - r.top) * canvas.height / r.height];
  }
  function resize() {
    canvas.width = map.clientWidth; canvas.height = map.clientHeight;
  }
  function query() {
    var q = new URLSearchParams({ flows: "1" });
    ["chain", "stage", "product"].forEach(function (k) { var v = document.getElementById("geo-" + k).value; if (v) q.set(k, v); });
    return A.dated("/api/geo?" + q.toString());
  }
  function load() {
    var status = document.getElementById("geo-status"), t0 = performance.now();
    A.getJSON(query()).then(function (data) {
      var t1 = performance.now();
      state.data = data; status.hidden = true;
      var notes = [], c = data.properties.counts;
      if (data.properties.unplaced) notes.push(data.properties.unplaced + " 家企业无位置信息，未画出 · " + data.properties.unplaced + " firms have no place and are not drawn");
      if (c.supplies < c.supplies_total) notes.push("画出最大的 " + c.supplies + " / " + c.supplies_total + " 条供应关系 · the largest " + c.supplies + " of " + c.supplies_total + " supply links are drawn");
      if (notes.length) { status.hidden = false; status.textContent = notes.join("；"); }
      fit();
      /* what bench/bench_geo.py reads: fetch (request and JSON parse) and first draw */
      window.AtlasGeo.perf = { fetchMs: t1 - t0, drawMs: performance.now() - t1 };
      document.body.setAttribute("data-geo-ready", "1");
    }).catch(function (e) { status.hidden = false; status.textContent = "无法加载地图 Could not load the map: " + e.message; });
  }
  function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
  function svgExport() {
    var m = measure(), colors = chainColors(), regions = features("region");
    var cls = classes(regions.map(function (f) { return f.properties[m]; }));
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + canvas.width + '" height="' + (canvas.height + 40) + '">',
      '<text x="10" y="24" font-size="18" font-family="sans-serif">' + esc(document.title) + " · " + esc(new Date().toISOString().slice(0, 10)) + "</text>",
      '<g transform="translate(0,40)">'];
    regions.forEach(function (f) {
      var d = "";
      rings(f.geometry).forEach(function (poly) { poly.forEach(function (ring) { ring.forEach(function (c, i) { var s = screen(c[0], c[1]); d += (i ? "L" : "M") + s[0].toFixed(1) + " " + s[1].toFixed(1); }); d += "Z"; }); });
      var c = cls.of(f.properties[m]);
      out.push('<path fill-rule="evenodd" fill="' + (c === null ? "#f0f0f0" : SHADES[c]) + '" stroke="#5b6b7d" d="' + d + '"><title>' + esc(f.properties.name) + "</title></path>");
    });
    if (document.getElementById("geo-flows").checked) {
      var at = {};
      features("enterprise").forEach(function (f) { at[f.properties.id] = screen(f.geometry.coordinates[0], f.geometry.coordinates[1]); });
      features("supply").forEach(function (f) {
        var a = at[f.properties.supplier_id], b = at[f.properties.buyer_id];
        if (!a || !b) return;
        var c = curve(a, b);
        out.push('<path fill="none" stroke-opacity="0.55" stroke="' + (f.properties.cross_region ? "#e8590c" : "#3b5b92") + '" d="M' + a.join(" ") + "Q" + c.join(" ") + " " + b.join(" ") + '"/>');
      });
    }
    features("enterprise").forEach(function (f) {
      var s = screen(f.geometry.coordinates[0], f.geometry.coordinates[1]), color = colors[f.properties.chain_id] || "#666";
      out.push('<circle cx="' + s[0].toFixed(1) + '" cy="' + s[1].toFixed(1) + '" r="4" ' + (f.properties.approximate ? 'fill="none" stroke="' + color + '"' : 'fill="' + color + '"') + "><title>" + esc(f.properties.name) + "</title></circle>");
    });
    out.push("</g>", '<text x="10" y="' + (canvas.height + 34) + '" font-size="11" font-family="sans-serif">' + esc(document.getElementById("geo-attribution").textContent) + "</text></svg>");
    return new Blob([out.join("\n")], { type: "image/svg+xml" });
  }
  function save(blob, name) {
    var a = A.el("a", { download: name }); a.href = URL.createObjectURL(blob);
    document.body.appendChild(a); a.click(); a.remove();
  }
  /* Where a drawn firm is on screen (client coordinates): for tests and for linking. */
  window.AtlasGeo = {
    screenOf: function (id) {
      var f = state.drawn.filter(function (d) { return d.properties.id === id; })[0];
      if (!f) return null;
      var s = screen(f.geometry.coordinates[0], f.geometry.coordinates[1]), r = canvas.getBoundingClientRect();
      return [r.left + s[0] * r.width / canvas.width, r.top + s[1] * r.height / canvas.height];
    }
  };
  document.addEventListener("DOMContentLoaded", function () {
    map = document.getElementById("geo-map"); canvas = document.getElementById("geo-canvas"); ctx = canvas.getContext("2d");
    resize();
    window.addEventListener("resize", function () { resize(); fit(); });
    document.getElementById("geo-measure").addEventListener("change", draw);
    document.getElementById("geo-flows").addEventListener("change", draw);
    document.getElementById("geo-fit").addEventListener("click", fit);
    document.getElementById("geo-svg").addEventListener("click", function () { save(svgExport(), "chainatlas-geo.svg"); });
    document.getElementById("geo-png").addEventListener("click", function () { canvas.toBlob(function (b) { save(b, "chainatlas-geo.png"); }); });
    var tip = document.getElementById("tip"), drag = null;
    canvas.addEventListener("mousemove", function (ev) {
      var p = point(ev);
      if (drag) { state.tx += p[0] - drag[0]; state.ty += p[1] - drag[1]; drag = p; draw(); return; }
      var f = nearest(p[0], p[1]);
      tip.hidden = !f;
      if (f) {
        tip.textContent = f.properties.name + " (" + f.properties.id + ") · " + (f.properties.stage || "") + (f.properties.approximate ? " · 位置近似 approximate" : "");
        tip.style.left = ev.pageX + 12 + "px"; tip.style.top = ev.pageY + 12 + "px";
      }
      canvas.style.cursor = f ? "pointer" : "grab";
    });
    canvas.addEventListener("mousedown", function (ev) { drag = point(ev); });
    window.addEventListener("mouseup", function () { drag = null; });
    canvas.addEventListener("click", function (ev) {
      var p = point(ev), f = nearest(p[0], p[1]);
      if (f) window.location.assign(A.rootPath() + "/view/enterprises/" + encodeURIComponent(f.properties.id));
    });
    canvas.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = point(ev), z = ev.deltaY < 0 ? 1.25 : 0.8;
      state.tx = p[0] - (p[0] - state.tx) * z; state.ty = p[1] - (p[1] - state.ty) * z; state.k *= z;
      draw();
    }, { passive: false });
    load();
  });
})();
