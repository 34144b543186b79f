/* The briefing page: a print button, and the panorama fitted to its figure before printing. */
(function () {
  "use strict";
  var A = window.Atlas;
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("btn-print");
    if (button) button.addEventListener("click", function () { window.print(); });
    window.addEventListener("beforeprint", function () {
      if (A && A.network) { A.network.redraw(); A.network.fit({ animation: false }); }
    });
  });
}());
