/* One view (/view/..., and the graph beside the match and paths answers): draw the embedded
 * view, focus items of the side panel, expand folded groups, open a node's own view. */
(function () {
  "use strict";
  var A = window.Atlas;

  function withParam(name, value) {
    var url = new URL(window.location.href);
    url.searchParams.append(name, value);
    return url.pathname + url.search;
  }
  /* a node's own view, on the day this page is about */
  function ownView(data) {
    var id = encodeURIComponent(data.id);
    if (data.label === "Enterprise") return A.dated(A.rootPath() + "/view/enterprises/" + id);
    if (data.label === "Product") return A.dated(A.rootPath() + "/view/products/" + id);
    if (data.label === "Chain") return A.dated(A.rootPath() + "/view/chains/" + id);
    return null;
  }
  function markActive(key) {
    document.querySelectorAll(".item[data-key]").forEach(function (li) {
      li.classList.toggle("active", li.getAttribute("data-key") === key);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var view = A.readView();
    var container = document.getElementById("network");
    if (!view || !container) return;
    var standalone = document.body.getAttribute("data-standalone") === "1";
    A.createNetwork(container, view, {
      clickNode: function (node) {
        if (node.kind === "Group" && !standalone) { window.location.assign(withParam("expand", node.id)); return; }
        markActive(node.id);
      },
      doubleClickNode: function (node) {
        var href = standalone ? null : ownView(node.data);
        if (href) window.location.assign(href);
      }
    });
    document.querySelectorAll(".item[data-key], .item[data-keys]").forEach(function (li) {
      function go() {
        var key = li.getAttribute("data-key");
        if (key) { if (A.focus(key)) markActive(key); return; }
        var keys = (li.getAttribute("data-keys") || "").split(" ").filter(function (k) { return A.nodes.get(k); });
        if (!keys.length) return;
        A.network.selectNodes(keys);
        A.network.fit({ nodes: keys, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
        document.querySelectorAll(".item").forEach(function (x) { x.classList.toggle("active", x === li); });
      }
      li.addEventListener("click", go);
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
    });
    A.wireFilters();
    var fit = document.getElementById("btn-fit");
    if (fit) fit.addEventListener("click", function () { A.fitAll(true); });
    var png = document.getElementById("btn-png");
    if (png) png.addEventListener("click", function () { A.exportPNG(); });
  });
}());
