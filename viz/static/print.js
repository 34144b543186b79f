/* ChainAtlas pictures for print: the network drawn again at print resolution, and the PNG
 * export as a sheet to hand round — A4 landscape at 300 dpi (3508 × 2480 px) with the page's
 * title, the legend, the date and the source. Every text comes from the page or the view's
 * legend and is drawn with fillText (never parsed as markup). */
(function () {
  "use strict";
  var A = window.Atlas;
  if (!A) return;
  var FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";
  /* A4 landscape at 300 dpi, and the parts of the sheet */
  var SHEET = { w: 3508, h: 2480, margin: 90, head: 250, legend: 640, foot: 80 };
  A.PRINT_SHEET = SHEET;

  /* The network alone, fitted to a canvas of w × h pixels: the view is drawn again at that
   * size (not scaled up from the screen), then the screen's size and viewport come back. */
  A.renderLarge = function (w, h) {
    var net = A.network;
    if (!net) return null;
    var frame = net.canvas.frame, ratio = net.canvas.pixelRatio || window.devicePixelRatio || 1;
    var before = { position: net.getViewPosition(), scale: net.getScale(), w: frame.style.width, h: frame.style.height };
    net.setSize(Math.round(w / ratio) + "px", Math.round(h / ratio) + "px");
    A.fitAll(false);
    net.redraw();
    var out = document.createElement("canvas");
    out.width = w; out.height = h;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, w, h);
    ctx.drawImage(frame.canvas, 0, 0, w, h);
    net.setSize(before.w || "100%", before.h || "100%");
    net.moveTo({ position: before.position, scale: before.scale, animation: false });
    net.redraw();
    return out;
  };

  function both(selector) {
    var zh = document.querySelector(selector + " .zh"), en = document.querySelector(selector + " .en");
    return [zh ? zh.textContent.trim() : "", en ? en.textContent.trim() : ""];
  }
  function today() {
    var d = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function dashes(d) {
    if (!d) return [];
    if (Array.isArray(d)) return d;
    return String(d).split(/[\s,]+/).map(Number).filter(function (n) { return n > 0; });
  }
  function text(ctx, s, x, y, size, colour, weight) {
    ctx.font = (weight || "") + " " + size + "px " + FONT;
    ctx.fillStyle = colour || "#263238";
    ctx.fillText(s, x, y);
  }

  /* The legend of the view, drawn in a column from (x, y): node kinds, districts, links. */
  function legend(ctx, x, y) {
    var lg = (A.view && A.view.legend) || {}, row = 64, size = 40;
    ctx.textBaseline = "middle"; ctx.textAlign = "left";
    text(ctx, "图例 Legend", x, y, 52, "#263238", "bold");
    y += row * 1.3;
    function heading(zh, en) { y += row * 0.3; text(ctx, zh + " " + en, x, y, 40, "#546E7A", "bold"); y += row; }
    function label(zh, en) { text(ctx, zh + " " + en, x + 90, y, size); y += row; }
    if ((lg.nodes || []).length) heading("节点", "Nodes");
    (lg.nodes || []).forEach(function (n) {
      ctx.fillStyle = n.colour; ctx.beginPath();
      if (n.shape === "diamond") { ctx.moveTo(x + 35, y - 24); ctx.lineTo(x + 59, y); ctx.lineTo(x + 35, y + 24); ctx.lineTo(x + 11, y); }
      else if (n.shape === "dot") ctx.arc(x + 35, y, 20, 0, 2 * Math.PI);
      else ctx.rect(x + 15, y - 20, 40, 40);
      ctx.fill(); label(n.zh, n.en);
    });
    if ((lg.districts || []).length) heading("区域", "Districts");
    (lg.districts || []).forEach(function (d) {
      ctx.fillStyle = d.colour; ctx.beginPath(); ctx.arc(x + 35, y, 20, 0, 2 * Math.PI); ctx.fill(); label(d.zh, d.en);
    });
    var links = (lg.edges || []).filter(function (e) { return !e.hidden; }).concat(lg.coops || []);
    if (links.length) heading("关系", "Links");
    links.forEach(function (e) {
      ctx.save(); ctx.strokeStyle = e.colour; ctx.lineWidth = 8; ctx.setLineDash(dashes(e.dashes).map(function (n) { return n * 3; }));
      ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 70, y); ctx.stroke(); ctx.restore();
      label(e.zh || e.kind || "", e.en || "");
    });
  }

  /* The print sheet: title and subtitle, the network, the legend beside it, date and source. */
  A.printSheet = function () {
    var s = SHEET, out = document.createElement("canvas");
    var netW = s.w - 2 * s.margin - s.legend, netH = s.h - s.head - s.foot - s.margin;
    var pic = A.renderLarge(netW, netH);
    if (!pic) return null;
    out.width = s.w; out.height = s.h;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, s.w, s.h);
    ctx.textBaseline = "alphabetic"; ctx.textAlign = "left";
    var title = both("h1"), sub = both(".subtitle");
    text(ctx, title.filter(Boolean).join("  ") || document.title, s.margin, s.margin + 70, 84, "#263238", "bold");
    if (sub[0] || sub[1]) text(ctx, sub.filter(Boolean).join("  "), s.margin, s.margin + 150, 48, "#546E7A");
    ctx.drawImage(pic, s.margin, s.head);
    ctx.strokeStyle = "#CFD8DC"; ctx.lineWidth = 3; ctx.strokeRect(s.margin, s.head, netW, netH);
    legend(ctx, s.margin + netW + 50, s.head + 30);
    ctx.textBaseline = "alphabetic";
    text(ctx, "日期 Date " + today() + "  ·  ChainAtlas 产业链图谱", s.margin, s.h - s.foot + 20, 40, "#546E7A");
    return out;
  };

  function save(url, name) {
    var a = A.el("a", { download: name });
    a.href = url; /* a data: URL made here, not from data */
    document.body.appendChild(a); a.click(); a.remove();
  }
  /* The PNG export: the print sheet (A.printSheet), not a screenshot of the canvas. */
  A.exportPNG = function () {
    var sheet = A.printSheet();
    if (!sheet) return null;
    var url = sheet.toDataURL("image/png");
    save(url, A.fileName("png"));
    return url;
  };
}());
