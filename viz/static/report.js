/* The briefing page: a print button, and the panorama drawn again at print resolution (about
 * 300 dpi on its A4 page, print.js) into an image that print shows in place of the screen's
 * canvas. */
(function () {
  "use strict";
  var A = window.Atlas;
  /* the printed figure: about 220 × 150 mm at 300 dpi */
  var FIGURE = { w: 2600, h: 1770 };
  function printFigure() {
    var box = document.getElementById("network");
    if (!A || !A.network || !A.renderLarge || !box) return;
    var pic = A.renderLarge(FIGURE.w, FIGURE.h);
    var img = document.getElementById("report-figure-print") ||
      A.el("img", { id: "report-figure-print", className: "print-only" });
    img.setAttribute("alt", "产业链全景图 Industry-chain panorama");
    img.setAttribute("width", String(FIGURE.w)); img.setAttribute("height", String(FIGURE.h));
    img.src = pic.toDataURL("image/png"); /* a data: URL made here, not from data */
    if (!img.parentNode) box.parentNode.insertBefore(img, box.nextSibling);
    document.body.setAttribute("data-print-ready", "1");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("btn-print");
    if (button) button.addEventListener("click", function () { window.print(); });
    if (!A || !A.network) return;
    if (document.body.getAttribute("data-drawn")) setTimeout(printFigure, 0);
    else A.network.once("afterDrawing", function () { setTimeout(printFigure, 0); });
  });
}());
