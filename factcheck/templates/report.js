/* factcheck report: claim filters, sentence -> claim jumps, print expansion. No network, no data. */
(function () {
  "use strict";
  var table = document.getElementById("claims-table");
  var form = document.getElementById("claim-filters");
  var search = document.getElementById("f-search");
  var source = document.getElementById("f-source");
  var mode = document.getElementById("f-mode");
  var count = document.getElementById("f-count");
  var empty = document.getElementById("f-empty");
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  var texts = rows.map(function (r) { return r.textContent.toLowerCase().replace(/\s+/g, " "); });

  function verdict() {
    var c = form ? form.querySelector("input[name=verdict]:checked") : null;
    return c ? c.value : "all";
  }

  function carries(row, src) {
    for (var i = 0; i < row.cells.length; i++) {
      if (row.cells[i].getAttribute("data-src") === src) { return row.cells[i].getAttribute("data-has") === "1"; }
    }
    return false;
  }

  function apply() {
    if (!table) { return; }
    var v = verdict();
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var src = source.value;
    var lacks = mode.value === "lacks";
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = v === "all" || row.getAttribute("data-verdict") === v;
      ok = ok && words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      if (ok && src) { ok = carries(row, src) !== lacks; }
      row.classList.toggle("is-hidden", !ok);
      if (ok) { shown++; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " claims";
    empty.hidden = shown !== 0;
  }

  function reset() {
    if (!form) { return; }
    form.reset();
    apply();
  }

  function mark(el, cls) {
    Array.prototype.forEach.call(document.querySelectorAll("." + cls), function (x) { x.classList.remove(cls); });
    el.classList.add(cls);
  }

  function showClaim(row) {
    if (row.classList.contains("is-hidden")) { reset(); }
    mark(row, "is-target");
    row.scrollIntoView({ block: "center" });
    row.focus({ preventScroll: true });
  }

  if (form) {
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    document.getElementById("f-reset").addEventListener("click", reset);
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    e.preventDefault();
    if (target.classList.contains("claim")) {
      if (link.classList.contains("sent")) { mark(link, "is-current"); }
      showClaim(target);
    } else {
      if (target.classList.contains("sent")) { mark(target, "is-target"); }
      target.scrollIntoView({ block: target.classList.contains("sent") ? "center" : "start" });
    }
    if (window.history && history.replaceState) { history.replaceState(null, "", "#" + target.id); }
  });

  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  if (location.hash) {
    var start = document.getElementById(location.hash.slice(1));
    if (start && start.classList.contains("claim")) { mark(start, "is-target"); }
  }
  apply();
})();
