/* Pickers of the match and paths forms: type a name, pinyin, CAS or credit code, choose a hit;
 * the hidden input gets its id. Hits come from /api/search, on the day the form will ask about
 * (its date field; blank: today), and are written with textContent. */
(function () {
  "use strict";
  var A = window.Atlas;

  function picker(box) {
    var input = box.querySelector(".picker-input"), hidden = box.querySelector("input[type=hidden]");
    var list = box.querySelector(".results"), kind = box.getAttribute("data-kind");
    var timer = null, seq = 0, hits = [], active = -1;
    var form = box.closest("form"), dayField = form ? form.querySelector("input[name=as_of]") : null;
    function close() { list.hidden = true; }
    function choose(h) {
      hidden.value = h.id;
      input.value = h.name || h.id;
      close();
      box.setAttribute("data-picked", h.id);
      if (box.hasAttribute("data-autosubmit")) box.closest("form").submit();
    }
    function paint() {
      A.clear(list);
      hits.forEach(function (h, i) {
        var li = A.el("li", { role: "option", "data-id": h.id }, h.name || h.id,
          h.name_en ? A.el("span", { className: "en", text: " " + h.name_en }) : null,
          A.el("span", { className: "kind", text: " " + h.id }));
        if (i === active) li.className = "active";
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(h); });
        list.appendChild(li);
      });
      if (!hits.length) list.appendChild(A.el("li", { className: "empty" }, A.bi("没有结果", "No results")));
      list.hidden = false;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      hidden.value = "";
      var q = input.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        /* a firm found is one in the map on the form's day: the answer asked about it knows it */
        A.getJSON(A.dated("/api/search?limit=12&kind=" + encodeURIComponent(kind) + "&q=" + encodeURIComponent(q),
                          dayField ? dayField.value : undefined)).then(function (body) {
          if (mine !== seq) return;
          hits = Array.isArray(body) ? body : (body.items || []);
          active = hits.length ? 0 : -1;
          paint();
        }).catch(function () { hits = []; paint(); });
      }, 180);
    });
    input.addEventListener("keydown", function (ev) {
      if (list.hidden) return;
      if (ev.key === "ArrowDown") { active = Math.min(hits.length - 1, active + 1); paint(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { active = Math.max(0, active - 1); paint(); ev.preventDefault(); }
      else if (ev.key === "Enter") { if (active >= 0 && hits[active]) choose(hits[active]); ev.preventDefault(); }
      else if (ev.key === "Escape") close();
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".picker").forEach(picker);
    /* changing what the form asks reloads it, so its choices (needs, products) follow */
    document.querySelectorAll("[data-autosubmit-change]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
  });
}());
